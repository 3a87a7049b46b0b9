package web

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// diagramJS reads every label of the Learn page's diagrams: its text, its
// box in the drawing's units and its size on screen in CSS px (its font
// size times how much the drawing is scaled), and every leader line.
const diagramJS = `JSON.stringify([...document.querySelectorAll('.diagram svg')].map((svg) => {
	const vb = svg.viewBox.baseVal, k = svg.getBoundingClientRect().width / vb.width;
	return {
		title: svg.querySelector('title').textContent,
		box: {x: vb.x, y: vb.y, w: vb.width, h: vb.height},
		labels: [...svg.querySelectorAll('text')].map((t) => {
			const b = t.getBBox();
			return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * k, box: {x: b.x, y: b.y, w: b.width, h: b.height}};
		}),
		lines: [...svg.querySelectorAll('line')].map((l) => [l.x1.baseVal.value, l.y1.baseVal.value, l.x2.baseVal.value, l.y2.baseVal.value]),
	};
}))`

type svgBox struct{ X, Y, W, H float64 }

// overlaps reports whether two boxes share more than a sliver: the boxes
// of two lines of one label, set a line apart, share the room above and
// below the letters.
func (a svgBox) overlaps(b svgBox) bool {
	const sliver = 3
	return a.X+sliver < b.X+b.W && b.X+sliver < a.X+a.W && a.Y+sliver < b.Y+b.H && b.Y+sliver < a.Y+a.H
}

// inside reports whether a lies within b.
func (a svgBox) inside(b svgBox) bool {
	return a.X >= b.X && a.Y >= b.Y && a.X+a.W <= b.X+b.W && a.Y+a.H <= b.Y+b.H
}

// crosses reports whether the segment from (x1, y1) to (x2, y2) passes
// through the box (Liang-Barsky clipping).
func (a svgBox) crosses(x1, y1, x2, y2 float64) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := x2-x1, y2-y1
	for _, e := range [][2]float64{{-dx, x1 - a.X}, {dx, a.X + a.W - x1}, {-dy, y1 - a.Y}, {dy, a.Y + a.H - y1}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = max(t0, r)
		} else {
			t1 = min(t1, r)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

func TestSVGBoxCrosses(t *testing.T) {
	b := svgBox{10, 10, 20, 10}
	tests := []struct {
		name           string
		x1, y1, x2, y2 float64
		want           bool
	}{
		{"through", 0, 15, 40, 15, true},
		{"ends inside", 0, 15, 15, 15, true},
		{"stops short", 0, 15, 9, 15, false},
		{"passes above", 0, 5, 40, 5, false},
		{"diagonal past a corner", 0, 8, 12, 0, false},
	}
	for _, tt := range tests {
		if got := b.crosses(tt.x1, tt.y1, tt.x2, tt.y2); got != tt.want {
			t.Errorf("%s: crosses = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestLearnDiagramsReadable opens the Learn page on a phone (390 px wide)
// and on a desktop and checks every label of its diagrams: at least 12 CSS
// px on screen, wholly inside its drawing (the disc diagram clipped "Outer
// ring"), clear of every other label, and crossed by no leader line. It
// saves screenshots to BACKCARE_SCREENS when that is set.
func TestLearnDiagramsReadable(t *testing.T) {
	ts, _ := newTestServer(t)
	ctx := newBrowser(t)
	signInBrowser(t, ctx, ts.URL)
	dir := os.Getenv("BACKCARE_SCREENS")
	for _, sz := range []struct {
		name   string
		w, h   int64
		mobile bool
	}{{"390x844", 390, 844, true}, {"1280x800", 1280, 800, false}} {
		t.Run(sz.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			opts := []chromedp.EmulateViewportOption{}
			if sz.mobile {
				opts = append(opts, chromedp.EmulateMobile)
			}
			mustDo(t, ctx, chromedp.EmulateViewport(sz.w, sz.h, opts...),
				chromedp.Navigate(ts.URL+"/learn"), chromedp.WaitReady(chromedp.CSS(".diagram svg")))
			var diagrams []struct {
				Title  string
				Box    svgBox
				Labels []struct {
					Text string
					Px   float64
					Box  svgBox
				}
				Lines [][4]float64
			}
			if err := json.Unmarshal([]byte(eval[string](t, ctx, diagramJS)), &diagrams); err != nil {
				t.Fatal(err)
			}
			if len(diagrams) < 2 {
				t.Fatalf("diagrams = %d, want the map and the discs", len(diagrams))
			}
			for _, d := range diagrams {
				for i, l := range d.Labels {
					t.Logf("%s: %q %.1f px", d.Title, l.Text, l.Px)
					if l.Px < 12 {
						t.Errorf("%s: label %q is %.1f CSS px on screen, want at least 12", d.Title, l.Text, l.Px)
					}
					if !l.Box.inside(d.Box) {
						t.Errorf("%s: label %q at %+v runs outside the drawing %+v", d.Title, l.Text, l.Box, d.Box)
					}
					for _, o := range d.Labels[i+1:] {
						if l.Box.overlaps(o.Box) {
							t.Errorf("%s: labels %q and %q overlap", d.Title, l.Text, o.Text)
						}
					}
					for _, ln := range d.Lines {
						if l.Box.crosses(ln[0], ln[1], ln[2], ln[3]) {
							t.Errorf("%s: the leader line %v crosses the label %q", d.Title, ln, l.Text)
						}
					}
				}
			}
			if dir != "" {
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("learn-diagrams-%s.png", sz.name)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
