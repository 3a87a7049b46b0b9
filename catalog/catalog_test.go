package catalog_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"backcare"
	"backcare/catalog"
)

func TestBuiltinArticleRoutine(t *testing.T) {
	c := catalog.Builtin()
	r, err := c.Routine(catalog.DefaultRoutine)
	if err != nil {
		t.Fatalf("Routine(%q) error = %v", catalog.DefaultRoutine, err)
	}
	if r.Name != "Lower back relief" {
		t.Errorf("Name = %q, want %q", r.Name, "Lower back relief")
	}
	wantPoses := []string{"standing-psoas-lunge", "zombie-crawl", "countertop-hip-hinge"}
	if len(r.Entries) != len(wantPoses) {
		t.Fatalf("len(Entries) = %d, want %d", len(r.Entries), len(wantPoses))
	}
	for i, id := range wantPoses {
		e := r.Entries[i]
		if e.Pose.ID != id {
			t.Errorf("Entries[%d].Pose.ID = %q, want %q", i, e.Pose.ID, id)
		}
		// The article: one-minute holds at five out of ten.
		if e.Dose.Hold != time.Minute || !e.Dose.Timed() {
			t.Errorf("%s: Dose.Hold = %v, want 1m", id, e.Dose.Hold)
		}
		if e.Dose.Intensity != 5 {
			t.Errorf("%s: Dose.Intensity = %d, want 5", id, e.Dose.Intensity)
		}
	}
	if !r.Entries[0].Pose.Sided {
		t.Errorf("standing-psoas-lunge: Sided = false, want true (the article: repeat on the other side)")
	}
	if r.Entries[1].Pose.Sided || r.Entries[2].Pose.Sided {
		t.Errorf("zombie-crawl and the hip hinge are not sided")
	}
}

// TestBuiltinPosesComplete checks that every built-in pose carries what the
// chart and the players show.
func TestBuiltinPosesComplete(t *testing.T) {
	c := catalog.Builtin()
	for _, p := range c.Poses() {
		t.Run(p.ID, func(t *testing.T) {
			if n := len(p.Steps); n < 3 || n > 6 {
				t.Errorf("len(Steps) = %d, want 3 to 6 (the chart's range)", n)
			}
			for _, s := range p.Steps {
				if len(s) > 110 {
					t.Errorf("step %q is %d characters; keep steps short (at most 110)", s, len(s))
				}
			}
			if p.Why == "" || p.Feel == "" || p.Summary == "" {
				t.Errorf("Why, Feel and Summary must all be set")
			}
			if len(p.StopSigns) == 0 || len(p.Targets) == 0 {
				t.Errorf("StopSigns and Targets must be set")
			}
			if len(p.Easier)+len(p.Harder) == 0 {
				t.Errorf("a pose needs at least one easier or harder variant")
			}
			for _, v := range append(p.Easier, p.Harder...) {
				if _, err := c.Pose(v); err != nil {
					t.Errorf("variant %q: %v", v, err)
				}
			}
			if p.Sided && !strings.Contains(p.SideStep, "{side}") && !strings.Contains(p.SideStep, "{Side}") {
				t.Errorf("SideStep = %q, want a {side} placeholder", p.SideStep)
			}
		})
	}
	// The article's three poses each have an easier and a harder variant.
	for _, id := range []string{"standing-psoas-lunge", "zombie-crawl", "countertop-hip-hinge"} {
		p, _ := c.Pose(id)
		if len(p.Easier) == 0 || len(p.Harder) == 0 {
			t.Errorf("%s: Easier = %v, Harder = %v, want both", id, p.Easier, p.Harder)
		}
	}
}

// TestArticleFacts keeps the article's facts in the lunge, the crawl and
// the hinge: nothing it says is dropped.
func TestArticleFacts(t *testing.T) {
	c := catalog.Builtin()
	tests := []struct {
		pose  string
		facts []string // each must appear (case-insensitive) in the pose's texts
	}{
		{"standing-psoas-lunge", []string{"wall", "hip-width", "45 degrees", "deep lunge", "shoulder, hip or knee", "over your head", "toward the wall", "psoas", "side", "thigh bone", "lower back"}},
		{"zombie-crawl", []string{"front", "hip-width", "toes tucked", "in front of you", "heels", "knees lift", "elbows", "fingertips", "nose", "axial extension"}},
		{"countertop-hip-hinge", []string{"countertop", "kitchen table", "high chair", "hip-width", "bend your knees", "hinge", "neutral", "hands", "ears sit between your arms", "nose"}},
	}
	for _, tt := range tests {
		t.Run(tt.pose, func(t *testing.T) {
			p, err := c.Pose(tt.pose)
			if err != nil {
				t.Fatal(err)
			}
			all := strings.ToLower(strings.Join(append(append([]string{p.Why, p.Feel, p.Summary}, p.Steps...), p.Equipment...), " "))
			for _, f := range tt.facts {
				if !strings.Contains(all, strings.ToLower(f)) {
					t.Errorf("pose text lacks %q", f)
				}
			}
		})
	}
}

// TestProblems checks that each kind of mistake in a catalog file is found,
// placed at the right line and column, and explained with a hint.
func TestProblems(t *testing.T) {
	tests := []struct {
		name     string
		yaml     string
		where    string // file:line:col
		message  string // part of the message
		hintPart string
	}{
		{
			name:  "misspelt field",
			yaml:  "routines:\n  - id: mine\n    name: Mine\n    purpose: Test.\n    poes: [zombie-crawl]\n",
			where: "f.yaml:5:5", message: `unknown field "poes"`, hintPart: `did you mean "poses"?`,
		},
		{
			name:  "unknown pose",
			yaml:  "routines:\n  - id: mine\n    name: Mine\n    purpose: Test.\n    poses:\n      - zombie-crawll\n",
			where: "f.yaml:6:9", message: `"zombie-crawll", which is not a known pose`, hintPart: `did you mean "zombie-crawl"?`,
		},
		{
			name:  "negative hold",
			yaml:  "routines:\n  - id: mine\n    name: Mine\n    purpose: Test.\n    poses:\n      - pose: zombie-crawl\n        hold: -30s\n",
			where: "f.yaml:7:15", message: `the hold "-30s" is negative`, hintPart: "count up from zero",
		},
		{
			name:  "bad duration",
			yaml:  "routines:\n  - id: mine\n    name: Mine\n    purpose: Test.\n    prepare: soon\n    poses: [zombie-crawl]\n",
			where: "f.yaml:5:14", message: `"soon" is not a duration`, hintPart: `"60s"`,
		},
		{
			name:  "hold too long",
			yaml:  "routines:\n  - id: mine\n    name: Mine\n    purpose: Test.\n    poses:\n      - pose: zombie-crawl\n        hold: 60m\n",
			where: "f.yaml:7:15", message: `too long`, hintPart: "did you mean seconds",
		},
		{
			name:  "broken yaml",
			yaml:  "routines:\n  - id: mine\n   name: Mine\n",
			where: "f.yaml:3:", message: "the YAML is broken here", hintPart: "indentation",
		},
		{
			name:  "missing required field",
			yaml:  "routines:\n  - id: mine\n    purpose: Test.\n    poses: [zombie-crawl]\n",
			where: "f.yaml:2:5", message: `missing its "name" field`, hintPart: "name: Evening stretch",
		},
		{
			name:  "duplicate of a built-in id",
			yaml:  "routines:\n  - id: lower-back-relief\n    name: Mine\n    purpose: Test.\n    poses: [zombie-crawl]\n",
			where: "f.yaml:2:9", message: `already taken by the built-in routine "Lower back relief"`, hintPart: `"lower-back-relief-mine"`,
		},
		{
			name:  "duplicate id in one file",
			yaml:  "routines:\n  - id: a\n    name: A\n    purpose: Test.\n    poses: [zombie-crawl]\n  - id: a\n    name: B\n    purpose: Test.\n    poses: [zombie-crawl]\n",
			where: "f.yaml:6:9", message: `the routine id "a" is used twice`, hintPart: "another id",
		},
		{
			name:  "wrong type",
			yaml:  "routines:\n  - id: mine\n    name: Mine\n    purpose: Test.\n    poses:\n      - pose: zombie-crawl\n        intensity: lots\n",
			where: "f.yaml:7:20", message: `"lots" is not a whole number`, hintPart: "number",
		},
		{
			name:  "intensity out of range",
			yaml:  "routines:\n  - id: mine\n    name: Mine\n    purpose: Test.\n    poses:\n      - pose: zombie-crawl\n        intensity: 11\n",
			where: "f.yaml:7:20", message: "intensity 11 is outside 0 to 10", hintPart: "how strong it should feel",
		},
		{
			name:  "reps on a timed hold",
			yaml:  "routines:\n  - id: mine\n    name: Mine\n    purpose: Test.\n    poses:\n      - pose: zombie-crawl\n        reps: 10\n",
			where: "f.yaml:6:9", message: "is a timed hold", hintPart: "hold:",
		},
		{
			name:  "a side for a pose not done on each side",
			yaml:  "routines:\n  - id: mine\n    name: Mine\n    purpose: Test.\n    poses:\n      - pose: zombie-crawl\n        side: left\n",
			where: "f.yaml:7:15", message: `"zombie-crawl" is not done on each side, so it takes no side:`, hintPart: "remove side:",
		},
		{
			name:  "a side that is none",
			yaml:  "routines:\n  - id: mine\n    name: Mine\n    purpose: Test.\n    poses:\n      - pose: standing-psoas-lunge\n        side: up\n",
			where: "f.yaml:7:15", message: `"up" is not a side`, hintPart: "left, right or both",
		},
		{
			name:  "empty file",
			yaml:  "\n",
			where: "f.yaml:1:1", message: "the file is empty", hintPart: "poses:",
		},
		{
			name:  "pose missing stop signs",
			yaml:  "poses:\n  - id: my-pose\n    name: My pose\n    kind: stretch\n    why: Because.\n    targets: [psoas]\n    dose: {hold: 30s}\n    steps: [Stand.]\n    feel: Nice.\n",
			where: "f.yaml:2:5", message: `missing its "stop_signs" field`, hintPart: "stop_signs:",
		},
		{
			name:  "pose with unknown kind",
			yaml:  "poses:\n  - id: my-pose\n    name: My pose\n    kind: yoga\n    why: Because.\n    targets: [psoas]\n    dose: {hold: 30s}\n    steps: [Stand.]\n    feel: Nice.\n    stop_signs: [Pain]\n",
			where: "f.yaml:4:11", message: `"yoga" is not a kind of pose`, hintPart: "stretch, strength or balance",
		},
		{
			name:  "dose with neither hold nor reps",
			yaml:  "poses:\n  - id: my-pose\n    name: My pose\n    kind: stretch\n    why: Because.\n    targets: [psoas]\n    dose: {intensity: 5}\n    steps: [Stand.]\n    feel: Nice.\n    stop_signs: [Pain]\n",
			where: "f.yaml:7:11", message: "neither how long to hold nor how many reps", hintPart: "hold: 60s",
		},
		{
			name:  "unknown variant",
			yaml:  "poses:\n  - id: my-pose\n    name: My pose\n    kind: stretch\n    why: Because.\n    targets: [psoas]\n    dose: {hold: 30s}\n    steps: [Stand.]\n    feel: Nice.\n    stop_signs: [Pain]\n    easier: [sphynx]\n",
			where: "f.yaml:11:14", message: `the variant "sphynx" is not a known pose`, hintPart: `did you mean "sphinx"?`,
		},
		{
			name:  "bad id",
			yaml:  "routines:\n  - id: My Routine\n    name: Mine\n    purpose: Test.\n    poses: [zombie-crawl]\n",
			where: "f.yaml:2:9", message: "characters an id cannot have", hintPart: "lower-case",
		},
		{
			name:  "sets with a pyramid",
			yaml:  "poses:\n  - id: my-pose\n    name: My pose\n    kind: strength\n    why: Because.\n    targets: [core]\n    dose: {reps: [6, 4, 2], sets: 3}\n    steps: [Lie down.]\n    feel: Work.\n    stop_signs: [Pain]\n",
			where: "f.yaml:7:35", message: "sets: and a list of reps cannot go together", hintPart: "remove sets:",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := catalog.Builtin()
			c := base.Clone()
			err := c.AddFiles(map[string][]byte{"f.yaml": []byte(tt.yaml)})
			if err == nil {
				t.Fatalf("AddFiles() error = nil, want a problem")
			}
			if code := backcare.ErrorCode(err); code != backcare.EINVALID {
				t.Errorf("ErrorCode = %q, want %q", code, backcare.EINVALID)
			}
			var ps catalog.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error is %T, want catalog.Problems", err)
			}
			p := ps[0]
			if !strings.HasPrefix(p.Where, tt.where) {
				t.Errorf("Where = %q, want %q", p.Where, tt.where)
			}
			if !strings.Contains(p.Message, tt.message) {
				t.Errorf("Message = %q, want it to contain %q", p.Message, tt.message)
			}
			if !strings.Contains(p.Hint, tt.hintPart) {
				t.Errorf("Hint = %q, want it to contain %q", p.Hint, tt.hintPart)
			}
			if len(c.Routines()) != len(base.Routines()) || len(c.Poses()) != len(base.Poses()) {
				t.Errorf("a file with a problem added something")
			}
		})
	}
}

// TestEntrySide reads a routine entry's side: left or right plays a pose
// done on each side on that side only; both, or no side, plays both.
func TestEntrySide(t *testing.T) {
	tests := []struct {
		name, line string
		want       backcare.Side
	}{
		{"no side", "", backcare.NoSide},
		{"left", "        side: left\n", backcare.Left},
		{"right", "        side: right\n", backcare.Right},
		{"both", "        side: both\n", backcare.NoSide},
		{"written with a capital", "        side: Left\n", backcare.Left},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := catalog.Builtin().Clone()
			yaml := "routines:\n  - id: mine\n    name: Mine\n    purpose: Test.\n    poses:\n      - pose: standing-psoas-lunge\n" + tt.line + "      - zombie-crawl\n"
			if err := c.AddFiles(map[string][]byte{"f.yaml": []byte(yaml)}); err != nil {
				t.Fatal(err)
			}
			r, err := c.Routine("mine")
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Entries[0].Side; got != tt.want {
				t.Errorf("Entries[0].Side = %q, want %q", got, tt.want)
			}
			if got := r.Entries[1].Side; got != backcare.NoSide {
				t.Errorf("Entries[1].Side = %q, want none", got)
			}
		})
	}
}

func TestUserFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("poses.yaml", `poses:
  - id: cat-cow
    name: Cat Cow
    kind: stretch
    why: It moves the spine gently through bending and arching.
    targets: [erector spinae]
    dose: {hold: 45s, intensity: 4}
    steps: [Kneel on all fours., Arch and round slowly., Breathe with the movement.]
    feel: An easy loosening along the back.
    stop_signs: [Sharp pain]
`)
	write("evening.yml", `routines:
  - id: evening
    name: Evening
    purpose: A calm end to the day.
    prepare: 10s
    poses:
      - cat-cow
      - pose: zombie-crawl
        hold: 45
`)
	write("notes.txt", "not yaml, ignored")
	c, err := catalog.Load(dir)
	if err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	r, err := c.Routine("evening")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Entries[1].Dose.Hold; got != 45*time.Second {
		t.Errorf("zombie-crawl hold = %v, want 45s", got)
	}
	if got := r.Prepare; got != 10*time.Second {
		t.Errorf("Prepare = %v, want 10s", got)
	}
	if got := c.RoutineOrigin("evening"); got != filepath.Join(dir, "evening.yml") {
		t.Errorf("RoutineOrigin = %q", got)
	}
	if got := c.PoseOrigin("zombie-crawl"); got != "built-in" {
		t.Errorf("PoseOrigin(zombie-crawl) = %q, want built-in", got)
	}
	// The built-in catalog itself is untouched.
	b := catalog.Builtin()
	if _, err := b.Routine("evening"); err == nil {
		t.Errorf("Builtin() gained the user's routine")
	}

	// A missing folder adds nothing and is no error.
	if _, err := catalog.Load(filepath.Join(dir, "missing")); err != nil {
		t.Errorf("Load(missing) error = %v, want nil", err)
	}
	// A broken file is skipped, and named with its place.
	write("broken.yaml", "routines:\n  - id: x\n    nme: X\n")
	_, err = catalog.Load(dir)
	if err == nil || !strings.Contains(err.Error(), "broken.yaml:3:5") {
		t.Errorf("Load() error = %v, want one naming broken.yaml:3:5", err)
	}
}

func TestNotFoundHints(t *testing.T) {
	c := catalog.Builtin()
	_, err := c.Routine("lower-back-releif")
	if backcare.ErrorCode(err) != backcare.ENOTFOUND {
		t.Fatalf("ErrorCode = %q, want not_found", backcare.ErrorCode(err))
	}
	if !strings.Contains(err.Error(), `did you mean "lower-back-relief"?`) {
		t.Errorf("error = %q, want a did-you-mean hint", err)
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"60s", time.Minute, true},
		{"1m30s", 90 * time.Second, true},
		{"45", 45 * time.Second, true},
		{" 30s ", 30 * time.Second, true},
		{"soon", 0, false},
		{"1e300", math.MaxInt64, true}, // as long as can be, not wrapped round
		{"9223372037", math.MaxInt64, true},
		{"99999999999999999999", math.MaxInt64, true},
		{"-1e300", math.MinInt64, true},
		{"NaN", 0, false},
		{"", 0, false},
		{"30", 30 * time.Second, true},
		{"30s", 30 * time.Second, true},
		{"45 sec", 45 * time.Second, true},
		{"45 secs", 45 * time.Second, true},
		{"45 seconds", 45 * time.Second, true},
		{"1:30", 90 * time.Second, true},
		{"0:45", 45 * time.Second, true},
		{"10:00", 10 * time.Minute, true},
		{"1 min 30", 90 * time.Second, true},
		{"1 Min 30 sec", 90 * time.Second, true},
		{"1 minute and 30 seconds", 90 * time.Second, true},
		{"1m 30s", 90 * time.Second, true},
		{"2 minutes", 2 * time.Minute, true},
		{"1.5 min", 90 * time.Second, true},
		{"1:75", 0, false},
		{"1:30:00", 0, false},
		{"half a minute", 0, false},
		{"30 sex", 0, false},
		{"min 30", 0, false},
	}
	for _, tt := range tests {
		got, err := catalog.ParseDuration(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// FuzzLoad feeds arbitrary bytes to the loader: it must never panic, and a
// failed load must add nothing.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("routines:\n  - id: a\n    name: A\n    purpose: P\n    poses: [zombie-crawl]\n"))
	f.Add([]byte("poses:\n  - id: p\n    dose: {reps: [6, 4, 2], hold: 10s}\n"))
	f.Add([]byte("poses: [1, 2, {id: x}]\nroutines: {}\n"))
	f.Add([]byte("routines:\n  - &a {id: x}\n  - *a\n"))
	f.Add([]byte("%YAML 1.2\n---\n[[[["))
	f.Add([]byte("routines: ! \n")) // go-yaml v1.19.2 panics on it
	base := catalog.Builtin()
	f.Fuzz(func(t *testing.T, data []byte) {
		c := base.Clone()
		if err := c.AddFiles(map[string][]byte{"fuzz.yaml": data}); err != nil {
			if backcare.ErrorCode(err) != backcare.EINVALID {
				t.Errorf("ErrorCode = %q, want invalid", backcare.ErrorCode(err))
			}
			if len(c.Poses()) != len(base.Poses()) || len(c.Routines()) != len(base.Routines()) {
				t.Errorf("a failed load added something")
			}
		}
	})
}

// TestCatalogClaims keeps each pose's claims within what is known: one
// row for each claim that was once stronger than the evidence, or a dose
// that did not fit, with what must and must not be said now.
func TestCatalogClaims(t *testing.T) {
	c := catalog.Builtin()
	tests := []struct {
		name, pose string
		says       []string // each must appear in the pose's texts
		never      []string // none may appear
	}{
		{"the zombie crawl may ease, not eases the squeeze on the discs", "zombie-crawl",
			[]string{"may ease", "L4, L5 and S1"}, []string{"eases the squeeze", "squeeze on the joints"}},
		{"a tight psoas does not tug on the lower back", "standing-psoas-lunge",
			[]string{"many people"}, []string{"tugs on", "tug on"}},
		{"lats do not press on the lower back", "countertop-hip-hinge",
			[]string{"many people"}, []string{"press on", "pull on"}},
		{"lats and quadratus lumborum do not pull on the lower back", "childs-pose-side-reach",
			[]string{"many people"}, []string{"pull on", "press on"}},
		{"an everyday brace is gentle", "abdominal-brace",
			[]string{"a tenth to a quarter of your strongest effort"}, []string{"a third of your strongest"}},
		{"the sphinx is a back bend, with its caution", "sphinx",
			[]string{"bends the lower spine gently backward", "If bending backward brings on pain, especially down a leg, skip this pose"}, nil},
		{"the zombie crawl's harder variant lengthens further", "zombie-crawl-diagonal-reach",
			[]string{"same gentle lengthening", "don't lift your chest or arch your lower back"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Pose(tt.pose)
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(append(append(append([]string{p.Why, p.Feel, p.Summary}, p.Steps...), p.Cautions...), p.StopSigns...), " ")
			for _, s := range tt.says {
				if !strings.Contains(all, s) {
					t.Errorf("%s lacks %q", tt.pose, s)
				}
			}
			for _, s := range tt.never {
				if strings.Contains(all, s) {
					t.Errorf("%s says %q", tt.pose, s)
				}
			}
		})
	}

	// The zombie crawl's harder variant progresses its lengthening: a
	// stretch that leads back to it, never the sphinx's back bend.
	crawl, _ := c.Pose("zombie-crawl")
	for _, id := range crawl.Harder {
		if id == "sphinx" {
			t.Errorf("zombie-crawl: Harder = %v; a back bend is a different load, not a step up", crawl.Harder)
		}
		h, err := c.Pose(id)
		if err != nil {
			t.Fatal(err)
		}
		if h.Kind != backcare.Stretch || !slices.Contains(h.Easier, "zombie-crawl") || h.Figure.Angles["lumbar"] < 0 {
			t.Errorf("%s: Kind %s, Easier %v, lumbar %v; want a lengthening stretch that leads back to the zombie crawl", id, h.Kind, h.Easier, h.Figure.Angles["lumbar"])
		}
	}

	// Every pose that visibly bends the lower back backward carries the
	// caution for backs that hurt when bending backward (stenosis, facet
	// joints).
	for _, p := range c.Poses() {
		if p.Figure.Angles["lumbar"] > -15 || p.Kind != backcare.Stretch {
			continue
		}
		if !slices.ContainsFunc(p.Cautions, func(s string) bool { return strings.Contains(s, "brings on pain, especially down a leg") }) {
			t.Errorf("%s bends the lower back backward (lumbar %v°) but has no caution for backs that dislike it: %q", p.ID, p.Figure.Angles["lumbar"], p.Cautions)
		}
	}

	// The dead bug is a moving drill: counted lowerings in sets, no hold.
	bug, _ := c.Pose("dead-bug")
	if bug.Dose.Hold != 0 || bug.Dose.Timed() || len(bug.Dose.Reps) != 3 || strings.Contains(bug.Dose.String(), "hold") {
		t.Errorf("dead-bug: Dose = %+v (%q), want sets of slow lowerings and no hold", bug.Dose, bug.Dose.String())
	}
	if rt := bug.Dose.Rep * time.Duration(bug.Dose.Reps[0]); rt < 30*time.Second || rt > time.Minute {
		t.Errorf("dead-bug: a set takes %v, want 30 to 60 seconds (CLINICAL.md)", rt)
	}
}
