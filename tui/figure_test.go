package tui

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"backcare"
	"backcare/catalog"
	"backcare/figure"
	"backcare/player"
)

func TestCrop(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"all blank", "⠀⠀⠀\n⠀⠀⠀", nil},
		{"blank rows and columns round it", "⠀⠀⠀⠀\n⠀⣿⠁⠀\n⠀⠀⠀⠀", []string{"⣿⠁"}},
		{"a gap inside stays", "⣿⠀⠀\n⠀⠀⠀\n⠀⠀⣿", []string{"⣿⠀⠀", "⠀⠀⠀", "⠀⠀⣿"}},
		{"two frames cropped to both", "⣿⠀⠀\n⠀⠀⠀\f⠀⠀⠀\n⠀⣿⠀", []string{"⣿⠀", "⠀⠀", "/", "⠀⠀", "⠀⣿"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in []frame
			if tt.in != "" {
				for _, f := range strings.Split(tt.in, "\f") {
					in = append(in, fromText(f))
				}
			}
			var parts []string
			for i, f := range crop(in) {
				if i > 0 {
					parts = append(parts, "/")
				}
				for _, row := range f {
					var b strings.Builder
					for _, c := range row {
						b.WriteRune(c.r)
					}
					parts = append(parts, b.String())
				}
			}
			if got := strings.Join(parts, "|"); got != strings.Join(tt.want, "|") {
				t.Errorf("crop(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// lying is a figure eight times as wide as it is tall, as a pose lying on
// the floor is, drawn as large as the room allows.
func lying(_ string, _ backcare.Side, cols, rows int) string {
	// Terminal cells are about twice as tall as wide.
	h := min(rows, max(cols/16, 1))
	out := make([]string, rows)
	for i := range out {
		if i < h {
			out[i] = strings.Repeat("⣿", cols)
		} else {
			out[i] = strings.Repeat("⠀", cols)
		}
	}
	return strings.Join(out, "\n")
}

// TestLyingFigureAcrossTheWindow checks that a lying pose is drawn across
// the whole window, above the text, where beside the text it would be a
// strip of two rows, and that the window still holds everything.
func TestLyingFigureAcrossTheWindow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		check := &safetyCheck{}
		hs := run(t, Config{Timeline: article(t, player.Options{}), Safety: check.config(), Figure: lying}, 80, 24)
		hs.press("n", "n", "n", "enter", "7", "enter")
		hs.sleepUntil(20 * time.Second)
		hs.press("h", "enter", "3", "enter")
		hs.want(ScreenNote)
		hs.press("enter")
		hs.want(ScreenSummary)
		hs.press("enter")
		hs.finish()
		for _, s := range hs.screens() {
			if s.screen != ScreenHold {
				continue
			}
			lines := strings.Split(s.text, "\n")
			rows := 0
			for _, l := range lines {
				if strings.HasPrefix(l, strings.Repeat("⣿", 80)) {
					rows++
				}
			}
			if rows < 4 {
				t.Errorf("the lying figure spans the window on %d rows, want at least 4:\n%s", rows, s.text)
			}
			if len(lines) > 24 {
				t.Errorf("%d lines in a window 24 high", len(lines))
			}
			return
		}
		t.Error("no hold screen")
	})
}

// lyingPoses are the built-in poses done lying, kneeling or on all fours
// (bench/tui-figures.sh captures the same).
var lyingPoses = []string{"zombie-crawl", "zombie-crawl-diagonal-reach", "face-down-reach", "sphinx", "curl-up",
	"abdominal-brace", "curl-up-elbows-up", "side-bridge-knees", "side-bridge-feet", "bird-dog",
	"bird-dog-leg-slide", "bird-dog-squares", "glute-bridge", "pelvic-tilt", "single-leg-bridge",
	"dead-bug-hold", "dead-bug", "childs-pose-side-reach", "childs-pose", "supine-twist", "knee-sway",
	"figure-four", "knee-to-chest"}

// drawingsOf draws the built-in poses as the backcare command does.
func drawingsOf(t *testing.T) func(string, backcare.Side) []*figure.Drawing {
	t.Helper()
	cat := catalog.Builtin()
	return func(id string, side backcare.Side) []*figure.Drawing {
		p, err := cat.Pose(id)
		if err != nil {
			t.Fatal(err)
		}
		frames, err := figure.DrawFrames(p.Figure, side)
		if err != nil {
			t.Fatal(err)
		}
		return frames
	}
}

// segmentOf is a hold of a pose, on its right side when it has sides.
func segmentOf(t *testing.T, id string) player.Segment {
	t.Helper()
	p, err := catalog.Builtin().Pose(id)
	if err != nil {
		t.Fatal(err)
	}
	seg := player.Segment{Pose: id}
	if p.Sided {
		seg.Side = backcare.Right
	}
	return seg
}

// TestLyingFiguresFillTheirPanel checks that every lying pose, cropped to
// what it draws and scaled up, fills its panel: the whole width or the
// whole height of it, less a cell, in the panels an 80x24 and a 120x40
// window give it (across the window, or beside the text).
func TestLyingFiguresFillTheirPanel(t *testing.T) {
	panels := []struct{ cols, rows int }{{80, 7}, {80, 11}, {32, 17}, {120, 15}, {48, 30}}
	draw := drawingsOf(t)
	for _, id := range lyingPoses {
		t.Run(id, func(t *testing.T) {
			m := &model{cfg: Config{Drawings: draw}, st: newStyles(), figures: map[figureKey][]frame{}}
			seg := segmentOf(t, id)
			for _, p := range panels {
				w, h := size(m.fitted(seg, p.cols, p.rows))
				if w > p.cols || h > p.rows {
					t.Errorf("%dx%d panel: figure %dx%d, larger than the panel", p.cols, p.rows, w, h)
				}
				if w < p.cols-1 && h < p.rows-1 {
					t.Errorf("%dx%d panel: figure %dx%d, want the panel's width or height (fill %.0f%% x %.0f%%)",
						p.cols, p.rows, w, h, 100*float64(w)/float64(p.cols), 100*float64(h)/float64(p.rows))
				}
			}
		})
	}
}

// TestFigureGlyphs checks that props and the floor are drawn in glyphs of
// their own, never the braille of a limb (a pale far limb and a dotted
// prop outline were both sparse braille dots), that the far limbs, the
// arrows, the props and the floor each have a style of their own, and
// that a cell of the body carries no dots of a prop beside it.
func TestFigureGlyphs(t *testing.T) {
	st := newStyles()
	kinds := []cellKind{nearCell, farCell, arrowCell, propCell, floorCell, matBoxCell}
	for i, a := range kinds {
		for _, b := range kinds[i+1:] {
			if st.figure[a].Render("⣿") == st.figure[b].Render("⣿") {
				t.Errorf("cells of kind %d and %d are drawn in the same style", a, b)
			}
		}
	}
	draw := drawingsOf(t)
	seen := map[cellKind]int{}
	for _, id := range lyingPoses {
		seg := segmentOf(t, id)
		for _, f := range drawFrames(draw(id, seg.Side), 80, 12) {
			for y, row := range f {
				for x, c := range row {
					seen[c.kind]++
					braille := c.r >= brailleBlank && c.r <= brailleBlank+0xff
					switch c.kind {
					case propCell, floorCell, matBoxCell, dividerCell:
						if braille {
							t.Errorf("%s: prop or floor cell (%d, %d) drawn in braille %q", id, x, y, c.r)
						}
					case nearCell, farCell, arrowCell:
						if !braille || c.r == brailleBlank {
							t.Errorf("%s: body or arrow cell (%d, %d) drawn as %q, want braille dots", id, x, y, c.r)
						}
					}
				}
			}
		}
	}
	for _, k := range append(kinds, dividerCell) {
		if seen[k] == 0 && k != propCell { // a lying pose's only prop is its mat
			t.Errorf("no lying pose draws a cell of kind %d", k)
		}
	}
}

// TestLyingFiguresAcrossTheWindow plays each lying pose on its own in an
// 80x24 and a 120x40 window and checks that its figure, across the
// window, takes its whole width or every row the text under it leaves:
// the curl-up, narrow and tall, was held to half the rows, 44 of 80
// columns wide.
func TestLyingFiguresAcrossTheWindow(t *testing.T) {
	draw := drawingsOf(t)
	for _, id := range lyingPoses {
		for _, sz := range []struct{ w, h int }{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s/%dx%d", id, sz.w, sz.h), func(t *testing.T) {
				m, seg := holdOf(t, id, draw, sz.w, sz.h)
				// The body's rows under the header and over the footer, which
				// depend on the footer's lines.
				for _, rows := range []int{sz.h - 10, sz.h - 9} {
					text := m.segmentText(seg, false)
					body := strings.Split(ansi.Strip(m.figureBody(seg, text, sz.w, rows, false)), "\n")
					// The figure's cells: braille, blank or not, and the glyphs
					// of props and the floor.
					figRows, figCols := 0, 0
					for _, l := range body {
						n := 0
						for _, r := range l {
							if figureRune(r) {
								n++
							}
						}
						if n > 0 {
							figRows++
						}
						figCols = max(figCols, n)
					}
					room := rows - lipgloss.Height(m.segmentBody(seg, text, sz.w, 11, false)) - 1
					besideCols := min(max(sz.w*2/5, 24), 70)
					across := figCols > besideCols
					switch {
					case across && figCols < sz.w-1 && figRows < room-1,
						!across && figCols < besideCols-1 && figRows < rows-1,
						// A strip beside the text belongs across the window.
						!across && figRows < rows/3:
						t.Errorf("%d rows: figure %d x %d in a window %d wide with %d rows for it:\n%s", rows, figCols, figRows, sz.w, room, strings.Join(body, "\n"))
					}
				}
			})
		}
	}
}
