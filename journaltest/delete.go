package journaltest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"backcare"
)

// deleteSession: a deleted session is gone from every read, for its user
// only, and the revision moves; deleting it again, or another user's, is
// ENOTFOUND and changes nothing.
func (s *suite) deleteSession(t *testing.T) {
	j := s.open(t)
	keep := NewSession("alice", Base, 4, 2)
	gone := NewSession("alice", Base.Add(time.Hour), 5, 3)
	theirs := NewSession("bob", Base.Add(2*time.Hour), 6, 6)
	for _, x := range []*backcare.Session{keep, gone, theirs} {
		if err := j.SaveSession(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	// A progress save, so that a journal that keeps the sessions it
	// writes has this one in hand when it is deleted.
	if _, err := j.UpdateSession(ctx, "alice", gone.ID, func(x *backcare.Session) error { x.Note = "kept in hand"; return nil }); err != nil {
		t.Fatal(err)
	}
	rev := func(user string) int64 {
		t.Helper()
		n, err := j.Revision(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before, bob := rev("alice"), rev("bob")
	// A check that refuses: nothing is deleted, and its error comes back.
	refuse := errors.New("it has ended since")
	var seen *backcare.Session
	err := j.DeleteSession(ctx, "alice", gone.ID, func(x *backcare.Session) error { seen = x; return refuse })
	if !errors.Is(err, refuse) {
		t.Errorf("DeleteSession with a check that refuses = %v, want its error", err)
	}
	if seen == nil || seen.Note != "kept in hand" || len(seen.Segments) != len(gone.Segments) {
		t.Errorf("the check saw %+v, want the session as saved", seen)
	}
	if n := rev("alice"); n != before {
		t.Errorf("Revision after a refused delete = %d, want %d", n, before)
	}
	if _, err := j.Session(ctx, "alice", gone.ID); err != nil {
		t.Fatalf("Session after a refused delete: %v", err)
	}
	if err := j.DeleteSession(ctx, "alice", gone.ID, func(*backcare.Session) error { return nil }); err != nil {
		t.Fatalf("DeleteSession: %v", err)
	}
	if n := rev("alice"); n <= before {
		t.Errorf("Revision after DeleteSession = %d, want more than %d", n, before)
	}
	if _, err := j.Session(ctx, "alice", gone.ID); backcare.ErrorCode(err) != backcare.ENOTFOUND {
		t.Errorf("Session after DeleteSession: %v, want not found", err)
	}
	called := false
	_, err = j.UpdateSession(ctx, "alice", gone.ID, func(x *backcare.Session) error { called = true; return nil })
	if backcare.ErrorCode(err) != backcare.ENOTFOUND || called {
		t.Errorf("UpdateSession after DeleteSession: %v (change called: %v), want not found and no call", err, called)
	}
	all, err := j.Sessions(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	hs, err := j.History(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].ID != keep.ID || len(hs) != 1 || hs[0].ID != keep.ID {
		t.Errorf("Sessions, History after DeleteSession = %v, %d summaries, want only %s", ids(all), len(hs), keep.ID)
	}
	after := rev("alice")
	for _, tt := range []struct{ name, user, id string }{
		{"the same session again", "alice", gone.ID},
		{"another user's session", "alice", theirs.ID},
		{"no such id", "alice", backcare.NewID()},
	} {
		if err := j.DeleteSession(ctx, tt.user, tt.id, nil); backcare.ErrorCode(err) != backcare.ENOTFOUND {
			t.Errorf("DeleteSession(%s) = %v, want not found", tt.name, err)
		}
	}
	if n := rev("alice"); n != after {
		t.Errorf("Revision after deletes that found nothing = %d, want %d unchanged", n, after)
	}
	if n := rev("bob"); n != bob {
		t.Errorf("bob's Revision = %d, want %d unchanged", n, bob)
	}
	got, err := j.Session(ctx, "bob", theirs.ID)
	if err != nil {
		t.Fatalf("bob's session after alice's delete: %v", err)
	}
	equal(t, "bob's session", got, theirs)
	// The id is free again: the row is gone, not marked.
	again := NewSession("alice", Base.Add(3*time.Hour), 2, 1)
	again.ID = gone.ID
	if err := j.SaveSession(ctx, again); err != nil {
		t.Fatalf("SaveSession with a deleted session's id: %v", err)
	}
	got, err = j.Session(ctx, "alice", gone.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "the session saved again", got, again)
}

// deleteSessionConcurrent: progress saves racing a delete never bring the
// session back.
func (s *suite) deleteSessionConcurrent(t *testing.T) {
	j := s.open(t)
	sess := NewSession("alice", Base, 4, 2)
	if err := j.SaveSession(ctx, sess); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 10 {
				_, err := j.UpdateSession(ctx, "alice", sess.ID, func(x *backcare.Session) error { x.Note += "."; return nil })
				if err != nil && backcare.ErrorCode(err) != backcare.ENOTFOUND {
					t.Errorf("UpdateSession: %v", err)
				}
			}
		})
	}
	wg.Go(func() {
		if err := j.DeleteSession(ctx, "alice", sess.ID, nil); err != nil {
			t.Errorf("DeleteSession: %v", err)
		}
	})
	wg.Wait()
	if _, err := j.Session(ctx, "alice", sess.ID); backcare.ErrorCode(err) != backcare.ENOTFOUND {
		t.Errorf("Session after the delete: %v, want not found", err)
	}
	if _, err := j.UpdateSession(ctx, "alice", sess.ID, func(*backcare.Session) error { return nil }); backcare.ErrorCode(err) != backcare.ENOTFOUND {
		t.Errorf("UpdateSession after the delete: %v, want not found", err)
	}
}

// deleteAll: everything of one user goes, all at once, and nothing of
// anyone else's; the revision moves on; the same archive imports again in
// full, so the rows were deleted rather than marked.
func (s *suite) deleteAll(t *testing.T) {
	j := s.open(t)
	s.fill(t, j, NewArchive("alice"))
	s.fill(t, j, NewArchive("bob"))
	before, err := j.Revision(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	res, err := j.DeleteAll(ctx, "alice")
	if err != nil {
		t.Fatalf("DeleteAll: %v", err)
	}
	equal(t, "DeleteAll", res, backcare.DeleteResult{Sessions: 6, PEGs: 2, Screenings: 2, PhaseChanges: 1, Settings: true})
	rev, err := j.Revision(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if rev <= before {
		t.Errorf("Revision after DeleteAll = %d, want more than %d (never back to where it was)", rev, before)
	}
	empty := func(what string) {
		t.Helper()
		a, err := j.Export(ctx, "alice")
		if err != nil {
			t.Fatal(err)
		}
		if n := len(a.Sessions) + len(a.PEGs) + len(a.Screenings) + len(a.PhaseChanges); n != 0 || a.Settings != nil {
			t.Errorf("%s: alice's journal holds %d records and settings %v, want nothing", what, n, a.Settings)
		}
		st, err := j.Settings(ctx, "alice")
		if err != nil {
			t.Fatal(err)
		}
		equal(t, what+": Settings", st, backcare.DefaultSettings())
	}
	empty("after DeleteAll")
	bob, err := j.Export(ctx, "bob")
	if err != nil {
		t.Fatal(err)
	}
	want := NewArchive("bob")
	want.Normalize()
	want.Sort()
	equal(t, "bob's Export after alice's DeleteAll", bob, want)

	res, err = j.DeleteAll(ctx, "alice")
	if err != nil || res.Total() != 0 {
		t.Errorf("DeleteAll again = %+v, %v, want nothing removed", res, err)
	}
	if n, err := j.Revision(ctx, "alice"); err != nil || n != rev {
		t.Errorf("Revision after a DeleteAll that removed nothing = %d, %v, want %d", n, err, rev)
	}
	if s.reopen != nil {
		j = s.reopen(t, j)
		empty("after reopening")
	}
	got, err := j.Import(ctx, NewArchive("alice"))
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Import after DeleteAll", got, backcare.ImportResult{Sessions: 6, PEGs: 2, Screenings: 2, PhaseChanges: 1, Settings: true})
}
