package sqlite

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"backcare"
	"backcare/journaltest"
)

func openTemp(tb testing.TB) backcare.Journal {
	tb.Helper()
	d, err := Open(context.Background(), filepath.Join(tb.TempDir(), "journal.db"))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { _ = d.Close() })
	return d
}

func TestConformance(t *testing.T) {
	journaltest.Run(t, openTemp, journaltest.FromPrevious(upgradeFromV3), journaltest.FromVersion("v1", upgradeFromV1),
		journaltest.WithReopen(reopen))
}

// reopen closes the journal and opens its file again.
func reopen(tb testing.TB, j backcare.Journal) backcare.Journal {
	tb.Helper()
	d := j.(*DB)
	if err := d.Close(); err != nil {
		tb.Fatalf("Close: %v", err)
	}
	again, err := Open(context.Background(), d.Path())
	if err != nil {
		tb.Fatalf("Open again: %v", err)
	}
	tb.Cleanup(func() { _ = again.Close() })
	return again
}

// newest is the schema version Open migrates to.
const newest = 8

// upgradeFromV3 writes the archives into a journal at schema version 3,
// today's before accounts, then opens it with the current code. Version 4
// adds tables and changes none of version 3's, so Import writes the
// records with version 3's SQL.
func upgradeFromV3(t *testing.T, archives ...*backcare.Archive) backcare.Journal {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v3.db")
	old, err := open(ctx, DSN(path), path, 3)
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
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	return openUpgraded(t, path)
}

func openUpgraded(t *testing.T, path string) *DB {
	t.Helper()
	ctx := context.Background()
	d, err := Open(ctx, path)
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
	path := filepath.Join(t.TempDir(), "v1.db")
	old, err := open(ctx, DSN(path), path, 1)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := old.SchemaVersion(ctx); err != nil || v != 1 {
		t.Fatalf("SchemaVersion = %d, %v, want 1", v, err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := old.db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, a := range archives {
		if s := a.Settings; s != nil {
			exec(`INSERT INTO settings VALUES (?, ?, ?, ?, ?, ?)`, a.UserID, s.Hold.Milliseconds(), s.Prepare.Milliseconds(), b2i(s.Voice), s.VoiceName, b2i(s.Beeps))
		}
		for _, s := range a.Sessions {
			exec(`INSERT INTO sessions (id, user_id, routine_id, routine_name, started_at, ended_at, status, pain_before, pain_after, intensity, note)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, s.ID, s.UserID, s.RoutineID, s.RoutineName, toMS(s.StartedAt), toNullMS(s.EndedAt),
				string(s.Status), nullInt(s.PainBefore), nullInt(s.PainAfter), nullInt(s.Intensity), s.Note)
			for _, r := range s.Segments {
				exec(`INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, s.ID, r.Index, r.Kind, r.PoseID, string(r.Side),
					r.Planned.Milliseconds(), r.Held.Milliseconds(), b2i(r.Skipped))
			}
		}
		for _, p := range a.PEGs {
			exec(`INSERT INTO pegs VALUES (?, ?, ?, ?, ?, ?)`, p.ID, p.UserID, toMS(p.At), p.Pain, p.Enjoyment, p.Activity)
		}
		for _, s := range a.Screenings {
			answers, _ := json.Marshal(s.Answers)
			exec(`INSERT INTO screenings VALUES (?, ?, ?, ?, ?, ?, ?)`, s.ID, s.UserID, toMS(s.At), s.Reason, string(answers), string(s.Verdict), toNullMS(s.ClearedAt))
		}
		for _, p := range a.PhaseChanges {
			exec(`INSERT INTO phase_changes VALUES (?, ?, ?, ?, ?, ?)`, p.ID, p.UserID, toMS(p.At), p.From, p.To, p.Reason)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	return openUpgraded(t, path)
}

// TestRevisionTriggers: the revision moves with changes backcare itself
// never makes but another program might (a row deleted, or moved to
// another person), and migration 3 goes down and up again cleanly.
func TestRevisionTriggers(t *testing.T) {
	ctx := context.Background()
	d := openTemp(t).(*DB)
	a := journaltest.NewArchive("alice")
	if _, err := d.Import(ctx, a); err != nil {
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
		{"settings changed by hand", `UPDATE settings SET beeps = 1 - beeps WHERE user_id = 'alice'`, true, false},
		{"nothing matched", `DELETE FROM screenings WHERE id = 'nope'`, false, false},
	}
	for _, tt := range tests {
		alice, bob := rev("alice"), rev("bob")
		if _, err := d.db.ExecContext(ctx, tt.sql); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if grew := rev("alice") > alice; grew != tt.alice {
			t.Errorf("%s: alice's revision grew = %v, want %v", tt.name, grew, tt.alice)
		}
		if grew := rev("bob") > bob; grew != tt.bob {
			t.Errorf("%s: bob's revision grew = %v, want %v", tt.name, grew, tt.bob)
		}
	}
	p, err := provider(d.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 2); err != nil {
		t.Fatalf("migrate down to 2: %v", err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatalf("migrate up again: %v", err)
	}
	if n := rev("alice"); n != 0 {
		t.Errorf("revision after migrating down and up = %d, want 0 (counting starts again)", n)
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
	p, err := provider(d.db)
	if err != nil {
		t.Fatal(err)
	}
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
	path := filepath.Join(t.TempDir(), "v7.db")
	old, err := open(ctx, DSN(path), path, 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"pat-1", "pat-2"} {
		if _, err := old.db.ExecContext(ctx, `INSERT INTO audit_log (id, at, staff_id, patient_id, clinic_id, action, what)
			VALUES (?, ?, 'doc', ?, 'c', 'read', 'dashboard')`, "old-"+p, toMS(journaltest.AuditUpgradeAt), p); err != nil {
			t.Fatal(err)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	d := openUpgraded(t, path)
	p, err := provider(d.db)
	if err != nil {
		t.Fatal(err)
	}
	journaltest.AuditUpgrade(t, d, func() int {
		if _, err := p.DownTo(ctx, 7); err != nil {
			t.Fatalf("migrate down to 7: %v", err)
		}
		var rows int
		if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM audit_log`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		return rows
	}, func() {
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("migrate up again: %v", err)
		}
	})
}
