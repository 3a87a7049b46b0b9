// Package postgres keeps the journals of many people in one PostgreSQL
// database, for a clinic that runs one or more backcare servers. It uses a
// pgx connection pool, keeps no state in memory that a second replica
// would need, and migrates the database to the current schema with goose
// on open (under an advisory lock, so replicas starting together take
// turns).
//
// The tables live in the first schema of the connection's search_path, so
// one database can hold several journals: add search_path=NAME to the DSN.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"backcare"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a journal in a PostgreSQL database. It implements backcare.Journal
// and is safe for concurrent use.
type DB struct {
	pool *pgxpool.Pool
}

var _ backcare.Journal = (*DB)(nil)

// Open connects to the database dsn names (postgres://user:pass@host/db)
// and migrates it to the current schema.
func Open(ctx context.Context, dsn string) (*DB, error) {
	return open(ctx, dsn, 0)
}

func open(ctx context.Context, dsn string, version int64) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", &backcare.Error{Code: backcare.EINVALID, Err: err,
			Message: "the PostgreSQL address is not one backcare can read",
			Hint:    "write it as postgres://USER:PASSWORD@HOST:5432/DATABASE"})
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", mapError(err))
	}
	d := &DB{pool: pool}
	if err := d.migrate(ctx, version); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: open: %w", mapError(err))
	}
	return d, nil
}

// Close closes the pool.
func (d *DB) Close() error {
	d.pool.Close()
	return nil
}

// provider returns goose's provider on a *sql.DB over the pool; the caller
// closes the *sql.DB (which leaves the pool open).
func (d *DB) provider(ctx context.Context) (*goose.Provider, func(), error) {
	// One advisory lock per schema: journals in different schemas of one
	// database migrate independently.
	var schema string
	if err := d.pool.QueryRow(ctx, `SELECT coalesce(current_schema(), '')`).Scan(&schema); err != nil {
		return nil, nil, err
	}
	if schema == "" {
		return nil, nil, backcare.Errorf(backcare.EINVALID, "the database has no schema to keep the journal in").
			WithHint("create one, or put an existing one in search_path")
	}
	h := fnv.New64a()
	h.Write([]byte("backcare journal " + schema))
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64()>>1)), lock.WithLockTimeout(1, 300))
	if err != nil {
		return nil, nil, err
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, nil, err
	}
	db := stdlib.OpenDBFromPool(d.pool)
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub,
		goose.WithDisableGlobalRegistry(true), goose.WithSessionLocker(locker))
	if err != nil {
		_ = db.Close()
		return nil, nil, err
	}
	return p, func() { _ = db.Close() }, nil
}

func (d *DB) migrate(ctx context.Context, version int64) error {
	p, done, err := d.provider(ctx)
	if err != nil {
		return err
	}
	defer done()
	if version == 0 {
		_, err = p.Up(ctx)
	} else {
		_, err = p.UpTo(ctx, version)
	}
	return err
}

// SchemaVersion returns the version of the schema the database is at.
func (d *DB) SchemaVersion(ctx context.Context) (int64, error) {
	p, done, err := d.provider(ctx)
	if err != nil {
		return 0, err
	}
	defer done()
	return p.GetDBVersion(ctx)
}

// mapError turns a driver error into a backcare.Error by its SQLSTATE code
// (never by its text), keeping the driver error as the cause. Errors it
// does not know stay as they are: internal.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var be *backcare.Error
	if errors.As(err, &be) {
		return err
	}
	e := &backcare.Error{Err: err}
	var pe *pgconn.PgError
	var ce *pgconn.ConnectError
	switch {
	case errors.As(err, &pe):
		switch pe.Code {
		case "23505": // unique_violation
			e.Code, e.Message = backcare.ECONFLICT, "a record with this id is already saved"
			e.Hint = "leave the id empty and backcare makes a new one"
		case "23514", "23502": // check_violation, not_null_violation
			e.Code, e.Message = backcare.EINVALID, "the record breaks a rule of the journal"
		case "23503": // foreign_key_violation
			e.Code, e.Message = backcare.EINVALID, "the record refers to one that is not saved"
		case "40001", "40P01", "55P03": // serialization_failure, deadlock_detected, lock_not_available
			e.Code, e.Message = backcare.ECONFLICT, "the journal is busy with other changes"
			e.Hint = "try again in a moment"
		case "28P01", "28000": // invalid_password, invalid_authorization_specification
			e.Code, e.Message = backcare.EINVALID, "PostgreSQL did not accept the user name or password"
			e.Hint = "check the user and password in --database"
		case "3D000": // invalid_catalog_name
			e.Code, e.Message = backcare.EINVALID, "the PostgreSQL database does not exist"
			e.Hint = "create it, or check its name in --database"
		case "42501": // insufficient_privilege
			e.Code, e.Message = backcare.EINVALID, "the PostgreSQL user may not change this database"
			e.Hint = "grant it the rights to create tables in the schema, or use its owner"
		default:
			if len(pe.Code) == 5 && pe.Code[:2] == "22" { // data_exception
				e.Code, e.Message = backcare.EINVALID, "a value does not fit the journal"
			} else {
				return err
			}
		}
	case errors.As(err, &ce):
		// Authentication and missing databases surface inside a
		// ConnectError with their own SQLSTATE; anything else is reaching
		// the server at all.
		if errors.As(ce.Unwrap(), &pe) {
			return mapError(pe)
		}
		e.Code, e.Message = backcare.EINVALID, "cannot connect to the PostgreSQL server"
		e.Hint = "check the host and port in --database, and that the server is running"
	default:
		return err
	}
	return e
}

// write runs fn in one transaction.
func (d *DB) write(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, d.pool, fn)
}
