package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backcare"
)

// TestStartPlaysTheClinicsOwnRoutine checks that the terminal player
// plays a routine the patient's clinic wrote, with its own pose and the
// clinician's dose, as the web player does.
func TestStartPlaysTheClinicsOwnRoutine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	a, cmd := startApp(t, db, "--quiet")
	me, err := a.account()
	if err != nil {
		t.Fatal(err)
	}
	j, err := a.journal()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	doc := &backcare.Account{Name: "dr.lee", Role: backcare.RoleClinician, CreatedAt: time.Now()}
	c := &backcare.Clinic{Name: "Riverside", CreatedAt: time.Now()}
	if err := j.AddAccount(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if err := j.AddClinic(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, m := range []*backcare.ClinicMember{{ClinicID: c.ID, AccountID: doc.ID, Role: backcare.InClinicClinician, JoinedAt: time.Now()},
		{ClinicID: c.ID, AccountID: me.ID, Role: backcare.InClinicPatient, JoinedAt: time.Now(), InvitedBy: doc.ID}} {
		if err := j.AddMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []*backcare.ClinicDoc{
		{Kind: backcare.ClinicPose, ID: "wall-slide", Name: "Wall slide", Text: `poses:
  - id: wall-slide
    name: Wall slide
    kind: stretch
    why: It eases the muscles beside the spine.
    targets: [erector spinae]
    dose: {hold: 45s}
    steps: [Stand with your back to a wall.]
    feel: A gentle stretch along your back.
    stop_signs: [Sharp or shooting pain]
`},
		{Kind: backcare.ClinicRoutine, ID: "wall-and-crawl", Name: "Wall and crawl", Text: "routines:\n  - id: wall-and-crawl\n    name: Wall and crawl\n    purpose: Two gentle stretches.\n    poses: [wall-slide, zombie-crawl]\n"},
	} {
		d.ClinicID, d.UpdatedBy, d.UpdatedAt = c.ID, doc.ID, time.Now()
		if err := j.SaveClinicDoc(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.SaveAssignment(ctx, &backcare.Assignment{ClinicID: c.ID, PatientID: me.ID, ClinicianID: doc.ID, Routines: []string{"wall-and-crawl"},
		Doses: map[string]backcare.DoseChange{"wall-slide": {Hold: 50 * time.Second}}, DaysPerWeek: 5, Start: time.Now(), UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	cfg, err := a.prepareStart(cmd, "", startOptions{quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range cfg.Timeline.Poses {
		got = append(got, p.ID+": "+p.Dose)
	}
	if len(got) != 2 || got[0] != "wall-slide: hold 50 seconds" || !strings.HasPrefix(got[1], "zombie-crawl") {
		t.Errorf("the terminal plays %q, want the clinic's wall slide held 50 s, then the crawl", got)
	}
}
