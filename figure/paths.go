package figure

import (
	"fmt"
	"math"
	"strings"

	"backcare"
)

// pathKinds are the kinds of path a figure's paths may draw, with what
// each shows.
var pathKinds = map[string]string{
	"turn":   "a curved arrow round the joint, the way the movement turns it",
	"square": "a small dashed square with an arrowhead, traced by the part",
	"sway":   "a curved two-way arrow: the part tips to one side and the other",
	"press":  "a short straight arrow down onto the part: it presses toward the floor",
	"lift":   "a short straight arrow up from the floor to just under the part: it lifts off the floor",
	"slide":  "a straight arrow along the floor, from under the knee to the part: it slides back along the floor",
	"lower":  "a curved arrow on from the part's tip, down the arc the limb lowers on",
	"space":  "a blue fill in the space between the floor and the part: it is off the floor",
	"shadow": "the leg's shadow on the floor straight under it, apart from the leg where it is off the floor",
	"reach":  "the part's reach arrow, as reach draws it, on the frame the path names",
}

// pathFrame returns a path without its frame ("press lumbar at end" ->
// "press lumbar", "end"): a path written "at start" or "at end" is drawn
// on that frame of the movement only, "" on both.
func pathFrame(p string) (path, frame string) {
	f := strings.Fields(p)
	if n := len(f); n >= 3 && f[n-2] == "at" && (f[n-1] == "start" || f[n-1] == "end") {
		return strings.Join(f[:n-2], " "), f[n-1]
	}
	return p, ""
}

// pathJoint names the joint a path is drawn at, for a part without its
// side ("knee" for "near.knee").
var pathJoint = map[string]string{
	"pelvis": "pelvis", "lumbar": "l1", "hip": "hip", "hips": "hip", "knee": "knee", "knees": "knee",
	"hand": "fingertips", "hands": "fingertips", "fingertips": "fingertips", "heel": "heel", "heels": "heel",
	"foot": "ball", "feet": "ball", "elbow": "elbow", "elbows": "elbow", "head": "head",
}

// reachable are the parts a reach path may name: those with a reach
// arrow.
var reachable = map[string]bool{"hand": true, "hands": true, "fingertips": true, "heel": true, "heels": true, "foot": true, "feet": true, "head": true}

// parsePath reads one entry of paths: "turn pelvis", "square near.hand".
// It returns the kind, the part and the joints the path is drawn at (both
// sides' for a part named without its side).
func parsePath(p string) (kind, part string, joints []string, err error) {
	p, _ = pathFrame(p)
	f := strings.Fields(p)
	if len(f) == 3 && (((f[0] == "turn" || f[0] == "lower") && (f[2] == "cw" || f[2] == "ccw")) || (f[0] == "square" && f[2] == "top")) {
		f = f[:2] // the way it turns, or where the tip is on its square, set by Frames from the moves
	}
	if len(f) != 2 || pathKinds[f[0]] == "" {
		return "", "", nil, fmt.Errorf("%q is not a path: write KIND PART, such as turn pelvis, square near.hand, sway knees, press lumbar or lift knees, optionally followed by at start or at end", p)
	}
	kind, part = f[0], f[1]
	side, base, sided := strings.Cut(part, ".")
	if !sided {
		side, base = "", part
	}
	j, ok := pathJoint[base]
	if !ok || (sided && side != "near" && side != "far") {
		return "", "", nil, fmt.Errorf("a path can be drawn at the pelvis, lumbar, hips, knees, hands, heels, feet, elbows or head, not at %q", part)
	}
	if kind == "shadow" && j != "knee" && j != "elbow" {
		return "", "", nil, fmt.Errorf("a shadow is drawn under a leg or an arm, at its knee or elbow (shadow near.knee), not at %q", part)
	}
	if kind == "reach" && !reachable[base] {
		return "", "", nil, fmt.Errorf("a reach path is drawn at the hands, heels, feet or head, which have reach arrows, not at %q", part)
	}
	switch {
	case j == "pelvis" || j == "l1" || j == "head":
		joints = []string{j}
	case sided:
		joints = []string{side + "." + j}
	default:
		joints = []string{"near." + j, "far." + j}
	}
	return kind, part, joints, nil
}

// pathsStyle: the paths are drawn as the reach arrows are, a little
// thinner, so that they read as one family of marks.
const (
	pathWidth  = 0.016
	turnRadius = 0.15
	squareSide = 0.13 // about 22 cm: big enough to read on the chart
)

// paths draws the figure's paths for one view.
func (s *Scene) paths(pr projector) []Shape {
	var out []Shape
	for _, p := range s.fig.Paths {
		kind, part, joints, err := parsePath(p)
		if err != nil {
			continue // Place reported it
		}
		var c vec
		for _, j := range joints {
			c = c.add(s.Body.Joints[j])
		}
		c = c.scale(1 / float64(len(joints)))
		switch kind {
		case "space", "shadow":
			// Painted under the body, by spaces.
		case "turn":
			out = append(out, s.turnArrow(pr, part, c)...)
		case "sway":
			// Seen from straight above, the arc across the body would
			// be a straight line through the legs: there the knees
			// swing side to side over the planted feet, drawn as an arc
			// on the floor round the feet.
			if pr.psin < 0.9 {
				out = append(out, s.swayArrow(pr, part, joints, c)...)
			} else {
				out = append(out, s.swayArrowAbove(pr, part, joints, c)...)
			}
		case "square":
			top := strings.HasSuffix(strings.TrimSpace(p), " top")
			out = append(out, squarePath(pr, part, c, s.Body.Joints[pathFrom(joints[0])], top)...)
		case "press":
			out = append(out, pressArrow(pr, part, c)...)
		case "lower":
			way := 0.0
			if fl := strings.Fields(p); len(fl) == 3 {
				way = map[string]float64{"ccw": 1, "cw": -1}[fl[2]]
			}
			for _, j := range joints {
				out = append(out, s.lowerArrow(pr, part, j, way)...)
			}
		case "reach":
			out = append(out, s.reachArrows(pr, part)...)
		case "slide":
			for _, j := range joints {
				out = append(out, s.slideArrow(pr, part, j)...)
			}
		case "lift":
			// Seen from straight above, the arrow up from the floor
			// points at the camera and is drawn as a red dash on the
			// part: leave it to the other view (the Diagonal Reach).
			if pr.psin >= 0.9 {
				continue
			}
			for _, j := range joints {
				out = append(out, s.liftArrow(pr, part, j)...)
			}
		}
	}
	return out
}

// pathFrom is the joint a square's part reaches out from, so that the
// square is drawn just beyond the tip.
func pathFrom(j string) string {
	side, base, ok := strings.Cut(j, ".")
	if !ok {
		return "pelvis"
	}
	if from := arrowFrom[base]; from != "" {
		return side + "." + from
	}
	return side + ".hip"
}

// arc returns the drawing points of an arc in model space round c, in the
// plane of the unit vectors u and w, from angle a0 to a1 (degrees, from u
// toward w).
func arc(pr projector, c, u, w vec, r, a0, a1 float64) []Point {
	const n = 16
	pts := make([]Point, 0, n+1)
	for k := 0; k <= n; k++ {
		a := rad(a0 + (a1-a0)*float64(k)/n)
		pts = append(pts, pr.point(c.add(u.scale(r*math.Cos(a))).add(w.scale(r*math.Sin(a)))))
	}
	return pts
}

// head is an arrowhead at the end of a polyline, pointing on along its
// last piece.
func head(part string, pts []Point) Shape {
	a, b := pts[len(pts)-2], pts[len(pts)-1]
	dx, dy := b.X-a.X, b.Y-a.Y
	n := math.Hypot(dx, dy)
	if n > 0 {
		dx, dy = dx/n, dy/n
	}
	return Shape{Class: Reach, Part: part, Closed: true, Width: 0.008, Points: []Point{
		{b.X + dx*0.045, b.Y + dy*0.045}, {b.X - dy*0.032, b.Y + dx*0.032}, {b.X + dy*0.032, b.Y - dx*0.032},
	}}
}

// turnArrow is a curved arrow over a joint, in the plane the body bends
// in (side view: the plane of the picture), turning the way the movement
// turns the joint: from its angle at the start to its angle at the end.
// It rides high over the joint, a little toward the head, between the
// trunk and the thigh of a person lying on the back: the Pelvic Tilt's,
// round the pelvis on the belly, hid the arch of the lower back at
// chart size.
func (s *Scene) turnArrow(pr projector, part string, c vec) []Shape {
	ccw := turnsCCW(s.fig, pathKey(part))
	a0, a1 := 72.0, 120.0
	if !ccw {
		a0, a1 = a1, a0
	}
	pts := arc(pr, c, vec{1, 0, 0}, vec{0, 1, 0}, turnRadius, a0, a1)
	return []Shape{{Class: Reach, Part: part, Points: pts, Width: pathWidth}, head(part, pts)}
}

// pathKey is the angle a turn path at a part follows: "pelvis",
// "near.knee" (for knees, the near one's).
func pathKey(part string) string {
	side, base, ok := strings.Cut(part, ".")
	if !ok {
		side, base = "near", part
	}
	j := pathJoint[base]
	switch j {
	case "pelvis":
		return "pelvis"
	case "l1":
		return "lumbar"
	case "fingertips":
		j = "wrist"
	case "heel", "ball":
		j = "ankle"
	}
	return side + "." + j
}

// turnsCCW reports whether a turn path at a joint turns counter-clockwise
// (seen from the near side, the figure facing right): as the figure's
// path says ("turn pelvis ccw", which Frames writes from the moves), else
// as its moves turn the joint. The spine's angles turn the body
// clockwise, the limbs' counter-clockwise.
func turnsCCW(f backcare.Figure, key string) bool {
	for _, p := range f.Paths {
		if fl := strings.Fields(p); len(fl) == 3 && fl[0] == "turn" && strings.HasSuffix(key, strings.TrimPrefix(strings.TrimPrefix(fl[1], "near."), "far.")) {
			return fl[2] == "ccw"
		}
	}
	delta := f.Moves[key] - f.Angles[key]
	if key == "pelvis" || key == "lumbar" || key == "thoracic" {
		return delta < 0
	}
	return delta > 0
}

// minSwaySpan is the least share of its true width, across the picture,
// a sway arrow's arc is drawn at; narrower, it is seen edge-on.
const minSwaySpan = 0.5

// swayArrow is a curved two-way arrow above a part that tips to one side
// and the other about the body's long axis (the knees in a knee sway):
// an arc round the floor under it, across the body. Knees standing on
// feet swing round the feet: the arc is centred on the floor midway
// between the feet and passes just over the knees, so that it is the
// same in both frames of the movement and ends over the knees at either
// side; centred under the knees, it moved with them from frame to frame
// and reached out past the mat on the side they leaned to. Seen from the
// side the arc is edge-on, a straight up-and-down arrow that reads as the
// knees lifting and sinking: it is left to a view from the foot end.
func (s *Scene) swayArrow(pr projector, part string, joints []string, c vec) []Shape {
	ground := vec{c.X, 0, c.Z}
	r := c.Y + 0.07
	if feet, ok := s.swayFeet(joints); ok {
		ground.Z = feet.Z
		r = math.Hypot(c.Y, c.Z-feet.Z) + 0.07
	}
	pts := arc(pr, ground, vec{0, 0, 1}, vec{0, 1, 0}, r, 62, 118)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		lo, hi = min(lo, p.X), max(hi, p.X)
	}
	if chord := 2 * r * math.Sin(rad(28)); hi-lo < minSwaySpan*chord {
		return nil
	}
	rev := make([]Point, len(pts))
	for i, p := range pts {
		rev[len(pts)-1-i] = p
	}
	return []Shape{{Class: Reach, Part: part, Points: pts, Width: pathWidth}, head(part, pts), head(part, rev)}
}

// swayArrowAbove is a sway arrow seen from straight above: a curved
// two-way arrow in the plane of the floor, round the feet the bent legs
// stand on, through a point a little past the knees, so that the knees
// read as swinging from side to side over planted feet (seen from above,
// the arc across the body would be a straight line through the legs). A
// part with no feet under it (only knees stand on feet) has none.
func (s *Scene) swayArrowAbove(pr projector, part string, joints []string, c vec) []Shape {
	feet, ok := s.swayFeet(joints)
	if !ok {
		return nil
	}
	// Centred on the line from the feet to the hips, so that the arc is
	// the same in both frames of the movement and runs out to either
	// side of the legs' middle, wherever the knees are in the frame.
	hips := s.Body.Joints["pelvis"]
	feet.Y, c.Y, hips.Y = 0, 0, 0
	d, h := c.add(feet.scale(-1)), hips.add(feet.scale(-1))
	r, hl := math.Hypot(d.X, d.Z), math.Hypot(h.X, h.Z)
	if r < 1e-6 || hl < 1e-6 {
		return nil
	}
	u := h.scale(1 / hl)
	w := vec{-u.Z, 0, u.X}
	pts := arc(pr, feet, u, w, r+0.06, -swayAbove, swayAbove)
	rev := make([]Point, len(pts))
	for i, p := range pts {
		rev[len(pts)-1-i] = p
	}
	return []Shape{{Class: Reach, Part: part, Points: pts, Width: pathWidth}, head(part, pts), head(part, rev)}
}

// swayFeet is the middle of the heels the knees of a sway stand on, and
// false for a part that is not knees (only knees stand on feet).
func (s *Scene) swayFeet(joints []string) (vec, bool) {
	var feet vec
	for _, j := range joints {
		side, name, ok := strings.Cut(j, ".")
		if !ok || name != "knee" {
			return vec{}, false
		}
		feet = feet.add(s.Body.Joints[side+".heel"])
	}
	return feet.scale(1 / float64(len(joints))), len(joints) > 0
}

// swayAbove is how far, in degrees, a sway arrow seen from above runs
// each way round the feet.
const swayAbove = 32

// squarePath is a small dashed square traced by a part's tip, with an
// arrowhead in the middle of each side, all going round the same way:
// the fist or the heel traces small squares. At the start of the
// movement the tip is at the square's bottom corner, nearest the body,
// and the square goes on beyond it and up; at its end (top) the tip has
// gone round to the corner above, so that the square stays where it was
// and the two frames show the tip at two corners of it. Drawn a hand's
// width above the tip, the square read as an icon floating free of the
// fist and the heel; with one arrowhead, where it came back onto the
// tip, which way it went round did not show at chart size.
func squarePath(pr projector, part string, tip, from vec, top bool) []Shape {
	t, f := pr.point(tip), pr.point(from)
	// dx is which way, left or right, the limb points at its tip.
	dx := 1.0
	if n := math.Hypot(t.X-f.X, t.Y-f.Y); n > 1e-9 && t.X < f.X {
		dx = -1
	}
	a := squareSide
	b := t // the bottom corner nearest the body
	if top {
		b.Y -= a
	}
	corners := []Point{b, {b.X + dx*a, b.Y}, {b.X + dx*a, b.Y + a}, {b.X, b.Y + a}, b}
	var out []Shape
	for i := 0; i+1 < len(corners); i++ {
		a, b := corners[i], corners[i+1]
		at := func(u float64) Point { return Point{a.X + (b.X-a.X)*u, a.Y + (b.Y-a.Y)*u} }
		// Each side in two dashes, with an arrowhead between.
		for _, seg := range [][2]float64{{0, 0.4}, {0.6, 1}} {
			out = append(out, Shape{Class: Reach, Part: part, Width: pathWidth * 0.8, Points: []Point{at(seg[0]), at(seg[1])}})
		}
		out = append(out, smallHead(part, at(0.3), at(0.62)))
	}
	return out
}

// smallHead is an arrowhead, smaller than a reach arrow's, with its tip
// at b, pointing from a to b.
func smallHead(part string, a, b Point) Shape {
	h := head(part, []Point{a, b})
	for i := range h.Points {
		h.Points[i] = Point{b.X + (h.Points[i].X-b.X)*squareHead, b.Y + (h.Points[i].Y-b.Y)*squareHead}
	}
	// The tip of a head is drawn beyond b: bring it back onto b.
	d := Point{h.Points[0].X - b.X, h.Points[0].Y - b.Y}
	for i := range h.Points {
		h.Points[i] = Point{h.Points[i].X - d.X, h.Points[i].Y - d.Y}
	}
	return h
}

// squareHead is the size of a square's arrowheads, as a share of a
// reach arrow's.
const squareHead = 0.7

// pressArrow is a short straight arrow from above down onto a part, its
// head stopping just over the body: the part presses toward the floor
// (the small of the back in a pelvic tilt).
func pressArrow(pr projector, part string, c vec) []Shape {
	top := c.add(vec{0, pressFrom, 0})
	end := c.add(vec{0, pressTo, 0})
	pts := []Point{pr.point(top), pr.point(end)}
	return []Shape{{Class: Reach, Part: part, Points: pts, Width: pathWidth * 1.2}, head(part, pts)}
}

// The press arrow runs from this far above the part's joint down to this
// far above it: clear of the trunk, whose half-thickness is about 0.07.
const (
	pressFrom = 0.24
	pressTo   = 0.13
)

// lowerArrow is a curved arrow just beyond a limb's tip, along the arc
// the tip follows as the whole limb turns down about its root (the
// shoulder, the hip): the Dead Bug's arm lowering behind the head and its
// leg toward the floor. About the knee, the heel of a bent leg that
// straightens as it lowers was drawn going back under the knee, where
// the foot goes out and down. It turns the way the movement takes the tip (way: +1
// counter-clockwise seen from the near side, -1 clockwise, as Frames
// writes it from the moves); without a movement, the way that takes the
// tip down, and a limb pointing straight up lowers away from the hips.
// Drawn as reach arrows along the limbs, they pointed outward, the leg's
// a little up.
func (s *Scene) lowerArrow(pr projector, part, joint string, way float64) []Shape {
	tip, from := s.Body.Joints[joint], s.Body.Joints[limbRoot(joint)]
	d := tip.sub(from)
	r := math.Hypot(d.X, d.Y) + 0.04
	th := math.Atan2(d.Y, d.X)
	sign := -math.Copysign(1, math.Cos(th))
	if math.Abs(math.Cos(th)) < 0.2 {
		away := math.Copysign(1, tip.X-s.Body.Joints["pelvis"].X)
		sign = -away / math.Sin(th)
		sign = math.Copysign(1, sign)
	}
	if way != 0 {
		sign = way
	}
	a0 := th * 180 / math.Pi
	pts := arc(pr, vec{from.X, from.Y, tip.Z}, vec{1, 0, 0}, vec{0, 1, 0}, r, a0, a0+sign*lowerSweep)
	return []Shape{{Class: Reach, Part: part, Points: pts, Width: pathWidth}, head(part, pts)}
}

// lowersCCW reports whether the movement from the angles start to end
// turns the tip of the limb of a lower path counter-clockwise about the
// limb's root (the hip, the shoulder), seen from the near side (the
// figure facing right); ok is false where the path names no one limb or
// the tip does not turn. About the knee, a bent leg straightening as it
// lowers turns its heel up.
func lowersCCW(start, end map[string]float64, part string) (ccw, ok bool) {
	_, _, joints, err := parsePath("lower " + part)
	if err != nil || len(joints) != 1 {
		return false, false
	}
	j := joints[0]
	root := limbRoot(j)
	angle := func(a map[string]float64) float64 {
		b := Pose(a)
		d := b.Joints[j].sub(b.Joints[root])
		return math.Atan2(d.Y, d.X)
	}
	turn := math.Remainder(angle(end)-angle(start), 2*math.Pi)
	if math.Abs(turn) < 1e-6 {
		return false, false
	}
	return turn > 0, true
}

// limbRoot is the joint a limb's joint swings from as the whole limb
// lowers: the shoulder for an arm's, the hip for a leg's.
func limbRoot(j string) string {
	side, base, _ := strings.Cut(j, ".")
	if base == "fingertips" || base == "wrist" || base == "elbow" {
		return side + ".shoulder"
	}
	return side + ".hip"
}

// lowerSweep is how far, in degrees, a lower arrow goes round.
const lowerSweep = 28.0

// slideArrow is a straight arrow along the floor (or the mat), under the
// limb, from under its knee to its foot: the foot slides back along the
// floor (the Leg Slide on All Fours). Drawn from the knee through the
// heel, as a reach, it sloped down past the mat's end.
func (s *Scene) slideArrow(pr projector, part, joint string) []Shape {
	side, _, _ := strings.Cut(joint, ".")
	c, k := s.Body.Joints[joint], s.Body.Joints[side+".knee"]
	ground, _ := s.liftGap(joint)
	pts := []Point{pr.point(vec{k.X, ground, c.Z}), pr.point(vec{c.X, ground, c.Z})}
	return []Shape{{Class: Reach, Part: part, Points: pts, Width: pathWidth}, head(part, pts)}
}

// liftArrow is a short straight arrow from the floor (or the mat) straight
// up to just under a joint: the part lifts off the floor (the knees and
// elbows of the Zombie Crawl). Seen from above, where a lifted part and
// one lying down look alike, its length shows the gap under the part.
// It is drawn for one joint: a part on both sides gets one arrow each.
func (s *Scene) liftArrow(pr projector, part, joint string) []Shape {
	c := s.Body.Joints[joint]
	ground, low := s.liftGap(joint)
	if low-liftClear-ground < liftMin {
		return nil // Check reports a lifted part that is down
	}
	pts := []Point{pr.point(vec{c.X, ground, c.Z}), pr.point(vec{c.X, low - liftClear, c.Z})}
	// A short bar across its foot marks the floor it lifts from.
	base := []Point{{pts[0].X - liftBar, pts[0].Y}, {pts[0].X + liftBar, pts[0].Y}}
	return []Shape{
		{Class: Reach, Part: part, Points: base, Width: pathWidth},
		{Class: Reach, Part: part, Points: pts, Width: pathWidth},
		head(part, pts),
	}
}

// liftGap returns the height of the floor (the mat's top with a mat) and
// of the underside of the body at a joint: the lowest point of the parts
// that meet there.
func (s *Scene) liftGap(joint string) (ground, low float64) {
	c := s.Body.Joints[joint]
	low = c.Y
	for _, b := range s.Body.allBlobs() {
		if d := b.p.sub(c); math.Hypot(d.X, d.Z) < b.r && b.p.Y-b.r < low {
			low = b.p.Y - b.r
		}
	}
	if s.mat {
		ground = matTop
	}
	return ground, low
}

// liftProblems reports a lift path whose part is not lifted: it is
// down on the floor, or so little above it that the picture cannot show
// the gap; and a space path with no space under its part, seen from the
// side.
func (s *Scene) liftProblems() []error {
	var errs []error
	for i, p := range s.fig.Paths {
		kind, part, joints, err := parsePath(p)
		if err == nil && kind == "space" && s.spaceFill(newProjector(0, 0), part) == nil {
			errs = append(errs, problem(fmt.Sprintf("paths.%d", i), fmt.Sprintf("the %s should be off the floor, with a space under it, but the back lies on the floor", strings.ReplaceAll(part, ".", " ")),
				"arch the lower back (lumbar below 0, the pelvis tipped forward), draw the space on the frame where it is off the floor (space lumbar at start), or leave the path out"))
		}
		if err != nil || kind != "lift" {
			continue
		}
		for _, j := range joints {
			ground, low := s.liftGap(j)
			if gap := low - liftClear - ground; gap < liftMin {
				errs = append(errs, problem(fmt.Sprintf("paths.%d", i), fmt.Sprintf("the %s should lift off the floor but is %.0f cm above it, too little to show", strings.ReplaceAll(j, ".", " "), max(0, low-ground)*170),
					"change the angles so that it lifts about 5 cm or more, or leave the path out"))
			}
		}
	}
	return errs
}

// A lift arrow stops this far under the part; a part lifted less than
// liftMin above the floor (about 4 cm) is not lifted in the picture.
const (
	liftClear = 0.008
	liftMin   = 0.024
	liftBar   = 0.028
)

// spaces draws the figure's space paths for one view: under the body, so
// that of each only the space between the floor and the body shows.
func (s *Scene) spaces(pr projector) []Shape {
	var out []Shape
	for _, p := range s.fig.Paths {
		kind, part, joints, err := parsePath(p)
		if err == nil && kind == "space" {
			out = append(out, s.spaceFill(pr, part)...)
		}
		if err == nil && kind == "shadow" {
			for _, j := range joints {
				out = append(out, s.limbShadow(pr, part, j)...)
			}
		}
	}
	return out
}

// spaceFill fills the space between the floor (the mat's top with a
// mat) and the underside of the back, from the pelvis to the base of
// the neck, where the back is off the floor: the arched lower back of
// the Pelvic Tilt. Only a level view shows it: from above, the space is
// under the body. The fill's top is the underside of the trunk's
// capsules, which the body painted over it covers exactly.
func (s *Scene) spaceFill(pr projector, part string) []Shape {
	if _, _, joints, err := parsePath("space " + part); err == nil && strings.HasSuffix(joints[0], ".knee") {
		var out []Shape
		for _, j := range joints {
			out = append(out, s.legSpace(pr, part, strings.TrimSuffix(j, ".knee"))...)
		}
		return out
	}
	if pr.psin > 0.05 {
		return nil
	}
	j := s.Body.Joints
	ground := s.ground()
	g := pr.point(vec{j["pelvis"].X, ground, j["pelvis"].Z}).Y
	// The trunk as discs along its two segments.
	var discs []Point
	for _, sg := range [][2]string{{"pelvis", "l1"}, {"l1", "c7"}} {
		a, b := j[sg[0]], j[sg[1]]
		for k := 0; k <= 24; k++ {
			discs = append(discs, pr.point(a.add(b.sub(a).scale(float64(k)/24))))
		}
	}
	under := func(x float64) (float64, bool) {
		lo, ok := math.Inf(1), false
		for _, d := range discs {
			if dx := x - d.X; math.Abs(dx) < trunkR {
				lo, ok = min(lo, d.Y-math.Sqrt(trunkR*trunkR-dx*dx)), true
			}
		}
		return lo, ok
	}
	x0, x1 := pr.point(j["pelvis"]).X, pr.point(j["c7"]).X
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	// The longest run of the floor where the back is off it.
	const n = 80
	var best, run []Point
	for k := 0; k <= n; k++ {
		x := x0 + (x1-x0)*float64(k)/n
		y, ok := under(x)
		if ok && y-g > spaceMin {
			run = append(run, Point{x, y})
			continue
		}
		if len(run) > len(best) {
			best = run
		}
		run = nil
	}
	if len(run) > len(best) {
		best = run
	}
	if len(best) < 2 {
		return nil
	}
	pts := append([]Point(nil), best...)
	pts = append(pts, Point{best[len(best)-1].X, g}, Point{best[0].X, g})
	return []Shape{{Class: Space, Part: part, Points: pts, Closed: true}}
}

// legSpace fills the space under a leg lifted off the floor (space
// knees: the Zombie Crawl's knees, lifted on straight legs): between the
// underside of the thigh and shin and the near edge of the floor under
// them, where the camera sees the floor under the leg through the space.
// Unlike the back's, it shows from a little above too: seen from above at
// 30 degrees, a straight leg lifted 8 cm at the knee lay over the mat as
// if down on it, and the lift read from its arrow alone. Seen from
// straight above there is no such space.
func (s *Scene) legSpace(pr projector, part, side string) []Shape {
	if pr.psin > 0.9 {
		return nil
	}
	j := s.Body.Joints
	ground := s.ground()
	var top, floor []Point
	var best [2][]Point
	flush := func() {
		if len(top) > len(best[0]) {
			best = [2][]Point{top, floor}
		}
		top, floor = nil, nil
	}
	for _, sg := range []struct {
		a, b string
		r    float64
	}{{side + ".hip", side + ".knee", thighR}, {side + ".knee", side + ".ankle", shinR}} {
		a, b := j[sg.a], j[sg.b]
		for k := 0; k <= 24; k++ {
			c := a.add(b.sub(a).scale(float64(k) / 24))
			p := pr.point(c)
			under := Point{p.X, p.Y - sg.r}
			f := pr.point(vec{c.X, ground, c.Z})
			// The floor under the leg ends, toward the camera, a
			// radius nearer than the line under its middle.
			f.Y -= sg.r * pr.psin
			if under.Y-f.Y > spaceMin {
				top, floor = append(top, under), append(floor, f)
				continue
			}
			flush()
		}
	}
	flush()
	if len(best[0]) < 2 {
		return nil
	}
	pts := append([]Point(nil), best[0]...)
	for k := len(best[1]) - 1; k >= 0; k-- {
		pts = append(pts, best[1][k])
	}
	return []Shape{{Class: Space, Part: part, Points: pts, Closed: true}}
}

// limbShadow draws the shadow of a leg lifted off the floor (shadow
// near.knee: the Zombie Crawl's knees, lifted on straight legs) on the
// floor, or the mat, straight under it, from the hip to the ankle, as
// wide as the leg seen from the camera's height. Seen from a little
// above, the straight leg lifted 8 cm at the knee lay over the mat as if
// down on it, and the lift read from its arrow alone; the mat between
// the leg and its shadow shows the gap. Filled instead (space knees),
// the gap was a bright blue block that read as a cushion. Seen level or
// from straight above a shadow shows nothing, and none is drawn.
func (s *Scene) limbShadow(pr projector, part, joint string) []Shape {
	if pr.psin < 0.05 || pr.psin > 0.9 {
		return nil
	}
	side, base, _ := strings.Cut(joint, ".")
	chain, r := []string{"hip", "knee", "ankle"}, shinR
	if base == "elbow" {
		chain, r = []string{"shoulder", "elbow", "wrist", "fingertips"}, forearmR
	}
	j := s.Body.Joints
	ground := s.ground()
	var pts []Point
	for _, name := range chain {
		c := j[side+"."+name]
		pts = append(pts, pr.point(vec{c.X, ground, c.Z}))
	}
	return []Shape{{Class: Shadow, Part: part, Points: pts, Width: 2 * r * pr.psin}}
}

// spaceMin is the least space, about 0.5 cm, a space fill shows.
const spaceMin = 0.003
