package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Group commit.
//
// Every write is synced to disk before it is acknowledged
// (synchronous=FULL), and the sync, not the SQL, is most of what a write
// costs. So this process's writes go through one writer goroutine, which
// holds one connection: it takes every write that is waiting, runs them
// all in one immediate transaction, each inside its own savepoint, and
// commits once. One sync then covers the whole batch.
//
//   - A write waits for no one: when the writer is free it starts at once,
//     so a lone write is committed as soon as it arrives. Batches form only
//     from writes that arrive while a commit is under way (natural
//     batching).
//   - A write that fails (a constraint, an id that is taken) is rolled back
//     to its savepoint and its caller gets its error; the others commit.
//   - Every caller is answered after the COMMIT that holds its write has
//     returned, so durability is exactly that of one transaction per write:
//     nothing acknowledged is lost, in a crash or a power cut.
//   - A caller whose context ends while its write waits in the queue gets
//     the context's error and its write is never run. Once the writer has
//     taken a write, its fate is that of the commit (a sync away), and the
//     caller waits for it: an error always means "not saved", nil always
//     means "saved".
//
// Other processes (the terminal player) still take turns through SQLite's
// file lock and busy timeout, when the writer begins each transaction.

// maxBatch bounds the writes in one transaction.
const maxBatch = 256

// errClosed is the error of a write after Close.
var errClosed = errors.New("the journal is closed")

// execer runs a write's statements: the writer's connection, inside the
// batch's transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	querier
}

// A writeFunc runs one write's statements. Its context is the writer's,
// never the caller's: an interrupted statement would roll back the whole
// batch, not only its own savepoint.
type writeFunc func(ctx context.Context, tx *wtx) error

// The states of an op.
const (
	opQueued    int32 = iota
	opTaken           // the writer runs it; its caller waits for the commit
	opAbandoned       // its caller left before the writer took it
)

// op is one write waiting for, or in, a batch.
type op struct {
	fn    writeFunc
	state atomic.Int32
	reply chan error // gets the op's fate, once
}

// replies is how many writes may wait at once; more wait for a reply
// channel to come free.
const replies = 4 * maxBatch

// writer runs the batches. The zero value is not usable: see startWriter.
type writer struct {
	conn  *stmtConn
	queue chan *op
	// free holds the reply channels not in use. They are made here, by
	// the goroutine that opens the journal, not by each caller: a caller
	// may run in a testing/synctest bubble, and a channel made inside one
	// must not be used by the writer, which runs outside it.
	free    chan chan error
	quit    chan struct{} // closed by stop
	exited  chan struct{} // closed when run returns
	stopped sync.Once

	// sessions are the sessions the writer last wrote (sessioncache.go).
	sessions sessionCache

	// Counters, for the tests of batching.
	batches, ops atomic.Int64
	// beforeCommit, when set (by tests only), runs after a batch's writes
	// and before its COMMIT.
	beforeCommit func(n int)
}

func startWriter(ctx context.Context, db *sql.DB) (*writer, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	w := &writer{conn: &stmtConn{conn: conn, stmts: map[string]*sql.Stmt{}}, queue: make(chan *op, replies),
		free: make(chan chan error, replies), quit: make(chan struct{}), exited: make(chan struct{})}
	for range replies {
		w.free <- make(chan error, 1)
	}
	go w.run()
	return w, nil
}

// stop lets the batch under way finish, fails the writes still queued and
// releases the connection.
func (w *writer) stop() error {
	var err error
	w.stopped.Do(func() {
		close(w.quit)
		<-w.exited
		w.conn.close()
		err = w.conn.conn.Close()
	})
	return err
}

// write runs fn in the next batch and returns once that batch is committed
// (nil: fn's changes are on disk) or fn has failed (its changes are rolled
// back, the others' are not).
func (w *writer) write(ctx context.Context, fn writeFunc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	o := &op{fn: fn}
	select {
	case o.reply = <-w.free:
	case <-ctx.Done():
		return ctx.Err()
	case <-w.exited:
		return errClosed
	}
	select {
	case w.queue <- o:
	case <-ctx.Done():
		w.free <- o.reply
		return ctx.Err()
	case <-w.exited:
		w.free <- o.reply
		return errClosed
	}
	var err error
	select {
	case err = <-o.reply:
	case <-ctx.Done():
		if o.state.CompareAndSwap(opQueued, opAbandoned) {
			// The writer will skip it and never reply.
			w.free <- o.reply
			return ctx.Err()
		}
		// Taken: the commit decides, and it is a sync away.
		err = <-o.reply
	case <-w.exited:
		if o.state.CompareAndSwap(opQueued, opAbandoned) {
			w.free <- o.reply
			return errClosed
		}
		err = <-o.reply
	}
	w.free <- o.reply
	return err
}

func (w *writer) run() {
	defer close(w.exited)
	for {
		select {
		case o := <-w.queue:
			for o != nil {
				o = w.batch(o)
			}
		case <-w.quit:
			// Writes queued after the last batch are not run.
			for {
				select {
				case o := <-w.queue:
					if o.state.CompareAndSwap(opQueued, opTaken) {
						o.finish(errClosed)
					}
				default:
					return
				}
			}
		}
	}
}

func (o *op) finish(err error) { o.reply <- err }

// take claims o for this batch, unless its caller has left.
func take(o *op) bool { return o.state.CompareAndSwap(opQueued, opTaken) }

// batch runs first and the writes queued behind it in one transaction. It
// returns a write it took from the queue but had no room for, which starts
// the next batch.
func (w *writer) batch(first *op) (next *op) {
	ctx := context.Background()
	// BEGIN IMMEDIATE waits (busy_timeout) while another process writes;
	// writes still queued meanwhile may be abandoned by their callers.
	if _, err := w.conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		// Everything waiting would wait as long again: fail it all.
		w.failQueued(first, err)
		return nil
	}
	var ran []*op    // taken and run, in order
	var errs []error // their own errors
	var lost error
	w.sessions.begin()
	next = first
	for next != nil && lost == nil && len(ran) < maxBatch {
		if take(next) {
			err, fatal := w.one(ctx, next.fn)
			ran, errs = append(ran, next), append(errs, err)
			if fatal != nil {
				lost = fatal
			}
		}
		next = nil
		select {
		case next = <-w.queue:
		default:
		}
	}
	if lost == nil && w.beforeCommit != nil {
		w.beforeCommit(len(ran))
	}
	if lost == nil {
		if _, err := w.conn.ExecContext(ctx, "COMMIT"); err != nil {
			lost = err
		}
	}
	if lost != nil {
		// The transaction, if SQLite has not ended it already, must not
		// stay open on the connection.
		_, _ = w.conn.ExecContext(ctx, "ROLLBACK")
		w.sessions.abort()
	} else {
		w.sessions.commit()
	}
	w.batches.Add(1)
	w.ops.Add(int64(len(ran)))
	for i, o := range ran {
		switch {
		case errs[i] != nil:
			o.finish(errs[i]) // rolled back in any case
		default:
			o.finish(lost)
		}
	}
	return next
}

// one runs fn inside a savepoint. err is fn's own error (its changes are
// rolled back); fatal is an error that ended the whole transaction.
func (w *writer) one(ctx context.Context, fn writeFunc) (err, fatal error) {
	if _, err := w.conn.ExecContext(ctx, "SAVEPOINT w"); err != nil {
		return err, err
	}
	if err = run(ctx, fn, &wtx{stmtConn: w.conn, c: &w.sessions}); err != nil {
		// Some errors (a full disk, an I/O error) make SQLite roll back
		// the whole transaction; then the savepoint is gone too, and
		// nothing more may run in what would now be autocommit mode.
		if _, rerr := w.conn.ExecContext(ctx, "ROLLBACK TO w"); rerr != nil {
			return err, err
		}
	}
	if _, rerr := w.conn.ExecContext(ctx, "RELEASE w"); rerr != nil {
		return err, rerr
	}
	return err, nil
}

// failQueued fails first and every write queued behind it with err.
func (w *writer) failQueued(first *op, err error) {
	for o := first; o != nil; {
		if take(o) {
			o.finish(err)
		}
		select {
		case o = <-w.queue:
		default:
			o = nil
		}
	}
}

// run calls fn, turning a panic into an error: a write may call code of
// the journal's caller (UpdateSession), and a panic there must fail that
// write alone, not stop the writer with every later write waiting on it.
func run(ctx context.Context, fn writeFunc, tx *wtx) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: panic in a write: %v\n%s", errPanic, v, debug.Stack())
		}
	}()
	return fn(ctx, tx)
}

// errPanic marks the error of a write that panicked.
var errPanic = errors.New("internal error")
