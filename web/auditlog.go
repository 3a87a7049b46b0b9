package web

import (
	"context"
	"sync"

	"backcare"
)

// auditLog writes staff's audit entries to the journal in groups, the way
// a database commits concurrent transactions together: an entry waits
// while the group before it is written, then goes with every entry that
// arrived meanwhile, in one AddAudit. A request still returns only once
// its own entry is in the journal, so no page is shown without its entry;
// but a clinic's staff opening many pages at once cost the journal one
// write per group, not one per page. Alone, an entry is written at once.
type auditLog struct {
	write func(ctx context.Context, entries ...*backcare.AuditEntry) error

	mu      sync.Mutex
	queue   []*auditWait
	writing bool // a group is being written
}

// auditWait is an entry waiting for its group.
type auditWait struct {
	entry *backcare.AuditEntry
	done  chan error    // the result of its group's write
	lead  chan struct{} // this entry's request is to write the next group
}

// maxAuditGroup bounds the entries one write takes.
const maxAuditGroup = 256

// add writes e to the journal, with whatever entries wait beside it. An
// entry the journal would refuse is refused here, before it joins a
// group, so one bad entry never fails the others.
func (l *auditLog) add(ctx context.Context, e *backcare.AuditEntry) error {
	if e.ID == "" {
		e.ID = backcare.NewID()
	}
	e.Normalize()
	if err := e.Validate(); err != nil {
		return err
	}
	w := &auditWait{entry: e, done: make(chan error, 1), lead: make(chan struct{}, 1)}
	l.mu.Lock()
	l.queue = append(l.queue, w)
	lead := !l.writing
	l.writing = true
	l.mu.Unlock()
	if !lead {
		select {
		case err := <-w.done:
			return err
		case <-w.lead:
		}
	}
	l.writeGroup(ctx)
	return <-w.done
}

// begin starts writing e, as add does, while the caller reads what the
// page shows; wait returns add's result. The caller shows nothing of the
// page before wait has returned nil, so no page is seen without its
// entry, but the write and the page's reads overlap.
func (l *auditLog) begin(ctx context.Context, e *backcare.AuditEntry) (wait func() error) {
	done := make(chan error, 1)
	go func() { done <- l.add(ctx, e) }()
	return func() error { return <-done }
}

// writeGroup writes the entries waiting, the caller's among them, and
// hands the next group, if any arrived meanwhile, to its first entry's
// request. It writes even if the caller's request has gone: the others in
// the group wait for it.
func (l *auditLog) writeGroup(ctx context.Context) {
	l.mu.Lock()
	n := min(len(l.queue), maxAuditGroup)
	group := l.queue[:n:n]
	l.queue = l.queue[n:]
	l.mu.Unlock()
	entries := make([]*backcare.AuditEntry, len(group))
	for i, w := range group {
		entries[i] = w.entry
	}
	err := l.write(context.WithoutCancel(ctx), entries...)
	for _, w := range group {
		w.done <- err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.queue) == 0 {
		l.writing = false
		return
	}
	l.queue[0].lead <- struct{}{}
}
