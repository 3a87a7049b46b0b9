package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// Prepared statements.
//
// modernc.org/sqlite parses a statement every time it is run from its
// text, and parsing is most of what a small statement costs: for a
// session's upsert, with its CHECK constraints and the revision trigger
// compiled in, about half the CPU time of a save. So the journal's
// statements are prepared once and run again: the writer's on its own
// connection, the readers' through database/sql, which prepares a
// statement on each pooled connection the first time it runs there. The
// statements' texts are constants of this package, a few dozen at most.

// maxStmts bounds each cache, in case a caller ever builds statements
// from data; past it, statements run unprepared.
const maxStmts = 128

// stmtConn is the writer's connection with its prepared statements. Only
// the writer goroutine uses it.
type stmtConn struct {
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
}

func (c *stmtConn) prepare(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	if len(c.stmts) >= maxStmts {
		return nil, nil
	}
	st, err := c.conn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtConn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return c.conn.ExecContext(ctx, query, args...)
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtConn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.prepare(ctx, query)
	if err != nil || st == nil {
		// The error, if any, comes back from Scan.
		return c.conn.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (c *stmtConn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return c.conn.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

func (c *stmtConn) close() {
	for _, st := range c.stmts {
		_ = st.Close()
	}
}

// stmtCache holds the readers' statements, prepared on the pool.
type stmtCache struct {
	db    *sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

func (c *stmtCache) stmt(ctx context.Context, query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st
	}
	if len(c.stmts) >= maxStmts {
		return nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		// Run unprepared; the query reports the error.
		return nil
	}
	c.stmts[query] = st
	return st
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		_ = st.Close()
	}
	c.stmts = nil
}

// query runs a read.
func (d *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := d.stmts.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return d.db.QueryContext(ctx, query, args...)
}

// queryRow runs a read of one row.
func (d *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := d.stmts.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return d.db.QueryRowContext(ctx, query, args...)
}
