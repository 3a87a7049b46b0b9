package backcare_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"backcare"
)

// testRoutine is the article's routine in small: a sided lunge, a crawl
// and a hinge with an easier variant.
func testRoutine() (backcare.Routine, func(string) (backcare.Pose, error)) {
	lunge := backcare.Pose{ID: "lunge", Name: "Lunge", Sided: true, Dose: backcare.Dose{Hold: time.Minute, Intensity: 5}}
	crawl := backcare.Pose{ID: "crawl", Name: "Crawl", Dose: backcare.Dose{Hold: time.Minute, Intensity: 5}}
	hinge := backcare.Pose{ID: "hinge", Name: "Hinge", Easier: []string{"wall-hinge"}, Dose: backcare.Dose{Hold: time.Minute, Intensity: 5}}
	wall := backcare.Pose{ID: "wall-hinge", Name: "Wall hinge", Dose: backcare.Dose{Hold: 45 * time.Second, Intensity: 4}}
	poses := map[string]backcare.Pose{"lunge": lunge, "crawl": crawl, "hinge": hinge, "wall-hinge": wall}
	r := backcare.Routine{ID: "relief", Name: "Relief", Entries: []backcare.Entry{{Pose: lunge, Dose: lunge.Dose}, {Pose: crawl, Dose: crawl.Dose}, {Pose: hinge, Dose: hinge.Dose}}}
	return r, func(id string) (backcare.Pose, error) {
		p, ok := poses[id]
		if !ok {
			return p, backcare.Errorf(backcare.ENOTFOUND, "no pose %s", id)
		}
		return p, nil
	}
}

// entries writes a routine's entries as "pose side dose".
func entries(r backcare.Routine) []string {
	var out []string
	for _, e := range r.Entries {
		out = append(out, e.Pose.ID+" "+string(e.Side)+" "+e.Dose.String())
	}
	return out
}

func TestAssignmentApply(t *testing.T) {
	tests := []struct {
		name string
		a    backcare.Assignment
		want []string
		code string
	}{
		{"nothing changed", backcare.Assignment{}, []string{"lunge  hold 1 minute", "crawl  hold 1 minute", "hinge  hold 1 minute"}, ""},
		{"a 30-second lunge", backcare.Assignment{Doses: map[string]backcare.DoseChange{"lunge": {Hold: 30 * time.Second}}},
			[]string{"lunge  hold 30 seconds", "crawl  hold 1 minute", "hinge  hold 1 minute"}, ""},
		{"left side only", backcare.Assignment{Doses: map[string]backcare.DoseChange{"lunge": {Side: backcare.Left}}},
			[]string{"lunge left hold 1 minute", "crawl  hold 1 minute", "hinge  hold 1 minute"}, ""},
		{"a side for a pose that is not sided is ignored", backcare.Assignment{Doses: map[string]backcare.DoseChange{"crawl": {Side: backcare.Left}}},
			[]string{"lunge  hold 1 minute", "crawl  hold 1 minute", "hinge  hold 1 minute"}, ""},
		{"sets of reps instead of a hold", backcare.Assignment{Doses: map[string]backcare.DoseChange{"crawl": {Sets: 2, Reps: 8}}},
			[]string{"lunge  hold 1 minute", "crawl  2 sets of 8", "hinge  hold 1 minute"}, ""},
		{"reps with a hold in each", backcare.Assignment{Doses: map[string]backcare.DoseChange{"crawl": {Sets: 3, Reps: 5, Hold: 5 * time.Second}}},
			[]string{"lunge  hold 1 minute", "crawl  3 sets of 5 with a 5-second hold", "hinge  hold 1 minute"}, ""},
		{"crawl left out", backcare.Assignment{Excluded: []string{"crawl"}}, []string{"lunge  hold 1 minute", "hinge  hold 1 minute"}, ""},
		{"the easier hinge", backcare.Assignment{Swaps: map[string]string{"hinge": "wall-hinge"}},
			[]string{"lunge  hold 1 minute", "crawl  hold 1 minute", "wall-hinge  hold 45 seconds"}, ""},
		{"the easier hinge, held 20 seconds", backcare.Assignment{Swaps: map[string]string{"hinge": "wall-hinge"}, Doses: map[string]backcare.DoseChange{"hinge": {Hold: 20 * time.Second}}},
			[]string{"lunge  hold 1 minute", "crawl  hold 1 minute", "wall-hinge  hold 20 seconds"}, ""},
		{"a swap that is no variant", backcare.Assignment{Swaps: map[string]string{"hinge": "crawl"}}, nil, backcare.EINVALID},
		{"everything left out", backcare.Assignment{Excluded: []string{"crawl", "hinge", "lunge"}}, nil, backcare.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, pose := testRoutine()
			got, err := tt.a.Apply(r, pose)
			if code := backcare.ErrorCode(err); code != tt.code {
				t.Fatalf("Apply error = %v, want code %q", err, tt.code)
			}
			if err == nil && !reflect.DeepEqual(entries(got), tt.want) {
				t.Errorf("Apply = %q, want %q", entries(got), tt.want)
			}
			if again, _ := testRoutine(); !reflect.DeepEqual(entries(r), entries(again)) {
				t.Errorf("Apply changed the routine it was given: %q", entries(r))
			}
		})
	}
}

// TestApplyRoutineSide is a clinician's side over a routine that plays its
// lunge on the left only (a catalog file's "side: left"): kept, turned to
// the right, or back to both.
func TestApplyRoutineSide(t *testing.T) {
	tests := []struct {
		name string
		side backcare.Side
		want string
	}{
		{"the routine's side kept", backcare.NoSide, "lunge left hold 1 minute"},
		{"the right instead", backcare.Right, "lunge right hold 1 minute"},
		{"both sides again", backcare.BothSides, "lunge  hold 1 minute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, pose := testRoutine()
			r.Entries[0].Side = backcare.Left
			a := backcare.Assignment{Doses: map[string]backcare.DoseChange{"lunge": {Side: tt.side}}}
			if tt.side == backcare.NoSide {
				a.Doses = nil
			}
			got, err := a.Apply(r, pose)
			if err != nil {
				t.Fatal(err)
			}
			if e := entries(got)[0]; e != tt.want {
				t.Errorf("Apply()[0] = %q, want %q", e, tt.want)
			}
		})
	}
	a := backcare.Assignment{ClinicID: "c", PatientID: "p", ClinicianID: "d", Routines: []string{"relief"}, DaysPerWeek: 3,
		Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		Doses: map[string]backcare.DoseChange{"lunge": {Side: backcare.BothSides}}}
	if err := a.Validate(); err != nil {
		t.Errorf("Validate(both sides) = %v, want nil", err)
	}
}

func TestAssignmentValidate(t *testing.T) {
	good := func() backcare.Assignment {
		return backcare.Assignment{ClinicID: "c", PatientID: "p", ClinicianID: "d", Routines: []string{"relief"},
			DaysPerWeek: 5, Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	}
	tests := []struct {
		name   string
		change func(*backcare.Assignment)
		where  string // the field named, "" for valid
	}{
		{"valid", func(*backcare.Assignment) {}, ""},
		{"no routine", func(a *backcare.Assignment) { a.Routines = nil }, "routines"},
		{"a routine twice", func(a *backcare.Assignment) { a.Routines = []string{"x", "x"} }, "routines"},
		{"0 days a week", func(a *backcare.Assignment) { a.DaysPerWeek = 0 }, "days"},
		{"8 days a week", func(a *backcare.Assignment) { a.DaysPerWeek = 8 }, "days"},
		{"no start", func(a *backcare.Assignment) { a.Start = time.Time{} }, "start"},
		{"an 11-minute hold", func(a *backcare.Assignment) { a.Doses = map[string]backcare.DoseChange{"x": {Hold: 11 * time.Minute}} }, "hold-x"},
		{"sets without reps", func(a *backcare.Assignment) { a.Doses = map[string]backcare.DoseChange{"x": {Sets: 2}} }, "sets-x"},
		{"51 reps", func(a *backcare.Assignment) { a.Doses = map[string]backcare.DoseChange{"x": {Sets: 1, Reps: 51}} }, "reps-x"},
		{"a side that is none", func(a *backcare.Assignment) { a.Doses = map[string]backcare.DoseChange{"x": {Side: "up"}} }, "side-x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := good()
			tt.change(&a)
			err := a.Validate()
			var where string
			if e := (*backcare.Error)(nil); errors.As(err, &e) {
				where = e.Where
			}
			if (err == nil) != (tt.where == "") || where != tt.where {
				t.Errorf("Validate = %v (at %q), want an error at %q", err, where, tt.where)
			}
		})
	}
}

func TestInviteCode(t *testing.T) {
	code := backcare.NewInviteCode()
	if len(code) != 14 || code[4] != '-' || code[9] != '-' {
		t.Errorf("NewInviteCode = %q, want 3 groups of 4", code)
	}
	tests := []struct{ name, typed, want string }{
		{"as printed", "K7QM-X2PD-9HBT", "K7QMX2PD9HBT"},
		{"lower case with spaces", " k7qm x2pd 9hbt ", "K7QMX2PD9HBT"},
		{"O for 0, I and L for 1", "OIL0-", "0110"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := backcare.NormalizeInviteCode(tt.typed); got != tt.want {
				t.Errorf("NormalizeInviteCode(%q) = %q, want %q", tt.typed, got, tt.want)
			}
		})
	}
	tk := &backcare.Ticket{Kind: backcare.TicketInvite, Data: backcare.Invite{ClinicID: "c", ClinicianID: "d"}.Data()}
	if inv, err := backcare.ParseInvite(tk); err != nil || inv.ClinicID != "c" || inv.ClinicianID != "d" {
		t.Errorf("ParseInvite = %+v, %v", inv, err)
	}
	if _, err := backcare.ParseInvite(&backcare.Ticket{Kind: backcare.TicketPairing}); err == nil {
		t.Errorf("ParseInvite(a pairing ticket) = nil error, want one")
	}
}
