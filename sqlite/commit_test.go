package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"backcare"
	"backcare/journaltest"
)

// held is a journal whose writer, once armed by start, stops before its
// next COMMIT until the test lets it go: writes made meanwhile queue up
// behind it, so the test knows exactly what the next batch holds.
type held struct {
	*DB
	armed   atomic.Bool
	reached chan int      // the held batch's size, once it waits
	release chan struct{} // closed to let it commit
}

func openHeld(t *testing.T) *held {
	t.Helper()
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	h := &held{DB: d, reached: make(chan int, 1), release: make(chan struct{})}
	// Set before any write: the writer reads it after taking a write.
	d.w.beforeCommit = func(n int) {
		if h.armed.CompareAndSwap(true, false) {
			h.reached <- n
			<-h.release
		}
	}
	return h
}

// start makes a write and waits until the writer holds it.
func (h *held) start(t *testing.T) <-chan error {
	t.Helper()
	h.armed.Store(true)
	done := make(chan error, 1)
	go func() {
		done <- h.SaveSession(context.Background(), journaltest.NewSession("first", journaltest.Base, 3, 2))
	}()
	if n := <-h.reached; n != 1 {
		t.Fatalf("first batch holds %d writes, want 1", n)
	}
	return done
}

// waitQueued waits until n writes wait in the queue.
func (h *held) waitQueued(t *testing.T, n int) {
	t.Helper()
	for len(h.w.queue) < n {
		time.Sleep(time.Millisecond)
	}
}

func TestGroupCommitBatches(t *testing.T) {
	h := openHeld(t)
	first := h.start(t)
	const n = 40
	var wg sync.WaitGroup
	errs := make([]error, n)
	ids := make([]string, n)
	for i := range n {
		ids[i] = fmt.Sprintf("s%02d", i)
		wg.Go(func() {
			s := journaltest.NewSession("alice", journaltest.Base.Add(time.Duration(i)*time.Minute), 4, 3)
			s.ID = ids[i]
			errs[i] = h.SaveSession(context.Background(), s)
		})
	}
	h.waitQueued(t, n)
	close(h.release)
	wg.Wait()
	if err := <-first; err != nil {
		t.Fatalf("first write: %v", err)
	}
	for i, err := range errs {
		if err != nil {
			t.Errorf("write %d: %v", i, err)
		}
	}
	if b, o := h.w.batches.Load(), h.w.ops.Load(); b != 2 || o != n+1 {
		t.Errorf("batches, writes = %d, %d, want 2, %d: the %d queued writes in one transaction", b, o, n+1, n)
	}
	for _, id := range ids {
		if _, err := h.Session(context.Background(), "alice", id); err != nil {
			t.Errorf("session %s: %v", id, err)
		}
	}
}

// TestGroupCommitBadRecords puts records that fail in the database itself
// (a taken id, a broken rule half-way through a write) among good ones in
// one batch: each bad one fails alone, with its own error mapped by code,
// and leaves nothing behind; the good ones are all saved.
func TestGroupCommitBadRecords(t *testing.T) {
	h := openHeld(t)
	ctx := context.Background()
	bobs := journaltest.NewSession("bob", journaltest.Base, 5, 5)
	peg := &backcare.PEG{UserID: "alice", At: journaltest.Base, Pain: 3, Enjoyment: 3, Activity: 3}
	if err := h.SaveSession(ctx, bobs); err != nil {
		t.Fatal(err)
	}
	if err := h.AddPEG(ctx, peg); err != nil {
		t.Fatal(err)
	}
	// The hook holds the first batch after these two.
	first := h.start(t)

	type write struct {
		name string
		do   func() error
		code string // "" for a good write
	}
	var writes []write
	good := func(i int) write {
		return write{fmt.Sprintf("good %d", i), func() error {
			s := journaltest.NewSession("alice", journaltest.Base.Add(time.Duration(i)*time.Hour), 4, 3)
			s.ID = fmt.Sprintf("good-%d", i)
			return h.SaveSession(ctx, s)
		}, ""}
	}
	for i := range 5 {
		writes = append(writes, good(i))
	}
	writes = append(writes, write{"session id of another user", func() error {
		s := journaltest.NewSession("alice", journaltest.Base, 1, 1)
		s.ID = bobs.ID
		return h.SaveSession(ctx, s)
	}, backcare.ECONFLICT})
	for i := 5; i < 10; i++ {
		writes = append(writes, good(i))
	}
	writes = append(writes, write{"PEG id again", func() error {
		return h.AddPEG(ctx, &backcare.PEG{ID: peg.ID, UserID: "alice", At: journaltest.Base, Pain: 1})
	}, backcare.ECONFLICT})
	writes = append(writes, write{"a check broken after a good row", func() error {
		// Past Validate, as a bug would be: the first row is fine, the
		// second breaks a CHECK; the savepoint must take back both.
		return h.write(ctx, func(ctx context.Context, x *wtx) error {
			if _, err := x.ExecContext(ctx, `INSERT INTO pegs (id, user_id, at, pain, enjoyment, activity) VALUES ('half', 'alice', 0, 1, 1, 1)`); err != nil {
				return err
			}
			_, err := x.ExecContext(ctx, `INSERT INTO pegs (id, user_id, at, pain, enjoyment, activity) VALUES ('broken', 'alice', 0, 11, 1, 1)`)
			return err
		})
	}, backcare.EINVALID})
	for i := 10; i < 15; i++ {
		writes = append(writes, good(i))
	}

	errs := make([]error, len(writes))
	var wg sync.WaitGroup
	for i, w := range writes {
		wg.Go(func() { errs[i] = w.do() })
		// One at a time into the queue, so the batch runs them in this
		// order: the bad ones between good ones.
		h.waitQueued(t, i+1)
	}
	revBefore, err := h.Revision(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	close(h.release)
	wg.Wait()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if b := h.w.batches.Load(); b != 4 {
		t.Errorf("batches = %d, want 4: two before, the held one and the one with every queued write", b)
	}
	for i, w := range writes {
		if got := backcare.ErrorCode(errs[i]); (w.code == "" && errs[i] != nil) || (w.code != "" && got != w.code) {
			t.Errorf("%s: error = %v (code %q), want code %q", w.name, errs[i], got, w.code)
		}
	}
	hs, err := h.History(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 15 {
		t.Errorf("alice has %d sessions, want the 15 good ones", len(hs))
	}
	pegs, err := h.PEGs(ctx, "alice", backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pegs) != 1 || pegs[0].ID != peg.ID || pegs[0].Pain != 3 {
		t.Errorf("PEGs = %+v, want only the first entry: a failed write leaves no row behind", pegs)
	}
	if s, err := h.Session(ctx, "bob", bobs.ID); err != nil || *s.PainBefore != 5 {
		t.Errorf("bob's session after the clash = %v, %v, want it unchanged", s, err)
	}
	revAfter, err := h.Revision(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if revAfter-revBefore != 15 {
		t.Errorf("alice's revision grew by %d, want 15: one for each good session and none for the failed writes", revAfter-revBefore)
	}
}

// TestGroupCommitCancel: a write whose caller gives up while it waits in
// the queue is never run; one whose caller gives up after the writer took
// it is saved, and the caller hears so.
func TestGroupCommitCancel(t *testing.T) {
	h := openHeld(t)
	first := h.start(t)

	ctx, cancel := context.WithCancel(context.Background())
	gaveUp := make(chan error, 1)
	go func() {
		s := journaltest.NewSession("alice", journaltest.Base, 4, 3)
		s.ID = "given-up"
		gaveUp <- h.SaveSession(ctx, s)
	}()
	h.waitQueued(t, 1)

	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	taken := make(chan error, 1)
	go func() {
		taken <- h.write(ctx2, func(ctx context.Context, x *wtx) error {
			cancel2() // the caller leaves while its write runs
			_, err := x.ExecContext(ctx, `INSERT INTO pegs (id, user_id, at, pain, enjoyment, activity) VALUES ('kept', 'alice', 0, 1, 1, 1)`)
			return err
		})
	}()
	h.waitQueued(t, 2)

	cancel()
	// The writer is still held: the caller must not wait for it.
	if err := <-gaveUp; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled SaveSession = %v, want context.Canceled", err)
	}
	close(h.release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if err := <-taken; err != nil {
		t.Errorf("write whose caller left after it was taken = %v, want nil: it was saved", err)
	}
	bg := context.Background()
	if _, err := h.Session(bg, "alice", "given-up"); backcare.ErrorCode(err) != backcare.ENOTFOUND {
		t.Errorf("Session(given-up) = %v, want not found: a write given up in the queue is never run", err)
	}
	pegs, err := h.PEGs(bg, "alice", backcare.Filter{})
	if err != nil || len(pegs) != 1 || pegs[0].ID != "kept" {
		t.Errorf("PEGs = %v, %v, want the one whose caller left after it was taken", pegs, err)
	}
}

// TestGroupCommitLostTransaction: a write that ends the transaction under
// the batch (as SQLite does itself on a full disk or an I/O error) fails
// the whole batch, and nothing of it is saved; the writer goes on with the
// next one.
func TestGroupCommitLostTransaction(t *testing.T) {
	h := openHeld(t)
	ctx := context.Background()
	first := h.start(t)
	var wg sync.WaitGroup
	var goodErr, badErr error
	wg.Go(func() {
		goodErr = h.write(ctx, func(ctx context.Context, x *wtx) error {
			_, err := x.ExecContext(ctx, `INSERT INTO pegs (id, user_id, at, pain, enjoyment, activity) VALUES ('innocent', 'alice', 0, 1, 1, 1)`)
			return err
		})
	})
	h.waitQueued(t, 1)
	wg.Go(func() {
		badErr = h.write(ctx, func(ctx context.Context, x *wtx) error {
			if _, err := x.ExecContext(ctx, `ROLLBACK`); err != nil {
				return err
			}
			return errors.New("the transaction is gone")
		})
	})
	h.waitQueued(t, 2)
	close(h.release)
	wg.Wait()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if badErr == nil || goodErr == nil {
		t.Errorf("errors = %v, %v, want both writes of the lost transaction to fail", goodErr, badErr)
	}
	pegs, err := h.PEGs(ctx, "alice", backcare.Filter{})
	if err != nil || len(pegs) != 0 {
		t.Errorf("PEGs = %v, %v, want none: nothing of a lost transaction is saved", pegs, err)
	}
	if err := h.AddPEG(ctx, &backcare.PEG{UserID: "alice", At: journaltest.Base, Pain: 2}); err != nil {
		t.Errorf("AddPEG after the lost transaction: %v", err)
	}
}

func TestWriteAfterClose(t *testing.T) {
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	err = d.SaveSettings(context.Background(), "alice", backcare.DefaultSettings())
	if !errors.Is(err, errClosed) {
		t.Errorf("SaveSettings after Close = %v, want %v", err, errClosed)
	}
}

// TestWriterSessions: the sessions the writer keeps in memory are what
// was committed: two updates of one session in one batch both count, and
// an update in a batch that was lost is forgotten.
func TestWriterSessions(t *testing.T) {
	h := openHeld(t)
	ctx := context.Background()
	s := journaltest.NewSession("alice", journaltest.Base, 4, 2)
	s.Note = ""
	if err := h.SaveSession(ctx, s); err != nil {
		t.Fatal(err)
	}
	mark := func(m string) func() error {
		return func() error {
			_, err := h.UpdateSession(ctx, "alice", s.ID, func(x *backcare.Session) error {
				x.Note += m
				return nil
			})
			return err
		}
	}
	killer := func() error {
		return h.write(ctx, func(ctx context.Context, x *wtx) error {
			_, err := x.ExecContext(ctx, `ROLLBACK`)
			return errors.Join(err, errors.New("the transaction is gone"))
		})
	}
	// One batch: a, b (both kept), then c in a batch that is lost.
	batch := func(writes ...func() error) []error {
		first := h.start(t)
		errs := make([]error, len(writes))
		var wg sync.WaitGroup
		for i, w := range writes {
			wg.Go(func() { errs[i] = w() })
			h.waitQueued(t, i+1)
		}
		close(h.release)
		wg.Wait()
		if err := <-first; err != nil {
			t.Fatal(err)
		}
		h.release = make(chan struct{})
		return errs
	}
	if errs := batch(mark("a"), mark("b")); errs[0] != nil || errs[1] != nil {
		t.Fatalf("updates a and b: %v", errs)
	}
	if errs := batch(mark("c"), killer); errs[0] == nil || errs[1] == nil {
		t.Fatalf("updates in a lost batch = %v, want both to fail", errs)
	}
	if err := mark("d")(); err != nil {
		t.Fatal(err)
	}
	got, err := h.Session(ctx, "alice", s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Note != "abd" {
		t.Errorf("note = %q, want %q: both updates of one batch, none of a lost one", got.Note, "abd")
	}
}

// TestWriteFromBubble: a journal opened outside a testing/synctest bubble
// takes writes from inside one, as the terminal player's tests do (the
// writer, outside the bubble, never touches a channel made inside it).
func TestWriteFromBubble(t *testing.T) {
	d := openTemp(t).(*DB)
	synctest.Test(t, func(t *testing.T) {
		s := journaltest.NewSession("alice", journaltest.Base, 4, 2)
		if err := d.SaveSession(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if _, err := d.UpdateSession(context.Background(), "alice", s.ID, func(x *backcare.Session) error {
			x.Note = "from the bubble"
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	})
}
