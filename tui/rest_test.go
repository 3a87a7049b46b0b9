package tui

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"backcare/figure"
)

// capturedPoses are the poses bench/tui-figures.sh plays: those done
// lying, kneeling or on all fours.
var capturedPoses = append(append([]string(nil), lyingPoses...), "low-lunge-side-reach")

// TestCaptureScriptPlaysEveryFloorPose checks that the capture script
// plays every pose done lying, kneeling or on all fours (it left out the
// low lunge with side reach, a kneeling pose).
func TestCaptureScriptPlaysEveryFloorPose(t *testing.T) {
	b, err := os.ReadFile("../bench/tui-figures.sh")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)\nposes=\(([^)]*)\)`).FindSubmatch(b)
	if m == nil {
		t.Fatal("bench/tui-figures.sh has no poses=(...) list")
	}
	listed := map[string]bool{}
	for _, p := range strings.Fields(string(m[1])) {
		listed[p] = true
	}
	for _, id := range capturedPoses {
		if !listed[id] {
			t.Errorf("bench/tui-figures.sh does not capture %s", id)
		}
	}
}

// bottomDots are the braille bits of a cell's lowest row of dots.
const bottomDots = 0x40 | 0x80

// restsOnFloor reports whether a frame's body touches its floor line:
// some cell of the body in the row just above the floor row, over the
// floor or a mat, has a dot in its lowest row. It returns the floor row.
func restsOnFloor(t *testing.T, f frame) (int, bool) {
	t.Helper()
	y := floorRow(t, f)
	if y < 1 {
		return y, false
	}
	for x, c := range f[y-1] {
		k := f[y][x].kind
		if (k == floorCell || k == matCell) && (c.kind == nearCell || c.kind == farCell) && (c.r-brailleBlank)&bottomDots != 0 {
			return y, true
		}
	}
	return y, false
}

// TestBodyRestsOnTheFloorLine checks that a body on the floor touches the
// floor line: where it rests, its dots reach the lowest dot row of the
// row above the line. A body lying on a mat hovered half a row or more
// above the line: it was placed on the floor under the mat, its lowest
// dots in the top half of the row.
func TestBodyRestsOnTheFloorLine(t *testing.T) {
	t.Run("made for the test", func(t *testing.T) {
		tests := []struct {
			name   string
			shapes []figure.Shape
		}{
			{"on the bare floor", []figure.Shape{
				slab(figure.Ground, "floor", -1, 1, -0.02, 0),
				bar(figure.Near, -0.8, 0.8, 0.05, 0.1),
			}},
			{"on a mat", []figure.Shape{
				slab(figure.Ground, "floor", -1, 1, -0.02, 0),
				slab(figure.Prop, "mat", -0.9, 0.9, 0, 0.01),
				bar(figure.Near, -0.8, 0.8, 0.06, 0.1),
			}},
			{"a round head and heel on a mat", []figure.Shape{
				slab(figure.Ground, "floor", -1, 1, -0.02, 0),
				slab(figure.Prop, "mat", -0.9, 0.9, 0, 0.01),
				{Class: figure.Near, Part: "head", Points: []figure.Point{{X: -0.7, Y: 0.08}}, Radius: 0.07},
				{Class: figure.Near, Part: "near.shin", Points: []figure.Point{{X: 0.3, Y: 0.3}, {X: 0.7, Y: 0.035}}, Width: 0.05},
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ds := []*figure.Drawing{{Shapes: tt.shapes}}
				for _, p := range panels {
					for _, f := range drawFrames(ds, p.cols, p.rows) {
						if _, ok := restsOnFloor(t, f); !ok {
							t.Errorf("%dx%d: the body does not reach the floor line:\n%s", p.cols, p.rows, strings.Join(text(f), "\n"))
						}
					}
				}
			})
		}
	})
	draw := drawingsOf(t)
	for _, id := range capturedPoses {
		t.Run(id, func(t *testing.T) {
			ds := draw(id, segmentOf(t, id).Side)
			first, second := viewGround(ds)
			if !first && !second {
				t.Skip("seen from above: no floor line")
			}
			for _, p := range panels {
				for v, view := range drawnViews(ds, p.cols, p.rows) {
					for i, f := range view.frames {
						if y, ok := restsOnFloor(t, f); !ok && (y >= 0 || view.ground) {
							t.Errorf("%dx%d frame %d, view %d: the body hovers over the floor line:\n%s", p.cols, p.rows, i, v+1, strings.Join(text(f), "\n"))
						}
					}
				}
			}
		})
	}
}

// TestFigureCentredAcrossTheWindow plays each floor pose in an 80x24 and
// a 120x40 window and checks that a figure drawn across the window, and
// narrower than it, is in its middle, within a cell: it was drawn at the
// left, 8 to 25 columns left empty on its right (and the start of a
// movement, whose frames share one box, took half the width at the left).
func TestFigureCentredAcrossTheWindow(t *testing.T) {
	draw := drawingsOf(t)
	across := 0
	for _, id := range capturedPoses {
		for _, sz := range []struct{ w, h int }{{80, 24}, {120, 40}} {
			m, seg := holdOf(t, id, draw, sz.w, sz.h)
			body := strings.Split(plain(m.figureBody(seg, m.segmentText(seg, false), sz.w, sz.h-10, false)), "\n")
			left, right, figure := sz.w, -1, true
			for _, l := range body {
				rs := []rune(l)
				first, last := -1, -1
				for i, r := range rs {
					if figureRune(r) {
						if first < 0 {
							first = i
						}
						last = i
					} else if r != ' ' && first >= 0 {
						figure = false // text beside the figure
					}
				}
				if first < 0 {
					if right >= 0 {
						break // the text under the figure
					}
					continue
				}
				left, right = min(left, first), max(right, last)
			}
			if !figure || right < 0 {
				continue
			}
			across++
			if gap := left - (sz.w - 1 - right); gap < -1 || gap > 1 {
				t.Errorf("%s in %dx%d: figure in columns %d to %d, %d empty on its left and %d on its right, want it centred:\n%s",
					id, sz.w, sz.h, left, right, left, sz.w-1-right, strings.Join(body, "\n"))
			}
		}
	}
	if across < 5 {
		t.Errorf("%d poses drawn across the window, want the lying poses", across)
	}
}

// TestCentred checks the indent that puts a figure in its panel's middle.
func TestCentred(t *testing.T) {
	tests := []struct {
		name        string
		cols, panel int
		want        int // the indent
	}{
		{"as wide as the panel", 10, 10, 0},
		{"wider than the panel", 12, 10, 0},
		{"an even room", 6, 10, 2},
		{"an odd room", 7, 10, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := []string{strings.Repeat("⣿", tt.cols), strings.Repeat("─", tt.cols)}
			for i, l := range centred(lines, tt.cols, tt.panel) {
				if got := len(l) - len(strings.TrimLeft(l, " ")); got != tt.want {
					t.Errorf("line %d indent = %d, want %d", i, got, tt.want)
				}
			}
		})
	}
}

// dotCount is how many braille dots a cell shows.
func dotCount(r rune) int {
	n := 0
	for b := r - brailleBlank; b != 0; b &= b - 1 {
		n++
	}
	return n
}

// TestArrowHeadsThin checks that the heads of arrows and the lift marks
// are drawn in lines one dot thin, as their shafts are: no arrow cell is
// solid, and few carry more than five of its eight dots. Filled, a head
// was a solid block of red (the pelvic tilt's press, the zombie crawl's
// lifts), which reads as a limb.
func TestArrowHeadsThin(t *testing.T) {
	draw := drawingsOf(t)
	for _, id := range capturedPoses {
		t.Run(id, func(t *testing.T) {
			ds := draw(id, segmentOf(t, id).Side)
			for _, p := range panels {
				for i, f := range drawFrames(ds, p.cols, p.rows) {
					arrows, dense := 0, 0
					for _, row := range f {
						for _, c := range row {
							if c.kind != arrowCell {
								continue
							}
							arrows++
							if n := dotCount(c.r); n == 8 {
								t.Errorf("%dx%d frame %d: a solid arrow cell:\n%s", p.cols, p.rows, i, strings.Join(text(f), "\n"))
							} else if n > 5 {
								dense++
							}
						}
					}
					if dense > max(2, arrows/10) {
						t.Errorf("%dx%d frame %d: %d of %d arrow cells are dense, want thin lines:\n%s", p.cols, p.rows, i, dense, arrows, strings.Join(text(f), "\n"))
					}
				}
			}
		})
	}
	// A head drawn on its own, large: a chevron, never a block.
	tri := figure.Shape{Class: figure.Reach, Part: "near.hand", Closed: true, Width: 0.008, Points: []figure.Point{{X: 0.5, Y: 0.1}, {X: 0.3, Y: 0.3}, {X: 0.3, Y: -0.1}}}
	alone := drawFrames([]*figure.Drawing{{Shapes: []figure.Shape{bar(figure.Near, -1, 0, 0, 0.1), tri}}}, 40, 12)
	for _, f := range alone {
		for _, row := range f {
			for _, c := range row {
				if c.kind == arrowCell && dotCount(c.r) > 5 {
					t.Errorf("a large arrowhead has a cell of %d dots, want one dot lines:\n%s", dotCount(c.r), strings.Join(text(f), "\n"))
				}
			}
		}
	}
	// The same head over a far limb (a lift arrow's head under a far
	// elbow, the Diagonal Reach seen from its far side) is drawn as it is
	// alone: its cells were red with the limb's dots too, solid.
	over := drawFrames([]*figure.Drawing{{Shapes: []figure.Shape{bar(figure.Near, -1, 0, 0, 0.1), bar(figure.Far, 0.3, 0.45, 0.1, 0.1), tri}}}, 40, 12) // inside the head's box: the same layout
	for y, row := range over[0] {
		for x, c := range row {
			if c.kind == arrowCell && c.r != alone[0][y][x].r {
				t.Errorf("an arrowhead over a far limb draws %q at column %d, row %d, want %q as alone:\n%s", c.r, x, y, alone[0][y][x].r, strings.Join(text(over[0]), "\n"))
			}
		}
	}
}
