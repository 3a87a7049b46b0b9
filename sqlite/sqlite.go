// Package sqlite keeps the journal in one SQLite file, for a person on
// their own computer. It uses modernc.org/sqlite (no cgo), write-ahead
// logging, immediate write transactions and a busy timeout, so that the web
// app and the terminal player can write to the same file at once, and it
// migrates the file to the current schema with goose on open.
//
// Every write is a transaction that SQLite has synced to disk when the
// method returns (synchronous=FULL): what backcare tells a person is saved
// survives a crash of the program or of the computer.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"backcare"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a journal in an SQLite file. It implements backcare.Journal and is
// safe for concurrent use.
type DB struct {
	db   *sql.DB
	path string
	// wmu queues this process's writers. SQLite takes one writer at a
	// time; without the queue, concurrent writers wait in SQLite's busy
	// handler, which sleeps in growing steps, and a few wait far longer
	// than the rest (a p99 near a second under load). Other processes
	// still wait in busy_timeout.
	wmu sync.Mutex
}

var _ backcare.Journal = (*DB)(nil)

// BusyTimeout is how long a write waits for another writer (another
// process, or another goroutine) before giving up.
const BusyTimeout = 10 * time.Second

// DSN returns the data source name backcare opens path with.
func DSN(path string) string { return dsn(path, "FULL") }

// dsn is DSN with another synchronous setting, for the benchmark that
// measures what syncing every commit costs.
func dsn(path, synchronous string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	// FULL: a commit is on disk, not only in the write-ahead log in the
	// operating system's cache, before SaveSession returns, so a session
	// survives a power cut as well as a crash of backcare. It costs one
	// fsync per write.
	q.Add("_pragma", "synchronous("+synchronous+")")
	q.Add("_pragma", "foreign_keys(1)")
	// Without immediate transactions, two connections that both read and
	// then write fail with SQLITE_BUSY instead of waiting their turn.
	q.Set("_txlock", "immediate")
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: q.Encode()}
	if !strings.HasPrefix(u.Path, "/") {
		// A relative path: "file:" followed by the escaped path, no "//".
		return "file:" + u.EscapedPath() + "?" + u.RawQuery
	}
	return "file://" + u.EscapedPath() + "?" + u.RawQuery
}

// Open opens the journal at path, creating the file if there is none (its
// folder must exist) and migrating it to the current schema.
func Open(ctx context.Context, path string) (*DB, error) {
	return open(ctx, DSN(path), path, 0)
}

// open opens path and migrates it to version, or to the newest if version
// is 0 (tests use older versions to check upgrades).
func open(ctx context.Context, dsn, path string, version int64) (*DB, error) {
	if path == "" {
		return nil, backcare.Errorf(backcare.EINVALID, "no journal file given").WithHint("give a file name such as journal.db")
	}
	// A journal holds health notes: make a new file readable by its owner
	// only (SQLite gives its -wal and -shm files the same permissions).
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		_ = f.Close()
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	d := &DB{db: db, path: path}
	if err := d.migrate(ctx, version); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, d.mapOpenError(err))
	}
	return d, nil
}

// Close closes the journal.
func (d *DB) Close() error { return d.db.Close() }

// Path is the journal's file.
func (d *DB) Path() string { return d.path }

func provider(db *sql.DB) (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectSQLite3, db, sub, goose.WithDisableGlobalRegistry(true))
}

// migrate brings the schema to version (0: the newest). Two programs that
// open a new file at the same moment may both try to apply the first
// migration; the loser's transaction fails once the winner's commits, and
// trying again finds nothing left to do.
func (d *DB) migrate(ctx context.Context, version int64) error {
	p, err := provider(d.db)
	if err != nil {
		return err
	}
	for attempt := 0; ; attempt++ {
		if version == 0 {
			_, err = p.Up(ctx)
		} else {
			_, err = p.UpTo(ctx, version)
		}
		if err == nil || attempt == 4 || ctx.Err() != nil {
			return err
		}
		if cur, verr := p.GetDBVersion(ctx); verr == nil {
			_, target, _ := p.GetVersions(ctx)
			if version != 0 {
				target = version
			}
			if cur >= target {
				return nil
			}
		} else if isNotADB(verr) {
			return verr
		}
		time.Sleep(time.Duration(attempt+1) * 20 * time.Millisecond)
	}
}

// SchemaVersion returns the version of the schema the file is at.
func (d *DB) SchemaVersion(ctx context.Context) (int64, error) {
	p, err := provider(d.db)
	if err != nil {
		return 0, err
	}
	return p.GetDBVersion(ctx)
}

// write runs fn in one immediate transaction.
func (d *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	d.wmu.Lock()
	defer d.wmu.Unlock()
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return mapError(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return mapError(tx.Commit())
}

func isNotADB(err error) bool {
	code, ok := sqliteCode(err)
	return ok && (code&0xff == sqliteNotADB || code&0xff == sqliteCantOpen)
}

// mapOpenError adds what a person can do when the file cannot be opened.
func (d *DB) mapOpenError(err error) error {
	code, ok := sqliteCode(err)
	if !ok {
		return err
	}
	switch code & 0xff {
	case sqliteNotADB:
		return &backcare.Error{Code: backcare.EINVALID, Err: err,
			Message: fmt.Sprintf("%s is not a backcare journal", d.path),
			Hint:    "give the name of a journal file, or of a new file to start one"}
	case sqliteCantOpen:
		return &backcare.Error{Code: backcare.EINVALID, Err: err,
			Message: fmt.Sprintf("cannot open or create the journal %s", d.path),
			Hint:    "check that its folder exists and that you may write there"}
	case sqliteReadOnly:
		return &backcare.Error{Code: backcare.EINVALID, Err: err,
			Message: fmt.Sprintf("the journal %s is read-only", d.path),
			Hint:    "check the permissions of the file and its folder"}
	}
	return mapError(err)
}

var errNoRows = sql.ErrNoRows

func notFound(kind, id string) error {
	return backcare.Errorf(backcare.ENOTFOUND, "there is no %s with id %s", kind, id).
		WithHint("run `backcare journal` to see what is saved")
}

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }
