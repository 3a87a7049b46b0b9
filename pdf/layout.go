package pdf

import (
	"fmt"
	"strings"

	"backcare"
	"backcare/figure"
)

// The chart is set on a grid of two columns: every standing or kneeling
// pose is a row with its picture in the left column and its name, dose
// and steps in the right one, their tops level; a lying pose is a row of
// its own across both, its name above the picture and its steps under it
// in the same two columns. The tick sheet is a band of its own across the
// foot of the last page, on the same columns, above the footer.

// grid is the page's two columns: the pictures' and the text's.
type grid struct {
	figW         float64 // the picture column, from the margin
	textX, textW float64 // the text column
}

// newGrid is the grid of a page with a text column textW wide.
func (c *chart) newGrid(textW float64) grid {
	W := c.doc.w - 2*margin
	return grid{figW: W - colGap - textW, textX: margin + W - textW, textW: textW}
}

// textWidths are the widths of the text column the layout tries: the
// narrowest leaves the pictures the most room.
var textWidths = []float64{60, 64, 68, 72, 76, 80, 84}

// narrowTextW is a narrower text column a chart of several pages may
// take when it saves a page: wide pictures of a standing pose stay beside
// their steps.
const narrowTextW = 54.0

// picture is a pose's drawing, every frame side by side, and the scale
// the chart drew it at before the pictures grew.
type picture struct {
	dr *figure.Drawing
	// stacked, for a pose that moves, is its frames one above the other,
	// for a column too narrow to show them side by side as large.
	stacked *figure.Drawing
	// base is the scale, in mm per standing height, at which one view of
	// one frame fits the old box.
	base   float64
	frames int
	// lying: one view of one frame is much wider than tall, a body along
	// the floor, which gets a row across the page.
	lying bool
}

// newPicture lays out a pose's frames and finds their base scale. A
// figure of two views ("far side and front") counts each view as one
// old picture.
func newPicture(f backcare.Figure, frames []*figure.Drawing) picture {
	one := frames[0]
	views := 1.0
	if strings.Contains(f.View, " and ") {
		views = 2
	}
	w, h := (one.Max.X-one.Min.X)/views, one.Max.Y-one.Min.Y
	pic := picture{dr: figure.Sequence(frames), base: min(oldBoxW/w, oldBoxH/h), frames: len(frames), lying: w >= lyingAspect*h}
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
	// sideBelow: in a wide row, the side note has a line of its own under
	// the name.
	sideBelow bool
	dose      [][]run
	steps     [][][]run
	split     int // wide: steps[:split] in the left column, the rest right
	feel      [][]run
	headH     float64 // wide: the name and dose above the picture
	h         float64
}

// sideNote follows the name of a pose done on each side: which side its
// picture shows, or the one side the routine plays.
func sideNote(e backcare.Entry) string {
	if e.Side == backcare.Left || e.Side == backcare.Right {
		return string(e.Side) + " side only"
	}
	return "right side shown"
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
	if !c.noFeel && e.Pose.Feel != "" {
		feel = []run{{bold: true, text: "You should feel: "}, {text: e.Pose.Feel}}
	}
	// need is twice the old size, or as large as the page allows when
	// even across it the picture cannot be drawn that large.
	need := minGrowth * pic.base
	if pic.stacked != nil {
		need = min(need, max(c.across(pic.dr, 1e9), c.across(pic.stacked, 1e9)))
	} else {
		need = min(need, c.across(pic.dr, 1e9))
	}
	// A lying pose across the page, its frames side by side, when that
	// draws it large enough.
	if s := c.across(pic.dr, max(growth, wideGrowth)*pic.base); pic.lying && s >= need-1e-9 {
		return c.wideRow(i, e, pic, pic.dr, 1, s, need, feel)
	}
	// Else its picture column, frames stacked when they must be; across
	// the page when that draws it clearly larger, side by side where
	// that is large enough, else stacked.
	r := c.besideRow(i, e, pic, growth, feel)
	r.need = need
	want := growth * pic.base
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
	W := c.doc.w - 2*margin
	dw, dh := size(dr)
	return min(want, (W-2*figPad)/dw, (figMaxH-2*figPad)/dh)
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
		s := min(growth*pic.base, (g.figW-2*figPad)/dw, (figMaxH-2*figPad)/dh)
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
	r.dose = c.flow([]run{{bold: true, text: doseLine(e)}}, w, bodySize)
	r.steps = c.steps(e, g.textW)
	r.feel = c.flow(feel, w, bodySize)
	r.h = max(r.panelH, c.besideTextH(r, e))
	return r
}

// besideTextH is the height of a beside row's text column.
func (c *chart) besideTextH(r row, e backcare.Entry) float64 {
	h := float64(len(r.name))*nameH + float64(len(r.dose))*lineH + 1 + lines(r.steps)*lineH
	if e.Pose.Sided {
		h += lineH
	}
	if len(r.feel) > 0 {
		h += 1.5 + float64(len(r.feel))*lineH
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
const stepIndent = 6.0

// lines counts the lines of flowed steps.
func lines(steps [][][]run) float64 {
	n := 0
	for _, s := range steps {
		n += len(s)
	}
	return float64(n)
}

// wideRow is a row across the page: the name and dose on the columns'
// first line, the picture across both, the steps under it in the two
// columns, whole steps in order, as evenly as they go.
func (c *chart) wideRow(i int, e backcare.Entry, pic picture, dr *figure.Drawing, frames int, scale, need float64, feel []run) row {
	g := c.grid
	W := c.doc.w - 2*margin
	_, dh := size(dr)
	r := row{wide: true, dr: dr, frames: frames, base: pic.base, need: need, scale: scale, panelW: W, panelH: dh*scale + 2*figPad}
	r.name = c.flow([]run{{bold: true, text: poseName(i, e)}}, g.figW-cellMargin, nameSize)
	left := float64(len(r.name)) * nameH
	if e.Pose.Sided {
		last := r.name[len(r.name)-1]
		if cellMargin+c.doc.stringWidth(last[0].text, nameSize, true)+3+c.doc.stringWidth(sideNote(e), bodySize, false) > g.figW-cellMargin {
			r.sideBelow = true
			left += lineH
		}
	}
	r.dose = c.flow([]run{{bold: true, text: doseLine(e)}}, g.textW-cellMargin, bodySize)
	right := float64(len(r.dose)-1)*lineH + nameH
	r.headH = max(left, right) + 0.5

	leftSteps := c.steps(e, g.figW)
	rightSteps := c.steps(e, g.textW)
	// The split that makes the taller column shortest; of those, the one
	// with the fewest lines, the steps broken least.
	best, bestSum := -1.0, 0.0
	for k := 1; k <= len(leftSteps); k++ {
		l, r2 := lines(leftSteps[:k]), lines(rightSteps[k:])
		if h := max(l, r2); best < 0 || h < best || (h == best && l+r2 < bestSum) {
			best, bestSum, r.split = h, l+r2, k
		}
	}
	r.steps = append(append([][][]run{}, leftSteps[:r.split]...), rightSteps[r.split:]...)
	r.feel = c.flow(feel, W-cellMargin, bodySize)
	r.h = r.headH + r.panelH + 2 + best*lineH
	if len(r.feel) > 0 {
		r.h += 1.5 + float64(len(r.feel))*lineH
	}
	return r
}

// arrange chooses the grid, the pictures' sizes and what the chart leaves
// out, and lays out every pose's row. On one page if it can, every
// picture at least minGrowth times its old size: lying ones first as wide
// as fits, so that they weigh as much as the standing ones beside their
// steps, then the others as large as still fits. When that does not fit,
// what each pose should feel like is left off the page (the app has it)
// to make room, and then the last sentences of the routine's purpose, one
// by one (a clinic's handout starts it with the clinician's note); a
// routine too long for one page even so takes several, with every picture
// at its largest.
func (c *chart) arrange(pics []picture) []row {
	lying := false
	for _, p := range pics {
		lying = lying || p.lying
	}
	type level struct {
		noFeel bool
		cut    int
	}
	levels := []level{{false, 0}, {true, 0}}
	for n := 1; n <= len(sentences(c.r.Purpose)); n++ {
		levels = append(levels, level{true, n})
	}
	for _, level := range levels {
		c.noFeel, c.cut = level.noFeel, level.cut
		var best []row
		bestTW, bestG, bestW := 0.0, 0.0, 0.0
		for _, tw := range textWidths {
			c.grid = c.newGrid(tw)
			var g, gw float64
			if lying {
				gw = c.largest(pics, minGrowth, c.wideMost(pics), func(k float64) (float64, float64) { return minGrowth, k })
				g = c.largest(pics, minGrowth, maxGrowth, func(k float64) (float64, float64) { return k, gw })
			} else {
				g = c.largest(pics, minGrowth, maxGrowth, func(k float64) (float64, float64) { return k, k })
				gw = g
			}
			if g == 0 || gw == 0 {
				continue
			}
			// The wider lying pictures win, then the larger others.
			if best == nil || gw > bestW+0.005 || (gw > bestW-0.005 && g > bestG+0.005) {
				best, bestTW, bestG, bestW = c.rows(pics, g, gw), tw, g, gw
			}
		}
		if best != nil {
			c.grid = c.newGrid(bestTW)
			return best
		}
	}
	// Several pages: every picture at its largest, on the grid that takes
	// the fewest pages, and lying pictures as wide as they go without
	// taking more.
	c.noFeel, c.cut = false, 0
	pages := func(wideGrowth float64) int {
		n, _ := c.paginate(c.rows(pics, maxGrowth, wideGrowth))
		return n
	}
	bestPages, bestTW := 0, textWidths[0]
	for _, tw := range append([]float64{narrowTextW}, textWidths...) {
		c.grid = c.newGrid(tw)
		if n := pages(maxGrowth); bestPages == 0 || n < bestPages {
			bestPages, bestTW = n, tw
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
	return c.rows(pics, maxGrowth, lo)
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

// largest is the largest k between lo and hi at which the routine fits on
// one page, with the pictures drawn at(k) times their old size (the
// standing ones, then the lying ones), or 0 when none does.
func (c *chart) largest(pics []picture, lo, hi float64, at func(k float64) (growth, wideGrowth float64)) float64 {
	fits := func(k float64) bool {
		g, gw := at(k)
		rows := c.rows(pics, g, gw)
		if !grown(rows) {
			return false
		}
		n, _ := c.paginate(rows)
		return n == 1
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

// paginate says on which page each row goes and where its top is: rows in
// order, a new page when the next does not fit, and the last row on a page
// with room under it for the tick sheet.
func (c *chart) paginate(rows []row) (pages int, at []box) {
	pages = 1
	y := c.headerH()
	bandTop := c.bottom() - c.bandH()
	for i, r := range rows {
		limit := c.bottom()
		if i == len(rows)-1 {
			limit = bandTop - blockGap
		}
		if y+r.h > limit && y > marginY {
			pages++
			y = marginY
		}
		at = append(at, box{page: pages, x: margin, y: y, w: c.doc.w - 2*margin, h: r.h})
		y += r.h + blockGap
	}
	return pages, at
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
}

// place draws every row on its page, and the tick sheet under the last.
func (c *chart) place(rows []row) {
	_, at := c.paginate(rows)
	for i, e := range c.r.Entries {
		for c.doc.pageCount() < at[i].page {
			c.doc.addPage()
		}
		// A rule under every row followed by another on its page or by
		// the tick sheet: the footer has its own.
		rule := i == len(rows)-1 || at[i+1].page == at[i].page
		c.pose(i, e, rows[i], at[i], rule)
	}
	c.tickSheet()
}

// pose writes one pose's row in its box.
func (c *chart) pose(i int, e backcare.Entry, r row, at box, rule bool) {
	d := c.doc
	g := c.grid
	top := at.y
	p := placed{id: e.Pose.ID, wide: r.wide, scale: r.scale, base: r.base, feel: len(r.feel) > 0, row: at, stacks: r.frames}
	dw, dh := size(r.dr)
	p.w = dw * r.scale
	p.h = (dh - float64(r.frames-1)*stackGap) / float64(r.frames) * r.scale

	if r.wide {
		// The name, the side shown and the dose on the columns' first line.
		c.drawAt(r.name, margin, top, nameSize, nameH, ink)
		if e.Pose.Sided {
			c.setFont(false, bodySize)
			c.colour(soft)
			y := top + float64(len(r.name)-1)*nameH + baseline(nameH, nameSize) - baseline(lineH, bodySize)
			x := margin + c.doc.stringWidth(r.name[len(r.name)-1][0].text, nameSize, true) + 3
			if r.sideBelow {
				y, x = top+float64(len(r.name))*nameH, margin
			}
			c.cell(x, y, g.textW, lineH, sideNote(e), "L")
		}
		c.drawAt(r.dose, g.textX, top+baseline(nameH, nameSize)-baseline(lineH, bodySize), bodySize, lineH, accent)
		y := top + r.headH
		p.panel = box{page: d.pageCount(), x: margin, y: y, w: r.panelW, h: r.panelH}
		c.panel(r, p.panel, e.Pose.Figure.IsZero())
		y += r.panelH + 2
		p.textX, p.textY = g.textX, y
		c.stepList(r.steps[:r.split], 0, margin, y)
		c.stepList(r.steps[r.split:], r.split, g.textX, y)
		c.draw(r.feel, margin, top+r.h-float64(len(r.feel))*lineH, bodySize, ink)
	} else {
		p.panel = box{page: d.pageCount(), x: margin, y: top, w: r.panelW, h: r.panelH}
		c.panel(r, p.panel, e.Pose.Figure.IsZero())
		x, y := g.textX, top
		p.textX, p.textY = x, y
		c.drawAt(r.name, x, y, nameSize, nameH, ink)
		y += float64(len(r.name)) * nameH
		if e.Pose.Sided {
			// The figure shows the right side (the left is its mirror),
			// or the one side the routine plays.
			c.setFont(false, bodySize)
			c.colour(soft)
			c.cell(x, y-0.6, g.textW, lineH, sideNote(e), "L")
			y += lineH
		}
		c.drawAt(r.dose, x, y, bodySize, lineH, accent)
		y += float64(len(r.dose))*lineH + 1
		y = c.stepList(r.steps, 0, x, y)
		c.draw(r.feel, x, y+1.5, bodySize, ink)
	}
	c.placed = append(c.placed, p)
	if rule {
		y := top + r.h + blockGap/2
		d.stroke(ruleLine)
		d.lineWidth(0.2)
		d.line(margin, y, d.w-margin, y)
	}
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
	c.figure(r.dr, b.x+figPad, b.y+figPad, b.w-2*figPad, b.h-2*figPad)
}

// stepList writes numbered steps from (x, y) down and returns where
// they end.
func (c *chart) stepList(steps [][][]run, first int, x, y float64) float64 {
	for n, s := range steps {
		c.setFont(true, bodySize)
		c.colour(accent)
		c.cell(x, y, stepIndent, lineH, fmt.Sprintf("%d.", first+n+1), "L")
		c.draw(s, x+stepIndent, y, bodySize, ink)
		y += float64(len(s)) * lineH
	}
	return y
}

// howOften is the line that heads the tick sheet, flowed in w.
func (c *chart) howOften(w float64) [][]run {
	often := c.o.Often
	if h := c.o.Handout; often == "" && h != nil {
		often = h.Often()
		if h.Clinic != "" {
			often = strings.TrimSuffix(often, ": tick a box each day you do it.") + ", as " + h.Clinic + " asks: tick a box each day you do it."
		}
	}
	if often == "" {
		often = Often
	}
	return c.flow([]run{{bold: true, text: "How often? "}, {text: often}}, w-cellMargin, bodySize)
}

// writeLines are the labels beside the tick grid: a name, the start date
// and a clinician's note, which goes on over one more line.
var writeLines = []string{"Name", "Started on", "Note from your clinician"}

// filled is what a clinic's handout writes for a label, w wide, and
// whether it goes beside the label: the patient's name after "Name"
// (under it, when too long to go beside), the clinician's note on the
// lines under its label; nil for nothing.
func (c *chart) filled(label string, w float64) (lines [][]run, beside bool) {
	h := c.o.Handout
	if h == nil {
		return nil, false
	}
	switch label {
	case "Name":
		if h.Patient == "" {
			return nil, false
		}
		name := []run{{bold: true, text: h.Patient}}
		if lines := c.flow(name, w-c.labelW(label)-cellMargin, bodySize); len(lines) == 1 {
			return lines, true
		}
		return c.flow(name, w-cellMargin, bodySize), false
	case "Note from your clinician":
		if note := strings.Join(strings.Fields(h.Note), " "); note != "" {
			return c.flow([]run{{text: note}}, w-cellMargin, bodySize), false
		}
	}
	return nil, false
}

// labelW is the room a label takes before its line.
func (c *chart) labelW(label string) float64 {
	c.setFont(false, bodySize)
	return c.width(label) + 3
}

// writeHeights is the height each label takes: a line to write on after
// it (the note one more under it), or the patient's name beside it, or
// the clinician's note under it.
func (c *chart) writeHeights(w float64) []float64 {
	hs := make([]float64, len(writeLines))
	for i, l := range writeLines {
		f, beside := c.filled(l, w)
		switch {
		case beside:
			hs[i] = writeH
		case f != nil:
			hs[i] = writeH + float64(len(f))*lineH
		case i == len(writeLines)-1:
			hs[i] = 2 * writeH
		default:
			hs[i] = writeH
		}
	}
	return hs
}

// writeH is the room for one line to write on.
const writeH = 5.5

// weekLabelW is the room for "Week 1" before a row of boxes.
const weekLabelW = 16.0

// tickGridW and tickGridH are the size of the day numbers and two weeks
// of boxes.
const (
	tickGridW = weekLabelW + 7*boxSize
	tickGridH = lineH + 2*boxSize + 1.5
)

// bandH is the height of the tick sheet's band.
func (c *chart) bandH() float64 {
	left := max(float64(len(c.howOften(c.oftenW())))*lineH, tickGridH)
	right := 0.0
	for _, h := range c.writeHeights(c.grid.textW) {
		right += h
	}
	return max(left, right)
}

// oftenW is the width of the tick sheet's "How often?", before the grid
// in the picture column.
func (c *chart) oftenW() float64 { return c.grid.figW - tickGridW - colGap }

// tickSheet writes, across the foot of the last page above the footer,
// how often to do the routine and a two-week grid of boxes to tick in the
// picture column, and lines for a name, the start date and a clinician's
// note in the text column.
func (c *chart) tickSheet() {
	d := c.doc
	g := c.grid
	h := c.bandH()
	y := c.bottom() - h
	c.band = box{page: d.pageCount(), x: margin, y: y, w: d.w - 2*margin, h: h}
	c.draw(c.howOften(c.oftenW()), margin, y, bodySize, ink)
	c.tickGrid(margin+g.figW-tickGridW, y)
	c.writeOn(g.textX, y, g.textW)
}

// tickGrid writes the two weeks of boxes to tick with (x, y) at the top
// left of the day numbers.
func (c *chart) tickGrid(x, y float64) {
	d := c.doc
	c.setFont(false, bodySize)
	c.colour(soft)
	for i := 0; i < 7; i++ {
		n := fmt.Sprintf("%d", i+1)
		// Each number centred over its box.
		c.cell(x+weekLabelW+float64(i)*boxSize+boxSize/2-c.width(n)/2-cellMargin, y, boxSize, lineH, n, "L")
	}
	for wk := 0; wk < 2; wk++ {
		by := y + lineH + float64(wk)*(boxSize+0.75)
		c.setFont(false, bodySize)
		c.colour(ink)
		c.cell(x, by, weekLabelW, boxSize, fmt.Sprintf("Week %d", wk+1), "L")
		d.stroke(soft)
		d.lineWidth(0.3)
		for i := 0; i < 7; i++ {
			bx := x + weekLabelW + float64(i)*boxSize
			d.roundedPath(bx+0.6, by+0.6, boxSize-1.2, boxSize-1.2, 0.8)
			d.op("S")
		}
	}
}

// writeOn writes the lines for a name, the start date and a clinician's
// note from (x, y), w wide: each label with a line after it to write on
// (the note one more under it), or what a handout fills in.
func (c *chart) writeOn(x, y, w float64) {
	d := c.doc
	hs := c.writeHeights(w)
	for n, label := range writeLines {
		c.setFont(false, bodySize)
		c.colour(ink)
		c.cell(x, y, w, writeH, label, "L")
		lx := x + c.labelW(label)
		top := y + (writeH-lineH)/2 // a line of text level with the label
		switch f, beside := c.filled(label, w); {
		case beside:
			c.draw(f, lx, top, bodySize, ink)
		case f != nil && label == "Name":
			// A name is no paragraph: each of its lines on its own.
			for i, line := range f {
				c.draw([][]run{line}, x, top+float64(i+1)*lineH, bodySize, ink)
			}
		case f != nil:
			c.draw(f, x, top+lineH, bodySize, accent) // the clinician's words, apart from the label
		default:
			d.stroke(ruleLine)
			d.lineWidth(0.3)
			d.line(lx, y+writeH-1, x+w, y+writeH-1)
			if hs[n] > writeH {
				d.line(x+cellMargin, y+2*writeH-1, x+w, y+2*writeH-1)
			}
		}
		y += hs[n]
	}
}
