// Package pdf prints backcare's pose charts: one or more pages a person can
// stick on the wall, with a vector figure of every pose, its dose, short
// steps, what to feel and when to stop.
//
// Text is set in the Go Regular font, embedded as a subset of the glyphs
// used (any Unicode text the font covers), so the PDF needs nothing
// installed to print and its text can be selected and searched.
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
}

// Layout, in millimetres and points.
const (
	margin    = 14.0
	figW      = 58.0 // the figure's box
	figH      = 46.0
	colGap    = 6.0
	blockGap  = 5.0
	footerH   = 16.0
	bodySize  = 9.5
	lineH     = 4.3 // line height of body text
	nameSize  = 13.0
	titleSize = 20.0
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
	font, err := goRegular()
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
		d, err := figure.Draw(e.Pose.Figure, side)
		if err != nil {
			return fmt.Errorf("pdf: chart: figure of %s: %w", e.Pose.ID, err)
		}
		drawings[i] = d
	}
	c.doc = newDoc(paper[0], paper[1], font)
	c.setup()
	c.header()
	for i, e := range r.Entries {
		c.pose(i, e, drawings[i])
	}
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

// colour sets the colour of text, and of the outline that makes bold text.
func (c *chart) colour(col rgb) {
	c.doc.fill(col)
	c.doc.stroke(col)
}

// setFont selects the one embedded font at a size. Bold is drawn by
// outlining the letters as well as filling them: a second font face would
// double the font data in every chart, and a thin outline reads as bold
// in print.
func (c *chart) setFont(bold bool, size float64) {
	c.bold, c.size = bold, size
}

// cell writes one line of text in the current style in a box.
func (c *chart) cell(x, y, w, h float64, s, align string) {
	c.doc.cell(x, y, w, h, c.size, s, align, c.bold, c.size*0.011)
}

func (c *chart) width(s string) float64 { return c.doc.stringWidth(s, c.size) }

// header writes the title, the purpose and what 5/10 means.
func (c *chart) header() {
	d := c.doc
	w := d.w - 2*margin
	c.setFont(true, titleSize)
	c.colour(ink)
	c.cell(margin, margin, w, 9, c.r.Name, "L")
	c.setFont(false, 9)
	c.colour(soft)
	c.cell(margin, margin+1.5, w, 6, "Pose chart", "R")
	y := margin + 11
	c.colour(ink)
	purpose := c.flow([]run{{text: c.r.Purpose}}, w-2*cellMargin, 10.5)
	c.setFont(false, 10.5)
	for i, line := range purpose {
		c.cell(margin, y+float64(i)*4.8, w, 4.8, line[0].text, "L")
	}
	y += float64(len(purpose)) * 4.8

	// What the intensity means, on a tinted panel.
	y += 2.5
	text := []run{
		{bold: true, text: "How strong? "},
		{text: intensityNote(c.r)},
	}
	lines := c.flow(text, w-8, bodySize)
	h := float64(len(lines))*lineH + 5
	d.fill(panel)
	d.roundedRect(margin, y, w, h, 2)
	c.draw(lines, margin+4, y+2.5, bodySize, ink)
	c.y = y + h + 5
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
		return "The number out of 10 is how hard the exercise should feel: steady work you can breathe through, never strain. It is not a pain score; stop if anything hurts."
	}
	level := "5/10"
	if len(levels) == 1 {
		for l := range levels {
			level = fmt.Sprintf("%d/10", l)
		}
	}
	return level + " is how strong the stretch should feel: a clear, easy pull that lets you breathe slowly and stay relaxed. It is not a pain score. If it hurts, ease off; sharp pain, numbness or tingling means stop."
}

// pose writes one pose's block, starting a new page if the whole block does
// not fit on this one: a pose is never split across pages.
func (c *chart) pose(i int, e backcare.Entry, dr *figure.Drawing) {
	d := c.doc
	x := margin + figW + colGap
	w := d.w - margin - x

	name := fmt.Sprintf("%d  %s", i+1, e.Pose.Name)
	dose := doseLine(e)
	var steps [][][]run
	for _, s := range e.Pose.Steps {
		steps = append(steps, c.flow([]run{{text: s}}, w-6, bodySize))
	}
	feel := c.flow([]run{{bold: true, text: "You should feel: "}, {text: e.Pose.Feel}}, w, bodySize)
	stop := c.flow([]run{{bold: true, text: "Stop at once on: "}, {text: stopList(e.Pose.StopSigns)}}, w, bodySize)

	textH := 6.5 + 5.5
	for _, s := range steps {
		textH += float64(len(s)) * lineH
	}
	textH += 1.5 + float64(len(feel))*lineH + 1.5 + float64(len(stop))*lineH
	h := max(figH, textH)

	y := c.y
	if y+h > d.h-margin-footerH {
		d.addPage()
		y = margin
	}

	// The figure, on a tinted panel.
	d.fill(panel)
	d.roundedRect(margin, y, figW, figH, 2)
	c.figure(dr, margin+2, y+2, figW-4, figH-4)

	ty := y
	c.setFont(true, nameSize)
	c.colour(ink)
	c.cell(x, ty, w, 6.5, name, "L")
	ty += 6.5
	c.setFont(true, bodySize)
	c.colour(accent)
	c.cell(x, ty, w, 5.5, dose, "L")
	ty += 5.5
	for n, s := range steps {
		c.setFont(true, bodySize)
		c.colour(accent)
		c.cell(x, ty, 6, lineH, fmt.Sprintf("%d.", n+1), "L")
		c.draw(s, x+6, ty, bodySize, ink)
		ty += float64(len(s)) * lineH
	}
	ty += 1.5
	c.draw(feel, x, ty, bodySize, ink)
	ty += float64(len(feel))*lineH + 1.5
	c.draw(stop, x, ty, bodySize, warnInk)

	end := y + h + blockGap
	d.stroke(ruleLine)
	d.lineWidth(0.2)
	d.line(margin, end-blockGap/2, d.w-margin, end-blockGap/2)
	c.y = end
}

// doseLine is, for example, "Hold 1 minute, each side · stretch 5/10".
func doseLine(e backcare.Entry) string {
	s := e.Dose.String()
	s = strings.ToUpper(s[:1]) + s[1:]
	if e.Pose.Sided {
		s += ", each side"
	}
	if e.Pose.Kind == backcare.Stretch {
		return fmt.Sprintf("%s  ·  stretch %d/10", s, e.Dose.Intensity)
	}
	return fmt.Sprintf("%s  ·  effort %d/10", s, e.Dose.Intensity)
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

// footers writes the safety note, the date and the page number on every page.
func (c *chart) footers() {
	d := c.doc
	n := d.pageCount()
	note := "Self-care education, not a diagnosis. After a serious injury or accident, see a doctor before doing these. " +
		"Stop at once on sharp pain, numbness or tingling, and get advice if it does not settle."
	w := d.w - 2*margin
	lines := c.flow([]run{{bold: true, text: "Safety: "}, {text: note}}, w, 8.5)
	for p := 1; p <= n; p++ {
		d.setPage(p)
		y := d.h - margin - footerH + 3
		d.stroke(ruleLine)
		d.lineWidth(0.3)
		d.line(margin, y, d.w-margin, y)
		c.draw(lines, margin, y+1.8, 8.5, ink)
		c.setFont(false, 8)
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
// word. Bold and regular text are the same font (bold is outlined), so
// they measure the same.
func (c *chart) flow(runs []run, w, size float64) [][]run {
	d := c.doc
	var lines [][]run
	var line []run
	x := 0.0
	space := d.stringWidth(" ", size)
	for _, r := range runs {
		for _, word := range strings.Fields(r.text) {
			ww := d.stringWidth(word, size)
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

// draw writes flowed lines from (x, y).
func (c *chart) draw(lines [][]run, x, y, size float64, col rgb) {
	c.colour(col)
	for i, line := range lines {
		cx := x
		for _, r := range line {
			c.setFont(r.bold, size)
			w := c.width(r.text)
			c.cell(cx, y+float64(i)*lineH, w, lineH, r.text, "L")
			cx += w
		}
	}
}
