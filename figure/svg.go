package figure

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// SVGOptions describe an SVG figure.
type SVGOptions struct {
	// Title names the figure for screen readers (the pose's name); Desc
	// describes it in a sentence.
	Title, Desc string
	// ID prefixes the ids of the title and description, which must be
	// unique on a page showing several figures.
	ID string
	// Width and Height, when set, become the svg element's size attributes
	// (for example "12em"); without them the figure scales to its container.
	Width, Height string
}

// svgScale turns model units (the person's height) into SVG user units, so
// that coordinates are short numbers with one decimal.
const svgScale = 100

// svgClass maps a class to its presentation attributes, so that a figure
// looks right on its own (opened as a file, or inlined in a page with no
// stylesheet for it). Colours of the body and props come from currentColor,
// so the figure follows the page's text colour in light and dark themes.
//
// The figure carries no style attribute and no <style> element: a strict
// Content-Security-Policy (style-src 'self') blocks both. Presentation
// attributes are not styles in CSP's sense and lose to any CSS rule, so a
// page restyles a figure through its classes alone, e.g.
//
//	.bc-figure .bc-highlight { fill: var(--my-accent); stroke: var(--my-accent); }
//
// (classes bc-ground, bc-prop, bc-far, bc-near, bc-highlight, bc-reach, bc-space,
// bc-shadow; a hidden part's dashed outline is a group of class bc-hidden in a mask).
var svgClass = map[Class]string{
	Ground:    `fill="currentColor" fill-opacity="0.45"`,
	Prop:      `fill="currentColor" fill-opacity="0.1" stroke="currentColor" stroke-opacity="0.4"`,
	Far:       `fill="currentColor" stroke="currentColor" opacity="0.4"`,
	Near:      `fill="currentColor" stroke="currentColor"`,
	Highlight: `fill="#f07a22" stroke="#f07a22" opacity="0.8"`,
	Reach:     `fill="#c2372b" stroke="#c2372b"`,
	Space:     `fill="#4aa3df" stroke="#4aa3df"`,
	Shadow:    `fill="currentColor" stroke="currentColor" opacity="0.22"`,
}

// SVG writes the drawing as a standalone, scalable SVG element with a title
// and description for screen readers. It can be inlined in a page.
func (d *Drawing) SVG(w io.Writer, o SVGOptions) error {
	return SVGFrames(w, []*Drawing{d}, o)
}

// SVGFrames writes the frames of a movement (DrawFrames) as one SVG: each
// frame in a group of classes bc-frame and bc-frame-N (from 1), laid over
// one another in the same box, so that a page's CSS can show them in turn
// (app.css does, unless the person asks for reduced motion). A single
// frame is written as SVG does, with no group.
func SVGFrames(w io.Writer, frames []*Drawing, o SVGOptions) error {
	if len(frames) == 0 {
		return fmt.Errorf("figure: svg: no frames to draw")
	}
	bw := bufio.NewWriter(w)
	n := func(v float64) string { return strconv.FormatFloat(v*svgScale, 'f', 1, 64) }
	ny := func(v float64) string { return strconv.FormatFloat(-v*svgScale, 'f', 1, 64) }
	id := o.ID
	if id == "" {
		id = "figure"
	}
	d := frames[0]
	lo, hi := d.Min, d.Max
	for _, f := range frames[1:] {
		lo = Point{min(lo.X, f.Min.X), min(lo.Y, f.Min.Y)}
		hi = Point{max(hi.X, f.Max.X), max(hi.Y, f.Max.Y)}
	}
	class := "bc-figure"
	if len(frames) > 1 {
		class += " bc-moves"
	}
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" class="%s" viewBox="%s %s %s %s" role="img" aria-labelledby="%s-title %s-desc"`,
		class, n(lo.X), ny(hi.Y), n(hi.X-lo.X), n(hi.Y-lo.Y), escAttr(id), escAttr(id))
	if o.Width != "" {
		fmt.Fprintf(bw, ` width="%s"`, escAttr(o.Width))
	}
	if o.Height != "" {
		fmt.Fprintf(bw, ` height="%s"`, escAttr(o.Height))
	}
	fmt.Fprint(bw, ">\n")
	fmt.Fprintf(bw, "<title id=\"%s-title\">%s</title>\n", escAttr(id), esc(o.Title))
	fmt.Fprintf(bw, "<desc id=\"%s-desc\">%s</desc>\n", escAttr(id), esc(o.Desc))
	if len(frames) == 1 {
		d.svgShapes(bw, id, n, ny)
	} else {
		for i, f := range frames {
			fmt.Fprintf(bw, "<g class=\"bc-frame bc-frame-%d\">\n", i+1)
			f.svgShapes(bw, fmt.Sprintf("%s-f%d", id, i+1), n, ny)
			fmt.Fprint(bw, "</g>\n")
		}
	}
	fmt.Fprint(bw, "</svg>\n")
	// bufio remembers the first write error; Flush reports it.
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("figure: svg: %w", err)
	}
	return nil
}

// svgShapes writes the drawing's shapes; id prefixes the ids of its masks.
func (d *Drawing) svgShapes(bw *bufio.Writer, id string, n, ny func(float64) string) {
	// Gaps become masks: the body painted so far is wrapped in a group
	// masked by the gap of the part that comes next, so the gap shows
	// whatever is behind the body (the page, a prop) in any theme.
	var (
		body  strings.Builder // the body so far, nested in masks
		masks strings.Builder
		open  Class
		nmask int
	)
	out := io.Writer(bw)
	closeRun := func() {
		if open != "" {
			fmt.Fprint(out, "</g>\n")
			open = ""
		}
	}
	for i := 0; i < len(d.Shapes); i++ {
		s := d.Shapes[i]
		switch s.Class {
		case Far, Near, Highlight:
			// A highlight lies on the body and is cut by the gaps of the
			// parts painted over it, like the body itself.
			if out == io.Writer(bw) {
				closeRun()
				out = &body
			}
		case Gap, Hidden:
			closeRun()
			nmask++
			id := fmt.Sprintf("%s-gap%d", escAttr(id), nmask)
			fmt.Fprintf(&masks, "<mask id=\"%s\" maskUnits=\"userSpaceOnUse\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\">\n",
				id, n(d.Min.X-1), ny(d.Max.Y+1), n(d.Max.X-d.Min.X+2), n(d.Max.Y-d.Min.Y+2))
			fmt.Fprintf(&masks, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"#fff\"/>\n",
				n(d.Min.X-1), ny(d.Max.Y+1), n(d.Max.X-d.Min.X+2), n(d.Max.Y-d.Min.Y+2))
			run := s.Class
			if run == Hidden {
				// A hidden part's window, the body over it grey in
				// the mask (seen through), and its dashed outline,
				// cut into the body as a gap is.
				grey := int(math.Round(255 * (1 - HiddenSeeThrough)))
				fmt.Fprintf(&masks, "<g class=\"bc-hidden\" fill=\"none\" stroke=\"#000\" stroke-dasharray=\"%s %s\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n",
					n(HiddenDash-HiddenWidth), n(HiddenSpace+HiddenWidth))
				for ; i < len(d.Shapes) && d.Shapes[i].Class == run; i++ {
					h := d.Shapes[i]
					if h.Closed {
						win := h
						win.Width = 0
						fmt.Fprintf(&masks, "<g fill=\"#%02x%02x%02x\" stroke=\"none\">\n", grey, grey, grey)
						svgShape(&masks, win, n, ny)
						fmt.Fprint(&masks, "</g>\n")
					}
					h.Closed = false // the dashes do not close it
					svgShape(&masks, h, n, ny)
				}
			} else {
				fmt.Fprint(&masks, "<g fill=\"#000\" stroke=\"#000\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n")
				for ; i < len(d.Shapes) && d.Shapes[i].Class == run; i++ {
					svgShape(&masks, d.Shapes[i], n, ny)
				}
			}
			i--
			fmt.Fprint(&masks, "</g>\n</mask>\n")
			wrapped := fmt.Sprintf("<g mask=\"url(#%s)\">\n%s</g>\n", id, body.String())
			body.Reset()
			body.WriteString(wrapped)
			continue
		default:
			if out != io.Writer(bw) {
				closeRun()
				if masks.Len() > 0 {
					fmt.Fprintf(bw, "<defs>\n%s</defs>\n", masks.String())
					masks.Reset()
				}
				fmt.Fprint(bw, body.String())
				body.Reset()
				out = bw
			}
		}
		if s.Class != open {
			closeRun()
			fmt.Fprintf(out, "<g class=\"bc-%s\" %s stroke-linecap=\"round\" stroke-linejoin=\"round\">\n", s.Class, svgClass[s.Class])
			open = s.Class
		}
		svgShape(out, s, n, ny)
	}
	closeRun()
	if out != io.Writer(bw) {
		if masks.Len() > 0 {
			fmt.Fprintf(bw, "<defs>\n%s</defs>\n", masks.String())
		}
		fmt.Fprint(bw, body.String())
	}
}

// svgShape writes one shape as a circle or path element.
func svgShape(w io.Writer, s Shape, n, ny func(float64) string) {
	part := ""
	if s.Part != "" {
		part = ` data-part="` + escAttr(s.Part) + `"`
	}
	if s.Radius > 0 {
		fmt.Fprintf(w, "<circle%s cx=\"%s\" cy=\"%s\" r=\"%s\" stroke=\"none\"/>\n", part, n(s.Points[0].X), ny(s.Points[0].Y), n(s.Radius))
		return
	}
	var path strings.Builder
	for i, p := range s.Points {
		if i == 0 {
			path.WriteString("M")
		} else {
			path.WriteString(" L")
		}
		path.WriteString(n(p.X) + " " + ny(p.Y))
	}
	fill := ` fill="none"`
	if s.Closed {
		path.WriteString(" Z")
		fill = ""
	}
	stroke := ` stroke="none"`
	if s.Width > 0 {
		stroke = ` stroke-width="` + n(s.Width) + `"`
	}
	fmt.Fprintf(w, "<path%s d=\"%s\"%s%s/>\n", part, path.String(), fill, stroke)
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func escAttr(s string) string { return esc(s) }
