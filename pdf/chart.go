// Package pdf prints backcare's pose charts: one or more pages a person can
// stick on the wall, with a vector figure of every pose, its dose, short
// steps, what to feel and when to stop.
//
// Text is set in DejaVu Sans and DejaVu Sans Bold, embedded as subsets of
// the glyphs used (any Unicode text the fonts cover), so the PDF needs
// nothing installed to print and its text can be selected and searched.
//
// The package writes the PDF itself (writer.go, font.go): the font is
// parsed once per process and compressors are reused, so a chart takes a
// couple of milliseconds, where a general PDF library spent that much on
// reading and hashing the font for every document.
package pdf

import (
	"bytes"
	"fmt"
	"io"
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
	margin    = 12.0
	colGap    = 5.0
	blockGap  = 3.0
	bodySize  = 11.0
	lineH     = 4.45 // line height of body text: 11 pt set 1.15 apart
	nameSize  = 14.0
	titleSize = 20.0
	smallSize = 8.5
	// figMaxH is the tallest a figure is drawn; figScale the largest
	// scale, in mm per standing height, so a short figure lying on the
	// floor does not grow past the people standing up.
	figMaxH   = 72.0
	figScale  = 80.0
	goodScale = 60.0
	figPad    = 2.0
	boxSize   = 7.5 // a box to tick
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

// Chart writes the pose chart of a routine as a PDF. It builds the whole
// document first, so an error leaves nothing half-written in w.
func Chart(w io.Writer, r backcare.Routine, o Options) error {
	paper, err := paperSize(o.Paper)
	if err != nil {
		return err
	}
	if len(r.Entries) == 0 {
		return backcare.Errorf(backcare.EINVALID, "the routine %q has no poses to print", r.ID)
	}
	regular, err := sans()
	if err != nil {
		return fmt.Errorf("pdf: chart: %w", err)
	}
	bold, err := sansBold()
	if err != nil {
		return fmt.Errorf("pdf: chart: %w", err)
	}
	c := &chart{r: r, o: o}
	drawings := make([]*figure.Drawing, len(r.Entries))
	for i, e := range r.Entries {
		side := backcare.NoSide
		if e.Pose.Sided {
			side = backcare.Right
		}
		// A pose that moves shows its start and its end, side by side.
		frames, err := figure.DrawFrames(e.Pose.Figure, side)
		if err != nil {
			return fmt.Errorf("pdf: chart: figure of %s: %w", e.Pose.ID, err)
		}
		drawings[i] = figure.Sequence(frames)
	}
	c.doc = newDoc(paper[0], paper[1], regular, bold)
	c.setup()
	c.footerLines()
	c.header()
	limit := c.figureLimit(drawings)
	for i, e := range r.Entries {
		c.pose(i, e, drawings[i], limit)
	}
	c.tickSheet()
	c.footers()
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
	// The footer: the stop signs and the safety note, the same on every
	// page, and its height.
	footer  [][]run
	footerH float64
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
func (c *chart) bottom() float64 { return c.doc.h - margin - c.footerH }

// header writes the title, the purpose, what 5/10 means and how often.
func (c *chart) header() {
	d := c.doc
	w := d.w - 2*margin
	c.setFont(true, titleSize)
	c.colour(ink)
	c.cell(margin, margin, w, 9, c.r.Name, "L")
	c.setFont(false, smallSize)
	c.colour(soft)
	c.cell(margin, margin+1.5, w, 6, "Pose chart", "R")
	y := margin + 10
	purpose := c.flow([]run{{text: c.r.Purpose}}, w-2*cellMargin, bodySize)
	c.draw(purpose, margin, y, bodySize, ink)
	y += float64(len(purpose)) * lineH

	// What the intensity means, on a tinted panel.
	y += 1
	strong := c.flow([]run{{bold: true, text: "How strong? "}, {text: intensityNote(c.r)}}, w-8, bodySize)
	h := float64(len(strong))*lineH + 3
	d.fill(panel)
	d.roundedRect(margin, y, w, h, 2)
	c.draw(strong, margin+4, y+1.5, bodySize, ink)
	c.y = y + h + 3
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
	feelUnder bool // beside: "you should feel" under the figure
	textW     float64
	steps     [][][]run
	feel      [][]run
	h         float64 // the whole block below the name line
}

// nameH is the height of a pose's name line.
const nameH = 6.5

// sideNote follows the name of a pose done on each side.
const sideNote = "right side shown"

// nameLines is 1 when a pose's name and dose share a line, else 2.
func (c *chart) nameLines(i int, e backcare.Entry) float64 {
	W := c.doc.w - 2*margin
	w := c.doc.stringWidth(fmt.Sprintf("%d  %s", i+1, e.Pose.Name), nameSize, true) + 2*cellMargin
	if e.Pose.Sided {
		w += c.doc.stringWidth(sideNote, smallSize, false) + 2*cellMargin
	}
	if w+c.doc.stringWidth(doseLine(e), bodySize, true)+2 > W {
		return 2
	}
	return 1
}

// plan lays out a pose's block with figures drawn at most limit mm per
// standing height: the figure as large as that allows, with the text
// beside it when the figure is narrow enough, else below it.
func (c *chart) plan(e backcare.Entry, dr *figure.Drawing, limit float64) layout {
	W := c.doc.w - 2*margin
	dw, dh := dr.Max.X-dr.Min.X, dr.Max.Y-dr.Min.Y
	fit := func(w float64) float64 { return min(limit, (w-2*figPad)/dw, (figMaxH-2*figPad)/dh) }
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

	// Below: the figure across the page, the steps in two columns under it.
	below := layout{scale: fit(W), textW: (W - colGap) / 2}
	below.figW, below.figH = dw*below.scale+2*figPad, dh*below.scale+2*figPad
	below.steps = steps(below.textW)
	below.feel = c.flow(feel, W, bodySize)
	left, right := c.columns(below.steps)
	below.h = below.figH + 2 + float64(max(left, right))*lineH
	if len(below.feel) > 0 {
		below.h += 1.5 + float64(len(below.feel))*lineH
	}

	// Beside: the figure on the left, the steps on the right, and what to
	// feel under whichever is shorter.
	l := layout{scale: fit(W * 0.62), beside: true}
	l.figW, l.figH = dw*l.scale+2*figPad, dh*l.scale+2*figPad
	l.textW = W - l.figW - colGap
	if l.textW < 60 {
		return below
	}
	l.steps = steps(l.textW)
	n := 0
	for _, s := range l.steps {
		n += len(s)
	}
	inColumn := c.flow(feel, l.textW, bodySize)
	under := c.flow(feel, l.figW, bodySize)
	hColumn := max(l.figH, float64(n+len(inColumn))*lineH+1.5)
	hUnder := max(l.figH+2+float64(len(under))*lineH, float64(n)*lineH)
	l.feel, l.h = inColumn, hColumn
	if hUnder < hColumn {
		l.feel, l.h, l.feelUnder = under, hUnder, true
	}
	// The larger figure wins; at (nearly) the same size, the shorter block.
	switch {
	case below.scale > 1.03*l.scale:
		return below
	case l.scale > 1.03*below.scale:
		return l
	case below.h < l.h:
		return below
	}
	return l
}

// figureLimit is the largest scale, in mm per standing height, at which
// a routine of a few poses still fits on one page; a long routine, which
// takes several pages anyway, gets the largest figures. When the
// pictures would come out smaller than goodScale, what each pose should
// feel like is left off the page (the app has it) to make room for them.
func (c *chart) figureLimit(drawings []*figure.Drawing) float64 {
	limit := c.largestFit(drawings)
	if limit < goodScale {
		c.noFeel = true
		if l := c.largestFit(drawings); l > limit {
			return l
		}
		c.noFeel = false
	}
	return limit
}

// largestFit is figureLimit for the text as it is.
func (c *chart) largestFit(drawings []*figure.Drawing) float64 {
	fits := func(limit float64) bool {
		y := c.y
		for i, e := range c.r.Entries {
			y += c.nameLines(i, e)*nameH + c.plan(e, drawings[i], limit).h + blockGap
		}
		return y+tickH <= c.bottom()
	}
	if fits(figScale) {
		return figScale
	}
	lo, hi := 20.0, figScale
	if !fits(lo) {
		return figScale
	}
	for hi-lo > 0.5 {
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

// pose writes one pose's block, starting a new page if the whole block does
// not fit on this one: a pose is never split across pages.
func (c *chart) pose(i int, e backcare.Entry, dr *figure.Drawing, limit float64) {
	d := c.doc
	W := d.w - 2*margin
	l := c.plan(e, dr, limit)
	h := c.nameLines(i, e)*nameH + l.h
	y := c.y
	if y+h > c.bottom() {
		d.addPage()
		y = margin
	}

	// The name and the dose on one line, or the dose on a line of its
	// own when they do not fit side by side.
	c.setFont(true, nameSize)
	c.colour(ink)
	name := fmt.Sprintf("%d  %s", i+1, e.Pose.Name)
	c.cell(margin, y, W, nameH, name, "L")
	nameW := c.width(name) + 2*cellMargin
	if e.Pose.Sided {
		// The figure shows the right side; the left is its mirror image.
		c.setFont(false, smallSize)
		c.colour(soft)
		c.cell(margin+nameW, y+0.6, W, nameH, sideNote, "L")
		nameW += c.width(sideNote) + cellMargin
	}
	c.setFont(true, bodySize)
	c.colour(accent)
	if nameW+c.width(doseLine(e))+2 > W {
		y += nameH
	}
	c.cell(margin, y, W, nameH, doseLine(e), "R")
	y += nameH

	// The figure, on a tinted panel.
	d.fill(panel)
	d.roundedRect(margin, y, l.figW, l.figH, 2)
	fy := y
	c.figure(dr, margin+figPad, fy+figPad, l.figW-2*figPad, l.figH-(fy-y)-2*figPad)
	if l.feelUnder {
		c.draw(l.feel, margin, y+l.figH+2, bodySize, ink)
	}

	if l.beside {
		x := margin + l.figW + colGap
		ty := y
		for n, s := range l.steps {
			c.setFont(true, bodySize)
			c.colour(accent)
			c.cell(x, ty, 6, lineH, fmt.Sprintf("%d.", n+1), "L")
			c.draw(s, x+6, ty, bodySize, ink)
			ty += float64(len(s)) * lineH
		}
		if !l.feelUnder {
			c.draw(l.feel, x, ty+1.5, bodySize, ink)
		}
	} else {
		ty := y + l.figH + 2
		left, _ := c.columns(l.steps)
		col, row := 0, 0
		for n, s := range l.steps {
			if col == 0 && row > 0 && row+len(s) > left {
				col, row = 1, 0
			}
			x := margin + float64(col)*(l.textW+colGap)
			c.setFont(true, bodySize)
			c.colour(accent)
			c.cell(x, ty+float64(row)*lineH, 6, lineH, fmt.Sprintf("%d.", n+1), "L")
			c.draw(s, x+6, ty+float64(row)*lineH, bodySize, ink)
			row += len(s)
		}
		c.draw(l.feel, margin, y+l.h-float64(len(l.feel))*lineH, bodySize, ink)
	}

	end := y + l.h + blockGap
	d.stroke(ruleLine)
	d.lineWidth(0.2)
	d.line(margin, end-blockGap/2, d.w-margin, end-blockGap/2)
	c.y = end
}

// tickSheet writes, after the poses, a two-week grid of boxes to tick and
// lines for a name, the start date and a clinician's note.
func (c *chart) tickSheet() {
	d := c.doc
	W := d.w - 2*margin
	const labelW = 17.0
	gridW := labelW + 7*boxSize
	h := tickH - blockGap
	if c.y+h > c.bottom() {
		d.addPage()
		c.y = margin
	}
	y := c.y
	often := c.o.Often
	if often == "" {
		often = Often
	}
	c.draw(c.flow([]run{{bold: true, text: "How often? "}, {text: often}}, W, bodySize)[:1], margin, y, bodySize, ink)
	c.setFont(false, smallSize)
	c.colour(soft)
	for i := 0; i < 7; i++ {
		c.cell(margin+labelW+float64(i)*boxSize, y+6, boxSize, 4, fmt.Sprintf("%d", i+1), "L")
	}
	d.stroke(soft)
	d.lineWidth(0.3)
	for wk := 0; wk < 2; wk++ {
		by := y + 10 + float64(wk)*(boxSize+1)
		c.setFont(false, bodySize)
		c.colour(ink)
		c.cell(margin, by, labelW, boxSize, fmt.Sprintf("Week %d", wk+1), "L")
		for i := 0; i < 7; i++ {
			bx := margin + labelW + float64(i)*boxSize
			d.roundedPath(bx+0.6, by+0.6, boxSize-1.2, boxSize-1.2, 0.8)
			d.op("S")
		}
	}
	// Name, date and a clinician's note, on lines to write on.
	x := margin + gridW + 8
	lw := W - (x - margin)
	rows := []string{"Name", "Started on", "Note from your clinician"}
	ly := y + 5
	for _, label := range rows {
		c.setFont(false, bodySize)
		c.colour(ink)
		c.cell(x, ly, lw, 6, label, "L")
		lx := x + c.width(label) + 3
		d.stroke(ruleLine)
		d.lineWidth(0.3)
		d.line(lx, ly+5.5, x+lw, ly+5.5)
		ly += 7
	}
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

// footerLines flows the footer: when to stop, once for the whole page,
// and the safety note.
func (c *chart) footerLines() {
	w := c.doc.w - 2*margin
	stop := c.flow([]run{{bold: true, text: "Stop at once and rest if you feel: "}, {text: stopList(stopSigns(c.r))}}, w, bodySize)
	note := c.flow([]run{{bold: true, text: "Safety: "}, {text: "self-care, not a diagnosis. After a serious injury or accident, see a doctor first; get advice if pain does not settle."}}, w, smallSize)
	c.footer = append(stop, nil)
	c.footer = append(c.footer, note...)
	c.footerH = 2.5 + float64(len(stop))*lineH + float64(len(note))*3.8 + 5
}

// footers writes the stop signs, the safety note, the date and the page
// number on every page.
func (c *chart) footers() {
	d := c.doc
	n := d.pageCount()
	w := d.w - 2*margin
	for p := 1; p <= n; p++ {
		d.setPage(p)
		y := d.h - margin - c.footerH + 1
		d.stroke(ruleLine)
		d.lineWidth(0.3)
		d.line(margin, y, d.w-margin, y)
		y += 1.5
		stop := true
		for _, line := range c.footer {
			if line == nil {
				stop = false
				y += 0.5
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
		c.setFont(false, smallSize)
		c.colour(soft)
		c.cell(margin, d.h-margin-3.5, w/2, 4, "Printed "+c.o.Now.Format("2 January 2006")+" with backcare", "L")
		c.cell(margin+w/2, d.h-margin-3.5, w/2, 4, fmt.Sprintf("Page %d of %d", p, n), "R")
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
