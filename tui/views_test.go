package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"backcare/figure"
)

// moved is a copy of shapes moved by dx, dy.
func moved(shapes []figure.Shape, dx, dy float64) []figure.Shape {
	out := make([]figure.Shape, len(shapes))
	for i, s := range shapes {
		pts := make([]figure.Point, len(s.Points))
		for k, p := range s.Points {
			pts[k] = figure.Point{X: p.X + dx, Y: p.Y + dy}
		}
		s.Points = pts
		out[i] = s
	}
	return out
}

// part is a body part for the tests: a thick line.
func part(name string, x0, y0, x1, y1 float64) figure.Shape {
	return figure.Shape{Class: figure.Near, Part: name, Points: []figure.Point{{X: x0, Y: y0}, {X: x1, Y: y1}}, Width: 0.06}
}

// lyingBody is a body lying on a floor, made for the tests: trunk, head,
// arms and legs, its feet at the right.
func lyingBody() []figure.Shape {
	return []figure.Shape{
		{Class: figure.Near, Part: "trunk", Closed: true, Points: []figure.Point{{X: -0.4, Y: 0.03}, {X: 0, Y: 0.03}, {X: 0, Y: 0.12}, {X: -0.4, Y: 0.12}}, Width: 0.02},
		{Class: figure.Near, Part: "head", Points: []figure.Point{{X: -0.5, Y: 0.07}}, Radius: 0.06},
		part("near.upperarm", -0.35, 0.04, -0.2, 0.04),
		part("near.forearm", -0.2, 0.04, -0.1, 0.04),
		part("near.thigh", 0, 0.06, 0.2, 0.2),
		part("near.shin", 0.2, 0.2, 0.35, 0.04),
		part("near.foot", 0.35, 0.04, 0.42, 0.03),
	}
}

// withFloor puts a floor from x0 to x1 under shapes.
func withFloor(shapes []figure.Shape, x0, x1 float64) []figure.Shape {
	return append([]figure.Shape{slab(figure.Ground, "floor", x0, x1, -0.02, 0)}, shapes...)
}

// TestMovementKeepsStillPartsInPlace draws movements whose frames the
// figure package placed apart (the whole body a little further along in
// the end frame, as it placed the Glute Bridge and the Knee Sway's second
// view) and checks that what does not move in the movement is drawn in
// the same cells in both frames: the feet of the Glute Bridge slid 6
// cells between its frames, and the Knee Sway's second view 3.
func TestMovementKeepsStillPartsInPlace(t *testing.T) {
	start := lyingBody()
	// The end: the same body 0.15 further right, its knee lifted higher.
	end := moved(start, 0.15, 0)
	end[4] = part("near.thigh", 0.15, 0.06, 0.35, 0.3)
	end[5] = part("near.shin", 0.35, 0.3, 0.5, 0.04)
	tests := []struct {
		name   string
		frames [][]figure.Shape
	}{
		{"one view", [][]figure.Shape{withFloor(start, -0.6, 0.5), withFloor(end, -0.45, 0.65)}},
		{"the second of two views", [][]figure.Shape{
			append(withFloor(start, -0.6, 0.5), moved(withFloor(start, -0.6, 0.5), 1.5, 0)...),
			append(withFloor(start, -0.6, 0.5), moved(withFloor(end, -0.45, 0.65), 1.2, 0)...),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := []*figure.Drawing{{Shapes: tt.frames[0]}, {Shapes: tt.frames[1]}}
			for _, p := range []struct{ cols, rows int }{{80, 9}, {48, 15}, {120, 25}} {
				fs := drawFrames(ds, p.cols, p.rows)
				if len(fs) != 2 {
					t.Fatalf("%dx%d: %d frames drawn, want 2", p.cols, p.rows, len(fs))
				}
				a, b := fs[0], fs[1]
				// The head and the trunk, in each view: the cells of the
				// left of its body, which does not move.
				ca, cb := bodies(a), bodies(b)
				if len(ca) != len(cb) {
					t.Fatalf("%dx%d: %d and %d bodies drawn", p.cols, p.rows, len(ca), len(cb))
				}
				for k := range ca {
					if ca[k][0] != cb[k][0] {
						t.Errorf("%dx%d: body %d begins in column %d, then in column %d, want it to stay:\n%s\n\n%s",
							p.cols, p.rows, k+1, ca[k][0], cb[k][0], strings.Join(text(a), "\n"), strings.Join(text(b), "\n"))
					}
				}
				same, body := 0, 0
				for y := range a {
					for x := range a[y] {
						if a[y][x].kind == nearCell && still(ca, x) {
							body++
							if b[y][x] == a[y][x] {
								same++
							}
						}
					}
				}
				if body == 0 || same < body*9/10 {
					t.Errorf("%dx%d: %d of the %d cells of the still body are drawn the same in both frames, want all but a few:\n%s\n\n%s",
						p.cols, p.rows, same, body, strings.Join(text(a), "\n"), strings.Join(text(b), "\n"))
				}
			}
		})
	}
}

// bodies are the column spans of the bodies a frame draws: runs of
// columns with the body in them, parted by three or more without.
func bodies(f frame) [][2]int {
	var out [][2]int
	gap := 3
	for x := range width(f) {
		has := false
		for _, row := range f {
			has = has || x < len(row) && row[x].kind == nearCell
		}
		switch {
		case has && gap >= 3:
			out = append(out, [2]int{x, x})
		case has:
			out[len(out)-1][1] = x
		}
		if has {
			gap = 0
		} else {
			gap++
		}
	}
	return out
}

// still reports whether column x is in the left of a body, where the
// test's legs do not move.
func still(bodies [][2]int, x int) bool {
	for _, b := range bodies {
		if x >= b[0] && x <= b[1] {
			return x <= b[0]+(b[1]-b[0])*45/100
		}
	}
	return false
}

// TestMovementFitsBothFrames checks that a movement whose end reaches far
// out on one side (the Dead Bug's leg, the Bird Dog's arm) is drawn as
// large as the two frames together allow: their shared box is the union
// of both, so that the body of start and end together spans the frames'
// width, but for the floor's margins. The box was made even about the
// start's middle, which left empty room on the side the end does not
// reach to, and the Bird Dog's start used half its panel.
func TestMovementFitsBothFrames(t *testing.T) {
	start := lyingBody()
	end := append(append([]figure.Shape(nil), start...), part("far.arm", -0.45, 0.1, -1.2, 0.35))
	ds := []*figure.Drawing{{Shapes: withFloor(start, -0.6, 0.5)}, {Shapes: withFloor(end, -1.3, 0.5)}}
	for _, p := range []struct{ cols, rows int }{{80, 9}, {48, 15}, {120, 25}} {
		fs := drawFrames(ds, p.cols, p.rows)
		if len(fs) != 2 {
			t.Fatalf("%dx%d: %d frames drawn, want 2", p.cols, p.rows, len(fs))
		}
		lo, hi := width(fs[0]), -1
		for _, f := range fs {
			for _, row := range f {
				for x, c := range row {
					if c.kind == nearCell || c.kind == farCell {
						lo, hi = min(lo, x), max(hi, x)
					}
				}
			}
		}
		if span := hi - lo + 1; span < width(fs[0])-2*sideMargin-2 {
			t.Errorf("%dx%d: start and end span %d of the frames' %d columns, want all but the floor's margins:\n%s\n\n%s", p.cols, p.rows, span, width(fs[0]), strings.Join(text(fs[0]), "\n"), strings.Join(text(fs[1]), "\n"))
		}
	}
}

// TestTwoViews draws the poses drawn in two views in the rooms an 80x24
// and a 120x40 window give a figure: both views, side by side (parted by
// the divider and on one bottom row: the floor line of one, the edge of
// the other's mat) or one over the other; or, where the room is too small
// for both to read, one view alone (aloneView), filling its room. The
// Figure-Four (then drawn in two views) drew both as blobs in 15 and 24
// columns, its first view dropping below the second's floor line.
func TestTwoViews(t *testing.T) {
	draw := drawingsOf(t)
	for _, id := range []string{"standing-psoas-lunge", "knee-sway", "low-lunge-side-reach"} {
		ds := draw(id, segmentOf(t, id).Side)
		views := splitViews(ds)
		if len(views) != 2 {
			t.Errorf("%s: %d views, want 2", id, len(views))
			continue
		}
		for i := range views {
			views[i] = alignFrames(views[i])
		}
		for _, p := range []struct{ cols, rows int }{{80, 9}, {32, 15}, {48, 15}, {120, 25}, {48, 31}} {
			t.Run(fmt.Sprintf("%s/%dx%d", id, p.cols, p.rows), func(t *testing.T) {
				pair, ok := pairUp(views[0], views[1], p.cols, p.rows)
				if !ok {
					t.Fatal("no room")
				}
				la, lb := pair.layouts(views[0], views[1], p.cols, p.rows)
				// Where each view is: the size of its layout, and nothing
				// but blanks and the divider outside the views.
				fs, boxes := drawViews(ds, p.cols, p.rows)
				sizes := []layout{la, lb}
				if pair.arrangement == pairAlone {
					sizes = sizes[:1]
				}
				if len(boxes) != len(sizes) {
					t.Fatalf("%d view boxes, want %d", len(boxes), len(sizes))
				}
				for v, b := range boxes {
					if b.x1-b.x0 != sizes[v].cols || b.y1-b.y0 != sizes[v].rows {
						t.Errorf("view %d box is %dx%d, want its layout's %dx%d", v+1, b.x1-b.x0, b.y1-b.y0, sizes[v].cols, sizes[v].rows)
					}
				}
				for y, row := range fs[0] {
					for x, c := range row {
						in := false
						for _, b := range boxes {
							in = in || x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1
						}
						if !in && c.kind != blankCell && c.kind != dividerCell {
							t.Errorf("column %d, row %d (%q) is outside both views' boxes:\n%s", x, y, c.r, strings.Join(text(fs[0]), "\n"))
						}
					}
				}
				for i, f := range drawFrames(ds, p.cols, p.rows) {
					rows := strings.Join(text(f), "\n")
					divider, floor := -1, -1
					for y, row := range f {
						for x, c := range row {
							if c.kind == dividerCell {
								divider = x
							}
							if c.kind == floorCell && (divider < 0 || x < divider) {
								floor = max(floor, y)
							}
						}
					}
					w, h := width(f), len(f)
					switch pair.arrangement {
					case pairBeside:
						if divider < 0 {
							t.Fatalf("frame %d: two views side by side, no divider between them:\n%s", i, rows)
						}
						if floor >= 0 && floor != h-1 {
							t.Errorf("frame %d: the floor line is on row %d of %d, want the last: nothing drops below it:\n%s", i, floor+1, h, rows)
						}
					case pairOver:
						// A blank row under the first view parts it from the
						// second.
						blank := la.rows < h
						for x := 0; blank && x < len(f[la.rows]); x++ {
							blank = f[la.rows][x].kind == blankCell
						}
						if divider >= 0 || !blank {
							t.Errorf("frame %d: one view over the other, want a blank row between them and no divider:\n%s", i, rows)
						}
					default:
						if p.cols >= 80 || p.rows >= 25 {
							t.Errorf("frame %d: one view in a %dx%d room, want both:\n%s", i, p.cols, p.rows, rows)
						}
						if w < p.cols-1 && h < p.rows-1 {
							t.Errorf("frame %d: the first view alone is %dx%d in a %dx%d room, want it to fill it:\n%s", i, w, h, p.cols, p.rows, rows)
						}
					}
					if pair.arrangement != pairAlone && (la.cols < pairCols || la.rows < pairRows || lb.cols < pairCols/2 || lb.rows < pairRows) && pair.scale < soloGain*mustLayout(t, views[0], p.cols, p.rows).scale {
						t.Errorf("frame %d: the views are %dx%d and %dx%d together, want both legible or the first alone:\n%s", i, la.cols, la.rows, lb.cols, lb.rows, rows)
					}
				}
			})
		}
	}
}

func mustLayout(t *testing.T, ds []*figure.Drawing, cols, rows int) layout {
	t.Helper()
	l, ok := newLayout(ds, cols, rows)
	if !ok {
		t.Fatalf("no layout in %dx%d", cols, rows)
	}
	return l
}

// TestMatFromAboveIsNotAProp draws a view from above with a mat and a
// chair beside it: the mat is a box of double lines, the chair the middle
// dots of a prop. The mat was drawn in the prop's dots.
func TestMatFromAboveIsNotAProp(t *testing.T) {
	d := &figure.Drawing{Shapes: []figure.Shape{
		slab(figure.Prop, "mat", -0.6, 0.6, -0.3, 0.3),
		slab(figure.Prop, "chair", 0.8, 1.1, -0.2, 0.2),
		part("trunk", -0.4, 0, 0.4, 0),
		{Class: figure.Near, Part: "head", Points: []figure.Point{{X: -0.5, Y: 0}}, Radius: 0.07},
	}}
	fs := drawFrames([]*figure.Drawing{d}, 60, 12)
	if len(fs) != 1 {
		t.Fatalf("%d frames drawn, want 1", len(fs))
	}
	f := fs[0]
	rows := strings.Join(text(f), "\n")
	glyphs := map[rune]int{}
	for _, row := range f {
		for _, c := range row {
			switch c.kind {
			case matBoxCell, propCell:
				glyphs[c.r]++
			}
		}
	}
	for _, r := range append([]rune{matGlyph, matSideGlyph}, matCorners[:]...) {
		if glyphs[r] == 0 {
			t.Errorf("the mat has no %q: want a box of double lines:\n%s", r, rows)
		}
	}
	if glyphs[propGlyph] < 6 {
		t.Errorf("the chair is drawn in %d middle dots, want its outline:\n%s", glyphs[propGlyph], rows)
	}
	// The chair's cells are all to the right of the mat's.
	for _, row := range f {
		matEnd, chair := -1, len(row)
		for x, c := range row {
			if c.kind == matBoxCell {
				matEnd = x
			}
			if c.kind == propCell {
				chair = min(chair, x)
			}
		}
		if chair <= matEnd {
			t.Errorf("the chair's dots and the mat's lines mix:\n%s", rows)
			break
		}
	}
}

// TestArrowheadsThin checks that arrows, their heads and the arcs of
// paths included, are one dot thin everywhere: no square of four arrow
// dots, which reads as a spot of red rather than a line. Heads were solid
// two-by-two spots where their strokes met the shaft.
func TestArrowheadsThin(t *testing.T) {
	arrows := 0
	eachFrameDots(t, panels, func(at string, l layout, d *figure.Drawing, dots []dotKind) {
		w, h := l.cols*2, l.rows*4
		arrow := func(x, y int) bool { return dots[y*w+x] == arrowDot }
		for y := 0; y+1 < h; y++ {
			for x := 0; x+1 < w; x++ {
				if arrow(x, y) {
					arrows++
				}
				if arrow(x, y) && arrow(x+1, y) && arrow(x, y+1) && arrow(x+1, y+1) {
					t.Errorf("%s: a square of arrow dots at dot (%d, %d):\n%s", at, x, y, strings.Join(text(l.draw(d)), "\n"))
				}
			}
		}
	})
	if arrows == 0 {
		t.Error("no pose draws an arrow")
	}
}

// eachLayout calls fn with every view of each captured pose (its frames
// aligned) laid out in each of the panels it fits; at names the pose and
// the panel.
func eachLayout(t *testing.T, in []struct{ cols, rows int }, fn func(at string, l layout, v []*figure.Drawing)) {
	t.Helper()
	draw := drawingsOf(t)
	for _, id := range capturedPoses {
		for _, v := range splitViews(draw(id, segmentOf(t, id).Side)) {
			v = alignFrames(v)
			for _, p := range in {
				if l, ok := newLayout(v, p.cols, p.rows); ok {
					fn(fmt.Sprintf("%s %dx%d", id, p.cols, p.rows), l, v)
				}
			}
		}
	}
}

// eachFrameDots calls fn with the dots of every frame of every view of
// each captured pose, laid out in each of the panels; at names them.
func eachFrameDots(t *testing.T, in []struct{ cols, rows int }, fn func(at string, l layout, d *figure.Drawing, dots []dotKind)) {
	t.Helper()
	eachLayout(t, in, func(at string, l layout, v []*figure.Drawing) {
		for i, d := range v {
			fn(fmt.Sprintf("%s frame %d", at, i), l, d, l.dots(d))
		}
	})
}

// TestNoStrayDots checks every pose's body in every panel for stray
// dots: one touching nothing else of the body, or one standing up alone
// out of a wider part of it. The crown of the Child's Pose's head
// reached a row of dots by one, which read as a dot beside the head.
func TestNoStrayDots(t *testing.T) {
	in := append(slices.Clone(panels), struct{ cols, rows int }{80, 10}, struct{ cols, rows int }{58, 10})
	eachFrameDots(t, in, func(at string, l layout, d *figure.Drawing, dots []dotKind) {
		w, h := l.cols*2, l.rows*4
		body := func(x, y int) bool {
			return x >= 0 && y >= 0 && x < w && y < h && (dots[y*w+x] == nearDot || dots[y*w+x] == farDot)
		}
		for y := range h {
			for x := range w {
				if !body(x, y) {
					continue
				}
				around := 0
				for dy := -1; dy <= 1; dy++ {
					for dx := -1; dx <= 1; dx++ {
						if (dx != 0 || dy != 0) && body(x+dx, y+dy) {
							around++
						}
					}
				}
				nub := !body(x-1, y) && !body(x+1, y) && !body(x, y-1) && body(x, y+1) && (body(x-1, y+1) || body(x+1, y+1))
				if around == 0 || nub {
					t.Errorf("%s: a stray dot at dot (%d, %d), cell (%d, %d):\n%s", at, x, y, x/2, y/4, strings.Join(text(l.draw(d)), "\n"))
				}
			}
		}
	})
}

// TestTwoViewsGetTheirRoom plays each pose drawn in two views in an
// 80x24 and a 120x40 window and checks that its figure is legible beside
// the countdown: both views side by side, the first at least pairCols
// across, or the first alone and large. At 80x24 the Figure-Four's two
// views (since drawn as one) went one over the other in a 22-column
// panel, 18x6 and 9x6 cells, while the countdown had the rest of the width.
func TestTwoViewsGetTheirRoom(t *testing.T) {
	draw := drawingsOf(t)
	for _, id := range append(capturedPoses, "standing-psoas-lunge") {
		if len(splitViews(draw(id, segmentOf(t, id).Side))) != 2 {
			continue
		}
		for _, sz := range []struct{ w, h int }{{80, 24}, {120, 40}} {
			for _, rows := range []int{sz.h - 10, sz.h - 9} {
				t.Run(fmt.Sprintf("%s/%dx%d/%d rows", id, sz.w, sz.h, rows), func(t *testing.T) {
					m, seg := holdOf(t, id, draw, sz.w, sz.h)
					body := strings.Split(ansi.Strip(m.figureBody(seg, m.segmentText(seg, false), sz.w, rows, false)), "\n")
					first, figRows, divider := 0, 0, false
					for _, l := range body {
						n, seen := 0, false
						for _, r := range l {
							switch {
							case r == dividerGlyph:
								divider, seen = true, true
							case figureRune(r) && !seen:
								n++
							}
						}
						if n > 0 {
							figRows++
						}
						first = max(first, n)
					}
					switch {
					case divider && (first < pairCols || figRows < pairRows):
						t.Errorf("two views side by side, the first %d columns across and %d rows, want at least %dx%d:\n%s", first, figRows, pairCols, pairRows, strings.Join(body, "\n"))
					case !divider && first < 2*pairCols:
						t.Errorf("one view (or two, one over the other) %d columns across, want both views side by side or %d columns across at the least:\n%s", first, 2*pairCols, strings.Join(body, "\n"))
					}
				})
			}
		}
	}
}

func TestSwayKeepsTheTrunkInPlace(t *testing.T) {
	upper := []figure.Shape{
		{Class: figure.Near, Part: "trunk", Closed: true, Points: []figure.Point{{X: -0.4, Y: -0.08}, {X: 0, Y: -0.08}, {X: 0, Y: 0.08}, {X: -0.4, Y: 0.08}}, Width: 0.04},
		{Class: figure.Near, Part: "head", Points: []figure.Point{{X: -0.52, Y: 0}}, Radius: 0.07},
		{Class: figure.Near, Part: "neck", Points: []figure.Point{{X: -0.45, Y: 0}, {X: -0.4, Y: 0}}, Width: 0.05},
		part("near.upperarm", -0.38, -0.1, -0.2, -0.12),
		part("near.forearm", -0.2, -0.12, -0.05, -0.12),
		part("far.upperarm", -0.38, 0.1, -0.2, 0.12),
		part("far.forearm", -0.2, 0.12, -0.05, 0.12),
	}
	legs := func(dy float64) []figure.Shape {
		return []figure.Shape{
			part("near.thigh", 0, -0.05, 0.25, -0.05+dy),
			part("near.shin", 0.25, -0.05+dy, 0.45, -0.05+dy),
			part("near.foot", 0.45, -0.05+dy, 0.5, -0.05+dy),
			part("far.thigh", 0, 0.05, 0.25, 0.05+dy),
			part("far.shin", 0.25, 0.05+dy, 0.45, 0.05+dy),
			part("far.foot", 0.45, 0.05+dy, 0.5, 0.05+dy),
		}
	}
	mat := slab(figure.Prop, "mat", -0.65, 0.6, -0.3, 0.3)
	start := append(append([]figure.Shape{mat}, upper...), legs(0)...)
	end := moved(append(append([]figure.Shape{mat}, upper...), legs(-0.12)...), 0.06, 0)
	ds := []*figure.Drawing{{Shapes: start}, {Shapes: end}}
	for _, p := range []struct{ cols, rows int }{{48, 12}, {40, 9}, {80, 20}} {
		fs := drawFrames(ds, p.cols, p.rows)
		if len(fs) != 2 {
			t.Fatalf("%dx%d: %d frames drawn, want 2", p.cols, p.rows, len(fs))
		}
		// The head and the trunk: the body's cells left of the hips, a
		// third of the way across.
		w := width(fs[0]) / 3
	scan:
		for y := range fs[0] {
			for x := 0; x < w && x < len(fs[0][y]); x++ {
				a, b := fs[0][y][x], fs[1][y][x]
				if (a.kind == nearCell) != (b.kind == nearCell) {
					t.Errorf("%dx%d: the trunk or head moved between frames (column %d, row %d):\n%s\n\n%s", p.cols, p.rows, x+1, y+1, strings.Join(text(fs[0]), "\n"), strings.Join(text(fs[1]), "\n"))
					break scan
				}
			}
		}
	}
}

// TestAloneViewShowsThePose checks which view of a pose drawn in two goes
// alone where both can't be read: the one that shows what defines the
// pose. Alone, the Child's Pose with Side Reach was its side view, a low
// band that hid the reach, and the Knee Sway (then seen from the side and
// from the feet) its side view, without the sway its view from the feet
// drew; now seen from above and from the feet, it goes alone from above,
// the person lying and the knees swaying across.
func TestAloneViewShowsThePose(t *testing.T) {
	tests := []struct {
		pose string
		view int // 0 the first, 1 the second
	}{
		{"childs-pose-side-reach", 1}, // from above: the arms reaching to the side
		{"knee-sway", 0},              // from above: lying, the knees swaying across
		{"standing-psoas-lunge", 0},   // the view it is written for
		{"low-lunge-side-reach", 0},
		{"tandem-stance", 0},
	}
	draw := drawingsOf(t)
	for _, tt := range tests {
		t.Run(tt.pose, func(t *testing.T) {
			ds := draw(tt.pose, segmentOf(t, tt.pose).Side)
			views := splitViews(ds)
			if len(views) != 2 {
				t.Skipf("%d views: the figure draws it in one now", len(views))
			}
			for i := range views {
				views[i] = alignFrames(views[i])
			}
			// A room too small for both: the view alone.
			for _, p := range []struct{ cols, rows int }{{30, 6}, {24, 8}, {40, 5}, {12, 30}, {14, 40}, {20, 60}} {
				pair, ok := pairUp(views[0], views[1], p.cols, p.rows)
				if !ok || pair.arrangement != pairAlone {
					continue
				}
				got := drawFrames(ds, p.cols, p.rows)
				l, _ := newLayout(views[tt.view], p.cols, p.rows)
				want := l.drawAll(views[tt.view])
				if strings.Join(text(got[0]), "\n") != strings.Join(text(want[0]), "\n") {
					t.Errorf("%dx%d: the view alone is not view %d:\n%s\n\nwant:\n%s", p.cols, p.rows, tt.view+1, strings.Join(text(got[0]), "\n"), strings.Join(text(want[0]), "\n"))
				}
				return
			}
			// Both views go together in every room tried (a standing
			// pose): the one that would go alone.
			if got := aloneView(views[0], views[1]); got[0] != views[tt.view][0] {
				t.Errorf("the view that would go alone is not view %d", tt.view+1)
			}
		})
	}
}
