// Package journaltest is the one conformance suite that every
// backcare.Journal passes: the sqlite package always, the postgres package
// when BACKCARE_TEST_POSTGRES names a database. A journal that passes Run
// behaves the same as every other one through the interface: records come
// back as saved, listings are ordered alike, errors carry the same codes,
// and archives export to the same bytes.
package journaltest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"backcare"
)

// Opener opens a new, empty journal for one test and closes it when the
// test ends (tb.Cleanup). Run calls it from parallel subtests.
type Opener func(tb testing.TB) backcare.Journal

// Upgrader builds a journal at an older schema version, holding the
// records of the archives written with that version's SQL, and returns it
// opened with the current code, which migrates it.
type Upgrader func(t *testing.T, archives ...*backcare.Archive) backcare.Journal

// Option adds to the suite.
type Option func(*suite)

// FromPrevious adds the test of migrating a journal, with records in it,
// from the previous schema version.
func FromPrevious(u Upgrader) Option { return FromVersion("previous", u) }

// FromVersion adds the test of migrating a journal, with records in it,
// from an older schema version, named by version ("v1").
func FromVersion(version string, u Upgrader) Option {
	return func(s *suite) { s.upgrades = append(s.upgrades, upgrade{version, u}) }
}

type upgrade struct {
	version string
	fn      Upgrader
}

// Reopener closes a journal that an Opener opened and opens the same
// database again, as a program started afresh would.
type Reopener func(tb testing.TB, j backcare.Journal) backcare.Journal

// WithReopen adds the checks that what a journal keeps outlives the
// program that wrote it.
func WithReopen(r Reopener) Option { return func(s *suite) { s.reopen = r } }

type suite struct {
	open     Opener
	upgrades []upgrade
	reopen   Reopener
}

// Run runs the conformance suite against the journals open opens.
func Run(t *testing.T, open Opener, opts ...Option) {
	s := &suite{open: open}
	for _, o := range opts {
		o(s)
	}
	tests := []struct {
		name string
		fn   func(t *testing.T)
	}{
		{"SessionRoundTrip", s.sessionRoundTrip},
		{"SaveSessionReplaces", s.saveSessionReplaces},
		{"UpdateSession", s.updateSession},
		{"UpdateSessionConcurrent", s.updateSessionConcurrent},
		{"NotFound", s.notFound},
		{"Ordering", s.ordering},
		{"Filter", s.filter},
		{"TimeZones", s.timeZones},
		{"Users", s.users},
		{"ConcurrentWriters", s.concurrentWriters},
		{"Conflicts", s.conflicts},
		{"InvalidRecords", s.invalidRecords},
		{"Settings", s.settings},
		{"Screenings", s.screenings},
		{"History", s.history},
		{"Revisions", s.revisions},
		{"RevisionsConcurrent", s.revisionsConcurrent},
		{"DeleteSession", s.deleteSession},
		{"DeleteSessionConcurrent", s.deleteSessionConcurrent},
		{"DeleteAll", s.deleteAll},
		{"ExportImportRoundTrip", s.exportImport},
		{"ImportAllOrNothing", s.importAllOrNothing},
		{"AccountRoundTrip", s.accountRoundTrip},
		{"AccountConflicts", s.accountConflicts},
		{"AccountList", s.accountList},
		{"AccountsNotFound", s.accountsNotFound},
		{"UpdateAccount", s.updateAccount},
		{"RemoveAccount", s.removeAccount},
		{"Passkeys", s.passkeys},
		{"SignIns", s.signIns},
		{"Tickets", s.tickets},
		{"TicketsConcurrent", s.ticketsConcurrent},
		{"Failures", s.failures},
		{"AccountsRevision", s.accountsRevision},
		{"Clinics", s.clinics},
		{"ClinicMembers", s.clinicMembers},
		{"Invites", s.invites},
		{"Assignments", s.assignments},
		{"FlagAcksAndClearances", s.flagAcksAndClearances},
		{"Audit", s.audit},
		{"ClinicsRevision", s.clinicsRevision},
		{"ClinicVersion", s.clinicVersion},
		{"ClinicVersionRace", s.clinicVersionRace},
		{"LastClinician", s.lastClinician},
		{"AccountZone", s.accountZone},
		{"ClinicIsolation", s.clinicIsolation},
		{"ClinicPatients", s.clinicPatients},
		{"ClinicDocs", s.clinicDocs},
		{"ClinicDocsConcurrent", s.clinicDocsConcurrent},
		{"ClinicDocsRevision", s.clinicDocsRevision},
		{"MigrateFromEmpty", s.migrateFromEmpty},
		{"MigrateFromPrevious", s.migrateFromPrevious},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t)
		})
	}
}

var ctx = context.Background()

// Base is the moment the suite's records are dated from.
var Base = time.Date(2026, 3, 2, 18, 30, 0, 0, time.UTC)

func intp(v int) *int { return &v }

// NewSession returns a finished session of the article's routine started at
// at: three poses, the first on both sides, each with its prepare segment.
func NewSession(user string, at time.Time, before, after int) *backcare.Session {
	sec := func(n int) time.Duration { return time.Duration(n) * time.Second }
	segs := []backcare.SegmentResult{
		{Index: 0, Kind: "prepare", PoseID: "standing-psoas-lunge", Side: backcare.Left, Planned: sec(15), Held: sec(15)},
		{Index: 1, Kind: "hold", PoseID: "standing-psoas-lunge", Side: backcare.Left, Planned: sec(60), Held: sec(60)},
		{Index: 2, Kind: "switch", PoseID: "standing-psoas-lunge", Side: backcare.Right, Planned: sec(15), Held: sec(15)},
		{Index: 3, Kind: "hold", PoseID: "standing-psoas-lunge", Side: backcare.Right, Planned: sec(60), Held: sec(60)},
		{Index: 4, Kind: "prepare", PoseID: "zombie-crawl", Planned: sec(15), Held: sec(15)},
		{Index: 5, Kind: "hold", PoseID: "zombie-crawl", Planned: sec(60), Held: 41*time.Second + 250*time.Millisecond, Skipped: true},
		{Index: 6, Kind: "prepare", PoseID: "countertop-hip-hinge", Planned: sec(15), Held: sec(15)},
		{Index: 7, Kind: "hold", PoseID: "countertop-hip-hinge", Planned: sec(60), Held: sec(60)},
	}
	return &backcare.Session{
		UserID: user, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
		StartedAt: at, EndedAt: at.Add(5*time.Minute + 10*time.Second), Status: backcare.Completed,
		Segments:   segs,
		PainBefore: intp(before), PainAfter: intp(after), Intensity: intp(5),
		Note: "Felt the lunge on the left more than the right.",
	}
}

// NewArchive returns an archive with some of every kind of record.
func NewArchive(user string) *backcare.Archive {
	a := &backcare.Archive{UserID: user,
		Settings: &backcare.Settings{Hold: 45 * time.Second, Prepare: 10 * time.Second, Voice: true, VoiceName: "en-gb", Beeps: false}}
	for i := range 6 {
		s := NewSession(user, Base.Add(time.Duration(i)*24*time.Hour), 5-i/2, 4-i/2)
		s.ID = fmt.Sprintf("s%02d-%s", i, user)
		if i == 3 {
			s.Status, s.PainAfter, s.Note = backcare.StoppedForPain, intp(7), "Sharp twinge in the crawl; stopped."
			s.Segments = s.Segments[:6]
		}
		if i == 5 {
			s.Status, s.EndedAt, s.PainAfter, s.Intensity, s.Note = backcare.InProgress, time.Time{}, nil, nil, ""
			s.Segments = s.Segments[:2]
		}
		a.Sessions = append(a.Sessions, s)
	}
	for i := range 2 {
		a.PEGs = append(a.PEGs, &backcare.PEG{ID: fmt.Sprintf("p%d-%s", i, user), UserID: user,
			At: Base.Add(time.Duration(i) * 7 * 24 * time.Hour), Pain: 5 - i, Enjoyment: 4, Activity: 6 - i})
	}
	a.Screenings = []*backcare.Screening{
		{ID: "x0-" + user, UserID: user, At: Base.Add(-time.Hour), Reason: backcare.ScreenFirst, Verdict: backcare.GoAhead,
			Answers: map[string]bool{"bladder": false, "saddle": false, "leg-weakness": false}},
		{ID: "x1-" + user, UserID: user, At: Base.Add(3*24*time.Hour + time.Hour), Reason: backcare.ScreenFlare, Verdict: backcare.Doctor,
			Answers: map[string]bool{"night-pain": true}, ClearedAt: Base.Add(5 * 24 * time.Hour)},
	}
	a.PhaseChanges = []*backcare.PhaseChange{
		{ID: "c0-" + user, UserID: user, At: Base.Add(-time.Minute), From: 0, To: 1, Reason: "Starting with gentle relief stretches."},
	}
	return a
}

func (s *suite) fill(t *testing.T, j backcare.Journal, a *backcare.Archive) {
	t.Helper()
	if _, err := j.Import(ctx, a); err != nil {
		t.Fatalf("Import: %v", err)
	}
}

func (s *suite) sessionRoundTrip(t *testing.T) {
	j := s.open(t)
	in := NewSession("alice", Base.Add(123456789*time.Nanosecond), 4, 2)
	if err := j.SaveSession(ctx, in); err != nil {
		t.Fatalf("SaveSession: %v", err)
	}
	if !backcare.ValidID(in.ID) {
		t.Fatalf("ID = %q, want a new id filled in", in.ID)
	}
	if want := Base.Add(123 * time.Millisecond); !in.StartedAt.Equal(want) {
		t.Errorf("StartedAt after save = %v, want %v (normalized to the millisecond)", in.StartedAt, want)
	}
	got, err := j.Session(ctx, "alice", in.ID)
	if err != nil {
		t.Fatalf("Session: %v", err)
	}
	equal(t, "Session", got, in)
	if got.StartedAt.Location() != time.UTC {
		t.Errorf("StartedAt.Location() = %v, want UTC", got.StartedAt.Location())
	}
}

func (s *suite) saveSessionReplaces(t *testing.T) {
	j := s.open(t)
	final := NewSession("alice", Base, 4, 3)
	progress := NewSession("alice", Base, 4, 0)
	progress.Status, progress.EndedAt, progress.PainAfter, progress.Intensity = backcare.InProgress, time.Time{}, nil, nil
	progress.Segments = progress.Segments[:3]
	if err := j.SaveSession(ctx, progress); err != nil {
		t.Fatalf("SaveSession(in progress): %v", err)
	}
	final.ID = progress.ID
	if err := j.SaveSession(ctx, final); err != nil {
		t.Fatalf("SaveSession(final): %v", err)
	}
	got, err := j.Session(ctx, "alice", final.ID)
	if err != nil {
		t.Fatalf("Session: %v", err)
	}
	equal(t, "Session", got, final)
	all, err := j.Sessions(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 {
		t.Errorf("len(Sessions) = %d, want 1 after saving one session twice", len(all))
	}
	// A shorter final state drops the segments it no longer has.
	final.Segments = final.Segments[:1]
	final.Status = backcare.Abandoned
	if err := j.SaveSession(ctx, final); err != nil {
		t.Fatal(err)
	}
	got, err = j.Session(ctx, "alice", final.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Session after a shorter save", got, final)
}

func (s *suite) notFound(t *testing.T) {
	j := s.open(t)
	in := NewSession("alice", Base, 3, 3)
	if err := j.SaveSession(ctx, in); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, user, id string }{
		{"no such id", "alice", backcare.NewID()},
		{"another user's session", "bob", in.ID},
	} {
		_, err := j.Session(ctx, tt.user, tt.id)
		if got := backcare.ErrorCode(err); got != backcare.ENOTFOUND {
			t.Errorf("%s: Session code = %q (%v), want %q", tt.name, got, err, backcare.ENOTFOUND)
		}
	}
}

func (s *suite) ordering(t *testing.T) {
	j := s.open(t)
	// Saved out of order; two at the same moment, told apart by id.
	offsets := []int{3, 0, 5, 1, 5, 2}
	ids := []string{"d", "a", "f", "b", "e", "c"}
	for i, off := range offsets {
		at := Base.Add(time.Duration(off) * time.Hour)
		sess := NewSession("alice", at, 3, 2)
		sess.ID = "sess-" + ids[i]
		if err := j.SaveSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
		if err := j.AddPEG(ctx, &backcare.PEG{ID: "peg-" + ids[i], UserID: "alice", At: at, Pain: 3, Enjoyment: 3, Activity: 3}); err != nil {
			t.Fatal(err)
		}
		if err := j.SaveScreening(ctx, &backcare.Screening{ID: "scr-" + ids[i], UserID: "alice", At: at, Reason: backcare.ScreenManual, Verdict: backcare.GoAhead}); err != nil {
			t.Fatal(err)
		}
		if err := j.AddPhaseChange(ctx, &backcare.PhaseChange{ID: "ph-" + ids[i], UserID: "alice", At: at, From: i, To: i + 1}); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"f", "e", "d", "c", "b", "a"}
	sessions, err := j.Sessions(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	history, err := j.History(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	pegs, err := j.PEGs(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	scr, err := j.Screenings(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	phases, err := j.PhaseChanges(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(kind string, n int, id func(i int) string, prefix string) {
		var got []string
		for i := range n {
			got = append(got, id(i)[len(prefix):])
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s order = %v, want %v (newest first, then by id)", kind, got, want)
		}
	}
	check("Sessions", len(sessions), func(i int) string { return sessions[i].ID }, "sess-")
	check("History", len(history), func(i int) string { return history[i].ID }, "sess-")
	check("PEGs", len(pegs), func(i int) string { return pegs[i].ID }, "peg-")
	check("Screenings", len(scr), func(i int) string { return scr[i].ID }, "scr-")
	check("PhaseChanges", len(phases), func(i int) string { return phases[i].ID }, "ph-")
}

func (s *suite) filter(t *testing.T) {
	j := s.open(t)
	for d := range 10 {
		if err := j.SaveSession(ctx, NewSession("alice", Base.Add(time.Duration(d)*24*time.Hour), 3, 2)); err != nil {
			t.Fatal(err)
		}
		if err := j.AddPEG(ctx, &backcare.PEG{UserID: "alice", At: Base.Add(time.Duration(d) * 24 * time.Hour), Pain: d}); err != nil {
			t.Fatal(err)
		}
	}
	day := func(d int) time.Time { return Base.Add(time.Duration(d) * 24 * time.Hour) }
	tests := []struct {
		name      string
		f         backcare.Filter
		wantFirst time.Time
		wantN     int
	}{
		{"all", backcare.Filter{}, day(9), 10},
		{"limit", backcare.Filter{Limit: 3}, day(9), 3},
		{"since is inclusive", backcare.Filter{Since: day(7)}, day(9), 3},
		{"until is exclusive", backcare.Filter{Until: day(2)}, day(1), 2},
		{"window and limit", backcare.Filter{Since: day(2), Until: day(8), Limit: 4}, day(7), 4},
		{"empty window", backcare.Filter{Since: day(20)}, time.Time{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ss, err := j.Sessions(ctx, "alice", tt.f)
			if err != nil {
				t.Fatal(err)
			}
			hs, err := j.History(ctx, "alice", tt.f)
			if err != nil {
				t.Fatal(err)
			}
			ps, err := j.PEGs(ctx, "alice", tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(ss) != tt.wantN || len(hs) != tt.wantN || len(ps) != tt.wantN {
				t.Fatalf("len(Sessions, History, PEGs) = %d, %d, %d, want %d", len(ss), len(hs), len(ps), tt.wantN)
			}
			if tt.wantN > 0 && (!ss[0].StartedAt.Equal(tt.wantFirst) || !ps[0].At.Equal(tt.wantFirst)) {
				t.Errorf("first = %v, %v, want %v", ss[0].StartedAt, ps[0].At, tt.wantFirst)
			}
			if ss == nil || hs == nil || ps == nil {
				t.Errorf("a listing returned nil, want an empty slice")
			}
		})
	}
	_, err := j.Sessions(ctx, "alice", backcare.Filter{Limit: -1})
	if got := backcare.ErrorCode(err); got != backcare.EINVALID {
		t.Errorf("Sessions(Limit: -1) code = %q, want %q", got, backcare.EINVALID)
	}
}

func (s *suite) timeZones(t *testing.T) {
	j := s.open(t)
	india := time.FixedZone("IST", 5*3600+1800)
	pacific := time.FixedZone("PST", -8*3600)
	// 09:00 in India is 03:30 UTC; 19:00 the evening before in California
	// is 03:00 UTC: the Indian session is the later one, though its wall
	// clock and its date read otherwise.
	early := NewSession("alice", time.Date(2026, 3, 2, 19, 0, 0, 0, pacific), 3, 2)
	late := NewSession("alice", time.Date(2026, 3, 3, 9, 0, 0, 0, india), 3, 2)
	for _, x := range []*backcare.Session{late, early} {
		if err := j.SaveSession(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	got, err := j.Sessions(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != late.ID {
		t.Fatalf("Sessions = %v, want the Indian session first", ids(got))
	}
	if want := time.Date(2026, 3, 3, 3, 30, 0, 0, time.UTC); !got[0].StartedAt.Equal(want) || got[0].StartedAt.Location() != time.UTC {
		t.Errorf("StartedAt = %v, want %v in UTC", got[0].StartedAt, want)
	}
	// A filter given in a local zone means the same instant.
	since := time.Date(2026, 3, 2, 19, 15, 0, 0, pacific)
	got, err = j.Sessions(ctx, "alice", backcare.Filter{Since: since})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != late.ID {
		t.Errorf("Sessions(Since 19:15 PST) = %v, want only the later session", ids(got))
	}
}

func ids(ss []*backcare.Session) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.ID+"@"+s.StartedAt.Format(time.RFC3339))
	}
	return out
}

func (s *suite) users(t *testing.T) {
	j := s.open(t)
	s.fill(t, j, NewArchive("alice"))
	s.fill(t, j, NewArchive("bob"))
	for _, user := range []string{"alice", "bob"} {
		a, err := j.Export(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		want := NewArchive(user)
		want.Normalize()
		want.Sort()
		equal(t, "Export("+user+")", a, want)
	}
	a, err := j.Export(ctx, "carol")
	if err != nil {
		t.Fatal(err)
	}
	if a.UserID != "carol" || a.Settings != nil || len(a.Sessions)+len(a.PEGs)+len(a.Screenings)+len(a.PhaseChanges) != 0 {
		t.Errorf("Export(carol) = %+v, want an empty archive", a)
	}
}

func (s *suite) concurrentWriters(t *testing.T) {
	j := s.open(t)
	const writers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers*each*2)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				sess := NewSession("alice", Base.Add(time.Duration(w*each+i)*time.Minute), 3, 2)
				if err := j.SaveSession(ctx, sess); err != nil {
					errs <- err
					continue
				}
				// Progress saves of the same session interleave with others.
				sess.Note = fmt.Sprintf("writer %d, session %d", w, i)
				if err := j.SaveSession(ctx, sess); err != nil {
					errs <- err
				}
				if err := j.SaveSettings(ctx, "alice", backcare.Settings{Hold: time.Duration(30+w) * time.Second, Voice: true}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent write: %v", err)
	}
	got, err := j.Sessions(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != writers*each {
		t.Fatalf("len(Sessions) = %d, want %d", len(got), writers*each)
	}
	for _, x := range got {
		if len(x.Segments) != 8 || x.Note == "" {
			t.Errorf("session %s has %d segments and note %q, want 8 and a note", x.ID, len(x.Segments), x.Note)
		}
	}
}

func (s *suite) conflicts(t *testing.T) {
	j := s.open(t)
	mine := NewSession("alice", Base, 3, 2)
	if err := j.SaveSession(ctx, mine); err != nil {
		t.Fatal(err)
	}
	peg := &backcare.PEG{UserID: "alice", At: Base, Pain: 4, Enjoyment: 3, Activity: 5}
	if err := j.AddPEG(ctx, peg); err != nil {
		t.Fatal(err)
	}
	phase := &backcare.PhaseChange{UserID: "alice", At: Base, From: 0, To: 1}
	if err := j.AddPhaseChange(ctx, phase); err != nil {
		t.Fatal(err)
	}
	scr := &backcare.Screening{UserID: "alice", At: Base, Reason: backcare.ScreenFirst, Verdict: backcare.GoAhead}
	if err := j.SaveScreening(ctx, scr); err != nil {
		t.Fatal(err)
	}
	theirs := NewSession("bob", Base, 9, 9)
	theirs.ID = mine.ID
	theirScr := *scr
	theirScr.UserID = "bob"
	tests := []struct {
		name string
		err  error
	}{
		{"PEG id again", j.AddPEG(ctx, &backcare.PEG{ID: peg.ID, UserID: "alice", At: Base, Pain: 1})},
		{"phase change id again", j.AddPhaseChange(ctx, &backcare.PhaseChange{ID: phase.ID, UserID: "alice", At: Base, From: 1, To: 2})},
		{"PEG id of another user", j.AddPEG(ctx, &backcare.PEG{ID: peg.ID, UserID: "bob", At: Base, Pain: 1})},
		{"session id of another user", j.SaveSession(ctx, theirs)},
		{"screening id of another user", j.SaveScreening(ctx, &theirScr)},
	}
	for _, tt := range tests {
		if got := backcare.ErrorCode(tt.err); got != backcare.ECONFLICT {
			t.Errorf("%s: code = %q (%v), want %q", tt.name, got, tt.err, backcare.ECONFLICT)
		}
	}
	got, err := j.Session(ctx, "alice", mine.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "alice's session after bob's clash", got, mine)
	if _, err := j.Session(ctx, "bob", mine.ID); backcare.ErrorCode(err) != backcare.ENOTFOUND {
		t.Errorf("bob's Session = %v, want not found", err)
	}
	pegs, err := j.PEGs(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pegs) != 1 || pegs[0].Pain != 4 {
		t.Errorf("PEGs = %+v, want the first entry only", pegs)
	}
}

func (s *suite) invalidRecords(t *testing.T) {
	j := s.open(t)
	bad := NewSession("alice", Base, 3, 11)
	bad.ID = "bad"
	tests := []struct {
		name string
		err  error
	}{
		{"session pain 11", j.SaveSession(ctx, bad)},
		{"session without user", j.SaveSession(ctx, NewSession("", Base, 1, 1))},
		{"PEG item 12", j.AddPEG(ctx, &backcare.PEG{UserID: "alice", At: Base, Pain: 12})},
		{"screening verdict", j.SaveScreening(ctx, &backcare.Screening{UserID: "alice", At: Base, Reason: backcare.ScreenFirst, Verdict: "fine"})},
		{"phase change to 0", j.AddPhaseChange(ctx, &backcare.PhaseChange{UserID: "alice", At: Base, From: 1, To: 0})},
		{"settings hold of an hour", j.SaveSettings(ctx, "alice", backcare.Settings{Hold: time.Hour})},
	}
	for _, tt := range tests {
		if got := backcare.ErrorCode(tt.err); got != backcare.EINVALID {
			t.Errorf("%s: code = %q (%v), want %q", tt.name, got, tt.err, backcare.EINVALID)
		}
	}
	a, err := j.Export(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(a.Sessions) + len(a.PEGs) + len(a.Screenings) + len(a.PhaseChanges); n != 0 || a.Settings != nil {
		t.Errorf("after invalid writes the journal holds %d records and settings %v, want none", n, a.Settings)
	}
}

func (s *suite) settings(t *testing.T) {
	j := s.open(t)
	got, err := j.Settings(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Settings before any save", got, backcare.DefaultSettings())
	want := backcare.Settings{Hold: 45 * time.Second, Prepare: 0, Voice: false, VoiceName: "", Beeps: true}
	for _, x := range []backcare.Settings{{Hold: 90 * time.Second, Voice: true, VoiceName: "en-us"}, want} {
		if err := j.SaveSettings(ctx, "alice", x); err != nil {
			t.Fatal(err)
		}
	}
	got, err = j.Settings(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Settings", got, want)
	other, err := j.Settings(ctx, "bob")
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "bob's Settings", other, backcare.DefaultSettings())
}

func (s *suite) screenings(t *testing.T) {
	j := s.open(t)
	scr := &backcare.Screening{UserID: "alice", At: Base, Reason: backcare.ScreenFlare, Verdict: backcare.Doctor,
		Answers: map[string]bool{"night-pain": true, "fever": false}}
	if err := j.SaveScreening(ctx, scr); err != nil {
		t.Fatal(err)
	}
	scr.ClearedAt = Base.Add(48 * time.Hour)
	if err := j.SaveScreening(ctx, scr); err != nil {
		t.Fatal(err)
	}
	got, err := j.Screenings(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("len(Screenings) = %d, want 1", len(got))
	}
	equal(t, "Screening", got[0], scr)
	none := &backcare.Screening{UserID: "alice", At: Base.Add(time.Hour), Reason: backcare.ScreenManual, Verdict: backcare.GoAhead}
	if err := j.SaveScreening(ctx, none); err != nil {
		t.Fatal(err)
	}
	got, err = j.Screenings(ctx, "alice", backcare.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Answers == nil || len(got[0].Answers) != 0 {
		t.Errorf("Screenings = %+v, want one with empty, non-nil answers", got)
	}
}

func (s *suite) history(t *testing.T) {
	j := s.open(t)
	a := NewArchive("alice")
	s.fill(t, j, a)
	hs, err := j.History(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	ss, err := j.Sessions(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != len(ss) || len(hs) != len(a.Sessions) {
		t.Fatalf("len(History), len(Sessions) = %d, %d, want %d", len(hs), len(ss), len(a.Sessions))
	}
	for i := range hs {
		equal(t, "History["+hs[i].ID+"]", hs[i], ss[i].Summary())
	}
	oldest := hs[len(hs)-1]
	if want := 3*time.Minute + 41*time.Second + 250*time.Millisecond; oldest.Held != want || oldest.Holds != 4 || oldest.Skipped != 1 {
		t.Errorf("oldest Held, Holds, Skipped = %v, %d, %d, want %v, 4, 1", oldest.Held, oldest.Holds, oldest.Skipped, want)
	}
}

// Export, write, read, import into an empty journal, export and write
// again: the same bytes. Then import again: nothing added.
func (s *suite) exportImport(t *testing.T) {
	src := s.open(t)
	s.fill(t, src, NewArchive("alice"))
	extra := NewSession("alice", Base.Add(time.Hour), 2, 1)
	if err := src.SaveSession(ctx, extra); err != nil {
		t.Fatal(err)
	}
	a, err := src.Export(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	first, err := a.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	b, err := backcare.ParseArchive(first)
	if err != nil {
		t.Fatalf("ParseArchive(export): %v", err)
	}
	dst := s.open(t)
	res, err := dst.Import(ctx, b)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	want := backcare.ImportResult{Sessions: 7, PEGs: 2, Screenings: 2, PhaseChanges: 1, Settings: true}
	equal(t, "Import", res, want)
	again, err := dst.Export(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	second, err := again.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("export after import differs from the first export:\n%s\n---\n%s", first, second)
	}
	c, err := backcare.ParseArchive(first)
	if err != nil {
		t.Fatal(err)
	}
	res, err = dst.Import(ctx, c)
	if err != nil {
		t.Fatalf("second Import: %v", err)
	}
	if res.Total() != 0 {
		t.Errorf("second Import added %+v, want nothing", res)
	}
}

func (s *suite) importAllOrNothing(t *testing.T) {
	j := s.open(t)
	taken := NewSession("bob", Base, 3, 3)
	taken.ID = "taken"
	if err := j.SaveSession(ctx, taken); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		change   func(a *backcare.Archive)
		code     string
		wantText string
	}{
		{"id of another user's session", func(a *backcare.Archive) { a.Sessions[4].ID = "taken" }, backcare.ECONFLICT, "sessions[4] (id taken)"},
		{"pain 11 in the last session", func(a *backcare.Archive) { a.Sessions[5].PainBefore = intp(11) }, backcare.EINVALID, "sessions[5] (id s05-alice): pain_before 11 is outside 0-10"},
		{"PEG of another user", func(a *backcare.Archive) { a.PEGs[1].UserID = "bob" }, backcare.EINVALID, "pegs[1] (id p1-alice)"},
	}
	for _, tt := range tests {
		a := NewArchive("alice")
		tt.change(a)
		res, err := j.Import(ctx, a)
		if got := backcare.ErrorCode(err); got != tt.code {
			t.Errorf("%s: code = %q (%v), want %q", tt.name, got, err, tt.code)
			continue
		}
		var e *backcare.Error
		if !errors.As(err, &e) || !contains(e.Error(), tt.wantText) {
			t.Errorf("%s: error = %v, want it to name %q", tt.name, err, tt.wantText)
		}
		if res.Total() != 0 {
			t.Errorf("%s: Import reported %+v added, want nothing", tt.name, res)
		}
		got, err := j.Export(ctx, "alice")
		if err != nil {
			t.Fatal(err)
		}
		if n := len(got.Sessions) + len(got.PEGs) + len(got.Screenings) + len(got.PhaseChanges); n != 0 || got.Settings != nil {
			t.Errorf("%s: after a failed import the journal holds %d records, want none", tt.name, n)
		}
	}
}

func contains(s, sub string) bool { return bytes.Contains([]byte(s), []byte(sub)) }

func (s *suite) migrateFromEmpty(t *testing.T) {
	// Opening made the schema on an empty database; every kind of record
	// goes in and comes out.
	j := s.open(t)
	a := NewArchive("alice")
	s.fill(t, j, a)
	got, err := j.Export(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	a.Normalize()
	a.Sort()
	equal(t, "Export", got, a)
}

// migrateFromPrevious upgrades a journal that holds the records of
// several users: the local user (the one-person app's), bob, and Carol, who
// has only settings. Their records come back as they were, and each of
// them has an account, the local user's being "local".
func (s *suite) migrateFromPrevious(t *testing.T) {
	if len(s.upgrades) == 0 {
		t.Skip("no FromPrevious option given: the journal cannot build its previous schema")
	}
	for _, u := range s.upgrades {
		t.Run(u.version, func(t *testing.T) {
			local, bob := NewArchive(backcare.LocalUser), NewArchive("bob")
			carol := &backcare.Archive{UserID: "Carol", Settings: &backcare.Settings{Hold: 30 * time.Second, Voice: true},
				Sessions: []*backcare.Session{}, PEGs: []*backcare.PEG{}, Screenings: []*backcare.Screening{}, PhaseChanges: []*backcare.PhaseChange{}}
			archives := []*backcare.Archive{local, bob, carol}
			for _, a := range archives {
				a.Normalize()
				a.Sort()
			}
			j := u.fn(t, archives...)
			for _, a := range archives {
				got, err := j.Export(ctx, a.UserID)
				if err != nil {
					t.Fatal(err)
				}
				equal(t, "Export("+a.UserID+") after the upgrade", got, a)
			}
			hs, err := j.History(ctx, backcare.LocalUser, backcare.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			for i, h := range hs {
				want := local.Sessions[len(local.Sessions)-1-i].Summary()
				equal(t, "History after the upgrade", h, want)
			}

			// The records belong to accounts: the local journal to the
			// first account, "local".
			first, err := j.AccountByName(ctx, "local")
			if err != nil {
				t.Fatalf("AccountByName(local) after the upgrade: %v", err)
			}
			if first.ID != backcare.LocalUser || first.Role != backcare.RolePerson || first.CreatedAt.IsZero() {
				t.Errorf("the local account = %+v, want id %s, a person's, with the time it was made", first, backcare.LocalUser)
			}
			list, err := j.AccountList(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range list {
				got = append(got, a.ID+" "+a.Name+" "+string(a.Role))
			}
			want := []string{"bob bob person", "Carol carol person", "local local person"}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("AccountList after the upgrade = %q, want %q (an account for every user)", got, want)
			}

			// The upgraded journal takes new records and accounts as usual.
			if err := j.SaveSession(ctx, NewSession(backcare.LocalUser, Base.Add(240*time.Hour), 2, 1)); err != nil {
				t.Fatalf("SaveSession after the upgrade: %v", err)
			}
			if err := j.AddAccount(ctx, NewAccount("maria")); err != nil {
				t.Fatalf("AddAccount after the upgrade: %v", err)
			}
			wantCode(t, "AddAccount(bob) after the upgrade", j.AddAccount(ctx, NewAccount("bob")), backcare.ECONFLICT)
		})
	}
}

func equal(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s =\n%s\nwant\n%s", what, dump(got), dump(want))
	}
}

// dump prints records with their pointers followed, for failure text.
func dump(v any) string {
	if a, ok := v.(*backcare.Archive); ok {
		b, err := a.MarshalJSON()
		if err == nil {
			return string(b)
		}
	}
	if s, ok := v.(*backcare.Session); ok && s != nil {
		return fmt.Sprintf("%+v pain %v->%v intensity %v", *s, deref(s.PainBefore), deref(s.PainAfter), deref(s.Intensity))
	}
	return fmt.Sprintf("%+v", v)
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
