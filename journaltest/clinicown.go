package journaltest

import (
	"sync"
	"testing"
	"time"

	"backcare"
)

// The clinics' own poses and routines: versions, conflicts, order, which
// clinic sees them, and the patients' revisions.

// NewClinicDoc returns a clinic's pose or routine, saved by the clinician
// at Base, never saved before (Version 0).
func NewClinicDoc(clinicID string, kind backcare.ClinicDocKind, id, clinicianID string) *backcare.ClinicDoc {
	return &backcare.ClinicDoc{ClinicID: clinicID, Kind: kind, ID: id, Name: "  Wall slide " + id + " ",
		Text: "poses:\n  - id: " + id + "\n    name: Wall slide\n", UpdatedBy: clinicianID, UpdatedAt: Base.Add(1500 * time.Microsecond)}
}

func (s *suite) clinicDocs(t *testing.T) {
	j := s.open(t)
	a, b := addClinic(t, j, "A"), addClinic(t, j, "B")
	doc1, doc2 := addAccount(t, j, "doc1"), addAccount(t, j, "doc2")

	in := NewClinicDoc(a.ID, backcare.ClinicPose, "wall-slide", doc1.ID)
	if err := j.SaveClinicDoc(ctx, in); err != nil {
		t.Fatalf("SaveClinicDoc: %v", err)
	}
	want := *in
	want.Name, want.Version, want.CreatedBy, want.CreatedAt, want.UpdatedAt = "Wall slide wall-slide", 1, doc1.ID, Base.Add(time.Millisecond), Base.Add(time.Millisecond)
	equal(t, "the document after SaveClinicDoc", in, &want)
	got, err := j.ClinicDoc(ctx, a.ID, backcare.ClinicPose, "wall-slide")
	if err != nil {
		t.Fatalf("ClinicDoc: %v", err)
	}
	equal(t, "ClinicDoc", got, &want)

	// A second clinician saves on top of version 1: version 2, the first
	// save's author kept.
	edit := *got
	edit.Text, edit.Name, edit.UpdatedBy, edit.UpdatedAt = edit.Text+"    kind: stretch\n", "Wall slide, easier", doc2.ID, Base.Add(time.Hour)
	if err := j.SaveClinicDoc(ctx, &edit); err != nil {
		t.Fatalf("SaveClinicDoc of version 1: %v", err)
	}
	if edit.Version != 2 || edit.CreatedBy != doc1.ID || !edit.CreatedAt.Equal(want.CreatedAt) || edit.UpdatedBy != doc2.ID {
		t.Errorf("after the second save = %+v, want version 2, created by doc1, updated by doc2", edit)
	}
	got, _ = j.ClinicDoc(ctx, a.ID, backcare.ClinicPose, "wall-slide")
	equal(t, "ClinicDoc after the second save", got, &edit)

	// The first clinician's save, started from version 1, is refused and
	// changes nothing.
	stale := want
	stale.Text = "poses: []\n"
	wantCode(t, "SaveClinicDoc of a stale version", j.SaveClinicDoc(ctx, &stale), backcare.ECONFLICT)
	wantCode(t, "SaveClinicDoc adding an id the clinic has", j.SaveClinicDoc(ctx, NewClinicDoc(a.ID, backcare.ClinicPose, "wall-slide", doc1.ID)), backcare.ECONFLICT)
	wantCode(t, "DeleteClinicDoc of a stale version", j.DeleteClinicDoc(ctx, a.ID, backcare.ClinicPose, "wall-slide", 1), backcare.ECONFLICT)
	got, _ = j.ClinicDoc(ctx, a.ID, backcare.ClinicPose, "wall-slide")
	equal(t, "ClinicDoc after refused changes", got, &edit)

	// The same id may be a routine too, and another clinic's.
	for _, d := range []*backcare.ClinicDoc{
		NewClinicDoc(a.ID, backcare.ClinicRoutine, "wall-slide", doc1.ID),
		NewClinicDoc(a.ID, backcare.ClinicRoutine, "a-routine", doc1.ID),
		NewClinicDoc(a.ID, backcare.ClinicPose, "z-pose", doc1.ID),
		NewClinicDoc(a.ID, backcare.ClinicPose, "b-pose", doc1.ID),
		NewClinicDoc(b.ID, backcare.ClinicPose, "wall-slide", doc2.ID),
	} {
		if err := j.SaveClinicDoc(ctx, d); err != nil {
			t.Fatalf("SaveClinicDoc(%s %s): %v", d.Kind, d.ID, err)
		}
	}
	list, err := j.ClinicDocs(ctx, a.ID)
	if err != nil {
		t.Fatalf("ClinicDocs: %v", err)
	}
	var order []string
	for _, d := range list {
		order = append(order, string(d.Kind)+" "+d.ID)
	}
	equal(t, "ClinicDocs order", order, []string{"pose b-pose", "pose wall-slide", "pose z-pose", "routine a-routine", "routine wall-slide"})
	if list, _ := j.ClinicDocs(ctx, b.ID); len(list) != 1 || list[0].UpdatedBy != doc2.ID {
		t.Errorf("ClinicDocs of B = %+v, want only B's own", list)
	}
	if list, err := j.ClinicDocs(ctx, "no-such-clinic"); err != nil || len(list) != 0 {
		t.Errorf("ClinicDocs of no clinic = %v, %v, want none", list, err)
	}

	tests := []struct {
		name string
		err  error
		code string
	}{
		{"a document of another clinic", get(j, b.ID, backcare.ClinicRoutine, "a-routine"), backcare.ENOTFOUND},
		{"a pose that is a routine", get(j, a.ID, backcare.ClinicPose, "a-routine"), backcare.ENOTFOUND},
		{"a save of a deleted one", j.SaveClinicDoc(ctx, &backcare.ClinicDoc{ClinicID: a.ID, Kind: backcare.ClinicPose, ID: "gone", Name: "x", Text: "x", Version: 3, UpdatedBy: doc1.ID, UpdatedAt: Base}), backcare.ENOTFOUND},
		{"a delete of none", j.DeleteClinicDoc(ctx, b.ID, backcare.ClinicRoutine, "a-routine", 1), backcare.ENOTFOUND},
		{"a clinic that is not", j.SaveClinicDoc(ctx, NewClinicDoc("no-such-clinic", backcare.ClinicPose, "x", doc1.ID)), backcare.ENOTFOUND},
		{"a kind that is not", j.SaveClinicDoc(ctx, NewClinicDoc(a.ID, "exercise", "x", doc1.ID)), backcare.EINVALID},
		{"an id that is not", j.SaveClinicDoc(ctx, NewClinicDoc(a.ID, backcare.ClinicPose, "a b", doc1.ID)), backcare.EINVALID},
		{"no text", j.SaveClinicDoc(ctx, &backcare.ClinicDoc{ClinicID: a.ID, Kind: backcare.ClinicPose, ID: "x", Name: "x", UpdatedBy: doc1.ID, UpdatedAt: Base}), backcare.EINVALID},
		{"nobody saving", j.SaveClinicDoc(ctx, &backcare.ClinicDoc{ClinicID: a.ID, Kind: backcare.ClinicPose, ID: "x", Name: "x", Text: "x", UpdatedAt: Base}), backcare.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantCode(t, tt.name, tt.err, tt.code) })
	}

	if err := j.DeleteClinicDoc(ctx, a.ID, backcare.ClinicPose, "wall-slide", 2); err != nil {
		t.Fatalf("DeleteClinicDoc: %v", err)
	}
	wantCode(t, "ClinicDoc after the delete", get(j, a.ID, backcare.ClinicPose, "wall-slide"), backcare.ENOTFOUND)
	if _, err := j.ClinicDoc(ctx, a.ID, backcare.ClinicRoutine, "wall-slide"); err != nil {
		t.Errorf("the routine of the same id after the pose's delete: %v", err)
	}
	if got, _ := j.ClinicDoc(ctx, b.ID, backcare.ClinicPose, "wall-slide"); got == nil {
		t.Errorf("B's pose of the same id went with A's")
	}
}

func get(j backcare.Journal, clinicID string, kind backcare.ClinicDocKind, id string) error {
	_, err := j.ClinicDoc(ctx, clinicID, kind, id)
	return err
}

// clinicDocsConcurrent saves the same version from several clinicians at
// once: one save wins, the others are told, and nothing is lost silently.
func (s *suite) clinicDocsConcurrent(t *testing.T) {
	j := s.open(t)
	c := addClinic(t, j, "A")
	doc := addAccount(t, j, "doc")
	first := NewClinicDoc(c.ID, backcare.ClinicRoutine, "evening", doc.ID)
	if err := j.SaveClinicDoc(ctx, first); err != nil {
		t.Fatal(err)
	}
	const n = 6
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := *first
			d.Name = "Evening " + string(rune('a'+i))
			errs[i] = j.SaveClinicDoc(ctx, &d)
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch backcare.ErrorCode(err) {
		case "":
			won++
		case backcare.ECONFLICT:
		default:
			t.Errorf("a concurrent save: %v, want nil or a conflict", err)
		}
	}
	got, err := j.ClinicDoc(ctx, c.ID, backcare.ClinicRoutine, "evening")
	if won != 1 || err != nil || got.Version != 2 {
		t.Errorf("%d of %d saves of version 1 won, the latest is version %v (%v); want exactly 1 and version 2", won, n, got, err)
	}
}

// clinicDocsRevision checks that a change to a clinic's own poses and
// routines moves its patients' revisions, and nobody else's.
func (s *suite) clinicDocsRevision(t *testing.T) {
	j := s.open(t)
	c, other := addClinic(t, j, "A"), addClinic(t, j, "B")
	doc, pat, elsewhere := addAccount(t, j, "doc"), addAccount(t, j, "pat"), addAccount(t, j, "elsewhere")
	join(t, j, c, doc, backcare.InClinicClinician, "")
	join(t, j, c, pat, backcare.InClinicPatient, doc.ID)
	staff(t, j, other)
	join(t, j, other, elsewhere, backcare.InClinicPatient, "")
	rev := func(id string) int64 {
		t.Helper()
		n, err := j.Revision(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	d := NewClinicDoc(c.ID, backcare.ClinicRoutine, "evening", doc.ID)
	steps := []struct {
		name string
		do   func() error
	}{
		{"added", func() error { return j.SaveClinicDoc(ctx, d) }},
		{"changed", func() error { return j.SaveClinicDoc(ctx, d) }},
		{"deleted", func() error { return j.DeleteClinicDoc(ctx, c.ID, d.Kind, d.ID, d.Version) }},
	}
	for _, st := range steps {
		before, beforeOther, beforeDoc := rev(pat.ID), rev(elsewhere.ID), rev(doc.ID)
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if rev(pat.ID) == before {
			t.Errorf("a clinic's routine %s: the patient's revision did not move", st.name)
		}
		if rev(elsewhere.ID) != beforeOther || rev(doc.ID) != beforeDoc {
			t.Errorf("a clinic's routine %s: the revision of someone not its patient moved", st.name)
		}
	}
}
