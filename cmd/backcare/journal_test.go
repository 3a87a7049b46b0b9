package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// journalEnv is an environment with its own data folder, so the default
// journal is a new file under it.
func journalEnv(t *testing.T) map[string]string {
	return map[string]string{"XDG_DATA_HOME": filepath.Join(t.TempDir(), "data"), "TZ": "America/New_York"}
}

func TestJournalEmpty(t *testing.T) {
	env := journalEnv(t)
	r := runT(t, env, "journal")
	if r.code != 0 {
		t.Fatalf("exit code = %d, stderr = %s", r.code, r.stderr)
	}
	for _, want := range []string{"Your journal is empty", "backcare start", "backcare journal import FILE"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	path := filepath.Join(env["XDG_DATA_HOME"], "backcare", "journal.db")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("the default journal was not made: %v", err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("journal file mode = %v, want it private to its owner", perm)
	}
}

func TestJournalImportExportList(t *testing.T) {
	env := journalEnv(t)
	sample, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	r := runT(t, env, "journal", "import", samplePath)
	if r.code != 0 {
		t.Fatalf("import: exit code = %d, stderr = %s", r.code, r.stderr)
	}
	if want := "Added 47 sessions, 8 weekly PEG check-ins, 3 safety screenings and 1 programme step"; !strings.Contains(r.stdout, want) {
		t.Errorf("import said %q, want %q", r.stdout, want)
	}
	r = runT(t, env, "journal", "import", samplePath)
	if r.code != 0 || !strings.Contains(r.stdout, "Nothing new") {
		t.Errorf("second import: code %d, said %q, want nothing new", r.code, r.stdout)
	}

	// Lossless: the export of the imported sample is the sample, byte for byte.
	r = runT(t, env, "journal", "export")
	if r.code != 0 {
		t.Fatalf("export: exit code = %d, stderr = %s", r.code, r.stderr)
	}
	if r.stdout != string(sample) {
		t.Errorf("export differs from the imported sample")
	}
	out := filepath.Join(t.TempDir(), "back.json")
	r = runT(t, env, "journal", "export", "-o", out)
	if got, err := os.ReadFile(out); r.code != 0 || err != nil || string(got) != string(sample) {
		t.Errorf("export -o: code %d, %v; file equals sample: %v", r.code, err, string(got) == string(sample))
	}

	// CSV: one row per session, local dates, oldest first.
	csvOut := filepath.Join(t.TempDir(), "back.csv")
	r = runT(t, env, "journal", "export", "-o", csvOut)
	if r.code != 0 || !strings.Contains(r.stdout, "Wrote 47 sessions") {
		t.Fatalf("export csv: code %d, said %q, stderr %s", r.code, r.stdout, r.stderr)
	}
	f, err := os.Open(csvOut)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 48 {
		t.Fatalf("CSV has %d rows, want a header and 47 sessions", len(rows))
	}
	if got, want := rows[1][1]+" "+rows[1][2], "2026-01-05 13:43"; got != want {
		t.Errorf("first CSV row date and time = %q, want %q (New York time)", got, want)
	}

	// The listing: recent sessions in local time, the flare visible.
	r = runT(t, env, "journal", "--limit", "30")
	if r.code != 0 {
		t.Fatalf("journal: exit code = %d, stderr = %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"DATE", "Wed 28 Jan 2026 13:12  Lower back relief  4:00  4 -> 6  completed",
		"Fri 30 Jan 2026 13:41  Lower back relief  2:22  6 -> 7  stopped for pain",
		"The 30 most recent of 47 sessions; see them all with --all.",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("listing lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "Thu 15 Jan") {
		t.Errorf("listing of 30 shows an old session:\n%s", r.stdout)
	}
}

func TestJournalImportBadFile(t *testing.T) {
	env := journalEnv(t)
	sample, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(sample), `"pain_after":3`, `"pain_after":11`, 1)
	path := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runT(t, env, "journal", "import", path)
	if r.code != 2 {
		t.Fatalf("exit code = %d, want 2; stderr = %s", r.code, r.stderr)
	}
	if want := "bad.json: sessions[13] (id "; !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "pain_after 11 is outside 0-10") {
		t.Errorf("stderr = %q, want it to name the record and the problem", r.stderr)
	}
	r = runT(t, env, "journal")
	if !strings.Contains(r.stdout, "Your journal is empty") {
		t.Errorf("after a failed import the journal is not empty:\n%s", r.stdout)
	}
}

func TestJournalDatabaseChoice(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		env  map[string]string
		args []string
		file string // made, if the run succeeds
		want string // in stderr if it fails
	}{
		{"flag", nil, []string{"--database", filepath.Join(dir, "flag.db"), "journal"}, filepath.Join(dir, "flag.db"), ""},
		{"environment", map[string]string{"BACKCARE_DATABASE": filepath.Join(dir, "env.db")}, []string{"journal"}, filepath.Join(dir, "env.db"), ""},
		{"flag wins over environment", map[string]string{"BACKCARE_DATABASE": filepath.Join(dir, "no.db")}, []string{"journal", "--database", filepath.Join(dir, "yes.db")}, filepath.Join(dir, "yes.db"), ""},
		{"missing folder", nil, []string{"journal", "--database", filepath.Join(dir, "typo", "j.db")}, "", "cannot open or create the journal"},
		{"not a journal", nil, []string{"journal", "--database", samplePath}, "", "is not a backcare journal"},
		{"bad TZ", map[string]string{"TZ": "Mars/Olympus"}, []string{"journal", "--database", filepath.Join(dir, "tz.db")}, "", `TZ="Mars/Olympus"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runT(t, tt.env, tt.args...)
			if tt.want != "" {
				if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
					t.Errorf("exit code %d, stderr %q, want 2 and %q", r.code, r.stderr, tt.want)
				}
				return
			}
			if r.code != 0 {
				t.Fatalf("exit code = %d, stderr = %s", r.code, r.stderr)
			}
			if _, err := os.Stat(tt.file); err != nil {
				t.Errorf("journal file: %v", err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "no.db")); err == nil {
		t.Errorf("the environment's journal was made although the flag named another")
	}
}

func TestJournalExportBadFormat(t *testing.T) {
	r := runT(t, journalEnv(t), "journal", "export", "--format", "xml")
	if r.code != 2 || !strings.Contains(r.stderr, `--format "xml" is not json or csv`) {
		t.Errorf("exit code %d, stderr %q", r.code, r.stderr)
	}
}

// TestJournalPostgres runs the journal commands against PostgreSQL, in a
// schema of its own, when BACKCARE_TEST_POSTGRES names a database.
func TestJournalPostgres(t *testing.T) {
	dsn := os.Getenv("BACKCARE_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("BACKCARE_TEST_POSTGRES is not set; run .ci/start-postgres (as root) and export its DSN to test the journal on PostgreSQL")
	}
	env := map[string]string{"BACKCARE_DATABASE": pgSchema(t, dsn), "TZ": "UTC"}
	if r := runT(t, env, "journal", "import", samplePath); r.code != 0 {
		t.Fatalf("import: exit code %d, stderr %s", r.code, r.stderr)
	}
	sample, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	r := runT(t, env, "journal", "export")
	if r.code != 0 || r.stdout != string(sample) {
		t.Errorf("export from PostgreSQL: code %d, equals the sample: %v; stderr %s", r.code, r.stdout == string(sample), r.stderr)
	}
}
