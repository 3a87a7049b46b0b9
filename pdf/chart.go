// Package pdf prints backcare's pose charts: one or more pages a person can
// stick on the wall, with a vector figure of every pose, its dose, short
// steps, what to feel and when to stop.
//
// Text is set in DejaVu Sans Condensed and its bold, embedded as subsets of
// the glyphs used (any Unicode text the fonts cover), so the PDF needs
// nothing installed to print and its text can be selected and searched.
//
// The package writes the PDF itself (writer.go, font.go): the font is
// parsed once per process and compressors are reused, so a chart takes a
// few milliseconds, where a general PDF library spent that much on
// reading and hashing the font for every document.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"backcare"
	"backcare/figure"
)

// Papers are the paper sizes a chart can be printed on.
var Papers = []string{"a4", "letter"}

// Options say how to print a chart.
type Options struct {
	// Paper is "a4" or "letter"; empty means A4.
	Paper string
	// Now is the date printed in the footer (injected, so tests and
	// repeated runs give the same file).
	Now time.Time
	// Often says how often to do the routine; empty means the package's
	// Often.
	Often string
}

// Layout, in millimetres and points. Body text is 11 pt, so the chart
// reads from a step away when it hangs on a wall.
const (
	// margin is the space at the sides of the page, marginY at its top
	// and bottom: inside what home printers leave unprinted.
	margin    = 9.5
	marginY   = 8.0
	colGap    = 5.0
	blockGap  = 2.5
	bodySize  = 11.0
	lineH     = 4.45 // line height of body text: 11 pt set 1.15 apart
	nameSize  = 14.0
	titleSize = 20.0
	smallSize = 8.5
	// figMaxH is the tallest a figure's panel is drawn.
	figMaxH = 150.0
	figPad  = 1.0
	// oldBoxW and oldBoxH are the box every figure was fitted into before
	// the pictures grew (issue 13); minGrowth is how much larger than
	// that a picture must be drawn, maxGrowth the most. Growing every
	// picture by the same factor keeps a short figure lying on the floor
	// from outgrowing the people standing up.
	oldBoxW   = 54.0
	oldBoxH   = 42.0
	minGrowth = 2.0
	maxGrowth = 2.4
	boxSize   = 7.0 // a box to tick
	tickH     = 6 + 4 + 2*(boxSize+1) + blockGap
)

// Colours of the text and panels.
var (
	ink      = rgb{0x1f, 0x2a, 0x36}
	soft     = rgb{0x5a, 0x66, 0x72}
	accent   = rgb{0x1e, 0x5b, 0x8c}
	panel    = rgb{0xf3, 0xf1, 0xec}
	warnInk  = rgb{0x9a, 0x2b, 0x1f}
	ruleLine = rgb{0xc9, 0xc3, 0xb8}
)

type rgb struct{ r, g, b int }

// Often is what the chart says about how often to do the routine when the
// options say nothing.
const Often = "Once a day, every day: tick a box each day you do it."

// layOut builds the pages of a chart.
func layOut(r backcare.Routine, o Options) (*chart, error) {
	paper, err := paperSize(o.Paper)
	if err != nil {
		return nil, err
	}
	if len(r.Entries) == 0 {
		return nil, backcare.Errorf(backcare.EINVALID, "the routine %q has no poses to print", r.ID)
	}
	regular, err := sans()
	if err != nil {
		return nil, fmt.Errorf("pdf: chart: %w", err)
	}
	bold, err := sansBold()
	if err != nil {
		return nil, fmt.Errorf("pdf: chart: %w", err)
	}
	c := &chart{r: r, o: o}
	pics := make([]picture, len(r.Entries))
	for i, e := range r.Entries {
		side := backcare.NoSide
		if e.Pose.Sided {
			side = backcare.Right
		}
		// A pose that moves shows its start and its end, side by side.
		frames, err := figure.DrawFrames(e.Pose.Figure, side)
		if err != nil {
			return nil, fmt.Errorf("pdf: chart: figure of %s: %w", e.Pose.ID, err)
		}
		pics[i] = newPicture(e.Pose.Figure, frames)
	}
	c.doc = newDoc(paper[0], paper[1], regular, bold)
	c.setup()
	c.footerLines()
	c.y = c.headerH()
	growth := c.growth(pics)
	c.header()
	ls, host, _ := c.arrange(pics, growth)
	for i, e := range r.Entries {
		// A rule under every pose but the last when nothing follows it
		// (the tick sheet sits beside a pose): the footer has its own.
		c.pose(i, e, ls[i], i < len(r.Entries)-1 || host < 0)
	}
	if host < 0 {
		c.tickSheet()
	}
	c.footers()
	return c, nil
}

// Chart writes the pose chart of a routine as a PDF. It builds the whole
// document first, so an error leaves nothing half-written in w.
func Chart(w io.Writer, r backcare.Routine, o Options) error {
	c, err := layOut(r, o)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := c.doc.write(&buf); err != nil {
		return fmt.Errorf("pdf: chart: %w", err)
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("pdf: chart: write: %w", err)
	}
	return nil
}

// paperSize returns a paper's width and height in mm.
func paperSize(p string) ([2]float64, error) {
	switch strings.ToLower(p) {
	case "", "a4":
		return [2]float64{210, 297}, nil
	case "letter":
		return [2]float64{215.9, 279.4}, nil
	}
	return [2]float64{}, backcare.Errorf(backcare.EINVALID, "%q is not a paper size backcare knows", p).
		WithHint("use a4 or letter")
}

type chart struct {
	doc *doc
	r   backcare.Routine
	o   Options
	y   float64 // where the next block starts, mm from the top
	// The text style last set by setFont.
	bold bool
	size float64
	// noFeel leaves out what each pose should feel like, so that a short
	// routine stays on one page with its pictures large.
	noFeel bool
	// noPurpose leaves the routine's purpose out of the header, when even
	// without what to feel the routine would not fit on one page.
	noPurpose bool
	// placed records where each pose's picture went, for the tests.
	placed []placed
	// The footer: the stop signs and the safety note, the same on every
	// page, and its height.
	footer  [][]run
	footerH float64
	// flowed caches flow's lines: the layout tries many sizes of every
	// picture, and so the same text in the same widths many times.
	flowed map[flowKey][][]run
}

func (c *chart) setup() {
	c.doc.info = docInfo{
		title:    c.r.Name + ": pose chart",
		subject:  c.r.Purpose,
		author:   "backcare",
		creator:  "backcare",
		keywords: "lower back, stretches, pose chart",
		lang:     "en",
		date:     c.o.Now,
	}
	c.doc.addPage()
}

// colour sets the colour of text.
func (c *chart) colour(col rgb) {
	c.doc.fill(col)
	c.doc.stroke(col)
}

// setFont selects the regular or the bold face at a size.
func (c *chart) setFont(bold bool, size float64) {
	c.bold, c.size = bold, size
}

// cell writes one line of text in the current style in a box.
func (c *chart) cell(x, y, w, h float64, s, align string) {
	c.doc.cell(x, y, w, h, c.size, s, align, c.bold)
}

func (c *chart) width(s string) float64 { return c.doc.stringWidth(s, c.size, c.bold) }

// bottom is how far down the page poses may reach.
func (c *chart) bottom() float64 { return c.doc.h - marginY - c.footerH }

// header writes the title, when it was printed, the purpose, what 5/10
// means and how often.
func (c *chart) header() {
	w := c.doc.w - 2*margin
	c.setFont(true, titleSize)
	c.colour(ink)
	c.cell(margin, marginY, w, 9, c.r.Name, "L")
	c.setFont(false, smallSize)
	c.colour(soft)
	c.cell(margin, marginY+1.5, w, 6, "Pose chart, printed "+c.o.Now.Format("2 January 2006")+" with backcare", "R")
	purpose, strong := c.headerText()
	y := marginY + 10
	c.draw(purpose, margin, y, bodySize, ink)
	y += float64(len(purpose))*lineH + 1

	// What the intensity means, under a rule in the accent colour.
	h := float64(len(strong)) * lineH
	c.doc.fill(accent)
	c.doc.roundedRect(margin, y+0.5, 0.8, h-1, 0.4)
	c.draw(strong, margin+2.5, y, bodySize, ink)
	c.y = y + h + 2.5
}

// headerText is the header's lines: the routine's purpose (none with
// noPurpose) and what its intensity means.
func (c *chart) headerText() (purpose, strong [][]run) {
	w := c.doc.w - 2*margin
	if !c.noPurpose {
		purpose = c.flow([]run{{text: c.r.Purpose}}, w-2*cellMargin, bodySize)
	}
	strong = c.flow([]run{{bold: true, text: "How strong? "}, {text: intensityNote(c.r)}}, w-3, bodySize)
	return purpose, strong
}

// headerH is where the header ends, as header draws it.
func (c *chart) headerH() float64 {
	purpose, strong := c.headerText()
	return marginY + 10 + float64(len(purpose))*lineH + 1 + float64(len(strong))*lineH + 2.5
}

// intensityNote explains the target intensities of the routine.
func intensityNote(r backcare.Routine) string {
	levels := map[int]bool{}
	stretch := false
	for _, e := range r.Entries {
		if e.Pose.Kind == backcare.Stretch {
			stretch = true
			levels[e.Dose.Intensity] = true
		}
	}
	if !stretch {
		return "The number out of 10 is how hard the exercise should feel: steady work you can breathe through, never strain. It is not a pain score."
	}
	level := "5/10"
	if len(levels) == 1 {
		for l := range levels {
			level = fmt.Sprintf("%d/10", l)
		}
	}
	return level + " is how strong the stretch should feel: a clear, easy pull that lets you breathe slowly. It is not a pain score."
}

// layout is where a pose's block puts its figure and text.
type layout struct {
	scale     float64 // mm per standing height
	figW      float64 // the figure's panel
	figH      float64
	beside    bool // text beside the figure, else below it in two columns
	nameIn    bool // beside: the name and the dose head the column of text
	feelUnder bool // beside: "you should feel" under the figure
	// host: the tick sheet in a column on the right, the steps in one
	// column under the figure.
	host bool
	dr   *figure.Drawing // the frames side by side or stacked
	base float64         // the picture's base scale
	// frames is how many frames are stacked one above the other.
	frames int
	textW  float64
	name   [][]run // nameIn: the name, flowed at nameSize
	dose   [][]run // nameIn: the dose
	steps  [][][]run
	feel   [][]run
	nameH  float64 // the name line above the figure; 0 when nameIn
	h      float64 // the whole block, its name included
}

// nameH is the height of a pose's name line.
const nameH = 6.2

// minTextW is the narrowest column of steps beside a figure.
const minTextW = 48.0

// sideNote follows the name of a pose done on each side.
const sideNote = "right side shown"

// sideNoteH is the height of the side note's own line in a column.
const sideNoteH = 4.0

// nameLines is 1 when a pose's name and dose share a line, else 2.
func (c *chart) nameLines(i int, e backcare.Entry) float64 {
	return c.nameLinesIn(i, e, c.doc.w-2*margin)
}

// nameLinesIn is nameLines for a block W wide.
func (c *chart) nameLinesIn(i int, e backcare.Entry, W float64) float64 {
	w := c.doc.stringWidth(poseName(i, e), nameSize, true) + 2*cellMargin
	if e.Pose.Sided {
		w += c.doc.stringWidth(sideNote, smallSize, false) + 2*cellMargin
	}
	if w+c.doc.stringWidth(doseLine(e), bodySize, true)+2 > W {
		return 2
	}
	return 1
}

// poseName is a pose's number and name, as its block is headed.
func poseName(i int, e backcare.Entry) string { return fmt.Sprintf("%d  %s", i+1, e.Pose.Name) }

// picture is a pose's drawing, every frame side by side, and the scale
// the chart drew it at before the pictures grew.
type picture struct {
	dr *figure.Drawing
	// stacked, for a pose that moves, is its frames one above the other,
	// for a page too narrow to show them side by side as large.
	stacked *figure.Drawing
	// base is the scale, in mm per standing height, at which one view of
	// one frame fits the old box.
	base   float64
	frames int
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
	pic := picture{dr: figure.Sequence(frames), base: min(oldBoxW/w, oldBoxH/h), frames: len(frames)}
	if len(frames) > 1 {
		pic.stacked = stack(frames)
	}
	return pic
}

// placed is where a pose's picture went: its page, its scale in mm per
// standing height, the drawing's width and the height of one frame in
// mm, and its panel's size.
type placed struct {
	id         string
	page       int
	scale      float64
	w, h       float64
	base       float64
	beside     bool
	feel       bool
	boxW, boxH float64
}

// tickColW is the width of the tick sheet set as a column beside a pose.
const tickColW = 17 + 7*boxSize + 1

// plan lays out a pose's block with its picture drawn growth times its
// base scale, or smaller where the page is too narrow: the figure as
// large as that allows, with the text beside it when the figure is
// narrow enough, else below it. With host, the block leaves a column on
// the right for the tick sheet, or plan reports false when the figure
// would come out smaller for it.
func (c *chart) plan(i int, e backcare.Entry, pic picture, growth float64, host bool) (layout, bool) {
	l, ok := c.planDrawing(i, e, pic.dr, pic.base, growth, host)
	if pic.stacked == nil {
		return l, ok
	}
	// A pose that moves: its frames stacked when that draws them larger.
	s, sok := c.planDrawing(i, e, pic.stacked, pic.base, growth, host)
	s.frames = pic.frames
	switch {
	case !sok:
		return l, ok
	case !ok, s.scale > 1.03*l.scale:
		return s, true
	}
	return l, ok
}

// planDrawing is plan for one way of laying out the frames.
func (c *chart) planDrawing(i int, e backcare.Entry, dr *figure.Drawing, base, growth float64, host bool) (layout, bool) {
	W := c.doc.w - 2*margin
	dw, dh := dr.Max.X-dr.Min.X, dr.Max.Y-dr.Min.Y
	want := growth * base
	fit := func(w float64) float64 { return min(want, (w-2*figPad)/dw, (figMaxH-2*figPad)/dh) }
	var feel []run
	if !c.noFeel && e.Pose.Feel != "" {
		feel = []run{{bold: true, text: "You should feel: "}, {text: e.Pose.Feel}}
	}
	steps := func(w float64) [][][]run {
		var out [][][]run
		for _, s := range e.Pose.Steps {
			out = append(out, c.flow([]run{{text: s}}, w-6, bodySize))
		}
		return out
	}
	lines := func(steps [][][]run) float64 {
		n := 0
		for _, s := range steps {
			n += len(s)
		}
		return float64(n) * lineH
	}
	above := c.nameLines(i, e) * nameH

	// Below: the figure across the page, the steps in two columns under it.
	below := layout{scale: fit(W), textW: (W - colGap) / 2, nameH: above, dr: dr, base: base}
	below.figW, below.figH = dw*below.scale+2*figPad, dh*below.scale+2*figPad
	below.steps = steps(below.textW)
	below.feel = c.flow(feel, W, bodySize)
	left, right := c.columns(below.steps)
	below.h = above + below.figH + 2 + float64(max(left, right))*lineH
	if len(below.feel) > 0 {
		below.h += 1.5 + float64(len(below.feel))*lineH
	}

	if host {
		// The figure and its steps on the left, the tick sheet on the right.
		// It may come out a little smaller for it, but never under
		// minGrowth times its old size.
		l := layout{scale: fit(W - tickColW - colGap), host: true, nameH: above, dr: dr, base: base}
		if l.scale < below.scale/1.03 && l.scale < minGrowth*base-1e-9 {
			return layout{}, false
		}
		l.figW, l.figH = dw*l.scale+2*figPad, dh*l.scale+2*figPad
		l.textW = max(l.figW, 60)
		// The name and the dose share the pose's own column.
		l.nameH = c.nameLinesIn(i, e, l.textW) * nameH
		l.steps = steps(l.textW)
		l.feel = c.flow(feel, l.textW, bodySize)
		l.h = l.nameH + l.figH + 2 + lines(l.steps)
		if len(l.feel) > 0 {
			l.h += 1.5 + float64(len(l.feel))*lineH
		}
		l.h = max(l.h, l.nameH+c.tickColumnH(W-l.textW-colGap))
		return l, true
	}

	// Beside: the figure on the left, the steps on the right, and what to
	// feel under whichever is shorter; the name above the figure, or at
	// the head of the steps when that makes the block shorter.
	l := layout{scale: fit(W - colGap - minTextW), beside: true, dr: dr, base: base}
	l.figW, l.figH = dw*l.scale+2*figPad, dh*l.scale+2*figPad
	l.textW = W - l.figW - colGap
	if l.textW < minTextW {
		return below, true
	}
	l.steps = steps(l.textW)
	n := lines(l.steps)
	inColumn := c.flow(feel, l.textW, bodySize)
	under := c.flow(feel, l.figW, bodySize)
	l.name = c.flow([]run{{bold: true, text: poseName(i, e)}}, l.textW, nameSize)
	l.dose = c.flow([]run{{bold: true, text: doseLine(e)}}, l.textW, bodySize)
	head := float64(len(l.name))*nameH + float64(len(l.dose))*lineH + 1
	if e.Pose.Sided {
		head += sideNoteH
	}
	best := layout{h: -1}
	for _, nameIn := range []bool{false, true} {
		for _, feelUnder := range []bool{false, true} {
			k := l
			k.nameIn, k.feelUnder = nameIn, feelUnder
			text := n
			if nameIn {
				text += head
			} else {
				k.nameH = above
			}
			if feelUnder {
				k.feel = under
				k.h = max(k.figH+2+float64(len(under))*lineH, text)
			} else {
				k.feel = inColumn
				k.h = max(k.figH, text+float64(len(inColumn))*lineH+1.5)
			}
			if len(feel) == 0 {
				k.h = max(k.figH, text)
			}
			k.h += k.nameH
			if best.h < 0 || k.h < best.h-0.01 {
				best = k
			}
		}
	}
	l = best
	// The larger figure wins; at (nearly) the same size, the shorter block.
	switch {
	case below.scale > 1.03*l.scale:
		return below, true
	case l.scale > 1.03*below.scale:
		return l, true
	case below.h < l.h:
		return below, true
	}
	return l, true
}

// growth is how many times its old size every picture is drawn: the
// most at which the routine fits on one page, at least minGrowth. When
// that does not fit, what each pose should feel like is left off the
// page (the app has it) to make room, and then the routine's purpose
// from the header; a routine too long for one page even so takes
// several, with every picture at its largest.
func (c *chart) growth(pics []picture) float64 {
	if k := c.largestGrowth(pics); k > 0 {
		return k
	}
	c.noFeel = true
	if k := c.largestGrowth(pics); k > 0 {
		return k
	}
	c.noPurpose = true
	c.y = c.headerH()
	if k := c.largestGrowth(pics); k > 0 {
		return k
	}
	c.noFeel, c.noPurpose = false, false
	c.y = c.headerH()
	return maxGrowth
}

// arrange lays out every pose at a growth and says how tall they come
// out together with the tick sheet, and which pose, if any, holds the
// tick sheet in a column beside it (-1: none, the sheet goes last).
func (c *chart) arrange(pics []picture, growth float64) (ls []layout, host int, h float64) {
	for i, e := range c.r.Entries {
		l, _ := c.plan(i, e, pics[i], growth, false)
		ls = append(ls, l)
		h += l.h + blockGap
	}
	host, best := -1, h+tickH
	for i, e := range c.r.Entries {
		l, ok := c.plan(i, e, pics[i], growth, true)
		if !ok {
			continue
		}
		if t := h - ls[i].h + l.h; t < best-0.01 {
			host, best = i, t
		}
	}
	if c.y+best > c.bottom() {
		// Several pages: the tick sheet goes last.
		return ls, -1, h + tickH
	}
	if host >= 0 {
		l, _ := c.plan(host, c.r.Entries[host], pics[host], growth, true)
		ls[host] = l
	}
	return ls, host, best
}

// largestGrowth is the largest growth between minGrowth and maxGrowth at
// which the routine fits on one page, or 0 when none does.
func (c *chart) largestGrowth(pics []picture) float64 {
	fits := func(k float64) bool {
		_, _, h := c.arrange(pics, k)
		return c.y+h <= c.bottom()
	}
	if fits(maxGrowth) {
		return maxGrowth
	}
	lo, hi := minGrowth, maxGrowth
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

// columns splits numbered steps between two columns, whole steps only,
// in order: the first steps on the left, the rest on the right, as pose
// draws them. It returns the lines in each. Once a step has gone right,
// every later one goes right too, though a short one would still fit on
// the left: counting it there made the block too short for the right
// column, which then ran into the "you should feel" line.
func (c *chart) columns(steps [][][]run) (left, right int) {
	total := 0
	for _, s := range steps {
		total += len(s)
	}
	for _, s := range steps {
		if right == 0 && (left+len(s) <= (total+1)/2 || left == 0) {
			left += len(s)
		} else {
			right += len(s)
		}
	}
	return left, right
}

// stepList writes numbered steps from (x, y) down and returns where
// they end.
func (c *chart) stepList(steps [][][]run, first int, x, y float64) float64 {
	for n, s := range steps {
		c.setFont(true, bodySize)
		c.colour(accent)
		c.cell(x, y, 6, lineH, fmt.Sprintf("%d.", first+n+1), "L")
		c.draw(s, x+6, y, bodySize, ink)
		y += float64(len(s)) * lineH
	}
	return y
}

// pose writes one pose's block, starting a new page if the whole block does
// not fit on this one: a pose is never split across pages.
func (c *chart) pose(i int, e backcare.Entry, l layout, rule bool) {
	d := c.doc
	W := d.w - 2*margin
	dr := l.dr
	y := c.y
	if y+l.h > c.bottom() {
		d.addPage()
		y = marginY
	}
	start := y

	if !l.nameIn {
		// The name and the dose on one line, or the dose on a line of
		// its own when they do not fit side by side.
		c.setFont(true, nameSize)
		c.colour(ink)
		name := poseName(i, e)
		c.cell(margin, y, W, nameH, name, "L")
		nameW := c.width(name) + 2*cellMargin
		if e.Pose.Sided {
			// The figure shows the right side; the left is its mirror.
			c.setFont(false, smallSize)
			c.colour(soft)
			c.cell(margin+nameW, y+0.6, W, nameH, sideNote, "L")
			nameW += c.width(sideNote) + cellMargin
		}
		c.setFont(true, bodySize)
		c.colour(accent)
		// The dose at the right of the pose's own column: beside the tick
		// sheet it would read as the sheet's heading.
		w := W
		if l.host {
			w = l.textW
		}
		if nameW+c.width(doseLine(e))+2 > w {
			y += nameH
		}
		c.cell(margin, y, w, nameH, doseLine(e), "R")
		y += nameH
	}
	top := y

	// The figure, on a tinted panel.
	frameH := dr.Max.Y - dr.Min.Y
	if l.frames > 1 {
		frameH = (frameH - float64(l.frames-1)*stackGap) / float64(l.frames)
	}
	c.placed = append(c.placed, placed{id: e.Pose.ID, page: d.pageCount(), scale: l.scale,
		w: (dr.Max.X - dr.Min.X) * l.scale, h: frameH * l.scale, base: l.base,
		beside: l.beside, feel: len(l.feel) > 0, boxW: l.figW, boxH: l.figH})
	d.fill(panel)
	d.roundedRect(margin, y, l.figW, l.figH, 2)
	c.figure(dr, margin+figPad, y+figPad, l.figW-2*figPad, l.figH-2*figPad)
	if l.feelUnder {
		c.draw(l.feel, margin, y+l.figH+2, bodySize, ink)
	}

	switch {
	case l.beside:
		x := margin + l.figW + colGap
		ty := y
		if l.nameIn {
			c.drawAt(l.name, x, ty, nameSize, nameH, ink)
			ty += float64(len(l.name)) * nameH
			if e.Pose.Sided {
				c.setFont(false, smallSize)
				c.colour(soft)
				c.cell(x, ty-0.8, l.textW, sideNoteH, sideNote, "L")
				ty += sideNoteH
			}
			c.drawAt(l.dose, x, ty, bodySize, lineH, accent)
			ty += float64(len(l.dose))*lineH + 1
		}
		ty = c.stepList(l.steps, 0, x, ty)
		if !l.feelUnder {
			c.draw(l.feel, x, ty+1.5, bodySize, ink)
		}
	case l.host:
		ty := c.stepList(l.steps, 0, margin, y+l.figH+2)
		c.draw(l.feel, margin, ty+1.5, bodySize, ink)
		x := margin + l.textW + colGap
		c.tickColumn(x, top, d.w-margin-x)
	default:
		ty := y + l.figH + 2
		left, _ := c.columns(l.steps)
		col, row := 0, 0
		for n, s := range l.steps {
			if col == 0 && row > 0 && row+len(s) > left {
				col, row = 1, 0
			}
			x := margin + float64(col)*(l.textW+colGap)
			c.stepList([][][]run{s}, n, x, ty+float64(row)*lineH)
			row += len(s)
		}
		c.draw(l.feel, margin, start+l.h-float64(len(l.feel))*lineH, bodySize, ink)
	}

	end := start + l.h + blockGap
	if rule {
		d.stroke(ruleLine)
		d.lineWidth(0.2)
		d.line(margin, end-blockGap/2, d.w-margin, end-blockGap/2)
	}
	c.y = end
}

// howOften is the line that heads the tick sheet, flowed in w.
func (c *chart) howOften(w float64) [][]run {
	often := c.o.Often
	if often == "" {
		often = Often
	}
	return c.flow([]run{{bold: true, text: "How often? "}, {text: often}}, w, bodySize)
}

// tickGrid writes the two weeks of boxes to tick with (x, y) at the top
// left of the day numbers, and returns their height.
func (c *chart) tickGrid(x, y float64) float64 {
	d := c.doc
	const labelW = 17.0
	c.setFont(false, smallSize)
	c.colour(soft)
	for i := 0; i < 7; i++ {
		c.cell(x+labelW+float64(i)*boxSize, y, boxSize, 4, fmt.Sprintf("%d", i+1), "L")
	}
	d.stroke(soft)
	d.lineWidth(0.3)
	for wk := 0; wk < 2; wk++ {
		by := y + 4 + float64(wk)*(boxSize+1)
		c.setFont(false, bodySize)
		c.colour(ink)
		c.cell(x, by, labelW, boxSize, fmt.Sprintf("Week %d", wk+1), "L")
		d.stroke(soft)
		d.lineWidth(0.3)
		for i := 0; i < 7; i++ {
			bx := x + labelW + float64(i)*boxSize
			d.roundedPath(bx+0.6, by+0.6, boxSize-1.2, boxSize-1.2, 0.8)
			d.op("S")
		}
	}
	return 4 + 2*(boxSize+1)
}

// writeLines are the lines to write on, under the tick grid.
var writeLines = []string{"Name", "Started on", "Note from your clinician"}

// writeH is the room for one line to write on.
const writeH = 6.5

// writeOn writes the lines for a name, the start date and a clinician's
// note from (x, y), w wide, and returns their height.
func (c *chart) writeOn(x, y, w float64) float64 {
	d := c.doc
	for n, label := range writeLines {
		ly := y + float64(n)*writeH
		c.setFont(false, bodySize)
		c.colour(ink)
		c.cell(x, ly, w, 6, label, "L")
		lx := x + c.width(label) + 3
		d.stroke(ruleLine)
		d.lineWidth(0.3)
		d.line(lx, ly+5.5, x+w, ly+5.5)
	}
	return float64(len(writeLines)) * writeH
}

// tickColumnH is the height of the tick sheet set as a column w wide.
func (c *chart) tickColumnH(w float64) float64 {
	return float64(len(c.howOften(w)))*lineH + 1 + 4 + 2*(boxSize+1) + 1 + float64(len(writeLines))*writeH
}

// tickColumn writes the tick sheet as a column w wide from (x, y): how
// often, the grid, and the lines to write on under it.
func (c *chart) tickColumn(x, y, w float64) {
	often := c.howOften(w)
	c.draw(often, x, y, bodySize, ink)
	y += float64(len(often))*lineH + 1
	y += c.tickGrid(x, y) + 1
	c.writeOn(x, y, w)
}

// tickSheet writes, after the poses, a two-week grid of boxes to tick and
// lines for a name, the start date and a clinician's note.
func (c *chart) tickSheet() {
	d := c.doc
	W := d.w - 2*margin
	const gridW = 17 + 7*boxSize
	h := tickH - blockGap
	if c.y+h > c.bottom() {
		d.addPage()
		c.y = marginY
	}
	y := c.y
	c.draw(c.howOften(W)[:1], margin, y, bodySize, ink)
	c.tickGrid(margin, y+6)
	// Name, date and a clinician's note, on lines to write on.
	x := margin + gridW + 8
	c.writeOn(x, y+5, W-(x-margin))
	c.y = y + h + blockGap
}

// doseLine is, for example, "Hold 1 minute, each side · stretch 5/10".
func doseLine(e backcare.Entry) string {
	s := e.Dose.String()
	s = strings.ToUpper(s[:1]) + s[1:]
	if e.Pose.Sided {
		s += ", each side"
	}
	if e.Pose.Kind == backcare.Stretch {
		return fmt.Sprintf("%s · stretch %d/10", s, e.Dose.Intensity)
	}
	return fmt.Sprintf("%s · effort %d/10", s, e.Dose.Intensity)
}

// stopSigns gathers the stop signs of every pose, each once, in order.
func stopSigns(r backcare.Routine) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range r.Entries {
		for _, s := range e.Pose.StopSigns {
			key := strings.ToLower(strings.TrimRight(strings.TrimSpace(s), "."))
			if !seen[key] {
				seen[key] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// stopList joins stop signs into one sentence.
func stopList(signs []string) string {
	parts := make([]string, len(signs))
	for i, s := range signs {
		s = strings.TrimRight(strings.TrimSpace(s), ".")
		// Lower-case a first word such as "Sharp", never one such as "L5".
		if r, n := utf8.DecodeRuneInString(s); n > 0 && len(s) > n {
			if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsLower(next) {
				s = string(unicode.ToLower(r)) + s[n:]
			}
		}
		parts[i] = s
	}
	return strings.Join(parts, "; ") + "."
}

// pageLabelW is the room left for "Page 1 of 2" beside the safety note.
const pageLabelW = 22.0

// footerLines flows the footer: when to stop, once for the whole page,
// and the safety note.
func (c *chart) footerLines() {
	w := c.doc.w - 2*margin
	stop := c.flow([]run{{bold: true, text: "Stop at once and rest if you feel: "}, {text: stopList(stopSigns(c.r))}}, w, bodySize)
	note := c.flow([]run{{bold: true, text: "Safety: "}, {text: "self-care, not a diagnosis. After a serious injury or accident, see a doctor first; get advice if pain does not settle."}}, w-pageLabelW, smallSize)
	c.footer = append(append([][]run{}, stop...), nil) // the cached lines stay as they are
	c.footer = append(c.footer, note...)
	c.footerH = 2.5 + float64(len(stop))*lineH + 0.5 + float64(len(note))*3.8 + 0.5
}

// footers writes the stop signs, the safety note and the page number on
// every page.
func (c *chart) footers() {
	d := c.doc
	n := d.pageCount()
	w := d.w - 2*margin
	for p := 1; p <= n; p++ {
		d.setPage(p)
		y := d.h - marginY - c.footerH + 1
		d.stroke(ruleLine)
		d.lineWidth(0.3)
		d.line(margin, y, d.w-margin, y)
		y += 1.5
		stop := true
		for _, line := range c.footer {
			if line == nil {
				stop = false
				y += 0.5
				c.setFont(false, smallSize)
				c.colour(soft)
				c.cell(margin, y, w, 3.8, fmt.Sprintf("Page %d of %d", p, n), "R")
				continue
			}
			if stop {
				c.draw([][]run{line}, margin, y, bodySize, warnInk)
				y += lineH
				continue
			}
			c.drawAt([][]run{line}, margin, y, smallSize, 3.8, ink)
			y += 3.8
		}
	}
}

// run is a piece of text in one style.
type run struct {
	bold bool
	text string
}

// flow breaks runs into lines no wider than w at the given size, word by
// word, measuring bold words in the bold face.
func (c *chart) flow(runs []run, w, size float64) [][]run {
	// Widths on a grid of a tenth of a millimetre, rounded down, so that
	// nearly equal widths share their lines and no line runs over.
	w = math.Floor(w*10) / 10
	var key strings.Builder
	for _, r := range runs {
		if r.bold {
			key.WriteByte(1)
		}
		key.WriteString(r.text)
		key.WriteByte(0)
	}
	k := flowKey{key.String(), w, size}
	if lines, ok := c.flowed[k]; ok {
		return lines
	}
	lines := c.flowWords(runs, w, size)
	if c.flowed == nil {
		c.flowed = map[flowKey][][]run{}
	}
	c.flowed[k] = lines
	return lines
}

// flowKey is what flow's lines depend on.
type flowKey struct {
	text    string
	w, size float64
}

// flowWords is flow without the cache.
func (c *chart) flowWords(runs []run, w, size float64) [][]run {
	d := c.doc
	var lines [][]run
	var line []run
	x := 0.0
	for _, r := range runs {
		space := d.stringWidth(" ", size, r.bold)
		for _, word := range strings.Fields(r.text) {
			ww := d.stringWidth(word, size, r.bold)
			gap := 0.0
			if len(line) > 0 {
				gap = space
			}
			if len(line) > 0 && x+gap+ww > w {
				lines = append(lines, line)
				line, x, gap = nil, 0, 0
			}
			if n := len(line); n > 0 && line[n-1].bold == r.bold {
				line[n-1].text += " " + word
			} else {
				t := word
				if n > 0 {
					t = " " + word
				}
				line = append(line, run{bold: r.bold, text: t})
			}
			x += gap + ww
		}
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	return lines
}

// draw writes flowed lines of body text from (x, y).
func (c *chart) draw(lines [][]run, x, y, size float64, col rgb) {
	c.drawAt(lines, x, y, size, lineH, col)
}

// drawAt writes flowed lines from (x, y), lh apart.
func (c *chart) drawAt(lines [][]run, x, y, size, lh float64, col rgb) {
	c.colour(col)
	for i, line := range lines {
		cx := x
		for _, r := range line {
			c.setFont(r.bold, size)
			w := c.width(r.text)
			c.cell(cx, y+float64(i)*lh, w, lh, r.text, "L")
			cx += w
		}
	}
}
