package journaltest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"backcare"
)

// revisions checks that a user's revision grows with every kind of write
// to their records, and only with those: not with another user's writes,
// nor with writes that are refused or change nothing. And that it outlives
// the program, when the suite can reopen a journal.
func (s *suite) revisions(t *testing.T) {
	j := s.open(t)
	rev := func(user string) int64 {
		t.Helper()
		n, err := j.Revision(ctx, user)
		if err != nil {
			t.Fatalf("Revision(%s): %v", user, err)
		}
		return n
	}
	if n := rev("alice"); n != 0 {
		t.Errorf("Revision before any record = %d, want 0", n)
	}
	sess := NewSession("alice", Base, 4, 2)
	scr := &backcare.Screening{UserID: "alice", At: Base, Reason: backcare.ScreenFlare, Verdict: backcare.Doctor,
		Answers: map[string]bool{"night-pain": true}}
	peg := &backcare.PEG{UserID: "alice", At: Base, Pain: 4, Enjoyment: 3, Activity: 5}
	theirs := NewSession("bob", Base, 6, 6)
	imported := NewArchive("alice")
	again := NewArchive("alice")
	tests := []struct {
		name    string
		write   func() error
		wantErr string // the code of the error the write must fail with, or ""
		grows   bool   // alice's revision grows
	}{
		{"a new session", func() error { return j.SaveSession(ctx, sess) }, "", true},
		{"the session's progress saved", func() error {
			sess.Note = "Easier today."
			return j.SaveSession(ctx, sess)
		}, "", true},
		{"a PEG entry", func() error { return j.AddPEG(ctx, peg) }, "", true},
		{"a screening", func() error { return j.SaveScreening(ctx, scr) }, "", true},
		{"a clinician's clearance", func() error {
			scr.ClearedAt = Base.Add(24 * time.Hour)
			return j.SaveScreening(ctx, scr)
		}, "", true},
		{"a phase change", func() error {
			return j.AddPhaseChange(ctx, &backcare.PhaseChange{UserID: "alice", At: Base, From: 0, To: 1})
		}, "", true},
		{"settings", func() error {
			return j.SaveSettings(ctx, "alice", backcare.Settings{Hold: 40 * time.Second, Voice: true})
		}, "", true},
		{"settings changed", func() error {
			return j.SaveSettings(ctx, "alice", backcare.Settings{Hold: 50 * time.Second, Voice: true})
		}, "", true},
		{"an import that adds records", func() error { _, err := j.Import(ctx, imported); return err }, "", true},
		{"the same import again, which adds nothing", func() error { _, err := j.Import(ctx, again); return err }, "", false},
		{"another user's session", func() error { return j.SaveSession(ctx, theirs) }, "", false},
		{"a session id that is another user's", func() error {
			clash := NewSession("alice", Base, 1, 1)
			clash.ID = theirs.ID
			return j.SaveSession(ctx, clash)
		}, backcare.ECONFLICT, false},
		{"a PEG id saved before", func() error {
			return j.AddPEG(ctx, &backcare.PEG{ID: peg.ID, UserID: "alice", At: Base, Pain: 1})
		}, backcare.ECONFLICT, false},
		{"a session that breaks a rule", func() error { return j.SaveSession(ctx, NewSession("alice", Base, 11, 1)) }, backcare.EINVALID, false},
	}
	for _, tt := range tests {
		alice, bob := rev("alice"), rev("bob")
		err := tt.write()
		switch {
		case tt.wantErr == "" && err != nil:
			t.Fatalf("%s: %v", tt.name, err)
		case tt.wantErr != "" && backcare.ErrorCode(err) != tt.wantErr:
			t.Fatalf("%s: error code = %q (%v), want %q", tt.name, backcare.ErrorCode(err), err, tt.wantErr)
		}
		gotAlice, gotBob := rev("alice"), rev("bob")
		if tt.grows && gotAlice <= alice {
			t.Errorf("after %s: alice's Revision = %d, want more than %d", tt.name, gotAlice, alice)
		}
		if !tt.grows && gotAlice != alice {
			t.Errorf("after %s: alice's Revision = %d, want %d unchanged", tt.name, gotAlice, alice)
		}
		if tt.name != "another user's session" && gotBob != bob {
			t.Errorf("after %s: bob's Revision = %d, want %d unchanged", tt.name, gotBob, bob)
		}
	}
	if n := rev("bob"); n == 0 {
		t.Errorf("bob's Revision after his session = 0, want more")
	}
	if s.reopen == nil {
		return
	}
	before := rev("alice")
	j = s.reopen(t, j)
	if n := rev("alice"); n != before {
		t.Errorf("alice's Revision after reopening = %d, want %d as before", n, before)
	}
	if err := j.SaveSession(ctx, NewSession("alice", Base.Add(time.Hour), 3, 2)); err != nil {
		t.Fatal(err)
	}
	if n := rev("alice"); n <= before {
		t.Errorf("alice's Revision after a session saved after reopening = %d, want more than %d", n, before)
	}
}

// revisionsConcurrent has many writers change one user's records at once:
// the revision counts every change, none is lost between writers.
func (s *suite) revisionsConcurrent(t *testing.T) {
	j := s.open(t)
	start, err := j.Revision(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 8, 6
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				var err error
				switch i % 3 {
				case 0:
					err = j.SaveSession(ctx, NewSession("alice", Base.Add(time.Duration(w*each+i)*time.Minute), 3, 2))
				case 1:
					err = j.AddPEG(ctx, &backcare.PEG{UserID: "alice", At: Base.Add(time.Duration(w*each+i) * time.Minute), Pain: 3})
				default:
					err = j.SaveSettings(ctx, "alice", backcare.Settings{Hold: time.Duration(30+w) * time.Second})
				}
				if err != nil {
					errs <- fmt.Errorf("writer %d, write %d: %w", w, i, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	end, err := j.Revision(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if end-start < writers*each {
		t.Errorf("Revision grew by %d over %d writes, want at least %d", end-start, writers*each, writers*each)
	}
}
