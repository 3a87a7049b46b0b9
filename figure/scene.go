package figure

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"backcare"
)

// Tolerances of the placement checks, in H (1 cm is about 0.006H).
const (
	touchTol = 0.012 // a part "touches" a support within about 2 cm
	sinkTol  = 0.006 // and may sink into it by no more than about 1 cm
	matTop   = 0.010 // a mat is about 1.7 cm thick
	matHalf  = 0.205 // and about 70 cm wide
)

// blob is a point of the body's surface model: a centre and a radius. Every
// drawn part is a capsule or polygon whose extremes lie at such points.
type blob struct {
	p    vec
	r    float64
	name string // the segment or point, for messages
}

// bodyParts maps every part name used by rests, reach and highlight to its
// members; each member is checked on its own (both feet must touch).
var bodyParts = func() map[string][][]string {
	t := map[string][][]string{
		"pelvis":   {{"seg:lumbar"}},
		"lumbar":   {{"seg:lumbar"}},
		"belly":    {{"seg:lumbar"}},
		"thoracic": {{"seg:thoracic"}},
		"chest":    {{"seg:thoracic"}},
		"back":     {{"seg:lumbar", "seg:thoracic"}},
		"trunk":    {{"trunk"}},
		"neck":     {{"seg:neck"}},
		"head":     {{"pt:head"}},
		"nose":     {{"pt:nose"}},
	}
	single := map[string][]string{
		"thigh":      {"seg:thigh"},
		"shin":       {"seg:shin"},
		"knee":       {"pt:knee"},
		"ankle":      {"pt:ankle"},
		"foot":       {"seg:heel", "seg:foot", "seg:toes"},
		"heel":       {"pt:heel"},
		"toes":       {"seg:toes"},
		"leg":        {"seg:thigh", "seg:shin", "seg:heel", "seg:foot", "seg:toes"},
		"hip":        {"pt:hip"},
		"side":       {"pt:hipedge", "pt:waist", "pt:shoulderedge"},
		"shoulder":   {"pt:shoulder"},
		"upperarm":   {"seg:upperarm"},
		"elbow":      {"pt:elbow"},
		"forearm":    {"seg:forearm"},
		"hand":       {"seg:hand"},
		"fingertips": {"pt:fingertips"},
		"arm":        {"seg:upperarm", "seg:forearm", "seg:hand"},
	}
	for name, m := range single {
		for _, s := range []string{"near.", "far."} {
			member := make([]string, len(m))
			for i, x := range m {
				kind, what, _ := strings.Cut(x, ":")
				member[i] = kind + ":" + s + what
			}
			t[s+name] = append(t[s+name], member)
			pl := name + "s"
			switch name {
			case "toes":
				pl = "toes"
			case "foot":
				pl = "feet"
			case "fingertips":
				pl = "fingertips"
			case "side":
				pl = "sides"
			}
			t[pl] = append(t[pl], member)
		}
	}
	return t
}()

// PartNames lists every body part that rests, reach and highlight may name.
func PartNames() []string {
	names := make([]string, 0, len(bodyParts))
	for n := range bodyParts {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Radii of the points that parts may name: the body's surface around them.
var pointR = map[string]float64{
	"head": headR, "nose": 0.004, "knee": thighR, "ankle": shinR, "heel": footR, "hip": 0.05,
	"waist": trunkR, "hipedge": trunkR, "shoulderedge": trunkR, "shoulder": upperArmR, "elbow": forearmR + 0.004, "fingertips": handR,
}

// blobs returns the surface points of one member of a part.
func (b *Body) blobs(member []string) []blob {
	var out []blob
	for _, m := range member {
		kind, name, _ := strings.Cut(m, ":")
		switch kind {
		case "seg":
			for _, s := range b.segments {
				if s.name == name {
					out = append(out, blob{b.Joints[s.from], s.radius, s.name}, blob{b.Joints[s.to], s.radius, s.name})
				}
			}
		case "pt":
			base := name
			if _, after, ok := strings.Cut(name, "."); ok {
				base = after
			}
			out = append(out, blob{b.Joints[name], pointR[base], name})
		default: // the whole trunk
			for _, j := range []string{"near.hipedge", "far.hipedge", "near.waist", "far.waist", "near.shoulderedge", "far.shoulderedge"} {
				out = append(out, blob{b.Joints[j], trunkR, "trunk"})
			}
		}
	}
	return out
}

// allBlobs is the whole body's surface model.
func (b *Body) allBlobs() []blob {
	var out []blob
	for _, s := range b.segments {
		out = append(out, blob{b.Joints[s.from], s.radius, s.name}, blob{b.Joints[s.to], s.radius, s.name})
		// Long segments also get their middle, for the props' boxes.
		out = append(out, blob{b.Joints[s.from].add(b.Joints[s.to]).scale(0.5), s.radius, s.name})
	}
	for _, bl := range b.blobs([]string{"trunk"}) {
		bl.name = "trunk"
		out = append(out, bl)
	}
	out = append(out, blob{b.Joints["head"], headR, "head"}, blob{b.Joints["nose"], 0.004, "nose"})
	return out
}

// prop is a placed prop: a few boxes in model space.
type prop struct {
	name  string // "counter", "wall", ...
	place string // for walls: "ahead", "beside", "behind"
	boxes []box
	top   float64 // height of the surface things rest on
	plane float64 // walls: the plane's x (ahead, behind) or z (beside)
}

type box struct{ min, max vec }

// propSpec is what the catalog may name.
type propSpec struct {
	lo, hi float64 // the range of heights of its top, in H
	what   string
}

// Heights: a kitchen counter is 85-95 cm, a table 72-76 cm, a high chair or
// bar stool 65-80 cm, a chair seat 42-48 cm; for a person 1.70 m tall that
// is 0.50-0.56, 0.42-0.45, 0.38-0.47 and 0.25-0.28 H. The ranges allow some
// give around those.
var propSpecs = map[string]propSpec{
	"counter": {0.36, 0.62, "a countertop, kitchen table or high chair"},
	"table":   {0.38, 0.50, "a table"},
	"chair":   {0.22, 0.32, "a chair seat"},
	"wall":    {},
	"mat":     {},
	"floor":   {},
}

var wallPlaces = []string{"ahead", "beside", "behind"}

// PropNames lists every prop a figure may name.
func PropNames() []string {
	return []string{"floor", "mat", "counter", "counter beside", "table", "chair", "wall", "wall ahead", "wall beside", "wall behind"}
}

func parseProp(s string) (name, place string, ok bool) {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 || len(f) > 2 {
		return "", "", false
	}
	if _, known := propSpecs[f[0]]; !known {
		return "", "", false
	}
	if len(f) == 2 {
		// A wall ahead, behind or beside; a counter beside (on the far
		// side, the hand out to the side on it: the balance poses).
		wall := f[0] == "wall" && slices.Contains(wallPlaces, f[1])
		counter := f[0] == "counter" && f[1] == "beside"
		if !wall && !counter {
			return "", "", false
		}
		return f[0], f[1], true
	}
	if f[0] == "wall" {
		return "wall", "ahead", true
	}
	return f[0], "", true
}

// Scene is a figure placed among its props, in model space: the floor is at
// y = 0 and one unit is the person's standing height.
type Scene struct {
	Body  *Body
	props []prop
	fig   backcare.Figure
	yaw   float64 // the view: 0 side, 90 front
	pitch float64 // how far the camera looks down
	mat   bool
	// lo and hi are the box the props were placed round: the body's, or
	// for a frame of a movement, that of every frame's body.
	lo, hi vec
	// second is a second view drawn beside the first ("side and front"),
	// for a pose that no single view shows whole.
	second *view
	// hover names the parts that hold just above their support rather
	// than on it (rests: {far.hand: above counter}).
	hover map[string]bool
}

// hoverGap is how far a part that hovers over its support stays above
// it: about 10 cm, a hand's width, a gap that shows on the chart (4 cm
// was under a millimetre there).
const hoverGap = 0.06

// lift is how far above its support a resting part should be: 0, or
// hoverGap for a part that hovers.
func (s *Scene) lift(part string) float64 {
	if s.hover[part] {
		return hoverGap
	}
	return 0
}

// view is a camera: its turn from the side toward the front and how far
// it looks down.
type view struct{ yaw, pitch float64 }

// Views and the angle the camera turns from the side toward the front;
// "back" looks from behind (a pose lying on its back: from the head end).
var views = map[string]float64{"": 0, "side": 0, "three-quarter": 40, "front": 90, "far three-quarter": 140, "far side": 180, "back": -90, "above": 0}

// wallAbove is how far a wall stands above the highest point of the body
// (about 17 cm): enough to read as a wall, not so tall that it shrinks the
// figure in its box.
const wallAbove = 0.1

// wallOverProp is how far a wall ahead stands above a chair or counter in
// front of it (about 20 cm): level with the chair's back, the wall read as
// a second one.
const wallOverProp = 0.12

// Camera heights: "from above" raises the camera so that it looks down on
// the floor at this angle, which separates the near and far limbs of a pose
// lying on the floor; "from high above" raises it further, so that seen
// from the foot end the knees of a pose lying on its back no longer stand
// in front of its head; view "above" looks straight down.
const (
	raisedPitch = 30.0
	highPitch   = 45.0
	abovePitch  = 90.0
)

// parseView reads a view: side, three-quarter, front or far side, each
// optionally "from above", or above (looking straight down, the head to the
// left as in the side view).
func parseView(v string) (yaw, pitch float64, ok bool) {
	v = strings.Join(strings.Fields(strings.ToLower(v)), " ")
	if base, found := strings.CutSuffix(v, " from high above"); found {
		yaw, ok = views[base]
		return yaw, highPitch, ok && base != "" && base != "above"
	}
	if base, found := strings.CutSuffix(v, " from above"); found {
		yaw, ok = views[base]
		return yaw, raisedPitch, ok && base != "" && base != "above"
	}
	yaw, ok = views[v]
	if v == "above" {
		pitch = abovePitch
	}
	return yaw, pitch, ok
}

// problem returns a *backcare.Error about one field of a figure. where is
// the field ("angles.near.knee", "rests.hands", "props"), which the catalog
// turns into a file position.
func problem(where, msg, hint string) error {
	return &backcare.Error{Code: backcare.EINVALID, Where: where, Message: msg, Hint: hint}
}

// Place poses the skeleton and puts it and its props in place. It reports
// every problem with the spec it finds (unknown names, angles out of range,
// a rest on a prop that is not there), but not whether the placed figure
// is sound; Check does that.
func Place(f backcare.Figure) (*Scene, error) {
	s, names, err := placeBody(f)
	if err != nil {
		return nil, err
	}
	if err := placeProps([]*Scene{s}, names); err != nil {
		return nil, err
	}
	return s, nil
}

// placeBody poses the skeleton of one figure and puts it on the ground,
// and returns the props it names (name -> place), not yet placed.
func placeBody(f backcare.Figure) (*Scene, map[string]string, error) {
	var errs []error
	first, other, two := strings.Cut(f.View, " and ")
	yaw, pitch, ok := parseView(first)
	var second *view
	if two {
		y2, p2, ok2 := parseView(other)
		ok = ok && ok2
		second = &view{y2, p2}
	}
	if !ok {
		errs = append(errs, problem("view", fmt.Sprintf("the view %q is not side, front, three-quarter, far three-quarter, far side, back or above", f.View),
			"use view: side, front, three-quarter, far three-quarter, far side or back, optionally followed by \"from above\" or \"from high above\" (for example view: side from above), or view: above; two views side by side are written view: side and front"))
	}
	errs = append(errs, checkAngles(f.Angles)...)
	// A part written "above counter" hovers just above the counter: the
	// hand that is ready to catch the body but does not lean on it.
	hover := map[string]bool{}
	if len(f.Rests) > 0 {
		rests := make(map[string]string, len(f.Rests))
		for k, v := range f.Rests {
			if t, ok := strings.CutPrefix(strings.TrimSpace(v), "above "); ok {
				v, hover[k] = strings.TrimSpace(t), true
			}
			rests[k] = v
		}
		f.Rests = rests
	}
	s := &Scene{Body: Pose(f.Angles), fig: f, yaw: yaw, pitch: pitch, second: second, hover: hover}

	names := map[string]string{} // prop name -> its place
	for i, p := range f.Props {
		name, place, ok := parseProp(p)
		if !ok {
			errs = append(errs, problem(fmt.Sprintf("props.%d", i), fmt.Sprintf("%q is not a prop backcare can draw", p),
				"props are "+strings.Join(PropNames(), ", ")))
			continue
		}
		if _, dup := names[name]; dup {
			errs = append(errs, problem(fmt.Sprintf("props.%d", i), fmt.Sprintf("the %s is listed twice", name), "list each prop once"))
			continue
		}
		names[name] = place
	}
	s.mat = hasKey(names, "mat")
	for _, k := range sortedKeys(f.Rests) {
		target := f.Rests[k]
		if _, ok := bodyParts[k]; !ok {
			errs = append(errs, problem("rests."+k, fmt.Sprintf("%q is not a body part", k), partHint(k)))
		}
		if bp, end, ok := bodyRest(target); ok {
			if err := checkBodyRest(k, bp, end); err != nil {
				errs = append(errs, err)
			}
			continue
		}
		if target != "floor" && !hasKey(names, target) {
			errs = append(errs, problem("rests."+k, fmt.Sprintf("%s rests on the %s, which is not in the props", k, target),
				fmt.Sprintf("add %s to the props, or rest it on one of: floor, %s, or on a body part (far.thigh by the knee)", target, strings.Join(sortedKeys(names), ", "))))
		}
		if target == "mat" && !s.mat {
			errs = append(errs, problem("rests."+k, "there is no mat to rest on", "add mat to the props"))
		}
	}
	for i, list := range [][]string{f.Reach, f.Highlight, f.Shows, f.Hidden} {
		field := []string{"reach", "highlight", "shows", "hidden"}[i]
		for j, part := range list {
			if _, ok := bodyParts[part]; !ok {
				errs = append(errs, problem(fmt.Sprintf("%s.%d", field, j), fmt.Sprintf("%q is not a body part", part), partHint(part)))
			}
		}
	}
	if f.Works != "" && f.Works != "near" && f.Works != "far" {
		errs = append(errs, problem("works", fmt.Sprintf("works: %q is neither near nor far", f.Works), "write works: far for a pose whose working side is drawn far, or leave it out"))
	}
	if f.Eyes != "" && f.Eyes != "open" && f.Eyes != "closed" {
		errs = append(errs, problem("eyes", fmt.Sprintf("eyes: %q is neither open nor closed", f.Eyes), "write eyes: closed or eyes: open, or leave it out to draw no eyes"))
	}
	for i, p := range f.Paths {
		if _, _, _, err := parsePath(p); err != nil {
			errs = append(errs, problem(fmt.Sprintf("paths.%d", i), err.Error(), "docs/figures.md lists the paths"))
		}
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}

	// Put the body on the ground: the parts resting on the floor (or the
	// mat) touch it; with none named, the lowest part does.
	ground := s.ground()
	low := math.Inf(1)
	for _, bl := range s.restBlobs("floor", "mat") {
		low = min(low, bl.p.Y-bl.r)
	}
	if math.IsInf(low, 1) {
		for _, bl := range s.Body.allBlobs() {
			low = min(low, bl.p.Y-bl.r)
		}
	}
	for k, v := range s.Body.Joints {
		v.Y += ground - low
		s.Body.Joints[k] = v
	}

	return s, names, nil
}

// placeProps puts the props named (name -> place) among the bodies of the
// scenes, the frames of one movement: each prop is placed once, for all
// the frames' bodies together (a mat as long as the longest of them, a
// wall beyond the furthest, a counter under the hand of every frame), and
// every scene gets the same props. So shown one after the other, or side
// by side, the frames' mat, wall, counter and floor stay the same size in
// the same place while the body moves on them: a mat as long as each
// frame's body once grew 40 cm under the Dead Bug's straightening leg.
func placeProps(scenes []*Scene, names map[string]string) error {
	var errs []error
	lo := vec{math.Inf(1), math.Inf(1), math.Inf(1)}
	hi := vec{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	for _, s := range scenes {
		l, h := s.extent()
		lo = vec{min(lo.X, l.X), min(lo.Y, l.Y), min(lo.Z, l.Z)}
		hi = vec{max(hi.X, h.X), max(hi.Y, h.Y), max(hi.Z, h.Z)}
	}
	var props []prop
	for _, name := range []string{"mat", "counter", "table", "chair", "wall"} {
		place, ok := names[name]
		if !ok {
			continue
		}
		p, err := placeProp(scenes, props, name, place, lo, hi)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		props = append(props, p)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	for _, s := range scenes {
		s.props = props
		s.lo, s.hi = lo, hi
	}
	return nil
}

func hasKey[V any](m map[string]V, k string) bool { _, ok := m[k]; return ok }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func partHint(k string) string {
	if near := backcare.Closest(k, PartNames()); near != "" {
		return fmt.Sprintf("did you mean %q? docs/figures.md lists the body parts", near)
	}
	return "docs/figures.md lists the body parts, such as feet, hands, knees, belly, nose, near.shoulder"
}

// restBlobs returns the surface points of every part resting on one of the
// given props.
func (s *Scene) restBlobs(targets ...string) []blob {
	var out []blob
	for part, target := range s.fig.Rests {
		if slices.Contains(targets, target) {
			for _, m := range bodyParts[part] {
				out = append(out, s.Body.blobs(m)...)
			}
		}
	}
	return out
}

// extent is the body's bounding box.
func (s *Scene) extent() (lo, hi vec) {
	lo = vec{math.Inf(1), math.Inf(1), math.Inf(1)}
	hi = vec{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	for _, b := range s.Body.allBlobs() {
		lo = vec{min(lo.X, b.p.X-b.r), min(lo.Y, b.p.Y-b.r), min(lo.Z, b.p.Z-b.r)}
		hi = vec{max(hi.X, b.p.X+b.r), max(hi.Y, b.p.Y+b.r), max(hi.Z, b.p.Z+b.r)}
	}
	return lo, hi
}

// counterBehindHand is how far a counter beside the body runs on behind
// the hand resting on it (about 7 cm).
const counterBehindHand = 0.04

// placeProp puts a prop where the parts resting on it are, or beside the
// body when nothing rests on it.
func placeProp(scenes []*Scene, placed []prop, name, place string, lo, hi vec) (prop, error) {
	s := scenes[0] // the rests and the props are the same in every frame
	each := func(of func(*Scene) []blob) []blob {
		var out []blob
		for _, sc := range scenes {
			out = append(out, of(sc)...)
		}
		return out
	}
	all := each(func(sc *Scene) []blob { return sc.Body.allBlobs() })
	rest := each(func(sc *Scene) []blob { return sc.restBlobs(name) })
	p := prop{name: name, place: place}
	switch name {
	case "mat":
		// A mat about 55 cm wide, as long as the body lying on it: along x
		// for most poses, along z for a body lying along z (on its side,
		// drawn in front view).
		// Across the mat, it is centred on the parts down on it (the
		// forearm of a side bridge ahead of the body as well as the
		// knees), or on the pelvis; the check then finds any part down
		// on the floor past its edge.
		p.top = matTop
		// The mat runs along the trunk and legs (arms spread wide on the
		// floor do not turn it).
		zlo, zhi := math.Inf(1), math.Inf(-1)
		for _, bl := range all {
			if !strings.Contains(bl.name, "arm") && !strings.Contains(bl.name, "hand") {
				zlo, zhi = min(zlo, bl.p.Z), max(zhi, bl.p.Z)
			}
		}
		along := zhi-zlo > hi.X-lo.X // the body lies across the view
		across := func(v vec) float64 { return map[bool]float64{true: v.X, false: v.Z}[along] }
		mid := across(s.Body.Joints["pelvis"])
		a, b := math.Inf(1), math.Inf(-1)
		floor := map[string]bool{}
		for _, bl := range s.restBlobs("floor") {
			floor[bl.name] = true
		}
		for _, bl := range all {
			if bl.p.Y-bl.r <= matTop+touchTol && !floor[bl.name] {
				a, b = min(a, across(bl.p)-bl.r), max(b, across(bl.p)+bl.r)
			}
		}
		if a < b {
			mid = (a + b) / 2
		}
		if along {
			p.boxes = []box{{vec{mid - matHalf, 0, lo.Z - 0.06}, vec{mid + matHalf, matTop, hi.Z + 0.06}}}
			break
		}
		p.boxes = []box{{vec{lo.X - 0.06, 0, mid - matHalf}, vec{hi.X + 0.06, matTop, mid + matHalf}}}
	case "counter", "table", "chair":
		if len(rest) == 0 {
			return p, problem("rests", fmt.Sprintf("nothing rests on the %s, so it cannot be placed", name),
				fmt.Sprintf("add a line such as  hands: %s  under rests", name))
		}
		top, edge, side := math.Inf(1), math.Inf(1), math.Inf(-1)
		for _, b := range rest {
			edge = min(edge, b.p.X)
			side = max(side, b.p.Z)
		}
		for part, target := range s.fig.Rests {
			if target != name {
				continue
			}
			for _, m := range bodyParts[part] {
				for _, sc := range scenes {
					for _, b := range sc.Body.blobs(m) {
						top = min(top, b.p.Y-b.r-s.lift(part))
					}
				}
			}
		}
		p.top = top
		edge -= 0.02
		switch {
		case name == "counter" && place == "beside":
			// Alongside the body on its far side, its near edge just
			// inside the hand that rests on it. Along the body it starts
			// a little behind the hand and runs on forward: the hand
			// rests near its end, and seen from the side the counter
			// stands ahead of the trunk, so that the free hand hanging
			// by the side is not drawn over its face, where it read as
			// the hand on the counter fallen short of its top (centred
			// on the hand, the counter filled the picture behind the
			// whole body, the Heel-to-Toe Stance).
			x, z := math.Inf(1), side+0.02
			for _, b := range rest {
				x = min(x, b.p.X-b.r)
			}
			x -= counterBehindHand
			p.boxes = []box{
				{vec{x, top - 0.03, z - 0.36}, vec{x + 0.6, top, z}},
				{vec{x, 0, z - 0.36}, vec{x + 0.6, top - 0.03, z - 0.03}},
			}
		case name == "counter":
			p.boxes = []box{
				{vec{edge, top - 0.03, -0.3}, vec{edge + 0.36, top, 0.3}},
				{vec{edge + 0.03, 0, -0.3}, vec{edge + 0.36, top - 0.03, 0.3}},
			}
		case name == "table":
			p.boxes = []box{
				{vec{edge, top - 0.025, -0.25}, vec{edge + 0.45, top, 0.25}},
				{vec{edge + 0.02, 0, 0.2}, vec{edge + 0.045, top - 0.025, 0.225}},
				{vec{edge + 0.4, 0, 0.2}, vec{edge + 0.425, top - 0.025, 0.225}},
				{vec{edge + 0.02, 0, -0.225}, vec{edge + 0.045, top - 0.025, -0.2}},
				{vec{edge + 0.4, 0, -0.225}, vec{edge + 0.425, top - 0.025, -0.2}},
			}
		case name == "chair":
			d := 0.25 // seat depth, about 42 cm
			p.boxes = []box{
				{vec{edge, top - 0.025, -0.13}, vec{edge + d, top, 0.13}},
				{vec{edge + d - 0.025, top, -0.13}, vec{edge + d, top + 0.26, 0.13}},
				{vec{edge + 0.01, 0, 0.1}, vec{edge + 0.03, top - 0.025, 0.12}},
				{vec{edge + d - 0.025, 0, 0.1}, vec{edge + d - 0.005, top - 0.025, 0.12}},
				{vec{edge + 0.01, 0, -0.12}, vec{edge + 0.03, top - 0.025, -0.1}},
				{vec{edge + d - 0.025, 0, -0.12}, vec{edge + d - 0.005, top - 0.025, -0.1}},
			}
		}
	case "wall":
		const thick, tall = 0.03, 1.3
		switch place {
		case "ahead":
			// Just beyond the body, or behind the chair or counter
			// the figure faces.
			x := hi.X + 0.06
			propTop := math.Inf(-1)
			for _, q := range placed {
				for _, b := range q.boxes {
					if q.name != "mat" {
						x = max(x, b.max.X+0.01)
						propTop = max(propTop, b.max.Y)
					}
				}
			}
			if len(rest) > 0 {
				x = math.Inf(-1)
				for _, b := range rest {
					x = max(x, b.p.X+b.r)
				}
			}
			// A wall ahead stands no taller than the picture needs: a
			// wall taller than the body shrinks a low figure in its box
			// (the Wall Hip Hinge drawn at two thirds the scale of the
			// other standing figures, once); so does a wall beside.
			// Behind a chair or counter, the wall stands well above it
			// and thicker, so that it reads as a wall, not as a second
			// chair back (the Chair-Seat Hip Hinge, once).
			top, t := min(tall, hi.Y+wallAbove), thick
			if !math.IsInf(propTop, -1) {
				top, t = max(top, propTop+wallOverProp), 2*thick
			}
			p.plane = x
			p.boxes = []box{{vec{x, 0, -0.4}, vec{x + t, top, 0.4}}}
		case "behind":
			x := lo.X - 0.06
			if len(rest) > 0 {
				x = math.Inf(1)
				for _, b := range rest {
					x = min(x, b.p.X-b.r)
				}
			}
			p.plane = x
			p.boxes = []box{{vec{x - thick, 0, -0.4}, vec{x, tall, 0.4}}}
		case "beside":
			z := lo.Z - 0.04
			if len(rest) > 0 {
				z = math.Inf(1)
				for _, b := range rest {
					z = min(z, b.p.Z-b.r)
				}
			}
			// Seen edge on, as a strip beside the body, it stands no
			// taller than a wall ahead: at its full height the Standing
			// Psoas Lunge's front view, a thin strip over the raised
			// hand, drew the pair of views smaller than the first view
			// alone in a low terminal.
			p.plane = z
			p.boxes = []box{{vec{lo.X - 0.2, 0, z - thick}, vec{hi.X + 0.2, min(tall, hi.Y+wallAbove), z}}}
		}
	}
	return p, nil
}

// Check reports whether a figure can be drawn and is sound: every name is
// known, every angle is within what a body can do, every part that rests on
// something touches it, nothing sinks into the floor or a prop, and a
// supporting prop stands at a height such a prop has; and, for a pose that
// moves, the same of the figure at the end of the movement. Each problem is a
// *backcare.Error whose Where names the field ("angles.near.knee").
func Check(f backcare.Figure) error {
	return checkFrames(f)
}

// ground is the height of what the body lies or stands on: the mat's top
// where there is a mat, else the floor.
func (s *Scene) ground() float64 {
	if s.mat {
		return matTop
	}
	return 0
}

func (s *Scene) check() error {
	var errs []error
	ground := s.ground()
	for _, part := range sortedKeys(s.fig.Rests) {
		target := s.fig.Rests[part]
		if bp, end, ok := bodyRest(target); ok {
			errs = append(errs, s.checkOnBody(part, bp, end)...)
			continue
		}
		surface := ground
		if target != "floor" && target != "mat" {
			p := s.prop(target)
			if p.name == "wall" {
				errs = append(errs, s.checkWall(part, p)...)
				continue
			}
			surface = p.top
		}
		for _, m := range bodyParts[part] {
			low := math.Inf(1)
			for _, b := range s.Body.blobs(m) {
				low = min(low, b.p.Y-b.r)
			}
			if d := low - surface - s.lift(part); math.Abs(d) > touchTol {
				what := "floor"
				if target != "floor" {
					what = target
				}
				errs = append(errs, problem("rests."+part, fmt.Sprintf("%s should rest on the %s but is %.0f cm %s it",
					memberName(part, m), what, math.Abs(d)*170, map[bool]string{true: "above", false: "below"}[d > 0]), "change the angles so that it touches"))
			}
			if math.Abs(low-surface) <= touchTol && !s.hover[part] {
				errs = append(errs, s.soleProblems(part, m, surface, target)...)
				if err := s.forearmFlat(part, m, func(b blob) float64 { return b.p.Y - b.r - surface }, target); err != nil {
					errs = append(errs, err)
				}
			}
		}
	}
	errs = append(errs, s.checkOnMat()...)
	errs = append(errs, s.liftProblems()...)
	errs = append(errs, s.supportProblems()...)
	for _, b := range s.Body.allBlobs() {
		if b.p.Y-b.r < ground-sinkTol {
			errs = append(errs, problem("angles", fmt.Sprintf("the %s is %.0f cm below the floor", strings.ReplaceAll(b.name, ".", " "), (ground-(b.p.Y-b.r))*170),
				"change the angles so that it stays above the floor, or add it to the rests"))
			break
		}
	}
	for _, p := range s.props {
		if err := s.checkInside(p); err != nil {
			errs = append(errs, err)
		}
		if spec := propSpecs[p.name]; spec.hi > 0 && (p.top < spec.lo || p.top > spec.hi) {
			errs = append(errs, problem("rests", fmt.Sprintf("the hands put the %s's top at %.0f cm, but %s is %.0f to %.0f cm high",
				p.name, p.top*170, spec.what, spec.lo*170, spec.hi*170), "change the angles to bring what rests on it higher or lower"))
		}
	}
	errs = append(errs, s.seenProblems()...)
	return errors.Join(errs...)
}

func (s *Scene) prop(name string) prop {
	for _, p := range s.props {
		if p.name == name {
			return p
		}
	}
	return prop{}
}

func memberName(part string, m []string) string {
	if len(bodyParts[part]) == 1 {
		return "the " + strings.ReplaceAll(part, ".", " ")
	}
	_, first, _ := strings.Cut(m[0], ":")
	side, _, _ := strings.Cut(first, ".")
	singular := map[string]string{"feet": "foot", "toes": "toes", "fingertips": "fingertips"}[part]
	if singular == "" {
		singular = strings.TrimSuffix(part, "s")
	}
	return "the " + side + " " + singular
}

// checkWall checks that each member of part touches the wall.
func (s *Scene) checkWall(part string, p prop) []error {
	var errs []error
	for _, m := range bodyParts[part] {
		var d float64
		switch p.place {
		case "ahead":
			d = math.Inf(-1)
			for _, b := range s.Body.blobs(m) {
				d = max(d, b.p.X+b.r)
			}
			d = p.plane - d
		case "behind":
			d = math.Inf(1)
			for _, b := range s.Body.blobs(m) {
				d = min(d, b.p.X-b.r)
			}
			d -= p.plane
		case "beside":
			d = math.Inf(1)
			for _, b := range s.Body.blobs(m) {
				d = min(d, b.p.Z-b.r)
			}
			d -= p.plane
		}
		if math.Abs(d) > touchTol {
			errs = append(errs, problem("rests."+part, fmt.Sprintf("%s should touch the wall but is %.0f cm away", memberName(part, m), math.Abs(d)*170),
				"change the angles so that it touches"))
		} else if err := s.forearmFlat(part, m, func(b blob) float64 { return wallGap(p, b) }, "wall"); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// wallGap is how far a blob's surface is from a wall.
func wallGap(p prop, b blob) float64 {
	switch p.place {
	case "ahead":
		return p.plane - (b.p.X + b.r)
	case "behind":
		return b.p.X - b.r - p.plane
	}
	return b.p.Z - b.r - p.plane
}

// forearmFlat reports a forearm that rests on something with only one end
// of it: a forearm named as resting lies along the support from the elbow
// to the wrist, as in the sphinx or a side bridge.
func (s *Scene) forearmFlat(part string, m []string, gap func(blob) float64, what string) error {
	if len(m) != 1 || !strings.HasSuffix(m[0], ".forearm") {
		return nil
	}
	_, name, _ := strings.Cut(m[0], ":")
	side, _, _ := strings.Cut(name, ".")
	for _, end := range []string{"elbow", "wrist"} {
		if g := gap(blob{s.Body.Joints[side+"."+end], forearmR, end}); math.Abs(g) > touchTol {
			return problem("rests."+part, fmt.Sprintf("the %s forearm should lie along the %s, but the %s is %.0f cm off it", side, what, end, math.Abs(g)*170),
				"change the angles so that the forearm lies flat from elbow to wrist")
		}
	}
	return nil
}

// checkInside reports a body part inside a prop.
func (s *Scene) checkInside(p prop) error {
	if p.name == "mat" {
		return nil
	}
	for _, b := range s.Body.allBlobs() {
		for _, bx := range p.boxes {
			if b.p.X+b.r > bx.min.X+sinkTol && b.p.X-b.r < bx.max.X-sinkTol &&
				b.p.Y+b.r > bx.min.Y+sinkTol && b.p.Y-b.r < bx.max.Y-sinkTol &&
				b.p.Z+b.r > bx.min.Z+sinkTol && b.p.Z-b.r < bx.max.Z-sinkTol {
				return problem("angles", fmt.Sprintf("the %s passes through the %s", strings.ReplaceAll(b.name, ".", " "), p.name),
					"change the angles so that the body stays clear of it")
			}
		}
	}
	return nil
}

// bodyRest reads a rest on a body part rather than a prop: "far.thigh",
// or "far.thigh by the knee" for a part that rests on the thigh close to
// its knee end (the crossed ankle of the Figure-Four), "head" for a hand
// on the forehead.
func bodyRest(target string) (part, end string, ok bool) {
	f := strings.Fields(target)
	switch {
	case len(f) == 1:
	case len(f) == 4 && f[1] == "by" && f[2] == "the":
		end = f[3]
	default:
		return "", "", false
	}
	if _, known := bodyParts[f[0]]; !known {
		return "", "", false
	}
	return f[0], end, true
}

// checkBodyRest reports a rest on a body part that cannot be checked: a
// part on both sides, or an end that is not one of the part's joints.
func checkBodyRest(part, on, end string) error {
	if len(bodyParts[on]) != 1 {
		return problem("rests."+part, fmt.Sprintf("%s rests on the %s, which names both sides", part, on),
			"name one side: near."+strings.TrimSuffix(on, "s")+" or far."+strings.TrimSuffix(on, "s"))
	}
	if on == part {
		return problem("rests."+part, fmt.Sprintf("%s cannot rest on itself", part), "name the part it rests on")
	}
	if end == "" {
		return nil
	}
	if len(restEnds(on, end)) == 0 {
		return problem("rests."+part, fmt.Sprintf("the %s has no end at the %s", strings.ReplaceAll(on, ".", " "), end),
			"write the joint at one end of it, such as far.thigh by the knee")
	}
	return nil
}

// restEnds returns, for each segment of a part that has end as one of its
// joints, that segment and whether end is its far joint (its "to").
func restEnds(on, end string) map[string]bool {
	out := map[string]bool{}
	side, _, _ := strings.Cut(on, ".")
	for _, item := range bodyParts[on][0] {
		kind, name, _ := strings.Cut(item, ":")
		if kind != "seg" {
			continue
		}
		for _, g := range trunkSegments {
			if g.name == name {
				out[name] = g.to == end
			}
		}
		for _, g := range append(append([]segment(nil), legSegments...), armSegments...) {
			if side+"."+g.name != name {
				continue
			}
			switch end {
			case g.from:
				out[name] = false
			case g.to:
				out[name] = true
			}
		}
	}
	return out
}

// byTheEnd is how close to its named end, as a share of the segment's
// length, a part resting "by the knee" must touch it.
const byTheEnd = 0.35

// checkOnBody checks a part that rests on a body part: each member
// touches it, neither floating off nor sunk deep into it, and, for a rest
// "by the knee", close to that end.
func (s *Scene) checkOnBody(part, on, end string) []error {
	type cap struct {
		name string
		a, b vec
		r    float64
	}
	var caps []cap
	for _, item := range bodyParts[on][0] {
		kind, name, _ := strings.Cut(item, ":")
		switch kind {
		case "seg":
			for _, g := range s.Body.segments {
				if g.name == name {
					caps = append(caps, cap{name, s.Body.Joints[g.from], s.Body.Joints[g.to], g.radius})
				}
			}
		case "pt":
			base := name
			if _, after, ok := strings.Cut(name, "."); ok {
				base = after
			}
			caps = append(caps, cap{name, s.Body.Joints[name], s.Body.Joints[name], pointR[base]})
		default:
			for _, bl := range s.Body.blobs([]string{"trunk"}) {
				caps = append(caps, cap{"trunk", bl.p, bl.p, bl.r})
			}
		}
	}
	ends := restEnds(on, end)
	onName := strings.ReplaceAll(on, ".", " ")
	var errs []error
	for _, m := range bodyParts[part] {
		gap, along, at := math.Inf(1), 0.0, ""
		for _, b := range s.Body.blobs(m) {
			for _, c := range caps {
				t, d := closestOnSegment(b.p, c.a, c.b)
				if g := d - b.r - c.r; g < gap {
					gap, at = g, c.name
					along = t
				}
			}
		}
		what := memberName(part, m)
		switch {
		case gap > touchTol:
			errs = append(errs, problem("rests."+part, fmt.Sprintf("%s should rest on the %s but is %.0f cm away from it", what, onName, gap*170),
				"change the angles so that it touches"))
			continue
		case gap < -2*touchTol:
			errs = append(errs, problem("rests."+part, fmt.Sprintf("%s sinks %.0f cm into the %s", what, -gap*170, onName),
				"change the angles so that it lies on it, not in it"))
			continue
		}
		if end == "" {
			continue
		}
		toEnd, ok := ends[at]
		if !ok {
			errs = append(errs, problem("rests."+part, fmt.Sprintf("%s should rest on the %s by the %s, but it touches the %s", what, onName, end, strings.ReplaceAll(at, ".", " ")),
				"change the angles so that it rests by the "+end))
			continue
		}
		if !toEnd {
			along = 1 - along
		}
		var l float64
		for _, c := range caps {
			if c.name == at {
				l = c.a.dist(c.b)
			}
		}
		if off := (1 - along) * l; off > byTheEnd*l {
			errs = append(errs, problem("rests."+part, fmt.Sprintf("%s rests on the %s %.0f cm from the %s; it should be by the %s (within %.0f cm)", what, onName, off*170, end, end, byTheEnd*l*170),
				"change the angles to bring it closer to the "+end))
		}
	}
	return errs
}

// closestOnSegment returns the parameter (0..1) of the point of the
// segment a-b closest to p, and its distance from p.
func closestOnSegment(p, a, b vec) (t, dist float64) {
	ab := b.sub(a)
	if l := ab.dot(ab); l > 1e-12 {
		t = math.Max(0, math.Min(1, p.sub(a).dot(ab)/l))
	}
	return t, p.dist(a.add(ab.scale(t)))
}

// checkOnMat reports a part that lies on the floor past the mat's edge
// (the hand of a side bridge beyond the mat's front edge, the hands of
// arms spread wide beside it): on a mat, every part down on the floor is
// on the mat, unless the pose rests it on the floor.
func (s *Scene) checkOnMat() []error {
	m := s.prop("mat")
	if len(m.boxes) == 0 {
		return nil
	}
	bx := m.boxes[0]
	// The segments of parts resting on the floor, and of every resting
	// part, to name the field at fault.
	floor, field := map[string]bool{}, map[string]string{}
	for _, part := range sortedKeys(s.fig.Rests) {
		for _, mem := range bodyParts[part] {
			for _, b := range s.Body.blobs(mem) {
				if s.fig.Rests[part] == "floor" {
					floor[b.name] = true
				}
				if _, ok := field[b.name]; !ok {
					field[b.name] = "rests." + part
				}
			}
		}
	}
	past := map[string]float64{}
	for _, b := range s.Body.allBlobs() {
		if b.p.Y-b.r > matTop+touchTol || floor[b.name] {
			continue
		}
		if out := max(bx.min.X-b.p.X, b.p.X-bx.max.X, bx.min.Z-b.p.Z, b.p.Z-bx.max.Z); out > 0.006 {
			past[b.name] = max(past[b.name], out)
		}
	}
	var errs []error
	for _, name := range sortedKeys(past) {
		where := field[name]
		if where == "" {
			where = "angles"
		}
		errs = append(errs, problem(where, fmt.Sprintf("the %s lies on the floor %.0f cm past the mat's edge", limbName(name), past[name]*170),
			"change the angles so that what lies down lies on the mat (about 70 cm wide), or rest it on the floor if it lies beside the mat"))
	}
	return errs
}

// A hand down on the floor or the mat with its shoulder high above it
// (on all fours: the Bird Dog) carries the body: the arm is straight and
// the hand under the shoulder, as the steps say ("hands under your
// shoulders"). The Bird Dog with Squares once leaned on an arm bent 22° with
// its hand 9 cm ahead of the shoulder. A low shoulder (the sphinx on its
// forearms, the child's pose reaching forward) is not a support.
const (
	supportHeight = 0.26 // the shoulder about 45 cm or more above the hand
	supportOff    = 0.06 // the wrist within about 10 cm of under the shoulder
	supportBend   = 15.0 // the elbow bent no more than this, in degrees
)

// supportProblems checks each hand that rests on the floor or the mat
// and carries the body.
func (s *Scene) supportProblems() []error {
	var errs []error
	supported := false
	for _, part := range sortedKeys(s.fig.Rests) {
		if on := s.fig.Rests[part]; on != "floor" && on != "mat" {
			continue
		}
		for _, side := range []string{"near", "far"} {
			if part != "hands" && part != side+".hand" {
				continue
			}
			j := s.Body.Joints
			sh, el, wr := j[side+".shoulder"], j[side+".elbow"], j[side+".wrist"]
			if sh.Y-wr.Y < supportHeight {
				continue
			}
			u, v := el.sub(sh), wr.sub(el)
			bend := math.Acos(max(-1, min(1, u.dot(v)/(u.length()*v.length())))) * 180 / math.Pi
			off := math.Hypot(wr.X-sh.X, wr.Z-sh.Z)
			if bend > supportBend || off > supportOff {
				errs = append(errs, problem("rests."+part, fmt.Sprintf("the %s hand carries the body, but its elbow is bent %.0f° and the hand is %.0f cm from under the shoulder (a supporting arm is straight, the hand under the shoulder)",
					side, bend, off*170), "straighten the elbow and set the arm upright under the shoulder: its shoulder angle about the pelvis's"))
			}
			supported = true
		}
	}
	// On all fours the head stays in line with the back ("neck long,
	// eyes on the floor"): the Bird Dog with Squares once hung its head
	// 40° below the line of its back.
	if j := s.Body.Joints; supported {
		u, v := j["c7"].sub(j["l1"]), j["crown"].sub(j["c7"])
		if bend := math.Acos(max(-1, min(1, u.dot(v)/(u.length()*v.length())))) * 180 / math.Pi; bend > maxHeadDrop {
			errs = append(errs, problem("angles.neck", fmt.Sprintf("on all fours the head hangs %.0f° out of line with the back (at most %.0f°: neck long, eyes on the floor)", bend, maxHeadDrop),
				"bring the neck angle nearer 0, so the head continues the line of the back"))
		}
	}
	return errs
}

// maxHeadDrop is how far, in degrees, the head of a body on all fours
// may turn from the line of the upper back.
const maxHeadDrop = 25.0
