package web

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"backcare"
)

// TestAuditLogGroups checks auditLog: an entry alone is written at once;
// entries that arrive while a write is under way go together in the next
// write, each request returning only once its entry is written; a failed
// write fails every entry of its group and no other; an entry the journal
// would refuse is refused before any write.
func TestAuditLogGroups(t *testing.T) {
	var mu sync.Mutex
	var writes [][]string // the entries' ids, write by write
	written := map[string]bool{}
	gate := make(chan struct{})
	fail := errors.New("the journal is down")
	failNext := false
	l := &auditLog{write: func(_ context.Context, entries ...*backcare.AuditEntry) error {
		mu.Lock()
		firstWrite := len(writes) == 0
		mu.Unlock()
		if firstWrite {
			<-gate // the first write waits until the others have queued
		}
		mu.Lock()
		defer mu.Unlock()
		var ids []string
		for _, e := range entries {
			ids = append(ids, e.ID)
		}
		writes = append(writes, ids)
		if failNext {
			return fail
		}
		for _, id := range ids {
			written[id] = true
		}
		return nil
	}}
	entry := func(id string) *backcare.AuditEntry {
		return &backcare.AuditEntry{ID: id, At: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), StaffID: "doc", Patients: []string{"pat"}, Action: backcare.AuditRead, What: "patient page"}
	}
	queued := func() (int, bool) {
		l.mu.Lock()
		defer l.mu.Unlock()
		return len(l.queue), l.writing
	}
	add := func(id string, errs chan<- error) {
		err := l.add(t.Context(), entry(id))
		mu.Lock()
		if err == nil && !written[id] {
			t.Errorf("add(%s) returned before its entry was written", id)
		}
		mu.Unlock()
		errs <- err
	}

	first := make(chan error, 1)
	go add("first", first)
	for n, writing := queued(); n != 0 || !writing; n, writing = queued() { // the first is being written
		runtime.Gosched()
	}
	const others = 20
	rest := make(chan error, others)
	for i := range others {
		go add("other-"+string(rune('a'+i)), rest)
	}
	for n, _ := queued(); n != others; n, _ = queued() {
		runtime.Gosched()
	}
	close(gate)
	if err := <-first; err != nil {
		t.Fatalf("first add: %v", err)
	}
	for range others {
		if err := <-rest; err != nil {
			t.Errorf("add: %v", err)
		}
	}
	if len(writes) != 2 || len(writes[0]) != 1 || len(writes[1]) != others {
		t.Errorf("writes = %d, of %v entries; want 2: the first alone, then the %d that waited together", len(writes), lens(writes), others)
	}

	// A failed write fails its group; the next entry is written again.
	setFail := func(v bool) { mu.Lock(); failNext = v; mu.Unlock() }
	setFail(true)
	if err := l.add(t.Context(), entry("fails")); !errors.Is(err, fail) {
		t.Errorf("add while the journal is down = %v, want %v", err, fail)
	}
	setFail(false)
	if err := l.add(t.Context(), entry("after")); err != nil || !written["after"] {
		t.Errorf("add after the journal came back = %v, written %v", err, written["after"])
	}
	// A bad entry is refused before it joins a group.
	n := len(writes)
	bad := entry("bad")
	bad.Patients = nil
	if err := l.add(t.Context(), bad); backcare.ErrorCode(err) != backcare.EINVALID {
		t.Errorf("add(no patient) = %v, want EINVALID", err)
	}
	if len(writes) != n {
		t.Errorf("a refused entry was written")
	}
	if n, writing := queued(); writing || n != 0 {
		t.Errorf("after every add: writing %v, %d queued; want neither", writing, n)
	}
}

func lens(writes [][]string) []int {
	var out []int
	for _, w := range writes {
		out = append(out, len(w))
	}
	return slices.Clip(out)
}

// TestAuditLogBegin checks that begin returns before the entry is
// written, so the page's reads go on meanwhile, and that its wait returns
// only once the write is done, with the write's result.
func TestAuditLogBegin(t *testing.T) {
	release := make(chan struct{})
	fail := errors.New("the journal is down")
	var result error
	var written atomic.Bool
	l := &auditLog{write: func(context.Context, ...*backcare.AuditEntry) error {
		<-release
		written.Store(true)
		return result
	}}
	for _, want := range []error{nil, fail} {
		result = want
		wait := l.begin(t.Context(), &backcare.AuditEntry{At: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), StaffID: "doc",
			Patients: []string{"pat"}, Action: backcare.AuditRead, What: "patient page"})
		written.Store(false)
		// begin has returned while the write is held.
		release <- struct{}{}
		if err := wait(); !errors.Is(err, want) {
			t.Errorf("wait = %v, want %v", err, want)
		}
		if !written.Load() {
			t.Error("wait returned before the entry was written")
		}
	}
}
