package figure

import (
	"math"
	"slices"
	"sort"
	"strings"

	"backcare"
)

// Point is a point of a drawing: x to the right, y up, in units of the
// person's standing height. In a level view the floor is at y = 0; seen
// from above, y runs up the picture.
type Point struct{ X, Y float64 }

// Class says what a shape shows; renderers colour by it (and SVG turns it
// into a CSS class, so a page can theme it).
type Class string

// The classes, in the order they are usually painted.
const (
	Ground    Class = "ground"    // the floor
	Prop      Class = "prop"      // counter, chair, wall, mat, ...
	Far       Class = "far"       // the far arm and leg, drawn lighter
	Near      Class = "near"      // the trunk, head and near limbs
	Highlight Class = "highlight" // where the stretch is felt
	Reach     Class = "reach"     // arrows for the direction of reach
	// Shadow is the soft shadow the body casts on a mat seen from a
	// little above (Scene.shadows), painted on the mat under the body: it
	// says that the mat is a floor the body lies on, and shows a part
	// lifted a little off it apart from its shadow. A renderer paints a
	// run of shadows as one, so that their overlaps do not darken.
	Shadow Class = "shadow"
	// Space fills the space between the floor and a part lifted off it
	// (the arched lower back of the Pelvic Tilt), painted under the body:
	// only the space itself shows.
	Space Class = "space"
	// Gap shapes cut a thin outline around a body part into the body
	// parts painted before it, so that an arm across the trunk or a leg in
	// front of the other reads as its own part. A renderer erases earlier
	// body shapes (Far and Near) under a Gap shape, never props or the
	// ground, and paints nothing of its own.
	Gap Class = "gap"
	// Hidden shapes are the dashed outline of a part the pose puts out of
	// sight, under or behind the body (Figure.Hidden: the Curl-Up's hand
	// under the small of the back), drawn where the part really lies, as
	// an illustrator draws a hidden part. Like a gap, a renderer cuts it
	// into the body painted before it, dash by dash along its Points
	// (Shape.Dashes), so that it shows the page, a prop or the floor
	// behind the body in any theme, and paints nothing of its own off the
	// body. A closed Hidden shape is also a window: the body over the
	// polygon is cut HiddenSeeThrough of the way, lighter, so that the
	// part's shape shows through it; its dashes do not run along the
	// edge that closes it (a hand's, across the forearm where it goes in
	// under the body).
	Hidden Class = "hidden"
)

// Dashes of a Hidden outline, in units of the person's height: each
// dash HiddenDash long with its round ends, HiddenSpace clear between
// two, HiddenWidth across (about 3.4 cm, 1.9 cm and 1.4 cm), so that a
// hand's outline is a dozen dashes: at 5 cm, six dashes were a scatter
// of marks, not an outline.
const (
	HiddenDash  = 0.02
	HiddenSpace = 0.011
	HiddenWidth = 0.008
	// HiddenSeeThrough is how far a hidden part's window cuts the body
	// over it: the body there is drawn 45% see-through, a lighter
	// shape of the part. Dashes alone, a dozen marks on the lower back,
	// did not read as a hand at chart size.
	HiddenSeeThrough = 0.45
)

// Dashes cuts a Hidden shape's outline, along its Points (never across
// the edge that closes it), into its dashes, each an open solid line of
// the same class, width and part, with round ends, for the renderers
// that draw no dashed lines of their own; it returns any other shape as
// it is.
func (s Shape) Dashes() []Shape {
	if s.Class != Hidden || len(s.Points) < 2 {
		return []Shape{s}
	}
	pts := s.Points
	on := max(HiddenDash-s.Width, 0.002) // the line between the round ends
	period := HiddenDash + HiddenSpace
	var out []Shape
	var cur []Point
	at := 0.0 // how far along the outline
	flush := func() {
		if len(cur) >= 2 {
			out = append(out, Shape{Class: Hidden, Part: s.Part, Points: cur, Width: s.Width})
		}
		cur = nil
	}
	for i := 0; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		if l < 1e-12 {
			continue
		}
		lerp := func(t float64) Point { return Point{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t} }
		t := 0.0
		for t < l-1e-12 {
			phase := math.Mod(at+t, period)
			if phase >= on-1e-12 {
				flush() // a space: on to the next dash
				t += period - phase
				continue
			}
			if len(cur) == 0 {
				cur = append(cur, lerp(t/l))
			}
			next := min(l, t+on-phase)
			cur = append(cur, lerp(next/l))
			if next < l {
				flush() // the dash ends here; else it turns the corner
			}
			t = next
		}
		at += l
	}
	flush()
	return out
}

// GapWidth is how far a Gap shape reaches beyond the part it outlines, in
// units of the person's height: about 2 cm.
const GapWidth = 0.012

// Shape is one thing to paint: a thick line with round caps and joins, a
// filled polygon (with a rounded outline of the given width), or a filled
// circle.
type Shape struct {
	Class  Class
	Part   string  // the body part or prop it draws, e.g. "near.thigh", "counter"
	Points []Point // a polyline, or a polygon when Closed
	Closed bool
	Width  float64 // stroke width, round caps and joins; 0 for none
	Radius float64 // when > 0, a filled circle of this radius at Points[0]
}

// Drawing is a figure as flat geometry, ready for any renderer: the shapes
// in the order to paint them and the box that holds them all.
type Drawing struct {
	Shapes   []Shape
	Min, Max Point
}

// Draw places and checks a figure and returns its drawing for one side.
// For a sided pose the figure as written shows the right side (the near
// limbs are the right ones); Left draws its exact mirror image. A figure
// that works far (Figure.Works) is the other way round.
//
// For a pose that moves, Draw draws the start of the movement; DrawFrames
// draws each frame.
func Draw(f backcare.Figure, side backcare.Side) (*Drawing, error) {
	frames, err := DrawFrames(f, side)
	if err != nil {
		return nil, err
	}
	d := frames[0]
	d.bounds()
	return d, nil
}

// project turns a model point into a drawing point for the scene's view.
type projector struct {
	cos, sin   float64 // the turn from the side toward the front
	pcos, psin float64 // the camera's elevation above the floor
}

func newProjector(yaw, pitch float64) projector {
	sn, cs := math.Sincos(rad(yaw))
	ps, pc := math.Sincos(rad(pitch))
	return projector{cos: cs, sin: sn, pcos: pc, psin: ps}
}

func (pr projector) point(v vec) Point {
	d := v.X*pr.sin + v.Z*pr.cos
	return Point{v.X*pr.cos - v.Z*pr.sin, v.Y*pr.pcos - d*pr.psin}
}

// depth is how near the viewer a point is.
func (pr projector) depth(v vec) float64 {
	return (v.X*pr.sin+v.Z*pr.cos)*pr.pcos + v.Y*pr.psin
}

// Drawing flattens the scene for one side. A scene with two views draws
// them side by side, the first on the left, each on its own floor.
func (s *Scene) Drawing(side backcare.Side) *Drawing {
	return s.joinViews(s.viewDrawings(side), side)
}

// viewDrawings draws each of the scene's views on its own: the one view
// for the side, or the pair for the right side, to be joined by joinViews.
func (s *Scene) viewDrawings(side backcare.Side) []*Drawing {
	if s.second == nil {
		return []*Drawing{s.drawView(side, view{s.yaw, s.pitch})}
	}
	// The pair is drawn for the right side and mirrored whole for the
	// left, so the left side is the exact mirror image of the right.
	return []*Drawing{s.drawView(backcare.Right, view{s.yaw, s.pitch}), s.drawView(backcare.Right, *s.second)}
}

// joinViews lays the views viewDrawings drew side by side, the second
// just past the first's box, and mirrors the pair for the left side.
func (s *Scene) joinViews(ds []*Drawing, side backcare.Side) *Drawing {
	if len(ds) == 1 {
		return ds[0]
	}
	d, d2 := ds[0], ds[1]
	dx := d.Max.X - d2.Min.X + viewGap
	for _, sh := range d2.Shapes {
		pts := make([]Point, len(sh.Points))
		for k, p := range sh.Points {
			pts[k] = Point{p.X + dx, p.Y}
		}
		sh.Points = pts
		d.Shapes = append(d.Shapes, sh)
	}
	if side == backcare.Left {
		for i := range d.Shapes {
			pts := make([]Point, len(d.Shapes[i].Points))
			for k, p := range d.Shapes[i].Points {
				pts[k] = Point{-p.X, p.Y}
			}
			d.Shapes[i].Points = pts
		}
	}
	d.bounds()
	return d
}

// behindIn is the side whose limbs are drawn lighter in view v. Seen from
// the far side, the far limbs face the camera and are the ones drawn
// darker. Of two views side by side, both colour the limbs as the first
// does, so that a limb keeps its colour from one view to the other: the
// Figure-Four's bottom leg is dark seen from the far side and from the
// front, not dark in one and light in the other.
func (s *Scene) behindIn(v view) string {
	if s.second != nil {
		v = view{s.yaw, s.pitch}
	}
	if math.Cos(rad(v.yaw)) < 0 {
		return "near"
	}
	return "far"
}

// matSides are the edges of a mat that face a camera looking down on it
// from a little above: seen so, the mat's top is a broad band, and with
// nothing to show its thickness it read as the front of a tall box, the
// body sunk in it. Its edges drawn as a band of their own under the top
// say that it is a thin mat lying on the floor. Seen level, the mat is
// its edge alone; seen from straight above, it has none to show.
func matSides(pr projector, bx box) []Shape {
	if pr.psin < 0.05 || pr.pcos < 0.05 {
		return nil
	}
	lo, hi := bx.min, bx.max
	faces := []struct {
		n       vec
		corners [4]vec
	}{
		{vec{0, 0, 1}, [4]vec{{lo.X, lo.Y, hi.Z}, {hi.X, lo.Y, hi.Z}, {hi.X, hi.Y, hi.Z}, {lo.X, hi.Y, hi.Z}}},
		{vec{0, 0, -1}, [4]vec{{lo.X, lo.Y, lo.Z}, {hi.X, lo.Y, lo.Z}, {hi.X, hi.Y, lo.Z}, {lo.X, hi.Y, lo.Z}}},
		{vec{1, 0, 0}, [4]vec{{hi.X, lo.Y, lo.Z}, {hi.X, lo.Y, hi.Z}, {hi.X, hi.Y, hi.Z}, {hi.X, hi.Y, lo.Z}}},
		{vec{-1, 0, 0}, [4]vec{{lo.X, lo.Y, lo.Z}, {lo.X, lo.Y, hi.Z}, {lo.X, hi.Y, hi.Z}, {lo.X, hi.Y, lo.Z}}},
	}
	var sh []Shape
	for _, f := range faces {
		if f.n.X*pr.sin+f.n.Z*pr.cos < 0.05 {
			continue
		}
		pts := make([]Point, 4)
		for i, c := range f.corners {
			pts[i] = pr.point(c)
		}
		sh = append(sh, Shape{Class: Prop, Part: MatSide, Points: pts, Closed: true, Width: 0.004})
	}
	return sh
}

// shadowReach is how far above the mat a part of the body casts a shadow
// on it (about 14 cm): the parts lying on it and those lifted a little off
// it, a lifted knee or elbow apart from its shadow. A part higher up casts
// none: a knee up in the air with a shadow far under it on the mat would
// read as a second leg lying there.
const shadowReach = 0.08

// shadows are the shadows the body casts straight down on a mat seen
// from a little above (matSides): each solid segment of the body, as far
// as it is within shadowReach of the mat, laid flat on the mat's top and
// cut to its edges (mat, the box of the mat). Past the mat's edge, on the
// white of the page, a shadow read as another limb. The head casts none:
// its oval on the mat read as a pillow under it (two fresh reviewers).
func (s *Scene) shadows(pr projector, mat box) []Shape {
	ground := s.ground()
	var caps []capsule
	for _, g := range []string{"far.leg", "far.arm", "trunk", "near.leg", "near.arm"} {
		caps = append(caps, s.Body.capsules(g)...)
	}
	var out []Shape
	for _, c := range caps {
		ha, hb := c.a.Y-c.r-ground, c.b.Y-c.r-ground
		if ha > shadowReach && hb > shadowReach {
			continue
		}
		a, b := c.a, c.b
		// Clip the segment to where it is within reach of the mat.
		if ha > shadowReach {
			a = b.add(a.sub(b).scale((shadowReach - hb) / (ha - hb)))
		}
		if hb > shadowReach {
			b = a.add(b.sub(a).scale((shadowReach - ha) / (hb - ha)))
		}
		a.Y, b.Y = ground, ground
		var pts []Point
		for _, q := range clipToBox(flatCapsule(a, b, c.r), mat) {
			pts = append(pts, pr.point(q))
		}
		if len(pts) >= 3 {
			out = append(out, Shape{Class: Shadow, Part: "shadow", Points: pts, Closed: true})
		}
	}
	return out
}

// clipToBox cuts a level polygon to the box's extent across the floor
// (x and z), one edge at a time.
func clipToBox(poly []vec, bx box) []vec {
	edges := []struct {
		inside func(v vec) bool
		at     func(a, b vec) float64 // where along a..b the edge crosses
	}{
		{func(v vec) bool { return v.X >= bx.min.X }, func(a, b vec) float64 { return (bx.min.X - a.X) / (b.X - a.X) }},
		{func(v vec) bool { return v.X <= bx.max.X }, func(a, b vec) float64 { return (bx.max.X - a.X) / (b.X - a.X) }},
		{func(v vec) bool { return v.Z >= bx.min.Z }, func(a, b vec) float64 { return (bx.min.Z - a.Z) / (b.Z - a.Z) }},
		{func(v vec) bool { return v.Z <= bx.max.Z }, func(a, b vec) float64 { return (bx.max.Z - a.Z) / (b.Z - a.Z) }},
	}
	for _, e := range edges {
		var out []vec
		for i, cur := range poly {
			prev := poly[(i+len(poly)-1)%len(poly)]
			switch ci, pi := e.inside(cur), e.inside(prev); {
			case ci && !pi:
				out = append(out, prev.add(cur.sub(prev).scale(e.at(prev, cur))), cur)
			case ci:
				out = append(out, cur)
			case pi:
				out = append(out, prev.add(cur.sub(prev).scale(e.at(prev, cur))))
			}
		}
		poly = out
		if len(poly) == 0 {
			return nil
		}
	}
	return poly
}

// flatCapsule is the outline, on the level plane through a and b, of a
// capsule from a to b, r round: a polygon, so that a renderer can fill it,
// and clip to it, as it does any prop. Seen from a little above it is
// drawn flattened, as a shadow on the floor is.
func flatCapsule(a, b vec, r float64) []vec {
	ang := math.Atan2(b.Z-a.Z, b.X-a.X)
	const n = 8 // points on each half circle
	var pts []vec
	for i := 0; i <= n; i++ {
		t := ang - math.Pi/2 + math.Pi*float64(i)/n
		pts = append(pts, vec{b.X + r*math.Cos(t), a.Y, b.Z + r*math.Sin(t)})
	}
	for i := 0; i <= n; i++ {
		t := ang + math.Pi/2 + math.Pi*float64(i)/n
		pts = append(pts, vec{a.X + r*math.Cos(t), a.Y, a.Z + r*math.Sin(t)})
	}
	return pts
}

// MatSide is the Part of a shape that draws an edge of a mat (matSides).
const MatSide = "mat side"

// viewGap is the space between two views of a figure, in H.
const viewGap = 0.18

// drawView flattens the scene as one camera sees it.
func (s *Scene) drawView(side backcare.Side, v view) *Drawing {
	pr := newProjector(v.yaw, v.pitch)
	d := &Drawing{}
	j := s.Body.Joints
	p := func(name string) Point { return pr.point(j[name]) }

	// Props behind the figure.
	var props []Shape
	for _, pp := range s.props {
		if !s.propShown(pp, v) {
			continue
		}
		for _, bx := range pp.boxes {
			var pts []Point
			for i := 0; i < 8; i++ {
				c := bx.min
				if i&1 != 0 {
					c.X = bx.max.X
				}
				if i&2 != 0 {
					c.Y = bx.max.Y
				}
				if i&4 != 0 {
					c.Z = bx.max.Z
				}
				pts = append(pts, pr.point(c))
			}
			props = append(props, Shape{Class: Prop, Part: pp.name, Points: hull(pts), Closed: true, Width: 0.006})
			if pp.name == "mat" {
				if sides := matSides(pr, bx); len(sides) > 0 {
					// Its top a plain field, no outline round it:
					// outlined, it was a panel standing up.
					props[len(props)-1].Width = 0
					props = append(props, sides...)
					props = append(props, s.shadows(pr, bx)...)
				}
			}
		}
	}

	// The body, far groups first.
	var groups []group
	behind := s.behindIn(v)
	for _, g := range []string{"far.leg", "far.arm", "trunk", "near.leg", "near.arm"} {
		side, kind, _ := strings.Cut(g, ".")
		cls := Near
		if side == behind {
			cls = Far
		}
		var sh []Shape
		var joints []string
		capsule := func(seg string, a, b string, r float64) {
			sh = append(sh, Shape{Class: cls, Part: seg, Points: []Point{p(a), p(b)}, Width: 2 * r})
			joints = append(joints, a, b)
		}
		switch kind {
		case "leg":
			s := side + "."
			sh = append(sh, Shape{Class: cls, Part: s + "foot", Points: []Point{p(s + "ankle"), p(s + "heel"), p(s + "ball")}, Closed: true, Width: 2 * footR})
			capsule(s+"toes", s+"ball", s+"toetip", toesR)
			capsule(s+"shin", s+"knee", s+"ankle", shinR)
			capsule(s+"thigh", s+"hip", s+"knee", thighR)
		case "arm":
			s := side + "."
			capsule(s+"upperarm", s+"shoulder", s+"elbow", upperArmR)
			capsule(s+"forearm", s+"elbow", s+"wrist", forearmR)
			capsule(s+"hand", s+"wrist", s+"fingertips", handR)
		default:
			ring := []string{"near.hipedge", "near.waist", "near.shoulderedge", "far.shoulderedge", "far.waist", "far.hipedge"}
			var pts []Point
			for _, n := range ring {
				pts = append(pts, p(n))
			}
			sh = append(sh, Shape{Class: Near, Part: "trunk", Points: pts, Closed: true, Width: 2 * trunkR})
			sh = append(sh, Shape{Class: Near, Part: "back", Points: []Point{p("pelvis"), p("l1"), p("c7")}, Width: 2 * trunkR})
			capsule("neck", "c7", "c1", neckR)
			joints = append(joints, ring...)
		}
		var depth float64
		for _, n := range joints {
			depth += pr.depth(j[n])
		}
		groups = append(groups, group{name: g, shapes: sh, depth: depth / float64(len(joints)), caps: s.Body.capsules(g)})
	}
	// The head is a group of its own, ordered by depth like the limbs, so
	// that an arm reaching past it on the near side (the Zombie Crawl, the
	// Face-Down Reach) is painted over it, and one on the far side passes
	// behind it. It always comes after the trunk: it shows at a glance
	// which end of the body is which. The nose shows which way the face
	// looks.
	nb := j["head"].add(j["nose"].sub(j["head"]).scale(0.6))
	head := []Shape{
		{Class: Near, Part: "head", Points: []Point{p("head")}, Radius: headR},
		{Class: Near, Part: "nose", Points: noseNub(pr, j["head"], nb, j["nose"]), Width: 0.024},
	}
	head = append(head, s.ears(pr)...)
	if s.fig.Eyes != "" {
		head = append(head, s.eyes(pr)...)
	}
	groups = append(groups, group{name: "head", shapes: head, depth: pr.depth(j["head"]), caps: []capsule{{j["head"], j["head"], headR}}})
	groups = paintOrder(splitHands(groups, pr), pr)

	// Each highlight is painted with the body part it marks, so the parts
	// in front of that one (the head over a highlighted arm, a knee across
	// a highlighted lower back) are painted over it.
	hl := s.highlights(pr)
	after := make(map[int][]Shape)
	for _, h := range hl {
		at := -1
		for i, g := range groups {
			if slices.Contains(highlightGroups(h.Part), g.name) {
				at = i
			}
		}
		after[at] = append(after[at], h)
	}

	var body []Shape
	for i, g := range groups {
		if i > 0 {
			for k, sh := range g.shapes {
				if sh.Class == Gap {
					continue // a line cut into the part itself (a closed lid)
				}
				gap, ok := gapOf(sh)
				if ok && g.into && k == len(g.shapes)-1 {
					gap, ok = openEnd(gap)
				}
				if ok {
					body = append(body, gap)
				}
			}
		}
		body = append(body, g.shapes...)
		body = append(body, after[i]...)
	}
	body = append(body, after[-1]...)
	d.Shapes = append(d.Shapes, props...)
	d.Shapes = append(d.Shapes, s.spaces(pr)...)
	d.Shapes = append(d.Shapes, body...)
	d.Shapes = append(d.Shapes, s.hiddenOutlines(pr)...)
	d.Shapes = append(d.Shapes, s.arrows(pr)...)
	d.Shapes = append(d.Shapes, s.paths(pr)...)

	// The floor spans the figure and its props. Seen from above, it is
	// drawn along the front edge of what stands on it, and a mat, seen as a
	// flat shape, shows the floor by itself.
	d.bounds()
	if v.pitch == 0 || !s.mat {
		y := s.floorEdge(pr, v.pitch)
		ground := Shape{Class: Ground, Part: "floor", Closed: true, Points: []Point{
			{d.Min.X - 0.06, y}, {d.Max.X + 0.06, y}, {d.Max.X + 0.06, y - 0.022}, {d.Min.X - 0.06, y - 0.022},
		}}
		d.Shapes = append([]Shape{ground}, d.Shapes...)
	}
	if side == backcare.Left {
		// The left side is the right side's mirror image.
		for i := range d.Shapes {
			pts := make([]Point, len(d.Shapes[i].Points))
			for k, p := range d.Shapes[i].Points {
				pts[k] = Point{-p.X, p.Y}
			}
			d.Shapes[i].Points = pts
		}
	}
	d.bounds()
	return d
}

// acrossWall is the least |cos| of the turn from the side at which a view
// sees a wall beside the body across, face on (the side view, 1, and the
// three-quarter one, 0.77), rather than edge on (the front, 0).
const acrossWall = 0.5

// propShown reports whether view v draws the prop. A wall beside the body
// seen across, from the side or turned toward the front, is a panel
// behind the whole body, which reads as a wall behind the person, not one
// beside them (the Standing Psoas Lunge, the lean into it and the arm
// reaching over toward it lost against it): when the other view of two
// sees it edge on, as a strip beside the body, it is drawn there alone.
func (s *Scene) propShown(pp prop, v view) bool {
	if pp.name != "wall" || pp.place != "beside" || s.second == nil {
		return true
	}
	across := func(v view) bool { return math.Abs(math.Cos(rad(v.yaw))) >= acrossWall }
	other := *s.second
	if v == other {
		other = view{s.yaw, s.pitch}
	}
	return !across(v) || across(other)
}

// noseNub returns the line the nose is drawn along, from its base nb to its
// tip. Seen from a little above, a face turned down to the floor (the Zombie
// Crawl) or up to the ceiling is seen a little foreshortened, and its nose
// would end inside the head's disc, drawn larger than the head: the head
// had no face, and face down could not be told from face up. Seen nearly
// side-on (85% or more), the nose is drawn a little longer than from the
// side, so that it sticks out of the head toward the floor or the ceiling
// and still shows on the chart.
func noseNub(pr projector, head, nb, nose vec) []Point {
	c, b, t := pr.point(head), pr.point(nb), pr.point(nose)
	side := nose.dist(head)
	o := math.Hypot(t.X-c.X, t.Y-c.Y)
	if o >= side || o < 0.85*side {
		return []Point{b, t}
	}
	k := (side + noseOut) / o
	at := func(p Point) Point { return Point{c.X + (p.X-c.X)*k, c.Y + (p.Y-c.Y)*k} }
	return []Point{at(b), at(t)}
}

// noseOut is how much longer than from the side the nose of a face seen
// from a little above is drawn (about 2 cm).
const noseOut = 0.012

// splitHands gives a hand that lies under the trunk, while the rest of its
// arm is in front of it, a group of its own, so that the trunk is painted
// over the hand: the hands slid under the small of the back in a curl-up
// disappear under the body instead of lying on the belly.
func splitHands(groups []group, pr projector) []group {
	ti := slices.IndexFunc(groups, isGroup("trunk"))
	if ti < 0 {
		return groups
	}
	trunk := groups[ti].caps
	out := groups[:0:0]
	for _, g := range groups {
		side, kind, _ := strings.Cut(g.name, ".")
		if kind != "arm" || len(g.caps) != 3 || len(g.shapes) != 3 {
			out = append(out, g)
			continue
		}
		hand := g.caps[2:]
		// A hand inside the trunk's outline, low in it, lies under the
		// small of the back whichever way the depths of the centre lines
		// vote (a hand pointing along the body, beside the spine, was
		// voted in front of the spine's line).
		mid := hand[0].a.add(hand[0].b).scale(0.5)
		under := inFront(hand, trunk, pr) < 0 || underTrunk(mid, mid, trunk) == 0 && mid.Y < lowestAxis(trunk)
		if !under || inFront(g.caps[:2], trunk, pr) <= 0 {
			out = append(out, g)
			continue
		}
		arm, h := g, g
		arm.shapes, arm.caps = slices.Clone(g.shapes[:2]), slices.Clone(g.caps[:2])
		h.name, h.shapes, h.caps = side+".hand", slices.Clone(g.shapes[2:]), slices.Clone(hand)
		// The forearm goes in under the body's edge with its hand: the
		// stretch of it under the trunk goes with the hand, so that the
		// trunk is painted over it too. Painted over the trunk to the
		// wrist, its rounded end read as a fist on the belly.
		fa := g.caps[1]
		if t := underTrunk(fa.a, fa.b, trunk); t < 1 {
			at := fa.a.add(fa.b.sub(fa.a).scale(t))
			vis, hid := g.shapes[1], g.shapes[1]
			vis.Points = []Point{pr.point(fa.a), pr.point(at)}
			hid.Points = []Point{pr.point(at), pr.point(fa.b)}
			arm.shapes[1], arm.caps[1] = vis, capsule{fa.a, at, fa.r}
			arm.into = true
			h.shapes = append([]Shape{hid}, h.shapes...)
			h.caps = append([]capsule{{at, fa.b, fa.r}}, h.caps...)
		}
		h.depth = pr.depth(hand[0].a.add(hand[0].b).scale(0.5))
		h.under = true
		out = append(out, arm, h)
	}
	return out
}

// eyes are the eyes drawn on the face, cut into it (gaps, so that they
// show the page's colour whatever the theme): for eyes: closed, lids shut
// over them, thick lines curving down; for eyes: open, written out, round
// open eyes, so that a pose done with the eyes open shows the difference
// (the Single-Leg Stance beside its Eyes Closed). A figure that says
// nothing of its eyes has no face. Seen from the side, one eye, above the
// nose and a little behind it; seen turned toward the front (three-quarter
// or front), two side by side, drawn as a pictogram draws them, both on
// the face and apart, not as the far one would really be seen, at the
// edge of the head. Large and thick enough to read on the chart, where the
// head is a few millimetres across: one lid of 4 pixels there read as a
// smile or a tick.
func (s *Scene) eyes(pr projector) []Shape {
	j := s.Body.Joints
	c := j["head"]
	fwd := j["nose"].sub(c).scale(1 / j["nose"].dist(c))
	up := j["crown"].sub(c).scale(1 / headR)
	c2 := pr.point(c)
	unit := func(v vec) Point {
		p := pr.point(c.add(v))
		dx, dy := p.X-c2.X, p.Y-c2.Y
		n := math.Hypot(dx, dy)
		if n == 0 {
			return Point{}
		}
		return Point{dx / n, dy / n}
	}
	f := pr.point(c.add(fwd.scale(headR)))
	face := Point{f.X - c2.X, f.Y - c2.Y} // the face's middle, from the head's centre
	upP := unit(up)
	at := func(p Point, along, across float64, dir Point) Point {
		return Point{p.X + dir.X*along - upP.X*across, p.Y + dir.Y*along - upP.Y*across}
	}
	eye := func(e, dir Point, half float64) Shape {
		if s.fig.Eyes == "open" {
			return Shape{Class: Gap, Part: "eyes", Points: []Point{at(e, -0.02*headR, 0, dir), at(e, 0.02*headR, 0, dir)}, Width: 0.3 * headR}
		}
		var pts []Point
		for _, k := range []float64{-1, -0.5, 0, 0.5, 1} {
			pts = append(pts, at(e, k*half, 0.07*headR*(1-k*k), dir))
		}
		return Shape{Class: Gap, Part: "eyes", Points: pts, Width: 0.16 * headR}
	}
	off := math.Hypot(face.X, face.Y) / headR // 0 seen from the front, 1 from the side
	if off > 0.8 {
		// From the side: one eye, toward the face and above the nose.
		dir := unit(fwd)
		return []Shape{eye(Point{c2.X + 0.5*face.X + 0.22*headR*upP.X, c2.Y + 0.5*face.Y + 0.22*headR*upP.Y}, dir, 0.24*headR)}
	}
	// Turned toward the front: two eyes, their middle moved toward the
	// face and drawn closer together the more the face turns away (seen
	// three-quarter, two eyes centred on the head as from the front read
	// as a face looking at the camera from a body seen side-on).
	across := Point{upP.Y, -upP.X}
	apart := 0.34 * headR * (1 - 0.25*off/0.8)
	mid := Point{c2.X + 0.5*face.X + 0.16*headR*upP.X, c2.Y + 0.5*face.Y + 0.16*headR*upP.Y}
	half := 0.6 * apart
	return []Shape{eye(at(mid, -apart, 0, across), across, half), eye(at(mid, apart, 0, across), across, half)}
}

// ears are drawn on a head whose face is turned away from the camera:
// seen from behind, or from straight above a face down on the floor (the
// Face-Down Reach), the nose is hidden behind the head and the head was a
// plain disc, a ball. Two ears, one either side where the head is widest,
// make it a head seen from the back.
func (s *Scene) ears(pr projector) []Shape {
	j := s.Body.Joints
	c := j["head"]
	fwd := j["nose"].sub(c).scale(1 / j["nose"].dist(c))
	if pr.depth(fwd) > -earsAway {
		return nil
	}
	up := j["crown"].sub(c).scale(1 / headR)
	lat := up.cross(fwd)
	lat = lat.scale(1 / lat.length())
	var out []Shape
	for _, k := range []float64{-1, 1} {
		a, b := c.add(lat.scale(k*0.8*headR)), c.add(lat.scale(k*(headR+earOut)))
		out = append(out, Shape{Class: Near, Part: "ears", Points: []Point{pr.point(a), pr.point(b)}, Width: earWidth})
	}
	return out
}

// A face turned away from the camera by more than earsAway (the cosine
// of about 45°) shows its ears, earOut (about 2.5 cm) beyond the head's
// outline and earWidth (about 4 cm) across, big enough to read on the
// chart.
const (
	earsAway = 0.7
	earOut   = 0.015
	earWidth = 0.024
)

// group is one body part painted as a whole: a limb, or the trunk.
type group struct {
	name   string
	shapes []Shape
	depth  float64   // mean depth of its joints: nearer is larger
	caps   []capsule // its solid parts, to find what it covers
	under  bool      // a hand under the trunk: always painted before it
	// into is an arm whose last shape, its forearm, goes in under the
	// trunk at its far end: that end has no gap, so that the forearm
	// runs on into the body rather than ending on it in a rounded tip.
	into bool
}

// capsule is a solid body segment in model space.
type capsule struct {
	a, b vec
	r    float64
}

// capsules returns the solid segments of a group ("near.leg", "trunk").
func (b *Body) capsules(g string) []capsule {
	var out []capsule
	for _, sg := range b.segments {
		if sg.group == g {
			out = append(out, capsule{b.Joints[sg.from], b.Joints[sg.to], sg.radius})
		}
	}
	if g == "trunk" {
		for _, side := range []string{"near.", "far."} {
			out = append(out, capsule{b.Joints[side+"hipedge"], b.Joints[side+"shoulderedge"], trunkR})
		}
	}
	return out
}

// paintOrder sorts the groups so that where two overlap in the drawing,
// the nearer is painted later. Groups are first sorted by mean depth;
// then any pair that overlaps is put in the order its overlap says (a
// knee opening toward the viewer over the other thigh, though the other
// leg reaches nearer on average). Cycles, which a few poses can make, are
// cut off after a few rounds, leaving the mean-depth order.
func paintOrder(groups []group, pr projector) []group {
	sort.SliceStable(groups, func(a, b int) bool { return groups[a].depth < groups[b].depth-1e-9 })
	// The head always follows the trunk it sits on.
	trunk, head := slices.IndexFunc(groups, isGroup("trunk")), slices.IndexFunc(groups, isGroup("head"))
	var trunkCaps []capsule
	if trunk >= 0 {
		trunkCaps = groups[trunk].caps
	}
	if trunk >= 0 && head >= 0 && head < trunk {
		h := groups[head]
		copy(groups[head:trunk], groups[head+1:trunk+1])
		groups[trunk] = h
	}
	// A hand under the trunk goes right before it, whatever its depth,
	// in every frame alike: one frame of the Curl-Up painted it before
	// the far leg and the other after, and the terminal, which holds
	// still parts in place shape by shape, moved the still far leg.
	if trunk >= 0 {
		var under, rest []group
		for _, g := range groups {
			if g.under {
				under = append(under, g)
			} else {
				rest = append(rest, g)
			}
		}
		if len(under) > 0 {
			at := slices.IndexFunc(rest, isGroup("trunk"))
			groups = slices.Concat(rest[:at], under, rest[at:])
		}
	}
	for round := 0; round < len(groups)*len(groups); round++ {
		moved := false
		for i := 0; i < len(groups) && !moved; i++ {
			for k := i + 1; k < len(groups); k++ {
				if groups[i].name == "trunk" && slices.ContainsFunc(groups[i+1:k+1], isGroup("head")) {
					continue // the trunk never covers the head
				}
				if groups[i].under || groups[k].under {
					continue // a hand under the trunk stays right before it
				}
				if groups[k].name == "head" && trunkCaps != nil && inFront(trunkCaps, groups[i].caps, pr) > 0 {
					// A part the trunk covers stays under the trunk, so
					// it is not painted after the head, which follows
					// the trunk: seen from above, the Child's Pose with
					// Side Reach's thigh, under the chest but over the
					// edge of the head down by the knees, was painted
					// over the chest.
					continue
				}
				if inFront(groups[i].caps, groups[k].caps, pr) > 0 {
					// groups[i] covers groups[k]: paint it right after.
					g := groups[i]
					copy(groups[i:k], groups[i+1:k+1])
					groups[k] = g
					moved = true
					break
				}
			}
		}
		if !moved {
			break
		}
	}
	return groups
}

func isGroup(name string) func(group) bool {
	return func(g group) bool { return g.name == name }
}

// highlightGroups names the groups a highlighted part belongs to; the
// highlight is painted after the last of them to be painted.
func highlightGroups(part string) []string {
	side, base, ok := strings.Cut(part, ".")
	if !ok {
		side, base = "", part
	}
	sides := []string{side}
	if side == "" {
		sides = []string{"near", "far"}
	}
	var out []string
	add := func(kind string) {
		for _, sd := range sides {
			out = append(out, sd+"."+kind)
		}
	}
	switch strings.TrimSuffix(base, "s") {
	case "thigh", "shin", "knee", "foot", "feet", "heel", "toe", "leg":
		add("leg")
	case "upperarm", "elbow", "forearm", "hand", "fingertip", "arm":
		add("arm")
	case "hip":
		add("leg")
		out = append(out, "trunk")
	case "shoulder":
		add("arm")
		out = append(out, "trunk")
	case "neck", "head", "nose":
		out = append(out, "trunk", "head")
	default: // the trunk and its sides
		out = append(out, "trunk")
	}
	return out
}

// inFront weighs how much of a lies in front of b where they overlap in
// the drawing: positive when a is mostly in front, negative when behind,
// 0 when they do not overlap.
func inFront(a, b []capsule, pr projector) float64 {
	var vote float64
	for _, ca := range a {
		for _, cb := range b {
			pa0, pa1 := pr.point(ca.a), pr.point(ca.b)
			pb0, pb1 := pr.point(cb.a), pr.point(cb.b)
			s, t, d := closest2D(pa0, pa1, pb0, pb1)
			overlap := ca.r + cb.r - d
			if overlap <= 0 {
				continue
			}
			da := pr.depth(ca.a.add(ca.b.sub(ca.a).scale(s)))
			db := pr.depth(cb.a.add(cb.b.sub(cb.a).scale(t)))
			switch {
			case da > db+1e-9:
				vote += overlap
			case db > da+1e-9:
				vote -= overlap
			}
		}
	}
	return vote
}

// closest2D returns the parameters (0..1) of the closest points of the
// segments p0-p1 and q0-q1 and their distance.
func closest2D(p0, p1, q0, q1 Point) (s, t, dist float64) {
	d1 := Point{p1.X - p0.X, p1.Y - p0.Y}
	d2 := Point{q1.X - q0.X, q1.Y - q0.Y}
	r := Point{p0.X - q0.X, p0.Y - q0.Y}
	a := d1.X*d1.X + d1.Y*d1.Y
	e := d2.X*d2.X + d2.Y*d2.Y
	f := d2.X*r.X + d2.Y*r.Y
	clamp := func(v float64) float64 { return math.Max(0, math.Min(1, v)) }
	switch {
	case a < 1e-12 && e < 1e-12:
		s, t = 0, 0
	case a < 1e-12:
		s, t = 0, clamp(f/e)
	default:
		c := d1.X*r.X + d1.Y*r.Y
		if e < 1e-12 {
			s, t = clamp(-c/a), 0
		} else {
			b := d1.X*d2.X + d1.Y*d2.Y
			den := a*e - b*b
			if den > 1e-12 {
				s = clamp((b*f - c*e) / den)
			}
			t = (b*s + f) / e
			if t < 0 {
				t, s = 0, clamp(-c/a)
			} else if t > 1 {
				t, s = 1, clamp((b-c)/a)
			}
		}
	}
	x := Point{p0.X + d1.X*s - q0.X - d2.X*t, p0.Y + d1.Y*s - q0.Y - d2.Y*t}
	return s, t, math.Hypot(x.X, x.Y)
}

// gapOf returns the gap around a body shape. A thigh's or upper arm's gap
// starts a little way down the limb, so that the limb grows out of the
// trunk rather than being ringed or notched where it joins it.
func gapOf(sh Shape) (Shape, bool) {
	gap := sh
	gap.Class = Gap
	if gap.Radius > 0 {
		gap.Radius += GapWidth
		return gap, true
	}
	gap.Width += 2 * GapWidth
	if _, seg, _ := strings.Cut(sh.Part, "."); (seg == "thigh" || seg == "upperarm") && len(sh.Points) == 2 {
		a, b := sh.Points[0], sh.Points[1]
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		// Far enough that its rounded end clears the trunk's outline
		// round the joint.
		skip := trunkR + sh.Width/2 + GapWidth
		if l <= skip {
			return gap, false // it points at the viewer: it is all joint
		}
		t := skip / l
		gap.Points = []Point{{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t}, b}
	}
	return gap, true
}

// sideHighlight is how wide a highlight along the side of the trunk is
// drawn (about 8.5 cm, not half the trunk's 20 cm).
const sideHighlight = 0.05

// floorEdge is the drawing's y of the floor's front edge: 0 in a level
// view; seen from above, the lowest point on the floor under the body and
// its props.
func (s *Scene) floorEdge(pr projector, pitch float64) float64 {
	if pitch == 0 {
		return 0
	}
	lo, hi := s.lo, s.hi
	for _, p := range s.props {
		for _, b := range p.boxes {
			lo = vec{min(lo.X, b.min.X), lo.Y, min(lo.Z, b.min.Z)}
			hi = vec{max(hi.X, b.max.X), hi.Y, max(hi.Z, b.max.Z)}
		}
	}
	y := math.Inf(1)
	for _, c := range []vec{{lo.X, 0, lo.Z}, {lo.X, 0, hi.Z}, {hi.X, 0, lo.Z}, {hi.X, 0, hi.Z}} {
		y = min(y, pr.point(c).Y)
	}
	return y
}

// highlights marks where the stretch is felt.
func (s *Scene) highlights(pr projector) []Shape {
	var out []Shape
	for _, part := range s.fig.Highlight {
		for _, m := range bodyParts[part] {
			var pts []Point
			for _, item := range m {
				kind, name, _ := strings.Cut(item, ":")
				switch kind {
				case "seg":
					for sg := range s.Body.segmentsNamed(name) {
						out = append(out, Shape{Class: Highlight, Part: part, Width: 1.1 * sg.radius,
							Points: []Point{pr.point(s.Body.Joints[sg.from]), pr.point(s.Body.Joints[sg.to])}})
					}
				case "pt":
					pts = append(pts, pr.point(s.Body.Joints[name]))
				default:
					for _, n := range []string{"pelvis", "l1", "c7"} {
						pts = append(pts, pr.point(s.Body.Joints[n]))
					}
				}
			}
			switch {
			case len(pts) == 1:
				out = append(out, Shape{Class: Highlight, Part: part, Points: pts, Radius: 0.045})
			case len(pts) > 1:
				// A band along the side, narrower than the trunk: wider,
				// turned toward the front it covered the whole trunk
				// (the Standing Psoas Lunge, once).
				out = append(out, Shape{Class: Highlight, Part: part, Points: pts, Width: sideHighlight})
			}
		}
	}
	return out
}

// arrowFrom says, for a part's last joint, the joint its arrow points away
// from: a hand reaches along the hand, a heel pushes back from the ball of
// the foot, the head reaches out of the neck.
var arrowFrom = map[string]string{
	"fingertips": "shoulder", "heel": "knee", "toetip": "ankle", "crown": "c1", "head": "c1",
	"knee": "hip", "elbow": "shoulder", "wrist": "shoulder",
}

// arrows draws the direction of reach.
// minArrowShare is the least share of its true length the limb behind a
// reach arrow is drawn at, for the arrow to be drawn in a view.
const minArrowShare = 0.45

func (s *Scene) arrows(pr projector) []Shape {
	var out []Shape
	for _, part := range s.fig.Reach {
		out = append(out, s.reachArrows(pr, part)...)
	}
	return out
}

// reachArrows draws the reach arrows of one part, one for each of its
// members.
func (s *Scene) reachArrows(pr projector, part string) []Shape {
	var out []Shape
	for _, m := range bodyParts[part] {
		tip := reachTip(m)
		base, _, _ := strings.Cut(tip, ".")
		name := tip
		if base == "near" || base == "far" {
			_, name, _ = strings.Cut(tip, ".")
		}
		from := arrowFrom[name]
		if from == "" {
			continue
		}
		if base == "near" || base == "far" {
			if from != "c1" {
				from = base + "." + from
			}
		}
		dir := s.Body.Joints[tip].sub(s.Body.Joints[from])
		if name == "heel" && s.onToes(base) {
			// A heel over a foot that stands on its tucked toes presses
			// back along the shin: from the knee through the heel, the
			// Zombie Crawl's heel arrows pointed up and back, as if the
			// heel lifted.
			shin := s.Body.Joints[base+".ankle"].sub(s.Body.Joints[from])
			dir = shin.scale(dir.length() / shin.length())
		}
		at, dir := s.clearOfWalls(s.Body.Joints[tip], s.alongFloor(tip, dir))
		a, b := pr.point(at.sub(dir)), pr.point(at)
		dx, dy := b.X-a.X, b.Y-a.Y
		n := math.Hypot(dx, dy)
		// An arrow that points mostly at the viewer or away (the
		// hands' reach seen from the head end) is drawn short and
		// reads as a push into the floor: it is left to the other view.
		if n < 0.02 || n < minArrowShare*dir.length() {
			continue
		}
		dx, dy = dx/n, dy/n
		start := Point{b.X + dx*0.05, b.Y + dy*0.05}
		end := Point{start.X + dx*0.13, start.Y + dy*0.13}
		head := Point{end.X + dx*0.05, end.Y + dy*0.05}
		out = append(out,
			Shape{Class: Reach, Part: part, Points: []Point{start, end}, Width: 0.02},
			Shape{Class: Reach, Part: part, Closed: true, Width: 0.008, Points: []Point{
				head, {end.X - dy*0.035, end.Y + dx*0.035}, {end.X + dy*0.035, end.Y - dx*0.035},
			}})
	}
	return out
}

// onToes reports whether a side's foot stands on its toes: the tips of
// its toes down on the floor or the mat and its heel well above them.
func (s *Scene) onToes(side string) bool {
	j := s.Body.Joints
	toe, heel := j[side+".toetip"], j[side+".heel"]
	return toe.Y-toesR <= s.ground()+touchTol && heel.Y-toe.Y > 0.05
}

// alongFloor returns the way a reach arrow points from a tip down on
// the floor or the mat (its lowest point within about 2 cm of it): along
// the floor, the part of it down into the floor taken out. A hand down
// on the mat reaches along it; from its shoulder through its fingertips,
// the arms' arrows of the Zombie Crawl, elbows lifted, sloped down the
// picture and the near one pointed below the mat's top, into the floor.
func (s *Scene) alongFloor(tip string, dir vec) vec {
	_, name, _ := strings.Cut(tip, ".")
	if dir.Y >= 0 || s.Body.Joints[tip].Y-pointR[name] > s.ground()+touchTol {
		return dir
	}
	flat := vec{dir.X, 0, dir.Z}
	// A hand down reaching on ahead of the body (toward the head, as
	// the hips to the base of the neck go) reaches the way the body lies:
	// seen from a little above, an arm swung out toward the camera
	// pointed its arrow down the picture, off the mat's near edge.
	if name == "fingertips" {
		body := s.Body.Joints["c7"].sub(s.Body.Joints["pelvis"])
		body.Y = 0
		if n := body.length(); n > 0 && flat.dot(body) > 0 {
			return body.scale(flat.length() / n)
		}
	}
	return flat
}

// arrowClear is how far from a wall's face a reach arrow runs: half its
// head's width and a little more, so that the head stays off the wall.
const arrowClear = 0.045

// clearOfWalls returns where a reach arrow starts and the way it points,
// from a part's tip at and its reach dir, so that it never passes into a
// wall: a reach into a wall near the tip (the raised hand of the Standing
// Psoas Lunge, up and in to the wall it touches) points along the wall's
// face instead, the part of it into the wall taken out, and the arrow
// runs clear of the face. Into the wall, its tip crossed the wall.
func (s *Scene) clearOfWalls(at, dir vec) (vec, vec) {
	for _, p := range s.props {
		if p.name != "wall" {
			continue
		}
		var n vec // toward the wall
		var gap float64
		switch p.place {
		case "ahead":
			n, gap = vec{1, 0, 0}, p.plane-at.X
		case "behind":
			n, gap = vec{-1, 0, 0}, at.X-p.plane
		default:
			n, gap = vec{0, 0, -1}, at.Z-p.plane
		}
		into := dir.dot(n)
		if into <= 0 || gap > arrowReach {
			continue
		}
		dir = dir.sub(n.scale(into))
		if gap < arrowClear {
			at = at.sub(n.scale(arrowClear - gap))
		}
	}
	return at, dir
}

// arrowReach is how far past the tip of its part a reach arrow is drawn.
const arrowReach = 0.23

// reachTip is the joint at the end of a part, where its arrow starts.
func reachTip(member []string) string {
	last := member[len(member)-1]
	kind, name, _ := strings.Cut(last, ":")
	if kind == "pt" {
		return name
	}
	side, seg, _ := strings.Cut(name, ".")
	switch seg {
	case "hand":
		return side + ".fingertips"
	case "toes":
		return side + ".toetip"
	case "neck":
		return "crown"
	}
	return ""
}

func (d *Drawing) bounds() {
	d.Min = Point{math.Inf(1), math.Inf(1)}
	d.Max = Point{math.Inf(-1), math.Inf(-1)}
	for _, s := range d.Shapes {
		if s.Class == Gap || s.Class == Hidden {
			continue // it lies within the parts it separates, or on the body
		}
		pad := s.Width / 2
		if s.Radius > 0 {
			pad = s.Radius
		}
		for _, p := range s.Points {
			d.Min = Point{min(d.Min.X, p.X-pad), min(d.Min.Y, p.Y-pad)}
			d.Max = Point{max(d.Max.X, p.X+pad), max(d.Max.Y, p.Y+pad)}
		}
	}
}

// hull returns the convex hull of pts, counter-clockwise (Andrew's monotone
// chain).
func hull(pts []Point) []Point {
	pts = append([]Point(nil), pts...)
	sort.Slice(pts, func(i, j int) bool {
		if pts[i].X != pts[j].X {
			return pts[i].X < pts[j].X
		}
		return pts[i].Y < pts[j].Y
	})
	cross := func(o, a, b Point) float64 { return (a.X-o.X)*(b.Y-o.Y) - (a.Y-o.Y)*(b.X-o.X) }
	var h []Point
	for _, p := range pts {
		for len(h) >= 2 && cross(h[len(h)-2], h[len(h)-1], p) <= 1e-12 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	lower := len(h) + 1
	for i := len(pts) - 2; i >= 0; i-- {
		p := pts[i]
		for len(h) >= lower && cross(h[len(h)-2], h[len(h)-1], p) <= 1e-12 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	return h[:len(h)-1]
}

// hiddenOutlines draws the parts the figure names hidden (Figure.Hidden)
// as dashed outlines (class Hidden), where they lie under or behind the
// body: a hand as a flat hand, palm down, with its thumb, as a hand lies
// under the small of the back; any other segment as its outline, a
// rounded bar; a point as a ring round it.
func (s *Scene) hiddenOutlines(pr projector) []Shape {
	var out []Shape
	j := s.Body.Joints
	for _, part := range s.fig.Hidden {
		for _, m := range bodyParts[part] {
			for _, item := range m {
				kind, name, _ := strings.Cut(item, ":")
				side, base, _ := strings.Cut(name, ".")
				switch {
				case kind == "seg" && base == "hand":
					// From where the forearm goes in under the trunk.
					el, wr := j[side+".elbow"], j[side+".wrist"]
					in := wr
					if t := underTrunk(el, wr, s.Body.capsules("trunk")); t < 1 {
						in = el.add(wr.sub(el).scale(t))
					}
					out = append(out, Shape{Class: Hidden, Part: name, Width: HiddenWidth, Closed: true,
						Points: flatHand(pr, in, wr, j[side+".fingertips"], side == "near")})
				case kind == "seg":
					for _, sg := range s.Body.segments {
						if sg.name == name {
							out = append(out, Shape{Class: Hidden, Part: name, Width: HiddenWidth, Closed: true,
								Points: stadium(pr.point(j[sg.from]), pr.point(j[sg.to]), sg.radius)})
						}
					}
				case kind == "pt":
					c := pr.point(j[name])
					out = append(out, Shape{Class: Hidden, Part: name, Width: HiddenWidth, Closed: true,
						Points: stadium(c, c, pointR[base])})
				}
			}
		}
	}
	return out
}

// flatHandHalf is half the width of a flat hand's palm (about 8.5 cm
// across, over twice the drawn hand's 3.8 cm: outlined as thin as the
// drawn hand, a hidden hand read as a stick, not a hand).
const flatHandHalf = 0.025

// flatHand is the outline of a hand lying flat, palm down, from the
// wrist to the fingertips, the thumb out on its side (a right hand's on
// its left, seen from above): open at the wrist, where the forearm
// goes on, or from in, where the forearm goes in under the body, its
// two sides dashed on to the wrist. A hand pointing straight up or down
// lies flat across the body.
func flatHand(pr projector, in, wrist, tips vec, right bool) []Point {
	f := tips.sub(wrist)
	l := f.length()
	if l < 1e-9 {
		return []Point{pr.point(wrist), pr.point(tips)}
	}
	f = f.scale(1 / l)
	c := vec{f.Z, 0, -f.X} // up × f: a right hand's thumb side
	if n := c.length(); n > 1e-6 {
		c = c.scale(1 / n)
	} else {
		c = vec{0, 0, 1}
	}
	if !right {
		c = c.scale(-1)
	}
	// Along the hand (a share of its length) and across it (a share of
	// half the palm's width, toward the thumb): from the wrist on the
	// little finger's side round the fingers, then the thumb, back to
	// the wrist.
	shape := [][2]float64{
		{0, -0.8}, {0.45, -1}, {0.8, -0.95}, {0.95, -0.7}, {1.02, -0.25}, {1.02, 0.25}, {0.95, 0.6},
		{0.82, 0.82}, {0.58, 0.88}, {0.62, 1.35}, {0.56, 1.7}, {0.44, 1.72}, {0.3, 1.4}, {0.12, 1}, {0, 0.8},
	}
	at := func(o vec, a, b float64) Point { return pr.point(o.add(f.scale(a * l)).add(c.scale(b * flatHandHalf))) }
	var pts []Point
	if in.dist(wrist) > 1e-6 {
		pts = append(pts, at(in, 0, -0.8))
	}
	for _, ab := range shape {
		pts = append(pts, at(wrist, ab[0], ab[1]))
	}
	if in.dist(wrist) > 1e-6 {
		pts = append(pts, at(in, 0, 0.8))
	}
	return pts
}

// stadium is the outline of a bar of radius r round the segment a-b in
// the drawing, its ends rounded, from its first point all the way round
// to it again.
func stadium(a, b Point, r float64) []Point {
	ang := math.Atan2(b.Y-a.Y, b.X-a.X)
	var pts []Point
	for _, end := range []struct {
		c    Point
		from float64
	}{{b, ang - math.Pi/2}, {a, ang + math.Pi/2}} {
		for k := 0; k <= 8; k++ {
			t := end.from + math.Pi*float64(k)/8
			pts = append(pts, Point{end.c.X + r*math.Cos(t), end.c.Y + r*math.Sin(t)})
		}
	}
	// Round again to the start, so that the dashes go all the way round.
	return append(pts, pts[0])
}

// underTrunk returns how far along the segment a-b (0 to 1) it goes in
// under the trunk's surface (the trunk's capsules), or 1 where it never
// does: where a forearm slides in under the small of the back.
func underTrunk(a, b vec, trunk []capsule) float64 {
	const steps = 40
	for k := 0; k <= steps; k++ {
		t := float64(k) / steps
		p := a.add(b.sub(a).scale(t))
		for _, c := range trunk {
			if _, d := closestOnSegment(p, c.a, c.b); d < c.r {
				return t
			}
		}
	}
	return 1
}

// lowestAxis is the height of the lowest point of the trunk's capsules'
// centre lines.
func lowestAxis(trunk []capsule) float64 {
	low := math.Inf(1)
	for _, c := range trunk {
		low = min(low, c.a.Y, c.b.Y)
	}
	return low
}

// openEnd stops the gap round a limb going in under the trunk short of
// its far end, by the gap's half-width, so that no gap rings that end:
// the limb runs on into the body. Ringed, the Curl-Up's forearm going in
// under the small of the back ended in a round knob on the trunk, which
// read as a fist.
func openEnd(gap Shape) (Shape, bool) {
	if len(gap.Points) != 2 {
		return gap, true
	}
	a, b := gap.Points[0], gap.Points[1]
	l := math.Hypot(b.X-a.X, b.Y-a.Y)
	if l <= gap.Width/2 {
		return gap, false
	}
	t := (l - gap.Width/2) / l
	gap.Points = []Point{a, {a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t}}
	return gap, true
}
