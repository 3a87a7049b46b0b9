package sqlite

import (
	"context"
	"slices"

	"backcare"
)

// The writer's sessions.
//
// Saving progress (UpdateSession) reads the session and writes it back,
// many times a minute while a session plays, and the writer does both in
// turn for every save in a batch. It keeps the sessions it last wrote, so
// that the read is a copy in memory rather than a query. What it keeps is
// right only while no other connection has written to the file (another
// process, or the sqlite3 shell). PRAGMA data_version, read on the
// writer's connection, differs from its last value exactly when another
// connection has committed since, however long ago; it is read once in
// each batch that looks for a kept session (inside a batch the writer
// holds the file's write lock, so nothing else changes until its COMMIT),
// and if it moved, everything kept is dropped. What a batch writes is kept
// only once its COMMIT has succeeded.

// maxKept bounds the sessions kept: those being played now are enough.
const maxKept = 64

type sessionCache struct {
	version int64                        // data_version when last read
	checked bool                         // read during the batch under way
	kept    map[string]*backcare.Session // by id, as committed
	pending map[string]*backcare.Session // written by the batch under way
}

// wtx is what a write runs on: the writer's connection, inside the batch's
// transaction, and the writer's sessions.
type wtx struct {
	*stmtConn
	c *sessionCache
}

// begin starts a batch.
func (c *sessionCache) begin() {
	c.checked = false
	clear(c.pending)
}

// check drops what is kept if another connection has committed since
// data_version was last read; once a batch is enough.
func (c *sessionCache) check(ctx context.Context, x execer) error {
	if c.checked {
		return nil
	}
	var v int64
	if err := x.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return err
	}
	if v != c.version || c.kept == nil {
		c.kept = map[string]*backcare.Session{}
	}
	c.version, c.checked = v, true
	return nil
}

// commit keeps what the batch wrote; it runs once the COMMIT succeeded.
func (c *sessionCache) commit() {
	if c.kept == nil {
		// Nothing checked data_version yet: keep nothing until then.
		clear(c.pending)
		return
	}
	for id, s := range c.pending {
		if s == nil {
			delete(c.kept, id)
			continue
		}
		if len(c.kept) >= maxKept {
			clear(c.kept)
		}
		c.kept[id] = s
	}
	clear(c.pending)
}

// abort forgets what the batch wrote; it runs when the transaction was
// lost.
func (c *sessionCache) abort() {
	clear(c.pending)
	clear(c.kept)
}

// session returns a copy of the user's session id as this batch sees it,
// from memory if it is kept, or errNoRows.
func (t *wtx) session(ctx context.Context, userID, id string) (*backcare.Session, error) {
	if err := t.c.check(ctx, t); err != nil {
		return nil, err
	}
	s, ok := t.c.pending[id]
	if !ok {
		s = t.c.kept[id]
	}
	if ok && s == nil {
		return nil, errNoRows // deleted in this batch
	}
	if s != nil {
		if s.UserID != userID {
			return nil, errNoRows
		}
		return copySession(s), nil
	}
	return readSession(ctx, t, userID, id)
}

// wrote records that the batch saved s, as it is now.
func (t *wtx) wrote(s *backcare.Session) {
	if t.c.pending == nil {
		t.c.pending = map[string]*backcare.Session{}
	}
	t.c.pending[s.ID] = copySession(s)
}

// forget records that the batch deleted the session id.
func (t *wtx) forget(id string) {
	if t.c.pending == nil {
		t.c.pending = map[string]*backcare.Session{}
	}
	// A deleted session is kept as nil: session() then reads the table,
	// which no longer has it, and commit drops it from what is kept.
	t.c.pending[id] = nil
}

// forgetAll records that the batch changed sessions it does not say.
func (t *wtx) forgetAll() {
	t.c.abort()
}

func copySession(s *backcare.Session) *backcare.Session {
	c := *s
	c.Segments = slices.Clone(s.Segments)
	c.PainBefore, c.PainAfter, c.Intensity = copyInt(s.PainBefore), copyInt(s.PainAfter), copyInt(s.Intensity)
	return &c
}

func copyInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
