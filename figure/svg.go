package figure

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
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

// svgClass maps a class to its presentation attributes. Colours come from
// currentColor so that the figure follows the page's text colour in light
// and dark themes; a page restyles any class with CSS (.bc-far, .bc-prop,
// ...). The highlight and arrow colours read the custom properties
// --bc-highlight and --bc-reach when the page sets them. No <style> element
// is used, so a strict Content-Security-Policy needs no exception.
var svgClass = map[Class]string{
	Ground:    `fill="currentColor" fill-opacity="0.45"`,
	Prop:      `fill="currentColor" fill-opacity="0.1" stroke="currentColor" stroke-opacity="0.4"`,
	Far:       `fill="currentColor" stroke="currentColor" opacity="0.4"`,
	Near:      `fill="currentColor" stroke="currentColor"`,
	Highlight: `fill="#f07a22" stroke="#f07a22" opacity="0.8" style="fill:var(--bc-highlight,#f07a22);stroke:var(--bc-highlight,#f07a22)"`,
	Reach:     `fill="#c2372b" stroke="#c2372b" style="fill:var(--bc-reach,#c2372b);stroke:var(--bc-reach,#c2372b)"`,
}

// SVG writes the drawing as a standalone, scalable SVG element with a title
// and description for screen readers. It can be inlined in a page.
func (d *Drawing) SVG(w io.Writer, o SVGOptions) error {
	bw := bufio.NewWriter(w)
	n := func(v float64) string { return strconv.FormatFloat(v*svgScale, 'f', 1, 64) }
	ny := func(v float64) string { return strconv.FormatFloat(-v*svgScale, 'f', 1, 64) }
	id := o.ID
	if id == "" {
		id = "figure"
	}
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" class="bc-figure" viewBox="%s %s %s %s" role="img" aria-labelledby="%s-title %s-desc"`,
		n(d.Min.X), ny(d.Max.Y), n(d.Max.X-d.Min.X), n(d.Max.Y-d.Min.Y), escAttr(id), escAttr(id))
	if o.Width != "" {
		fmt.Fprintf(bw, ` width="%s"`, escAttr(o.Width))
	}
	if o.Height != "" {
		fmt.Fprintf(bw, ` height="%s"`, escAttr(o.Height))
	}
	fmt.Fprint(bw, ">\n")
	fmt.Fprintf(bw, "<title id=\"%s-title\">%s</title>\n", escAttr(id), esc(o.Title))
	fmt.Fprintf(bw, "<desc id=\"%s-desc\">%s</desc>\n", escAttr(id), esc(o.Desc))

	var open Class
	for _, s := range d.Shapes {
		if s.Class != open {
			if open != "" {
				fmt.Fprint(bw, "</g>\n")
			}
			fmt.Fprintf(bw, "<g class=\"bc-%s\" %s stroke-linecap=\"round\" stroke-linejoin=\"round\">\n", s.Class, svgClass[s.Class])
			open = s.Class
		}
		part := ""
		if s.Part != "" {
			part = ` data-part="` + escAttr(s.Part) + `"`
		}
		if s.Radius > 0 {
			fmt.Fprintf(bw, "<circle%s cx=\"%s\" cy=\"%s\" r=\"%s\" stroke=\"none\"/>\n", part, n(s.Points[0].X), ny(s.Points[0].Y), n(s.Radius))
			continue
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
		fmt.Fprintf(bw, "<path%s d=\"%s\"%s%s/>\n", part, path.String(), fill, stroke)
	}
	if open != "" {
		fmt.Fprint(bw, "</g>\n")
	}
	fmt.Fprint(bw, "</svg>\n")
	// bufio remembers the first write error; Flush reports it.
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("figure: svg: %w", err)
	}
	return nil
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func escAttr(s string) string { return esc(s) }
