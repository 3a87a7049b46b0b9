package journaltest

import (
	"context"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"backcare"
)

// EnvPostgres names the variable that holds the DSN of the PostgreSQL
// database the tests may use (as root, from the repository's root:
// export BACKCARE_TEST_POSTGRES="$(.ci/start-postgres)").
const EnvPostgres = "BACKCARE_TEST_POSTGRES"

// PostgresDSN returns the DSN in BACKCARE_TEST_POSTGRES, or skips the test
// saying how to run it.
func PostgresDSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv(EnvPostgres)
	if dsn == "" {
		tb.Skipf("%s is not set, so the PostgreSQL tests do not run. To run them, start a server "+
			"(as root: export %s=\"$(.ci/start-postgres)\" from the repository root) and run go test again.", EnvPostgres, EnvPostgres)
	}
	return dsn
}

// PostgresSchema makes an empty schema of the test's own in the database
// dsn names, drops it when the test ends, and returns a DSN whose
// search_path is that schema: tests and packages running at once never
// meet.
func PostgresSchema(tb testing.TB, dsn string) string {
	tb.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatalf("connect to %s: %v", EnvPostgres, err)
	}
	defer func() { _ = conn.Close(ctx) }()
	schema := "bctest_" + backcare.NewID()[:16]
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			tb.Errorf("connect to drop schema %s: %v", schema, err)
			return
		}
		defer func() { _ = conn.Close(ctx) }()
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("%s is not a URL: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
