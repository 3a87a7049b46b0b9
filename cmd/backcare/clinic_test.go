package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backcare"
)

func TestClinicCommands(t *testing.T) {
	p := newPerson(t)
	ctx := context.Background()
	for _, args := range [][]string{{"account", "add", "dr.lee"}, {"account", "add", "pat"}, {"clinic", "add", "  Riverside   Physio "}} {
		if r := p.run("", args...); r.code != 0 {
			t.Fatalf("%q: exit code %d: %s", args, r.code, r.stderr)
		}
	}
	tests := []struct {
		name   string
		args   []string
		code   int    // 0, or 1 for any failure
		output string // part of stdout (code 0) or stderr
	}{
		{"the same clinic again", []string{"clinic", "add", "riverside physio"}, 1, "there is a clinic named riverside physio already"},
		{"an empty name", []string{"clinic", "add", " "}, 1, "the clinic's name is empty"},
		{"a clinician", []string{"clinic", "clinician", "add", "RIVERSIDE PHYSIO", "Dr.Lee"}, 0, "dr.lee is now a clinician of Riverside Physio"},
		{"the clinician again", []string{"clinic", "clinician", "add", "Riverside Physio", "dr.lee"}, 1, "dr.lee is a clinician of Riverside Physio already"},
		{"no such clinic", []string{"clinic", "clinician", "add", "Elsewhere", "dr.lee"}, 1, "there is no clinic Elsewhere"},
		{"no such account", []string{"clinic", "clinician", "add", "Riverside Physio", "nobody"}, 1, "there is no account named nobody"},
		{"a missing argument", []string{"clinic", "clinician", "add", "Riverside Physio"}, 1, "needs ACCOUNT"},
		{"the list", []string{"clinic", "list"}, 0, "Riverside Physio  dr.lee      0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := p.run("", tt.args...)
			out := r.stdout
			if tt.code != 0 {
				out = r.stderr
			}
			if (r.code != 0) != (tt.code != 0) || !strings.Contains(out, tt.output) {
				t.Errorf("%q: code = %d, output %q; want %d and %q", tt.args, r.code, out, tt.code, tt.output)
			}
		})
	}

	j := p.openJournal()
	lee, err := j.AccountByName(ctx, "dr.lee")
	if err != nil {
		t.Fatal(err)
	}
	if lee.Role != backcare.RoleClinician {
		t.Errorf("dr.lee's role = %s, want clinician (a person's account becomes a clinician's)", lee.Role)
	}
	c, err := j.ClinicByName(ctx, "Riverside Physio")
	if err != nil {
		t.Fatal(err)
	}
	pat, err := j.AccountByName(ctx, "pat")
	if err != nil {
		t.Fatal(err)
	}
	if err := j.AddMember(ctx, &backcare.ClinicMember{ClinicID: c.ID, AccountID: pat.ID, Role: backcare.InClinicPatient, JoinedAt: time.Now(), InvitedBy: lee.ID}); err != nil {
		t.Fatal(err)
	}
	if err := j.AddAudit(ctx, &backcare.AuditEntry{At: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), StaffID: lee.ID, Patients: []string{pat.ID}, ClinicID: c.ID, Action: backcare.AuditRead, What: "patient page"}); err != nil {
		t.Fatal(err)
	}
	if r := p.run("", "clinic", "clinician", "add", "Riverside Physio", "pat"); r.code == 0 || !strings.Contains(r.stderr, "pat is a patient of a clinic") {
		t.Errorf("a patient made a clinician: code %d, %s", r.code, r.stderr)
	}

	out := filepath.Join(t.TempDir(), "audit.csv")
	if r := p.run("", "clinic", "audit", "-o", out); r.code != 0 {
		t.Fatalf("audit: %s", r.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want := "at_utc,staff,staff_id,patient,patient_id,clinic,clinic_id,action,what\n2026-03-02T09:00:00Z,dr.lee," + lee.ID + ",pat," + pat.ID + ",Riverside Physio," + c.ID + ",read,patient page\n"
	if string(b) != want {
		t.Errorf("audit.csv =\n%s\nwant\n%s", b, want)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("audit.csv mode = %v, %v; want 0600", fi.Mode().Perm(), err)
	}

	// The only clinician of a clinic with patients stays; with a second
	// one, the first may go.
	if r := p.run("", "clinic", "clinician", "remove", "Riverside Physio", "dr.lee"); r.code == 0 || !strings.Contains(r.stderr, "only clinician") || !strings.Contains(r.stderr, "add another clinician") {
		t.Errorf("remove the only clinician: code %d: %s %s", r.code, r.stdout, r.stderr)
	}
	for _, args := range [][]string{{"account", "add", "dr.ng"}, {"clinic", "clinician", "add", "Riverside Physio", "dr.ng"}} {
		if r := p.run("", args...); r.code != 0 {
			t.Fatalf("%q: exit code %d: %s", args, r.code, r.stderr)
		}
	}
	if r := p.run("", "clinic", "clinician", "remove", "Riverside Physio", "dr.lee"); r.code != 0 || !strings.Contains(r.stdout, "no longer a clinician") {
		t.Errorf("remove: code %d: %s %s", r.code, r.stdout, r.stderr)
	}
	if r := p.run("", "clinic", "clinician", "remove", "Riverside Physio", "dr.lee"); r.code == 0 || !strings.Contains(r.stderr, "not a clinician") {
		t.Errorf("remove again: code %d: %s", r.code, r.stderr)
	}
}

// TestStartPlaysTheAssignedProgramme checks that the terminal player plays
// a patient's programme with their clinician's doses, as the web player
// does.
func TestStartPlaysTheAssignedProgramme(t *testing.T) {
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
	if err := j.SaveAssignment(ctx, &backcare.Assignment{ClinicID: c.ID, PatientID: me.ID, ClinicianID: doc.ID, Routines: []string{"lower-back-relief"},
		Doses: map[string]backcare.DoseChange{"standing-psoas-lunge": {Hold: 30 * time.Second, Side: backcare.Right}}, Excluded: []string{"zombie-crawl"},
		DaysPerWeek: 5, Start: time.Now(), UpdatedAt: time.Now()}); err != nil {
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
	if want := "standing-psoas-lunge: hold 30 seconds"; len(got) != 2 || got[0] != want || strings.Contains(strings.Join(got, " "), "zombie-crawl") {
		t.Errorf("the terminal plays %q, want %q first and no crawl", got, want)
	}
	for _, s := range cfg.Timeline.Segments {
		if s.Pose == "standing-psoas-lunge" && s.Side == backcare.Left {
			t.Errorf("the lunge is played on the left too; the clinician chose the right only")
		}
	}
}
