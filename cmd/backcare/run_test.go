package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// result is what one run of the program printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// runT runs backcare with args and an environment, as main would.
func runT(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	if _, ok := env["BACKCARE_CATALOG"]; !ok {
		env["BACKCARE_CATALOG"] = filepath.Join(t.TempDir(), "catalog") // no user files
	}
	getenv := func(k string) string { return env[k] }
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, getenv, strings.NewReader(""), &stdout, &stderr)
	code := report(err, &stderr)
	return result{stdout.String(), stderr.String(), code}
}

func TestShowPlan(t *testing.T) {
	r := runT(t, nil, "show", "lower-back-relief")
	if r.code != 0 {
		t.Fatalf("exit code = %d, stderr = %s", r.code, r.stderr)
	}
	wantLines := []string{
		`0:00 +get ready +15 seconds +Get ready: Standing Psoas Lunge, left side`,
		`0:15 +hold +1 minute +Standing Psoas Lunge, left side \(stretch 5/10\)`,
		`1:15 +switch +15 seconds +Switch sides: Standing Psoas Lunge, right side`,
		`1:30 +hold +1 minute +Standing Psoas Lunge, right side \(stretch 5/10\)`,
		`2:30 +get ready +15 seconds +Get ready: Zombie Crawl`,
		`2:45 +hold +1 minute +Zombie Crawl \(stretch 5/10\)`,
		`3:45 +get ready +15 seconds +Get ready: Countertop Hip Hinge`,
		`4:00 +hold +1 minute +Countertop Hip Hinge \(stretch 5/10\)`,
		`5:00 +end`,
		`Total: 5:00 \(5 minutes, 300 seconds\), 4 holds\.`,
	}
	for _, w := range wantLines {
		if !regexp.MustCompile(`(?m)^` + w).MatchString(r.stdout) {
			t.Errorf("plan lacks a line matching %q:\n%s", w, r.stdout)
		}
	}
	if n := strings.Count(r.stdout, " hold "); n != 4 {
		t.Errorf("plan has %d holds, want 4", n)
	}
}

func TestShowHoldFlagHalvesHolds(t *testing.T) {
	r := runT(t, nil, "show", "lower-back-relief", "--hold", "30s")
	if r.code != 0 {
		t.Fatalf("exit code = %d, stderr = %s", r.code, r.stderr)
	}
	if strings.Contains(r.stdout, "1 minute ") {
		t.Errorf("a hold of 1 minute remains with --hold 30s:\n%s", r.stdout)
	}
	if n := strings.Count(r.stdout, "hold       30 seconds"); n != 4 {
		t.Errorf("found %d holds of 30 seconds, want 4:\n%s", n, r.stdout)
	}
	if !strings.Contains(r.stdout, "Total: 3:00 (3 minutes, 180 seconds), 4 holds.") {
		t.Errorf("wrong total:\n%s", r.stdout)
	}
	// The environment sets the same default.
	r = runT(t, map[string]string{"BACKCARE_HOLD": "45"}, "show", "lower-back-relief")
	if !strings.Contains(r.stdout, "Total: 4:00") {
		t.Errorf("BACKCARE_HOLD=45 gave:\n%s", r.stdout)
	}
}

func TestShowAtClockTimes(t *testing.T) {
	r := runT(t, nil, "show", "lower-back-relief", "--at", "18:30")
	if !strings.Contains(r.stdout, "18:30:00") || !strings.Contains(r.stdout, "18:35:00  end") {
		t.Errorf("clock times missing:\n%s", r.stdout)
	}
}

func TestShowJSONMatchesSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(filepath.Join("..", "..", "docs", "timeline.schema.json"))
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	for _, args := range [][]string{
		{"show", "lower-back-relief", "--json"},
		{"show", "lower-back-relief", "--json", "--hold", "30s", "--prepare", "5s"},
	} {
		r := runT(t, nil, args...)
		if r.code != 0 {
			t.Fatalf("%v: exit code = %d, stderr = %s", args, r.code, r.stderr)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(r.stdout))
		if err != nil {
			t.Fatalf("%v: not JSON: %v", args, err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%v: timeline does not match docs/timeline.schema.json: %v", args, err)
		}
		var tl struct {
			TotalMS  int64 `json:"total_ms"`
			Segments []struct {
				Kind       string `json:"kind"`
				StartMS    int64  `json:"start_ms"`
				DurationMS int64  `json:"duration_ms"`
			} `json:"segments"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &tl); err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, s := range tl.Segments {
			if s.StartMS != sum {
				t.Errorf("segment start_ms = %d, want %d", s.StartMS, sum)
			}
			sum += s.DurationMS
		}
		if sum != tl.TotalMS {
			t.Errorf("total_ms = %d, want the sum %d", tl.TotalMS, sum)
		}
	}
	// The schema is strict: it rejects a timeline with a made-up field.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version":1,"routine":{"id":"a","name":"A","purpose":""},"total_ms":0,"poses":[],"segments":[],"extra":1}`))
	if sch.Validate(bad) == nil {
		t.Errorf("schema accepted an invalid timeline")
	}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", "routines:\n  - id: quick\n    name: Quick\n    purpose: Two minutes.\n    poses:\n      - pose: zombie-crawl\n        hold: 45s\n")
	tests := []struct {
		name   string
		file   string
		code   int
		stderr []string // each must appear
	}{
		{"valid file", good, 0, nil},
		{
			"misspelt field",
			write("typo.yaml", "routines:\n  - id: quick\n    name: Quick\n    purpos: Two minutes.\n    poses: [zombie-crawl]\n"),
			2, []string{"typo.yaml:4:5: unknown field \"purpos\"", `hint: did you mean "purpose"?`},
		},
		{
			"unknown pose",
			write("unknown.yaml", "routines:\n  - id: quick\n    name: Quick\n    purpose: P.\n    poses: [zombie-crawl, psoas-lunge]\n"),
			2, []string{"unknown.yaml:5:27:", `"psoas-lunge", which is not a known pose`, "hint:"},
		},
		{
			"negative hold",
			write("negative.yaml", "routines:\n  - id: quick\n    name: Quick\n    purpose: P.\n    poses:\n      - pose: zombie-crawl\n        hold: -1m\n"),
			2, []string{"negative.yaml:7:15:", "negative", "hint:"},
		},
		{
			"broken yaml",
			write("broken.yaml", "routines:\n  - id: quick\n    name: [Quick\n"),
			2, []string{"broken.yaml:3:", "hint:"},
		},
		{
			"missing file",
			filepath.Join(dir, "nope.yaml"),
			2, []string{"cannot read", "nope.yaml", "hint: check the path"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runT(t, nil, "validate", tt.file)
			if r.code != tt.code {
				t.Errorf("exit code = %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
			if tt.code == 0 && !strings.Contains(r.stdout, "ok") {
				t.Errorf("stdout = %q, want ok", r.stdout)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"unknown routine", []string{"show", "lower-back-releif"}, `did you mean "lower-back-relief"?`},
		{"missing routine", []string{"show"}, "show needs ROUTINE"},
		{"bad hold", []string{"show", "lower-back-relief", "--hold", "forever"}, `--hold "forever"`},
		{"hold too long", []string{"show", "lower-back-relief", "--hold", "2h"}, "1s to 10m"},
		{"bad time of day", []string{"show", "lower-back-relief", "--at", "25:99"}, "HH:MM"},
		{"unknown flag", []string{"show", "lower-back-relief", "--hould", "30s"}, "unknown flag: --hould"},
		{"unknown command", []string{"strech"}, `unknown command "strech"`},
		{"validate without files", []string{"validate"}, "at least one FILE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runT(t, nil, tt.args...)
			if r.code != exitBadInput {
				t.Errorf("exit code = %d, want %d; stderr:\n%s", r.code, exitBadInput, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", r.stderr, tt.stderr)
			}
			if lines := strings.Count(strings.TrimSpace(r.stderr), "\n") + 1; lines > 2 {
				t.Errorf("stderr has %d lines, want one line plus a hint:\n%s", lines, r.stderr)
			}
			if !strings.Contains(r.stderr, "hint:") {
				t.Errorf("stderr has no hint:\n%s", r.stderr)
			}
		})
	}
}

func TestBrokenUserCatalog(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte("routines:\n  - id: lower-back-relief\n    name: Mine\n    purpose: P.\n    poses: [zombie-crawl]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The file is reported and skipped; the built-in routines still play.
	r := runT(t, map[string]string{"BACKCARE_CATALOG": dir}, "routines")
	if r.code != exitOK || !strings.Contains(r.stderr, "mine.yaml:2:9: the routine id \"lower-back-relief\" is already taken by the built-in routine") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "Lower back relief") {
		t.Errorf("stdout lacks the built-in routine:\n%s", r.stdout)
	}
}

func TestRoutinesAndPoses(t *testing.T) {
	r := runT(t, nil, "routines")
	if r.code != 0 || !regexp.MustCompile(`lower-back-relief +Lower back relief +3 +5:00 +built-in`).MatchString(r.stdout) {
		t.Errorf("routines: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runT(t, nil, "poses")
	for _, want := range []string{"standing-psoas-lunge", "hold 1 minute each side", "zombie-crawl", "countertop-hip-hinge"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("poses lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestVersion(t *testing.T) {
	r := runT(t, nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "backcare ") {
		t.Errorf("version: exit %d, %q", r.code, r.stdout)
	}
}

func TestDefaultCatalogFolder(t *testing.T) {
	home := t.TempDir()
	dir := filepath.Join(home, "cfg", "backcare", "catalog")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte("routines:\n  - id: mine\n    name: Mine\n    purpose: P.\n    poses: [zombie-crawl]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"BACKCARE_CATALOG": "", "XDG_CONFIG_HOME": filepath.Join(home, "cfg"), "HOME": home}
	// runT fills BACKCARE_CATALOG only when absent; an empty one means unset.
	r := runT(t, env, "routines")
	if !strings.Contains(r.stdout, "mine") {
		t.Errorf("routines from $XDG_CONFIG_HOME/backcare/catalog missing:\n%s%s", r.stdout, r.stderr)
	}
	// Without XDG_CONFIG_HOME, ~/.config is used.
	env = map[string]string{"BACKCARE_CATALOG": "", "HOME": filepath.Join(home, "nothing")}
	if r := runT(t, env, "routines"); r.code != 0 || strings.Contains(r.stdout, "mine") {
		t.Errorf("HOME without a catalog: exit %d\n%s", r.code, r.stdout)
	}
}

// TestValidateLikeLoad checks that `backcare validate` runs the checks that
// loading runs (figures too), with the catalog folder in view.
func TestValidateLikeLoad(t *testing.T) {
	const evening = "routines:\n  - id: evening\n    name: Evening\n    purpose: P\n    poses: [zombie-crawl]\n"
	const pose = `poses:
  - id: mine
    name: Mine
    kind: stretch
    why: It helps.
    targets: [psoas]
    dose: {hold: 30s}
    steps: [Stand tall.]
    feel: Nothing much.
    stop_signs: [Sharp pain]
    figure:
      view: side
      rests: {feet: floor}
      angles: {near.elbw: 20}
`
	tests := []struct {
		name   string
		folder map[string]string
		file   string // "" validates the folder's evening.yaml itself
		want   string // part of stderr; "" for a pass
	}{
		{"sound", nil, evening, ""},
		{"an id the folder uses", map[string]string{"evening.yaml": evening}, evening, `"evening" is already taken`},
		{"a figure loading refuses", nil, pose, `"near.elbw" is not a joint`},
		{"a pose of the folder", map[string]string{"pose.yaml": strings.Replace(pose, "near.elbw", "near.elbow", 1)},
			"routines:\n  - id: r\n    name: R\n    purpose: P\n    poses: [mine]\n", ""},
		{"a file of the folder itself", map[string]string{"evening.yaml": evening}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for n, d := range tt.folder {
				if err := os.WriteFile(filepath.Join(dir, n), []byte(d), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			file := filepath.Join(dir, "evening.yaml")
			if tt.file != "" {
				file = filepath.Join(t.TempDir(), "mine.yaml")
				if err := os.WriteFile(file, []byte(tt.file), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r := runT(t, map[string]string{"BACKCARE_CATALOG": dir}, "validate", file)
			switch {
			case tt.want == "" && r.code != 0:
				t.Errorf("exit code = %d, want 0; stderr = %s", r.code, r.stderr)
			case tt.want != "" && (r.code != 2 || !strings.Contains(r.stderr, tt.want)):
				t.Errorf("exit code = %d, stderr = %q; want 2 and %q", r.code, r.stderr, tt.want)
			}
		})
	}
}

// TestBrokenCatalogFileIsSkipped checks that one broken file in the folder
// is reported once on stderr and the commands still work.
func TestBrokenCatalogFileIsSkipped(t *testing.T) {
	for _, args := range [][]string{{"routines"}, {"show", "lower-back-relief"}, {"today"}, {"poses"}, {"chart", "-o", "-"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("routines: ! \n"), 0o644); err != nil {
				t.Fatal(err)
			}
			env := map[string]string{"BACKCARE_CATALOG": dir, "BACKCARE_DATABASE": filepath.Join(t.TempDir(), "j.db")}
			r := runT(t, env, args...)
			if r.code != 0 {
				t.Errorf("exit code = %d, want 0; stderr = %s", r.code, r.stderr)
			}
			if n := strings.Count(r.stderr, "broken.yaml"); n != 1 {
				t.Errorf("stderr names broken.yaml %d times, want once:\n%s", n, r.stderr)
			}
		})
	}
}

// TestPlainWords checks that bad flags get a message in plain words, not
// the name of a Go parser.
func TestPlainWords(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"peg pain not a number", []string{"peg", "--pain", "abc"}, `--pain takes a whole number; "abc" is not one`},
		{"peg pain too big", []string{"peg", "--pain", "99999999999999999999"}, `--pain takes a whole number`},
		{"journal -n not a number", []string{"journal", "-n", "abc"}, `--limit takes a whole number; "abc" is not one`},
		{"an empty database", []string{"--database", "", "journal"}, "--database is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runT(t, map[string]string{"HOME": t.TempDir()}, tt.args...)
			if r.code != exitBadInput || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, tt.want)
			}
			for _, bad := range []string{"strconv", "home folder"} {
				if strings.Contains(r.stderr, bad) {
					t.Errorf("stderr %q speaks of %q", r.stderr, bad)
				}
			}
		})
	}
}
