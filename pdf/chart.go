// Package pdf prints backcare's pose charts: one or more pages a person can
// stick on the wall, with a vector figure of every pose, its dose, short
// steps, what to feel and when to stop.
//
// Text is set in the Go fonts, embedded as UTF-8 subsets, so the PDF needs
// nothing installed to print and its text can be selected and searched.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/goregular"

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
	c.doc = fpdf.New("P", "mm", paper, "")
	c.setup()
	c.header()
	for i, e := range r.Entries {
		c.pose(i, e, drawings[i])
	}
	c.footers()
	var buf bytes.Buffer
	if err := c.doc.Output(&buf); err != nil {
		return fmt.Errorf("pdf: chart: %w", err)
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("pdf: chart: write: %w", err)
	}
	return nil
}

func paperSize(p string) (string, error) {
	switch strings.ToLower(p) {
	case "", "a4":
		return "A4", nil
	case "letter":
		return "Letter", nil
	}
	return "", backcare.Errorf(backcare.EINVALID, "%q is not a paper size backcare knows", p).
		WithHint("use a4 or letter")
}

type chart struct {
	doc *fpdf.Fpdf
	r   backcare.Routine
	o   Options
	pw  float64 // page width
	ph  float64 // page height
}

func (c *chart) setup() {
	d := c.doc
	d.AddUTF8FontFromBytes("go", "", goregular.TTF)
	d.SetMargins(margin, margin, margin)
	d.SetAutoPageBreak(false, 0)
	d.SetTitle(c.r.Name+": pose chart", true)
	d.SetSubject(c.r.Purpose, true)
	d.SetCreator("backcare", true)
	d.SetAuthor("backcare", true)
	d.SetKeywords("lower back, stretches, pose chart", true)
	d.SetLang("en")
	d.SetCreationDate(c.o.Now)
	d.SetModificationDate(c.o.Now)
	d.SetCatalogSort(true)
	c.pw, c.ph = d.GetPageSize()
	d.AddPage()
}

// colour sets the colour of text, and of the outline that makes bold text.
func (c *chart) colour(col rgb) {
	c.doc.SetTextColor(col.r, col.g, col.b)
	c.doc.SetDrawColor(col.r, col.g, col.b)
}

// setFont selects the one embedded font at a size. Bold is drawn by
// outlining the letters as well as filling them: loading a second font
// face would double the cost of every chart (fpdf parses and hashes each
// face on every document), and a thin outline reads as bold in print.
func (c *chart) setFont(bold bool, size float64) {
	c.doc.SetFont("go", "", size)
	if bold {
		c.doc.SetTextRenderingMode(2)
		c.doc.SetLineWidth(size * 0.011)
	} else {
		c.doc.SetTextRenderingMode(0)
	}
}

// header writes the title, the purpose and what 5/10 means.
func (c *chart) header() {
	d := c.doc
	w := c.pw - 2*margin
	d.SetXY(margin, margin)
	c.setFont(true, titleSize)
	c.colour(ink)
	d.CellFormat(w, 9, c.r.Name, "", 0, "L", false, 0, "")
	c.setFont(false, 9)
	c.colour(soft)
	d.SetXY(margin, margin+1.5)
	d.CellFormat(w, 6, "Pose chart", "", 1, "R", false, 0, "")
	d.SetY(margin + 11)
	c.setFont(false, 10.5)
	c.colour(ink)
	d.MultiCell(w, 4.8, c.r.Purpose, "", "L", false)

	// What the intensity means, on a tinted panel.
	y := d.GetY() + 2.5
	text := []run{
		{bold: true, text: "How strong? "},
		{text: intensityNote(c.r)},
	}
	lines := c.flow(text, w-8, bodySize)
	h := float64(len(lines))*lineH + 5
	d.SetFillColor(panel.r, panel.g, panel.b)
	d.RoundedRect(margin, y, w, h, 2, "1234", "F")
	c.draw(lines, margin+4, y+2.5, bodySize, ink)
	d.SetY(y + h + 5)
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
	w := c.pw - margin - x

	name := fmt.Sprintf("%d  %s", i+1, e.Pose.Name)
	dose := doseLine(e)
	var steps [][][]run
	for n, s := range e.Pose.Steps {
		steps = append(steps, c.flow([]run{{text: s}}, w-6, bodySize))
		_ = n
	}
	feel := c.flow([]run{{bold: true, text: "You should feel: "}, {text: e.Pose.Feel}}, w, bodySize)
	stop := c.flow([]run{{bold: true, text: "Stop at once on: "}, {text: stopList(e.Pose.StopSigns)}}, w, bodySize)

	textH := 6.5 + 5.5
	for _, s := range steps {
		textH += float64(len(s)) * lineH
	}
	textH += 1.5 + float64(len(feel))*lineH + 1.5 + float64(len(stop))*lineH
	h := max(figH, textH)

	y := d.GetY()
	if y+h > c.ph-margin-footerH {
		d.AddPage()
		y = margin
	}

	// The figure, on a tinted panel.
	d.SetFillColor(panel.r, panel.g, panel.b)
	d.RoundedRect(margin, y, figW, figH, 2, "1234", "F")
	c.figure(dr, margin+2, y+2, figW-4, figH-4)

	ty := y
	d.SetXY(x, ty)
	c.setFont(true, nameSize)
	c.colour(ink)
	d.CellFormat(w, 6.5, name, "", 0, "L", false, 0, "")
	ty += 6.5
	d.SetXY(x, ty)
	c.setFont(true, bodySize)
	c.colour(accent)
	d.CellFormat(w, 5.5, dose, "", 0, "L", false, 0, "")
	ty += 5.5
	for n, s := range steps {
		c.setFont(true, bodySize)
		c.colour(accent)
		d.SetXY(x, ty)
		d.CellFormat(6, lineH, fmt.Sprintf("%d.", n+1), "", 0, "L", false, 0, "")
		c.draw(s, x+6, ty, bodySize, ink)
		ty += float64(len(s)) * lineH
	}
	ty += 1.5
	c.draw(feel, x, ty, bodySize, ink)
	ty += float64(len(feel))*lineH + 1.5
	c.draw(stop, x, ty, bodySize, warnInk)

	end := y + h + blockGap
	d.SetDrawColor(ruleLine.r, ruleLine.g, ruleLine.b)
	d.SetLineWidth(0.2)
	d.Line(margin, end-blockGap/2, c.pw-margin, end-blockGap/2)
	d.SetY(end)
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
	n := d.PageCount()
	note := "Self-care education, not a diagnosis. After a serious injury or accident, see a doctor before doing these. " +
		"Stop at once on sharp pain, numbness or tingling, and get advice if it does not settle."
	w := c.pw - 2*margin
	for p := 1; p <= n; p++ {
		d.SetPage(p)
		y := c.ph - margin - footerH + 3
		d.SetDrawColor(ruleLine.r, ruleLine.g, ruleLine.b)
		d.SetLineWidth(0.3)
		d.Line(margin, y, c.pw-margin, y)
		lines := c.flow([]run{{bold: true, text: "Safety: "}, {text: note}}, w, 8.5)
		c.draw(lines, margin, y+1.8, 8.5, ink)
		c.setFont(false, 8)
		c.colour(soft)
		d.SetXY(margin, c.ph-margin-3.5)
		d.CellFormat(w/2, 4, "Printed "+c.o.Now.Format("2 January 2006")+" with backcare", "", 0, "L", false, 0, "")
		d.SetXY(margin+w/2, c.ph-margin-3.5)
		d.CellFormat(w/2, 4, fmt.Sprintf("Page %d of %d", p, n), "", 0, "R", false, 0, "")
	}
}

// run is a piece of text in one style.
type run struct {
	bold bool
	text string
}

// flow breaks runs into lines no wider than w at the given size, word by
// word; it measures each word in its own font, so bold labels wrap right.
func (c *chart) flow(runs []run, w, size float64) [][]run {
	d := c.doc
	var lines [][]run
	var line []run
	x := 0.0
	space := func(bold bool) float64 {
		c.setFont(bold, size)
		return d.GetStringWidth(" ")
	}
	for _, r := range runs {
		for _, word := range strings.Fields(r.text) {
			c.setFont(r.bold, size)
			ww := d.GetStringWidth(word)
			gap := 0.0
			if len(line) > 0 {
				gap = space(r.bold)
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
	d := c.doc
	c.colour(col)
	for i, line := range lines {
		cx := x
		for _, r := range line {
			c.setFont(r.bold, size)
			w := d.GetStringWidth(r.text)
			d.SetXY(cx, y+float64(i)*lineH)
			d.CellFormat(w, lineH, r.text, "", 0, "L", false, 0, "")
			cx += w
		}
	}
}

// figure draws a pose's figure as vectors, fitted into the box.
func (c *chart) figure(dr *figure.Drawing, x, y, w, h float64) {
	d := c.doc
	dw, dh := dr.Max.X-dr.Min.X, dr.Max.Y-dr.Min.Y
	s := min(w/dw, h/dh)
	ox := x + (w-dw*s)/2 - dr.Min.X*s
	oy := y + (h-dh*s)/2 + dr.Max.Y*s
	px := func(p figure.Point) (float64, float64) { return ox + p.X*s, oy - p.Y*s }
	pal := figure.Paper
	d.SetLineCapStyle("round")
	d.SetLineJoinStyle("round")
	for _, sh := range dr.Shapes {
		col := pal.Colour(sh.Class)
		d.SetFillColor(int(col.R), int(col.G), int(col.B))
		d.SetDrawColor(int(col.R), int(col.G), int(col.B))
		if sh.Class == figure.Prop {
			d.SetDrawColor(int(pal.PropEdge.R), int(pal.PropEdge.G), int(pal.PropEdge.B))
		}
		if col.A < 0xff {
			d.SetAlpha(float64(col.A)/255, "Normal")
		}
		if sh.Radius > 0 {
			cx, cy := px(sh.Points[0])
			d.Circle(cx, cy, sh.Radius*s, "F")
		} else {
			d.SetLineWidth(max(sh.Width*s, 0.01))
			for i, p := range sh.Points {
				X, Y := px(p)
				if i == 0 {
					d.MoveTo(X, Y)
				} else {
					d.LineTo(X, Y)
				}
			}
			switch {
			case sh.Closed && sh.Width > 0:
				d.ClosePath()
				d.DrawPath("FD")
			case sh.Closed:
				d.ClosePath()
				d.DrawPath("F")
			default:
				d.DrawPath("D")
			}
		}
		if col.A < 0xff {
			d.SetAlpha(1, "Normal")
		}
	}
	d.SetLineCapStyle("butt")
	d.SetLineJoinStyle("miter")
}
