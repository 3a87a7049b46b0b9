// Package pdf prints backcare's pose charts: one or more pages a person can
// stick on the wall, with a vector figure of every pose, its dose, short
// steps and when to stop; what each pose should feel like and the
// routine's purpose where they fit (the same on every paper), and, on a
// clinic's handout, the clinic, the patient and the clinician's note.
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
	"slices"
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
	// Often says how often to do the routine; empty means the handout's,
	// or without one the package's Often.
	Often string
	// Handout, for a clinic's patient, fills in whom the chart is for,
	// the clinic and the clinician's note.
	Handout *backcare.Handout
}

// Layout, in millimetres and points. Every line a person is meant to
// read is set at 11 pt or larger, so the chart reads from a step away when
// it hangs on a wall; only the footer's small print (when it was printed,
// the page number) is smaller.
const (
	// maxMargin is the space kept at every edge of the page, well inside
	// what home printers leave unprinted; a routine that fits one page
	// only with less keeps as much as it can, down to minMargin.
	maxMargin = 12.0
	minMargin = 8.0
	colGap    = 4.0
	blockGap  = 2.0
	bodySize  = 11.0
	lineH     = 4.45 // line height of body text: 11 pt set 1.15 apart
	nameSize  = 14.0
	nameH     = 6.2 // line height of a pose's name
	titleSize = 20.0
	titleH    = 9.0
	// fineSize is the footer's small print only: when the chart was
	// printed and the page number.
	fineSize = 8.5
	fineH    = 3.8
	// figMaxH is the tallest a figure's panel is drawn.
	figMaxH = 150.0
	// figPad is the room between a picture and its panel's top and
	// bottom edges, figPadX at its sides, where arrows reach out.
	figPad  = 1.0
	figPadX = 2.5
	// bandGap is the room between the last pose and the tick sheet, a
	// rule in it ruleOverBand above the tick sheet: text that ends the
	// last pose keeps the room it keeps above any rule (textPad and half
	// a blockGap); footGap the room under the tick sheet, above the
	// footer's rule.
	bandGap      = 4.1
	ruleOverBand = 1.6
	footGap      = 2.5
	// oldBoxW and oldBoxH are the box every figure was fitted into before
	// the pictures grew (issue 13); minGrowth is how much larger than
	// that a picture must be drawn, maxGrowth the most a standing or
	// kneeling one is. A lying pose is drawn across the page, as wide as
	// it fits, so that its picture weighs as much as the others.
	oldBoxW   = 54.0
	oldBoxH   = 42.0
	minGrowth = 2.0
	maxGrowth = 2.4
	// lyingAspect is how many times wider than tall one view of a figure
	// is when it lies (or kneels) low along the floor.
	lyingAspect = 2.0
	boxSize     = 7.0 // a box to tick
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
	pics := make([]picture, len(r.Entries))
	for i, e := range r.Entries {
		// A pose that moves shows its start and its end, side by side.
		frames, err := figure.DrawFrames(e.Pose.Figure, shownSide(e))
		if err != nil {
			return nil, fmt.Errorf("pdf: chart: figure of %s: %w", e.Pose.ID, err)
		}
		pics[i] = newPicture(e.Pose.ID, e.Pose.Figure, frames)
	}
	return layOutPictures(r, o, paper, pics, regular, bold), nil
}

// layOutPictures builds the pages of a chart with the pose's pictures
// laid out (the tests lay out changed ones).
func layOutPictures(r backcare.Routine, o Options, paper [2]float64, pics []picture, regular, bold *ttFont) *chart {
	c := &chart{r: r, o: o}
	c.doc = newDoc(paper[0], paper[1], regular, bold)
	// The layout tries many widths of the same text: one cache for all.
	c.flowed, c.stepped = map[flowKey][][]run{}, map[stepsKey][][][]run{}
	c.text = c.chooseText(pics)
	c.setup()
	rows := c.arrange(pics)
	c.place(rows)
	c.header()
	c.footers()
	return c
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
	// The text style last set by setFont.
	bold bool
	size float64
	// grid is the page's columns: every pose's picture in the left one,
	// its text in the right one.
	grid grid
	// mx is the margin at the sides of the page, my at its top and
	// bottom.
	mx, my float64
	// text is what the chart leaves out to fit one page (chooseText): the
	// same on both papers and on a handout.
	text textLevel
	// placed records where each pose's picture and text went, band where
	// the tick sheet went and paras every paragraph drawn, for the tests.
	placed []placed
	band   box
	paras  [][][]run
	// noteLines is how many lines to write a note on the band makes room
	// for, noteRules the lines drawn to write a clinician's note on,
	// stepAt every step drawn.
	noteLines int
	noteRules []box
	stepAt    []box
	// nameAt and doseAt are where poseHead last wrote a name and a dose.
	nameAt, doseAt box
	// tickBoxes are the boxes of the grid to tick, writeRules the lines
	// to write a name and the start date on.
	tickBoxes  []box
	writeRules []box
	// rules are the rules drawn between rows and above the tick sheet,
	// strongBar the bar beside what the intensity means.
	rules     []box
	strongBar box
	// The footer: the stop signs and the safety note, the same on every
	// page, and its height; fineInRule: the small print is set into the
	// footer's rule, not on a line of its own.
	stop       [][]run
	footerH    float64
	fineInRule bool
	// wide is how many times its old size a lying picture is drawn on a
	// chart of several pages (severalPages), at most.
	wide float64
	// widestDose is the width of the widest one-line dose, once known.
	widestDose float64
	// packed caches packRow's rows while pack tries a grid.
	packed map[packKey]row
	// flowed caches flow's lines: the layout tries many sizes of every
	// picture, and so the same text in the same widths many times.
	flowed  map[flowKey][][]run
	stepped map[stepsKey][][][]run
}

// box is a rectangle on a page, in mm from the page's top left corner.
type box struct {
	page       int
	x, y, w, h float64
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

// bottom is how far down the page poses and the tick sheet may reach.
func (c *chart) bottom() float64 { return c.doc.h - c.my - c.footerH }

// header writes the title, what the intensity means and the purpose on
// the first page, and on a handout for whom and from which clinic: what
// the intensity means beside the title when it fits there, the line for
// whom on a line of its own under the title, flush with it, and alone at
// the top of every later page.
func (c *chart) header() {
	c.doc.setPage(1)
	w := c.doc.w - 2*c.mx
	c.setFont(true, titleSize)
	c.colour(ink)
	c.cell(c.mx, c.my, w, titleH, c.r.Name, "L")
	h := c.headerText()
	y := c.my + titleH + 1
	if h.x > c.mx {
		c.strong(h.strong, h.x, c.my+0.5)
		y = max(y, c.my+0.5+float64(len(h.strong))*lineH)
	}
	c.draw(h.who, c.mx, y, bodySize, ink)
	y += float64(len(h.who)) * lineH
	if h.name {
		// A form's line: the name over the pictures, the start date over
		// the text; after a clinic's name that leaves room for it.
		if h.nameX > c.mx {
			y -= lineH
		}
		c.writeLine(nameLabel, h.nameX, y, c.mx+c.grid.figW-h.nameX, lineH)
		c.writeLine(startedLabel, c.grid.textX, y, c.grid.textW, lineH)
		y += lineH
	}
	c.draw(h.purpose, c.mx, y, bodySize, ink)
	y += float64(len(h.purpose)) * lineH
	if h.x == c.mx {
		if len(h.who)+len(h.purpose) > 0 || h.name {
			y++
		}
		c.strong(h.strong, h.x, y)
	}
	for p := 2; p <= c.doc.pageCount(); p++ {
		c.doc.setPage(p)
		c.draw(c.whoLines(w), c.mx, c.my, bodySize, ink)
	}
}

// strong writes what the intensity means from (x, y), beside a bar in the
// accent colour.
func (c *chart) strong(lines [][]run, x, y float64) {
	h := float64(len(lines)) * lineH
	c.doc.fill(accent)
	c.doc.roundedRect(x, y+0.5, 0.8, h-1, 0.4)
	c.strongBar = box{page: c.doc.curN, x: x, y: y + 0.5, w: 0.8, h: h - 1}
	c.draw(lines, x+strongIndent, y, bodySize, ink)
}

// who is a handout's line for whom and from which clinic, for example
// "Riverside Physiotherapy · for Alexandra Fitzgerald-Okonkwo"; nil on a
// chart that is no handout.
func (c *chart) who() []run {
	h := c.o.Handout
	if h == nil {
		return nil
	}
	clinic, patient := strings.TrimSpace(h.Clinic), strings.Join(strings.Fields(h.Patient), " ")
	switch {
	case clinic != "" && patient != "":
		return []run{{bold: true, text: clinic}, {joint: "·", text: "for "}, {bold: true, text: patient}}
	case patient != "":
		return []run{{text: "For "}, {bold: true, text: patient}}
	case clinic != "":
		return []run{{text: "From "}, {bold: true, text: clinic}}
	}
	return nil
}

// whoLines is the line for whom flowed in w.
func (c *chart) whoLines(w float64) [][]run {
	if who := c.who(); who != nil {
		return c.flow(who, w-cellMargin, bodySize)
	}
	return nil
}

// pageTop is where the poses start on a page after the first: under the
// line for whom, on a handout.
func (c *chart) pageTop() float64 {
	if n := len(c.whoLines(c.doc.w - 2*c.mx)); n > 0 {
		return c.my + float64(n)*lineH + blockGap
	}
	return c.my
}

// headerLines are the first page's header as laid out.
type headerLines struct {
	purpose, who, strong [][]run
	// x is where strong starts: beside the title, or at the margin under
	// it.
	x float64
	// name: lines to write a name and the start date on, under the
	// title, the name's from nameX: the margin, or after the line for
	// whom when that is one line with room after it.
	name  bool
	nameX float64
}

// headerText lays out the header's lines: the routine's purpose, for whom
// (a handout) and what its intensity means, and where the last starts:
// beside the title when there it takes three lines at most, else under
// the title, the purpose and for whom.
func (c *chart) headerText() headerLines {
	w := c.doc.w - 2*c.mx
	var h headerLines
	if p := strings.Join(strings.Fields(c.r.Purpose), " "); p != "" && !c.text.noPurpose {
		h.purpose = c.flow([]run{{text: p}}, w-cellMargin, bodySize)
	}
	h.who = c.whoLines(w)
	h.name, h.nameX = c.nameLine(), c.mx
	if h.name && len(h.who) == 1 {
		ww := 0.0
		for _, r := range h.who[0] {
			ww += c.doc.stringWidth(r.text, bodySize, r.bold)
		}
		if x := c.mx + cellMargin + ww + 6; x+c.labelW(nameLabel)+minNameLine <= c.mx+c.grid.figW {
			h.nameX = x
		}
	}
	note := []run{{bold: true, text: "How strong? "}, {text: intensityNote(c.r)}}
	h.x = c.mx + cellMargin + c.doc.stringWidth(c.r.Name, titleSize, true) + 8
	if h.strong = c.flow(note, c.mx+w-h.x-strongIndent-cellMargin, bodySize); len(h.strong) <= 3 {
		return h
	}
	h.x = c.mx
	h.strong = c.flow(note, w-strongIndent-cellMargin, bodySize)
	return h
}

// strongIndent is the room for the bar left of what the intensity means.
const strongIndent = 2.5

// headerGap is the room between the header and the first pose;
// minNameLine the shortest line to write a name on after a clinic's.
const (
	headerGap   = 1.5
	minNameLine = 40.0
)

// headerH is where the header ends, as header draws it, and the first
// pose starts.
func (c *chart) headerH() float64 {
	h := c.headerText()
	end := c.my + titleH + 1
	if h.x > c.mx {
		end = max(end, c.my+0.5+float64(len(h.strong))*lineH)
	}
	end += float64(len(h.who)+len(h.purpose)) * lineH
	if h.name && h.nameX == c.mx {
		end += lineH
	}
	if h.x == c.mx {
		if len(h.who)+len(h.purpose) > 0 || h.name {
			end++
		}
		end += float64(len(h.strong)) * lineH
	}
	return end + headerGap
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
		return "The number out of 10 is the effort: steady work you can breathe through, never a strain. It is not a pain score."
	}
	level := "5/10"
	if len(levels) == 1 {
		for l := range levels {
			level = fmt.Sprintf("%d/10", l)
		}
	}
	return level + " means a clear, easy pull that lets you breathe slowly. It is not a pain score."
}

// doseParts are a dose line's two phrases, for example "Hold 1 minute"
// and "stretch 5/10": how long or how many, and how strong. That it is
// done on each side goes on the line above, with the side shown, so that
// every pose's dose says the same two things in the same way.
func doseParts(e backcare.Entry) (hold, level string) {
	// "6-4-2 reps, 10-second hold": short enough for the narrowest text
	// column to hold it whole.
	s := strings.Replace(e.Dose.String(), " with a ", ", ", 1)
	s = strings.ToUpper(s[:1]) + s[1:]
	if e.Pose.Kind == backcare.Stretch {
		return s, fmt.Sprintf("stretch %d/10", e.Dose.Intensity)
	}
	return s, fmt.Sprintf("effort %d/10", e.Dose.Intensity)
}

// doseLines is a pose's dose as the chart sets it, the same way on every
// pose of the chart, right under its name (and the side shown): one line,
// "Hold 1 minute · stretch 5/10", when every pose's dose fits the text
// column on one line; else, on every pose, how long or how many on one
// line and how strong on the next, without the dot. (The lunge's dose
// once broke over two lines beside the zombie crawl's one.)
func (c *chart) doseLines(e backcare.Entry) [][]run {
	w := c.grid.textW - cellMargin
	hold, level := doseParts(e)
	if c.doseOneLine(w) {
		return [][]run{{{bold: true, text: hold + " · " + level}}}
	}
	return append(c.flow([]run{{bold: true, keep: true, text: hold}}, w, bodySize),
		c.flow([]run{{bold: true, keep: true, text: level}}, w, bodySize)...)
}

// doseOneLine reports whether every pose's dose fits one line w wide.
func (c *chart) doseOneLine(w float64) bool {
	if c.widestDose == 0 {
		for _, e := range c.r.Entries {
			hold, level := doseParts(e)
			c.widestDose = max(c.widestDose, c.doc.stringWidth(hold+" · "+level, bodySize, true))
		}
	}
	return c.widestDose <= w
}

// stopSigns gathers the stop signs of every pose, each once, in order.
// Signs that say the same thing for different poses are said once: one
// that only adds to another ("knee pain on the kneeling leg" after "knee
// pain") goes, and ones that differ only in their end ("back pain that
// builds while you hold", "... with each rep") are joined ("back pain
// that builds while you hold or with each rep").
func stopSigns(r backcare.Routine) []string {
	var signs [][]string // each sign's words
	for _, e := range r.Entries {
		for _, s := range e.Pose.StopSigns {
			signs = append(signs, strings.Fields(strings.TrimRight(strings.TrimSpace(s), ".")))
		}
	}
	same := func(a, b string) bool { return strings.EqualFold(a, b) }
	covers := func(short, long []string) bool { // short is long's first words
		return len(short) <= len(long) && slices.EqualFunc(short, long[:len(short)], same)
	}
	var kept [][]string
	for i, w := range signs {
		if len(w) == 0 || slices.ContainsFunc(signs[:i], func(o []string) bool { return covers(o, w) }) ||
			slices.ContainsFunc(signs[i+1:], func(o []string) bool { return covers(o, w) && len(o) < len(w) }) {
			continue // said already, or said by a shorter sign to come
		}
		kept = append(kept, w)
	}
	// Join the signs that share their first words, as many as a whole
	// phrase of its own ("back pain that builds"), keeping the first's
	// place.
	const shared = 4
	var out []string
	done := make([]bool, len(kept))
	for i, w := range kept {
		if done[i] {
			continue
		}
		ends := []string{}
		if len(w) > shared {
			for j := i + 1; j < len(kept); j++ {
				if o := kept[j]; !done[j] && len(o) > shared && slices.EqualFunc(w[:shared], o[:shared], same) {
					ends, done[j] = append(ends, strings.Join(o[shared:], " ")), true
				}
			}
		}
		if len(ends) == 0 {
			out = append(out, strings.Join(w, " "))
			continue
		}
		ends = append([]string{strings.Join(w[shared:], " ")}, ends...)
		last := len(ends) - 1
		out = append(out, strings.Join(w[:shared], " ")+" "+strings.Join(ends[:last], ", ")+" or "+ends[last])
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

// safetyNote is the footer's note on what the chart is not.
const safetyNote = "self-care, not a diagnosis. After a serious injury or accident, see a doctor first; get advice if pain does not settle."

// footerLines flows the footer: when to stop, once for the whole page,
// and the safety note, in one paragraph of body text, and finds its
// height: with the small print on a line of its own under them, or set
// into the footer's rule (fineInRule).
func (c *chart) footerLines() {
	w := c.doc.w - 2*c.mx - cellMargin
	c.stop = c.flow([]run{
		{bold: true, warn: true, text: "Stop at once and rest if you feel: "},
		{warn: true, text: stopList(stopSigns(c.r))},
		{bold: true, text: "Safety: "}, {text: safetyNote},
	}, w, bodySize)
	c.footerH = 2.5 + float64(len(c.stop))*lineH
	if !c.fineInRule {
		c.footerH += fineGap + fineH
	} else {
		c.footerH += fineRise
	}
}

// fineRise is how far the small print, centred on the footer's rule,
// rises above it: room kept between the page's text and the rule.
const fineRise = 1.5

// fineGap is the room between the safety note and the small print on its
// own line.
const fineGap = 0.8

// fineLine is the footer's small print: when the chart was printed, and
// the page number on a chart of several pages. The month is short ("3
// Dec 2026").
func (c *chart) fineLine(p, n int) string { return fineText(p, n, c.o.Now) }

func fineText(p, n int, at time.Time) string {
	printed := "printed " + at.Format("2 Jan 2006")
	if n == 1 {
		return printed
	}
	return fmt.Sprintf("Page %d of %d · %s", p, n, printed)
}

// footerTop is where the footer's rule is drawn.
func (c *chart) footerTop() float64 {
	top := c.doc.h - c.my - c.footerH + 1
	if c.fineInRule {
		top += fineRise // the room kept above the rule for the small print
	}
	return top
}

// footers writes the stop signs, the safety note and the small print on
// every page: the small print right-aligned in small grey type, on a line
// of its own, or where the page has no room for that, at the right end of
// the footer's rule, which stops short of it; never on the safety note's
// last line, where it read as part of the note.
func (c *chart) footers() {
	d := c.doc
	n := d.pageCount()
	w := d.w - 2*c.mx
	for p := 1; p <= n; p++ {
		d.setPage(p)
		y := c.footerTop()
		fine := c.fineLine(p, n)
		end := d.w - c.mx
		c.setFont(false, fineSize)
		c.colour(soft)
		if c.fineInRule {
			fw := c.width(fine)
			// Centred on the rule.
			c.cell(c.mx, y, w+cellMargin, 0, fine, "R")
			end -= fw + 2.5
		}
		d.stroke(ruleLine)
		d.lineWidth(0.3)
		d.line(c.mx, y, end, y)
		y += 1.5
		c.draw(c.stop, c.mx, y, bodySize, ink)
		y += float64(len(c.stop)) * lineH
		if !c.fineInRule {
			c.setFont(false, fineSize)
			c.colour(soft)
			c.cell(c.mx, y+fineGap, w+cellMargin, fineH, fine, "R")
		}
	}
}

// run is a piece of text in one style: regular or bold, in the
// paragraph's colour or, warn, in the colour of a warning. A run to keep
// is a phrase that flow breaks only when it is wider than the line. A
// joint ("·") goes between the run and the text before it on the same
// line, and is left out where a line breaks between them.
type run struct {
	bold, warn, keep bool
	joint            string
	text             string
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
		if r.warn {
			key.WriteByte(2)
		}
		if r.keep {
			key.WriteByte(3)
		}
		if r.joint != "" {
			key.WriteString(r.joint)
			key.WriteByte(4)
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

// flowWords is flow without the cache. It avoids leaving one word alone
// on a paragraph's last line: when the lines break that way, it breaks
// them a little narrower, down to half, as long as that takes no more
// lines; failing that, the same again breaking words after a hyphen.
func (c *chart) flowWords(runs []run, w, size float64) [][]run {
	lines := c.breakLines(runs, w, size)
	if n := len(lines); n < 2 || words(lines[n-1]) > 1 {
		return lines
	}
	// Else, the same, a word with hyphens also breaking after one:
	// "26 Heel-to-Toe Stance", a little longer than its column, left
	// "Stance" alone however narrow its lines ("26 Heel-to- / Toe
	// Stance").
	for _, hyphens := range []bool{false, true} {
		for nw := w - 0.5; nw >= w/2; nw -= 0.5 {
			alt := c.breakLinesAt(runs, nw, size, hyphens)
			if n := len(alt); n > len(lines) {
				break
			} else if words(alt[n-1]) > 1 {
				return alt
			}
		}
	}
	return lines
}

// words counts the words on a line.
func words(line []run) int {
	n := 0
	for _, r := range line {
		n += len(strings.Fields(r.text))
	}
	return n
}

// breakLines breaks runs into lines no wider than w, word by word, each
// line as full as it goes.
func (c *chart) breakLines(runs []run, w, size float64) [][]run {
	return c.breakLinesAt(runs, w, size, false)
}

// breakLinesAt is breakLines, and with hyphens, a word may also break
// after each of its hyphens.
func (c *chart) breakLinesAt(runs []run, w, size float64, hyphens bool) [][]run {
	d := c.doc
	var lines [][]run
	var line []run
	x := 0.0
	for _, r := range runs {
		space := d.stringWidth(" ", size, r.bold)
		units := strings.Fields(r.text)
		if phrase := strings.Join(units, " "); r.keep && d.stringWidth(phrase, size, r.bold) <= w {
			units = []string{phrase}
		}
		// glued: the unit goes on from the one before it with no space,
		// the rest of a word broken after a hyphen.
		var glued []bool
		if hyphens && !r.keep {
			var split []string
			for _, u := range units {
				parts := strings.SplitAfter(u, "-")
				for k, part := range parts {
					if part == "" {
						continue
					}
					split = append(split, part)
					glued = append(glued, k > 0)
				}
			}
			units = split
		}
		for j, word := range units {
			ww := d.stringWidth(word, size, r.bold)
			gap := 0.0
			if len(line) > 0 {
				gap = space
			}
			glue := glued != nil && glued[j] && len(line) > 0
			if glue {
				gap = 0
			}
			// The joint before the run's first word when both go on the
			// line; where they do not, the line breaks without it.
			if j == 0 && r.joint != "" && len(line) > 0 {
				joined := r.joint + " " + word
				if jw := d.stringWidth(joined, size, r.bold); x+gap+jw <= w {
					word, ww = joined, jw
				} else {
					lines = append(lines, line)
					line, x, gap = nil, 0, 0
				}
			}
			if len(line) > 0 && x+gap+ww > w {
				lines = append(lines, line)
				line, x, gap = nil, 0, 0
			}
			sep := " "
			if glue && len(line) > 0 {
				sep = ""
			}
			if n := len(line); n > 0 && line[n-1].bold == r.bold && line[n-1].warn == r.warn {
				line[n-1].text += sep + word
			} else {
				t := word
				if n > 0 {
					t = sep + word
				}
				line = append(line, run{bold: r.bold, warn: r.warn, text: t})
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
	if len(lines) > 1 {
		c.paras = append(c.paras, lines)
	}
	for i, line := range lines {
		cx := x
		for _, r := range line {
			c.colour(col)
			if r.warn {
				c.colour(warnInk)
			}
			c.setFont(r.bold, size)
			w := c.width(r.text)
			c.cell(cx, y+float64(i)*lh, w, lh, r.text, "L")
			cx += w
		}
	}
}
