package postgres

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"backcare"
	"backcare/journaltest"
)

// The tests need a PostgreSQL database: BACKCARE_TEST_POSTGRES holds its
// DSN. Each test makes a schema of its own and drops it at the end, so
// tests and packages running at once never meet.
func testDSN(tb testing.TB) string { return journaltest.PostgresDSN(tb) }

// freshSchema makes an empty schema and returns a DSN whose search_path
// points into it.
func freshSchema(tb testing.TB) string {
	tb.Helper()
	return journaltest.PostgresSchema(tb, testDSN(tb))
}

func openTemp(tb testing.TB) backcare.Journal {
	tb.Helper()
	d, err := Open(context.Background(), freshSchema(tb))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { _ = d.Close() })
	return d
}

func TestConformance(t *testing.T) {
	testDSN(t)
	journaltest.Run(t, openTemp, journaltest.FromPrevious(upgradeFromV3), journaltest.FromVersion("v1", upgradeFromV1),
		journaltest.WithReopen(reopen))
}

// reopen closes the pool and connects to the same schema again.
func reopen(tb testing.TB, j backcare.Journal) backcare.Journal {
	tb.Helper()
	d := j.(*DB)
	_ = d.Close()
	again, err := Open(context.Background(), d.dsn)
	if err != nil {
		tb.Fatalf("Open again: %v", err)
	}
	tb.Cleanup(func() { _ = again.Close() })
	return again
}

// newest is the schema version Open migrates to.
const newest = 9

// upgradeFromV3 writes the archives into a journal at schema version 3,
// today's before accounts, then opens it with the current code. Version 4
// adds tables and changes none of version 3's, so Import writes the
// records with version 3's SQL.
func upgradeFromV3(t *testing.T, archives ...*backcare.Archive) backcare.Journal {
	ctx := context.Background()
	dsn := freshSchema(t)
	old, err := open(ctx, dsn, 3)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := old.SchemaVersion(ctx); err != nil || v != 3 {
		t.Fatalf("SchemaVersion = %d, %v, want 3", v, err)
	}
	for _, a := range archives {
		if _, err := old.Import(ctx, a); err != nil {
			t.Fatalf("Import(%s) at version 3: %v", a.UserID, err)
		}
	}
	_ = old.Close()
	return openUpgraded(t, dsn)
}

func openUpgraded(t *testing.T, dsn string) *DB {
	t.Helper()
	ctx := context.Background()
	d, err := Open(ctx, dsn)
	if err != nil {
		t.Fatalf("Open after an older version: %v", err)
	}
	t.Cleanup(func() { _ = d.Close() })
	if v, err := d.SchemaVersion(ctx); err != nil || v != newest {
		t.Fatalf("SchemaVersion after Open = %d, %v, want %d", v, err, newest)
	}
	return d
}

// upgradeFromV1 writes the archives into a journal at schema version 1
// with version 1's SQL (no session totals), then opens it with the current
// code.
func upgradeFromV1(t *testing.T, archives ...*backcare.Archive) backcare.Journal {
	ctx := context.Background()
	dsn := freshSchema(t)
	old, err := open(ctx, dsn, 1)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := old.SchemaVersion(ctx); err != nil || v != 1 {
		t.Fatalf("SchemaVersion = %d, %v, want 1", v, err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := old.pool.Exec(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, a := range archives {
		if s := a.Settings; s != nil {
			exec(`INSERT INTO settings VALUES ($1, $2, $3, $4, $5, $6)`, a.UserID, s.Hold.Milliseconds(), s.Prepare.Milliseconds(), s.Voice, s.VoiceName, s.Beeps)
		}
		for _, s := range a.Sessions {
			exec(`INSERT INTO sessions (id, user_id, routine_id, routine_name, started_at, ended_at, status, pain_before, pain_after, intensity, note)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, s.ID, s.UserID, s.RoutineID, s.RoutineName, s.StartedAt, nullTime(s.EndedAt),
				string(s.Status), s.PainBefore, s.PainAfter, s.Intensity, s.Note)
			for _, r := range s.Segments {
				exec(`INSERT INTO segments VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, s.ID, r.Index, r.Kind, r.PoseID, string(r.Side),
					r.Planned.Milliseconds(), r.Held.Milliseconds(), r.Skipped)
			}
		}
		for _, p := range a.PEGs {
			exec(`INSERT INTO pegs VALUES ($1, $2, $3, $4, $5, $6)`, p.ID, p.UserID, p.At, p.Pain, p.Enjoyment, p.Activity)
		}
		for _, s := range a.Screenings {
			exec(`INSERT INTO screenings VALUES ($1, $2, $3, $4, $5, $6, $7)`, s.ID, s.UserID, s.At, s.Reason, s.Answers, string(s.Verdict), nullTime(s.ClearedAt))
		}
		for _, p := range a.PhaseChanges {
			exec(`INSERT INTO phase_changes VALUES ($1, $2, $3, $4, $5, $6)`, p.ID, p.UserID, p.At, p.From, p.To, p.Reason)
		}
	}
	_ = old.Close()
	return openUpgraded(t, dsn)
}

func TestErrorMapping(t *testing.T) {
	ctx := context.Background()
	d := openTemp(t).(*DB)
	tests := []struct {
		name string
		sql  string
		want string
	}{
		{"check constraint", `INSERT INTO pegs VALUES ('p', 'u', now(), 11, 0, 0)`, backcare.EINVALID},
		{"not null", `INSERT INTO pegs (id, user_id, at, pain, enjoyment) VALUES ('p', 'u', now(), 1, 1)`, backcare.EINVALID},
		{"foreign key", `INSERT INTO segments VALUES ('nobody', 0, 'hold', '', '', 0, 0, false)`, backcare.EINVALID},
		{"primary key", `INSERT INTO settings VALUES ('u', 0, 0, true, '', true), ('u', 0, 0, true, '', true)`, backcare.ECONFLICT},
		{"syntax stays internal", `INSERT INTO nowhere VALUES (1)`, backcare.EINTERNAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := d.pool.Exec(ctx, tt.sql)
			if err == nil {
				t.Fatal("the statement succeeded, want an error")
			}
			if got := backcare.ErrorCode(mapError(err)); got != tt.want {
				t.Errorf("code = %s (%v), want %s", got, err, tt.want)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	dsn := testDSN(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	wrongPass := *u
	wrongPass.User = url.UserPassword(u.User.Username(), "not-the-password")
	noDB := *u
	noDB.Path = "/no_such_database_" + strings.ToLower(backcare.NewID()[:8])
	noServer := *u
	noServer.Host = "127.0.0.1:1"
	tests := []struct {
		name, dsn, want string
	}{
		{"wrong password", wrongPass.String(), "did not accept the user name or password"},
		{"no database", noDB.String(), "database does not exist"},
		{"no server", noServer.String(), "cannot connect to the PostgreSQL server"},
		{"not a DSN", "postgres://%zz", "not one backcare can read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Open(context.Background(), tt.dsn)
			if err == nil {
				_ = d.Close()
				t.Fatal("Open succeeded, want an error")
			}
			if backcare.ErrorCode(err) != backcare.EINVALID {
				t.Errorf("code = %s (%v), want %s", backcare.ErrorCode(err), err, backcare.EINVALID)
			}
			if msg := backcare.ErrorMessage(err); !strings.Contains(msg, tt.want) {
				t.Errorf("message = %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}

func BenchmarkSaveSession(b *testing.B) { journaltest.BenchSaveSession(b, openTemp) }

func BenchmarkSaveSessionConcurrent(b *testing.B) {
	journaltest.BenchSaveSessionConcurrent(b, openTemp)
}

func BenchmarkHistory(b *testing.B) {
	for _, n := range []int{365, 3650} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { journaltest.BenchHistory(b, openTemp, n) })
	}
}

// TestRevisionTriggers: the revision moves with changes backcare itself
// never makes but another program might (a row deleted, or moved to
// another person).
func TestRevisionTriggers(t *testing.T) {
	ctx := context.Background()
	d := openTemp(t).(*DB)
	if _, err := d.Import(ctx, journaltest.NewArchive("alice")); err != nil {
		t.Fatal(err)
	}
	rev := func(user string) int64 {
		t.Helper()
		n, err := d.Revision(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	tests := []struct {
		name       string
		sql        string
		alice, bob bool // whose revision grows
	}{
		{"a PEG entry moved to bob", `UPDATE pegs SET user_id = 'bob' WHERE id = 'p0-alice'`, true, true},
		{"a session deleted", `DELETE FROM sessions WHERE id = 's00-alice'`, true, false},
		{"settings changed by hand", `UPDATE settings SET beeps = NOT beeps WHERE user_id = 'alice'`, true, false},
		{"nothing matched", `DELETE FROM screenings WHERE id = 'nope'`, false, false},
	}
	for _, tt := range tests {
		alice, bob := rev("alice"), rev("bob")
		if _, err := d.pool.Exec(ctx, tt.sql); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if grew := rev("alice") > alice; grew != tt.alice {
			t.Errorf("%s: alice's revision grew = %v, want %v", tt.name, grew, tt.alice)
		}
		if grew := rev("bob") > bob; grew != tt.bob {
			t.Errorf("%s: bob's revision grew = %v, want %v", tt.name, grew, tt.bob)
		}
	}
}

// TestAccountsMigration: migration 4 goes down and up again cleanly, and
// going up again gives the users found then their accounts.
func TestAccountsMigration(t *testing.T) {
	ctx := context.Background()
	d := openTemp(t).(*DB)
	if _, err := d.Import(ctx, journaltest.NewArchive("bob")); err != nil {
		t.Fatal(err)
	}
	if err := d.AddAccount(ctx, journaltest.NewAccount("maria")); err != nil {
		t.Fatal(err)
	}
	p, done, err := d.provider(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	if _, err := p.DownTo(ctx, 3); err != nil {
		t.Fatalf("migrate down to 3: %v", err)
	}
	if _, err := d.AccountList(ctx); err == nil {
		t.Errorf("AccountList at version 3 succeeded, want an error (no accounts table)")
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatalf("migrate up again: %v", err)
	}
	list, err := d.AccountList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range list {
		got = append(got, a.ID+" "+a.Name)
	}
	if want := []string{"bob bob", "local local"}; !slices.Equal(got, want) {
		t.Errorf("AccountList after migrating down and up = %q, want %q", got, want)
	}
}

// TestAuditMigration: migration 8 keeps the entries written one row per
// patient, and going down again writes an entry of several patients back
// as one row each.
func TestAuditMigration(t *testing.T) {
	ctx := context.Background()
	dsn := freshSchema(t)
	old, err := open(ctx, dsn, 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"pat-1", "pat-2"} {
		if _, err := old.pool.Exec(ctx, `INSERT INTO audit_log (id, at, staff_id, patient_id, clinic_id, action, what)
			VALUES ($1, $2, 'doc', $3, 'c', 'read', 'dashboard')`, "old-"+p, journaltest.AuditUpgradeAt, p); err != nil {
			t.Fatal(err)
		}
	}
	_ = old.Close()
	d := openUpgraded(t, dsn)
	p, done, err := d.provider(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	journaltest.AuditUpgrade(t, d, func() int {
		if _, err := p.DownTo(ctx, 7); err != nil {
			t.Fatalf("migrate down to 7: %v", err)
		}
		var rows int
		if err := d.pool.QueryRow(ctx, `SELECT count(*) FROM audit_log`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		return rows
	}, func() {
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("migrate up again: %v", err)
		}
	})
}
