package tui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"backcare/catalog"
	"backcare/figure"
)

// matGlyphs counts the glyphs of a mat seen from above in a frame.
func matGlyphs(f frame) map[rune]int {
	n := map[rune]int{}
	for _, row := range f {
		for _, c := range row {
			if c.kind == matBoxCell {
				n[c.r]++
			}
		}
	}
	return n
}

// TestMatFromALittleAboveIsAStrip checks that a mat seen from a little
// above, from the side (its outline about half as tall as the mat is
// wide), is drawn as a strip under the body, a thin line for its far
// edge and a double one for its near edge, with no corners or ends: it
// was a box of double lines round a side-on body, as if seen from
// straight above. Seen from straight above, it stays a box.
func TestMatFromALittleAboveIsAStrip(t *testing.T) {
	body := []figure.Shape{
		part("trunk", -0.4, 0.05, 0.4, 0.05),
		{Class: figure.Near, Part: "head", Points: []figure.Point{{X: -0.5, Y: 0.05}}, Radius: 0.07},
	}
	tests := []struct {
		name  string
		mat   figure.Shape
		strip bool
	}{
		{"from a little above", slab(figure.Prop, "mat", -0.65, 0.6, -0.1, 0.11), true},
		{"from straight above", slab(figure.Prop, "mat", -0.65, 0.6, -0.2, 0.21), false},
		// Seen three-quarter from a little above, turned: a slanted
		// parallelogram, as tall as a mat seen from straight above.
		{"turned, from a little above", figure.Shape{Class: figure.Prop, Part: "mat", Closed: true, Points: []figure.Point{
			{X: -0.65, Y: -0.1}, {X: 0.45, Y: -0.3}, {X: 0.6, Y: 0.15}, {X: -0.5, Y: 0.35}}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &figure.Drawing{Shapes: append([]figure.Shape{tt.mat}, body...)}
			f := drawFrames([]*figure.Drawing{d}, 60, 12)[0]
			rows := strings.Join(text(f), "\n")
			n := matGlyphs(f)
			ends := n[matSideGlyph] + n[matCorners[0]] + n[matCorners[1]] + n[matCorners[2]] + n[matCorners[3]]
			switch {
			case tt.strip && (ends > 0 || n[matFarGlyph] < 2 || n[matGlyph] < 20):
				// The far edge runs behind the body (at the middle of the
				// trunk's height): it shows past the body's ends.
				t.Errorf("the mat is drawn in %d corners and ends, %d cells of its far edge and %d of its near edge, want a strip of a thin line over a double one:\n%s", ends, n[matFarGlyph], n[matGlyph], rows)
			case !tt.strip && (n[matSideGlyph] == 0 || n[matCorners[0]] != 1):
				t.Errorf("the mat seen from straight above has %d ends and %d top left corners, want a box:\n%s", n[matSideGlyph], n[matCorners[0]], rows)
			}
			if !tt.strip {
				return
			}
			// The far edge over the near one, the body between them.
			far, near := -1, -1
			for y, row := range f {
				for _, c := range row {
					if c.kind == matBoxCell && c.r == matFarGlyph && far < 0 {
						far = y
					}
					if c.kind == matBoxCell && c.r == matGlyph {
						near = y
					}
				}
			}
			if far < 0 || near <= far+1 {
				t.Errorf("far edge on row %d, near edge on row %d: want the far edge above, the body between:\n%s", far, near, rows)
			}
		})
	}
	// The poses seen from a little above, from the side.
	draw := drawingsOf(t)
	for _, id := range []string{"curl-up-elbows-up", "zombie-crawl", "bird-dog", "glute-bridge", "figure-four"} {
		p, err := catalog.Builtin().Pose(id)
		if err != nil {
			t.Fatal(err)
		}
		if v := p.Figure.View; !strings.HasSuffix(v, "from above") || strings.Contains(v, " and ") || strings.HasPrefix(v, "front") {
			continue // its view changed: no longer one from a little above, turned or from the side
		}
		for _, pn := range panels {
			for i, f := range drawFrames(draw(id, segmentOf(t, id).Side), pn.cols, pn.rows) {
				n := matGlyphs(f)
				if ends := n[matSideGlyph] + n[matCorners[0]] + n[matCorners[3]]; ends > 0 {
					t.Errorf("%s %dx%d frame %d: the mat has %d ends and corners, want a strip:\n%s", id, pn.cols, pn.rows, i, ends, strings.Join(text(f), "\n"))
				}
			}
		}
	}
}

// TestArrowsOnTheMatFromAbove checks that the arrows of a pose seen from
// straight above that start on its mat stay inside the mat's box: the
// Face-Down Reach's arrows, reaching on past the hands, crossed the
// mat's end, and its edge cut their shafts.
func TestArrowsOnTheMatFromAbove(t *testing.T) {
	d := &figure.Drawing{Shapes: []figure.Shape{
		slab(figure.Prop, "mat", -0.5, 0.6, -0.2, 0.21),
		part("trunk", -0.3, 0, 0.5, 0),
		{Class: figure.Near, Part: "head", Points: []figure.Point{{X: -0.38, Y: 0}}, Radius: 0.07},
		part("near.upperarm", -0.3, -0.1, -0.45, -0.1),
		{Class: figure.Reach, Part: "hands", Points: []figure.Point{{X: -0.47, Y: -0.1}, {X: -0.6, Y: -0.1}}, Width: 0.02},
		{Class: figure.Reach, Part: "hands", Closed: true, Width: 0.008, Points: []figure.Point{{X: -0.65, Y: -0.1}, {X: -0.6, Y: -0.065}, {X: -0.6, Y: -0.135}}},
	}}
	check := func(t *testing.T, f frame, where string) {
		t.Helper()
		x0, y0, x1, y1 := -1, -1, -1, -1
		for y, row := range f {
			for x, c := range row {
				switch c.r {
				case matCorners[0]:
					x0, y0 = x, y
				case matCorners[3]:
					x1, y1 = x, y
				}
			}
		}
		if x0 < 0 || x1 < 0 {
			return
		}
		for y, row := range f {
			for x, c := range row {
				if c.kind == arrowCell && (x <= x0 || x >= x1 || y <= y0 || y >= y1) {
					t.Errorf("%s: an arrow at column %d, row %d, on or past the mat's edge (columns %d to %d):\n%s", where, x+1, y+1, x0+1, x1+1, strings.Join(text(f), "\n"))
					return
				}
			}
		}
	}
	for _, p := range panels {
		check(t, drawFrames([]*figure.Drawing{d}, p.cols, p.rows)[0], fmt.Sprintf("made for the test, %dx%d", p.cols, p.rows))
	}
	draw := drawingsOf(t)
	for _, p := range panels {
		for i, f := range drawFrames(draw("face-down-reach", ""), p.cols, p.rows) {
			check(t, f, fmt.Sprintf("face-down-reach %dx%d frame %d", p.cols, p.rows, i))
		}
	}
}

// TestLiftArrowOverTheStrip checks that the arrow under a lifted part of
// a pose seen from a little above (the Curl-Up, Elbows Up's elbow) is
// drawn at its full length, three rows at the least, clear of the mat's
// near edge: cut off at the edge, it was a ⊥ of two rows standing on it.
func TestLiftArrowOverTheStrip(t *testing.T) {
	d := &figure.Drawing{Shapes: []figure.Shape{
		slab(figure.Prop, "mat", -0.65, 0.6, -0.12, 0.1),
		part("trunk", -0.4, 0.05, 0.4, 0.05),
		{Class: figure.Near, Part: "head", Points: []figure.Point{{X: -0.5, Y: 0.05}}, Radius: 0.07},
		part("near.upperarm", -0.3, 0.02, -0.1, 0),
		// A lift: a short shaft from the mat up to under the elbow, the
		// bar it stands on and its head, as the figure package draws one.
		{Class: figure.Reach, Part: "lift near.elbow", Points: []figure.Point{{X: -0.1, Y: -0.09}, {X: -0.1, Y: -0.06}}, Width: 0.01},
		{Class: figure.Reach, Part: "lift near.elbow", Points: []figure.Point{{X: -0.12, Y: -0.09}, {X: -0.08, Y: -0.09}}, Width: 0.01},
		{Class: figure.Reach, Part: "lift near.elbow", Closed: true, Width: 0.008, Points: []figure.Point{{X: -0.1, Y: -0.045}, {X: -0.11, Y: -0.06}, {X: -0.09, Y: -0.06}}},
	}}
	for _, p := range []struct{ cols, rows int }{{80, 10}, {80, 12}, {120, 15}, {60, 12}} {
		f := drawFrames([]*figure.Drawing{d}, p.cols, p.rows)[0]
		rows := strings.Join(text(f), "\n")
		first, last, edge := -1, -1, -1
		for y, row := range f {
			for _, c := range row {
				if c.kind == arrowCell {
					if first < 0 {
						first = y
					}
					last = y
				}
				if c.kind == matBoxCell && c.r == matGlyph {
					edge = y
				}
			}
		}
		if first < 0 || last-first+1 < 3 || last >= edge {
			t.Errorf("%dx%d: the lift arrow is on rows %d to %d, the mat's near edge on row %d: want three rows at the least, above the edge:\n%s", p.cols, p.rows, first+1, last+1, edge+1, rows)
		}
	}
	// The Curl-Up, Elbows Up's arrow under its elbow, across an 80x24
	// window: its foot once lay on the edge, the layout too short by the
	// edge's own row.
	draw := drawingsOf(t)
	for _, rows := range []int{10, 11, 12, 13, 15} {
		for i, f := range drawFrames(draw("curl-up-elbows-up", ""), 80, rows) {
			edge := -1
			for y, row := range f {
				for _, c := range row {
					if c.kind == matBoxCell && c.r == matGlyph {
						edge = y
					}
				}
			}
			for x, c := range f[max(edge, 0)] {
				if edge >= 0 && c.kind == arrowCell {
					t.Errorf("curl-up-elbows-up 80x%d frame %d: an arrow on the mat's near edge at column %d:\n%s", rows, i, x+1, strings.Join(text(f), "\n"))
					break
				}
			}
		}
	}
}

// TestTwoViewsGetTheWindowsWidth checks that a pose drawn in two views
// (the Knee Sway, from the foot end and from the side; the Child's Pose
// with Side Reach, from the side and from above) shows both in the body
// of an 80x24 window and of smaller ones, side by side or one over the
// other, across the window over the text packed in a line or two or
// beside the text, whichever draws them largest; and as large as the
// best of those rooms draws them. The countdown and the pose's name
// still show. From the foot end alone, the Knee Sway's bent legs were
// two blocks; the Child's Pose with Side Reach showed its side view
// alone across the window (the reach lost), or both views in a 32-column
// panel, two blobs; the Low Lunge with Side Reach, its side view alone,
// without the side bend.
func TestTwoViewsGetTheWindowsWidth(t *testing.T) {
	draw := drawingsOf(t)
	for _, id := range append(capturedPoses, "standing-psoas-lunge") {
		ds := draw(id, segmentOf(t, id).Side)
		if len(splitViews(ds)) != 2 {
			continue
		}
		t.Run(id, func(t *testing.T) {
			m, seg := holdOf(t, id, draw, 80, 24)
			for _, rows := range []int{14, 15, 17} {
				body := ansi.Strip(m.figureBody(seg, m.segmentText(seg, false), 80, rows, false))
				if n := viewsIn(body); n != 2 {
					t.Errorf("%d rows: %d views shown, want both:\n%s", rows, n, body)
				}
				// As large as the best room for both draws them: beside
				// the text in all the width it spares, or across the
				// window over the packed text.
				packed := rows - lipgloss.Height(m.segmentBody(seg, m.segmentText(seg, false), 80, minTextRows-1, false)) - 1
				segDs := draw(seg.Pose, seg.Side)
				best, across, _ := drawBoth(segDs, 80, packed)
				if fs, beside, _ := drawBoth(segDs, 80-2-textCols, rows); beside >= across {
					best = fs
				}
				if len(best) == 0 {
					t.Fatalf("%d rows: no room for both views", rows)
				}
				for _, row := range best[0] {
					var b strings.Builder
					for _, c := range row {
						b.WriteRune(c.r)
					}
					if !strings.Contains(body, b.String()) {
						t.Errorf("%d rows: the figure is not both views at their largest, %dx%d; row %q is missing:\n%s", rows, width(best[0]), len(best[0]), b.String(), body)
						break
					}
				}
				// The text, beside the figure or under it, its lines
				// joined: the countdown in words or in big digits.
				var words strings.Builder
				for _, r := range body {
					if !figureRune(r) {
						words.WriteRune(r)
					}
				}
				said := strings.Join(strings.Fields(words.String()), " ")
				if !strings.Contains(said, "left") && !strings.Contains(said, "██") || !strings.Contains(said, seg.Title) {
					t.Errorf("%d rows: the time left or the pose's name %q is missing:\n%s", rows, seg.Title, body)
				}
				if n := strings.Count(body, "\n") + 1; n > rows {
					t.Errorf("%d rows: the body takes %d", rows, n)
				}
			}
		})
	}
}

// TestThinLineDiagonal checks that a line at 45° is drawn one dot a step,
// across and down at once: it was a staircase, each step across then
// down, two dots thick, and an arrowhead's strokes read as a thick
// hook ("?") rather than a chevron.
func TestThinLineDiagonal(t *testing.T) {
	tests := []struct {
		name string
		a, b pt
		want int // dots
	}{
		{"down and right", pt{0.5, 0.5}, pt{6.5, 6.5}, 7},
		{"up and left", pt{6.5, 6.5}, pt{0.5, 0.5}, 7},
		{"level", pt{0.5, 3.5}, pt{6.5, 3.5}, 7},
		{"steep", pt{1.5, 0.5}, pt{3.5, 6.5}, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			thinLine(tt.a, tt.b, 10, 10, func(int) { n++ })
			if n != tt.want {
				t.Errorf("dots = %d, want %d", n, tt.want)
			}
		})
	}
}

// TestArrowTipOpen checks that an upright arrow's head is an open
// chevron one dot thin: under the tip, the two strokes apart with
// nothing between them, the shaft in the tip's column below. The shaft
// ran on to the tip a dot beside it, and the head was a point two dots
// thick.
func TestArrowTipOpen(t *testing.T) {
	for _, x := range []float64{10.02, 10.5, 10.97} {
		a := dotArrow{
			lines: [][]pt{{{x - 0.03, 30}, {x + 0.02, 16}}},
			heads: [][2]pt{{{x, 12}, {x + 0.02, 16}}},
		}
		w, h := 24, 40
		dots := make([]bool, w*h)
		a.draw(w, h, func(i int, _ bool) { dots[i] = true })
		tx := int(x)
		row := func(y int) (n int, centre bool) {
			for c := range w {
				if dots[y*w+c] {
					n++
				}
			}
			return n, dots[y*w+tx]
		}
		if n, c := row(13); n != 2 || c {
			t.Errorf("tip at x %.2f: the row under the tip has %d dots (its middle drawn: %v), want the two strokes alone", x, n, c)
		}
		for y := 15; y < 30; y++ {
			if !dots[y*w+tx] {
				t.Errorf("tip at x %.2f: the shaft is not in the tip's column at row %d", x, y)
				break
			}
		}
	}
}

// TestLyingFiguresOverPackedText checks that a pose lying down that is
// drawn larger (packedGain) over the text packed in two lines than over the
// compact text (a bridge, a curl-up, a pelvic tilt) goes across an 80x24
// window, as tall as the packed text allows: over the compact text it had
// 7 rows, and beside the text it went, 12 rows in 46 columns. (The dead
// bug, its arms and shins up, is nearly as tall as long since its arrows
// follow the limbs down: beside the text it is drawn larger, 13 rows in
// 48 columns, and goes there.)
func TestLyingFiguresOverPackedText(t *testing.T) {
	draw := drawingsOf(t)
	for _, id := range []string{"glute-bridge", "curl-up", "pelvic-tilt"} {
		t.Run(id, func(t *testing.T) {
			m, seg := holdOf(t, id, draw, 80, 24)
			for _, rows := range []int{14, 15} { // an 80x24 window, its cues in one line or two
				body := strings.Split(ansi.Strip(m.figureBody(seg, m.segmentText(seg, false), 80, rows, false)), "\n")
				// The figure's rows, and whether the text is under them
				// all (the time left after the last of them).
				figRows, last, clock := 0, -1, -1
				for y, l := range body {
					if strings.ContainsFunc(l, figureRune) {
						figRows, last = figRows+1, y
					}
					if strings.Contains(l, "left") && clock < 0 {
						clock = y
					}
				}
				if clock < last || figRows < rows-5 || len(body) > rows {
					t.Errorf("%d rows: figure %d rows, its last on line %d, the time left on line %d, in a body of %d lines: want it across the window over the text, %d rows at the least:\n%s", rows, figRows, last+1, clock+1, len(body), rows-5, strings.Join(body, "\n"))
				}
			}
		})
	}
}

// viewsIn counts the views of a pose in a body of text: the blocks of
// rows that draw a figure (braille, a floor, a mat), parted by a row
// that draws none, each with a floor or a mat (a view of a pose on the
// floor stands on one); and a block with the line between two views
// side by side is two.
func viewsIn(body string) int {
	n := 0
	inBlock, grounded, divided := false, false, false
	end := func() {
		if inBlock && grounded {
			n++
			if divided {
				n++
			}
		}
		inBlock, grounded, divided = false, false, false
	}
	for _, l := range strings.Split(body, "\n") {
		draws := false
		for _, r := range l {
			if !figureRune(r) || blankRune(r) {
				continue
			}
			draws = true
			switch r {
			case floorGlyph, matGlyph, matSideGlyph, matCorners[0], matCorners[1], matCorners[2], matCorners[3]:
				grounded = true
			case dividerGlyph:
				divided = true
			}
		}
		if !draws {
			end()
			continue
		}
		inBlock = true
	}
	end()
	return n
}

// TestStripHoldsItsArrows draws every captured pose whose mat is seen
// from a little above (a strip), in the panels an 80x24 window gives it,
// and checks that the strip holds the arrows over it: every arrow cell
// from the strip's far edge down lies between its ends, and none under
// its near edge. The strip ended where the mat does, and the Zombie
// Crawl's heel arrows ran on past its end, their heads in the empty
// floor beyond it.
func TestStripHoldsItsArrows(t *testing.T) {
	strips := 0
	eachLayout(t, []struct{ cols, rows int }{{80, 10}, {80, 12}, {48, 16}}, func(at string, l layout, v []*figure.Drawing) {
		if !l.matStrip {
			return
		}
		cx0, cy0, cx1, cy1, ok := l.matCellBox()
		if !ok {
			return
		}
		strips++
		for k, f := range l.drawAll(v) {
			for y, row := range f {
				for x, c := range row {
					if c.kind == arrowCell && y >= cy0 && (x < cx0 || x > cx1 || y > cy1) {
						t.Errorf("%s frame %d: an arrow cell (%d, %d) out of the strip (columns %d to %d, rows %d to %d):\n%s", at, k, x, y, cx0, cx1, cy0, cy1, strings.Join(text(f), "\n"))
					}
				}
			}
		}
	})
	if strips == 0 {
		t.Error("no pose drawn on a strip")
	}
}
