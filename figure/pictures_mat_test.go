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
