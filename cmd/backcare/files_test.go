//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFilesArePrivate: every file backcare writes with the person's data
// (a journal export, the pose chart, the calendar) is 0600 even with umask
// 0, and a file it replaces becomes 0600 too. The umask is the process's,
// so this test does not run in parallel.
func TestFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
	p := newPerson(t)
	if r := p.run("", "journal", "import", samplePath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := p.run(answers(), "check"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing.csv")
	if err := os.WriteFile(existing, []byte("old"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(existing, 0o666); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"journal.json", []string{"journal", "export", "-o"}},
		{"existing.csv", []string{"journal", "export", "-o"}},
		{"chart.pdf", []string{"chart", "lower-back-relief", "-o"}},
		{"plan.ics", []string{"schedule", "--ics", "-o"}},
	} {
		path := filepath.Join(dir, c.name)
		if r := p.run("", append(c.args, path)...); r.code != 0 {
			t.Fatalf("%v: %s", c.args, r.stderr)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode = %v, want -rw-------", c.name, info.Mode().Perm())
		}
	}
	info, err := os.Stat(p.env["BACKCARE_DATABASE"])
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("the journal: mode = %v, want -rw-------", info.Mode().Perm())
	}
}
