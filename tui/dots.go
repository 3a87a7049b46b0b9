package tui

import (
	"math"
	"strings"

	"backcare/figure"
)

// This file draws a figure's drawings in terminal cells: the body and the
// arrows in braille dots, props in middle dots and the floor as a line.
// It does its own rasterising, rather than the figure package's Braille,
// because the terminal needs what a picture does not: the floor on a row
// of its own, at a cell's edge, so that hands and feet rest on an
// unbroken line; a mat on the floor drawn as part of that line, distinct
// from it; limbs never thinner than the dots can show; and the frames of
// a movement fitted together, so that the figure stays in place as they
// take turns.

// Glyphs of the props, the floor and a mat on it: not braille, so that
// they never read as a limb, however light.
const (
	propGlyph  = '·'
	floorGlyph = '─'
	matGlyph   = '═'
	// A mat seen from above is a box of double lines.
	matSideGlyph = '║'
	// A mat seen from a little above, from the side, is a strip: its far
	// edge a thin line, its near edge a double one.
	matFarGlyph = '─'
	// The line between two views of a pose.
	dividerGlyph = '│'
)

// matCorners are the corners of a mat seen from above: top left, top
// right, bottom left, bottom right.
var matCorners = [4]rune{'╔', '╗', '╚', '╝'}

// Limits, in braille dots, that keep a small figure legible.
const (
	minStroke = 2.0 // the thinnest limb: two dots across
	minGap    = 1.0 // the least space that parts a limb from the body behind it
)

// Shapes thinner than this, lying on a floor, are a mat on it (in units of
// the person's height: a mat is about 1 cm thick, a step or a box much
// more).
const (
	matThickness = 0.03
	onFloor      = 0.006
)

// span is a stretch of a floor row from x0 to x1, in drawing units.
type span struct{ x0, x1 float64 }

// layout is how drawings map onto cells: all frames of a movement share
// one, so that the figure keeps its place and size as they take turns.
type layout struct {
	min, max   figure.Point // the box of what is drawn (not the floor)
	floor      bool         // the drawing stands on a floor, at y = floorY
	floorY     float64
	restY      float64 // where the body rests: the floor, or a mat's top (the floor line's top edge)
	floors     []span  // where a floor is, across the width
	mats       []span  // where a mat lies on it
	scale      float64
	cols, rows int
	above      int // rows above the floor line (the floor row is the next)
	offX       float64
	offY       float64 // with no floor: the top margin, in dots
	// A mat seen from above: the box of the frames' mats together, drawn
	// the same in every frame.
	matAbove     bool
	matStrip     bool // seen from a little above, not straight down: a strip, its two long edges
	matLo, matHi figure.Point
	matPad       [4]bool // the mat's edges grown to hold a part: left, right, bottom, top
	// A strip's far edge is drawn no higher than the middle of the
	// trunk's height in the picture (over the frames), so that the body
	// lies on the mat, not in front of it: at the outline's far edge it
	// ran at or over the top of a side-on trunk.
	matFarY float64
}

// matSlack is how far, in units of the person's height, a part of the
// body may reach past the edge of a mat seen from above and still be on
// it: a foot or a head at its edge (about 5 cm). The mat is drawn a
// little larger to hold it; a body that reaches well beyond lies over
// its edge, and the mat stays a box: seen from above, a mat is a
// rectangle (drawn as a strip, the Lying Twist's and the Knee Sway's
// mats from above read as a mat seen side-on).
const matSlack = 0.03

// halfWidth is how far a shape's outline reaches from its points: its
// radius, or half its stroke.
func halfWidth(s figure.Shape) float64 {
	if s.Radius > 0 {
		return s.Radius
	}
	return s.Width / 2
}

// isBody reports whether a shape is a part of the body, near or far.
func isBody(s figure.Shape) bool { return s.Class == figure.Near || s.Class == figure.Far }

// eachBodyPoint calls f with every point of the body's shapes in the
// drawings and how far the shape's outline reaches from it.
func eachBodyPoint(ds []*figure.Drawing, f func(p figure.Point, r float64)) {
	for _, d := range ds {
		for _, s := range d.Shapes {
			if !isBody(s) {
				continue
			}
			r := halfWidth(s)
			for _, p := range s.Points {
				f(p, r)
			}
		}
	}
}

// holdOnMat grows the box of a mat seen from above, lo..hi, to hold the
// parts of the body that reach past one of its edges by matSlack or
// less: rounded to cells, a foot at the edge of the Supine Twist's mat
// hung below it. It also grows along its length to hold the arrows that
// start on it (over it, for a strip), however far they reach: the Face-Down Reach's arrows, reaching on past the hands,
// crossed the mat's end, and its edge cut their shafts. It says which
// edges grew.
func holdOnMat(ds []*figure.Drawing, lo, hi figure.Point, strip bool) (figure.Point, figure.Point, [4]bool) {
	glo, ghi := lo, hi
	if !strip {
		// Seen from above, the box holds the whole body, however far
		// it reaches past the mat (the Lying Twist's arm along the
		// floor, the Figure-Four's shins): a body over the box's edge
		// read as a body lying off the mat.
		eachBodyPoint(ds, func(p figure.Point, r float64) {
			glo.X, glo.Y = min(glo.X, p.X-r), min(glo.Y, p.Y-r)
			ghi.X, ghi.Y = max(ghi.X, p.X+r), max(ghi.Y, p.Y+r)
		})
	}
	eachBodyPoint(ds, func(p figure.Point, r float64) {
		acrossX := p.X >= lo.X && p.X <= hi.X
		acrossY := p.Y >= lo.Y && p.Y <= hi.Y
		if acrossY && p.X-r < lo.X && p.X-r >= lo.X-matSlack {
			glo.X = min(glo.X, p.X-r)
		}
		if acrossY && p.X+r > hi.X && p.X+r <= hi.X+matSlack {
			ghi.X = max(ghi.X, p.X+r)
		}
		if acrossX && p.Y-r < lo.Y && p.Y-r >= lo.Y-matSlack {
			glo.Y = min(glo.Y, p.Y-r)
		}
		if acrossX && p.Y+r > hi.Y && p.Y+r <= hi.Y+matSlack {
			ghi.Y = max(ghi.Y, p.Y+r)
		}
	})
	for _, d := range ds {
		for _, a := range arrowsOf(d) {
			// Seen from a little above, a strip is thin: an arrow over it
			// (not under its near edge) starts on it. Its ends held
			// nothing, and the Zombie Crawl's heel arrows ran on past the
			// strip's end.
			starts := false
			for _, s := range a {
				for _, p := range s.Points {
					starts = starts || p.X >= lo.X && p.X <= hi.X && (p.Y >= lo.Y && p.Y <= hi.Y || strip && p.Y >= lo.Y)
				}
			}
			if !starts {
				continue
			}
			for _, s := range a {
				r := halfWidth(s)
				for _, p := range s.Points {
					if strip || p.Y >= lo.Y && p.Y <= hi.Y {
						glo.X, ghi.X = min(glo.X, p.X-r-arrowReach), max(ghi.X, p.X+r+arrowReach)
					}
				}
			}
		}
	}
	return glo, ghi, [4]bool{glo.X < lo.X, ghi.X > hi.X, glo.Y < lo.Y, ghi.Y > hi.Y}
}

// trunkSpan is how low and how high the trunk reaches in the drawings,
// its stroke included; false for no trunk.
func trunkSpan(ds []*figure.Drawing) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, d := range ds {
		for _, s := range d.Shapes {
			if s.Class != figure.Near || s.Part != "trunk" {
				continue
			}
			r := halfWidth(s)
			for _, p := range s.Points {
				lo, hi = min(lo, p.Y-r), max(hi, p.Y+r)
			}
		}
	}
	return lo, hi, !math.IsInf(lo, 0)
}

// arrowReach is how far past the end of an arrow's shape its dots may be
// drawn, in units of the person's height: a short arrow is drawn longer
// (minArrow), its head's strokes a little wider.
const arrowReach = 0.02

// arrowsOf is a drawing's arrows, each the shapes of one part's arrow.
func arrowsOf(d *figure.Drawing) [][]figure.Shape {
	var out [][]figure.Shape
	part := ""
	for _, s := range d.Shapes {
		if s.Class != figure.Reach {
			continue
		}
		if len(out) == 0 || s.Part != part {
			out = append(out, nil)
			part = s.Part
		}
		out[len(out)-1] = append(out[len(out)-1], s)
	}
	return out
}

// slantedOutline reports whether a closed outline has an edge that is
// neither level nor upright: a mat seen from a little above and turned
// (the Figure-Four, seen three-quarter from above) is a slanted
// parallelogram, which a box of double lines misdraws as a mat seen from
// straight above; it is drawn as a strip.
func slantedOutline(pts []figure.Point) bool {
	const tol = 0.01
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		if math.Abs(a.X-b.X) > tol && math.Abs(a.Y-b.Y) > tol {
			return true
		}
	}
	return false
}

// obliqueMat is the least height, in units of the person's height, a
// mat's outline has seen straight from above (it is about 70 cm wide:
// 0.41): seen from a little above, from the side, it is about half as
// tall, a strip under a side-on body, and is drawn so.
const obliqueMat = 0.3

// isFloorMat reports whether a prop is a mat lying flat on one of the
// floors, seen from the side: a thin slab whose underside is the floor.
func isFloorMat(s figure.Shape, floorY float64, floors []span) bool {
	if s.Class != figure.Prop || len(s.Points) < 2 || len(floors) == 0 {
		return false
	}
	lo, hi := bbox(s.Points)
	if hi.Y-lo.Y > matThickness || math.Abs(lo.Y-floorY) > onFloor {
		return false
	}
	for _, f := range floors {
		if lo.X < f.x1 && hi.X > f.x0 {
			return true
		}
	}
	return false
}

func bbox(pts []figure.Point) (lo, hi figure.Point) {
	lo, hi = figure.Point{X: math.Inf(1), Y: math.Inf(1)}, figure.Point{X: math.Inf(-1), Y: math.Inf(-1)}
	for _, p := range pts {
		lo.X, lo.Y = min(lo.X, p.X), min(lo.Y, p.Y)
		hi.X, hi.Y = max(hi.X, p.X), max(hi.Y, p.Y)
	}
	return lo, hi
}

// addSpan adds x0..x1 to spans, merging the stretches that overlap.
func addSpan(spans []span, x0, x1 float64) []span {
	out := []span{{x0, x1}}
	for _, s := range spans {
		last := &out[0]
		if s.x0 <= last.x1 && s.x1 >= last.x0 {
			last.x0, last.x1 = min(last.x0, s.x0), max(last.x1, s.x1)
			continue
		}
		out = append(out, s)
	}
	return out
}

// isMat reports whether a prop is a mat: one named so, or a thin slab on
// the floor. A mat is drawn where the body lies, never widening the
// figure's box: as a double line in the floor row seen from the side, as
// a dotted outline (cut to the box) seen from above.
func isMat(s figure.Shape, l *layout) bool {
	return s.Class == figure.Prop && (s.Part == "mat" || isFloorMat(s, l.floorY, l.floors))
}

// restSink is how far, in dots, the level the body rests on lies below
// the top edge of the floor row: a little, so that the lowest dots of
// the row above, whose centres are half a dot over that edge, are
// covered where the body touches the floor, and by a part that rests a
// hair higher (at the edge exactly, a round heel or a hip would miss
// them, and the body would seem to hover); less than half a dot, so
// that nothing of the body shows in the floor row beside the floor.
const restSink = 0.45

// restLevel is the height the body rests on: the top of what lies on the
// floor under it (a mat), or the floor. It is the body's lowest point,
// over all frames, when that is on the floor or a little above it (no
// more than a mat's thickness), over the floor; a part lower than the
// floor or beside it (a second view, from above) does not count.
func restLevel(ds []*figure.Drawing, floor bool, floorY float64, floors []span) float64 {
	if !floor {
		return floorY
	}
	low := math.Inf(1)
	eachBodyPoint(ds, func(p figure.Point, r float64) {
		if y := p.Y - r; y >= floorY-onFloor && y <= floorY+matThickness+onFloor && over(floors, p.X) {
			low = min(low, y)
		}
	})
	if math.IsInf(low, 0) || low < floorY {
		return floorY
	}
	return low
}

// over reports whether x is over one of the floors.
func over(floors []span, x float64) bool {
	for _, f := range floors {
		if x >= f.x0 && x <= f.x1 {
			return true
		}
	}
	return false
}

// arrowMargin is the room, in cells, kept between an arrow and the
// panel's edge, which may be the terminal's: an arrow's head is never cut
// or lost against the border.
const arrowMargin = 2

// Margins, in cells, kept round the body for the floor or a mat that
// reaches beyond it: on the left and right, so the floor shows past the
// end of the mat; above and below, so a mat seen from above shows its
// edge round the body.
const (
	sideMargin = 2
	edgeMargin = 1
)

// minBoxRows is the fewest rows a panel has for a mat's box seen from
// above to get rows of its own round the body: in 5, the Face-Down
// Reach's body at 64x20 ran over the box's edges, as if lying off the mat.
const minBoxRows = 4

// newLayout fits the drawings of a pose's frames, together, into at most
// cols x rows cells, as large as they go: the body, its arrows and its
// props (but for a mat), with room round them for the floor and a mat.
func newLayout(ds []*figure.Drawing, cols, rows int) (layout, bool) {
	return newLayoutMax(ds, cols, rows, 0)
}

// newLayoutMax is newLayout at a scale (dots per unit) of at most
// maxScale, when that is above zero: two views drawn at one scale.
//
// The frames of a movement share one box, the union of theirs, so that
// the figure keeps its place and size as they take turns and is drawn as
// large as both together allow (made even about the start's middle, the
// box left the Bird Dog's start half its panel).
func newLayoutMax(ds []*figure.Drawing, cols, rows int, maxScale float64) (layout, bool) {
	var l layout
	if cols <= 0 || rows <= 0 || len(ds) == 0 {
		return l, false
	}
	// The floors first: the frames' floors together.
	for _, d := range ds {
		for _, s := range d.Shapes {
			if s.Class != figure.Ground || len(s.Points) == 0 {
				continue
			}
			lo, hi := bbox(s.Points)
			if !l.floor || hi.Y > l.floorY {
				l.floorY = hi.Y
			}
			l.floor = true
			l.floors = addSpan(l.floors, lo.X, hi.X)
		}
	}
	l.restY = restLevel(ds, l.floor, l.floorY, l.floors)
	inf := math.Inf(1)
	lo, hi := figure.Point{X: inf, Y: inf}, figure.Point{X: -inf, Y: -inf}
	mlo, mhi := lo, hi // the mats seen from above
	slanted := false   // a mat's outline with a slanted edge: seen turned, from a little above
	blo, bhi := lo, hi // the body alone, without its arrows
	alo, ahi := lo, hi // the arrows
	grow := func(lo, hi *figure.Point, p figure.Point, r float64) {
		lo.X, lo.Y = min(lo.X, p.X-r), min(lo.Y, p.Y-r)
		hi.X, hi.Y = max(hi.X, p.X+r), max(hi.Y, p.Y+r)
	}
	for _, d := range ds {
		for _, s := range d.Shapes {
			switch {
			case s.Class == figure.Ground, s.Class == figure.Highlight, s.Class == figure.Gap, s.Class == figure.Hidden, s.Class == figure.Shadow:
				continue // a shadow lies on the mat, under the body: not drawn in dots
			case isFloorMat(s, l.floorY, l.floors):
				a, b := bbox(s.Points)
				l.mats = addSpan(l.mats, a.X, b.X)
				continue
			case isMat(s, &l):
				for _, p := range s.Points {
					grow(&mlo, &mhi, p, 0)
				}
				slanted = slanted || slantedOutline(s.Points)
				continue
			}
			r := halfWidth(s)
			for _, p := range s.Points {
				grow(&lo, &hi, p, r)
				switch s.Class {
				case figure.Reach:
					grow(&alo, &ahi, p, r)
				default:
					grow(&blo, &bhi, p, r)
				}
			}
		}
	}
	if math.IsInf(lo.X, 0) {
		return l, false
	}
	if l.floor {
		// Nothing rests below the floor in a view from the side; what
		// does (a second view from above) gets rows of its own.
		if lo.Y > l.restY-0.01 {
			lo.Y = l.restY
		}
		hi.Y = max(hi.Y, l.restY+0.01)
	}
	dw, dh := hi.X-lo.X, hi.Y-lo.Y
	if dw <= 0 || dh <= 0 {
		return l, false
	}
	if !math.IsInf(mlo.X, 0) {
		l.matAbove = true
		l.matStrip = mhi.Y-mlo.Y < obliqueMat || slanted
		mlo, mhi, l.matPad = holdOnMat(ds, mlo, mhi, l.matStrip)
		l.matLo, l.matHi = mlo, mhi
		l.matFarY = mhi.Y
		if l.matStrip {
			if t0, t1, ok := trunkSpan(ds); ok && (t0+t1)/2 < l.matFarY && (t0+t1)/2 > mlo.Y {
				l.matFarY = (t0 + t1) / 2
			}
		}
	}
	// The margins, where there is room for them.
	var mL, mR, mT, mB int
	if cols >= 12 {
		beyond := func(spans []span, left bool) bool {
			for _, sp := range spans {
				if left && sp.x0 < lo.X || !left && sp.x1 > hi.X {
					return true
				}
			}
			return false
		}
		if beyond(l.floors, true) || beyond(l.mats, true) || mlo.X < lo.X || l.matPad[0] && mlo.X <= lo.X+1e-9 {
			mL = sideMargin
		}
		if beyond(l.floors, false) || beyond(l.mats, false) || mhi.X > hi.X || l.matPad[1] && mhi.X >= hi.X-1e-9 {
			mR = sideMargin
		}
	}
	if rows >= minBoxRows {
		// A box's edge grown to hold the body gets a row of its own
		// past the body's last dots.
		if mhi.Y > hi.Y || l.matPad[3] && mhi.Y >= hi.Y-1e-9 {
			mT = edgeMargin
		}
		if !l.floor && (mlo.Y < lo.Y || l.matPad[2] && mlo.Y <= lo.Y+1e-9) {
			mB = edgeMargin
		}
	}
	arrows := !math.IsInf(alo.X, 0)
	// An arrow that reaches past the body keeps arrowMargin cells from
	// the panel's edge; so does one that comes within them of it.
	if cols >= 8 && arrows {
		if alo.X < blo.X-1e-9 {
			mL = max(mL, arrowMargin)
		}
		if ahi.X > bhi.X+1e-9 {
			mR = max(mR, arrowMargin)
		}
	}
	for try := 0; ; try++ {
		if !l.fit(lo, hi, cols, rows, mL, mR, mT, mB, maxScale) {
			return l, false
		}
		if try == 3 || cols < 8 || !arrows {
			break
		}
		// An arrow drawn in the cells next to the edge (its head's
		// strokes reach a little past the shape the figure gives it):
		// keep it off.
		x0, x1 := l.arrowSpan(ds)
		if x0 > x1 {
			break // no arrow in the frame
		}
		again := false
		if need := int(math.Ceil((float64(arrowMargin*2) - x0) / 2)); need > 0 && mL+need <= cols/4 {
			mL, again = mL+need, true
		}
		if need := int(math.Ceil((x1 + 1 - float64((l.cols-arrowMargin)*2)) / 2)); need > 0 && mR+need <= cols/4 {
			mR, again = mR+need, true
		}
		if !again {
			break
		}
	}
	// A lift arrow rising from a mat seen from a little above (a strip)
	// to a part just over it is drawn minArrow long: the strip's near
	// edge moves down to hold its foot, rather than cut it to a stub on
	// the edge (the Curl-Up, Elbows Up's arrow under the elbow was a ⊥
	// of two rows standing on the mat's edge). So it does for an arrow
	// that runs down onto it.
	for try := 0; l.matStrip && arrows && try < 4; try++ {
		need := l.liftRoom(ds)
		if need <= 0 {
			break
		}
		l.matLo.Y -= need / l.scale
		l.matPad[2] = false
		// The box reaches a dot past the edge, so that the edge's row is
		// in the frame.
		lo.Y = min(lo.Y, l.matLo.Y-1/l.scale)
		if !l.fit(lo, hi, cols, rows, mL, mR, mT, 0, maxScale) {
			return l, false
		}
	}
	// A mat on the floor reaches a cell beyond the body at most, so that
	// the floor shows past its ends.
	cell := 2 / l.scale
	var mats []span
	for _, m := range l.mats {
		if m.x0 < hi.X+cell && m.x1 > lo.X-cell {
			mats = append(mats, span{max(m.x0, lo.X-cell), min(m.x1, hi.X+cell)})
		}
	}
	l.mats = mats
	return l, true
}

// liftRoom is how far, in dots, the near edge of a mat seen from above
// must move down to hold the arrows that rise from it (for a strip, any
// arrow over it), drawn at their full length, in its box: 0 when they
// fit in it.
func (l layout) liftRoom(ds []*figure.Drawing) float64 {
	x0, _, x1, y1, ok := l.matBox()
	if !ok {
		return 0
	}
	free := l
	free.matAbove = false
	free.rows += 8
	w, h := free.cols*2, free.rows*4
	low := math.Inf(-1)
	for _, d := range ds {
		drawn := free.frameArrows(d)
		for k, a := range free.placeArrows(d, free.bodyDots(d)) {
			if len(a.heads) != 1 || len(drawn[k].heads) != 1 {
				continue
			}
			// Where the figure draws it, before it is placed.
			tip, mid := drawn[k].heads[0][0], drawn[k].heads[0][1]
			// A strip holds every arrow over it whose tip lies between its
			// ends: one that runs down onto its near edge (the Zombie
			// Crawl's heel arrows, down along the legs) was cut there.
			if !l.matStrip && (tip.y >= mid.y || tip.y > y1) || tip.x < x0 || tip.x > x1 {
				continue // not rising from the mat, nor over the strip
			}
			a.draw(w, h, func(i int, _ bool) { low = max(low, float64(i/w)) })
		}
	}
	if low <= y1-0.5 {
		return 0
	}
	// The box's edge in the row under the arrow's lowest dot.
	_, edge := l.dot(l.matLo)
	return (math.Floor(low/4)+1)*4 + 0.01 - edge
}

// arrowSpan is how far across the frames' arrows are drawn: the first
// and the last column of dots they cover.
func (l layout) arrowSpan(ds []*figure.Drawing) (x0, x1 float64) {
	w, h := l.cols*2, l.rows*4
	x0, x1 = math.Inf(1), math.Inf(-1)
	for _, d := range ds {
		body := l.bodyDots(d)
		for _, a := range l.placeArrows(d, body) {
			a.draw(w, h, func(i int, _ bool) {
				x0, x1 = min(x0, float64(i%w)), max(x1, float64(i%w))
			})
		}
	}
	return x0, x1
}

// fit finds the largest scale at which the box lo..hi, with the margins
// round it, fits in cols x rows cells, and places it.
func (l *layout) fit(lo, hi figure.Point, cols, rows, mL, mR, mT, mB int, maxScale float64) bool {
	dw, dh := hi.X-lo.X, hi.Y-lo.Y
	s := float64((cols-mL-mR)*2) / dw
	if !l.floor {
		s = min(s, float64((rows-mT-mB)*4)/dh)
	}
	if maxScale > 0 {
		s = min(s, maxScale)
	}
	var bodyCols, bodyRows int
	for ; s > 0.5; s *= 0.98 {
		l.scale = s
		bodyCols = int(math.Ceil(dw*s/2 - 1e-9))
		l.cols = min(cols, mL+bodyCols+mR)
		if l.floor {
			l.above = mT + int(math.Ceil(((hi.Y-l.restY)*s+restSink)/4-1e-9))
			below := max(1, int(math.Ceil(((l.restY-lo.Y)*s-restSink)/4-1e-9)))
			l.rows = l.above + below
		} else {
			bodyRows = int(math.Ceil(dh*s/4 - 1e-9))
			l.rows = mT + bodyRows + mB
		}
		if l.rows <= rows {
			break
		}
	}
	if l.rows > rows || l.cols < 1 || l.rows < 1 || s <= 0.5 {
		return false
	}
	l.min, l.max = lo, hi
	l.offX = float64(mL*2) + (float64(bodyCols*2)-dw*s)/2
	l.offY = 0
	if !l.floor {
		l.offY = float64(mT*4) + (float64(bodyRows*4)-dh*s)/2
	}
	return true
}

// dot maps a drawing point to dot coordinates (x right, y down).
func (l layout) dot(p figure.Point) (x, y float64) {
	x = l.offX + (p.X-l.min.X)*l.scale
	if l.floor {
		return x, float64(l.above*4) + restSink - (p.Y-l.restY)*l.scale
	}
	return x, l.offY + (l.max.Y-p.Y)*l.scale
}

// dotKind is what covers one braille dot.
type dotKind uint8

const (
	noDot dotKind = iota
	farDot
	arrowDot
	nearDot
)

// pt is a point in dots.
type pt struct{ x, y float64 }

// segDist is the distance from p to the segment a-b.
func segDist(p, a, b pt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	t := 0.0
	if n := dx*dx + dy*dy; n > 0 {
		t = max(0, min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/n))
	}
	return math.Hypot(p.x-a.x-t*dx, p.y-a.y-t*dy)
}

// inside reports whether p is inside the polygon (even-odd rule).
func inside(p pt, poly []pt) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.y > p.y) != (b.y > p.y) && p.x < (b.x-a.x)*(p.y-a.y)/(b.y-a.y)+a.x {
			in = !in
		}
	}
	return in
}

// cover calls set for every dot the shape covers, its strokes at least
// minWidth dots across and grown by extra dots on every side.
func (l layout) cover(s figure.Shape, w, h int, minWidth, extra float64, set func(i int)) {
	if len(s.Points) == 0 {
		return
	}
	pts := make([]pt, len(s.Points))
	for i, p := range s.Points {
		x, y := l.dot(p)
		pts[i] = pt{x, y}
	}
	r := 0.0
	switch {
	case s.Radius > 0:
		r = max(s.Radius*l.scale, minWidth/2) + extra
	case s.Width > 0 || !s.Closed:
		r = max(s.Width*l.scale, minWidth) / 2
		r += extra
	}
	line := pts
	if s.Closed {
		line = append(append([]pt(nil), pts...), pts[0])
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		x0, y0, x1, y1 = min(x0, p.x-r), min(y0, p.y-r), max(x1, p.x+r), max(y1, p.y+r)
	}
	for y := max(0, int(y0)); y < min(h, int(y1)+1); y++ {
		for x := max(0, int(x0)); x < min(w, int(x1)+1); x++ {
			p := pt{float64(x) + 0.5, float64(y) + 0.5}
			hit := false
			switch {
			case s.Radius > 0:
				hit = math.Hypot(p.x-pts[0].x, p.y-pts[0].y) <= r
			default:
				if s.Closed && len(pts) >= 3 {
					hit = inside(p, pts)
				}
				for k := 1; !hit && k < len(line); k++ {
					hit = segDist(p, line[k-1], line[k]) <= r
				}
				if !hit && len(line) == 1 {
					hit = math.Hypot(p.x-line[0].x, p.y-line[0].y) <= r
				}
			}
			if hit {
				set(y*w + x)
			}
		}
	}
}

// drawAll draws every frame in the layout.
func (l layout) drawAll(ds []*figure.Drawing) []frame {
	out := make([]frame, len(ds))
	for i, d := range ds {
		out[i] = l.draw(d)
	}
	return out
}

// dots rasterises a frame's body and arrows: what covers each braille
// dot, row by row, cols*2 across.
//
// The body goes first, then the arrows over it, placed where they read
// (placeArrows): never over the near body, which hides them, but over a
// far limb.
func (l layout) dots(d *figure.Drawing) []dotKind {
	w, h := l.cols*2, l.rows*4
	dots := l.bodyDots(d)
	head := make([]bool, w*h) // the dots of an arrow's head
	for _, a := range l.placeArrows(d, dots) {
		a.draw(w, h, func(i int, isHead bool) {
			if dots[i] != nearDot {
				dots[i] = arrowDot
				head[i] = head[i] || isHead
			}
		})
	}
	thinArrows(dots, head, w, h)
	clearSpecks(dots, w, h)
	return dots
}

// bodyDots rasterises a frame's body: its near and far parts, the gaps
// that part them.
func (l layout) bodyDots(d *figure.Drawing) []dotKind {
	w, h := l.cols*2, l.rows*4
	dots := make([]dotKind, w*h)
	for _, s := range d.Shapes {
		switch s.Class {
		case figure.Near, figure.Far:
			k := map[figure.Class]dotKind{figure.Near: nearDot, figure.Far: farDot}[s.Class]
			l.cover(s, w, h, minStroke, 0, func(i int) { dots[i] = k })
		case figure.Gap:
			extra := max(0, minGap-figure.GapWidth*l.scale)
			l.cover(s, w, h, minStroke, extra, func(i int) {
				if dots[i] == nearDot || dots[i] == farDot {
					dots[i] = noDot
				}
			})
		case figure.Hidden:
			// A hidden part's outline: its dashes cut into the body,
			// a dot wide, so that it shows as a dotted line over it.
			for _, dash := range s.Dashes() {
				l.cover(dash, w, h, 1, 0, func(i int) {
					if dots[i] == nearDot || dots[i] == farDot {
						dots[i] = noDot
					}
				})
			}
		}
	}
	return dots
}

// handsOnBody is the dots of the hands that rest on the body or under
// it (on the belly, on a shin, under the small of the back), cols*2
// across (restsOnBody). Nil for none.
func (l layout) handsOnBody(d *figure.Drawing) []bool {
	w, h := l.cols*2, l.rows*4
	var out []bool
	for _, s := range d.Shapes {
		if !isBody(s) || !strings.HasSuffix(s.Part, ".hand") || !restsOnBody(d, s) {
			continue
		}
		if out == nil {
			out = make([]bool, w*h)
		}
		l.cover(s, w, h, minStroke, 0, func(i int) { out[i] = true })
	}
	return out
}

// restsOnBody reports whether a hand rests on the body or under it,
// judged in the drawing's own units, not in dots: its shape overlaps a
// part of the body other than the arms, and either it is painted over
// that part (it lies on it, in front: on a thigh, on the belly) or,
// hidden behind the body, the other hand overlaps the body too (the two
// hands on the belly, or under the small of the back). Judged in dots,
// a hand a cell from the trunk was on it (the Glute Bridge's, along the
// floor); and a far hand on the mat, behind a raised thigh or the
// bridged hips (the Knee Sway's, the Single-Leg Bridge's), its near hand
// on the mat clear of the body, was drawn as a hand on the body.
func restsOnBody(d *figure.Drawing, hand figure.Shape) bool {
	over, under := handOverlap(d, hand)
	if over {
		return true
	}
	if !under {
		return false
	}
	for _, o := range d.Shapes {
		if isBody(o) && strings.HasSuffix(o.Part, ".hand") && o.Part != hand.Part {
			if a, b := handOverlap(d, o); a || b {
				return true
			}
		}
	}
	return false
}

// handOverlap reports whether a hand's shape overlaps a part of the body
// other than the arms painted before it (over), or only parts painted
// after it (under: hidden behind them).
func handOverlap(d *figure.Drawing, hand figure.Shape) (over, under bool) {
	last := -1 // the hand's last shape: its outline painted over its gap
	for k, o := range d.Shapes {
		if isBody(o) && o.Part == hand.Part {
			last = k
		}
	}
	for k, o := range d.Shapes {
		if !isBody(o) || armPart(o.Part) || len(o.Points) == 0 || shapeGap(hand, o) >= 0 {
			continue
		}
		if k < last {
			over = true
		} else {
			under = true
		}
	}
	return over, under
}

// armPart reports whether a part of the body is of an arm: an upper
// arm, a forearm or a hand, near or far.
func armPart(part string) bool {
	for _, p := range []string{".upperarm", ".forearm", ".hand"} {
		if strings.HasSuffix(part, p) {
			return true
		}
	}
	return false
}

// speck is the most dots of the body, touching no other, that are cleared
// as a speck: where a round part's edge (a head's crown) just reaches a
// row of dots, or a gap cuts a part down to a dot or two, they stood
// apart from the body as a stray mark.
const speck = 2

// clearSpecks clears a dot of the body standing up alone out of it, then
// the dots that make a group of speck dots or fewer, touching no other
// dot of the body, corners included.
func clearSpecks(dots []dotKind, w, h int) {
	body := func(i int) bool { return dots[i] == nearDot || dots[i] == farDot }
	// A single dot standing up alone out of a wider part of the body: the
	// crown of a round head just reaching the row above, which read as a
	// stray dot over it.
	var nubs []int
	for i := range dots {
		x, y := i%w, i/w
		if !body(i) || y+1 >= h || !body(i+w) {
			continue
		}
		wider := x > 0 && body(i+w-1) || x+1 < w && body(i+w+1)
		if wider && (x == 0 || !body(i-1)) && (x+1 >= w || !body(i+1)) && (y == 0 || !body(i-w)) {
			nubs = append(nubs, i)
		}
	}
	for _, i := range nubs {
		dots[i] = noDot
	}
	seen := make([]bool, w*h)
	var group, stack []int
	for i := range dots {
		if seen[i] || !body(i) {
			continue
		}
		group, stack = group[:0], append(stack[:0], i)
		seen[i] = true
		for len(stack) > 0 {
			j := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			group = append(group, j)
			x, y := j%w, j/w
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					nx, ny := x+dx, y+dy
					if nx < 0 || ny < 0 || nx >= w || ny >= h {
						continue
					}
					if k := ny*w + nx; !seen[k] && body(k) {
						seen[k] = true
						stack = append(stack, k)
					}
				}
			}
		}
		if len(group) <= speck {
			for _, j := range group {
				dots[j] = noDot
			}
		}
	}
}

// draw draws one frame in the layout's cells.
func (l layout) draw(d *figure.Drawing) frame {
	w := l.cols * 2
	dots := l.dots(d)
	hands := l.handsOnBody(d)
	// Props (not a mat) as outlines, cell by cell.
	prop := make([]bool, l.cols*l.rows)
	for _, s := range d.Shapes {
		if s.Class == figure.Prop && !isMat(s, &l) {
			l.outline(s, false, prop)
		}
	}
	mat := l.matCells()
	// Which cells hold an arrow's dots, to tell an arrow that crosses a
	// mat's edge from one that only touches it.
	arrowIn := make([]bool, l.cols*l.rows)
	for i, k := range dots {
		if k == arrowDot {
			arrowIn[(i/w/4)*l.cols+(i%w)/2] = true
		}
	}
	crosses := func(cx, cy int) bool {
		at := func(x, y int) bool { return x >= 0 && y >= 0 && x < l.cols && y < l.rows && arrowIn[y*l.cols+x] }
		if mat[cy*l.cols+cx] == matSideGlyph {
			return at(cx-1, cy) && at(cx+1, cy)
		}
		for dx := -1; dx <= 1; dx++ {
			for ex := -1; ex <= 1; ex++ {
				if at(cx+dx, cy-1) && at(cx+ex, cy+1) {
					return true
				}
			}
		}
		return false
	}
	// Dot order within a braille cell (Unicode): columns of 1 2 3 7 and 4 5 6 8.
	bits := [4][2]rune{{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}}
	f := make(frame, l.rows)
	for cy := range f {
		f[cy] = make([]cell, l.cols)
		for cx := range f[cy] {
			var mark, arrowMark, handMark rune
			best := noDot
			for dy := range 4 {
				for dx := range 2 {
					x, y := cx*2+dx, cy*4+dy
					k := dots[y*w+x]
					if hands != nil && hands[y*w+x] && k != arrowDot {
						handMark |= bits[dy][dx]
					}
					if k == farDot && (x+y)%2 == 1 && !edge(dots, w, l.rows*4, x, y) {
						continue // a lighter shade inside: every other dot
					}
					if k != noDot {
						mark |= bits[dy][dx]
						best = max(best, k)
					}
					if k == arrowDot {
						arrowMark |= bits[dy][dx]
					}
				}
			}
			if arrowMark != 0 {
				// An arrow over a limb: the cell is red, so it shows the
				// arrow's dots alone. With a far limb's dots it was a
				// solid red block (a lift arrow's head under a far elbow);
				// in the colour of a near limb beside it, an arrow's tip a
				// dot under the limb was lost in it.
				mark, best = arrowMark, arrowDot
			}
			if (best == nearDot || best == farDot) && handMark == 0 && mat[cy*l.cols+cx] != 0 && !l.matStrip && bitCount(mark) == 1 {
				// A box's edge keeps its line where a limb's end, its
				// stroke widened to two dots, grazes it by a dot.
				best = noDot
			}
			hand := arrowMark == 0 && handMark != 0
			if hand {
				// A hand on the body, or under it: its own dots, solid,
				// in a colour of its own. Drawn as the body, over the
				// trunk a hand was an outline of cut-out dots; under
				// it, hidden.
				mark = handMark
			}
			c := cell{brailleBlank, blankCell}
			if best == arrowDot && mat[cy*l.cols+cx] != 0 && !crosses(cx, cy) {
				// The mat keeps its edge where an arrow only touches it
				// (the end of a head's stroke a dot over it).
				best = noDot
			}
			// An arrow that crosses a mat's edge is drawn whole, the
			// edge broken under it: cut by the edge, the Knee Sway's
			// arrow read as two marks.
			switch {
			case hand:
				c = cell{brailleBlank + mark, handCell}
			case best == nearDot:
				c = cell{brailleBlank + mark, nearCell}
			case best == arrowDot:
				c = cell{brailleBlank + mark, arrowCell}
			case best == farDot:
				c = cell{brailleBlank + mark, farCell}
			case prop[cy*l.cols+cx]:
				c = cell{propGlyph, propCell}
			case mat[cy*l.cols+cx] != 0:
				c = cell{mat[cy*l.cols+cx], matBoxCell}
			}
			f[cy][cx] = c
		}
	}
	if l.floor {
		l.drawFloor(f[l.above])
	}
	return f
}

// matCells draws a mat seen from above: the box of double lines round
// where it lies, cut to the frame (what lies beyond it is drawn along its
// edge, so that it always shows round the body), the same in every frame
// of a movement. It returns each cell's glyph, or 0.
func (l layout) matCells() []rune {
	cells := make([]rune, l.cols*l.rows)
	cx0, cy0, cx1, cy1, ok := l.matCellBox()
	if !ok {
		return cells
	}
	if l.matStrip {
		// Seen from a little above, from the side: a strip on the
		// floor under the body, its far edge a thin line, its near edge
		// a double one. A box round a side-on body read as a mat seen
		// from straight above.
		for x := cx0; x <= cx1; x++ {
			cells[cy0*l.cols+x], cells[cy1*l.cols+x] = matFarGlyph, matGlyph
		}
		return cells
	}
	for x := cx0; x <= cx1; x++ {
		cells[cy0*l.cols+x], cells[cy1*l.cols+x] = matGlyph, matGlyph
	}
	for y := cy0; y <= cy1; y++ {
		cells[y*l.cols+cx0], cells[y*l.cols+cx1] = matSideGlyph, matSideGlyph
	}
	cells[cy0*l.cols+cx0], cells[cy0*l.cols+cx1] = matCorners[0], matCorners[1]
	cells[cy1*l.cols+cx0], cells[cy1*l.cols+cx1] = matCorners[2], matCorners[3]
	return cells
}

// matBox is the inside of a mat's box seen from above, in dots: between
// its edges' cells.
func (l layout) matBox() (x0, y0, x1, y1 float64, ok bool) {
	cx0, cy0, cx1, cy1, ok := l.matCellBox()
	return float64(cx0*2 + 2), float64(cy0*4 + 4), float64(cx1 * 2), float64(cy1 * 4), ok
}

// matCellBox is where the box of a mat seen from above is drawn: the
// columns and rows of its edges.
func (l layout) matCellBox() (cx0, cy0, cx1, cy1 int, ok bool) {
	if !l.matAbove {
		return 0, 0, 0, 0, false
	}
	x0, y1 := l.dot(l.matLo)
	x1, y0 := l.dot(l.matHi)
	if l.matStrip {
		_, y0 = l.dot(figure.Point{X: l.matHi.X, Y: l.matFarY})
	}
	bottom := l.rows - 1
	if l.floor {
		bottom = l.above - 1
	}
	cx0, cx1 = max(0, int(math.Floor(x0/2))), min(l.cols-1, int(math.Floor(x1/2)))
	cy0, cy1 = max(0, int(math.Floor(y0/4))), min(bottom, int(math.Floor(y1/4)))
	// An edge grown to hold a part lies in the row (or column) past the
	// part's last dots, its stroke drawn up to a dot wider than it is:
	// the part is inside the box, not over its edge.
	if l.matPad[0] {
		cx0 = max(0, int(math.Floor((x0-0.5)/2))-1)
	}
	if l.matPad[1] {
		cx1 = min(l.cols-1, int(math.Floor((x1+0.5)/2))+1)
	}
	if l.matPad[2] {
		cy1 = min(bottom, int(math.Floor((y1+0.5)/4))+1)
	}
	if l.matPad[3] && (!l.matStrip || l.matFarY >= l.matHi.Y) {
		cy0 = max(0, int(math.Floor((y0-0.5)/4))-1)
	}
	if cx1-cx0 < 1 || cy1-cy0 < 1 {
		return 0, 0, 0, 0, false
	}
	return cx0, cy0, cx1, cy1, true
}

// arrowArm is how long an arrowhead's two strokes are, at the least, in
// dots; and the angle they make with the shaft. At 45 degrees the strokes
// part from the shaft a dot at a time, so that the head stays one dot
// thin, an open chevron rather than a spot of red.
// Longer than maxArrowArm, the strokes of a short arrow's head reached
// down to its foot, a tent rather than an arrow.
const (
	arrowArm      = 3.0
	maxArrowArm   = 4.5
	arrowArmAngle = math.Pi / 4
)

// minArrow is the shortest an arrow is drawn, in dots from the end of its
// shaft to its tip: shorter, a lift arrow under a limb was a ⊥ of a few
// dots that did not read as an arrow.
const minArrow = 10.0

// maxArrowShift is the furthest, in dots (four rows), an arrow is moved back along
// itself to bring its tip out of the near body, which would hide it.
const maxArrowShift = 16.0

// dotArrow is an arrow placed in dots: its lines (a shaft, a path, the
// bar a lift stands on, a mark) and its heads, each a tip and the middle
// of its base.
type dotArrow struct {
	lines [][]pt
	heads [][2]pt
	loop  bool // a closed path traced round (loopArrows): drawn as it is
}

// tipGap is how far short of an arrow's tip, in dots, its shaft stops
// between the strokes of its head.
const tipGap = 2.0

// draw calls set for the dots of the arrow, as lines one dot across: its
// lines as they are; a head as the two strokes of a chevron from its
// tip, with the shaft on to tipGap short of the tip between them. Filled, a head was a
// solid block of red that read as a limb.
func (a dotArrow) draw(w, h int, set func(i int, head bool)) {
	a = a.snapped()
	for _, ln := range a.lines {
		if len(ln) == 1 {
			thinLine(ln[0], ln[0], w, h, func(i int) { set(i, false) })
		}
		for k := 1; k < len(ln); k++ {
			thinLine(ln[k-1], ln[k], w, h, func(i int) { set(i, false) })
		}
	}
	for _, hd := range a.heads {
		tip, mid := hd[0], hd[1]
		dx, dy := mid.x-tip.x, mid.y-tip.y
		n := math.Hypot(dx, dy)
		if n == 0 {
			continue
		}
		// The shaft stops two dots short of the tip: on to the tip, it
		// filled the row of dots under it between the strokes, a solid
		// point two dots thick.
		if math.Abs(dx)/n < 0.2 {
			mid.x = math.Floor(tip.x) + 0.5
		} else if math.Abs(dy)/n < 0.2 {
			mid.y = math.Floor(tip.y) + 0.5
		}
		end := tip
		if n > tipGap {
			// Half a dot further, so that rounding never brings it up
			// to the row under the tip.
			end = pt{tip.x + dx/n*(tipGap+0.5), tip.y + dy/n*(tipGap+0.5)}
		}
		thinLine(mid, end, w, h, func(i int) { set(i, false) })
		arm := min(max(arrowArm, n*1.2), maxArrowArm)
		if a.loop {
			arm = loopSize(a.lines[0])
		}
		for _, ang := range []float64{arrowArmAngle, -arrowArmAngle} {
			sn, cs := math.Sincos(ang)
			end := pt{tip.x + (dx*cs-dy*sn)/n*arm, tip.y + (dx*sn+dy*cs)/n*arm}
			thinLine(tip, end, w, h, func(i int) { set(i, true) })
		}
	}
}

// snapped is the arrow with the shaft of an upright or level head (a
// lift, a reach along the mat) in the tip's column or row of dots:
// a hair off it, the shaft ran up beside the tip, two dots thick.
func (a dotArrow) snapped() dotArrow {
	if len(a.heads) != 1 || a.loop {
		return a
	}
	tip, mid := a.heads[0][0], a.heads[0][1]
	dx, dy := tip.x-mid.x, tip.y-mid.y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return a
	}
	upright, level := math.Abs(dx)/n < 0.2, math.Abs(dy)/n < 0.2
	if !upright && !level {
		return a
	}
	out := dotArrow{heads: a.heads, lines: make([][]pt, len(a.lines))}
	for k, ln := range a.lines {
		out.lines[k] = ln
		if len(ln) < 2 || math.Hypot(ln[len(ln)-1].x-mid.x, ln[len(ln)-1].y-mid.y) >= 1.5 {
			continue
		}
		sn := make([]pt, len(ln))
		for i, p := range ln {
			if upright {
				p.x = math.Floor(tip.x) + 0.5
			} else {
				p.y = math.Floor(tip.y) + 0.5
			}
			sn[i] = p
		}
		out.lines[k] = sn
	}
	return out
}

// shift moves every point of the arrow by d.
func (a *dotArrow) shift(d pt) {
	for _, ln := range a.lines {
		for k := range ln {
			ln[k] = pt{ln[k].x + d.x, ln[k].y + d.y}
		}
	}
	for k := range a.heads {
		a.heads[k][0] = pt{a.heads[k][0].x + d.x, a.heads[k][0].y + d.y}
		a.heads[k][1] = pt{a.heads[k][1].x + d.x, a.heads[k][1].y + d.y}
	}
}

// frameArrows gathers a frame's arrows in dots: the shapes of one part
// up to a head (a closed triangle, its tip first) make one arrow; a
// closed shape that is not a head is its outline, a dot itself.
func (l layout) frameArrows(d *figure.Drawing) []dotArrow {
	var out []dotArrow
	var cur dotArrow
	part := ""
	var parts []string // the part of each arrow in out
	flush := func() {
		if len(cur.lines) > 0 || len(cur.heads) > 0 {
			out = append(out, cur)
			parts = append(parts, part)
		}
		cur = dotArrow{}
	}
	for _, s := range d.Shapes {
		if s.Class != figure.Reach || len(s.Points) == 0 {
			continue
		}
		if s.Part != part {
			flush()
			part = s.Part
		}
		pts := make([]pt, len(s.Points))
		for i, p := range s.Points {
			x, y := l.dot(p)
			pts[i] = pt{x, y}
		}
		switch {
		case s.Radius > 0:
			cur.lines = append(cur.lines, pts[:1])
		case s.Closed && len(pts) == 3:
			cur.heads = append(cur.heads, [2]pt{pts[0], {(pts[1].x + pts[2].x) / 2, (pts[1].y + pts[2].y) / 2}})
			flush()
		case s.Closed:
			cur.lines = append(cur.lines, append(pts, pts[0]))
		default:
			cur.lines = append(cur.lines, pts)
		}
	}
	flush()
	return loopArrows(out, parts)
}

// loopArrows joins the arrows of a part that trace a closed path round
// (the Bird Dog with Squares' squares: four sides, a head on each) into
// one: the path's outline one dot thin, through the ends of its lines,
// with a single small head to show which way round. Drawn as four
// arrows, each drawn at least minArrow long with a full head, a square
// a few cells across was a solid knot of red.
func loopArrows(arrows []dotArrow, parts []string) []dotArrow {
	var out []dotArrow
	for i := 0; i < len(arrows); {
		j := i
		for j < len(arrows) && parts[j] == parts[i] {
			j++
		}
		group := arrows[i:j]
		var pts []pt
		for _, a := range group {
			for _, ln := range a.lines {
				if len(ln) >= 2 {
					pts = append(pts, ln[0], ln[len(ln)-1])
				}
			}
		}
		closed := len(group) >= 3 && len(pts) >= 6 && math.Hypot(pts[0].x-pts[len(pts)-1].x, pts[0].y-pts[len(pts)-1].y) < 1.5
		if !closed || len(group[0].heads) != 1 {
			out = append(out, group...)
			i = j
			continue
		}
		loop := append(append([]pt(nil), pts...), pts[0])
		head := group[0].heads[0]
		out = append(out, dotArrow{lines: [][]pt{openLoop(loop, head[0])}, heads: [][2]pt{head}, loop: true})
		i = j
	}
	return out
}

// A loop's head's strokes, and the gap in its outline past the tip, are
// a quarter of the loop's shorter side, from loopArm to maxLoopArm dots:
// long enough to read as a head, not a tick across the outline, short
// enough that the head of a small square is no knot.
const (
	loopArm    = 2.0
	maxLoopArm = 4.5
)

// loopSize is how long, in dots, the strokes of the head of a loop
// drawn along a path are, and the gap past its tip.
func loopSize(path []pt) float64 {
	if len(path) == 0 {
		return loopArm
	}
	lo, hi := path[0], path[0]
	for _, p := range path {
		lo.x, lo.y = min(lo.x, p.x), min(lo.y, p.y)
		hi.x, hi.y = max(hi.x, p.x), max(hi.y, p.y)
	}
	return min(max(min(hi.x-lo.x, hi.y-lo.y)/3, loopArm), maxLoopArm)
}

// openLoop is a closed path (its last point its first) opened at its
// head's tip: from a gap (loopSize) past the tip round to the tip, so that the
// head ends the path as a ↻ does. Drawn on through the tip, the outline
// crossed the head's strokes, and the Bird Dog with Squares' squares each
// had a small + on an edge.
func openLoop(loop []pt, tip pt) []pt {
	// The side the tip lies on, and where on it.
	best, at := -1, 0.0
	bestD := math.Inf(1)
	for k := 1; k < len(loop); k++ {
		a, b := loop[k-1], loop[k]
		dx, dy := b.x-a.x, b.y-a.y
		n2 := dx*dx + dy*dy
		t := 0.0
		if n2 > 0 {
			t = min(max(((tip.x-a.x)*dx+(tip.y-a.y)*dy)/n2, 0), 1)
		}
		if d := math.Hypot(a.x+t*dx-tip.x, a.y+t*dy-tip.y); d < bestD {
			best, at, bestD = k, t, d
		}
	}
	if best < 0 {
		return loop
	}
	sides := len(loop) - 1
	// Walk on from the tip, loopGap along the path, then round.
	var out []pt
	gap := loopSize(loop)
	k, t := best, at
	for range sides + 1 {
		a, b := loop[k-1], loop[k]
		n := math.Hypot(b.x-a.x, b.y-a.y)
		left := (1 - t) * n
		if gap < left {
			t += gap / n
			out = append(out, pt{a.x + t*(b.x-a.x), a.y + t*(b.y-a.y)})
			break
		}
		gap -= left
		k, t = k%sides+1, 0
	}
	if len(out) == 0 {
		return loop
	}
	// The corners from the end of the gap's side round to the start of
	// the tip's, then the tip.
	for v := k % sides; ; v = (v + 1) % sides {
		out = append(out, loop[v])
		if v == (best-1+sides)%sides || len(out) > sides {
			break
		}
	}
	return append(out, tip)
}

// placeArrows places a frame's arrows so that each reads as an arrow
// over the body drawn in dots: a short one is drawn minArrow long, from
// its tip back; one whose tip is in the near body (a lift arrow rising
// to just under a limb, which the limb's wider dots cover) moves back
// along itself until its tip is clear; a turn arrow hidden in the body
// (the Pelvic Tilt's, round the pelvis) goes round it further out. None
// goes below the floor line, nor out of a mat seen from above it lies
// in.
func (l layout) placeArrows(d *figure.Drawing, body []dotKind) []dotArrow {
	w, h := l.cols*2, l.rows*4
	near := func(p pt) bool {
		x, y := int(math.Floor(p.x)), int(math.Floor(p.y))
		return x >= 0 && y >= 0 && x < w && y < h && body[y*w+x] == nearDot
	}
	// The lowest a dot of an arrow may be: above the floor row, and
	// inside a mat's box from above when it starts in it.
	bottom := float64(h) - 0.5
	if l.floor {
		bottom = float64(l.above*4) - 0.5
	}
	mx0, my0, mx1, my1, mat := l.matBox()
	arrows := l.frameArrows(d)
	for ai := range arrows {
		a := &arrows[ai]
		if len(a.heads) != 1 || a.loop {
			continue
		}
		tip, mid := a.heads[0][0], a.heads[0][1]
		dx, dy := tip.x-mid.x, tip.y-mid.y
		n := math.Hypot(dx, dy)
		if n == 0 {
			continue
		}
		dir := pt{dx / n, dy / n}
		// The shaft: the line that ends where the head starts.
		shaft := -1
		for k, ln := range a.lines {
			if len(ln) >= 2 && math.Hypot(ln[len(ln)-1].x-mid.x, ln[len(ln)-1].y-mid.y) < 1.5 {
				shaft = k
			}
		}
		if shaft < 0 {
			continue
		}
		ln := a.lines[shaft]
		if len(ln) > 2 {
			l.clearTurn(a, shaft, near)
			continue
		}
		// Its tip out of the near body, a dot clear of it.
		// (Where it is not clear that far back, deep in a part, it stays.)
		ahead := func() bool { t := a.heads[0][0]; return near(t) || near(pt{t.x + dir.x, t.y + dir.y}) }
		moved := 0.0
		for ; ahead() && moved < maxArrowShift; moved++ {
			a.shift(pt{-dir.x, -dir.y})
		}
		if ahead() {
			a.shift(pt{dir.x * moved, dir.y * moved})
		}
		tip = a.heads[0][0]
		// At least minArrow long, from the tip back.
		tail := ln[0]
		if long := math.Hypot(tip.x-tail.x, tip.y-tail.y); long < minArrow {
			want := pt{tip.x - dir.x*minArrow, tip.y - dir.y*minArrow}
			d := pt{want.x - tail.x, want.y - tail.y}
			ln[0] = want
			// What marks its start (a lift's bar) goes with it.
			for k, other := range a.lines {
				if k != shaft && len(other) == 2 && math.Hypot((other[0].x+other[1].x)/2-tail.x, (other[0].y+other[1].y)/2-tail.y) < 1.5 {
					a.lines[k] = []pt{{other[0].x + d.x, other[0].y + d.y}, {other[1].x + d.x, other[1].y + d.y}}
				}
			}
		}
		// No lower than the floor line, nor out of the mat it starts on.
		low := bottom
		if mat && tail.x >= mx0 && tail.x <= mx1 && tail.y >= my0 && tail.y <= my1 {
			low = min(low, my1-0.5)
		}
		// A shaft that rises too little to come up to the line within
		// its length (a heel's arrow back along a shin lying nearly
		// level) stays as it is, as a level one does: cut along it, its
		// tail went off by thousands of dots.
		if ln[0].y > low && dir.y < 0 && (ln[0].y-low)/-dir.y < math.Hypot(ln[len(ln)-1].x-ln[0].x, ln[len(ln)-1].y-ln[0].y) {
			over := ln[0].y - low
			t := over / -dir.y
			cut := pt{ln[0].x + dir.x*t - ln[0].x, low - ln[0].y}
			ln[0] = pt{ln[0].x + cut.x, low}
			for k, other := range a.lines {
				if k != shaft && len(other) == 2 && other[0].y > low-1 {
					a.lines[k] = []pt{{other[0].x + cut.x, low}, {other[1].x + cut.x, low}}
				}
			}
		}
	}
	return arrows
}

// clearTurn moves a curved arrow (a turn round a joint) further out from
// the centre it turns round, until most of it is out of the near body,
// its head carried with its end: drawn under the body, the Pelvic Tilt's
// turn was a dash of four dots. An arrow that only clears the body far
// from where the figure draws it (more than maxTurnGrowth times as far
// from its centre) stays where it is, over the body: the Knee Sway's arc
// over the thighs, seen from above, grown to clear them, ended at the
// neck.
func (l layout) clearTurn(a *dotArrow, shaft int, near func(pt) bool) {
	ln := a.lines[shaft]
	c, ok := circumcentre(ln[0], ln[len(ln)/2], ln[len(ln)-1])
	if !ok {
		return
	}
	hidden := func(pts []pt) float64 {
		in, all := 0, 0
		for k := 1; k < len(pts); k++ {
			thinLine(pts[k-1], pts[k], 1<<20, 1<<20, func(i int) {
				all++
				if near(pt{float64(i%(1<<20)) + 0.5, float64(i/(1<<20)) + 0.5}) {
					in++
				}
			})
		}
		if all == 0 {
			return 0
		}
		return float64(in) / float64(all)
	}
	if hidden(ln) <= 0.3 {
		return
	}
	best, bestK := ln, 1.0
	for k := 1.15; k <= maxTurnGrowth; k += 0.15 {
		grown := make([]pt, len(ln))
		for i, p := range ln {
			grown[i] = pt{c.x + (p.x-c.x)*k, c.y + (p.y-c.y)*k}
		}
		if hidden(grown) <= 0.3 {
			best, bestK = grown, k
			break
		}
	}
	if bestK == 1 {
		return
	}
	end := ln[len(ln)-1]
	d := pt{best[len(best)-1].x - end.x, best[len(best)-1].y - end.y}
	a.lines[shaft] = best
	a.heads[0][0] = pt{a.heads[0][0].x + d.x, a.heads[0][0].y + d.y}
	a.heads[0][1] = pt{a.heads[0][1].x + d.x, a.heads[0][1].y + d.y}
}

// maxTurnGrowth is how much further out from its centre clearTurn may
// move a turn arrow.
const maxTurnGrowth = 1.6

// circumcentre is the centre of the circle through three points; false
// when they lie on a line.
func circumcentre(a, b, c pt) (pt, bool) {
	d := 2 * (a.x*(b.y-c.y) + b.x*(c.y-a.y) + c.x*(a.y-b.y))
	if math.Abs(d) < 1e-9 {
		return pt{}, false
	}
	a2, b2, c2 := a.x*a.x+a.y*a.y, b.x*b.x+b.y*b.y, c.x*c.x+c.y*c.y
	return pt{(a2*(b.y-c.y) + b2*(c.y-a.y) + c2*(a.y-b.y)) / d, (a2*(c.x-b.x) + b2*(a.x-c.x) + c2*(b.x-a.x)) / d}, true
}

// thinLine calls set for the dots of a line from a to b one dot across
// (Bresenham's: one dot a step along the line's longer direction).
func thinLine(a, b pt, w, h int, set func(i int)) {
	x0, y0 := int(math.Floor(a.x)), int(math.Floor(a.y))
	x1, y1 := int(math.Floor(b.x)), int(math.Floor(b.y))
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := 1, 1
	if x0 > x1 {
		sx = -1
	}
	if y0 > y1 {
		sy = -1
	}
	e := dx + dy
	for {
		if x0 >= 0 && y0 >= 0 && x0 < w && y0 < h {
			set(y0*w + x0)
		}
		if x0 == x1 && y0 == y1 {
			return
		}
		// A step may go across and down at once: a line at 45° is a
		// diagonal of single dots, not a staircase two dots thick (the
		// strokes of a head, a reach along the body).
		e2 := 2 * e
		if e2 >= dy {
			e += dy
			x0 += sx
		}
		if e2 <= dx {
			e += dx
			y0 += sy
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// thinArrows clears arrow dots that make a square of four (two dots
// across, two down), where a shaft meets its head or two strokes cross:
// a spot, thicker than the rest of the arrow. Of the four it clears a dot
// of the shaft before one of the head, and of those the one with the most
// arrow dots round it, which the line does not need.
func thinArrows(dots []dotKind, head []bool, w, h int) {
	arrowAt := func(x, y int) bool {
		return x >= 0 && y >= 0 && x < w && y < h && dots[y*w+x] == arrowDot
	}
	around := func(x, y int) int {
		n := 0
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				if (dx != 0 || dy != 0) && arrowAt(x+dx, y+dy) {
					n++
				}
			}
		}
		return n
	}
	for y := 0; y+1 < h; y++ {
		for x := 0; x+1 < w; x++ {
			if !arrowAt(x, y) || !arrowAt(x+1, y) || !arrowAt(x, y+1) || !arrowAt(x+1, y+1) {
				continue
			}
			best, score := -1, -1
			for _, d := range [4][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				i := (y+d[1])*w + x + d[0]
				sc := around(x+d[0], y+d[1])
				if !head[i] {
					sc += 10
				}
				if sc > score {
					best, score = i, sc
				}
			}
			dots[best] = noDot
		}
	}
}

// edge reports whether the dot at x, y is on the edge of its shape: a
// dot beside it (not across a corner) is of another kind. A far limb is
// drawn lighter inside its edge, which keeps its outline whole.
func edge(dots []dotKind, w, h, x, y int) bool {
	k := dots[y*w+x]
	for _, d := range [4][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
		nx, ny := x+d[0], y+d[1]
		if nx < 0 || ny < 0 || nx >= w || ny >= h || dots[ny*w+nx] != k {
			return true
		}
	}
	return false
}

// drawFloor draws the floor row: a line wherever a floor is, a double
// line where a mat lies on it. Nothing else is drawn in it there: what is
// under the floor line is under the floor.
func (l layout) drawFloor(row []cell) {
	for cx := range row {
		// The stretch of the drawing this cell covers.
		a := l.min.X + (float64(cx*2)-l.offX)/l.scale
		b := l.min.X + (float64(cx*2+2)-l.offX)/l.scale
		mid := (a + b) / 2
		on := func(spans []span) bool {
			for _, s := range spans {
				if mid >= s.x0 && mid <= s.x1 {
					return true
				}
			}
			return false
		}
		switch {
		case on(l.mats):
			row[cx] = cell{matGlyph, matCell}
		case on(l.floors):
			row[cx] = cell{floorGlyph, floorCell}
		}
	}
}

// outline marks the cells a prop's outline crosses. A mat's outline is
// cut to the frame (what lies beyond it is drawn along its edge), so that
// it always shows round the body.
func (l layout) outline(s figure.Shape, clip bool, cells []bool) {
	if len(s.Points) == 0 {
		return
	}
	pts := make([]pt, len(s.Points))
	for i, p := range s.Points {
		x, y := l.dot(p)
		pts[i] = pt{x, y}
	}
	closed := s.Closed || len(pts) > 2
	if clip && closed {
		bottom := float64(l.rows*4) - 0.5
		if l.floor {
			bottom = float64(l.above*4) - 0.5
		}
		pts = clipPolygon(pts, 0.5, 0.5, float64(l.cols*2)-0.5, bottom)
	}
	if len(pts) == 0 {
		return
	}
	if closed {
		pts = append(pts, pts[0])
	}
	mark := func(x, y float64) {
		cx, cy := int(math.Floor(x/2)), int(math.Floor(y/4))
		if cx >= 0 && cx < l.cols && cy >= 0 && cy < l.rows {
			cells[cy*l.cols+cx] = true
		}
	}
	for k := 1; k < len(pts); k++ {
		a, b := pts[k-1], pts[k]
		n := int(math.Ceil(math.Hypot(b.x-a.x, b.y-a.y)*2)) + 1
		for i := 0; i <= n; i++ {
			t := float64(i) / float64(n)
			mark(a.x+(b.x-a.x)*t, a.y+(b.y-a.y)*t)
		}
	}
}

// clipPolygon cuts a polygon to the box x0..x1, y0..y1 (Sutherland and
// Hodgman: one side of the box at a time).
func clipPolygon(poly []pt, x0, y0, x1, y1 float64) []pt {
	sides := []struct {
		in  func(p pt) bool
		cut func(a, b pt) pt
	}{
		{func(p pt) bool { return p.x >= x0 }, func(a, b pt) pt { return lerpX(a, b, x0) }},
		{func(p pt) bool { return p.x <= x1 }, func(a, b pt) pt { return lerpX(a, b, x1) }},
		{func(p pt) bool { return p.y >= y0 }, func(a, b pt) pt { return lerpY(a, b, y0) }},
		{func(p pt) bool { return p.y <= y1 }, func(a, b pt) pt { return lerpY(a, b, y1) }},
	}
	for _, sd := range sides {
		var out []pt
		for i, cur := range poly {
			prev := poly[(i+len(poly)-1)%len(poly)]
			switch {
			case sd.in(cur) && !sd.in(prev):
				out = append(out, sd.cut(prev, cur), cur)
			case sd.in(cur):
				out = append(out, cur)
			case sd.in(prev):
				out = append(out, sd.cut(prev, cur))
			}
		}
		poly = out
		if len(poly) == 0 {
			break
		}
	}
	return poly
}

func lerpX(a, b pt, x float64) pt {
	t := (x - a.x) / (b.x - a.x)
	return pt{x, a.y + (b.y-a.y)*t}
}

func lerpY(a, b pt, y float64) pt {
	t := (y - a.y) / (b.y - a.y)
	return pt{a.x + (b.x-a.x)*t, y}
}

// drawFrames draws the frames of a movement in at most cols x rows cells,
// together as large as they fit and each in the same place: in a view of
// their own, or in two (splitViews).
func drawFrames(ds []*figure.Drawing, cols, rows int) []frame {
	fs, _ := drawViews(ds, cols, rows)
	return fs
}

// withoutMatSides leaves out the edges of a mat seen from a little
// above (figure.MatSide): in cells, the mat is already a strip of two
// lines, and its edge would be a third.
func withoutMatSides(ds []*figure.Drawing) []*figure.Drawing {
	out := make([]*figure.Drawing, len(ds))
	for i, d := range ds {
		c := *d
		c.Shapes = nil
		for _, s := range d.Shapes {
			if s.Part != figure.MatSide {
				c.Shapes = append(c.Shapes, s)
			}
		}
		out[i] = &c
	}
	return out
}

// drawViews draws as drawFrames does, and says where each view drawn is
// in the frames (the same in every frame): one box for a pose seen in
// one view, or whose first view goes alone; two for two views.
func drawViews(ds []*figure.Drawing, cols, rows int) ([]frame, []viewBox) {
	if len(ds) == 0 {
		return nil, nil
	}
	views := splitViews(withoutMatSides(ds))
	for i := range views {
		views[i] = alignFrames(views[i])
	}
	if len(views) == 2 {
		return drawPair(views[0], views[1], cols, rows)
	}
	l, ok := newLayout(views[0], cols, rows)
	if !ok {
		return nil, nil
	}
	fs := l.drawAll(views[0])
	return fs, []viewBox{{0, 0, l.cols, l.rows}}
}

// shapeGap is how far apart the outlines of two shapes are, in drawing
// units: the least distance between their strokes (or a closed shape's
// inside), less the two shapes' half widths; 0 or less where they touch.
func shapeGap(a, b figure.Shape) float64 {
	pa, pb := shapePts(a), shapePts(b)
	best := math.Inf(1)
	ra, rb := halfWidth(a), halfWidth(b)
	in := func(p pt, s figure.Shape, ps []pt) bool {
		return s.Closed && len(s.Points) > 2 && inside(p, ps[:len(ps)-1])
	}
	for _, p := range pa {
		if in(p, b, pb) {
			return -rb
		}
		best = min(best, polyDist(p, pb))
	}
	for _, p := range pb {
		if in(p, a, pa) {
			return -ra
		}
		best = min(best, polyDist(p, pa))
	}
	// Two strokes that cross.
	for i := 1; i < len(pa); i++ {
		for k := 1; k < len(pb); k++ {
			if segmentsCross(pa[i-1], pa[i], pb[k-1], pb[k]) {
				return -min(ra, rb)
			}
		}
	}
	return best - ra - rb
}

// shapePts is a shape's points as a line in drawing units, a closed
// shape's back to its first.
func shapePts(s figure.Shape) []pt {
	out := make([]pt, 0, len(s.Points)+1)
	for _, p := range s.Points {
		out = append(out, pt{p.X, p.Y})
	}
	if s.Closed && len(out) > 2 {
		out = append(out, out[0])
	}
	return out
}

// polyDist is the distance from p to a line of points (one point: to it).
func polyDist(p pt, ln []pt) float64 {
	if len(ln) == 1 {
		return math.Hypot(p.x-ln[0].x, p.y-ln[0].y)
	}
	best := math.Inf(1)
	for k := 1; k < len(ln); k++ {
		best = min(best, segDist(p, ln[k-1], ln[k]))
	}
	return best
}

// segmentsCross reports whether the segments a-b and c-d cross.
func segmentsCross(a, b, c, d pt) bool {
	side := func(p, q, r pt) float64 { return (q.x-p.x)*(r.y-p.y) - (q.y-p.y)*(r.x-p.x) }
	d1, d2 := side(c, d, a), side(c, d, b)
	d3, d4 := side(a, b, c), side(a, b, d)
	return (d1 > 0) != (d2 > 0) && (d3 > 0) != (d4 > 0)
}

// bitCount is how many dots a braille cell's bits set.
func bitCount(m rune) int {
	n := 0
	for ; m != 0; m &= m - 1 {
		n++
	}
	return n
}
