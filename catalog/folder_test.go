package catalog_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"backcare"
	"backcare/catalog"
)

// eveningRoutine is a sound routine file that uses a built-in pose.
const eveningRoutine = `routines:
  - id: evening
    name: Evening
    purpose: A calm end to the day.
    poses: [zombie-crawl]
`

// writeFile writes a file into dir, failing the test on error.
func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLoadSkipsBrokenFiles checks that one broken file in the folder is
// reported, with its place, and skipped: the built-ins and the other files
// still load.
func TestLoadSkipsBrokenFiles(t *testing.T) {
	tests := []struct {
		name   string
		broken string
		want   string // part of the one problem reported
	}{
		{"unknown field", "routines:\n  - id: x\n    nme: X\n", "broken.yaml:3:5: unknown field"},
		{"go-yaml panics on an empty tag", "routines: ! \n", "broken.yaml"},
		{"poses with an empty tag", "poses: ! \n", "broken.yaml"},
		{"an unknown pose", "routines:\n  - id: x\n    name: X\n    purpose: P\n    poses: [nope]\n", "broken.yaml:5:13"},
		{"an id the good file uses", eveningRoutine, `the routine id "evening" is`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "a-evening.yaml", eveningRoutine)
			writeFile(t, dir, "broken.yaml", tt.broken)
			c, err := catalog.Load(dir)
			if c == nil {
				t.Fatalf("Load = nil catalog, %v; want the catalog without broken.yaml", err)
			}
			if _, rerr := c.Routine(catalog.DefaultRoutine); rerr != nil {
				t.Errorf("Routine(%s) = %v, want the built-in", catalog.DefaultRoutine, rerr)
			}
			if _, rerr := c.Routine("evening"); rerr != nil {
				t.Errorf("Routine(evening) = %v, want the good file's routine", rerr)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load error = %v, want one containing %q", err, tt.want)
			}
			var ps catalog.Problems
			if errors.As(err, &ps) && len(ps) != 1 {
				t.Errorf("problems = %d, want 1: %v", len(ps), err)
			}
			if code := backcare.ErrorCode(err); code != backcare.EINVALID {
				t.Errorf("ErrorCode = %q, want invalid", code)
			}
		})
	}
}

// TestLoadSkipsDependents checks that a file whose routine needs a pose of
// a skipped file is skipped too, with its own reason.
func TestLoadSkipsDependents(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a-poses.yaml", "poses:\n  - id: mine\n    nme: broken\n")
	writeFile(t, dir, "b-routine.yaml", "routines:\n  - id: x\n    name: X\n    purpose: P\n    poses: [mine]\n")
	c, err := catalog.Load(dir)
	if c == nil {
		t.Fatalf("Load = nil catalog, %v", err)
	}
	if _, rerr := c.Routine("x"); rerr == nil {
		t.Errorf("Routine(x) loaded, want it skipped with its pose's file")
	}
	if err == nil || !strings.Contains(err.Error(), "a-poses.yaml:3:5") || !strings.Contains(err.Error(), "b-routine.yaml:5:13") {
		t.Errorf("Load error = %v, want both files named", err)
	}
}

// TestLoadReadsOnlyRegularFilesInside checks what the loader refuses to
// read: pipes, devices, links that leave the folder, and big files. None
// of them may block, run out of memory, or show another file's lines.
func TestLoadReadsOnlyRegularFilesInside(t *testing.T) {
	outside := t.TempDir()
	secret := writeFile(t, outside, "secret.yaml", "routines:\n  - id: x\n    password: hunter2\n")
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string // part of the problem
	}{
		{"a pipe", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "x.yaml"), 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
		}, "not a regular file"},
		{"a link to /dev/zero", func(t *testing.T, dir string) {
			if err := os.Symlink("/dev/zero", filepath.Join(dir, "x.yaml")); err != nil {
				t.Fatal(err)
			}
		}, "outside the catalog folder"},
		{"a link to a file outside", func(t *testing.T, dir string) {
			if err := os.Symlink(secret, filepath.Join(dir, "x.yaml")); err != nil {
				t.Fatal(err)
			}
		}, "outside the catalog folder"},
		{"a link to a missing file", func(t *testing.T, dir string) {
			if err := os.Symlink(filepath.Join(dir, "gone.yaml"), filepath.Join(dir, "x.yaml")); err != nil {
				t.Fatal(err)
			}
		}, "does not exist"},
		{"a file too big", func(t *testing.T, dir string) {
			big := "routines:\n" + strings.Repeat("# filler to make the file big\n", 40000)
			writeFile(t, dir, "x.yaml", big)
		}, "at most 1 MB"},
		{"a folder named like a file", func(t *testing.T, dir string) {
			if err := os.Mkdir(filepath.Join(dir, "x.yaml"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "a-evening.yaml", eveningRoutine)
			tt.setup(t, dir)
			c, err := catalog.Load(dir)
			if c == nil {
				t.Fatalf("Load = nil catalog, %v", err)
			}
			if _, rerr := c.Routine("evening"); rerr != nil {
				t.Errorf("Routine(evening) = %v, want the good file's routine", rerr)
			}
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Load error = %v, want none", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Load error = %v, want one containing %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Errorf("Load error = %v, shows a line of a file outside the folder", err)
			}
		})
	}
}

// TestLoadFollowsLinksInside checks that a link to a regular file inside
// the folder is read like the file.
func TestLoadFollowsLinksInside(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "keep"), "evening.txt", eveningRoutine)
	if err := os.Symlink(filepath.Join("keep", "evening.txt"), filepath.Join(dir, "evening.yaml")); err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(dir)
	if err != nil {
		t.Fatalf("Load error = %v", err)
	}
	if _, err := c.Routine("evening"); err != nil {
		t.Errorf("Routine(evening) = %v", err)
	}
}

// TestLoadCapsTheTotal checks that a folder of many files stops being read
// at the cap, saying so, rather than at the memory's end.
func TestLoadCapsTheTotal(t *testing.T) {
	dir := t.TempDir()
	chunk := "routines: []\n" + strings.Repeat("# filler\n", 100000) // about 0.9 MB
	for i := range 12 {
		writeFile(t, dir, string(rune('a'+i))+".yaml", chunk)
	}
	_, err := catalog.Load(dir)
	if err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("Load error = %v, want one saying the folder holds more than the cap", err)
	}
}

// TestFriendlyYAMLProblems checks the messages for a byte-order mark (which
// is fine) and for tabs (which YAML does not allow for indentation).
func TestFriendlyYAMLProblems(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		want    string // part of the problem, "" for none
		notWant string
	}{
		{"byte-order mark", "\ufeff" + eveningRoutine, "", ""},
		{"tab indentation", "routines:\n\t- id: x\n", "x.yaml:2:1: a tab", "cannot start any token"},
		{"tab after a key", "routines:\n  - id:\tx\n    name: X\n    purpose: P\n    poses: [zombie-crawl]\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := catalog.Builtin().Clone()
			err := c.AddFiles(map[string][]byte{"x.yaml": []byte(tt.data)})
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("AddFiles = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("AddFiles = %v, want one containing %q", err, tt.want)
			}
			if tt.notWant != "" && err != nil && strings.Contains(err.Error(), tt.notWant) {
				t.Errorf("AddFiles = %v, want no %q", err, tt.notWant)
			}
		})
	}
}
