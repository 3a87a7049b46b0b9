package tui

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/figure"
	"backcare/player"
)

// text is a frame's glyphs, row by row.
func text(f frame) []string {
	out := make([]string, len(f))
	for i, row := range f {
		var b strings.Builder
		for _, c := range row {
			b.WriteRune(c.r)
		}
		out[i] = b.String()
	}
	return out
}

// bar is a body part: a thick line from (x0, y) to (x1, y).
func bar(class figure.Class, x0, x1, y, width float64) figure.Shape {
	return figure.Shape{Class: class, Part: "near.shin", Points: []figure.Point{{X: x0, Y: y}, {X: x1, Y: y}}, Width: width}
}

// slab is a filled box, as the figure package draws the floor and a mat.
func slab(class figure.Class, part string, x0, x1, y0, y1 float64) figure.Shape {
	return figure.Shape{Class: class, Part: part, Closed: true,
		Points: []figure.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}}
}

// TestFloorRow checks the floor row on drawings made for the test: a line
// the whole width of the floor, a double line where a mat lies on it,
// nothing of the body in it, and the body resting on it in the row above.
func TestFloorRow(t *testing.T) {
	tests := []struct {
		name   string
		shapes []figure.Shape
		cols   int
		want   string // the floor row
	}{
		{"bare floor", []figure.Shape{
			slab(figure.Ground, "floor", -1, 1, -0.02, 0),
			bar(figure.Near, -1, 1, 0.05, 0.1),
		}, 20, "────────────────────"},
		{"a mat in the middle", []figure.Shape{
			slab(figure.Ground, "floor", -1, 1, -0.02, 0),
			slab(figure.Prop, "mat", -0.5, 0.5, 0, 0.01),
			bar(figure.Near, -1, 1, 0.06, 0.1),
		}, 20, "─────══════════─────"},
		{"a body dipping below the floor is cut at the line", []figure.Shape{
			slab(figure.Ground, "floor", -1, 1, -0.02, 0),
			bar(figure.Near, -1, 1, 0.0, 0.1),
		}, 20, "────────────────────"},
		{"a box on the floor is a prop, not a mat", []figure.Shape{
			slab(figure.Ground, "floor", -1, 1, -0.02, 0),
			slab(figure.Prop, "box", 0.5, 1, 0, 0.2),
			bar(figure.Near, -1, 1, 0.05, 0.1),
		}, 20, "────────────────────"},
		{"two views, two floors", []figure.Shape{
			slab(figure.Ground, "floor", -1, -0.2, -0.02, 0),
			slab(figure.Ground, "floor", 0.2, 1, -0.02, 0),
			bar(figure.Near, -1, -0.2, 0.05, 0.1),
			bar(figure.Near, 0.2, 1, 0.05, 0.1),
		}, 20, "────────⠀⠀⠀⠀────────"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &figure.Drawing{Shapes: tt.shapes}
			fs := drawFrames([]*figure.Drawing{d}, tt.cols, 10)
			if len(fs) != 1 {
				t.Fatalf("drawFrames drew %d frames, want 1", len(fs))
			}
			rows := text(fs[0])
			if got := rows[len(rows)-1]; got != tt.want {
				t.Errorf("floor row = %q, want %q\n%s", got, tt.want, strings.Join(rows, "\n"))
			}
			above := fs[0][len(rows)-2]
			resting := 0
			for _, c := range above {
				if c.kind == nearCell {
					resting++
				}
			}
			if resting < len(above)/2 {
				t.Errorf("%d of %d cells over the floor draw the body lying on it, want most:\n%s", resting, len(above), strings.Join(rows, "\n"))
			}
		})
	}
}

// floorRow returns the index of a frame's floor row (the one row that
// draws the floor), or -1.
func floorRow(t *testing.T, f frame) int {
	t.Helper()
	at := -1
	for y, row := range f {
		for _, c := range row {
			if c.kind == floorCell || c.kind == matCell {
				if at >= 0 && at != y {
					t.Fatalf("the floor is drawn on rows %d and %d, want one row", at, y)
				}
				at = y
			}
		}
	}
	return at
}

// hasGround reports whether a drawing stands on a floor, and whether a
// mat lies on it or, seen from above, under the body.
func hasGround(d *figure.Drawing) (ground, floorMat, mat bool) {
	for _, s := range d.Shapes {
		ground = ground || s.Class == figure.Ground
		mat = mat || (s.Class == figure.Prop && s.Part == "mat")
	}
	for _, s := range d.Shapes {
		if s.Class == figure.Prop && s.Part == "mat" {
			lo, hi := bbox(s.Points)
			floorMat = floorMat || (ground && hi.Y-lo.Y < matThickness)
		}
	}
	return ground, floorMat, mat
}

// viewGround reports, of the first view of a pose's drawing (the one it
// is written for, always drawn), whether it stands on a floor, and
// whether a second view does.
func viewGround(ds []*figure.Drawing) (first, second bool) {
	views := splitViews(ds)
	first, _, _ = hasGround(views[0][0])
	if len(views) > 1 {
		second, _, _ = hasGround(views[1][0])
	}
	return first, second
}

// drawnView is one view of a pose as the terminal draws it: its frames,
// cut out of the drawing's, and whether it stands on a floor and has a
// mat lying on it (hasGround of the view's own drawing).
type drawnView struct {
	frames                []frame
	src                   []*figure.Drawing // the view's drawings, a frame each
	ground, floorMat, mat bool
}

// eachDrawnFrame calls fn with every frame of every view drawn of every
// captured pose in every panel, with where it is ("knee-sway 80x7 view 1
// frame 0") and the view's drawing of that frame (nil where it has none).
func eachDrawnFrame(t *testing.T, fn func(where string, f frame, d *figure.Drawing)) {
	t.Helper()
	draw := drawingsOf(t)
	for _, id := range capturedPoses {
		ds := draw(id, segmentOf(t, id).Side)
		for _, p := range panels {
			for v, dv := range drawnViews(ds, p.cols, p.rows) {
				for i, f := range dv.frames {
					var d *figure.Drawing
					if i < len(dv.src) {
						d = dv.src[i]
					}
					fn(fmt.Sprintf("%s %dx%d view %d frame %d", id, p.cols, p.rows, v+1, i), f, d)
				}
			}
		}
	}
}

// drawnViews draws a pose's frames in cols x rows cells and cuts out each
// view drawn (one, or two side by side or one over the other, each on
// its own floor).
func drawnViews(ds []*figure.Drawing, cols, rows int) []drawnView {
	fs, boxes := drawViews(ds, cols, rows)
	views := splitViews(ds)
	if len(boxes) == 1 && len(views) == 2 { // the view that goes alone
		views = [][]*figure.Drawing{aloneView(views[0], views[1])}
	}
	out := make([]drawnView, len(boxes))
	for v, b := range boxes {
		out[v].src = views[v]
		out[v].ground, out[v].floorMat, out[v].mat = hasGround(views[v][0])
		for _, f := range fs {
			var sub frame
			for _, row := range f[b.y0:b.y1] {
				sub = append(sub, row[b.x0:b.x1])
			}
			out[v].frames = append(out[v].frames, sub)
		}
	}
	return out
}

// panels are the rooms the player gives a figure in an 80x24 and a
// 120x40 window: across the window, or beside the text.
var panels = []struct{ cols, rows int }{{80, 7}, {80, 11}, {32, 17}, {120, 15}, {120, 25}, {48, 30}}

// TestFloorUnbrokenUnderContacts checks, for every lying, kneeling and
// all-fours pose on a floor, in every panel, that the floor is one
// unbroken line across the figure (where hands, knees or feet touch it
// too), that nothing of the body is drawn in it or below it, and that
// the body rests on it: its lowest cells are in the row just above. Of
// two views, each on a floor has its own line (one over the other, two
// floor rows: the Figure-Four in a panel beside the text).
func TestFloorUnbrokenUnderContacts(t *testing.T) {
	draw := drawingsOf(t)
	for _, id := range lyingPoses {
		t.Run(id, func(t *testing.T) {
			ds := draw(id, segmentOf(t, id).Side)
			first, second := viewGround(ds)
			if !first && !second {
				t.Skip("seen from above: no floor line")
			}
			two := len(splitViews(ds)) > 1
			for _, p := range panels {
				for v, view := range drawnViews(ds, p.cols, p.rows) {
					for i, f := range view.frames {
						where := fmt.Sprintf("%dx%d frame %d, view %d", p.cols, p.rows, i, v+1)
						rows := strings.Join(text(f), "\n")
						y := floorRow(t, f)
						if y < 0 && !view.ground {
							continue // a view seen from above
						}
						if y < 0 {
							t.Fatalf("%s: no floor drawn:\n%s", where, rows)
						}
						if two {
							unbrokenFloor(t, f[y], where, rows)
						} else {
							// Every column over a floor of the drawing draws it.
							l, _ := newLayout(ds, p.cols, p.rows)
							for _, sp := range l.floors {
								a, _ := l.dot(figure.Point{X: sp.x0, Y: l.floorY})
								b, _ := l.dot(figure.Point{X: sp.x1, Y: l.floorY})
								first, last := max(0, int(a/2)+1), min(len(f[y]), int(b/2))-1
								for x := first; x <= last; x++ {
									if k := f[y][x].kind; k != floorCell && k != matCell {
										t.Errorf("%s: the floor is broken at column %d (%q):\n%s", where, x, f[y][x].r, rows)
										break
									}
								}
							}
						}
						if y == 0 {
							t.Fatalf("%s: nothing over the floor", where)
						}
						resting := 0
						for x, c := range f[y-1] {
							if k := f[y][x].kind; (k == floorCell || k == matCell) && (c.kind == nearCell || c.kind == farCell) {
								resting++
							}
						}
						if resting == 0 {
							t.Errorf("%s: nothing of the body rests on the floor:\n%s", where, rows)
						}
					}
				}
			}
		})
	}
}

// unbrokenFloor checks the floor row of a view of two: the floor is one
// line from its first cell to its last (where a divider parts a row, in
// each part).
func unbrokenFloor(t *testing.T, row []cell, where, rows string) {
	t.Helper()
	first, last := -1, -1
	check := func() {
		for x := first; x >= 0 && x <= last; x++ {
			if k := row[x].kind; k != floorCell && k != matCell {
				t.Errorf("%s: the floor is broken at column %d (%q):\n%s", where, x, row[x].r, rows)
				return
			}
		}
	}
	for x, c := range row {
		switch c.kind {
		case dividerCell:
			check()
			first, last = -1, -1
		case floorCell, matCell:
			if first < 0 {
				first = x
			}
			last = x
		}
	}
	check()
}

// TestMatUnderTheFigure checks that every pose drawn with a mat shows
// it: lying on the floor, as a double line in the floor row under the
// body, distinct from the bare floor on either side; seen from above, as
// a box of double lines round it, never the middle dots of a prop (it
// was a dotted outline, which read as a prop or as nothing).
func TestMatUnderTheFigure(t *testing.T) {
	draw := drawingsOf(t)
	for _, id := range lyingPoses {
		t.Run(id, func(t *testing.T) {
			ds := draw(id, segmentOf(t, id).Side)
			if _, _, mat := hasGround(ds[0]); !mat {
				t.Skip("no mat")
			}
			for _, p := range panels {
				// Each view drawn, with its own mat: on its floor (of two
				// views, each has its own floor row), or seen from above.
				for v, view := range drawnViews(ds, p.cols, p.rows) {
					for i, f := range view.frames {
						rows := strings.Join(text(f), "\n")
						count := map[cellKind]int{}
						for _, row := range f {
							for _, c := range row {
								count[c.kind]++
							}
						}
						if count[propCell] > 0 {
							t.Errorf("%dx%d frame %d, view %d: %d cells of the mat drawn as a prop's middle dots, want a mat's double lines:\n%s", p.cols, p.rows, i, v+1, count[propCell], rows)
						}
						if view.mat && !view.floorMat && count[matBoxCell] < 8 {
							t.Errorf("%dx%d frame %d, view %d: the mat seen from above shows in %d cells of double lines, want a box round the body:\n%s", p.cols, p.rows, i, v+1, count[matBoxCell], rows)
						}
						if view.floorMat {
							matOnTheFloor(t, f, fmt.Sprintf("%dx%d frame %d, view %d", p.cols, p.rows, i, v+1))
						}
					}
				}
			}
		})
	}
}

// matOnTheFloor checks a view of a body lying on a mat on the floor: the
// mat is drawn in the floor row under most of the body's columns, with
// bare floor beside it.
func matOnTheFloor(t *testing.T, f frame, where string) {
	t.Helper()
	rows := strings.Join(text(f), "\n")
	y := floorRow(t, f)
	if y < 0 {
		return
	}
	// The body's columns over the floor.
	left, right := len(f[0]), -1
	for _, row := range f[:y] {
		for x, c := range row {
			if c.kind == nearCell && (f[y][x].kind == floorCell || f[y][x].kind == matCell) {
				left, right = min(left, x), max(right, x)
			}
		}
	}
	mats := 0
	for x := left; x <= right; x++ {
		if f[y][x].kind == matCell {
			mats++
		}
	}
	if right < left || mats < (right-left+1)*3/4 {
		t.Errorf("%s: the mat lies under %d of the body's %d columns, want most:\n%s", where, mats, right-left+1, rows)
	}
	first, last := -1, -1
	for x, c := range f[y] {
		if c.kind == matCell {
			if first < 0 {
				first = x
			}
			last = x
		}
	}
	if (first < 1 || f[y][first-1].kind != floorCell) && (last+1 >= len(f[y]) || f[y][last+1].kind != floorCell) {
		t.Errorf("%s: no bare floor beside the mat:\n%s", where, rows)
	}
}

// TestLyingFiguresFillTheWidth checks that a figure lying long and low
// (a view of it four times as wide as it is tall, or more) takes nearly
// the whole width of the panel across an 80x24 window, and of a 120x40
// one: it was a two-row smear on the floor line. A pose of two views
// counts too, whichever of its views are drawn. (The Diagonal Reach,
// once drawn from above and from the far side a little above, counted
// by its side view; seen now from a little above the near side alone,
// with its lifted elbow and arrows, it is under four times as wide as
// tall and takes 72 of 80 columns.)
func TestLyingFiguresFillTheWidth(t *testing.T) {
	draw := drawingsOf(t)
	checked := map[string]bool{}
	for _, id := range lyingPoses {
		t.Run(id, func(t *testing.T) {
			ds := draw(id, segmentOf(t, id).Side)
			long := false
			for _, v := range splitViews(ds) {
				// The body's extent, its arrows with it (the layout's box
				// also holds a strip's near edge, moved down under an
				// arrow).
				lo, hi := figure.Point{X: math.Inf(1), Y: math.Inf(1)}, figure.Point{X: math.Inf(-1), Y: math.Inf(-1)}
				for _, d := range v {
					for _, s := range d.Shapes {
						if !isBody(s) && s.Class != figure.Reach {
							continue
						}
						r := halfWidth(s)
						for _, p := range s.Points {
							lo.X, lo.Y = min(lo.X, p.X-r), min(lo.Y, p.Y-r)
							hi.X, hi.Y = max(hi.X, p.X+r), max(hi.Y, p.Y+r)
						}
					}
				}
				long = long || hi.X-lo.X >= 4*(hi.Y-lo.Y)
			}
			if !long {
				return
			}
			checked[id] = true
			for _, p := range []struct{ cols, rows int }{{80, 9}, {80, 11}, {120, 25}} {
				if w, h := size(drawFrames(ds, p.cols, p.rows)); w < p.cols*85/100 {
					t.Errorf("%dx%d panel: figure %dx%d, want at least 85%% of the width", p.cols, p.rows, w, h)
				}
			}
		})
	}
	if !checked["zombie-crawl"] || !checked["face-down-reach"] {
		t.Errorf("lying figures long and low: %v, want the zombie crawl and the face-down reach", slices.Sorted(maps.Keys(checked)))
	}
}

// TestArrowsThin checks that arrows are drawn one dot thin (their heads
// aside), so that they never read as a limb, and never in the floor row.
func TestArrowsThin(t *testing.T) {
	draw := drawingsOf(t)
	arrows := 0
	for _, id := range lyingPoses {
		ds := draw(id, segmentOf(t, id).Side)
		for _, f := range drawFrames(ds, 80, 11) {
			y := -1
			if g, _, _ := hasGround(ds[0]); g {
				y = floorRow(t, f)
			}
			full := 0
			for r, row := range f {
				for _, c := range row {
					if c.kind != arrowCell {
						continue
					}
					arrows++
					if r == y {
						t.Errorf("%s: an arrow in the floor row", id)
					}
					if c.r == '⣿' {
						full++
					}
				}
			}
			if full > 4 {
				t.Errorf("%s: %d arrow cells are solid, want thin arrows:\n%s", id, full, strings.Join(text(f), "\n"))
			}
		}
	}
	if arrows == 0 {
		t.Error("no lying pose draws an arrow")
	}
}

// TestMovementFramesDiffer checks that the frames of every pose that
// moves are drawn differently in the terminal (the cells change), in the
// same place and size.
func TestMovementFramesDiffer(t *testing.T) {
	draw := drawingsOf(t)
	moving := 0
	for _, id := range lyingPoses {
		ds := draw(id, segmentOf(t, id).Side)
		if len(ds) < 2 {
			continue
		}
		moving++
		t.Run(id, func(t *testing.T) {
			for _, p := range panels {
				fs := drawFrames(ds, p.cols, p.rows)
				a, b := fs[0], fs[1]
				if len(a) != len(b) || len(a[0]) != len(b[0]) {
					t.Fatalf("%dx%d: frames %dx%d and %dx%d, want one size", p.cols, p.rows, len(a[0]), len(a), len(b[0]), len(b))
				}
				changed, body := 0, 0
				for y := range a {
					for x := range a[y] {
						if a[y][x] != b[y][x] {
							changed++
						}
						if a[y][x].kind >= farCell {
							body++
						}
					}
				}
				if changed < max(3, body/20) {
					t.Errorf("%dx%d: the frames differ in %d cells of %d, want the movement to show:\n%s\n\n%s", p.cols, p.rows, changed, body,
						strings.Join(text(a), "\n"), strings.Join(text(b), "\n"))
				}
			}
		})
	}
	if moving < 5 {
		t.Errorf("%d lying poses move, want the curl-up, bird dog, dead bug, glute bridge, pelvic tilt and more", moving)
	}
}

// TestPlayerAlternatesFrames plays a moving pose and checks that the
// screen shows the movement's start as a set begins, its end a frame
// later, and the start again after that; while paused, the frame stays.
func TestPlayerAlternatesFrames(t *testing.T) {
	for _, id := range []string{"bird-dog", "dead-bug", "curl-up"} {
		t.Run(id, func(t *testing.T) {
			draw := drawingsOf(t)
			tl := oneRoutine(t, id)
			now := time.Unix(0, 0)
			m := newModel(t.Context(), Config{Timeline: tl, Drawings: draw}, io.Discard, newStyles())
			m.width, m.height = 80, 24
			m.p = player.New(tl, func() time.Time { return now })
			m.p.Start()
			m.phase = phasePlaying
			for m.cfg.Timeline.Segments[m.p.Segment()].Kind != player.Reps {
				m.p.Skip()
			}
			figureOf := func() string { return figureText(m.render()) }
			var shown []string
			for _, at := range []time.Duration{500 * time.Millisecond, frameTime + 500*time.Millisecond, 2*frameTime + 500*time.Millisecond} {
				now = time.Unix(0, 0).Add(at)
				shown = append(shown, figureOf())
			}
			if shown[0] == shown[1] {
				t.Errorf("the figure at %v and %v is the same, want the movement's two frames:\n%s", 500*time.Millisecond, frameTime+500*time.Millisecond, shown[0])
			}
			if shown[0] != shown[2] {
				t.Errorf("the figure at %v is not the start again:\n%s\n\n%s", 2*frameTime+500*time.Millisecond, shown[0], shown[2])
			}
			m.p.Pause()
			paused := figureOf()
			now = now.Add(frameTime)
			if figureOf() != paused {
				t.Error("the figure changed while paused")
			}
		})
	}
}

// figureText is the figure's cells in a screen: its braille and glyphs,
// line by line, the text beside and under it left out.
func figureText(screen string) string {
	var out []string
	for _, l := range strings.Split(plain(screen), "\n") {
		var b strings.Builder
		for _, r := range l {
			if figureRune(r) {
				b.WriteRune(r)
			}
		}
		if b.Len() > 0 {
			out = append(out, b.String())
		}
	}
	return strings.Join(out, "\n")
}

// oneRoutine is a routine of one built-in pose.
func oneRoutine(t *testing.T, id string) *player.Timeline {
	t.Helper()
	p, err := catalog.Builtin().Pose(id)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := player.Compile(backcare.Routine{ID: "one", Name: "One", Entries: []backcare.Entry{{Pose: p, Dose: p.Dose}}}, player.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// holdOf is a player at the start of a routine of the one pose, in a
// window w x h, with the segment that holds it (or counts its reps).
func holdOf(t *testing.T, id string, draw func(string, backcare.Side) []*figure.Drawing, w, h int) (*model, player.Segment) {
	t.Helper()
	tl := oneRoutine(t, id)
	m := newModel(t.Context(), Config{Timeline: tl, Drawings: draw}, io.Discard, newStyles())
	m.width, m.height = w, h
	m.p = player.New(tl, func() time.Time { return time.Unix(0, 0) })
	for _, s := range tl.Segments {
		if s.Pose == id && (s.Kind == player.Hold || s.Kind == player.Reps) {
			return m, s
		}
	}
	t.Fatalf("%s: no hold or reps in its routine", id)
	return nil, player.Segment{}
}

// TestDrawAnyFigure draws odd drawings, as another figure might give,
// in small and large panels: nothing panics, every frame fits its panel
// and the frames of a movement are one size.
func TestDrawAnyFigure(t *testing.T) {
	head := figure.Shape{Class: figure.Near, Part: "head", Points: []figure.Point{{X: 0, Y: 0.5}}, Radius: 0.07}
	tests := []struct {
		name   string
		frames [][]figure.Shape
		draws  bool // whether anything is drawn
	}{
		{"no shapes", [][]figure.Shape{{}}, false},
		{"only a floor", [][]figure.Shape{{slab(figure.Ground, "floor", -1, 1, -0.02, 0)}}, false},
		{"only a mat", [][]figure.Shape{{slab(figure.Prop, "mat", -1, 1, 0, 0.01)}}, false},
		{"a head alone", [][]figure.Shape{{head}}, true},
		{"a head on a floor", [][]figure.Shape{{slab(figure.Ground, "floor", -1, 1, -0.02, 0), head}}, true},
		{"a line of no length", [][]figure.Shape{{bar(figure.Near, 0, 0, 0.2, 0.05)}}, true},
		{"a point far below the floor", [][]figure.Shape{{slab(figure.Ground, "floor", -1, 1, -0.02, 0), bar(figure.Near, -0.5, 0.5, -3, 0.05), head}}, true},
		{"a standing wall", [][]figure.Shape{{slab(figure.Ground, "floor", -1, 1, -0.02, 0), slab(figure.Prop, "wall", 0.5, 0.55, 0, 1.2), head}}, true},
		{"frames of different sizes", [][]figure.Shape{
			{slab(figure.Ground, "floor", -0.3, 0.3, -0.02, 0), bar(figure.Near, -0.3, 0.3, 0.05, 0.1)},
			{slab(figure.Ground, "floor", -1, 1, -0.02, 0), bar(figure.Near, -1, 1, 0.05, 0.1), bar(figure.Reach, 0.9, 1.2, 0.4, 0.02)},
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ds []*figure.Drawing
			for _, shapes := range tt.frames {
				ds = append(ds, &figure.Drawing{Shapes: shapes})
			}
			for _, p := range []struct{ cols, rows int }{{1, 1}, {3, 2}, {24, 6}, {80, 11}, {200, 60}} {
				fs := drawFrames(ds, p.cols, p.rows)
				if (len(fs) > 0) != tt.draws && p.cols >= 24 {
					t.Errorf("%dx%d: drew %d frames, want drawn = %v", p.cols, p.rows, len(fs), tt.draws)
				}
				if len(fs) > 0 && len(fs) != len(ds) {
					t.Errorf("%dx%d: drew %d frames of %d", p.cols, p.rows, len(fs), len(ds))
				}
				for i, f := range fs {
					if len(f) > p.rows || len(f) == 0 || len(f[0]) > p.cols {
						t.Errorf("%dx%d: frame %d is %dx%d", p.cols, p.rows, i, len(f[0]), len(f))
					}
					if len(f) != len(fs[0]) || len(f[0]) != len(fs[0][0]) {
						t.Errorf("%dx%d: frame %d is %dx%d, frame 0 %dx%d", p.cols, p.rows, i, len(f[0]), len(f), len(fs[0][0]), len(fs[0]))
					}
				}
			}
		})
	}
}

// TestMovementStartsWithItsStart checks which frame of a movement shows
// as the clock runs, whatever the segment's length: the start first,
// then the end, frameTime each (it once counted from the segment's end,
// so a set of odd length began on the movement's end).
func TestMovementStartsWithItsStart(t *testing.T) {
	frames := []frame{fromText("⣿"), fromText("⠁")}
	for _, d := range []time.Duration{9 * time.Second, 10 * time.Second, 11 * time.Second, 61 * time.Second} {
		tests := []struct {
			at   time.Duration
			want int
		}{
			{0, 0}, {frameTime / 2, 0}, {frameTime, 1}, {frameTime + frameTime/2, 1}, {2 * frameTime, 0}, {3*frameTime + 1, 1},
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%v/%v", d, tt.at), func(t *testing.T) {
				tl := &player.Timeline{Total: d, Segments: []player.Segment{{Kind: player.Reps, Pose: "p", Duration: d}}}
				now := time.Unix(0, 0)
				m := &model{cfg: Config{Timeline: tl}}
				m.p = player.New(tl, func() time.Time { return now })
				m.p.Start()
				now = now.Add(tt.at)
				got := m.movementFrame(frames)
				if got[0][0] != frames[tt.want][0][0] {
					t.Errorf("frame at %v of a %v segment = %q, want frame %d", tt.at, d, got[0][0].r, tt.want)
				}
			})
		}
	}
}

// TestFloorLinePartsFigureFromText checks the row under a figure drawn
// across the window: for a figure on the floor the text follows its
// floor line at once (the line parts them, and the figure gets the row);
// for one seen from above, a blank line does.
func TestFloorLinePartsFigureFromText(t *testing.T) {
	tests := []struct {
		pose  string
		blank bool // a blank line between figure and text
	}{
		{"pelvic-tilt", false},
		{"sphinx", false},
		// Seen from above, the mat is an outline round the body, not a
		// floor line: a blank line parts them.
		{"zombie-crawl", true},
		{"abdominal-brace", true},
		// The curl-up is seen a little from above again (its forearm
		// going in under the back shows so), its mat an outline.
		{"curl-up", true},
	}
	draw := drawingsOf(t)
	for _, tt := range tests {
		t.Run(tt.pose, func(t *testing.T) {
			tl := oneRoutine(t, tt.pose)
			m := newModel(t.Context(), Config{Timeline: tl, Drawings: draw}, io.Discard, newStyles())
			m.width, m.height = 80, 24
			m.p = player.New(tl, func() time.Time { return time.Unix(0, 0) })
			var seg player.Segment
			for _, s := range tl.Segments {
				if s.Pose == tt.pose && (s.Kind == player.Hold || s.Kind == player.Reps) {
					seg = s
					break
				}
			}
			lines := strings.Split(plain(m.figureBody(seg, m.segmentText(seg, false), 80, 15, false)), "\n")
			last := -1
			for i, l := range lines {
				if strings.ContainsAny(l, "⣿"+string(floorGlyph)+string(matGlyph)+string(propGlyph)) {
					last = i
				}
			}
			if last < 0 || last+1 >= len(lines) {
				t.Fatalf("no figure across the window, or no text under it:\n%s", strings.Join(lines, "\n"))
			}
			if got := strings.TrimSpace(lines[last+1]) == ""; got != tt.blank {
				t.Errorf("blank line under the figure = %v, want %v:\n%s", got, tt.blank, strings.Join(lines, "\n"))
			}
		})
	}
}
