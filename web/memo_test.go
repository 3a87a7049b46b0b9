package web

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
)

// TestMemoMakesOnce checks that requests missing the memo at the same
// moment make the value once between them, and that a failure is not kept.
func TestMemoMakesOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newMemo(4)
		var made atomic.Int32
		release := make(chan struct{})
		mk := func() (any, error) {
			made.Add(1)
			<-release
			return "rows", nil
		}
		const callers = 8
		got := make([]any, callers)
		var wg sync.WaitGroup
		for i := range callers {
			wg.Go(func() {
				v, err := m.getOrMake("dashboard c", "v1", mk)
				if err != nil {
					t.Errorf("caller %d: %v", i, err)
				}
				got[i] = v
			})
		}
		synctest.Wait() // all of them in getOrMake, one of them in mk
		close(release)
		wg.Wait()
		if n := made.Load(); n != 1 {
			t.Errorf("made %d times by %d callers at once, want 1", n, callers)
		}
		for i, v := range got {
			if v != "rows" {
				t.Errorf("caller %d got %v, want rows", i, v)
			}
		}
		if v, ok := m.get("dashboard c", "v1"); !ok || v != "rows" {
			t.Errorf("get after = %v, %v; want it kept", v, ok)
		}

		// A new version is made anew; a failure is passed on, not kept.
		boom := errors.New("boom")
		if _, err := m.getOrMake("dashboard c", "v2", func() (any, error) { return nil, boom }); !errors.Is(err, boom) {
			t.Errorf("getOrMake(failing) = %v, want boom", err)
		}
		if v, err := m.getOrMake("dashboard c", "v2", func() (any, error) { return "new", nil }); err != nil || v != "new" {
			t.Errorf("getOrMake after a failure = %v, %v; want it made again", v, err)
		}
	})
	var none *memo
	if v, err := none.getOrMake("k", "v", func() (any, error) { return 1, nil }); err != nil || v != 1 {
		t.Errorf("nil memo getOrMake = %v, %v; want it made", v, err)
	}
}
