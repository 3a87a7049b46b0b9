package tui

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"

	"backcare/player"
)

// minRoomFill is the least share of its room a lying pose's figure is
// drawn at, at 80x24 (roomFill); minBoxedFill that of a figure in a mat's
// box seen from above, whose edges take a row above the body and one
// under it. Laid out as before (the packed text under a figure only
// where that drew it a third larger, a blank line over the keys), the
// Curl-Up, Elbows Up was drawn at 0.86 and the Bird Dog with Squares at
// 0.82, with two rows under the compact text; the Lying Twist, in its
// box, at 0.86 (0.87 now), the Child's Pose with Side Reach at 0.82
// (0.83 now).
const (
	minRoomFill  = 0.9
	minBoxedFill = 0.8
)

// roomFill measures a playing screen's figure against the room the text
// leaves it: the body's rows less those the text needs packed under it
// (and a blank line), or its columns less the text's least column beside
// it (textCols and the two columns between). The figure's drawn bounds
// are where it draws its body (drawnRune). Its fill is how
// large it is drawn against the largest a figure of its shape (its
// bounds' width and height) could be in the larger of the two rooms: 1
// when it takes the whole width or height of one and could be no larger
// in the other.
type roomFill struct {
	cols, rows       int // the figure's drawn bounds, in cells
	bodyCols, across int // the body's width, and the rows the text leaves across it
	bodyRows, beside int // the body's rows, and the columns the text leaves beside it
	fill             float64
}

func (f roomFill) String() string {
	return fmt.Sprintf("figure %dx%d; rooms %dx%d across, %dx%d beside; fill %.2f", f.cols, f.rows, f.bodyCols, f.across, f.beside, f.bodyRows, f.fill)
}

// drawnRune reports whether a rune on the screen is a drawn cell of a
// figure's body: braille with dots (the body, its hands and its
// arrows), not the floor, a mat or the line between two views, which
// reach past the body.
func drawnRune(r rune) bool { return r > brailleBlank && r <= brailleBlank+0xff }

// measureFill measures the figure of a segment on the screens of its
// frames (a movement's frames share one box, as large as both together
// allow): the bounds of their figures together.
func measureFill(m *model, seg player.Segment, screens []string) roomFill {
	w := m.width
	footer := m.playingFooter(seg, w, false)
	rows := m.bodyRows(footer)
	packed := lipgloss.Height(m.segmentBody(seg, m.segmentText(seg, false), w, minTextRows-1, false))
	top, bottom := rows+2, -1
	left, right := w, -1
	for _, screen := range screens {
		lines := strings.Split(screen, "\n")
		for y := 2; y < min(2+rows, len(lines)); y++ {
			for x, r := range []rune(lines[y]) {
				if drawnRune(r) {
					top, bottom = min(top, y), max(bottom, y)
					left, right = min(left, x), max(right, x)
				}
			}
		}
	}
	f := roomFill{bodyCols: w, across: rows - packed - 1, bodyRows: rows, beside: w - 2 - textCols}
	if bottom < 0 {
		return f
	}
	f.cols, f.rows = right-left+1, bottom-top+1
	grow := func(cols, rows int) float64 {
		return min(float64(cols)/float64(f.cols), float64(rows)/float64(f.rows))
	}
	f.fill = 1 / max(grow(f.bodyCols, f.across), grow(f.beside, f.bodyRows))
	return f
}

// TestLyingFiguresFillTheRoom plays every lying pose at 80x24, both
// frames of a movement, and checks that its figure is drawn at
// minRoomFill of the room the countdown, the pose's name and its step
// leave it at the least (roomFill), and that those still show. With
// TUI_FILL set it prints every pose's measure.
func TestLyingFiguresFillTheRoom(t *testing.T) {
	draw := drawingsOf(t)
	worst, sum, n := math.Inf(1), 0.0, 0
	for _, id := range lyingPoses {
		m, seg := holdOf(t, id, draw, 80, 24)
		now := time.Unix(0, 0)
		m.p = player.New(m.cfg.Timeline, func() time.Time { return now })
		m.p.Start()
		m.phase = phasePlaying
		for m.p.Segment() != seg.Index {
			m.p.Skip()
		}
		var screens []string
		for _, at := range []time.Duration{500 * time.Millisecond, frameTime + 500*time.Millisecond} {
			now = time.Unix(0, 0).Add(at)
			screens = append(screens, plain(m.render()))
		}
		f := measureFill(m, seg, screens)
		if os.Getenv("TUI_FILL") != "" {
			t.Logf("%-28s %v", id, f)
		}
		worst, sum, n = min(worst, f.fill), sum+f.fill, n+1
		want := minRoomFill
		if strings.ContainsRune(screens[0], matCorners[0]) {
			want = minBoxedFill
		}
		if f.fill < want {
			t.Errorf("%s: %v, want a fill of %.2f at least:\n%s", id, f, want, screens[0])
		}
		text := m.segmentText(seg, false)
		// The countdown, the pose's name and its step show, every word
		// of them (the text beside a figure wraps).
		for i, screen := range screens {
			words := map[string]bool{}
			for _, w := range strings.Fields(screen) {
				words[w] = true
			}
			for _, w := range strings.Fields("left " + text.title + " " + text.step) {
				if !words[w] {
					t.Errorf("%s, frame %d: %q (of the countdown, the name %q or the step %q) is not on the screen:\n%s", id, i+1, w, text.title, text.step, screen)
					break
				}
			}
		}
	}
	if os.Getenv("TUI_FILL") != "" {
		t.Logf("fill: worst %.2f, mean %.2f", worst, sum/float64(n))
	}
}

// TestMatBoxEdgesClearOfTheBody plays every lying pose in the windows the
// player is used in and checks that a mat's box seen from above holds the
// body: no braille between the corners of its top or bottom edge. At
// 64x20 the Child's Pose with Side Reach went across the window in two
// views 5 rows high, and its body from above ran over the box's edges.
func TestMatBoxEdgesClearOfTheBody(t *testing.T) {
	draw := drawingsOf(t)
	for _, id := range lyingPoses {
		for _, sz := range []struct{ w, h int }{{64, 20}, {80, 24}, {100, 30}, {120, 40}} {
			m, seg := holdOf(t, id, draw, sz.w, sz.h)
			m.p.Start()
			m.phase = phasePlaying
			for m.p.Segment() != seg.Index {
				m.p.Skip()
			}
			screen := plain(m.render())
			for y, l := range strings.Split(screen, "\n") {
				rs := []rune(l)
				for x := 0; x < len(rs); x++ {
					if rs[x] != matCorners[0] && rs[x] != matCorners[2] {
						continue
					}
					end := matCorners[1]
					if rs[x] == matCorners[2] {
						end = matCorners[3]
					}
					for k := x + 1; k < len(rs) && rs[k] != end; k++ {
						if rs[k] > brailleBlank && rs[k] <= brailleBlank+0xff {
							t.Errorf("%s %dx%d: the body over the box's edge on line %d:\n%s", id, sz.w, sz.h, y+1, screen)
							break
						}
					}
				}
			}
		}
	}
}
