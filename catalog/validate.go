package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"

	"backcare"
)

// Limits that keep a routine sane. A hold longer than ten minutes or a
// prepare time longer than five is almost certainly a typo ("60m").
const (
	maxHold     = 10 * time.Minute
	maxRest     = 10 * time.Minute
	maxPrepare  = 5 * time.Minute
	maxSets     = 10
	maxReps     = 100
	maxSteps    = 8
	maxNameRune = 60

	defaultPrepare   = 15 * time.Second
	defaultSwitch    = 15 * time.Second
	defaultIntensity = 5
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var knownKinds = []string{string(backcare.Stretch), string(backcare.Strength), string(backcare.Balance)}

// fieldNames lists every field of the format, for "did you mean" hints.
var fieldNames = []string{
	"poses", "routines", "id", "name", "kind", "summary", "why", "targets", "equipment",
	"sided", "side_step", "dose", "steps", "feel", "cautions", "stop_signs", "easier", "harder",
	"figure", "hold", "sets", "reps", "rep", "rest", "intensity", "view", "angles", "props",
	"rests", "reach", "highlight", "purpose", "prepare", "switch", "transition", "pose",
}

// parsed is one decoded file, converted to domain values.
type parsed struct {
	name     string
	doc      fileDoc
	poses    []*backcare.Pose
	routines []*backcare.Routine
}

// parseFile decodes one file strictly. Syntax and type problems come back as
// a *backcare.Error naming the file, line and column.
func parseFile(name string, data []byte) (*parsed, *backcare.Error) {
	p := &parsed{name: name}
	// A byte-order mark is allowed at the start of a YAML stream, and some
	// editors on Windows write one; go-yaml takes it for part of the key.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, invalid(name, pos{1, 1}, "the file is empty",
			"a catalog file has a poses: list, a routines: list or both; see docs/catalog.md")
	}
	crashed, err := unmarshal(name, data, &p.doc)
	if crashed != nil {
		return nil, crashed
	}
	if err != nil {
		return nil, tabProblem(name, data, decodeProblem(name, err))
	}
	if len(p.doc.Poses) == 0 && len(p.doc.Routines) == 0 {
		return nil, invalid(name, pos{1, 1}, "the file has no poses and no routines",
			"start the file with \"poses:\" or \"routines:\"; see docs/catalog.md")
	}
	return p, nil
}

// unmarshal decodes data strictly into doc. go-yaml v1.19.2 (the newest
// release served here) panics on some inputs, such as "routines: !" (an
// empty tag where a list is due); a panic is that file's problem, not the
// end of the program, and comes back as crashed.
func unmarshal(name string, data []byte, doc *fileDoc) (crashed *backcare.Error, err error) {
	defer func() {
		if r := recover(); r != nil {
			crashed = invalid(name, pos{}, "the YAML parser could not read this file (it failed inside)",
				"look for a stray \"!\" or other odd character, and check the file against docs/catalog.md")
		}
	}()
	return nil, yaml.UnmarshalWithOptions(data, doc, yaml.Strict())
}

// tabProblem replaces go-yaml's message for a tab where YAML wants spaces
// ("found character that cannot start any token") with a plain one.
func tabProblem(name string, data []byte, e *backcare.Error) *backcare.Error {
	if !strings.Contains(e.Message, "cannot start any token") {
		return e
	}
	line, col := 0, 0
	if _, err := fmt.Sscanf(strings.TrimPrefix(e.Where, name+":"), "%d:%d", &line, &col); err != nil {
		return e
	}
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) || col < 1 || col > len(lines[line-1]) || lines[line-1][col-1] != '\t' {
		return e
	}
	return invalid(name, pos{line, col}, "a tab is used for indenting here; YAML indents with spaces only",
		"replace the tab with spaces (two per level, lined up with the lines above)")
}

func invalid(file string, at pos, msg, hint string) *backcare.Error {
	e := &backcare.Error{Code: backcare.EINVALID, Message: msg, Hint: hint, Where: file}
	if at.Line > 0 {
		e.Where = fmt.Sprintf("%s:%d:%d", file, at.Line, at.Col)
	}
	return e
}

// decodeProblem turns a go-yaml error into a plain message with a hint.
func decodeProblem(file string, err error) *backcare.Error {
	var tp *typeProblem
	if errors.As(err, &tp) {
		return invalid(file, tp.at, tp.msg, tp.hint)
	}
	var ye yaml.Error
	if !errors.As(err, &ye) || ye.GetToken() == nil {
		return invalid(file, pos{}, "the file is not valid YAML: "+firstLine(err.Error()),
			"check the indentation and that every list item starts with \"- \"")
	}
	tk := ye.GetToken().Position
	at := pos{tk.Line, tk.Column}
	msg := ye.GetMessage()
	var (
		te *yaml.TypeError
		ue *yaml.UnknownFieldError
		de *yaml.DuplicateKeyError
	)
	switch {
	case errors.As(err, &ue):
		field := strings.Trim(strings.TrimPrefix(msg, "unknown field "), `"`)
		hint := "remove it, or check the spelling against docs/catalog.md"
		if near := backcare.Closest(field, fieldNames); near != "" {
			hint = fmt.Sprintf("did you mean %q?", near)
		}
		return invalid(file, at, fmt.Sprintf("unknown field %q", field), hint)
	case errors.As(err, &te):
		return invalid(file, at, "expected "+describeType(te.DstType)+" here",
			"see docs/catalog.md for what each field takes")
	case errors.As(err, &de) || strings.Contains(msg, "already defined"):
		return invalid(file, at, "this key appears twice in the same mapping: "+msg,
			"keep one of them")
	}
	return invalid(file, at, "the YAML is broken here: "+msg,
		"check the indentation: keys of one mapping line up, and list items start with \"- \"")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func describeType(t reflect.Type) string {
	if t == nil {
		return "another kind of value"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a list"
	case reflect.Map, reflect.Struct, reflect.Pointer:
		return "a mapping (key: value lines)"
	case reflect.String:
		return "text"
	}
	return "a " + t.Kind().String()
}

// newPose is a pose being added, with where it was defined.
type newPose struct {
	file string
	doc  *poseDoc
	pose *backcare.Pose
}

// validator checks a batch of files against a catalog and collects every
// problem rather than stopping at the first.
type validator struct {
	cat         *Catalog
	newPoses    map[string]*newPose
	newRoutines map[string]bool
	problems    Problems
	byFile      map[string]Problems // the same problems, by file
}

func newValidator(c *Catalog) *validator {
	return &validator{cat: c, newPoses: map[string]*newPose{}, newRoutines: map[string]bool{}, byFile: map[string]Problems{}}
}

// check runs every check over docs, checked together.
func (v *validator) check(docs []*parsed) {
	for _, d := range docs {
		v.collectPoses(d)
	}
	for _, d := range docs {
		v.checkPoses(d)
		v.checkRoutines(d)
	}
}

func (v *validator) bad(file string, at pos, hint, format string, args ...any) {
	e := invalid(file, at, fmt.Sprintf(format, args...), hint)
	v.problems = append(v.problems, e)
	v.byFile[file] = append(v.byFile[file], e)
}

// required reports a missing field at the start of its mapping.
func (v *validator) required(file string, at pos, field, what, example string) {
	v.bad(file, at, "add a line like:  "+example, "the %s is missing its %q field", what, field)
}

// text checks a required text field.
func (v *validator) text(file string, s str, parent pos, field, what, example string) string {
	if !s.Set || strings.TrimSpace(s.V) == "" {
		v.required(file, parent, field, what, example)
		return ""
	}
	return strings.TrimSpace(s.V)
}

func (v *validator) collectPoses(d *parsed) {
	for _, pd := range d.doc.Poses {
		if pd == nil {
			v.bad(d.name, pos{}, "remove the empty \"-\" line", "a pose in the list is empty")
			continue
		}
		p := v.pose(d.name, pd)
		if p == nil {
			continue
		}
		if prev, ok := v.newPoses[p.ID]; ok {
			v.bad(d.name, pd.ID.At, "give one of them another id",
				"the pose id %q is used twice (first at %s:%d)", p.ID, prev.file, prev.doc.ID.At.Line)
			continue
		}
		if _, ok := v.cat.poses[p.ID]; ok {
			v.bad(d.name, pd.ID.At, fmt.Sprintf("choose an id of your own, such as %q", p.ID+"-mine"),
				"the pose id %q is already taken by the %s pose %q", p.ID, v.cat.poseFrom[p.ID], v.cat.poses[p.ID].Name)
			continue
		}
		v.newPoses[p.ID] = &newPose{file: d.name, doc: pd, pose: p}
		d.poses = append(d.poses, p)
	}
}

// pose converts one pose, reporting every problem; nil if the id is unusable.
func (v *validator) pose(file string, pd *poseDoc) *backcare.Pose {
	id := v.text(file, pd.ID, pd.At, "id", "pose", "id: my-stretch")
	if id != "" && !idPattern.MatchString(id) {
		v.bad(file, pd.ID.At, "use lower-case letters, digits and dashes, such as \"cat-cow\"",
			"the pose id %q has characters an id cannot have", id)
		id = ""
	}
	p := &backcare.Pose{
		ID:        id,
		Name:      v.text(file, pd.Name, pd.At, "name", "pose", "name: Cat Cow"),
		Summary:   strings.TrimSpace(pd.Summary.V),
		Why:       v.text(file, pd.Why, pd.At, "why", "pose", "why: It loosens the muscles beside the spine."),
		Feel:      v.text(file, pd.Feel, pd.At, "feel", "pose", "feel: A gentle stretch along your back."),
		Targets:   pd.Targets.values(),
		Equipment: pd.Equipment.values(),
		Sided:     pd.Sided,
		SideStep:  strings.TrimSpace(pd.SideStep.V),
		Steps:     pd.Steps.values(),
		Cautions:  pd.Cautions.values(),
		StopSigns: pd.StopSigns.values(),
		Easier:    pd.Easier.values(),
		Harder:    pd.Harder.values(),
	}
	if n := len([]rune(p.Name)); n > maxNameRune {
		v.bad(file, pd.Name.At, "shorten it; the summary: field can say more", "the name is %d characters long; at most %d fit on the chart", n, maxNameRune)
	}
	kind := v.text(file, pd.Kind, pd.At, "kind", "pose", "kind: stretch")
	if kind != "" && !slices.Contains(knownKinds, kind) {
		v.bad(file, pd.Kind.At, "use stretch, strength or balance", "%q is not a kind of pose", kind)
	}
	p.Kind = backcare.Kind(kind)
	if len(p.Targets) == 0 {
		v.required(file, pd.At, "targets", "pose", "targets: [psoas]")
	}
	if len(p.Steps) == 0 {
		v.required(file, pd.At, "steps", "pose", "steps: [\"Stand tall beside a wall.\"]")
	} else if len(p.Steps) > maxSteps {
		v.bad(file, pd.Steps.At, "keep the steps short: merge some, or move detail into cautions", "there are %d steps; at most %d fit", len(p.Steps), maxSteps)
	}
	v.emptyItems(file, "steps", pd.Steps)
	if len(p.StopSigns) == 0 {
		v.required(file, pd.At, "stop_signs", "pose", "stop_signs: [\"Sharp or shooting pain\"]")
	}
	v.emptyItems(file, "stop_signs", pd.StopSigns)
	v.emptyItems(file, "cautions", pd.Cautions)
	if pd.SideStep.Set && !pd.Sided {
		v.bad(file, pd.SideStep.At, "add \"sided: true\", or remove side_step", "side_step is only for poses done on each side")
	}
	if pd.Dose == nil {
		v.required(file, pd.At, "dose", "pose", "dose: {hold: 60s, intensity: 5}")
	} else {
		p.Dose = v.dose(file, &pd.Dose.doseFields, pd.Dose.At)
	}
	if pd.Figure != nil {
		p.Figure = v.figure(file, pd.Figure)
	}
	if id == "" {
		return nil
	}
	return p
}

func (v *validator) emptyItems(file, field string, l strs) {
	for _, s := range l.V {
		if strings.TrimSpace(s.V) == "" {
			v.bad(file, s.At, "write the item, or remove its line", "an item of %s is empty", field)
		}
	}
}

// dose checks a dose: a timed hold, or sets of reps.
func (v *validator) dose(file string, d *doseFields, at pos) backcare.Dose {
	out := backcare.Dose{Intensity: defaultIntensity}
	if d.Intensity.Set {
		out.Intensity = v.intensity(file, d.Intensity)
	}
	if !d.Reps.Set {
		if d.Sets.Set {
			v.bad(file, d.Sets.At, "add reps: (how many in each set), or use hold: for a timed hold", "sets: needs reps: beside it")
		}
		if d.Rep.Set || d.Rest.Set {
			v.bad(file, at, "rep: and rest: only go with reps:; remove them for a timed hold", "rep: or rest: without reps:")
		}
		if !d.Hold.Set {
			v.bad(file, at, "add hold: 60s for a timed hold, or reps: 10 and sets: 2", "the dose says neither how long to hold nor how many reps")
			return out
		}
		out.Hold = v.duration(file, d.Hold, time.Second, maxHold, "hold")
		return out
	}
	out.Reps = v.reps(file, d.Reps, d.Sets)
	if d.Hold.Set {
		out.Hold = v.duration(file, d.Hold, 0, time.Minute, "hold in each rep")
	}
	if d.Rep.Set {
		out.Rep = v.duration(file, d.Rep, time.Second, time.Minute, "rep")
		if out.Rep < out.Hold {
			v.bad(file, d.Rep.At, "make rep: at least as long as hold:", "one rep (%s) is shorter than the hold inside it (%s)", out.Rep, out.Hold)
		}
	}
	if d.Rest.Set {
		out.Rest = v.duration(file, d.Rest, 0, maxRest, "rest")
	}
	return out
}

func (v *validator) reps(file string, r repsList, sets num) []int {
	if r.Single {
		n := 1
		if sets.Set {
			n = sets.V
			if n < 1 || n > maxSets {
				v.bad(file, sets.At, fmt.Sprintf("use 1 to %d sets", maxSets), "%d sets is out of range", n)
				return nil
			}
		}
		reps := v.repCount(file, r.V[0])
		out := make([]int, n)
		for i := range out {
			out[i] = reps
		}
		return out
	}
	if sets.Set {
		v.bad(file, sets.At, "remove sets:; the list of reps already has one number per set", "sets: and a list of reps cannot go together")
	}
	if len(r.V) == 0 || len(r.V) > maxSets {
		v.bad(file, r.At, fmt.Sprintf("give 1 to %d numbers, one per set, such as [6, 4, 2]", maxSets), "the list of reps has %d sets", len(r.V))
		return nil
	}
	out := make([]int, len(r.V))
	for i, x := range r.V {
		out[i] = v.repCount(file, x)
	}
	return out
}

func (v *validator) repCount(file string, x num) int {
	if x.V < 1 || x.V > maxReps {
		v.bad(file, x.At, fmt.Sprintf("use 1 to %d", maxReps), "%d reps is out of range", x.V)
		return 1
	}
	return x.V
}

func (v *validator) intensity(file string, x num) int {
	if x.V < 0 || x.V > 10 {
		v.bad(file, x.At, "intensity is how strong it should feel, from 0 (nothing) to 10 (as strong as possible); the article uses 5",
			"intensity %d is outside 0 to 10", x.V)
		return defaultIntensity
	}
	return x.V
}

// duration checks that d lies in [lo, hi].
func (v *validator) duration(file string, d dur, lo, hi time.Duration, what string) time.Duration {
	switch {
	case d.V < 0:
		v.bad(file, d.At, "durations count up from zero; write for example 60s", "the %s %q is negative", what, d.Raw)
	case d.V < lo:
		v.bad(file, d.At, "use at least "+backcare.HumanDuration(lo), "the %s %q is too short", what, d.Raw)
	case d.V > hi:
		v.bad(file, d.At, "use at most "+backcare.HumanDuration(hi)+" (did you mean seconds, like 60s?)", "the %s %q is too long", what, d.Raw)
	default:
		return d.V
	}
	return lo
}

func (v *validator) figure(file string, f *figureDoc) backcare.Figure {
	fig := backcare.Figure{
		View:      strings.TrimSpace(f.View.V),
		Props:     f.Props.values(),
		Reach:     f.Reach.values(),
		Highlight: f.Highlight.values(),
		Shows:     f.Shows.values(),
		Hidden:    f.Hidden.values(),
		Paths:     f.Paths.values(),
		Eyes:      strings.TrimSpace(f.Eyes.V),
		Works:     strings.TrimSpace(f.Works.V),
	}
	// where maps a field of the figure, as the figure check names it
	// ("angles.near.knee", "props.1"), to its place in the file.
	where := map[string]pos{"": f.At, "view": f.View.At, "angles": f.Angles.At, "rests": f.Rests.At,
		"props": f.Props.At, "reach": f.Reach.At, "highlight": f.Highlight.At, "shows": f.Shows.At, "hidden": f.Hidden.At, "paths": f.Paths.At, "eyes": f.Eyes.At, "works": f.Works.At}
	if len(f.Angles.V) > 0 {
		fig.Angles = make(map[string]float64, len(f.Angles.V))
	}
	for _, kv := range f.Angles.V {
		where["angles."+kv.Key.V] = kv.Key.At
		a, err := strconv.ParseFloat(strings.TrimSpace(kv.Val.V), 64)
		if err != nil || math.IsNaN(a) || math.IsInf(a, 0) {
			v.bad(file, kv.Val.At, "write the angle in degrees, such as 90 or -15", "the angle of %s, %q, is not a number", kv.Key.V, kv.Val.V)
			continue
		}
		fig.Angles[kv.Key.V] = a
	}
	if len(f.Moves.V) > 0 {
		fig.Moves = make(map[string]float64, len(f.Moves.V))
		where["moves"] = f.Moves.At
	}
	for _, kv := range f.Moves.V {
		where["moves."+kv.Key.V] = kv.Key.At
		a, err := strconv.ParseFloat(strings.TrimSpace(kv.Val.V), 64)
		if err != nil || math.IsNaN(a) || math.IsInf(a, 0) {
			v.bad(file, kv.Val.At, "write the angle in degrees, such as 90 or -15", "the angle of %s at the end of the movement, %q, is not a number", kv.Key.V, kv.Val.V)
			continue
		}
		fig.Moves[kv.Key.V] = a
	}
	if len(f.Rests.V) > 0 {
		fig.Rests = make(map[string]string, len(f.Rests.V))
	}
	for _, kv := range f.Rests.V {
		where["rests."+kv.Key.V] = kv.Key.At
		fig.Rests[kv.Key.V] = strings.TrimSpace(kv.Val.V)
	}
	for field, list := range map[string]strs{"props": f.Props, "reach": f.Reach, "highlight": f.Highlight, "shows": f.Shows, "hidden": f.Hidden, "paths": f.Paths} {
		for i, s := range list.V {
			where[fmt.Sprintf("%s.%d", field, i)] = s.At
		}
	}
	if v.cat.check == nil {
		return fig
	}
	for _, e := range figureProblems(v.cat.check(fig)) {
		at, ok := where[e.Where]
		if !ok || at.Line == 0 {
			field, _, _ := strings.Cut(e.Where, ".")
			if at, ok = where[field]; !ok || at.Line == 0 {
				at = f.At
			}
		}
		hint := e.Hint
		if hint == "" {
			hint = "docs/figures.md describes the figure: joints, angles, props and rests"
		}
		v.bad(file, at, hint, "the figure: %s", e.Message)
	}
	return fig
}

// figureProblems flattens the error of a figure check into its problems;
// an error that is not a *backcare.Error becomes one about the figure.
func figureProblems(err error) []*backcare.Error {
	if err == nil {
		return nil
	}
	if many, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*backcare.Error
		for _, e := range many.Unwrap() {
			out = append(out, figureProblems(e)...)
		}
		return out
	}
	var be *backcare.Error
	if errors.As(err, &be) {
		return []*backcare.Error{be}
	}
	return []*backcare.Error{{Code: backcare.EINVALID, Message: err.Error()}}
}

// checkPoses checks the references between poses once all are known.
func (v *validator) checkPoses(d *parsed) {
	for _, pd := range d.doc.Poses {
		if pd == nil {
			continue
		}
		for _, list := range []strs{pd.Easier, pd.Harder} {
			for _, ref := range list.V {
				switch {
				case ref.V == pd.ID.V:
					v.bad(d.name, ref.At, "list other poses here", "a pose cannot be its own variant")
				case !v.poseExists(ref.V):
					v.bad(d.name, ref.At, v.poseHint(ref.V), "the variant %q is not a known pose", ref.V)
				}
			}
		}
	}
}

func (v *validator) poseExists(id string) bool {
	if _, ok := v.cat.poses[id]; ok {
		return true
	}
	_, ok := v.newPoses[id]
	return ok
}

func (v *validator) lookupPose(id string) *backcare.Pose {
	if p, ok := v.cat.poses[id]; ok {
		return p
	}
	if p, ok := v.newPoses[id]; ok {
		return p.pose
	}
	return nil
}

func (v *validator) poseHint(id string) string {
	known := append([]string(nil), v.cat.poseIDs...)
	for k := range v.newPoses {
		known = append(known, k)
	}
	if near := backcare.Closest(id, known); near != "" {
		return fmt.Sprintf("did you mean %q? `backcare poses` lists every pose", near)
	}
	return "`backcare poses` lists every pose; a pose of your own must be defined under poses:"
}

func (v *validator) checkRoutines(d *parsed) {
	for _, rd := range d.doc.Routines {
		if rd == nil {
			v.bad(d.name, pos{}, "remove the empty \"-\" line", "a routine in the list is empty")
			continue
		}
		r := v.routine(d.name, rd)
		if r == nil {
			continue
		}
		if v.newRoutines[r.ID] {
			v.bad(d.name, rd.ID.At, "give one of them another id", "the routine id %q is used twice", r.ID)
			continue
		}
		if old, ok := v.cat.routines[r.ID]; ok {
			v.bad(d.name, rd.ID.At, fmt.Sprintf("choose an id of your own, such as %q", r.ID+"-mine"),
				"the routine id %q is already taken by the %s routine %q", r.ID, v.cat.routFrom[r.ID], old.Name)
			continue
		}
		v.newRoutines[r.ID] = true
		d.routines = append(d.routines, r)
	}
}

func (v *validator) routine(file string, rd *routineDoc) *backcare.Routine {
	id := v.text(file, rd.ID, rd.At, "id", "routine", "id: my-evening-stretch")
	if id != "" && !idPattern.MatchString(id) {
		v.bad(file, rd.ID.At, "use lower-case letters, digits and dashes, such as \"evening-stretch\"",
			"the routine id %q has characters an id cannot have", id)
		id = ""
	}
	r := &backcare.Routine{
		ID:      id,
		Name:    v.text(file, rd.Name, rd.At, "name", "routine", "name: Evening stretch"),
		Purpose: v.text(file, rd.Purpose, rd.At, "purpose", "routine", "purpose: A gentle wind-down after a day at the desk."),
		Prepare: defaultPrepare,
		Switch:  defaultSwitch,
	}
	if rd.Prepare.Set {
		r.Prepare = v.duration(file, rd.Prepare, 0, maxPrepare, "prepare time")
	}
	if rd.Switch.Set {
		r.Switch = v.duration(file, rd.Switch, 0, maxPrepare, "switch time")
	}
	if rd.Transition.Set {
		r.Transition = v.duration(file, rd.Transition, 0, maxPrepare, "transition time")
	}
	if len(rd.Poses) == 0 {
		v.required(file, rd.At, "poses", "routine", "poses: [zombie-crawl]")
	}
	for _, ed := range rd.Poses {
		if ed == nil {
			v.bad(file, rd.At, "remove the empty \"-\" line", "a pose in the routine's list is empty")
			continue
		}
		if e, ok := v.entry(file, ed); ok {
			r.Entries = append(r.Entries, e)
		}
	}
	if id == "" {
		return nil
	}
	return r
}

func (v *validator) entry(file string, ed *entryDoc) (backcare.Entry, bool) {
	if !ed.Pose.Set || ed.Pose.V == "" {
		v.required(file, ed.At, "pose", "routine entry", "- pose: zombie-crawl")
		return backcare.Entry{}, false
	}
	p := v.lookupPose(ed.Pose.V)
	if p == nil {
		v.bad(file, ed.Pose.At, v.poseHint(ed.Pose.V), "the routine names %q, which is not a known pose", ed.Pose.V)
		return backcare.Entry{}, false
	}
	dose := p.Dose
	dose.Reps = append([]int(nil), p.Dose.Reps...)
	side := v.side(file, ed, p)
	if ed.Intensity.Set {
		dose.Intensity = v.intensity(file, ed.Intensity)
	}
	if p.Dose.Timed() {
		if ed.Reps.Set || ed.Sets.Set || ed.Rest.Set {
			v.bad(file, ed.At, "use hold: to change how long it is held", "%q is a timed hold, so it takes no reps:, sets: or rest:", p.ID)
		}
		if ed.Hold.Set {
			dose.Hold = v.duration(file, ed.Hold, time.Second, maxHold, "hold")
		}
		return backcare.Entry{Pose: *p, Dose: dose, Side: side}, true
	}
	if ed.Reps.Set || ed.Sets.Set {
		reps := ed.Reps
		if !reps.Set {
			// Only sets changed: keep the pose's reps per set.
			reps = repsList{V: []num{{V: p.Dose.Reps[0], Set: true}}, Single: true, Set: true, At: ed.Sets.At}
		}
		dose.Reps = v.reps(file, reps, ed.Sets)
	}
	if ed.Hold.Set {
		dose.Hold = v.duration(file, ed.Hold, 0, time.Minute, "hold in each rep")
	}
	if ed.Rest.Set {
		dose.Rest = v.duration(file, ed.Rest, 0, maxRest, "rest")
	}
	return backcare.Entry{Pose: *p, Dose: dose, Side: side}, true
}

// side checks an entry's side: left or right, for a pose done on each
// side, plays that side only; both (or none) plays both.
func (v *validator) side(file string, ed *entryDoc, p *backcare.Pose) backcare.Side {
	if !ed.Side.Set {
		return backcare.NoSide
	}
	s := backcare.Side(strings.ToLower(strings.TrimSpace(ed.Side.V)))
	switch {
	case !p.Sided:
		v.bad(file, ed.Side.At, "remove side:", "%q is not done on each side, so it takes no side:", p.ID)
	case s == backcare.Left || s == backcare.Right:
		return s
	case s != "both":
		v.bad(file, ed.Side.At, "write left, right or both", "%q is not a side", ed.Side.V)
	}
	return backcare.NoSide
}
