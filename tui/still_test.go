package tui

import (
	"math"
	"slices"
	"testing"

	"backcare/figure"
)

// TestHeadOnTheFloorStaysPut draws every captured pose that moves, in
// every panel, and checks that a head resting on the floor (or the mat)
// in all of a view's frames, or seen from above where the figure leaves
// it, is drawn in the same columns of dots in each: the Glute
// Bridge's and the Pelvic Tilt's heads shifted a column between the
// start and the end, the frames' difference shared between the head and
// the feet.
func TestHeadOnTheFloorStaysPut(t *testing.T) {
	draw := drawingsOf(t)
	checked := 0
	for _, id := range capturedPoses {
		ds := draw(id, segmentOf(t, id).Side)
		for v, view := range splitViews(ds) {
			if len(view) < 2 {
				continue
			}
			aligned := alignFrames(view)
			for _, p := range panels {
				l, ok := newLayout(aligned, p.cols, p.rows)
				if !ok {
					continue
				}
				var heads [][]int
				for k, d := range aligned {
					var dots []int
					for si, s := range d.Shapes {
						if !isBody(s) || s.Part != "head" || len(s.Points) == 0 {
							continue
						}
						// Still: on the floor, or (seen from above, no
						// floor) where the figure left it, give or take
						// its placing of the frame (3 cm).
						raw := view[k].Shapes[si].Points[0]
						first := headAt(view[0])
						if l.floor && s.Points[0].Y-halfWidth(s) <= l.restY+0.01 || !l.floor && math.Abs(raw.X-first.X) < 0.03 && math.Abs(raw.Y-first.Y) < 0.03 {
							// Its columns of dots: how high it is drawn is the
							// figure's (the Pelvic Tilt's head sinks 3 mm).
							w := l.cols * 2
							lo, hi := w, -1
							l.cover(s, w, l.rows*4, minStroke, 0, func(i int) { lo, hi = min(lo, i%w), max(hi, i%w) })
							dots = append(dots, lo, hi)
						}
					}
					heads = append(heads, dots)
				}
				if slices.ContainsFunc(heads, func(d []int) bool { return len(d) == 0 }) {
					continue // not on the floor in every frame
				}
				checked++
				for i := 1; i < len(heads); i++ {
					if !slices.Equal(heads[0], heads[i]) {
						t.Errorf("%s %dx%d view %d: the resting head is drawn in other columns in frame %d than in the first", id, p.cols, p.rows, v+1, i)
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no moving pose with its head on the floor, want the Glute Bridge, the Pelvic Tilt and more")
	}
}

// headAt is where a drawing's head is.
func headAt(d *figure.Drawing) figure.Point {
	for _, s := range d.Shapes {
		if isBody(s) && s.Part == "head" && len(s.Points) > 0 {
			return s.Points[0]
		}
	}
	return figure.Point{}
}
