package journaltest

import (
	"reflect"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"backcare"
)

// The clinics part of the suite: clinics, members, invitations,
// assignments, acknowledgements, clearances and the audit log.

// addClinic adds a clinic named name, failing the test if it cannot.
func addClinic(t *testing.T, j backcare.Journal, name string) *backcare.Clinic {
	t.Helper()
	c := &backcare.Clinic{Name: name, CreatedAt: Base}
	if err := j.AddClinic(ctx, c); err != nil {
		t.Fatalf("AddClinic(%s): %v", name, err)
	}
	return c
}

// join adds the account to the clinic, failing the test if it cannot.
func join(t *testing.T, j backcare.Journal, c *backcare.Clinic, a *backcare.Account, role backcare.ClinicRole, by string) {
	t.Helper()
	if err := j.AddMember(ctx, &backcare.ClinicMember{ClinicID: c.ID, AccountID: a.ID, Role: role, JoinedAt: Base.Add(time.Minute), InvitedBy: by}); err != nil {
		t.Fatalf("AddMember(%s, %s): %v", c.Name, a.Name, err)
	}
}

// staff adds a new clinician to the clinic, so it may take patients.
func staff(t *testing.T, j backcare.Journal, c *backcare.Clinic) *backcare.Account {
	t.Helper()
	a := addAccount(t, j, "staff-of-"+c.ID)
	join(t, j, c, a, backcare.InClinicClinician, "")
	return a
}

// NewAssignment returns an assignment of the article's routine with a
// 30-second lunge hold, saved at Base.
func NewAssignment(clinicID, patientID, clinicianID string) *backcare.Assignment {
	return &backcare.Assignment{ClinicID: clinicID, PatientID: patientID, ClinicianID: clinicianID,
		Routines:    []string{"soothe-sore-back"},
		Doses:       map[string]backcare.DoseChange{"standing-psoas-lunge": {Hold: 30 * time.Second, Side: backcare.Left}, "bridge": {Sets: 2, Reps: 8}},
		Excluded:    []string{"zombie-crawl"},
		Swaps:       map[string]string{"supported-hip-hinge": "hip-hinge-easier"},
		DaysPerWeek: 5, Start: time.Date(2026, 3, 2, 15, 0, 0, 0, time.FixedZone("X", -5*3600)), Note: "  Gently, please. ",
		UpdatedAt: Base}
}

func (s *suite) clinics(t *testing.T) {
	j := s.open(t)
	in := &backcare.Clinic{Name: "  Riverside   Physio ", CreatedAt: Base.Add(1500 * time.Microsecond).In(time.FixedZone("CET", 3600))}
	if err := j.AddClinic(ctx, in); err != nil {
		t.Fatalf("AddClinic: %v", err)
	}
	if !backcare.ValidID(in.ID) || in.Name != "Riverside Physio" || !in.CreatedAt.Equal(Base.Add(time.Millisecond)) || in.CreatedAt.Location() != time.UTC {
		t.Errorf("clinic after AddClinic = %+v, want a new id, the name's spaces tidied, the time in UTC to the millisecond", in)
	}
	got, err := j.Clinic(ctx, in.ID)
	if err != nil {
		t.Fatalf("Clinic: %v", err)
	}
	equal(t, "Clinic", got, in)
	byName, err := j.ClinicByName(ctx, "riverside  PHYSIO")
	if err != nil {
		t.Fatalf("ClinicByName: %v", err)
	}
	equal(t, "ClinicByName", byName, in)
	wantCode(t, "AddClinic(same name, other case)", j.AddClinic(ctx, &backcare.Clinic{Name: "RIVERSIDE PHYSIO", CreatedAt: Base}), backcare.ECONFLICT)
	wantCode(t, "AddClinic(same id)", j.AddClinic(ctx, &backcare.Clinic{ID: in.ID, Name: "Other", CreatedAt: Base}), backcare.ECONFLICT)
	wantCode(t, "AddClinic(no name)", j.AddClinic(ctx, &backcare.Clinic{Name: " ", CreatedAt: Base}), backcare.EINVALID)
	addClinic(t, j, "Abbey Road Clinic")
	list, err := j.ClinicList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range list {
		names = append(names, c.Name)
	}
	if want := []string{"Abbey Road Clinic", "Riverside Physio"}; !reflect.DeepEqual(names, want) {
		t.Errorf("ClinicList = %q, want %q", names, want)
	}
	_, err = j.Clinic(ctx, "nope")
	wantCode(t, "Clinic(nope)", err, backcare.ENOTFOUND)
	_, err = j.ClinicByName(ctx, "nope")
	wantCode(t, "ClinicByName(nope)", err, backcare.ENOTFOUND)
}

func (s *suite) clinicMembers(t *testing.T) {
	j := s.open(t)
	a, b := addClinic(t, j, "A"), addClinic(t, j, "B")
	doc, pat, other := addAccount(t, j, "doc"), addAccount(t, j, "pat"), addAccount(t, j, "other")
	join(t, j, a, doc, backcare.InClinicClinician, "")
	join(t, j, a, pat, backcare.InClinicPatient, doc.ID)
	join(t, j, b, doc, backcare.InClinicClinician, "")

	wantCode(t, "AddMember(twice)", j.AddMember(ctx, &backcare.ClinicMember{ClinicID: a.ID, AccountID: doc.ID, Role: backcare.InClinicPatient, JoinedAt: Base}), backcare.ECONFLICT)
	wantCode(t, "AddMember(a patient of another clinic)", j.AddMember(ctx, &backcare.ClinicMember{ClinicID: b.ID, AccountID: pat.ID, Role: backcare.InClinicPatient, JoinedAt: Base}), backcare.ECONFLICT)
	wantCode(t, "AddMember(no such account)", j.AddMember(ctx, &backcare.ClinicMember{ClinicID: a.ID, AccountID: "ghost", Role: backcare.InClinicPatient, JoinedAt: Base}), backcare.ENOTFOUND)
	wantCode(t, "AddMember(no such clinic)", j.AddMember(ctx, &backcare.ClinicMember{ClinicID: "ghost", AccountID: other.ID, Role: backcare.InClinicPatient, JoinedAt: Base}), backcare.ENOTFOUND)
	wantCode(t, "AddMember(bad role)", j.AddMember(ctx, &backcare.ClinicMember{ClinicID: a.ID, AccountID: other.ID, Role: "boss", JoinedAt: Base}), backcare.EINVALID)

	ms, err := j.Members(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []*backcare.ClinicMember{
		{ClinicID: a.ID, AccountID: doc.ID, Role: backcare.InClinicClinician, JoinedAt: Base.Add(time.Minute)},
		{ClinicID: a.ID, AccountID: pat.ID, Role: backcare.InClinicPatient, JoinedAt: Base.Add(time.Minute), InvitedBy: doc.ID},
	}
	equal(t, "Members(A)", ms, want)
	mine, err := j.Memberships(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 2 {
		t.Errorf("Memberships(doc) = %d clinics, want 2", len(mine))
	}
	// Two accounts' at once: each membership is one of theirs, the
	// same as asked one by one.
	both, err := j.Memberships(ctx, doc.ID, pat.ID, other.ID)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := j.Memberships(ctx, pat.ID)
	if err != nil {
		t.Fatal(err)
	}
	var one []*backcare.ClinicMember
	for _, m := range both {
		if m.AccountID == pat.ID {
			one = append(one, m)
		}
	}
	equal(t, "Memberships(doc, pat, other) of pat", one, theirs)
	if len(both) != 3 {
		t.Errorf("Memberships(doc, pat, other) = %d memberships, want 3 (doc's 2 and pat's 1)", len(both))
	}
	for _, ids := range [][]string{{other.ID}, nil} {
		if got, err := j.Memberships(ctx, ids...); err != nil || got == nil || len(got) != 0 {
			t.Errorf("Memberships(%q) = %v, %v, want an empty list", ids, got, err)
		}
	}

	// Leaving takes the assignment with it, and leaves the journal.
	if err := j.SaveSession(ctx, NewSession(pat.ID, Base, 3, 2)); err != nil {
		t.Fatal(err)
	}
	if err := j.SaveAssignment(ctx, NewAssignment(a.ID, pat.ID, doc.ID)); err != nil {
		t.Fatal(err)
	}
	if err := j.RemoveMember(ctx, a.ID, pat.ID); err != nil {
		t.Fatalf("RemoveMember: %v", err)
	}
	wantCode(t, "RemoveMember(again)", j.RemoveMember(ctx, a.ID, pat.ID), backcare.ENOTFOUND)
	_, err = j.Assignment(ctx, a.ID, pat.ID)
	wantCode(t, "Assignment after leaving", err, backcare.ENOTFOUND)
	if ss, err := j.Sessions(ctx, pat.ID, backcare.Filter{}); err != nil || len(ss) != 1 {
		t.Errorf("Sessions after leaving = %d, %v; want the 1 session kept", len(ss), err)
	}
	// Now free to join another clinic.
	join(t, j, b, pat, backcare.InClinicPatient, doc.ID)

	// Removing an account removes its memberships.
	if err := j.RemoveAccount(ctx, doc.ID); err != nil {
		t.Fatal(err)
	}
	if ms, err := j.Members(ctx, b.ID); err != nil || len(ms) != 1 || ms[0].AccountID != pat.ID {
		t.Errorf("Members(B) after removing doc = %v, %v; want only pat", ms, err)
	}
}

func (s *suite) invites(t *testing.T) {
	j := s.open(t)
	c := addClinic(t, j, "A")
	doc := addAccount(t, j, "doc")
	code := backcare.NewInviteCode()
	inv := backcare.Invite{ClinicID: c.ID, ClinicianID: doc.ID}
	tk := &backcare.Ticket{Hash: backcare.InviteHash(code), Kind: backcare.TicketInvite, Data: inv.Data(),
		CreatedAt: Base, ExpiresAt: Base.Add(backcare.InviteLife)}
	if err := j.AddTicket(ctx, tk); err != nil {
		t.Fatalf("AddTicket(invite): %v", err)
	}
	for i := 0; i < 2; i++ {
		got, err := j.PeekTicket(ctx, backcare.TicketInvite, backcare.InviteHash(code), Base.Add(time.Hour))
		if err != nil {
			t.Fatalf("PeekTicket #%d: %v", i+1, err)
		}
		equal(t, "PeekTicket", got, tk)
		if p, err := backcare.ParseInvite(got); err != nil || p != inv {
			t.Errorf("ParseInvite = %+v, %v; want %+v", p, err, inv)
		}
	}
	_, err := j.PeekTicket(ctx, backcare.TicketInvite, backcare.InviteHash(code), Base.Add(backcare.InviteLife))
	wantCode(t, "PeekTicket(expired)", err, backcare.ENOTFOUND)
	_, err = j.PeekTicket(ctx, backcare.TicketPairing, backcare.InviteHash(code), Base)
	wantCode(t, "PeekTicket(other kind)", err, backcare.ENOTFOUND)
	if _, err := j.TakeTicket(ctx, backcare.TicketInvite, backcare.InviteHash(code), Base.Add(time.Hour)); err != nil {
		t.Fatalf("TakeTicket(invite): %v", err)
	}
	_, err = j.PeekTicket(ctx, backcare.TicketInvite, backcare.InviteHash(code), Base.Add(time.Hour))
	wantCode(t, "PeekTicket after it was taken", err, backcare.ENOTFOUND)

	// The invitations not yet used, newest first; expired ones and other
	// kinds are not among them.
	var made []*backcare.Ticket
	for i, kind := range []backcare.TicketKind{backcare.TicketInvite, backcare.TicketPairing, backcare.TicketInvite, backcare.TicketInvite} {
		tk := &backcare.Ticket{Hash: backcare.InviteHash(backcare.NewInviteCode()), Kind: kind, Data: inv.Data(),
			CreatedAt: Base.Add(time.Duration(i) * time.Hour), ExpiresAt: Base.Add(time.Duration(i)*time.Hour + backcare.InviteLife)}
		if err := j.AddTicket(ctx, tk); err != nil {
			t.Fatal(err)
		}
		made = append(made, tk)
	}
	got, err := j.Tickets(ctx, backcare.TicketInvite, Base.Add(backcare.InviteLife+time.Minute))
	if err != nil {
		t.Fatalf("Tickets: %v", err)
	}
	equal(t, "Tickets (the first has expired)", got, []*backcare.Ticket{made[3], made[2]})
}

func (s *suite) assignments(t *testing.T) {
	j := s.open(t)
	c := addClinic(t, j, "A")
	doc, pat, stranger := addAccount(t, j, "doc"), addAccount(t, j, "pat"), addAccount(t, j, "stranger")
	join(t, j, c, doc, backcare.InClinicClinician, "")
	join(t, j, c, pat, backcare.InClinicPatient, doc.ID)

	in := NewAssignment(c.ID, pat.ID, doc.ID)
	in.Doses["supported-hip-hinge"] = backcare.DoseChange{} // nothing changed: dropped
	in.Swaps["bridge"] = ""                                 // no swap: dropped
	in.Excluded = []string{"z", "a"}
	in.UpdatedAt = Base.Add(2500 * time.Microsecond)
	if err := j.SaveAssignment(ctx, in); err != nil {
		t.Fatalf("SaveAssignment: %v", err)
	}
	if want := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC); !in.Start.Equal(want) {
		t.Errorf("Start after SaveAssignment = %v, want %v (the date, at midnight UTC)", in.Start, want)
	}
	if in.Note != "Gently, please." || len(in.Doses) != 2 || len(in.Swaps) != 1 || !reflect.DeepEqual(in.Excluded, []string{"a", "z"}) {
		t.Errorf("assignment after SaveAssignment = %+v, want it normalized", in)
	}
	got, err := j.Assignment(ctx, c.ID, pat.ID)
	if err != nil {
		t.Fatalf("Assignment: %v", err)
	}
	equal(t, "Assignment", got, in)

	// Saving again replaces it.
	next := &backcare.Assignment{ClinicID: c.ID, PatientID: pat.ID, ClinicianID: doc.ID, Routines: []string{"a", "b"},
		DaysPerWeek: 3, Start: in.Start, UpdatedAt: Base.Add(time.Hour)}
	if err := j.SaveAssignment(ctx, next); err != nil {
		t.Fatal(err)
	}
	got, err = j.Assignment(ctx, c.ID, pat.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Assignment after a second save", got, next)

	wantCode(t, "SaveAssignment(not a member)", j.SaveAssignment(ctx, NewAssignment(c.ID, stranger.ID, doc.ID)), backcare.ENOTFOUND)
	bad := NewAssignment(c.ID, pat.ID, doc.ID)
	bad.DaysPerWeek = 8
	wantCode(t, "SaveAssignment(8 days a week)", j.SaveAssignment(ctx, bad), backcare.EINVALID)
	_, err = j.Assignment(ctx, c.ID, stranger.ID)
	wantCode(t, "Assignment(stranger)", err, backcare.ENOTFOUND)
	_, err = j.Assignment(ctx, "other clinic", pat.ID)
	wantCode(t, "Assignment(other clinic)", err, backcare.ENOTFOUND)
}

func (s *suite) flagAcksAndClearances(t *testing.T) {
	j := s.open(t)
	a, b := addClinic(t, j, "A"), addClinic(t, j, "B")
	doc, pat := addAccount(t, j, "doc"), addAccount(t, j, "pat")
	for i, kind := range []backcare.FlagKind{backcare.FlagStoppedForPain, backcare.FlagNoPractice} {
		f := &backcare.FlagAck{ClinicID: a.ID, PatientID: pat.ID, Kind: kind, Ref: "r", Note: " seen ", By: doc.ID, At: Base.Add(time.Duration(i) * time.Hour)}
		if err := j.AddFlagAck(ctx, f); err != nil {
			t.Fatalf("AddFlagAck: %v", err)
		}
		if !backcare.ValidID(f.ID) || f.Note != "seen" {
			t.Errorf("ack after AddFlagAck = %+v, want an id and the note trimmed", f)
		}
	}
	wantCode(t, "AddFlagAck(bad kind)", j.AddFlagAck(ctx, &backcare.FlagAck{ClinicID: a.ID, PatientID: pat.ID, Kind: "meh", Ref: "r", By: doc.ID, At: Base}), backcare.EINVALID)
	acks, err := j.FlagAcks(ctx, a.ID, pat.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(acks) != 2 || acks[0].Kind != backcare.FlagNoPractice {
		t.Errorf("FlagAcks = %v, want 2, newest first", acks)
	}
	if acks, err := j.FlagAcks(ctx, b.ID, pat.ID); err != nil || len(acks) != 0 {
		t.Errorf("FlagAcks(other clinic) = %v, %v; want none", acks, err)
	}

	cl := &backcare.Clearance{ScreeningID: "s1", ClinicID: a.ID, PatientID: pat.ID, By: doc.ID, At: Base, Note: "Seen by GP"}
	if err := j.AddClearance(ctx, cl); err != nil {
		t.Fatalf("AddClearance: %v", err)
	}
	wantCode(t, "AddClearance(twice)", j.AddClearance(ctx, cl), backcare.ECONFLICT)
	cls, err := j.Clearances(ctx, pat.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Clearances", cls, []*backcare.Clearance{cl})
	if cls, err := j.Clearances(ctx, doc.ID); err != nil || len(cls) != 0 {
		t.Errorf("Clearances(doc) = %v, %v; want none", cls, err)
	}
}

func (s *suite) audit(t *testing.T) {
	j := s.open(t)
	doc, pat, other := addAccount(t, j, "doc"), addAccount(t, j, "pat"), addAccount(t, j, "other")
	var all []*backcare.AuditEntry
	for i, e := range []struct {
		patients []string
		action   backcare.AuditAction
		what     string
	}{{[]string{pat.ID}, backcare.AuditRead, "patient page"}, {[]string{other.ID}, backcare.AuditRead, "dashboard"}, {[]string{pat.ID}, backcare.AuditChange, "assignment"}} {
		in := &backcare.AuditEntry{At: Base.Add(time.Duration(i) * time.Minute), StaffID: doc.ID, Patients: e.patients, ClinicID: "c", Action: e.action, What: e.what}
		if err := j.AddAudit(ctx, in); err != nil {
			t.Fatalf("AddAudit: %v", err)
		}
		all = append([]*backcare.AuditEntry{in}, all...)
	}
	wantCode(t, "AddAudit(bad action)", j.AddAudit(ctx, &backcare.AuditEntry{At: Base, StaffID: doc.ID, Patients: []string{pat.ID}, Action: "peek", What: "x"}), backcare.EINVALID)
	wantCode(t, "AddAudit(no patient)", j.AddAudit(ctx, &backcare.AuditEntry{At: Base, StaffID: doc.ID, Action: backcare.AuditRead, What: "x"}), backcare.EINVALID)
	wantCode(t, "AddAudit(a patient without an id)", j.AddAudit(ctx, &backcare.AuditEntry{At: Base, StaffID: doc.ID, Patients: []string{pat.ID, ""}, Action: backcare.AuditRead, What: "x"}), backcare.EINVALID)
	got, err := j.Audit(ctx, backcare.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Audit()", got, all)
	got, err = j.Audit(ctx, backcare.AuditFilter{PatientID: pat.ID})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Audit(pat)", got, []*backcare.AuditEntry{all[0], all[2]})
	got, err = j.Audit(ctx, backcare.AuditFilter{Filter: backcare.Filter{Since: Base.Add(time.Minute), Until: Base.Add(2 * time.Minute)}})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Audit(one minute)", got, []*backcare.AuditEntry{all[1]})

	// A dashboard is one entry naming every patient it shows, each once
	// and in order; filtered by a patient, it names only them.
	view := &backcare.AuditEntry{At: Base.Add(time.Hour), StaffID: doc.ID, Patients: []string{pat.ID, other.ID, pat.ID}, ClinicID: "c", Action: backcare.AuditRead, What: "dashboard"}
	if err := j.AddAudit(ctx, view); err != nil {
		t.Fatalf("AddAudit(dashboard): %v", err)
	}
	if want := []string{pat.ID, other.ID}; !slices.Equal(view.Patients, slices.Sorted(slices.Values(want))) {
		t.Errorf("dashboard entry's patients = %q, want %q sorted, each once", view.Patients, want)
	}
	got, err = j.Audit(ctx, backcare.AuditFilter{Filter: backcare.Filter{Limit: 1}})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Audit(newest)", got, []*backcare.AuditEntry{view})
	for _, p := range []string{pat.ID, other.ID} {
		got, err = j.Audit(ctx, backcare.AuditFilter{PatientID: p, Filter: backcare.Filter{Limit: 1}})
		if err != nil {
			t.Fatal(err)
		}
		alone := *view
		alone.Patients = []string{p}
		equal(t, "Audit(a patient of the dashboard)", got, []*backcare.AuditEntry{&alone})
	}

	// Several entries at once: all or none.
	two := []*backcare.AuditEntry{{At: Base.Add(2 * time.Hour), StaffID: doc.ID, Patients: []string{pat.ID}, Action: backcare.AuditRead, What: "patient page"},
		{At: Base.Add(2 * time.Hour), StaffID: doc.ID, Patients: []string{other.ID}, Action: backcare.AuditRead, What: "patient page"}}
	if err := j.AddAudit(ctx, two...); err != nil {
		t.Fatalf("AddAudit(two): %v", err)
	}
	wantCode(t, "AddAudit(a taken id with a new one)", j.AddAudit(ctx, &backcare.AuditEntry{At: Base, StaffID: doc.ID, Patients: []string{pat.ID}, Action: backcare.AuditRead, What: "x"},
		&backcare.AuditEntry{ID: two[0].ID, At: Base, StaffID: doc.ID, Patients: []string{pat.ID}, Action: backcare.AuditRead, What: "x"}), backcare.ECONFLICT)
	if got, err := j.Audit(ctx, backcare.AuditFilter{}); err != nil || len(got) != 6 {
		t.Errorf("Audit after a batch and a refused batch = %d entries, %v; want 6", len(got), err)
	}
	if got, err := j.Audit(ctx, backcare.AuditFilter{PatientID: pat.ID}); err != nil || len(got) != 4 {
		t.Errorf("Audit(pat) after a refused batch = %d entries, %v; want 4", len(got), err)
	}
	if got, err := j.Audit(ctx, backcare.AuditFilter{StaffID: doc.ID, Filter: backcare.Filter{Limit: 1}}); err != nil || len(got) != 1 || got[0].At != Base.Add(2*time.Hour) {
		t.Errorf("Audit(doc, limit 1) = %v, %v; want the newest", got, err)
	}
	// The log outlives the accounts it names.
	if err := j.RemoveAccount(ctx, doc.ID); err != nil {
		t.Fatal(err)
	}
	if err := j.RemoveAccount(ctx, other.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := j.Audit(ctx, backcare.AuditFilter{Filter: backcare.Filter{Limit: 10}}); err != nil || len(got) != 6 {
		t.Errorf("Audit after removing the clinician = %d entries, %v; want 6", len(got), err)
	}
	if got, err := j.Audit(ctx, backcare.AuditFilter{PatientID: other.ID}); err != nil || len(got) != 3 {
		t.Errorf("Audit(a removed patient) = %d entries, %v; want 3", len(got), err)
	}
}

// clinicsRevision checks which clinic records move a patient's revision:
// those their own pages show (membership, programme, clearance), so that
// the pages a server keeps are made again; not the clinician's own
// records (acknowledgements, the audit log).
func (s *suite) clinicsRevision(t *testing.T) {
	j := s.open(t)
	c := addClinic(t, j, "A")
	doc, pat := addAccount(t, j, "doc"), addAccount(t, j, "pat")
	rev := func() int64 {
		t.Helper()
		n, err := j.Revision(ctx, pat.ID)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	steps := []struct {
		name  string
		do    func() error
		moves bool
	}{
		{"a clinician joins", func() error {
			return j.AddMember(ctx, &backcare.ClinicMember{ClinicID: c.ID, AccountID: doc.ID, Role: backcare.InClinicClinician, JoinedAt: Base})
		}, false},
		{"the patient joins", func() error {
			return j.AddMember(ctx, &backcare.ClinicMember{ClinicID: c.ID, AccountID: pat.ID, Role: backcare.InClinicPatient, JoinedAt: Base})
		}, true},
		{"a programme", func() error { return j.SaveAssignment(ctx, NewAssignment(c.ID, pat.ID, doc.ID)) }, true},
		{"the programme changed", func() error {
			a := NewAssignment(c.ID, pat.ID, doc.ID)
			a.DaysPerWeek = 2
			return j.SaveAssignment(ctx, a)
		}, true},
		{"an acknowledgement", func() error {
			return j.AddFlagAck(ctx, &backcare.FlagAck{ClinicID: c.ID, PatientID: pat.ID, Kind: backcare.FlagNoPractice, Ref: "none", By: doc.ID, At: Base})
		}, false},
		{"an audit entry", func() error {
			return j.AddAudit(ctx, &backcare.AuditEntry{At: Base, StaffID: doc.ID, Patients: []string{pat.ID}, Action: backcare.AuditRead, What: "x"})
		}, false},
		{"a clearance", func() error {
			return j.AddClearance(ctx, &backcare.Clearance{ScreeningID: "s", ClinicID: c.ID, PatientID: pat.ID, By: doc.ID, At: Base})
		}, true},
		{"the patient leaves", func() error { return j.RemoveMember(ctx, c.ID, pat.ID) }, true},
		{"the clinician leaves", func() error { return j.RemoveMember(ctx, c.ID, doc.ID) }, false},
	}
	for _, st := range steps {
		before := rev()
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if moved := rev() > before; moved != st.moves {
			t.Errorf("%s: revision moved = %v, want %v", st.name, moved, st.moves)
		}
	}
}

// accountZone checks that an account keeps its time zone.
func (s *suite) accountZone(t *testing.T) {
	j := s.open(t)
	a := &backcare.Account{Name: "maria", Role: backcare.RolePerson, CreatedAt: Base, Zone: " Europe/Paris "}
	if err := j.AddAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := j.Account(ctx, a.ID)
	if err != nil || got.Zone != "Europe/Paris" {
		t.Errorf("Zone after AddAccount = %q, %v; want Europe/Paris", got.Zone, err)
	}
	if _, err := j.UpdateAccount(ctx, a.ID, func(x *backcare.Account) error { x.Zone = "Pacific/Auckland"; return nil }); err != nil {
		t.Fatal(err)
	}
	if got, _ := j.AccountByName(ctx, "maria"); got.Zone != "Pacific/Auckland" {
		t.Errorf("Zone after UpdateAccount = %q, want Pacific/Auckland", got.Zone)
	}
	_, err = j.UpdateAccount(ctx, a.ID, func(x *backcare.Account) error { x.Zone = "Atlantis/Capital"; return nil })
	wantCode(t, "UpdateAccount(a zone that is none)", err, backcare.EINVALID)
	wantCode(t, "AddAccount(a zone that is none)", j.AddAccount(ctx, &backcare.Account{Name: "x", Role: backcare.RolePerson, CreatedAt: Base, Zone: "Nowhere"}), backcare.EINVALID)
	list, err := j.AccountList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range list {
		if x.Name == "maria" && x.Zone != "Pacific/Auckland" {
			t.Errorf("AccountList's maria has zone %q", x.Zone)
		}
	}
}

// clinicIsolation asks backcare's access functions with what this journal
// says of each account's memberships: a clinician reaches the patients of
// their own clinics, and nobody else's; a patient reaches nobody; leaving
// ends the reach at once.
func (s *suite) clinicIsolation(t *testing.T) {
	j := s.open(t)
	a, b := addClinic(t, j, "A"), addClinic(t, j, "B")
	acct := map[string]*backcare.Account{}
	for _, n := range []string{"doc.a", "doc.b", "doc.ab", "pat.a", "pat.a2", "pat.b", "loner"} {
		acct[n] = addAccount(t, j, n)
	}
	join(t, j, a, acct["doc.a"], backcare.InClinicClinician, "")
	join(t, j, b, acct["doc.b"], backcare.InClinicClinician, "")
	join(t, j, a, acct["doc.ab"], backcare.InClinicClinician, "")
	join(t, j, b, acct["doc.ab"], backcare.InClinicClinician, "")
	join(t, j, a, acct["pat.a"], backcare.InClinicPatient, acct["doc.a"].ID)
	join(t, j, a, acct["pat.a2"], backcare.InClinicPatient, acct["doc.a"].ID)
	join(t, j, b, acct["pat.b"], backcare.InClinicPatient, acct["doc.b"].ID)
	reach := func(staff, patient string) string {
		t.Helper()
		sm, err := j.Memberships(ctx, acct[staff].ID)
		if err != nil {
			t.Fatal(err)
		}
		pm, err := j.Memberships(ctx, acct[patient].ID)
		if err != nil {
			t.Fatal(err)
		}
		id, ok := backcare.MayReadPatient(acct[staff].ID, sm, pm)
		switch {
		case !ok:
			return "-"
		case id == a.ID:
			return "A"
		case id == b.ID:
			return "B"
		}
		return "?"
	}
	tests := []struct {
		staff, patient, want string
	}{
		{"doc.a", "pat.a", "A"}, {"doc.a", "pat.a2", "A"}, {"doc.a", "pat.b", "-"}, {"doc.a", "loner", "-"}, {"doc.a", "doc.b", "-"},
		{"doc.b", "pat.b", "B"}, {"doc.b", "pat.a", "-"},
		{"doc.ab", "pat.a", "A"}, {"doc.ab", "pat.b", "B"},
		{"pat.a2", "pat.a", "-"}, {"pat.b", "pat.a", "-"}, {"loner", "pat.a", "-"},
	}
	for _, tt := range tests {
		if got := reach(tt.staff, tt.patient); got != tt.want {
			t.Errorf("%s reaches %s in %s, want %s", tt.staff, tt.patient, got, tt.want)
		}
	}
	if err := j.RemoveMember(ctx, a.ID, acct["pat.a"].ID); err != nil {
		t.Fatal(err)
	}
	if got := reach("doc.a", "pat.a"); got != "-" {
		t.Errorf("doc.a reaches pat.a after pat.a left, in %s", got)
	}
}

// clinicPatients checks ClinicPatients against the journal's own
// per-person reads (backcare.CollectClinicPatients).
func (s *suite) clinicPatients(t *testing.T) {
	j := s.open(t)
	a, b := addClinic(t, j, "A"), addClinic(t, j, "B")
	doc := addAccount(t, j, "doc")
	join(t, j, a, doc, backcare.InClinicClinician, "")
	staff(t, j, b)
	var pats []*backcare.Account
	for i, n := range []string{"p1", "p2", "p3"} {
		p := addAccount(t, j, n)
		pats = append(pats, p)
		c := a
		if i == 2 {
			c = b // another clinic's: left out
		}
		join(t, j, c, p, backcare.InClinicPatient, doc.ID)
	}
	for i := 0; i < 12; i++ {
		for k, p := range pats[:2] {
			if k == 1 && i%3 != 0 {
				continue
			}
			at := Base.Add(time.Duration(-i*24) * time.Hour)
			if err := j.SaveSession(ctx, NewSession(p.ID, at, i%10, (i+1)%10)); err != nil {
				t.Fatal(err)
			}
			if err := j.AddPEG(ctx, &backcare.PEG{UserID: p.ID, At: at, Pain: i % 10, Enjoyment: 3, Activity: 4}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := j.SaveScreening(ctx, &backcare.Screening{UserID: pats[0].ID, At: Base, Reason: "first", Answers: map[string]bool{"q": false}, Verdict: backcare.GoAhead}); err != nil {
		t.Fatal(err)
	}
	if err := j.SaveAssignment(ctx, NewAssignment(a.ID, pats[0].ID, doc.ID)); err != nil {
		t.Fatal(err)
	}
	if err := j.AddFlagAck(ctx, &backcare.FlagAck{ClinicID: a.ID, PatientID: pats[1].ID, Kind: backcare.FlagNoPractice, Ref: "none", By: doc.ID, At: Base}); err != nil {
		t.Fatal(err)
	}
	since := Base.Add(-5 * 24 * time.Hour)
	got, err := j.ClinicPatients(ctx, a.ID, since)
	if err != nil {
		t.Fatalf("ClinicPatients: %v", err)
	}
	want, err := backcare.CollectClinicPatients(ctx, j, a.ID, since)
	if err != nil {
		t.Fatal(err)
	}
	most := 0
	for _, p := range got {
		most = max(most, len(p.PEGs))
	}
	if len(got) != 2 || most != backcare.DashboardPEGs {
		t.Errorf("ClinicPatients = %d patients, at most %d PEGs each; want 2, and %d (of 12)", len(got), most, backcare.DashboardPEGs)
	}
	equal(t, "ClinicPatients", got, want)
	if none, err := j.ClinicPatients(ctx, "no-such-clinic", since); err != nil || len(none) != 0 {
		t.Errorf("ClinicPatients(no such clinic) = %v, %v; want none", none, err)
	}
}

// clinicVersion checks that ClinicVersion changes with everything a
// dashboard shows of the clinic's patients, and with nothing of anyone
// else's.
func (s *suite) clinicVersion(t *testing.T) {
	j := s.open(t)
	c, other := addClinic(t, j, "A"), addClinic(t, j, "B")
	doc, pat, pat2, stranger := addAccount(t, j, "doc"), addAccount(t, j, "pat"), addAccount(t, j, "pat2"), addAccount(t, j, "stranger")
	staff(t, j, other)
	join(t, j, other, stranger, backcare.InClinicPatient, "")
	version := func() string {
		t.Helper()
		v, err := j.ClinicVersion(ctx, c.ID)
		if err != nil {
			t.Fatalf("ClinicVersion: %v", err)
		}
		return v
	}
	at := Base.Add(48 * time.Hour)
	steps := []struct {
		name    string
		do      func() error
		changes bool
	}{
		{"a clinician joins", func() error {
			return j.AddMember(ctx, &backcare.ClinicMember{ClinicID: c.ID, AccountID: doc.ID, Role: backcare.InClinicClinician, JoinedAt: Base})
		}, false},
		{"a patient joins", func() error {
			return j.AddMember(ctx, &backcare.ClinicMember{ClinicID: c.ID, AccountID: pat.ID, Role: backcare.InClinicPatient, JoinedAt: Base})
		}, true},
		{"another patient joins", func() error {
			return j.AddMember(ctx, &backcare.ClinicMember{ClinicID: c.ID, AccountID: pat2.ID, Role: backcare.InClinicPatient, JoinedAt: Base})
		}, true},
		{"a session", func() error { return j.SaveSession(ctx, NewSession(pat.ID, at, 3, 2)) }, true},
		{"a PEG", func() error {
			return j.AddPEG(ctx, &backcare.PEG{UserID: pat2.ID, At: at, Pain: 4, Enjoyment: 3, Activity: 2})
		}, true},
		{"a screening", func() error {
			return j.SaveScreening(ctx, &backcare.Screening{UserID: pat.ID, At: at, Reason: backcare.ScreenFirst, Verdict: backcare.GoAhead})
		}, true},
		{"a programme", func() error { return j.SaveAssignment(ctx, NewAssignment(c.ID, pat.ID, doc.ID)) }, true},
		{"an acknowledgement", func() error {
			return j.AddFlagAck(ctx, &backcare.FlagAck{ClinicID: c.ID, PatientID: pat.ID, Kind: backcare.FlagNoPractice, Ref: "none", By: doc.ID, At: at})
		}, true},
		{"a second acknowledgement at the same moment", func() error {
			return j.AddFlagAck(ctx, &backcare.FlagAck{ClinicID: c.ID, PatientID: pat2.ID, Kind: backcare.FlagNoPractice, Ref: "none", By: doc.ID, At: at})
		}, true},
		{"a patient's time zone", func() error {
			_, err := j.UpdateAccount(ctx, pat.ID, func(a *backcare.Account) error { a.Zone = "Pacific/Auckland"; return nil })
			return err
		}, true},
		{"a patient's name", func() error {
			_, err := j.UpdateAccount(ctx, pat2.ID, func(a *backcare.Account) error { a.Name = "pat-two"; return nil })
			return err
		}, true},
		{"the clinician's name", func() error {
			_, err := j.UpdateAccount(ctx, doc.ID, func(a *backcare.Account) error { a.Name = "dr-doc"; return nil })
			return err
		}, false},
		{"the clinic's own pose", func() error {
			return j.SaveClinicDoc(ctx, NewClinicDoc(c.ID, backcare.ClinicPose, "wall-slide", doc.ID))
		}, true},
		{"another clinic's own pose", func() error {
			return j.SaveClinicDoc(ctx, NewClinicDoc(other.ID, backcare.ClinicPose, "wall-slide", doc.ID))
		}, false},
		{"an audit entry", func() error {
			return j.AddAudit(ctx, &backcare.AuditEntry{At: at, StaffID: doc.ID, Patients: []string{pat.ID}, ClinicID: c.ID, Action: backcare.AuditRead, What: "x"})
		}, false},
		{"another clinic's patient practises", func() error { return j.SaveSession(ctx, NewSession(stranger.ID, at, 3, 2)) }, false},
		{"the clinician's own session", func() error { return j.SaveSession(ctx, NewSession(doc.ID, at, 3, 2)) }, false},
		{"a patient leaves", func() error { return j.RemoveMember(ctx, c.ID, pat2.ID) }, true},
	}
	for _, st := range steps {
		before := version()
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if changed := version() != before; changed != st.changes {
			t.Errorf("%s: version changed = %v, want %v", st.name, changed, st.changes)
		}
	}
	if v, err := j.ClinicVersion(ctx, "no-such-clinic"); err != nil || v == "" {
		t.Errorf("ClinicVersion(a clinic that is none) = %q, %v; want a version of nobody", v, err)
	}
}

// clinicVersionRace writes everything that moves a clinic's version at
// once: patients' sessions, the clinic's own poses (which move every
// patient's revision in one statement), acknowledgements, a time zone.
// Every write succeeds (none fails on a lock another holds, such as a
// deadlock PostgreSQL broke), and the version has moved.
// lastClinician checks that a clinic with patients keeps a clinician:
// one by one, and when two admins take out its last two at once.
func (s *suite) lastClinician(t *testing.T) {
	j := s.open(t)
	c := addClinic(t, j, "A")
	doc, pat := addAccount(t, j, "doc"), addAccount(t, j, "pat")
	join(t, j, c, doc, backcare.InClinicClinician, "")
	join(t, j, c, pat, backcare.InClinicPatient, doc.ID)
	wantCode(t, "RemoveMember(the only clinician)", j.RemoveMember(ctx, c.ID, doc.ID), backcare.ECONFLICT)
	if ms, err := j.Memberships(ctx, doc.ID); err != nil || len(ms) != 1 {
		t.Errorf("Memberships(doc) after the refusal = %v, %v; want doc still in the clinic", ms, err)
	}

	const rounds = 8
	for round := range rounds {
		a := addAccount(t, j, "a"+strconv.Itoa(round))
		join(t, j, c, a, backcare.InClinicClinician, "")
		// Now doc and a: two admins take out one each, at once.
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, id := range []string{doc.ID, a.ID} {
			wg.Go(func() { errs[i] = j.RemoveMember(ctx, c.ID, id) })
		}
		wg.Wait()
		refused := 0
		for _, err := range errs {
			if err != nil {
				wantCode(t, "RemoveMember(racing)", err, backcare.ECONFLICT)
				refused++
			}
		}
		if refused != 1 {
			t.Fatalf("round %d: %d of the two racing removals refused, want exactly 1 (errors %v)", round, refused, errs)
		}
		ms, err := j.Members(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var kept []string
		for _, m := range ms {
			if m.Role == backcare.InClinicClinician {
				kept = append(kept, m.AccountID)
			}
		}
		if len(kept) != 1 {
			t.Fatalf("round %d: clinicians after the race = %v, want one", round, kept)
		}
		if kept[0] != doc.ID { // the one kept is "doc" in the next round
			doc = a
		}
	}

	// With no patients left, the last clinician may go.
	if err := j.RemoveMember(ctx, c.ID, pat.ID); err != nil {
		t.Fatal(err)
	}
	if err := j.RemoveMember(ctx, c.ID, doc.ID); err != nil {
		t.Errorf("RemoveMember(the last clinician of a clinic with no patients) = %v, want nil", err)
	}
	// A clinic with no clinician takes no patient, say by an invitation
	// made before its last clinician left.
	wantCode(t, "AddMember(a patient, the clinic has no clinician)", j.AddMember(ctx, &backcare.ClinicMember{ClinicID: c.ID, AccountID: pat.ID,
		Role: backcare.InClinicPatient, JoinedAt: Base, InvitedBy: doc.ID}), backcare.ECONFLICT)
	if ms, err := j.Members(ctx, c.ID); err != nil || len(ms) != 0 {
		t.Errorf("Members after the refused join = %v, %v; want none", ms, err)
	}

	// A patient joining while the last clinician leaves: either the join
	// comes first and the removal is refused, or the removal first and
	// the join is refused; never a patient with no clinician.
	for round := range rounds {
		d, p := addAccount(t, j, "d"+strconv.Itoa(round)), addAccount(t, j, "p"+strconv.Itoa(round))
		join(t, j, c, d, backcare.InClinicClinician, "")
		var removeErr, joinErr error
		var wg sync.WaitGroup
		wg.Go(func() { removeErr = j.RemoveMember(ctx, c.ID, d.ID) })
		wg.Go(func() {
			joinErr = j.AddMember(ctx, &backcare.ClinicMember{ClinicID: c.ID, AccountID: p.ID,
				Role: backcare.InClinicPatient, JoinedAt: Base, InvitedBy: d.ID})
		})
		wg.Wait()
		if (removeErr == nil) == (joinErr == nil) {
			t.Fatalf("round %d: removing the last clinician = %v and a patient joining = %v at once; want exactly one refused", round, removeErr, joinErr)
		}
		refused := removeErr
		if refused == nil {
			refused = joinErr
		}
		wantCode(t, "the refused one of a removal and a join racing", refused, backcare.ECONFLICT)
		for _, id := range []string{p.ID, d.ID} { // empty the clinic for the next round
			if err := j.RemoveMember(ctx, c.ID, id); err != nil && backcare.ErrorCode(err) != backcare.ENOTFOUND {
				t.Fatal(err)
			}
		}
	}
}

func (s *suite) clinicVersionRace(t *testing.T) {
	j := s.open(t)
	c := addClinic(t, j, "A")
	doc := addAccount(t, j, "doc")
	join(t, j, c, doc, backcare.InClinicClinician, "")
	var pats []*backcare.Account
	for i := range 4 {
		p := addAccount(t, j, "pat"+strconv.Itoa(i))
		join(t, j, c, p, backcare.InClinicPatient, doc.ID)
		pats = append(pats, p)
	}
	before, err := j.ClinicVersion(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	const rounds = 6
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	run := func(f func(i int) error) {
		wg.Go(func() {
			for i := range rounds {
				if err := f(i); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for n, p := range pats {
		run(func(i int) error {
			return j.SaveSession(ctx, NewSession(p.ID, Base.Add(time.Duration(n*rounds+i)*time.Hour), 3, 2))
		})
	}
	for k := range 2 {
		run(func(i int) error {
			return j.SaveClinicDoc(ctx, NewClinicDoc(c.ID, backcare.ClinicPose, "pose-"+strconv.Itoa(k*rounds+i), doc.ID))
		})
	}
	run(func(i int) error {
		return j.AddFlagAck(ctx, &backcare.FlagAck{ClinicID: c.ID, PatientID: pats[i%len(pats)].ID, Kind: backcare.FlagNoPractice, Ref: "r" + strconv.Itoa(i), By: doc.ID, At: Base})
	})
	run(func(i int) error {
		_, err := j.UpdateAccount(ctx, pats[0].ID, func(a *backcare.Account) error { a.Zone = []string{"Europe/Paris", "Asia/Tokyo"}[i%2]; return nil })
		return err
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a write racing the others: %v", err)
	}
	if after, err := j.ClinicVersion(ctx, c.ID); err != nil || after == before {
		t.Errorf("ClinicVersion after the writes = %q, %v; want other than %q", after, err, before)
	}
}
