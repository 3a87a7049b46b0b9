package journaltest

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"backcare"
)

func (s *suite) updateSession(t *testing.T) {
	j := s.open(t)
	progress := NewSession("alice", Base, 4, 0)
	progress.Status, progress.EndedAt, progress.PainAfter, progress.Intensity = backcare.InProgress, time.Time{}, nil, nil
	progress.Segments = progress.Segments[:2]
	if err := j.SaveSession(ctx, progress); err != nil {
		t.Fatal(err)
	}
	final := NewSession("alice", Base, 4, 2)
	final.ID = progress.ID
	got, err := j.UpdateSession(ctx, "alice", progress.ID, func(x *backcare.Session) error {
		equal(t, "the session change is given", x, progress)
		x.Status, x.EndedAt, x.PainAfter, x.Intensity, x.Note = final.Status, final.EndedAt.Add(123456*time.Nanosecond), final.PainAfter, final.Intensity, final.Note
		x.Segments = final.Segments
		return nil
	})
	if err != nil {
		t.Fatalf("UpdateSession: %v", err)
	}
	equal(t, "UpdateSession's result (normalized to the millisecond)", got, final)
	saved, err := j.Session(ctx, "alice", progress.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Session after UpdateSession", saved, final)

	refuse := errors.New("the session has already ended")
	rev, err := j.Revision(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		user, id string
		change   func(*backcare.Session) error
		called   bool
		is       error  // the error it returns, if not ""
		code     string // or its code
	}{
		{"change refuses", "alice", final.ID, func(x *backcare.Session) error { x.Note = "half-way"; return refuse }, true, refuse, ""},
		{"no such session", "alice", "nope", func(*backcare.Session) error { return nil }, false, nil, backcare.ENOTFOUND},
		{"another user's session", "bob", final.ID, func(*backcare.Session) error { return nil }, false, nil, backcare.ENOTFOUND},
		{"change breaks a rule", "alice", final.ID, func(x *backcare.Session) error { x.PainAfter = intp(11); return nil }, true, nil, backcare.EINVALID},
		{"change moves the session to another user", "alice", final.ID, func(x *backcare.Session) error { x.UserID = "bob"; return nil }, true, nil, backcare.EINTERNAL},
	}
	for _, tt := range tests {
		called := false
		_, err := j.UpdateSession(ctx, tt.user, tt.id, func(x *backcare.Session) error {
			called = true
			return tt.change(x)
		})
		switch {
		case tt.is != nil && !errors.Is(err, tt.is):
			t.Errorf("%s: error = %v, want %v", tt.name, err, tt.is)
		case tt.is == nil && backcare.ErrorCode(err) != tt.code:
			t.Errorf("%s: error code = %q (%v), want %q", tt.name, backcare.ErrorCode(err), err, tt.code)
		}
		if called != tt.called {
			t.Errorf("%s: change called = %v, want %v", tt.name, called, tt.called)
		}
	}
	saved, err = j.Session(ctx, "alice", final.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Session after failed updates", saved, final)
	if n, err := j.Revision(ctx, "alice"); err != nil || n != rev {
		t.Errorf("Revision after failed updates = %d, %v, want %d unchanged", n, err, rev)
	}
}

// updateSessionConcurrent: updates that read, change and write one session
// at the same time never undo each other.
func (s *suite) updateSessionConcurrent(t *testing.T) {
	j := s.open(t)
	sess := NewSession("alice", Base, 4, 2)
	sess.Note = ""
	if err := j.SaveSession(ctx, sess); err != nil {
		t.Fatal(err)
	}
	const writers, each = 8, 8
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Go(func() {
			for range each {
				_, err := j.UpdateSession(ctx, "alice", sess.ID, func(x *backcare.Session) error {
					x.Note += fmt.Sprint(w)
					return nil
				})
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("UpdateSession: %v", err)
	}
	got, err := j.Session(ctx, "alice", sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	for w := range writers {
		if n := strings.Count(got.Note, fmt.Sprint(w)); n != each {
			t.Errorf("writer %d's mark is in the note %d times, want %d: an update was lost (note %q)", w, n, each, got.Note)
		}
	}
}
