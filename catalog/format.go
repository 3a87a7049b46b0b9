package catalog

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// The types below mirror the YAML file format. Each value remembers where it
// stood in its file so that checks made after decoding (an unknown pose, an
// id used twice) can still point at the exact line and column.

// pos is a line and column in a file (1-based).
type pos struct{ Line, Col int }

func posOf(n ast.Node) pos {
	// A mapping's own token is its first colon; people think of a mapping
	// as starting at its first key.
	switch m := n.(type) {
	case *ast.MappingNode:
		if len(m.Values) > 0 && m.Values[0].Key != nil && !m.IsFlowStyle {
			n = m.Values[0].Key
		}
	case *ast.MappingValueNode:
		if m.Key != nil {
			n = m.Key
		}
	}
	if n == nil || n.GetToken() == nil {
		return pos{}
	}
	p := n.GetToken().Position
	return pos{p.Line, p.Column}
}

// str is a scalar kept as text, with its place.
type str struct {
	V   string
	At  pos
	Set bool
}

func (s *str) UnmarshalYAML(n ast.Node) error {
	s.At, s.Set = posOf(n), true
	switch v := n.(type) {
	case *ast.StringNode:
		s.V = v.Value
	case *ast.NullNode:
		s.Set = false
	case *ast.MappingNode, *ast.SequenceNode, *ast.MappingValueNode:
		return &typeProblem{at: s.At, msg: "expected a single value here, not a list or a mapping"}
	default:
		s.V = n.String()
	}
	return nil
}

// num is a whole number with its place.
type num struct {
	V   int
	At  pos
	Set bool
}

func (x *num) UnmarshalYAML(n ast.Node) error {
	x.At, x.Set = posOf(n), true
	if _, ok := n.(*ast.NullNode); ok {
		x.Set = false
		return nil
	}
	v, err := strconv.Atoi(strings.TrimSpace(n.String()))
	if err != nil {
		return &typeProblem{at: x.At, msg: fmt.Sprintf("%q is not a whole number", n.String()), hint: "write a number such as 5"}
	}
	x.V = v
	return nil
}

// dur is a duration: "60s", "1m30s", or a bare number of seconds.
type dur struct {
	V   time.Duration
	Raw string
	At  pos
	Set bool
}

func (d *dur) UnmarshalYAML(n ast.Node) error {
	d.At, d.Set = posOf(n), true
	if _, ok := n.(*ast.NullNode); ok {
		d.Set = false
		return nil
	}
	d.Raw = strings.TrimSpace(n.String())
	if s, ok := n.(*ast.StringNode); ok {
		d.Raw = s.Value
	}
	v, err := parseDuration(d.Raw)
	if err != nil {
		return &typeProblem{at: d.At, msg: fmt.Sprintf("%q is not a duration", d.Raw), hint: `write it like "60s", "1m30s" or "45" (seconds)`}
	}
	d.V = v
	return nil
}

// parseDuration reads "60s", "1m30s" or a bare number of seconds ("45"),
// and the forms a person types: "45 sec", "1:30", "1 min 30", "2 minutes".
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if d, ok := spokenDuration(s); ok {
		return d, nil
	}
	if secs, err := strconv.ParseFloat(s, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		// Checked before it is multiplied: a huge number of seconds
		// would wrap round (1e300 came out negative). Anything beyond the
		// range of a duration is as long, or as negative, as one can be.
		switch {
		case math.IsNaN(secs):
			return 0, fmt.Errorf("%q is not a number of seconds", s)
		case secs >= float64(math.MaxInt64)/float64(time.Second):
			return math.MaxInt64, nil
		case secs <= float64(math.MinInt64)/float64(time.Second):
			return math.MinInt64, nil
		}
		return time.Duration(secs * float64(time.Second)), nil
	}
	return time.ParseDuration(s)
}

// clockForm is minutes and seconds as a clock shows them: "1:30".
var clockForm = regexp.MustCompile(`^(\d{1,3}):([0-5]\d)$`)

// spokenForm is minutes and seconds in words or letters: "1 min 30",
// "45 sec", "2 minutes", "1 min 30 s", "1m 30s".
var spokenForm = regexp.MustCompile(`^(?:(\d{1,3}(?:\.\d+)?)\s*(?:m|mins?|minutes?)\.?(?:\s*(?:and\s+)?(\d{1,4}(?:\.\d+)?)\s*(?:s|secs?|seconds?)?\.?)?|(\d{1,5}(?:\.\d+)?)\s*(?:s|secs?|seconds?)\.?)$`)

// spokenDuration reads the clock and spoken forms; ok is false for
// anything else.
func spokenDuration(s string) (time.Duration, bool) {
	s = strings.ToLower(s)
	num := func(x string) float64 {
		if x == "" {
			return 0
		}
		f, _ := strconv.ParseFloat(x, 64) // the pattern allows digits only
		return f
	}
	if m := clockForm.FindStringSubmatch(s); m != nil {
		return time.Duration(num(m[1])*60+num(m[2])) * time.Second, true
	}
	m := spokenForm.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	secs := num(m[1])*60 + num(m[2]) + num(m[3])
	return time.Duration(secs * float64(time.Second)), true
}

// ParseDuration reads a duration the way routine files, the command line
// and the web forms accept it: "60s", "1m30s", "1m", a bare number of
// seconds, and the forms a person types ("45 sec", "1:30", "1 min 30").
func ParseDuration(s string) (time.Duration, error) {
	d, err := parseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration", s)
	}
	return d, nil
}

// strs is a list of scalars with its place.
type strs struct {
	V   []str
	At  pos
	Set bool
}

func (l *strs) UnmarshalYAML(n ast.Node) error {
	l.At, l.Set = posOf(n), true
	switch v := n.(type) {
	case *ast.NullNode:
		l.Set = false
		return nil
	case *ast.SequenceNode:
		for _, item := range v.Values {
			var s str
			if err := s.UnmarshalYAML(item); err != nil {
				return err
			}
			l.V = append(l.V, s)
		}
		return nil
	case *ast.StringNode:
		// A single item written without the list dash is forgiven.
		l.V = []str{{V: v.Value, At: l.At, Set: true}}
		return nil
	}
	return &typeProblem{at: l.At, msg: "expected a list here", hint: "write each item on its own line starting with \"- \""}
}

func (l strs) values() []string {
	if len(l.V) == 0 {
		return nil
	}
	out := make([]string, len(l.V))
	for i, s := range l.V {
		out[i] = s.V
	}
	return out
}

// repsList is "reps: 10" (with sets) or "reps: [6, 4, 2]" (a pyramid).
type repsList struct {
	V      []num
	Single bool
	At     pos
	Set    bool
}

func (r *repsList) UnmarshalYAML(n ast.Node) error {
	r.At, r.Set = posOf(n), true
	switch v := n.(type) {
	case *ast.NullNode:
		r.Set = false
		return nil
	case *ast.SequenceNode:
		for _, item := range v.Values {
			var x num
			if err := x.UnmarshalYAML(item); err != nil {
				return err
			}
			r.V = append(r.V, x)
		}
		return nil
	}
	var x num
	if err := x.UnmarshalYAML(n); err != nil {
		return err
	}
	r.V, r.Single = []num{x}, true
	return nil
}

// typeProblem is a decoding problem found by one of the value types above.
type typeProblem struct {
	at   pos
	msg  string
	hint string
}

func (e *typeProblem) Error() string { return e.msg }

// fileDoc is one catalog file.
type fileDoc struct {
	Poses    []*poseDoc    `yaml:"poses"`
	Routines []*routineDoc `yaml:"routines"`
}

// poseDoc is one pose. The mapping is decoded strictly by UnmarshalYAML so
// that the pose remembers where it starts.
type poseDoc struct {
	At pos
	poseFields
}

type poseFields struct {
	ID        str        `yaml:"id"`
	Name      str        `yaml:"name"`
	Kind      str        `yaml:"kind"`
	Summary   str        `yaml:"summary"`
	Why       str        `yaml:"why"`
	Targets   strs       `yaml:"targets"`
	Equipment strs       `yaml:"equipment"`
	Sided     bool       `yaml:"sided"`
	SideStep  str        `yaml:"side_step"`
	Dose      *doseDoc   `yaml:"dose"`
	Steps     strs       `yaml:"steps"`
	Feel      str        `yaml:"feel"`
	Cautions  strs       `yaml:"cautions"`
	StopSigns strs       `yaml:"stop_signs"`
	Easier    strs       `yaml:"easier"`
	Harder    strs       `yaml:"harder"`
	Figure    *figureDoc `yaml:"figure"`
}

func (p *poseDoc) UnmarshalYAML(n ast.Node) error {
	p.At = posOf(n)
	if _, ok := n.(*ast.MappingNode); !ok {
		if _, ok := n.(*ast.MappingValueNode); !ok {
			return &typeProblem{at: p.At, msg: "expected a pose (a mapping with id, name, ...) here"}
		}
	}
	return yaml.NodeToValue(n, &p.poseFields, yaml.Strict())
}

type doseDoc struct {
	At pos
	doseFields
}

type doseFields struct {
	Hold      dur      `yaml:"hold"`
	Sets      num      `yaml:"sets"`
	Reps      repsList `yaml:"reps"`
	Rep       dur      `yaml:"rep"`
	Rest      dur      `yaml:"rest"`
	Intensity num      `yaml:"intensity"`
}

func (d *doseDoc) UnmarshalYAML(n ast.Node) error {
	d.At = posOf(n)
	if _, ok := n.(*ast.MappingNode); !ok {
		if _, ok := n.(*ast.MappingValueNode); !ok {
			return &typeProblem{at: d.At, msg: "expected a dose (hold, or sets and reps) here", hint: "write for example:  dose: {hold: 60s, intensity: 5}"}
		}
	}
	return yaml.NodeToValue(n, &d.doseFields, yaml.Strict())
}

type figureDoc struct {
	At pos
	figureFields
}

func (f *figureDoc) UnmarshalYAML(n ast.Node) error {
	f.At = posOf(n)
	if _, ok := n.(*ast.MappingNode); !ok {
		if _, ok := n.(*ast.MappingValueNode); !ok {
			return &typeProblem{at: f.At, msg: "expected a figure (view, angles, props) here"}
		}
	}
	return yaml.NodeToValue(n, &f.figureFields, yaml.Strict())
}

type figureFields struct {
	View      str   `yaml:"view"`
	Angles    keyed `yaml:"angles"`
	Props     strs  `yaml:"props"`
	Rests     keyed `yaml:"rests"`
	Reach     strs  `yaml:"reach"`
	Highlight strs  `yaml:"highlight"`
	Shows     strs  `yaml:"shows"`
	Hidden    strs  `yaml:"hidden"`
	Moves     keyed `yaml:"moves"`
	Paths     strs  `yaml:"paths"`
	Eyes      str   `yaml:"eyes"`
	Works     str   `yaml:"works"`
}

// keyed is a mapping of names to single values (a figure's angles or
// rests), kept in order with the place of every key and value, so that an
// unknown joint is reported at its own line and column.
type keyed struct {
	V   []keyValue
	At  pos
	Set bool
}

type keyValue struct {
	Key str
	Val str
}

func (k *keyed) UnmarshalYAML(n ast.Node) error {
	k.At, k.Set = posOf(n), true
	var pairs []*ast.MappingValueNode
	switch v := n.(type) {
	case *ast.NullNode:
		k.Set = false
		return nil
	case *ast.MappingNode:
		pairs = v.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{v}
	default:
		return &typeProblem{at: k.At, msg: "expected a mapping here (one \"name: value\" per line)", hint: "write for example:  near.knee: 90"}
	}
	seen := map[string]pos{}
	for _, p := range pairs {
		var kv keyValue
		if err := kv.Key.UnmarshalYAML(p.Key); err != nil {
			return err
		}
		if err := kv.Val.UnmarshalYAML(p.Value); err != nil {
			return err
		}
		if first, dup := seen[kv.Key.V]; dup {
			return &typeProblem{at: kv.Key.At, msg: fmt.Sprintf("%q appears twice (first on line %d)", kv.Key.V, first.Line), hint: "keep one of them"}
		}
		seen[kv.Key.V] = kv.Key.At
		k.V = append(k.V, kv)
	}
	return nil
}

type routineDoc struct {
	At pos
	routineFields
}

type routineFields struct {
	ID         str         `yaml:"id"`
	Name       str         `yaml:"name"`
	Purpose    str         `yaml:"purpose"`
	Prepare    dur         `yaml:"prepare"`
	Switch     dur         `yaml:"switch"`
	Transition dur         `yaml:"transition"`
	Poses      []*entryDoc `yaml:"poses"`
}

func (r *routineDoc) UnmarshalYAML(n ast.Node) error {
	r.At = posOf(n)
	if _, ok := n.(*ast.MappingNode); !ok {
		if _, ok := n.(*ast.MappingValueNode); !ok {
			return &typeProblem{at: r.At, msg: "expected a routine (a mapping with id, name, poses) here"}
		}
	}
	return yaml.NodeToValue(n, &r.routineFields, yaml.Strict())
}

// entryDoc is one pose in a routine, with optional overrides of its dose.
type entryDoc struct {
	At pos
	entryFields
}

type entryFields struct {
	Pose      str      `yaml:"pose"`
	Hold      dur      `yaml:"hold"`
	Sets      num      `yaml:"sets"`
	Reps      repsList `yaml:"reps"`
	Rest      dur      `yaml:"rest"`
	Intensity num      `yaml:"intensity"`
	// Side, for a pose done on each side, plays it on one side only
	// ("left" or "right"); "both", or no side, plays both.
	Side str `yaml:"side"`
}

func (e *entryDoc) UnmarshalYAML(n ast.Node) error {
	e.At = posOf(n)
	if s, ok := n.(*ast.StringNode); ok {
		// "- zombie-crawl" is short for "- pose: zombie-crawl".
		e.Pose = str{V: s.Value, At: e.At, Set: true}
		return nil
	}
	if _, ok := n.(*ast.MappingNode); !ok {
		if _, ok := n.(*ast.MappingValueNode); !ok {
			return &typeProblem{at: e.At, msg: "expected a pose id, or a mapping with pose: and optional hold:, here"}
		}
	}
	return yaml.NodeToValue(n, &e.entryFields, yaml.Strict())
}
