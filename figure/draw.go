package figure

import (
	"math"
	"sort"
	"strings"

	"backcare"
)

// Point is a point of a drawing: x to the right, y up, in units of the
// person's standing height, with the floor at y = 0.
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
)

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
// limbs are the right ones); Left draws its exact mirror image.
func Draw(f backcare.Figure, side backcare.Side) (*Drawing, error) {
	s, err := Place(f)
	if err != nil {
		return nil, err
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	return s.Drawing(side), nil
}

// project turns a model point into a drawing point for the scene's view.
type projector struct {
	cos, sin float64
}

func (pr projector) point(v vec) Point {
	return Point{v.X*pr.cos - v.Z*pr.sin, v.Y}
}

func (pr projector) depth(v vec) float64 { return v.X*pr.sin + v.Z*pr.cos }

// Drawing flattens the scene for one side.
func (s *Scene) Drawing(side backcare.Side) *Drawing {
	sn, cs := math.Sincos(rad(s.yaw))
	pr := projector{cos: cs, sin: sn}
	d := &Drawing{}
	j := s.Body.Joints
	p := func(name string) Point { return pr.point(j[name]) }

	// Props behind the figure.
	var props []Shape
	for _, pp := range s.props {
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
		}
	}

	// The body, far groups first.
	type group struct {
		name   string
		shapes []Shape
		depth  float64
	}
	var groups []group
	for _, g := range []string{"far.leg", "far.arm", "trunk", "near.leg", "near.arm"} {
		side, kind, _ := strings.Cut(g, ".")
		cls := Near
		if side == "far" {
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
			ring := []string{"near.hip", "near.waist", "near.shoulder", "far.shoulder", "far.waist", "far.hip"}
			var pts []Point
			for _, n := range ring {
				pts = append(pts, p(n))
			}
			sh = append(sh, Shape{Class: Near, Part: "trunk", Points: pts, Closed: true, Width: 2 * trunkR})
			sh = append(sh, Shape{Class: Near, Part: "back", Points: []Point{p("pelvis"), p("l1"), p("c7")}, Width: 2 * trunkR})
			capsule("neck", "c7", "c1", neckR)
			sh = append(sh, Shape{Class: Near, Part: "head", Points: []Point{p("head")}, Radius: headR})
			// The nose shows which way the face looks.
			nb := j["head"].add(j["nose"].sub(j["head"]).scale(0.6))
			sh = append(sh, Shape{Class: Near, Part: "nose", Points: []Point{pr.point(nb), p("nose")}, Width: 0.024})
			joints = append(joints, ring...)
		}
		var depth float64
		for _, n := range joints {
			depth += pr.depth(j[n])
		}
		groups = append(groups, group{g, sh, depth / float64(len(joints))})
	}
	sort.SliceStable(groups, func(a, b int) bool { return groups[a].depth < groups[b].depth-1e-9 })

	var body []Shape
	for _, g := range groups {
		body = append(body, g.shapes...)
	}
	d.Shapes = append(d.Shapes, props...)
	d.Shapes = append(d.Shapes, body...)
	d.Shapes = append(d.Shapes, s.highlights(pr)...)
	d.Shapes = append(d.Shapes, s.arrows(pr)...)

	// The floor spans the figure and its props.
	d.bounds()
	ground := Shape{Class: Ground, Part: "floor", Closed: true, Points: []Point{
		{d.Min.X - 0.06, 0}, {d.Max.X + 0.06, 0}, {d.Max.X + 0.06, -0.022}, {d.Min.X - 0.06, -0.022},
	}}
	d.Shapes = append([]Shape{ground}, d.Shapes...)
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
					for _, sg := range s.Body.segments {
						if sg.name == name {
							out = append(out, Shape{Class: Highlight, Part: part, Width: 1.1 * sg.radius,
								Points: []Point{pr.point(s.Body.Joints[sg.from]), pr.point(s.Body.Joints[sg.to])}})
						}
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
				out = append(out, Shape{Class: Highlight, Part: part, Points: pts, Width: 0.075})
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
func (s *Scene) arrows(pr projector) []Shape {
	var out []Shape
	for _, part := range s.fig.Reach {
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
			a, b := pr.point(s.Body.Joints[from]), pr.point(s.Body.Joints[tip])
			dx, dy := b.X-a.X, b.Y-a.Y
			n := math.Hypot(dx, dy)
			if n < 0.02 {
				continue // it points at the viewer
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
	}
	return out
}

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
