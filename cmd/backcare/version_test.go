package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"testing"
)

// TestVersionOf checks the version shown for the build information a
// binary can carry.
func TestVersionOf(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "d6ad4d7a1b2c3d4e5f60718293a4b5c6d7e8f901"}}
	tests := []struct {
		name   string
		ldflag string
		info   *debug.BuildInfo
		want   string
	}{
		{"no build info", "dev", nil, "dev"},
		{"a tag", "dev", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: rev}, "v1.2.0, revision d6ad4d7a1b2c"},
		{"a pseudo-version", "dev", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261203082600-d6ad4d7a1b2c"}, Settings: rev},
			"v0.0.0-20261203082600-d6ad4d7a1b2c, revision d6ad4d7a1b2c"},
		{"local changes", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: append(rev, debug.BuildSetting{Key: "vcs.modified", Value: "true"})}, "(devel), revision d6ad4d7a1b2c with local changes"},
		{"no revision recorded", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel), no revision recorded"},
		{"set with ldflags", "1.0.0", &debug.BuildInfo{Main: debug.Module{Version: "v0.9.0"}}, "1.0.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionOf(tt.ldflag, tt.info); got != tt.want {
				t.Errorf("versionOf = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestVersionBuilt builds backcare from this checkout, without cgo, and
// checks that `backcare version` names the module version and revision.
func TestVersionBuilt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	// The go command stamps the revision only when the module's .git is a
	// folder: not in a git worktree, whose .git is a file.
	if fi, err := os.Stat(filepath.Join("..", "..", ".git")); err != nil || !fi.IsDir() {
		t.Skip("not a git checkout with a .git folder (a worktree, or an export)")
	}
	head, err := exec.Command("git", "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		t.Skipf("git rev-parse: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "backcare")
	// -buildvcs=true: a GOFLAGS of -buildvcs=false, as some machines set,
	// would leave the revision out.
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`^backcare v\S+, revision ` + string(head[:12]) + `( with local changes)? \(go`)
	if !want.Match(out) {
		t.Errorf("backcare version = %q, want it to match %s", out, want)
	}
}
