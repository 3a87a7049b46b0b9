package tui

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"backcare/figure"
)

// arrowDots are the braille dots of a frame's arrow cells, in dots (x
// right, y down).
func arrowDots(f frame) []pt { return cellDots(f, arrowCell) }

// bodyDots are the braille dots of a frame's near body.
func bodyDots(f frame) []pt { return cellDots(f, nearCell) }

// cellDots are the braille dots of a frame's cells of one kind.
func cellDots(f frame, kind cellKind) []pt {
	bits := [4][2]rune{{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}}
	var out []pt
	for cy, row := range f {
		for cx, c := range row {
			if c.kind != kind {
				continue
			}
			for dy := range 4 {
				for dx := range 2 {
					if (c.r-brailleBlank)&bits[dy][dx] != 0 {
						out = append(out, pt{float64(cx*2 + dx), float64(cy*4 + dy)})
					}
				}
			}
		}
	}
	return out
}

// TestLiftArrowsReadAsArrows draws the Zombie Crawl's lift arrow under
// the knee, and a lift arrow made for the test under a limb just off the
// floor, in the panels the player gives them, and checks that each reads
// as an arrow: at least minArrow-1 dots from its foot to its tip, a
// chevron head wider than its shaft, and its tip clear of the body (a
// limb's dots covered it); as long as the room under the limb allows,
// where that is less. It was a ⊥ of a few dots: a shaft of two, a head
// under the thigh.
func TestLiftArrowsReadAsArrows(t *testing.T) {
	draw := drawingsOf(t)
	zombie := draw("zombie-crawl", segmentOf(t, "zombie-crawl").Side)[0]
	// A limb 6 cm off the floor, and the lift arrow the figure package
	// draws under it: a bar on the floor, a shaft, a head whose tip is 8
	// mm under the limb.
	made := &figure.Drawing{Shapes: withFloor(append(lyingBody(),
		part("near.forearm", 0.05, 0.09, 0.3, 0.09),
		figure.Shape{Class: figure.Reach, Part: "near.elbow", Points: []figure.Point{{X: 0.172, Y: 0}, {X: 0.228, Y: 0}}, Width: 0.016},
		figure.Shape{Class: figure.Reach, Part: "near.elbow", Points: []figure.Point{{X: 0.2, Y: 0}, {X: 0.2, Y: 0.007}}, Width: 0.016},
		figure.Shape{Class: figure.Reach, Part: "near.elbow", Closed: true, Width: 0.008, Points: []figure.Point{{X: 0.2, Y: 0.052}, {X: 0.168, Y: 0.007}, {X: 0.232, Y: 0.007}}},
	), -0.6, 0.5)}
	for _, tt := range []struct {
		name string
		d    *figure.Drawing
		part string // the lift arrow's
	}{{"zombie-crawl", zombie, "near.knee"}, {"made", made, "near.elbow"}} {
		for _, p := range []struct{ cols, rows int }{{80, 9}, {80, 11}, {63, 11}, {120, 15}, {80, 7}} {
			t.Run(fmt.Sprintf("%s/%dx%d", tt.name, p.cols, p.rows), func(t *testing.T) {
				fs := drawFrames([]*figure.Drawing{tt.d}, p.cols, p.rows)
				if len(fs) != 1 {
					t.Fatalf("%d frames drawn, want 1", len(fs))
				}
				f := fs[0]
				rows := strings.Join(text(f), "\n")
				// The lift arrow's dots: those within a few dots across of
				// where the figure puts it.
				l := mustLayout(t, []*figure.Drawing{tt.d}, p.cols, p.rows)
				var lx float64
				for _, s := range tt.d.Shapes {
					if s.Class == figure.Reach && s.Part == tt.part {
						lx, _ = l.dot(s.Points[0])
					}
				}
				var ds []pt
				for _, d := range arrowDots(f) {
					if d.x >= lx-8 && d.x <= lx+8 {
						ds = append(ds, d)
					}
				}
				if len(ds) == 0 {
					t.Fatalf("no arrow drawn:\n%s", rows)
				}
				top, bottom := ds[0], ds[0]
				for _, d := range ds {
					if d.y < top.y {
						top = d
					}
					bottom.y = max(bottom.y, d.y)
				}
				// The room under the limb: from a dot under its lowest dot over
				// the arrow down to the row of the floor line or the mat's
				// edge under it.
				limb := -1.0
				for _, d := range bodyDots(f) {
					if d.x >= top.x-1 && d.x <= top.x+1 && d.y < top.y {
						limb = max(limb, d.y)
					}
				}
				floor := float64(len(f) * 4)
				for y := int(bottom.y)/4 + 1; y < len(f); y++ {
					if c := f[y][int(top.x)/2]; c.kind == floorCell || c.kind == matCell || c.kind == matBoxCell {
						floor = float64(y * 4)
						break
					}
				}
				want := min(minArrow-1, floor-limb-4)
				if long := bottom.y - top.y + 1; long < want {
					t.Errorf("the lift arrow is %.0f dots long, want %.0f at the least (the room under the limb):\n%s", long, want, rows)
				}
				// The head: dots either side of the tip's column, two dots
				// below it.
				left, right := false, false
				for _, d := range ds {
					if d.y > top.y && d.y <= top.y+3 {
						left = left || d.x < top.x-1
						right = right || d.x > top.x+1
					}
				}
				if !left || !right {
					t.Errorf("the lift arrow's head is no chevron under its tip at (%.0f, %.0f):\n%s", top.x, top.y, rows)
				}
				// The dot over the tip is not the body's.
				for _, d := range bodyDots(f) {
					if d.x == top.x && d.y == top.y-1 {
						t.Errorf("the lift arrow's tip at (%.0f, %.0f) touches the body, want a dot clear:\n%s", top.x, top.y, rows)
					}
				}
			})
		}
	}
}

// TestArrowsKeepTheMatsEdges draws every captured pose in every panel and
// checks that where its mat is a box seen from above, the box's corners
// and edges are whole where an arrow crosses them: the heels' arrows of
// the Zombie Crawl were drawn over its corner, the Face-Down Reach's
// shafts over its side.
func TestArrowsKeepTheMatsEdges(t *testing.T) {
	draw := drawingsOf(t)
	for _, id := range capturedPoses {
		ds := draw(id, segmentOf(t, id).Side)
		for _, p := range panels {
			for i, f := range drawFrames(ds, p.cols, p.rows) {
				boxes, ok := matBoxesIn(f)
				if !ok {
					t.Errorf("%s %dx%d frame %d: a mat's box has no right or bottom corner:\n%s", id, p.cols, p.rows, i, strings.Join(text(f), "\n"))
				}
				for _, b := range boxes {
					if x, y, ok := arrowOnEdge(f, b); ok {
						t.Errorf("%s %dx%d frame %d: an arrow over the mat's edge at column %d, row %d:\n%s", id, p.cols, p.rows, i, x+1, y+1, strings.Join(text(f), "\n"))
					}
				}
			}
		}
	}
}

// matBoxesIn finds the boxes of the mats seen from above in a frame, one
// for each top left corner: its top right corner the next one along its
// row, its bottom the next bottom left corner down its column (the body
// may lie over the edges between them). Two views side by side or one
// over the other each have their own; taken as one box, from the first
// view's top left corner to the second's bottom right, they hold the
// arrows of the first view that are nowhere near the second's edges. ok
// is false for a box without its other corners.
func matBoxesIn(f frame) (boxes []viewBox, ok bool) {
	ok = true
	at := func(x, y int) rune {
		if y < 0 || y >= len(f) || x < 0 || x >= len(f[y]) {
			return 0
		}
		return f[y][x].r
	}
	for y0, row := range f {
		for x0, c := range row {
			if c.r != matCorners[0] {
				continue
			}
			x1, y1 := -1, -1
			for x := x0 + 1; x < len(row); x++ {
				if row[x].r == matCorners[1] {
					x1 = x
					break
				}
			}
			for y := y0 + 1; y < len(f); y++ {
				if at(x0, y) == matCorners[2] {
					y1 = y
					break
				}
			}
			if x1 < 0 || y1 < 0 || at(x1, y1) != matCorners[3] {
				ok = false
				continue
			}
			boxes = append(boxes, viewBox{x0, y0, x1, y1})
		}
	}
	return boxes, ok
}

// arrowOnEdge finds an arrow's cell on the edges of a box (x1, y1 its
// bottom right corner, in the box).
func arrowOnEdge(f frame, b viewBox) (x, y int, ok bool) {
	for y := b.y0; y <= b.y1 && y < len(f); y++ {
		for x := b.x0; x <= b.x1 && x < len(f[y]); x++ {
			onEdge := y == b.y0 || y == b.y1 || x == b.x0 || x == b.x1
			if onEdge && f[y][x].kind == arrowCell {
				return x, y, true
			}
		}
	}
	return 0, 0, false
}

// TestMatBoxesApart checks that two mats seen from above at different
// heights, in two views side by side (their bottoms level), are two
// boxes, and that an arrow inside the taller is on no box's edge: taken
// as one box, from the last top left corner (the shorter mat's) to the
// last bottom right (the taller's), the box's top edge ran through the
// taller mat, over its arrow.
func TestMatBoxesApart(t *testing.T) {
	rows := []string{
		"      ╔═══╗",
		"╔══╗  ║ a ║",
		"║  ║  ║   ║",
		"╚══╝  ╚═══╝",
	}
	var f frame
	for _, l := range rows {
		var row []cell
		for _, r := range l {
			k := blankCell
			switch {
			case r == 'a':
				k = arrowCell
			case r != ' ':
				k = matBoxCell
			}
			row = append(row, cell{r, k})
		}
		f = append(f, row)
	}
	boxes, ok := matBoxesIn(f)
	if !ok {
		t.Fatal("a box without its corners")
	}
	if got, want := fmt.Sprint(boxes), fmt.Sprint([]viewBox{{6, 0, 10, 3}, {0, 1, 3, 3}}); got != want {
		t.Errorf("boxes = %s, want %s", got, want)
	}
	for _, b := range boxes {
		if x, y, ok := arrowOnEdge(f, b); ok {
			t.Errorf("box %v: arrow on its edge at %d, %d", b, x, y)
		}
	}
}

// TestTurnArrowOutOfTheBody draws the Pelvic Tilt's start, whose turn
// arrow the figure package draws round the pelvis, over the body, and
// checks that the terminal draws it where it shows: a curve of a dozen
// dots at the least, with its head. Under the body, it was a dash of four
// dots.
func TestTurnArrowOutOfTheBody(t *testing.T) {
	draw := drawingsOf(t)
	ds := draw("pelvic-tilt", segmentOf(t, "pelvic-tilt").Side)
	for _, p := range []struct{ cols, rows int }{{63, 11}, {80, 9}, {80, 7}, {120, 15}, {48, 30}} {
		f := drawFrames(ds, p.cols, p.rows)[0]
		if n := len(arrowDots(f)); n < 12 {
			t.Errorf("%dx%d: the turn arrow shows %d dots, want a dozen at the least:\n%s", p.cols, p.rows, n, strings.Join(text(f), "\n"))
		}
	}
}

// TestMatBoxHoldsTheBody draws every captured pose in every panel and
// checks that where a view's mat is a box seen from above, the body lies
// inside it: no cell of the body on its edges or outside them. The
// Figure-Four's shins ran out over both sides of its box and the Lying
// Twist's arm over its top and bottom, a body crossing the mat.
func TestMatBoxHoldsTheBody(t *testing.T) {
	eachDrawnFrame(t, func(where string, f frame, _ *figure.Drawing) {
		boxes, _ := matBoxesIn(f)
		if len(boxes) != 1 {
			return
		}
		b := boxes[0]
		for y, row := range f {
			for x, c := range row {
				if (c.kind == nearCell || c.kind == farCell) && (x <= b.x0 || x >= b.x1 || y <= b.y0 || y >= b.y1) {
					t.Errorf("%s: the body at column %d, row %d is on or past the mat's edge:\n%s", where, x+1, y+1, strings.Join(text(f), "\n"))
					return
				}
			}
		}
	})
}

// TestArrowsOffTheMatsEdges draws every captured pose in every panel and
// checks that no arrow is drawn along a mat's edge, of a box or a strip:
// in a row of a mat's edge, between its first and last cell, an arrow's
// cell is one where it crosses the edge (its cells above and below),
// never a stub on it or a stretch along it. The Knee Sway's and the Leg
// Slide's arrows ran along the mat's edges, where an arrow reads as a
// crease in the mat.
func TestArrowsOffTheMatsEdges(t *testing.T) {
	eachDrawnFrame(t, func(where string, f frame, _ *figure.Drawing) {
		if x, y, ok := arrowOnMatEdge(f); ok {
			t.Errorf("%s: an arrow on the mat's edge at column %d, row %d:\n%s", where, x+1, y+1, strings.Join(text(f), "\n"))
		}
	})
}

// arrowOnMatEdge finds an arrow's cell on a mat's edge in a frame of one
// view: in a row that draws a mat's edge (or the mat on the floor
// line), between the first and the last cell of it.
func arrowOnMatEdge(f frame) (x, y int, ok bool) {
	for y, row := range f {
		first, last := -1, -1
		for x, c := range row {
			if (c.kind == matBoxCell && c.r != matSideGlyph) || c.kind == matCell {
				if first < 0 {
					first = x
				}
				last = x
			}
		}
		for x := max(first, 0); first >= 0 && x <= last; x++ {
			if row[x].kind == arrowCell && !crossesRow(f, x, y) {
				return x, y, true
			}
		}
	}
	return 0, 0, false
}

// crossesRow reports whether an arrow's cell at x, y crosses its row: an
// arrow's cell above it and one below (across a corner or not).
func crossesRow(f frame, x, y int) bool {
	at := func(x, y int) bool {
		return y >= 0 && y < len(f) && x >= 0 && x < len(f[y]) && f[y][x].kind == arrowCell
	}
	up, down := false, false
	for d := -1; d <= 1; d++ {
		up, down = up || at(x+d, y-1), down || at(x+d, y+1)
	}
	return up && down
}

// TestLoopHeadEndsItsPath draws a square traced round (four sides, a
// head on each, as the Bird Dog with Squares' hand and heel trace) and
// checks that its one head ends the outline, as a ↻ does: the outline
// stops at the tip and starts again a gap further on, so that nothing of
// it is drawn just past the tip, while the side behind the tip is drawn
// up to it. Drawn on through the tip, the outline crossed the head's
// strokes, and each square had a small + on an edge.
func TestLoopHeadEndsItsPath(t *testing.T) {
	for _, side := range []float64{12, 16, 24} {
		// The corners, clockwise on screen (y down), from the top left.
		c := []pt{{4, 4}, {4 + side, 4}, {4 + side, 4 + side}, {4, 4 + side}}
		var arrows []dotArrow
		var parts []string
		for k := range c {
			a, b := c[k], c[(k+1)%len(c)]
			// Each side an arrow to a head a little short of the corner.
			dx, dy := (b.x-a.x)/side, (b.y-a.y)/side
			tip := pt{a.x + dx*side/2, a.y + dy*side/2}
			if k > 0 {
				tip = b
			}
			arrows = append(arrows, dotArrow{lines: [][]pt{{a, b}}, heads: [][2]pt{{tip, {tip.x - dx*3, tip.y - dy*3}}}})
			parts = append(parts, "hand")
		}
		loops := loopArrows(arrows, parts)
		if len(loops) != 1 || !loops[0].loop {
			t.Fatalf("side %v: %d arrows, want one loop", side, len(loops))
		}
		w, h := int(side)+10, int(side)+10
		dots := make([]bool, w*h)
		loops[0].draw(w, h, func(i int, _ bool) { dots[i] = true })
		at := func(p pt) bool {
			x, y := int(math.Floor(p.x)), int(math.Floor(p.y))
			return x >= 0 && y >= 0 && x < w && y < h && dots[y*w+x]
		}
		// The head is on the top side, half way along, pointing right.
		tip := pt{4 + side/2, 4}
		if !at(pt{tip.x - 2, tip.y}) {
			t.Errorf("side %v: the outline is not drawn up to the head's tip", side)
		}
		for d := 1.0; d <= 2; d++ {
			if at(pt{tip.x + d, tip.y}) {
				t.Errorf("side %v: the outline is drawn %v dots past the head's tip, want a gap there", side, d)
			}
		}
		if !at(pt{tip.x + loopSize(c) + 1.5, 4}) {
			t.Errorf("side %v: the top side's end is not drawn, want the outline on past the gap", side)
		}
	}
}

// TestSwayArcStaysOverTheKnees draws the Knee Sway's view from above in
// the room an 80x24 window gives it and checks that its arc is drawn
// where the figure draws it, over the thighs by the knees: its dots no
// further across from the arc's place in the figure than a few cells.
// Grown from its centre at the feet until it cleared the thighs, the arc
// ended at the neck, 18 cells toward the head.
func TestSwayArcStaysOverTheKnees(t *testing.T) {
	draw := drawingsOf(t)
	ds := splitViews(draw("knee-sway", segmentOf(t, "knee-sway").Side))[0]
	l := mustLayout(t, ds, 48, 11)
	for i, f := range drawFrames(ds, 48, 11) {
		var want float64
		n := 0
		for _, s := range ds[i].Shapes {
			if s.Class == figure.Reach {
				for _, p := range s.Points {
					x, _ := l.dot(p)
					want += x
					n++
				}
			}
		}
		dots := arrowDots(f)
		if n == 0 || len(dots) == 0 {
			t.Fatalf("frame %d: no sway arc (%d points in the figure, %d dots drawn)", i+1, n, len(dots))
		}
		want /= float64(n)
		var got float64
		for _, d := range dots {
			got += d.x
		}
		got /= float64(len(dots))
		if math.Abs(got-want) > 6 {
			t.Errorf("frame %d: the sway arc is drawn %.0f dots across, the figure draws it at %.0f:\n%s", i+1, got, want, strings.Join(text(f), "\n"))
		}
	}
}
