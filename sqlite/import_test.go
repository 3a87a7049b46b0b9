package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"backcare"
	"backcare/journaltest"
)

// counts returns the number of rows in every table.
func counts(t *testing.T, d *DB) [5]int {
	t.Helper()
	var c [5]int
	for i, table := range []string{"sessions", "pegs", "screenings", "phase_changes", "settings"} {
		if err := d.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&c[i]); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// FuzzImport feeds the importer arbitrary bytes: it never panics, it fails
// only with a domain error, and when it fails it writes nothing.
//
// Each run touches the database, so minimizing a new input takes long; run
// it with a short minimize time or it seems to stall while it minimizes:
//
//	go test ./sqlite -run '^$' -fuzz FuzzImport -fuzztime 60s -fuzzminimizetime 3s
func FuzzImport(f *testing.F) {
	if sample, err := os.ReadFile(filepath.Join("..", "testdata", "sample-journal.json")); err == nil {
		f.Add(sample)
	}
	good, err := journaltest.NewArchive("local").MarshalJSON()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"format":"backcare-journal","version":1,"user_id":"x","sessions":[],"pegs":[{"id":"taken","at":"2026-01-01T00:00:00Z","pain":1,"enjoyment":1,"activity":1}],"screenings":[],"phase_changes":[]}`))
	f.Add([]byte(`{"format":"backcare-journal","version":1,"user_id":"x","sessions":[{"id":"a","routine_id":"r","routine_name":"","started_at":"2026-01-01T00:00:00Z","status":"in_progress","segments":[]}],"pegs":[],"screenings":[],"phase_changes":[]}`))
	f.Add([]byte("{"))
	d, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = d.Close() })
	// Another user owns the id "taken", so archives that use it clash.
	taken := journaltest.NewSession("owner", journaltest.Base, 1, 1)
	taken.ID = "taken"
	if err := d.SaveSession(context.Background(), taken); err != nil {
		f.Fatal(err)
	}
	if err := d.AddPEG(context.Background(), &backcare.PEG{ID: "taken", UserID: "owner", At: journaltest.Base}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := counts(t, d)
		a, err := backcare.ParseArchive(data)
		if err != nil {
			if code := backcare.ErrorCode(err); code != backcare.EINVALID {
				t.Fatalf("ParseArchive code = %s (%v), want %s", code, err, backcare.EINVALID)
			}
			if after := counts(t, d); after != before {
				t.Fatalf("rows %v became %v on a failed parse", before, after)
			}
			return
		}
		a.ForUser("fuzz")
		res, err := d.Import(context.Background(), a)
		after := counts(t, d)
		if err != nil {
			if code := backcare.ErrorCode(err); code != backcare.EINVALID && code != backcare.ECONFLICT {
				t.Fatalf("Import code = %s (%v), want invalid or conflict", code, err)
			}
			if after != before {
				t.Fatalf("rows %v became %v on a failed import", before, after)
			}
			return
		}
		if got := after[0] - before[0]; got != res.Sessions {
			t.Fatalf("Import added %d session rows, reported %d", got, res.Sessions)
		}
	})
}

func TestErrorMapping(t *testing.T) {
	ctx := context.Background()
	d := openTemp(t).(*DB)
	tests := []struct {
		name string
		sql  string
		want string
	}{
		{"check constraint", `INSERT INTO pegs VALUES ('p', 'u', 0, 11, 0, 0)`, backcare.EINVALID},
		{"session status", `INSERT INTO sessions (id, user_id, routine_id, routine_name, started_at, status) VALUES ('s', 'u', 'r', 'R', 0, 'done')`, backcare.EINVALID},
		{"not null", `INSERT INTO pegs (id, user_id, at, pain, enjoyment) VALUES ('p', 'u', 0, 1, 1)`, backcare.EINVALID},
		{"primary key", `INSERT INTO settings VALUES ('u', 0, 0, 1, '', 1), ('u', 0, 0, 1, '', 1)`, backcare.ECONFLICT},
		{"syntax stays internal", `INSERT INTO nowhere VALUES (1)`, backcare.EINTERNAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := d.db.ExecContext(ctx, tt.sql)
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
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte("shopping list: oats, milk, a yoga mat, and more things to fill a page"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"not a database", notDB, "is not a backcare journal"},
		{"missing folder", filepath.Join(dir, "no", "such", "journal.db"), "cannot open or create the journal"},
		{"empty path", "", "no journal file given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Open(context.Background(), tt.path)
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
