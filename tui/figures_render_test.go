package tui

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backcare/catalog"
	"backcare/figure"
	"backcare/player"
)

// TestDumpFigures writes the screen of every captured pose at 80x24,
// each frame of a movement, to the directory TUI_DUMP names (skipped
// without it): the captures of bench/tui-figures.sh, without tmux.
func TestDumpFigures(t *testing.T) {
	dir := os.Getenv("TUI_DUMP")
	if dir == "" {
		t.Skip("TUI_DUMP is not set")
	}
	draw := drawingsOf(t)
	for _, id := range capturedPoses {
		tl := oneRoutine(t, id)
		now := time.Unix(0, 0)
		m := newModel(t.Context(), Config{Timeline: tl, Drawings: draw}, io.Discard, newStyles())
		m.width, m.height = 80, 24
		m.p = player.New(tl, func() time.Time { return now })
		m.p.Start()
		m.phase = phasePlaying
		for k := m.cfg.Timeline.Segments[m.p.Segment()].Kind; k != player.Reps && k != player.Hold; k = m.cfg.Timeline.Segments[m.p.Segment()].Kind {
			m.p.Skip()
		}
		for i, at := range []time.Duration{500 * time.Millisecond, frameTime + 500*time.Millisecond} {
			now = time.Unix(0, 0).Add(at)
			name := id + "-" + []string{"a", "b"}[i] + ".ansi"
			if err := os.WriteFile(filepath.Join(dir, name), []byte(m.render()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// handRestsOnBody reports whether a pose's figure says a hand rests on
// a part of the body (near.hand: belly, far.hand: far.thigh by the hip),
// not on the floor or a prop (hands: mat, far.hand: counter), or its
// steps put the hands under it (under the small of the back) or holding
// it (the Figure-Four's "hold behind that thigh with both hands": rests
// hold for every frame, and its hands lie on the mat at the start and
// hold the thigh at the end).
func handRestsOnBody(t *testing.T, id string) bool {
	t.Helper()
	p, err := catalog.Builtin().Pose(id)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range p.Steps {
		if strings.Contains(s, "hands under the small of") || strings.Contains(s, "under the small of your back") || strings.Contains(s, "hold behind that thigh with both hands") {
			return true
		}
	}
	props := map[string]bool{"floor": true, "mat": true, "above": true}
	for _, pr := range p.Figure.Props {
		props[pr] = true
	}
	for part, on := range p.Figure.Rests {
		if part != "hands" && !strings.HasSuffix(part, ".hand") {
			continue
		}
		if f := strings.Fields(on); len(f) > 0 && !props[f[0]] {
			return true
		}
	}
	return false
}

// TestHandMarkOnlyWhereTheHandRests draws every captured pose in every
// panel and checks that a hand is drawn in the colour of a hand on the
// body (cyan) where, and only where, the pose's figure rests a hand on
// the body: the Glute Bridge's, the Single-Leg Bridge's and the Knee
// Sway's hands lie on the mat beside the body, and were marked as hands
// on it (a hand a dot or two from the trunk, or behind a raised thigh in
// the picture).
func TestHandMarkOnlyWhereTheHandRests(t *testing.T) {
	want := map[string]bool{}
	eachDrawnFrame(t, func(where string, f frame, d *figure.Drawing) {
		id := strings.Fields(where)[0]
		w, ok := want[id]
		if !ok {
			w = handRestsOnBody(t, id)
			want[id] = w
		}
		n := len(cellDots(f, handCell))
		switch {
		case n > 0 && !w:
			t.Errorf("%s: %d dots of a hand on the body, but the pose rests no hand on it:\n%s", where, n, strings.Join(text(f), "\n"))
		case n == 0 && w && d != nil && handOnBody(d):
			t.Errorf("%s: no hand on the body drawn, but the pose rests a hand on it:\n%s", where, strings.Join(text(f), "\n"))
		}
	})
	rests := 0
	for _, w := range want {
		if w {
			rests++
		}
	}
	if rests < 5 {
		t.Errorf("%d captured poses rest a hand on the body, want the Abdominal Brace, the Figure-Four and more", rests)
	}
}

// TestMatFromAboveIsABox draws every captured pose in every panel and
// checks that a view whose mat is seen from above (its outline as tall
// as a mat is wide, square to the picture) draws it as a box, with its
// four corners, the whole body inside: where the body reached past the
// mat (the Lying Twist's arm, the Figure-Four's shins, the Knee Sway's
// knees), it was a strip, which reads as a mat seen side-on.
func TestMatFromAboveIsABox(t *testing.T) {
	checked := 0
	eachDrawnFrame(t, func(where string, f frame, d *figure.Drawing) {
		if d == nil {
			return
		}
		above := false
		for _, s := range d.Shapes {
			if s.Class == figure.Prop && s.Part == "mat" {
				lo, hi := bbox(s.Points)
				above = above || hi.Y-lo.Y >= obliqueMat && !slantedOutline(s.Points)
			}
		}
		if !above {
			return
		}
		checked++
		if boxes, ok := matBoxesIn(f); !ok || len(boxes) != 1 {
			t.Errorf("%s: the mat seen from above is drawn as %d boxes, want one:\n%s", where, len(boxes), strings.Join(text(f), "\n"))
		}
	})
	if checked == 0 {
		t.Error("no view has a mat seen from above")
	}
}

// TestStripsFarEdgeBehindTheTrunk checks, for every captured pose whose
// mat is seen from a little above (a strip), in every panel, that the
// strip's far edge is drawn no higher than the middle of the trunk's
// height, so that the body lies on the mat: it was drawn at the top of
// the trunk or over it (the Side Bridge from the Knees, the Dead Bug),
// the body standing in front of the mat.
func TestStripsFarEdgeBehindTheTrunk(t *testing.T) {
	checked := 0
	eachLayout(t, panels, func(at string, l layout, view []*figure.Drawing) {
		if !l.matStrip {
			return
		}
		t0, t1, ok := trunkHeight(view)
		if !ok {
			return
		}
		_, cy0, _, cy1, ok := l.matCellBox()
		if !ok {
			return
		}
		_, top := l.dot(figure.Point{Y: t1})
		_, bottom := l.dot(figure.Point{Y: t0})
		mid := int(math.Floor((top + bottom) / 2 / 4))
		checked++
		// The far edge's row: the trunk's middle row, or lower (the
		// strip's outline lies lower than the trunk); above the near edge.
		if cy0 < mid && cy0 < cy1 {
			fs := l.drawAll(view)
			t.Errorf("%s: the strip's far edge is on row %d, the trunk's middle on row %d, want it no higher:\n%s", at, cy0+1, mid+1, strings.Join(text(fs[0]), "\n"))
		}
	})
	if checked == 0 {
		t.Error("no view has a strip")
	}
}

// TestArrowsWholeOverMatEdges draws every captured pose in every panel
// and checks that no arrow is broken by a mat's edge: no cell of an
// edge (a box's or a strip's) lies between an arrow's cells above and
// below it, or, on a box's side, left and right of it, with no arrow's
// cell beside it along the edge. The edge was
// drawn over the arrow, which read as two marks.
func TestArrowsWholeOverMatEdges(t *testing.T) {
	eachDrawnFrame(t, func(where string, f frame, _ *figure.Drawing) {
		at := func(x, y int) bool {
			return y >= 0 && y < len(f) && x >= 0 && x < len(f[y]) && f[y][x].kind == arrowCell
		}
		for y, row := range f {
			for x, c := range row {
				if c.kind != matBoxCell && c.kind != matCell {
					continue
				}
				// An arrow through the cell: on either side of it, and
				// not past it in the edge's row (an arrow beside it).
				broken := c.r == matSideGlyph && at(x-1, y) && at(x+1, y) && !at(x, y-1) && !at(x, y+1)
				for d := -1; d <= 1 && !broken && c.r != matSideGlyph; d++ {
					broken = at(x+d, y-1) && at(x-d, y+1) && !at(x-1, y) && !at(x+1, y)
				}
				if broken {
					t.Errorf("%s: an arrow broken by the mat's edge at column %d, row %d:\n%s", where, x+1, y+1, strings.Join(text(f), "\n"))
					return
				}
			}
		}
	})
}

// trunkHeight is how low and how high the near trunk reaches in the
// drawings, its stroke included.
func trunkHeight(ds []*figure.Drawing) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, d := range ds {
		for _, s := range d.Shapes {
			if s.Class == figure.Near && s.Part == "trunk" {
				for _, p := range s.Points {
					lo, hi = min(lo, p.Y-halfWidth(s)), max(hi, p.Y+halfWidth(s))
				}
			}
		}
	}
	return lo, hi, !math.IsInf(lo, 0)
}

// TestLoopArrowsAreThinOutlines draws the Bird Dog with Squares, whose
// hand and heel trace squares (four sides, a head on each), in every
// panel, and checks that each square reads as one: its arrow's dots a
// thin outline, few of them (an eighth at most) crowded by four or more
// others. Drawn as four arrows, each at least minArrow long with a full
// head, a square a few cells across was a solid knot of red.
func TestLoopArrowsAreThinOutlines(t *testing.T) {
	eachDrawnFrame(t, func(where string, f frame, _ *figure.Drawing) {
		if !strings.HasPrefix(where, "bird-dog-squares ") {
			return
		}
		dots := map[[2]int]bool{}
		for _, d := range arrowDots(f) {
			dots[[2]int{int(d.x), int(d.y)}] = true
		}
		crowded := 0
		for d := range dots {
			n := 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if (dx != 0 || dy != 0) && dots[[2]int{d[0] + dx, d[1] + dy}] {
						n++
					}
				}
			}
			if n >= 4 {
				crowded++
			}
		}
		if len(dots) == 0 || crowded*8 > len(dots) {
			t.Errorf("%s: %d of the squares' %d dots crowded by four or more others, want a thin outline:\n%s", where, crowded, len(dots), strings.Join(text(f), "\n"))
		}
	})
}

// TestStillPartsStayPut draws every captured pose that moves, in every
// panel, and checks that a part of the body the movement leaves still
// (once the frames are laid on each other, it lies within partTolerance
// of where it lies in the first frame: the figure re-places it by a few
// millimetres) covers the same dots in every frame: rounded to dots, the
// still trunk, head or supporting limb jumped a dot or a cell between
// the frames.
func TestStillPartsStayPut(t *testing.T) {
	draw := drawingsOf(t)
	checked := 0
	for _, id := range capturedPoses {
		for v, view := range splitViews(draw(id, segmentOf(t, id).Side)) {
			if len(view) < 2 {
				continue
			}
			// Laid on each other by the still parts, as the player
			// does, before any part is held still.
			laid := []*figure.Drawing{view[0]}
			ref := partCentres(view[0])
			for _, d := range view[1:] {
				laid = append(laid, shifted(d, stillShift(ref, partCentres(d))))
			}
			aligned := alignFrames(view)
			for _, p := range panels {
				l, ok := newLayout(aligned, p.cols, p.rows)
				if !ok {
					continue
				}
				w, h := l.cols*2, l.rows*4
				for si, s := range laid[0].Shapes {
					if !isBody(s) {
						continue
					}
					still := true
					for k := 1; k < len(laid) && still; k++ {
						o := laid[k].Shapes
						if si >= len(o) || o[si].Part != s.Part || len(o[si].Points) != len(s.Points) {
							still = false
							break
						}
						for i, q := range o[si].Points {
							still = still && math.Abs(q.X-s.Points[i].X) < partTolerance/2 && math.Abs(q.Y-s.Points[i].Y) < partTolerance/2
						}
					}
					if !still {
						continue
					}
					checked++
					var first string
					for k, d := range aligned {
						var got []int
						l.cover(d.Shapes[si], w, h, minStroke, 0, func(i int) { got = append(got, i) })
						if k == 0 {
							first = fmt.Sprint(got)
						} else if fmt.Sprint(got) != first {
							t.Errorf("%s %dx%d view %d: the still %s (%v) covers other dots in frame %d than in the first", id, p.cols, p.rows, v+1, s.Part, s.Class, k)
						}
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no still part checked")
	}
}
