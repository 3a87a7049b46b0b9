package tui

import (
	"math"
	"slices"

	"backcare/figure"
)

// This file fits together what the figure package draws side by side in
// one drawing: the two views of a pose that one view can't show (the
// Figure-Four from the far side and from the foot end), and the frames
// of a movement, which it places each on its own. In the terminal a view
// has a layout of its own, so that it fills its room; the two views go
// side by side or one over the other, or the first (the view the pose is
// written for) goes alone when the room is too small for both to read.
// The frames of a movement are moved onto each other, so that what stays
// still in the movement stays in place as they take turns.

// minViewGap is the least empty width, in units of the person's height,
// between two views of one drawing (the figure package leaves 0.18).
const minViewGap = 0.09

// splitViews cuts the frames of a pose into its views: each view's frames,
// the view the pose is written for first. A drawing of one view, or
// frames that don't all have the same two views, is one view.
func splitViews(ds []*figure.Drawing) [][]*figure.Drawing {
	var first, second []*figure.Drawing
	for _, d := range ds {
		k := viewSplit(d.Shapes)
		if k <= 0 {
			return [][]*figure.Drawing{ds}
		}
		first = append(first, &figure.Drawing{Shapes: d.Shapes[:k]})
		second = append(second, &figure.Drawing{Shapes: d.Shapes[k:]})
	}
	return [][]*figure.Drawing{first, second}
}

// viewSplit is the index of the first shape of a drawing's second view,
// or -1 for a drawing of one view: the figure package paints its views
// one after the other, each a body with a trunk, apart across the width.
func viewSplit(shapes []figure.Shape) int {
	n := len(shapes)
	if n < 2 {
		return -1
	}
	inf := math.Inf(1)
	// The extent across of the shapes before each index, and from it on.
	preLo, preHi := make([]float64, n+1), make([]float64, n+1)
	sufLo, sufHi := make([]float64, n+1), make([]float64, n+1)
	preTrunk, sufTrunk := make([]bool, n+1), make([]bool, n+1)
	preLo[0], preHi[0], sufLo[n], sufHi[n] = inf, -inf, inf, -inf
	isTrunk := func(s figure.Shape) bool { return s.Class == figure.Near && s.Part == "trunk" }
	for i, s := range shapes {
		lo, hi := extentX(s)
		preLo[i+1], preHi[i+1] = min(preLo[i], lo), max(preHi[i], hi)
		preTrunk[i+1] = preTrunk[i] || isTrunk(s)
	}
	for i := n - 1; i >= 0; i-- {
		lo, hi := extentX(shapes[i])
		sufLo[i], sufHi[i] = min(sufLo[i+1], lo), max(sufHi[i+1], hi)
		sufTrunk[i] = sufTrunk[i+1] || isTrunk(shapes[i])
	}
	for k := 1; k < n; k++ {
		if !preTrunk[k] || !sufTrunk[k] {
			continue
		}
		if preHi[k]+minViewGap < sufLo[k] || sufHi[k]+minViewGap < preLo[k] {
			return k
		}
	}
	return -1
}

// extentX is how far across a shape reaches, its stroke or radius included.
func extentX(s figure.Shape) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	r := halfWidth(s)
	for _, p := range s.Points {
		lo, hi = min(lo, p.X-r), max(hi, p.X+r)
	}
	return lo, hi
}

// Tolerances of alignFrames, in units of the person's height: parts that
// move together by as much (within partTolerance) are one still group; a
// second still group counts when it has this many parts.
const (
	partTolerance = 0.012
	minStillGroup = 3
)

// alignFrames moves each frame of a movement after the first onto the
// first, so that what stays still in the movement (the trunk of a bird
// dog, the legs of a pelvic tilt) stays in place. The figure package
// places each frame on its own; its parts can lie a little further along
// in one than in the other. The shift is the one most parts of the body
// agree on. When a second group of parts stays still together (the glute
// bridge's feet, apart from its shoulders), the two share the
// difference, so neither slides far; but a head that rests stays in
// place (restingHead). A view on a floor moves only along it.
func alignFrames(frames []*figure.Drawing) []*figure.Drawing {
	if len(frames) < 2 {
		return frames
	}
	floor, floorY := false, math.Inf(-1)
	for _, s := range frames[0].Shapes {
		if s.Class == figure.Ground {
			floor = true
			for _, p := range s.Points {
				floorY = max(floorY, p.Y)
			}
		}
	}
	ref := partCentres(frames[0])
	head0, rest0 := restingHead(frames[0], floor, floorY)
	out := []*figure.Drawing{frames[0]}
	for _, d := range frames[1:] {
		t := stillShift(ref, partCentres(d))
		// A head that rests (on the floor, or seen from above where the
		// figure leaves it, give or take its placing of the frame) is
		// what the eye holds on: it stays in its dots, whatever else
		// the figure drew a little further along. Shared with the feet,
		// the difference moved both: the Glute Bridge's head shifted a
		// column between its start and its end.
		if head, rest := restingHead(d, floor, floorY); rest0 && rest {
			if t2 := (figure.Point{X: head.X - head0.X, Y: head.Y - head0.Y}); floor || math.Hypot(t2.X, t2.Y) < headSlack {
				t = t2
			}
		}
		if floor {
			t.Y = 0
		}
		out = append(out, holdStill(frames[0], d, stillShift(ref, partCentres(d)), shifted(d, t)))
	}
	return out
}

// holdStill draws the parts of a frame d that the movement leaves still
// exactly as the first frame draws them: each shape that, laid on the
// first frame by the still parts' shift s, lies within partTolerance/2
// of its place there. The figure re-places them by a few millimetres
// from frame to frame, and rounded to dots the still legs of the Curl-Up
// and the Single-Leg Bridge jumped a dot between the frames. The other
// shapes are as placed (placed).
func holdStill(first, d *figure.Drawing, s figure.Point, placed *figure.Drawing) *figure.Drawing {
	for i, sh := range d.Shapes {
		if i >= len(first.Shapes) || (!isBody(sh) && sh.Class != figure.Gap && sh.Class != figure.Hidden && sh.Class != figure.Highlight) {
			continue
		}
		f := first.Shapes[i]
		if f.Part != sh.Part || f.Class != sh.Class || len(f.Points) != len(sh.Points) {
			continue
		}
		still := true
		for k, p := range sh.Points {
			still = still && math.Abs(p.X-s.X-f.Points[k].X) < partTolerance/2 && math.Abs(p.Y-s.Y-f.Points[k].Y) < partTolerance/2
		}
		if still {
			placed.Shapes[i].Points = f.Points
		}
	}
	return placed
}

// headSlack is how far, in units of the person's height, the figure
// package may place a still head from one frame to the next, seen from
// above: a head that moves further moves in the movement (the Curl-Up's).
const headSlack = 0.03

// restingHead is where a frame's head is, and whether it rests: on the
// floor, in a view on one; in a view from above (no floor), any head,
// for alignFrames to weigh against headSlack.
func restingHead(d *figure.Drawing, floor bool, floorY float64) (figure.Point, bool) {
	for _, s := range d.Shapes {
		if !isBody(s) || s.Part != "head" || len(s.Points) == 0 {
			continue
		}
		p := s.Points[0]
		if floor && p.Y-halfWidth(s) > floorY+matThickness+onFloor {
			return p, false
		}
		return p, true
	}
	return figure.Point{}, false
}

// partCentres is where each part of the body is: the mean of its points.
func partCentres(d *figure.Drawing) map[string]figure.Point {
	sum := map[string]figure.Point{}
	n := map[string]int{}
	for _, s := range d.Shapes {
		if !isBody(s) {
			continue
		}
		for _, p := range s.Points {
			q := sum[s.Part]
			sum[s.Part] = figure.Point{X: q.X + p.X, Y: q.Y + p.Y}
			n[s.Part]++
		}
	}
	for k, q := range sum {
		sum[k] = figure.Point{X: q.X / float64(n[k]), Y: q.Y / float64(n[k])}
	}
	return sum
}

// stillShift is how far a frame's still parts lie from the first frame's:
// the shift the largest group of parts moves by together, or the middle
// of the two largest groups' shifts.
func stillShift(ref, cur map[string]figure.Point) figure.Point {
	var parts []string
	for k := range ref {
		if _, ok := cur[k]; ok {
			parts = append(parts, k)
		}
	}
	slices.Sort(parts) // the same answer every time
	delta := make([]figure.Point, len(parts))
	for i, k := range parts {
		delta[i] = figure.Point{X: cur[k].X - ref[k].X, Y: cur[k].Y - ref[k].Y}
	}
	used := make([]bool, len(parts))
	// where is the middle of a group's parts in the first frame.
	where := func(members []int) figure.Point {
		var c figure.Point
		for _, j := range members {
			c.X += ref[parts[j]].X
			c.Y += ref[parts[j]].Y
		}
		return figure.Point{X: c.X / float64(len(members)), Y: c.Y / float64(len(members))}
	}
	var members []int
	group := func() (figure.Point, int) {
		best, bestN := -1, 0
		for i := range delta {
			if used[i] {
				continue
			}
			n := 0
			for j := range delta {
				if !used[j] && near(delta[i], delta[j]) {
					n++
				}
			}
			if n > bestN || n == bestN && best >= 0 && math.Hypot(delta[i].X, delta[i].Y) < math.Hypot(delta[best].X, delta[best].Y) {
				best, bestN = i, n
			}
		}
		if best < 0 {
			return figure.Point{}, 0
		}
		var c figure.Point
		members = members[:0]
		for j := range delta {
			if !used[j] && near(delta[best], delta[j]) {
				members = append(members, j)
				c.X += delta[j].X
				c.Y += delta[j].Y
			}
		}
		for _, j := range members {
			used[j] = true
		}
		return figure.Point{X: c.X / float64(len(members)), Y: c.Y / float64(len(members))}, len(members)
	}
	a, n := group()
	if n == 0 {
		return figure.Point{}
	}
	at := where(members)
	b, m := group()
	if m < minStillGroup || m*4 < n {
		return a
	}
	// A second group counts as still when it lies further along the body
	// in one frame than in the other (the figure drew the frames a little
	// longer or shorter): its shift runs along the line between the two
	// groups. One that moves across that line moves in the movement (the
	// Knee Sway's legs, swaying together), and drawn half way, it took the
	// still trunk and head a row along with it.
	bt := where(members)
	ax, ay := bt.X-at.X, bt.Y-at.Y
	dx, dy := b.X-a.X, b.Y-a.Y
	if n := math.Hypot(ax, ay); n > 0 {
		ax, ay = ax/n, ay/n
		if along, across := math.Abs(dx*ax+dy*ay), math.Abs(dx*ay-dy*ax); along >= 2*across {
			return figure.Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2}
		}
	}
	return a
}

func near(a, b figure.Point) bool {
	return math.Abs(a.X-b.X) <= partTolerance && math.Abs(a.Y-b.Y) <= partTolerance
}

// shifted is a copy of a drawing moved back by t.
func shifted(d *figure.Drawing, t figure.Point) *figure.Drawing {
	out := &figure.Drawing{Shapes: make([]figure.Shape, len(d.Shapes))}
	for i, s := range d.Shapes {
		pts := make([]figure.Point, len(s.Points))
		for k, p := range s.Points {
			pts[k] = figure.Point{X: p.X - t.X, Y: p.Y - t.Y}
		}
		s.Points = pts
		out.Shapes[i] = s
	}
	return out
}

// Arrangements of two views.
const (
	viewGapCols = 3 // between views side by side: a blank, a divider, a blank
	viewGapRows = 1 // between views one over the other
	// Two views are drawn together only where both are legible: the
	// first pairCols across and pairRows down at the least, the second
	// (a view from the end, narrow by nature) pairRows down and half
	// pairCols across. Smaller, and the first goes alone, large: at 80x24
	// the Figure-Four's two views, one over the other in 18x6 and 9x6
	// cells, were a tangle.
	pairCols = 20
	pairRows = 8
	minView  = 4 // the fewest cells across or down a view is given
	// soloGain is the least the first view must gain alone, as a share of
	// its scale beside the second, for two views too small to read to
	// give way to it.
	soloGain = 0.98
)

// arrangement is how two views share a room.
type arrangement int

const (
	pairAlone  arrangement = iota // one view alone: the first, or the one that defines the pose (aloneView)
	pairBeside                    // side by side, the divider between them
	pairOver                      // the first over the second
)

// pairing is the arrangement two views are drawn in, the first view's
// share of the room (its columns side by side, its rows one over the
// other) and the scale both are drawn at.
type pairing struct {
	arrangement
	n     int
	scale float64
}

// pairUp chooses how the two views of a pose share cols x rows cells:
// side by side or one over the other, whichever draws them larger, both
// at one scale so that they read as one person from two sides; or the
// first view alone, when either view would be too small to read.
func pairUp(a, b []*figure.Drawing, cols, rows int) (pairing, bool) {
	solo, ok := newLayoutMax(aloneView(a, b), cols, rows, 0)
	if !ok {
		return pairing{}, false
	}
	best := pairing{pairAlone, 0, solo.scale}
	pair := bestPair(a, b, cols, rows)
	if pair.scale == 0 {
		return best, true
	}
	// Where the first view alone is no larger (a standing pose in a low
	// room), both go together however small: alone it would show less,
	// no better.
	if pair.legible(a, b, cols, rows) || pair.scale >= soloGain*solo.scale {
		best = pair
	}
	return best, true
}

// definingGain is how much more a pose's second view must show of what
// defines it (viewShows) to go alone in place of the first.
const definingGain = 1.5

// aloneView is the view of a pose drawn in two that goes alone where
// both can't be read: the first (the view the pose is written for),
// unless the second shows clearly more of what defines the pose. Alone,
// the Child's Pose with Side Reach's side view was a low smear that hid
// the reach, and the Knee Sway's side view the sway its view from the
// feet draws.
func aloneView(a, b []*figure.Drawing) []*figure.Drawing {
	if len(b) == 0 {
		return a
	}
	ra, wa, ha := viewShows(a)
	rb, wb, hb := viewShows(b)
	switch {
	case rb > 0 || ra > 0:
		if rb >= definingGain*ra {
			return b
		}
	case wa > ha && min(wb, hb) >= definingGain*ha:
		// The first view a low band (a pose lying down, seen from the
		// side), the second spread out.
		return b
	}
	return a
}

// viewShows weighs how much a view shows of what defines its pose: the
// length of its arrows (the movement, or the reach, drawn in the view,
// not foreshortened away), and, for two views with no arrows to tell
// them apart, how far the body spreads across and up (a pose lying low
// seen from the side is a flat band that shows little of its shape; from
// above, where its limbs reach).
func viewShows(ds []*figure.Drawing) (reach, w, h float64) {
	d := ds[0]
	inf := math.Inf(1)
	lo, hi := figure.Point{X: inf, Y: inf}, figure.Point{X: -inf, Y: -inf}
	for _, s := range d.Shapes {
		switch {
		case isBody(s):
			for _, p := range s.Points {
				lo.X, lo.Y = min(lo.X, p.X), min(lo.Y, p.Y)
				hi.X, hi.Y = max(hi.X, p.X), max(hi.Y, p.Y)
			}
		case s.Class == figure.Reach && !s.Closed:
			for k := 1; k < len(s.Points); k++ {
				reach += math.Hypot(s.Points[k].X-s.Points[k-1].X, s.Points[k].Y-s.Points[k-1].Y)
			}
		}
	}
	if math.IsInf(lo.X, 0) {
		return reach, 0, 0
	}
	return reach, hi.X - lo.X, hi.Y - lo.Y
}

// bestPair is how two views go together in cols x rows cells, side by
// side or one over the other, whichever draws them larger, both at one
// scale; its scale is 0 where there is no room for both.
func bestPair(a, b []*figure.Drawing, cols, rows int) pairing {
	pair := pairing{}
	for c := minView; c <= cols-viewGapCols-minView; c++ {
		la, okA := newLayoutMax(a, c, rows, 0)
		lb, okB := newLayoutMax(b, cols-viewGapCols-c, rows, 0)
		if okA && okB && min(la.scale, lb.scale) > pair.scale {
			pair = pairing{pairBeside, c, min(la.scale, lb.scale)}
		}
	}
	for r := minView; r <= rows-viewGapRows-minView; r++ {
		la, okA := newLayoutMax(a, cols, r, 0)
		lb, okB := newLayoutMax(b, cols, rows-viewGapRows-r, 0)
		if okA && okB && min(la.scale, lb.scale) > pair.scale {
			pair = pairing{pairOver, r, min(la.scale, lb.scale)}
		}
	}
	return pair
}

// legible reports whether both views of a pairing are large enough to
// read (pairCols, pairRows).
func (p pairing) legible(a, b []*figure.Drawing, cols, rows int) bool {
	la, lb := p.layouts(a, b, cols, rows)
	return la.cols >= pairCols && la.rows >= pairRows && lb.cols >= pairCols/2 && lb.rows >= pairRows
}

// layouts are the layouts of the two views in a pairing.
func (p pairing) layouts(a, b []*figure.Drawing, cols, rows int) (la, lb layout) {
	switch p.arrangement {
	case pairBeside:
		la, _ = newLayoutMax(a, p.n, rows, p.scale)
		lb, _ = newLayoutMax(b, cols-viewGapCols-p.n, rows, p.scale)
	case pairOver:
		la, _ = newLayoutMax(a, cols, p.n, p.scale)
		lb, _ = newLayoutMax(b, cols, rows-viewGapRows-p.n, p.scale)
	default:
		la, _ = newLayoutMax(aloneView(a, b), cols, rows, 0)
	}
	return la, lb
}

// viewBox is where one view is in the frames of a drawing: columns x0 to
// x1-1, rows y0 to y1-1. Each view has a layout of its own, and with it
// its own floor row (two views one over the other have two).
type viewBox struct{ x0, y0, x1, y1 int }

// drawPair draws the frames of a pose seen in two views in at most cols x
// rows cells, as pairUp arranges them; side by side, their bottom rows
// (a floor line, the edge of a mat) line up. It returns where each view
// drawn is in the frames: the first, and the second unless the first
// goes alone.
func drawPair(a, b []*figure.Drawing, cols, rows int) ([]frame, []viewBox) {
	p, ok := pairUp(a, b, cols, rows)
	if !ok {
		return nil, nil
	}
	return drawPairing(a, b, p, cols, rows)
}

// drawBoth draws the frames of a pose seen in two views with both views
// in at most cols x rows cells, however small, as bestPair arranges
// them, and says the scale they are drawn at and the scale the first
// view would be drawn at alone in the same room: 0, and no frames, where
// there is no room for both or the pose is drawn in one view (the view
// that would go alone: aloneView). It is for
// a caller that weighs rooms of its own to show both views in.
func drawBoth(ds []*figure.Drawing, cols, rows int) (fs []frame, scale, solo float64) {
	views := splitViews(ds)
	if len(views) != 2 {
		return nil, 0, 0
	}
	for i := range views {
		views[i] = alignFrames(views[i])
	}
	p := bestPair(views[0], views[1], cols, rows)
	if p.scale == 0 {
		return nil, 0, 0
	}
	if l, ok := newLayoutMax(aloneView(views[0], views[1]), cols, rows, 0); ok {
		solo = l.scale
	}
	fs, _ = drawPairing(views[0], views[1], p, cols, rows)
	return fs, p.scale, solo
}

// drawPairing draws the frames of two views as a pairing arranges them,
// and says where each view drawn is.
func drawPairing(a, b []*figure.Drawing, p pairing, cols, rows int) ([]frame, []viewBox) {
	la, lb := p.layouts(a, b, cols, rows)
	if p.arrangement == pairAlone {
		fs := la.drawAll(aloneView(a, b))
		return fs, []viewBox{{0, 0, width(fs[0]), len(fs[0])}}
	}
	fa, fb := la.drawAll(a), lb.drawAll(b)
	out := make([]frame, len(fa))
	var boxes []viewBox
	for i := range fa {
		if p.arrangement == pairBeside {
			out[i], boxes = besideFrames(fa[i], fb[i])
		} else {
			out[i], boxes = overFrames(fa[i], fb[i])
		}
	}
	return out, boxes
}

// besideFrames puts two frames side by side, their bottom rows level,
// with a divider between them, so that they read as two pictures. It
// returns where each is in the frame it makes.
func besideFrames(a, b frame) (frame, []viewBox) {
	h := max(len(a), len(b))
	wa, wb := width(a), width(b)
	out := make(frame, h)
	for y := range out {
		row := make([]cell, 0, wa+viewGapCols+wb)
		row = append(row, padRow(a, y-(h-len(a)), wa)...)
		row = append(row, cell{brailleBlank, blankCell}, cell{dividerGlyph, dividerCell}, cell{brailleBlank, blankCell})
		row = append(row, padRow(b, y-(h-len(b)), wb)...)
		out[y] = row
	}
	return out, []viewBox{{0, h - len(a), wa, h}, {wa + viewGapCols, h - len(b), wa + viewGapCols + wb, h}}
}

// overFrames puts one frame over the other, each centred across, with a
// blank row between them. It returns where each is in the frame it makes.
func overFrames(a, b frame) (frame, []viewBox) {
	w := max(width(a), width(b))
	var out frame
	var boxes []viewBox
	add := func(f frame) {
		pad := (w - width(f)) / 2
		boxes = append(boxes, viewBox{pad, len(out), pad + width(f), len(out) + len(f)})
		for y := range f {
			row := make([]cell, 0, w)
			for range pad {
				row = append(row, cell{brailleBlank, blankCell})
			}
			row = append(row, f[y]...)
			for len(row) < w {
				row = append(row, cell{brailleBlank, blankCell})
			}
			out = append(out, row)
		}
	}
	add(a)
	for range viewGapRows {
		out = append(out, padRow(nil, 0, w))
	}
	add(b)
	return out, boxes
}

// padRow is row y of a frame, w cells wide: blank where the frame has
// nothing (above its top row, or past its end).
func padRow(f frame, y, w int) []cell {
	row := make([]cell, w)
	for x := range row {
		row[x] = cell{brailleBlank, blankCell}
	}
	if y >= 0 && y < len(f) {
		copy(row, f[y])
	}
	return row
}
