package pdf

import (
	"fmt"
	"math"
	"strings"

	"backcare"
	"backcare/figure"
	"backcare/programme"
)

// The chart is set on a grid of two columns: every standing or kneeling
// pose is a row with its picture in the left column and its name, dose
// and steps in the right one, their tops level; a lying pose is a row of
// its own, its picture in the left column with its name and dose beside it
// (or across both columns, its name above it, when it is drawn wider), and
// its steps under it in the same two columns, the first holding the larger
// half; or, where that is shorter, its name and dose above the picture in
// the left column and its steps beside both in the right one. The tick sheet is a band of its own right under the last pose, on
// the same columns, above the footer.

// grid is the page's two columns: the pictures' and the text's.
type grid struct {
	figW         float64 // the picture column, from the margin
	textX, textW float64 // the text column
}

// newGrid is the grid of a page with a text column textW wide.
func (c *chart) newGrid(textW float64) grid {
	W := c.doc.w - 2*c.mx
	return grid{figW: W - colGap - textW, textX: c.mx + W - textW, textW: textW}
}

// textWidths are the widths of the text column the layout tries: the
// narrowest leaves the pictures the most room.
var textWidths = []float64{60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 80, 82, 84}

// narrowTextW is a narrower text column a chart of several pages may
// take when it saves a page: wide pictures of a standing pose stay beside
// their steps.
const narrowTextW = 56.0

// picture is a pose's drawing, every frame side by side, and the scale
// the chart drew it at before the pictures grew.
type picture struct {
	dr *figure.Drawing
	// stacked, for a pose that moves, is its frames one above the other,
	// for a column too narrow to show them side by side as large.
	stacked *figure.Drawing
	// base is the scale, in mm per standing height, at which one view of
	// one frame fits the old box.
	base float64
	// old, for a built-in pose, is the scale the old chart drew it at
	// (oldSizes): when that is larger than base, the picture is never
	// drawn smaller than minGrowth times it.
	old    float64
	frames int
	// lying: one view of one frame is much wider than tall, a body along
	// the floor, which gets a row across the page.
	lying bool
}

// at is the scale a picture is drawn at growth times its old size: growth
// times its base, and never smaller than minGrowth times the old chart's
// own scale for it.
func (p picture) at(growth float64) float64 { return max(growth*p.base, minGrowth*p.old) }

// newPicture lays out a pose's frames and finds their base scale. A
// figure of two views ("far side and front") counts each view as one
// old picture; a built-in pose is never based smaller than the old chart
// drew it (oldSizes).
func newPicture(id string, f backcare.Figure, frames []*figure.Drawing) picture {
	one := frames[0]
	views := 1.0
	if strings.Contains(f.View, " and ") {
		views = 2
	}
	w, h := (one.Max.X-one.Min.X)/views, one.Max.Y-one.Min.Y
	pic := picture{dr: figure.Sequence(frames), base: min(oldBoxW/w, oldBoxH/h), frames: len(frames), lying: w >= lyingAspect*h}
	if old, ok := oldSizes[id]; ok {
		// The old chart's scale, or the one at which the lowest frame is
		// as tall as the old picture was.
		low := h
		for _, fr := range frames {
			low = min(low, fr.Max.Y-fr.Min.Y)
		}
		pic.old = max(old.scale, old.h/low)
	}
	if len(frames) > 1 {
		pic.stacked = stack(frames)
	}
	return pic
}

// row is one pose's block as laid out.
type row struct {
	wide   bool // across the page: the name above, the steps under
	dr     *figure.Drawing
	frames int // how many frames are stacked one above the other
	base   float64
	scale  float64 // mm per standing height
	need   float64 // the least scale it may be drawn at
	panelW float64
	panelH float64
	name   [][]run // at nameSize
	dose   [][]run
	steps  [][][]run
	// split: in a wide row, steps[:split] go in the left column and the
	// rest in the right one; with the name beside the picture, either
	// all the steps go beside it (split is their number), or none does
	// (split is 0), and under the picture steps[:underSplit] go in the
	// left column and the rest in the right one.
	split, underSplit int
	feel              [][]run
	// headBeside: in a wide row, the picture fits the picture column and
	// the name and dose go beside it.
	headBeside bool
	// headAbove: in a wide row whose picture fits the picture column, the
	// name and dose go above the picture in that column and every step
	// beside them in the text column, from the row's top.
	headAbove bool
	headH     float64 // wide: the name, dose and picture, above the steps (beside: where the steps under it start)
	h         float64
	// pad is the room its text needs under the row when a rule to
	// another row follows: textPad less what the row has already.
	pad float64
	// newPage: the row starts a page, as pack chose.
	newPage bool
}

// sideNote follows the name of a pose done on each side: which side its
// picture shows, or the one side the routine plays.
func sideNote(e backcare.Entry) string {
	if e.Side == backcare.Left || e.Side == backcare.Right {
		return string(e.Side) + " side only"
	}
	return "each side, right side shown"
}

// shownSide is the side a sided pose's picture shows: the one side the
// routine plays, or the right.
func shownSide(e backcare.Entry) backcare.Side {
	if !e.Pose.Sided {
		return backcare.NoSide
	}
	if e.Side == backcare.Left {
		return backcare.Left
	}
	return backcare.Right
}

// poseName is a pose's number and name, as its block is headed.
func poseName(i int, e backcare.Entry) string { return fmt.Sprintf("%d  %s", i+1, e.Pose.Name) }

// plan lays out a pose's row with its picture drawn growth times its base
// scale, or smaller where its column is too narrow; a lying pose is drawn
// across the page, wideGrowth times, as far as the page's width allows.
func (c *chart) plan(i int, e backcare.Entry, pic picture, growth, wideGrowth float64) row {
	var feel []run
	if !c.text.noFeel && e.Pose.Feel != "" {
		feel = []run{{bold: true, text: "You should feel: "}, {text: e.Pose.Feel}}
	}
	// need is twice the old size, or as large as the page allows when
	// even across it the picture cannot be drawn that large.
	need := pic.at(minGrowth)
	if pic.stacked != nil {
		need = min(need, max(c.across(pic.dr, 1e9), c.across(pic.stacked, 1e9)))
	} else {
		need = min(need, c.across(pic.dr, 1e9))
	}
	// A lying pose across the page, its frames side by side, when that
	// draws it large enough.
	if s := c.across(pic.dr, pic.at(max(growth, wideGrowth))); pic.lying && s >= need-1e-9 {
		return c.wideRow(i, e, pic, pic.dr, 1, s, need, feel)
	}
	// Else its picture column, frames stacked when they must be; across
	// the page when that draws it clearly larger, side by side where
	// that is large enough, else stacked.
	r := c.besideRow(i, e, pic, growth, feel)
	r.need = need
	want := pic.at(growth)
	if s := c.across(pic.dr, want); s > 1.03*r.scale {
		return c.wideRow(i, e, pic, pic.dr, 1, s, need, feel)
	}
	if pic.stacked != nil {
		if s := c.across(pic.stacked, want); s > 1.03*r.scale {
			return c.wideRow(i, e, pic, pic.stacked, pic.frames, s, need, feel)
		}
	}
	return r
}

// across is the scale, at most want, at which a drawing fits across the
// page.
func (c *chart) across(dr *figure.Drawing, want float64) float64 {
	W := c.doc.w - 2*c.mx
	dw, dh := size(dr)
	return min(want, (W-2*figPadX)/dw, (figMaxH-2*figPad)/dh)
}

// size is a drawing's width and height in standing heights.
func size(dr *figure.Drawing) (w, h float64) { return dr.Max.X - dr.Min.X, dr.Max.Y - dr.Min.Y }

// besideRow is a row with the picture in the left column and the text in
// the right one.
func (c *chart) besideRow(i int, e backcare.Entry, pic picture, growth float64, feel []run) row {
	g := c.grid
	var r row
	for n, dr := range []*figure.Drawing{pic.dr, pic.stacked} {
		if dr == nil {
			continue
		}
		dw, dh := size(dr)
		s := min(pic.at(growth), (g.figW-2*figPadX)/dw, (figMaxH-2*figPad)/dh)
		// Frames stacked only when that draws them clearly larger.
		if r.dr == nil || s > 1.03*r.scale {
			r = row{dr: dr, scale: s, frames: 1}
			if n == 1 {
				r.frames = pic.frames
			}
		}
	}
	_, dh := size(r.dr)
	r.base = pic.base
	r.panelW, r.panelH = g.figW, dh*r.scale+2*figPad
	w := g.textW - cellMargin
	r.name = c.flow([]run{{bold: true, text: poseName(i, e)}}, w, nameSize)
	r.dose = c.doseLines(e)
	r.steps = c.steps(e, g.textW)
	r.feel = c.flow(feel, w, bodySize)
	th := c.besideTextH(r, e)
	r.h = max(r.panelH, th)
	r.pad = max(0, th+textPad-r.h)
	return r
}

// besideTextH is the height of a beside row's text column.
func (c *chart) besideTextH(r row, e backcare.Entry) float64 {
	h := c.headH(e, r) + 1 + lines(r.steps)*lineH
	if len(r.feel) > 0 {
		h += 1.5 + float64(len(r.feel))*lineH
	}
	return h
}

// headH is the height of a pose's name, the side shown on a line of its
// own, and its dose, as poseHead writes them.
func (c *chart) headH(e backcare.Entry, r row) float64 {
	h := float64(len(r.name))*nameH + float64(len(r.dose))*lineH
	if e.Pose.Sided {
		h += lineH
	}
	return h
}

// steps flows a pose's numbered steps for a column w wide.
func (c *chart) steps(e backcare.Entry, w float64) [][][]run {
	// The layout asks for the same steps in the same widths many times.
	k := stepsKey{e.Pose.ID, w}
	if out, ok := c.stepped[k]; ok {
		return out
	}
	var out [][][]run
	for _, s := range e.Pose.Steps {
		out = append(out, c.flow([]run{{text: s}}, w-stepIndent-cellMargin, bodySize))
	}
	if c.stepped == nil {
		c.stepped = map[stepsKey][][][]run{}
	}
	c.stepped[k] = out
	return out
}

// stepsKey is what a pose's flowed steps depend on.
type stepsKey struct {
	pose string
	w    float64
}

// stepIndent is the room for a step's number.
const stepIndent = 5.0

// lines counts the lines of flowed steps.
func lines(steps [][][]run) float64 {
	n := 0
	for _, s := range steps {
		n += len(s)
	}
	return float64(n)
}

// wideRow is a row across the page for a picture much wider than tall:
// the picture in the picture column with the name and dose beside it when
// it fits there, else the name and dose on the columns' first line and
// the picture across both; the steps under it in the two columns.
func (c *chart) wideRow(i int, e backcare.Entry, pic picture, dr *figure.Drawing, frames int, scale, need float64, feel []run) row {
	g := c.grid
	W := c.doc.w - 2*c.mx
	dw, dh := size(dr)
	r := row{wide: true, dr: dr, frames: frames, base: pic.base, need: need, scale: scale, panelW: W, panelH: dh*scale + 2*figPad}
	if dw*scale+2*figPadX <= g.figW+1e-9 {
		return c.besideWide(i, e, r, feel)
	}
	r.name = c.flow([]run{{bold: true, text: poseName(i, e)}}, g.figW-cellMargin, nameSize)
	// The name, the side shown and the dose over the picture, one under
	// the other as on every row.
	r.dose = c.doseLines(e)
	r.headH = c.headH(e, r) + 0.5 + r.panelH

	// The steps in two columns that read down the first, then the second:
	// the first holds the larger half, so that neither column can be read
	// as coming first by its height alone (a lone last step at the top of
	// the second column reads as if it came before the first column's end).
	leftSteps := c.steps(e, g.figW)
	rightSteps := c.steps(e, g.textW)
	r.split = (len(leftSteps) + 1) / 2
	r.steps = append(append([][][]run{}, leftSteps[:r.split]...), rightSteps[r.split:]...)
	stepsH := max(lines(leftSteps[:r.split]), lines(rightSteps[r.split:])) * lineH
	r.feel = c.flow(feel, W-cellMargin, bodySize)
	r.h = r.headH + 2 + stepsH
	if len(r.feel) > 0 {
		r.h += 1.5 + float64(len(r.feel))*lineH
	}
	r.pad = textPad
	return r
}

// besideWide lays out a wide row whose picture fits the picture column:
// the name, the side shown and the dose beside the picture, as in a
// standing pose's row, and the steps all beside them or all under the
// whole block across the page; or the name and dose above the picture and
// every step beside both, whichever row is the shortest. Text and picture
// never share a column's
// stretch: the steps once ran on from the text column to under the
// picture, the third to fifth under it beside the second.
func (c *chart) besideWide(i int, e backcare.Entry, r row, feel []run) row {
	g := c.grid
	W := c.doc.w - 2*c.mx
	r.headBeside, r.panelW = true, g.figW
	w := g.textW - cellMargin
	r.name = c.flow([]run{{bold: true, text: poseName(i, e)}}, w, nameSize)
	r.dose = c.doseLines(e)
	head := c.headH(e, r)
	beside := c.steps(e, g.textW)
	r.feel = c.flow(feel, W-cellMargin, bodySize)
	feelH := 0.0
	if len(r.feel) > 0 {
		feelH = 1.5 + float64(len(r.feel))*lineH
	}
	// Every step beside the picture, under the name and dose, or every
	// step under the whole block, in the two columns as under a picture
	// across the page, whichever makes the row the shorter. Never some
	// beside and the rest under the picture: the text ran on under the
	// picture's foot while the column beside it still held steps.
	end := head + 1 + lines(beside)*lineH
	r.split, r.headH, r.h = len(beside), end, max(r.panelH, end)
	r.pad = max(0, end+textPad-r.h)
	r.steps = beside
	// Under the block, the first column holds at least half the steps
	// (a second column holding more reads as if it came first), as many
	// as make the row the shortest.
	left, right := c.steps(e, g.figW), beside
	top := max(r.panelH, head) + 2
	for under := (len(left) + 1) / 2; under <= len(left) && len(left) > 0; under++ {
		if h := top + max(lines(left[:under]), lines(right[under:]))*lineH; h+textPad < r.h+r.pad-1e-9 {
			r.split, r.underSplit, r.headH, r.h, r.pad = 0, under, top, h, textPad
			r.steps = append(append([][][]run{}, left[:under]...), right[under:]...)
		}
	}
	// Or the name and dose above the picture in its column, and every
	// step beside the two in the text column from the row's top: a
	// picture much wider than tall leaves the text column beside it
	// nearly empty under a name and dose set there, and its steps under
	// it take a row of their own (the article's chart took a second page
	// of Letter so).
	if above := max(head+0.5+r.panelH, lines(beside)*lineH); above+textPad < r.h+r.pad-1e-9 {
		r.split, r.underSplit, r.headAbove, r.headBeside = len(beside), 0, true, false
		r.headH, r.h = head+0.5, above
		r.pad = max(0, lines(beside)*lineH+textPad-r.h)
		r.steps = beside
	}
	if feelH > 0 {
		r.h, r.pad = r.h+feelH, textPad
	}
	return r
}

// textPad is the room kept under text that ends a row, above the rule
// to the next row, on top of the room a picture keeps: text reads as
// running into a rule sooner than a panel does. The tick sheet's rule is
// that far from the last row already.
const textPad = 1.5

// arrange chooses the margins, the grid and the pictures' sizes, and lays
// out every pose's row. On one page if it can, every picture at least
// minGrowth times its old size: with the widest margins at which that
// fits, then lying pictures first as wide as fits, so that they weigh as
// much as the standing ones beside their steps, then the others as large
// as still fits, on a grid whose headings do not wrap where one can (at
// narrower margins, if that is what it takes). A
// routine too long for one page even so takes several, at the widest
// margins, with every picture at its largest.
func (c *chart) arrange(pics []picture) []row {
	// The roomiest footer and note on which the routine fits one page:
	// the small print on a line of its own where the page has room for
	// it, else set into the footer's rule; three lines to write a note on,
	// else two.
	// A roomier footer never costs the margins: the first variant that
	// fits at keepMargin or wider, else the first that fits at all.
	for _, least := range []float64{keepMargin, minMargin} {
		for _, v := range roomVariants {
			c.fineInRule, c.noteLines = v.fineInRule, v.noteLines
			if c.note(c.grid.textW) != nil && v.noteLines < maxNoteLines {
				continue // a note printed: no lines to write it on
			}
			if rows := c.arrangeOne(pics); rows != nil && c.mx >= least-1e-9 {
				return rows
			}
		}
	}
	// Several pages: the roomiest that takes no more pages than the
	// leanest.
	lean := roomVariants[len(roomVariants)-1]
	c.fineInRule, c.noteLines = lean.fineInRule, lean.noteLines
	rows := c.arrangeSeveral(pics)
	least, _, _ := c.paginate(rows)
	for _, v := range roomVariants[:len(roomVariants)-1] {
		c.fineInRule, c.noteLines = v.fineInRule, v.noteLines
		if alt := c.arrangeSeveral(pics); c.pages(alt) <= least {
			return c.pack(pics, c.wide)
		}
	}
	c.fineInRule, c.noteLines = lean.fineInRule, lean.noteLines
	c.arrangeSeveral(pics)
	return c.pack(pics, c.wide)
}

// keepMargin is the least margin arrange gives up a roomier footer or a
// third line for a note to keep: the small print on a line of its own
// once took the article's Letter chart down to 8.5 mm.
const keepMargin = 9.0

// pages is how many pages rows take.
func (c *chart) pages(rows []row) int {
	n, _, _ := c.paginate(rows)
	return n
}

// roomVariants are the footers and notes arrange tries, the roomiest
// first.
var roomVariants = []struct {
	fineInRule bool
	noteLines  int
}{{false, maxNoteLines}, {false, minNoteLines}, {true, maxNoteLines}, {true, minNoteLines}}

// arrangeOne lays the routine out on one page, as arrange says, or
// returns nil when it does not fit one.
func (c *chart) arrangeOne(pics []picture) []row {
	// The widest margins at which no heading wraps, else the widest at
	// which the routine fits at all.
	fit := 0.0
	for m := maxMargin; m >= minMargin-1e-9; m -= 0.5 {
		c.setMargins(m)
		ok, unwrapped := c.fitsSmallest(pics)
		if unwrapped {
			fit = m
			break
		}
		if ok && fit == 0 {
			fit = m
		}
	}
	if fit > 0 {
		c.setMargins(fit)
		return c.onePage(pics)
	}
	return nil
}

// arrangeSeveral lays the routine out over several pages, as arrange
// says.
func (c *chart) arrangeSeveral(pics []picture) []row {
	// Several pages, at the widest margins that take no more pages and
	// draw no picture smaller than the narrowest margins do: a picture as
	// wide as the page loses none of its size to them.
	c.setMargins(minMargin)
	narrow := c.severalPages(pics)
	narrowPages, _, _ := c.paginate(narrow)
	for m := maxMargin; m > minMargin+1e-9; m -= 0.5 {
		c.setMargins(m)
		rows := c.severalPages(pics)
		n, _, _ := c.paginate(rows)
		ok := n <= narrowPages
		for i, r := range rows {
			ok = ok && r.scale >= 0.995*narrow[i].scale
		}
		if ok {
			return rows
		}
	}
	c.setMargins(minMargin)
	return c.severalPages(pics)
}

// severalPages lays the routine out over several pages at the current
// margins: every picture at its largest, on the grid that takes the fewest
// pages (of those, one whose headings do not wrap), and lying pictures as
// wide as they go without taking more.
func (c *chart) severalPages(pics []picture) []row {
	pages := func(wideGrowth float64) int {
		n, _, _ := c.paginate(c.rows(pics, maxGrowth, wideGrowth))
		return n
	}
	bestPages, bestTW, bestWrap := 0, textWidths[0], false
	for _, tw := range append([]float64{narrowTextW}, textWidths...) {
		c.grid = c.newGrid(tw)
		wrap := wraps(c.rows(pics, maxGrowth, maxGrowth))
		if n := pages(maxGrowth); bestPages == 0 || n < bestPages || (n == bestPages && bestWrap && !wrap) {
			bestPages, bestTW, bestWrap = n, tw, wrap
		}
	}
	c.grid = c.newGrid(bestTW)
	lo, hi := maxGrowth, c.wideMost(pics)
	if pages(hi) <= bestPages {
		lo = hi
	}
	for hi-lo > 0.01 {
		if mid := (lo + hi) / 2; pages(mid) <= bestPages {
			lo = mid
		} else {
			hi = mid
		}
	}
	c.wide = lo
	return c.rows(pics, maxGrowth, lo)
}

// pack lays a routine of several pages out page by page, in order, no
// pose split over two pages: where each page starts is chosen over the
// whole routine, for the fewest pages and then the least room left empty
// at the foot of every page but the last (the sum of its squares, so
// that no page is left much emptier than the others), with the pictures
// on each page as large as still fit it, from packLeast times their old
// size to packMost (a lying one as much larger as wide is than
// maxGrowth). Each pose once went on at full size to the next page when
// it did not fit the room left, which left pages some 40% empty.
func (c *chart) pack(pics []picture, wide float64) []row {
	chosen := c.grid
	best, pages, empty := c.packOn(pics, wide)
	for _, tw := range append([]float64{narrowTextW}, textWidths...) {
		c.grid = c.newGrid(tw)
		if rows, n, e := c.packOn(pics, wide); rows != nil && (best == nil || n < pages || (n == pages && e < empty-1e-9)) {
			best, pages, empty, chosen = rows, n, e, c.grid
		}
	}
	c.grid = chosen
	if best == nil {
		// Some picture cannot be drawn minGrowth times its old size on
		// any grid: each at its largest, as the page allows.
		return c.rows(pics, maxGrowth, wide)
	}
	return best
}

// packOn is pack on the current grid, with the pages it takes and the
// room it leaves empty, or nil when some picture cannot be drawn
// minGrowth times its old size on it.
func (c *chart) packOn(pics []picture, wide float64) ([]row, int, float64) {
	// The rows at each size tried, on this grid.
	c.packed = map[packKey]row{}
	defer func() { c.packed = nil }()
	n := len(pics)
	type plan struct {
		pages int
		empty float64
		end   int     // the first pose of the next page
		g     float64 // the pictures' growth on this page
	}
	best := make([]plan, n+1) // best[n]: no pose left, no page
	for first := n - 1; first >= 0; first-- {
		top := c.pageTop()
		if first == 0 {
			top = c.headerH()
		}
		best[first] = plan{pages: -1}
		for last := first + 1; last <= n; last++ {
			if !c.fitsPage(pics, first, last, top, packLeast, wide) {
				break
			}
			g := c.pageGrowth(pics, first, last, top, wide)
			empty := 0.0
			if last < n {
				empty = math.Pow(1-(c.pageEnd(pics, first, last, top, g, wide)-top)/(c.bottom()-top), 2)
			}
			p := plan{pages: 1 + best[last].pages, empty: empty + best[last].empty, end: last, g: g}
			if b := best[first]; b.pages < 0 || p.pages < b.pages || (p.pages == b.pages && p.empty < b.empty-1e-9) {
				best[first] = p
			}
		}
		if best[first].pages < 0 {
			return nil, 0, 0
		}
	}
	var out []row
	for first := 0; first < n; first = best[first].end {
		for i := first; i < best[first].end; i++ {
			r := c.packRow(pics, i, best[first].g, wide)
			r.newPage = i == first && first > 0
			out = append(out, r)
		}
	}
	return out, best[0].pages, best[0].empty
}

// packLeast and packMost are the least and the most pack draws a page's
// pictures, times their old size (a lying one as packRow says): smaller
// than a chart of several pages drew them before (maxGrowth), to fit one
// more pose on a page, yet with room over minGrowth, as today's drawings
// reach further than the old ones did (arrows, a second frame), and as
// large as fills the page.
const (
	packLeast = 2.25
	packMost  = 3.0
)

// pageGrowth is the largest growth, up to packMost, at which the poses
// first to last (not included) fit a page from top.
func (c *chart) pageGrowth(pics []picture, first, last int, top, wide float64) float64 {
	lo, hi := packLeast, packMost
	if c.fitsPage(pics, first, last, top, hi, wide) {
		return hi
	}
	for hi-lo > 0.02 {
		if mid := (lo + hi) / 2; c.fitsPage(pics, first, last, top, mid, wide) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// pageEnd is where the poses first to last (not included) end, set from
// top down as packRow lays them out at g.
func (c *chart) pageEnd(pics []picture, first, last int, top, g, wide float64) float64 {
	y := top
	for i := first; i < last; i++ {
		r := c.packRow(pics, i, g, wide)
		if i > first {
			y += blockGap
		}
		y += r.h
		if i < last-1 {
			y += r.pad
		}
	}
	return y
}

// packRow is pose i's row as pack lays it out on a page whose pictures
// it draws g times their old size: one across the page for lying on the
// floor never narrower than a chart of several pages drew it before
// (wide), and as much larger as wide is than maxGrowth.
func (c *chart) packRow(pics []picture, i int, g, wide float64) row {
	k := packKey{i, g}
	if r, ok := c.packed[k]; ok {
		return r
	}
	growth, wideGrowth := g, max(g, wide, wide*g/maxGrowth)
	r := c.plan(i, c.r.Entries[i], pics[i], growth, wideGrowth)
	if c.packed != nil {
		c.packed[k] = r
	}
	return r
}

// packKey is a row packRow laid out: the pose and its page's growth.
type packKey struct {
	i int
	g float64
}

// fitsPage reports whether the poses first to last (not included) fit one
// page from top down, laid out by packRow at g, and the
// tick sheet under the routine's last pose. One pose alone always fits,
// as paginate places it, when its picture is drawn at least as large as
// it must be.
func (c *chart) fitsPage(pics []picture, first, last int, top, g, wide float64) bool {
	y := top
	for i := first; i < last; i++ {
		r := c.packRow(pics, i, g, wide)
		if r.scale < r.need-1e-9 {
			return false
		}
		limit := c.bottom()
		if i == len(pics)-1 {
			limit -= bandGap + c.bandH() + footGap
		}
		// A pose alone on a page taller than it goes on at the least
		// size, never larger.
		if y+r.h > limit && (i > first || g > packLeast+1e-9) {
			return false
		}
		y += r.h + blockGap + r.pad
	}
	return true
}

// setMargins sets the page's margins and lays out the footer in the width
// they leave.
func (c *chart) setMargins(m float64) {
	c.mx, c.my = m, m
	c.footerLines()
}

// onePage lays the routine out on one page at the current margins, the
// pictures as large as fits, or returns nil when it does not fit.
func (c *chart) onePage(pics []picture) []row {
	lying := false
	for _, p := range pics {
		lying = lying || p.lying
	}
	var best []row
	bestTW, bestG, bestW, bestWrap := 0.0, 0.0, 0.0, false
	for _, tw := range textWidths {
		c.grid = c.newGrid(tw)
		var g, gw float64
		if lying {
			gw = c.largest(pics, minGrowth, c.wideMost(pics), func(k float64) (float64, float64) { return minGrowth, k })
			if gw == 0 {
				continue
			}
			g = c.largest(pics, minGrowth, maxGrowth, func(k float64) (float64, float64) { return k, gw })
		} else {
			g = c.largest(pics, minGrowth, maxGrowth, func(k float64) (float64, float64) { return k, k })
			gw = g
		}
		if g == 0 || gw == 0 {
			continue
		}
		rows := c.rows(pics, g, gw)
		wrap := wraps(rows)
		// Headings that do not wrap win, then the wider lying pictures,
		// then the larger others.
		better := best == nil || (bestWrap && !wrap) ||
			(wrap == bestWrap && (gw > bestW+0.005 || (gw > bestW-0.005 && g > bestG+0.005)))
		if better {
			best, bestTW, bestG, bestW, bestWrap = rows, tw, g, gw, wrap
		}
	}
	if best != nil {
		c.grid = c.newGrid(bestTW)
	}
	return best
}

// wraps reports whether any pose's name takes more than one line.
func wraps(rows []row) bool {
	for _, r := range rows {
		if len(r.name) > 1 {
			return true
		}
	}
	return false
}

// textLevel is what a chart leaves out to fit one page: what each pose
// should feel like (the app shows it), then the routine's purpose.
type textLevel struct{ noFeel, noPurpose bool }

// textLevels are the levels from the fullest to the leanest.
var textLevels = []textLevel{{false, false}, {true, false}, {true, true}}

// chooseText is the fullest text the routine's charts carry on every
// paper: the fullest at which it fits one page of A4 and one of Letter,
// leaving out of the reckoning a paper on which even the leanest takes
// several. It reckons with the blank chart, so that a handout says the
// same as the routine's chart does.
func (c *chart) chooseText(pics []picture) textLevel {
	r := c.r
	regular, bold := c.doc.fonts[0], c.doc.fonts[len(c.doc.fonts)-1]
	charts := make([]*chart, len(Papers))
	for i, p := range Papers {
		paper, _ := paperSize(p)
		// The small print set into the footer's rule and two lines to
		// write a note on, as when the page has no room for more.
		charts[i] = &chart{r: r, doc: newDoc(paper[0], paper[1], regular, bold), flowed: c.flowed, stepped: c.stepped,
			fineInRule: true, noteLines: minNoteLines}
	}
	lean := textLevels[len(textLevels)-1]
	for _, l := range textLevels {
		ok := true
		for _, c := range charts {
			if !c.fitsAt(pics, l) && c.fitsAt(pics, lean) {
				ok = false
				break
			}
		}
		if ok {
			return l
		}
	}
	return lean
}

// fitsAt reports whether the chart fits one page at some margin and grid
// with the text of level l and every picture at least minGrowth times its
// old size: at the narrowest margins, if at any.
func (c *chart) fitsAt(pics []picture, l textLevel) bool {
	c.text = l
	c.setMargins(minMargin)
	ok, _ := c.fitsSmallest(pics)
	return ok
}

// fitsSmallest reports whether the routine fits one page at the current
// margins with every picture minGrowth times its old size on some grid,
// and whether it does on one whose headings do not wrap.
func (c *chart) fitsSmallest(pics []picture) (ok, unwrapped bool) {
	for _, tw := range textWidths {
		c.grid = c.newGrid(tw)
		rows := c.rows(pics, minGrowth, minGrowth)
		if !grown(rows) {
			continue
		}
		if n, _, _ := c.paginate(rows); n == 1 {
			ok = true
			if !wraps(rows) {
				return true, true
			}
		}
	}
	return ok, false
}

// grown reports whether every picture is drawn at least minGrowth times
// its old size: a picture column too narrow draws some smaller.
func grown(rows []row) bool {
	for _, r := range rows {
		if r.scale < r.need-1e-9 {
			return false
		}
	}
	return true
}

// wideMost is the largest growth any lying picture may be drawn at: as
// wide as the page.
func (c *chart) wideMost(pics []picture) float64 {
	most := maxGrowth
	for _, p := range pics {
		if p.lying {
			most = max(most, c.across(p.dr, 1e9)/p.base)
		}
	}
	return most
}

// rows lays out every pose at a growth, lying ones at wideGrowth.
func (c *chart) rows(pics []picture, growth, wideGrowth float64) []row {
	rows := make([]row, len(pics))
	for i, e := range c.r.Entries {
		rows[i] = c.plan(i, e, pics[i], growth, wideGrowth)
	}
	return rows
}

// fits reports whether the routine fits on one page with its pictures
// drawn at growth times their old size, the lying ones at wideGrowth.
func (c *chart) fits(pics []picture, growth, wideGrowth float64) bool {
	rows := c.rows(pics, growth, wideGrowth)
	if !grown(rows) {
		return false
	}
	n, _, _ := c.paginate(rows)
	return n == 1
}

// largest is the largest k between lo and hi at which the routine fits on
// one page, with the pictures drawn at(k) times their old size (the
// standing ones, then the lying ones), or 0 when none does.
func (c *chart) largest(pics []picture, lo, hi float64, at func(k float64) (growth, wideGrowth float64)) float64 {
	fits := func(k float64) bool {
		g, gw := at(k)
		return c.fits(pics, g, gw)
	}
	if fits(hi) {
		return hi
	}
	if !fits(lo) {
		return 0
	}
	for hi-lo > 0.01 {
		mid := (lo + hi) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// paginate says on which page each row goes and where its top is, and
// where the tick sheet goes: rows in order, a new page when the next does
// not fit, and the tick sheet right under the last row, which goes on
// with it to a new page when the two do not fit.
func (c *chart) paginate(rows []row) (pages int, at []box, band box) {
	pages = 1
	y := c.headerH()
	top := c.pageTop()
	bh := c.bandH()
	for i, r := range rows {
		limit := c.bottom()
		if i == len(rows)-1 {
			limit -= bandGap + bh + footGap
		}
		if (r.newPage || y+r.h > limit) && y > top {
			pages++
			y = top
		}
		at = append(at, box{page: pages, x: c.mx, y: y, w: c.doc.w - 2*c.mx, h: r.h})
		y += r.h + blockGap + r.pad
	}
	y += bandGap - blockGap - rows[len(rows)-1].pad
	return pages, at, box{page: pages, x: c.mx, y: y, w: c.doc.w - 2*c.mx, h: bh}
}

// placed is where a pose's picture and text went, for the tests: its
// scale in mm per standing height, the drawing's width and the height of
// one frame in mm, its panel and the box of its row.
type placed struct {
	id     string
	wide   bool
	scale  float64
	w, h   float64
	base   float64
	feel   bool
	row    box
	panel  box
	textX  float64 // where the text column starts (a wide row's right steps)
	textY  float64 // the top of the text column's first line (a wide row's steps)
	stacks int
	// beside: a wide row's name and dose beside its picture; split and
	// steps: how many of its steps the first column holds, of how many.
	beside       bool
	above        bool // a wide row's name and dose above its picture, its steps beside both
	split, steps int
	// stepAt is where each step went, in order: its number's left edge,
	// its top and its height.
	stepAt []box
	// nameAt and doseAt are where its name and its dose went: their left
	// edge, top and height.
	nameAt, doseAt box
}

// place draws every row on its page, and the tick sheet under the last.
// Every page spreads the room left at its foot, up to maxSpread a gap,
// over the gaps between its rows (and the tick sheet, on a page of its
// own), so that it does not end on an empty stretch above the footer; the
// last of several keeps the tick sheet right under its last pose.
func (c *chart) place(rows []row) {
	pages, at, band := c.paginate(rows)
	for p := 1; p <= pages; p++ {
		var on []int // the rows on page p
		for i := range at {
			if at[i].page == p {
				on = append(on, i)
			}
		}
		if len(on) == 0 {
			continue
		}
		last := on[len(on)-1]
		left := c.bottom() - (at[last].y + rows[last].h + rows[last].pad)
		gaps := len(on) - 1
		if p == pages {
			if pages > 1 {
				continue // the tick sheet right under the last pose
			}
			left = c.bottom() - footGap - (band.y + band.h)
			gaps++
		}
		if gaps == 0 {
			continue
		}
		extra := max(0, min(maxSpread, left/float64(gaps)))
		for j, i := range on {
			at[i].y += float64(j) * extra
		}
		if p == pages {
			band.y += float64(len(on)) * extra
		}
	}
	for i, e := range c.r.Entries {
		for c.doc.pageCount() < at[i].page {
			c.doc.addPage()
		}
		// A rule under every row followed by another on its page, in the
		// middle of the room between its text and the next row, or by the
		// tick sheet: the footer has its own.
		rule := 0.0
		if i == len(rows)-1 {
			rule = band.y - at[i].y - ruleOverBand
		} else if at[i+1].page == at[i].page {
			rule = (rows[i].h + rows[i].pad + at[i+1].y - at[i].y) / 2
		}
		c.pose(i, e, rows[i], at[i], rule)
	}
	c.tickSheet(band)
}

// maxSpread is the most room place adds to a gap between rows.
const maxSpread = 4.0

// pose writes one pose's row in its box, and a rule that far under its
// top unless that is 0.
func (c *chart) pose(i int, e backcare.Entry, r row, at box, rule float64) {
	d := c.doc
	g := c.grid
	top := at.y
	p := placed{id: e.Pose.ID, wide: r.wide, scale: r.scale, base: r.base, feel: len(r.feel) > 0, row: at, stacks: r.frames,
		beside: r.headBeside, split: r.split, steps: len(r.steps)}
	first := len(c.stepAt)
	dw, dh := size(r.dr)
	p.w = dw * r.scale
	p.h = (dh - float64(r.frames-1)*stackGap) / float64(r.frames) * r.scale

	if r.wide && r.headAbove {
		// The name and dose over the picture in its column, the steps
		// beside them both.
		c.poseHead(e, r, c.mx, top)
		p.panel = box{page: d.pageCount(), x: c.mx, y: top + r.headH, w: r.panelW, h: r.panelH}
		c.panel(r, p.panel, e.Pose.Figure.IsZero())
		p.textX, p.textY, p.above = g.textX, top, true
		c.stepList(r.steps, 0, g.textX, top)
		c.draw(r.feel, c.mx, top+r.h-float64(len(r.feel))*lineH, bodySize, ink)
	} else if r.wide && r.headBeside {
		p.panel = box{page: d.pageCount(), x: c.mx, y: top, w: r.panelW, h: r.panelH}
		c.panel(r, p.panel, e.Pose.Figure.IsZero())
		y := c.poseHead(e, r, g.textX, top)
		p.textX, p.textY = g.textX, y+1
		c.stepList(r.steps[:r.split], 0, g.textX, y+1)
		if r.split == 0 {
			c.stepList(r.steps[:r.underSplit], 0, c.mx, top+r.headH)
			c.stepList(r.steps[r.underSplit:], r.underSplit, g.textX, top+r.headH)
		}
		c.draw(r.feel, c.mx, top+r.h-float64(len(r.feel))*lineH, bodySize, ink)
	} else if r.wide {
		// The name, the side shown and the dose over the picture.
		c.poseHead(e, r, c.mx, top)
		y := top + r.headH - r.panelH
		p.panel = box{page: d.pageCount(), x: c.mx, y: y, w: r.panelW, h: r.panelH}
		c.panel(r, p.panel, e.Pose.Figure.IsZero())
		y += r.panelH + 2
		p.textX, p.textY = g.textX, y
		c.stepList(r.steps[:r.split], 0, c.mx, y)
		c.stepList(r.steps[r.split:], r.split, g.textX, y)
		c.draw(r.feel, c.mx, top+r.h-float64(len(r.feel))*lineH, bodySize, ink)
	} else {
		p.panel = box{page: d.pageCount(), x: c.mx, y: top, w: r.panelW, h: r.panelH}
		c.panel(r, p.panel, e.Pose.Figure.IsZero())
		x := g.textX
		p.textX, p.textY = x, top
		y := c.poseHead(e, r, x, top)
		y = c.stepList(r.steps, 0, x, y+1)
		c.draw(r.feel, x, y+1.5, bodySize, ink)
	}
	p.stepAt = c.stepAt[first:]
	p.nameAt, p.doseAt = c.nameAt, c.doseAt
	c.placed = append(c.placed, p)
	if rule > 0 {
		y := top + rule
		d.stroke(ruleLine)
		d.lineWidth(0.2)
		d.line(c.mx, y, d.w-c.mx, y)
		c.rules = append(c.rules, box{page: d.pageCount(), x: c.mx, y: y, w: d.w - 2*c.mx})
	}
}

// poseHead writes a pose's name, the side its picture shows and its dose
// from (x, y) down in the text column, and returns where they end.
func (c *chart) poseHead(e backcare.Entry, r row, x, y float64) float64 {
	c.nameAt = box{page: c.doc.pageCount(), x: x, y: y, h: float64(len(r.name)) * nameH}
	c.drawAt(r.name, x, y, nameSize, nameH, ink)
	y += float64(len(r.name)) * nameH
	if e.Pose.Sided {
		// The figure shows the right side (the left is its mirror), or
		// the one side the routine plays.
		c.setFont(false, bodySize)
		c.colour(soft)
		c.cell(x, y-0.6, c.grid.textW, lineH, sideNote(e), "L")
		y += lineH
	}
	c.doseAt = box{page: c.doc.pageCount(), x: x, y: y, h: float64(len(r.dose)) * lineH}
	c.drawAt(r.dose, x, y, bodySize, lineH, accent)
	return y + float64(len(r.dose))*lineH
}

// baseline is where text at size sits in a line lh tall, as cell sets it.
func baseline(lh, size float64) float64 { return lh/2 + 0.3*size/k }

// panel draws a row's picture on its tinted panel. A pose without a
// picture (blank) gets the panel with a plain line saying so, not a
// figure its steps do not describe.
func (c *chart) panel(r row, b box, blank bool) {
	c.doc.fill(panel)
	c.doc.roundedRect(b.x, b.y, b.w, b.h, 2)
	if blank {
		c.colour(soft)
		for n, line := range []string{"No picture", "Follow the steps"} {
			c.setFont(n == 0, bodySize)
			c.cell(b.x+(b.w-c.width(line))/2-cellMargin, b.y+b.h/2+float64(n-1)*lineH, c.width(line)+2*cellMargin, lineH, line, "L")
		}
		return
	}
	c.figure(r.dr, b.x+figPadX, b.y+figPad, b.w-2*figPadX, b.h-2*figPad)
}

// stepList writes numbered steps from (x, y) down and returns where
// they end.
func (c *chart) stepList(steps [][][]run, first int, x, y float64) float64 {
	for n, s := range steps {
		c.setFont(true, bodySize)
		c.colour(accent)
		c.cell(x, y, stepIndent, lineH, fmt.Sprintf("%d.", first+n+1), "L")
		c.draw(s, x+stepIndent, y, bodySize, ink)
		c.stepAt = append(c.stepAt, box{page: c.doc.pageCount(), x: x, y: y, h: float64(len(s)) * lineH})
		y += float64(len(s)) * lineH
	}
	return y
}

// howOften is the line that heads the tick sheet, flowed in w.
func (c *chart) howOften(w float64) [][]run {
	return c.flow([]run{{bold: true, text: "How often? "}, {text: c.often()}}, w-cellMargin, bodySize)
}

// often is what the tick sheet says about how often: the options', else
// the handout's days a week and to tick a box each of those days, else
// as the programme plans it: the package's Often (every day) for a
// routine with stretches in it, and programme.StrengthPerWeek days a
// week for one of strength or balance alone (whose purpose says "three
// times a week": the chart said every day under it).
func (c *chart) often() string {
	if c.o.Often != "" {
		return c.o.Often
	}
	if h := c.o.Handout; h != nil && h.DaysPerWeek > 0 {
		// The clinic is named at the top of the page.
		return daysAWeek(h.DaysPerWeek)
	}
	for _, e := range c.r.Entries {
		if e.Pose.Kind == backcare.Stretch {
			return Often
		}
	}
	return daysAWeek(programme.StrengthPerWeek)
}

// daysAWeek is how often, for a routine done on n days a week.
func daysAWeek(n int) string {
	switch {
	case n >= 7:
		return "Every day: tick a box each day you do it."
	case n == 1:
		return "1 day a week: tick a box the day you do it."
	}
	return fmt.Sprintf("%d days a week: tick a box each day you do it.", n)
}

// Labels of the lines to write on.
const (
	nameLabel    = "Name"
	startedLabel = "Started on"
	noteLabel    = "Note from your clinician"
)

// writeH is the room for a label and the line after it; noteGap the room
// above the note's label when a line for a name comes first; noteLineH
// how far apart the lines to write a note on are, the first that far
// under the label's baseline, to write in a normal hand; noteLines how
// many there are, at most and at least.
const (
	writeH       = 5.5
	noteGap      = 3.0
	noteLineH    = 8.0
	maxNoteLines = 3
	minNoteLines = 2
)

// nameLine reports whether the tick sheet has a line for a name: not on a
// handout that names its patient at the top of each page.
func (c *chart) nameLine() bool {
	return c.o.Handout == nil || strings.TrimSpace(c.o.Handout.Patient) == ""
}

// note is a handout's note from the clinician flowed in w, or nil for
// lines to write one on.
func (c *chart) note(w float64) [][]run {
	if h := c.o.Handout; h != nil {
		if note := strings.Join(strings.Fields(h.Note), " "); note != "" {
			return c.flow([]run{{text: note}}, w-cellMargin, bodySize)
		}
	}
	return nil
}

// labelW is the room a label takes before its line.
func (c *chart) labelW(label string) float64 {
	c.setFont(false, bodySize)
	return c.width(label) + 3
}

// weekLabelW is the room for "Week 1" before a row of boxes; boxGap the
// room between two boxes, across and down, when the column is wide
// enough, minBoxGap the least (boxSize apart, they read as one chain);
// minOftenW the least width "How often?" keeps beside the grid.
const (
	weekLabelW = 16.0
	boxGap     = 2.0
	minBoxGap  = 1.0
	minOftenW  = 38.0
)

// tickGap is the room between the grid's boxes: boxGap, or less where
// the picture column is too narrow for that and "How often?" beside it.
func (c *chart) tickGap() float64 {
	room := (c.grid.figW - colGap - minOftenW - weekLabelW - 7*boxSize) / 6
	return max(minBoxGap, min(boxGap, room))
}

// tickGridW and tickGridH are the size of the day numbers and two weeks
// of boxes.
func (c *chart) tickGridW() float64 { return weekLabelW + 7*boxSize + 6*c.tickGap() }
func (c *chart) tickGridH() float64 { return lineH + 2*boxSize + c.tickGap() }

// leftH and rightH are the heights of the tick sheet's two columns: how
// often (and the start date, on a handout that names its patient) beside
// the boxes; the note.
func (c *chart) leftH() float64 {
	h := float64(len(c.howOften(c.oftenW()))) * lineH
	if !c.nameLine() {
		h += 1 + writeH
	}
	return max(h, c.tickGridH())
}

func (c *chart) rightH() float64 {
	if n := c.note(c.grid.textW); n != nil {
		return writeH + float64(len(n))*lineH
	}
	return c.noteRuleAt(c.noteLines) + 0.5
}

// noteRuleAt is how far under the note label's top its line i (from 1)
// to write on is drawn.
func (c *chart) noteRuleAt(i int) float64 {
	return baseline(writeH, bodySize) + float64(i)*noteLineH
}

// bandH is the height of the tick sheet's band.
func (c *chart) bandH() float64 { return max(c.leftH(), c.rightH()) }

// oftenW is the width of the tick sheet's "How often?", before the grid
// in the picture column.
func (c *chart) oftenW() float64 { return c.grid.figW - c.tickGridW() - colGap }

// tickSheet writes, in its band, how often to do the routine (and a line
// for the start date, on a handout that names its patient at the top; a
// chart with a line for a name has it beside that) and a two-week grid of
// boxes to tick in the picture column, and the clinician's note, or lines
// to write one on, in the text column.
func (c *chart) tickSheet(b box) {
	d := c.doc
	g := c.grid
	for d.pageCount() < b.page {
		d.addPage()
	}
	c.band = b
	often := c.howOften(c.oftenW())
	c.draw(often, c.mx, b.y, bodySize, ink)
	if !c.nameLine() {
		// The start date here, where the top of the page names whom the
		// chart is for; else beside the line for a name.
		c.writeLine(startedLabel, c.mx, b.y+float64(len(often))*lineH+1, c.oftenW(), writeH)
	}
	c.tickGrid(c.mx+g.figW-c.tickGridW(), b.y)
	x, y, w := g.textX, b.y, g.textW
	c.setFont(false, bodySize)
	c.colour(ink)
	c.cell(x, y, w, writeH, noteLabel, "L")
	if n := c.note(w); n != nil {
		c.draw(n, x, y+writeH-(writeH-lineH)/2, bodySize, accent) // the clinician's words, apart from the label
		return
	}
	// As many lines as the band has room for: it may be taller for the
	// start date and the grid beside.
	d.stroke(ruleLine)
	d.lineWidth(0.3)
	for i := 1; i <= maxNoteLines && y+c.noteRuleAt(i) <= b.y+b.h-0.5+1e-9; i++ {
		ly := y + c.noteRuleAt(i)
		d.line(x+cellMargin, ly, x+w, ly)
		c.noteRules = append(c.noteRules, box{page: b.page, x: x + cellMargin, y: ly, w: w - cellMargin})
	}
}

// writeLine writes a label from (x, y) with a line after it to write on,
// to x+w, in a line h tall.
func (c *chart) writeLine(label string, x, y, w, h float64) {
	d := c.doc
	c.setFont(false, bodySize)
	c.colour(ink)
	c.cell(x, y, w, h, label, "L")
	d.stroke(ruleLine)
	d.lineWidth(0.3)
	ly := y + baseline(h, bodySize) + 0.6
	d.line(x+c.labelW(label), ly, x+w, ly)
	c.writeRules = append(c.writeRules, box{page: d.curN, x: x + c.labelW(label), y: ly, w: w - c.labelW(label)})
}

// tickGrid writes the two weeks of boxes to tick with (x, y) at the top
// left of the day numbers.
func (c *chart) tickGrid(x, y float64) {
	d := c.doc
	gap := c.tickGap()
	c.setFont(false, bodySize)
	c.colour(soft)
	for i := 0; i < 7; i++ {
		n := fmt.Sprintf("%d", i+1)
		// Each number centred over its box.
		bx := x + weekLabelW + float64(i)*(boxSize+gap)
		c.cell(bx+boxSize/2-c.width(n)/2-cellMargin, y, boxSize, lineH, n, "L")
	}
	for wk := 0; wk < 2; wk++ {
		by := y + lineH + float64(wk)*(boxSize+gap)
		c.setFont(false, bodySize)
		c.colour(ink)
		c.cell(x, by, weekLabelW, boxSize, fmt.Sprintf("Week %d", wk+1), "L")
		d.stroke(soft)
		d.lineWidth(0.3)
		for i := 0; i < 7; i++ {
			bx := x + weekLabelW + float64(i)*(boxSize+gap)
			d.roundedPath(bx, by, boxSize, boxSize, 0.9)
			d.op("S")
			c.tickBoxes = append(c.tickBoxes, box{page: c.band.page, x: bx, y: by, w: boxSize, h: boxSize})
		}
	}
}
