package figure_test

import (
	"fmt"
	"math"
	"testing"

	"backcare/catalog"
	"backcare/figure"
)

// propRects is where each frame draws its props and its floor: for each
// shape of class prop or ground (the floor, the "then" arrow of a
// sequence left out), in painting order, its part and its bounding box.
func propRects(d *figure.Drawing) []string {
	var out []string
	for _, sh := range d.Shapes {
		if sh.Class != figure.Prop && sh.Class != figure.Ground {
			continue
		}
		lo := figure.Point{X: math.Inf(1), Y: math.Inf(1)}
		hi := figure.Point{X: math.Inf(-1), Y: math.Inf(-1)}
		for _, p := range sh.Points {
			lo = figure.Point{X: min(lo.X, p.X), Y: min(lo.Y, p.Y)}
			hi = figure.Point{X: max(hi.X, p.X), Y: max(hi.Y, p.Y)}
		}
		// Rounded to about 1.7 mm of a person 1.70 m tall: a prop that
		// moves less does not show at any size the figure is drawn.
		r := func(v float64) float64 { return math.Round(v*1000) / 1000 }
		out = append(out, fmt.Sprintf("%s [%.3f %.3f, %.3f %.3f]", sh.Part, r(lo.X), r(lo.Y), r(hi.X), r(hi.Y)))
	}
	return out
}

// TestPropsStayPutAcrossFrames checks, for every built-in pose that moves,
// that each prop (the mat, a wall, a counter, a chair) and the floor line
// is drawn the same size and in the same place in every frame, and that
// the frames share one box: the web player shows the frames in turn in
// one place and the chart side by side, and a mat that was as long as the
// body of each frame (the Dead Bug's grew 40 cm when its leg straightened
// out) jumped under a body whose still parts stayed put.
func TestPropsStayPutAcrossFrames(t *testing.T) {
	for _, p := range catalog.Builtin().Poses() {
		if len(p.Figure.Moves) == 0 {
			continue
		}
		for _, side := range sides(p) {
			frames, err := figure.DrawFrames(p.Figure, side)
			if err != nil {
				t.Fatalf("%s: %v", p.ID, err)
			}
			if len(frames) < 2 {
				continue
			}
			name := p.ID
			if side != "" {
				name += " " + string(side)
			}
			first := propRects(frames[0])
			for i, d := range frames[1:] {
				if d.Min != frames[0].Min || d.Max != frames[0].Max {
					t.Errorf("%s: frame %d is drawn in the box %v-%v, the start in %v-%v", name, i+2, d.Min, d.Max, frames[0].Min, frames[0].Max)
				}
				got := propRects(d)
				if len(got) != len(first) {
					t.Errorf("%s: frame %d draws %d props and floors, the start %d: %v, %v", name, i+2, len(got), len(first), got, first)
					continue
				}
				for k := range got {
					if got[k] != first[k] {
						t.Errorf("%s: frame %d draws %s, the start %s", name, i+2, got[k], first[k])
					}
				}
			}
		}
	}
}

// TestMatShowsItsEdge checks that a mat seen from a little above is drawn
// with its near edge, a band in the outline's colour under its top as deep
// as the mat is thick, so that it reads as a thin mat lying on the floor:
// without it, the broad top of a mat seen from the side and a little above
// read as the front of a tall box with the body sunk in it. Seen level, the
// mat is its edge alone, and from straight above it shows none.
func TestMatShowsItsEdge(t *testing.T) {
	for _, c := range []struct {
		id   string
		edge []bool // for each view's mat
	}{
		{"curl-up", []bool{true}},            // side from above
		{"figure-four", []bool{true, false}}, // side from above, and level from the foot end
		{"zombie-crawl", []bool{true}},       // side from above, face down
		{"sphinx", []bool{false}},            // side, level
		{"supine-twist", []bool{false}},      // straight above
	} {
		p, err := catalog.Builtin().Pose(c.id)
		if err != nil {
			t.Fatal(err)
		}
		d, err := figure.Draw(p.Figure, "")
		if err != nil {
			t.Fatalf("%s: %v", c.id, err)
		}
		// Each mat, and the edges drawn right after it.
		var tops []figure.Shape
		var sides [][]figure.Shape
		for _, sh := range d.Shapes {
			switch {
			case sh.Part == "mat":
				tops = append(tops, sh)
				sides = append(sides, nil)
			case sh.Part == figure.MatSide && len(tops) > 0:
				sides[len(sides)-1] = append(sides[len(sides)-1], sh)
			case sh.Part == figure.MatSide:
				t.Errorf("%s: a mat's edge is drawn before any mat", c.id)
			}
		}
		if len(tops) != len(c.edge) {
			t.Fatalf("%s: drawn with %d mats, want %d", c.id, len(tops), len(c.edge))
		}
		for v, top := range tops {
			matEdge(t, fmt.Sprintf("%s view %d", c.id, v+1), top, sides[v], c.edge[v])
		}
	}
}

// matEdge checks the edge drawn with one mat.
func matEdge(t *testing.T, name string, top figure.Shape, sides []figure.Shape, want bool) {
	t.Helper()
	if !want {
		if len(sides) > 0 {
			t.Errorf("%s: the mat is drawn with %d edges, want none in this view", name, len(sides))
		}
		return
	}
	if len(sides) == 0 {
		t.Errorf("%s: the mat seen from a little above is drawn without its edge", name)
		return
	}
	mlo, mhi := bounds(top.Points)
	var lo, hi figure.Point
	for i, sh := range sides {
		a, b := bounds(sh.Points)
		if i == 0 {
			lo, hi = a, b
		}
		lo = figure.Point{X: min(lo.X, a.X), Y: min(lo.Y, a.Y)}
		hi = figure.Point{X: max(hi.X, b.X), Y: max(hi.Y, b.Y)}
		if a.Y < mlo.Y-1e-9 || b.Y > mhi.Y+1e-9 {
			t.Errorf("%s: a mat edge is drawn outside the mat's outline", name)
		}
		// A face of the mat's edge: its corners go round it, the first
		// and the last one above the other.
		if deep := math.Hypot(sh.Points[3].X-sh.Points[0].X, sh.Points[3].Y-sh.Points[0].Y) * 170; deep > 2 || deep < 0.5 {
			t.Errorf("%s: the mat's edge is drawn %.1f cm deep, want about its thickness (0.5 to 2 cm)", name, deep)
		}
	}
	// The edges run the mat's whole length along the foot of its outline,
	// where the mat meets the floor nearest the camera.
	if w, mw := hi.X-lo.X, mhi.X-mlo.X; w < 0.99*mw {
		t.Errorf("%s: the mat's edge is drawn %.2f long, want its whole length %.2f", name, w, mw)
	}
	if math.Abs(lo.Y-mlo.Y) > 1e-9 {
		t.Errorf("%s: the mat's edge is drawn %.3f above its outline's foot, want at it", name, lo.Y-mlo.Y)
	}
}

// bounds is the box of some points.
func bounds(pts []figure.Point) (lo, hi figure.Point) {
	lo = figure.Point{X: math.Inf(1), Y: math.Inf(1)}
	hi = figure.Point{X: math.Inf(-1), Y: math.Inf(-1)}
	for _, p := range pts {
		lo = figure.Point{X: min(lo.X, p.X), Y: min(lo.Y, p.Y)}
		hi = figure.Point{X: max(hi.X, p.X), Y: max(hi.Y, p.Y)}
	}
	return lo, hi
}
