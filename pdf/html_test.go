package pdf_test

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"os"
	"strings"
	"testing"

	"backcare"
	"backcare/catalog"
	"backcare/figure"
)

var htmlOut = flag.String("html", "", "write the article's chart as an equivalent HTML page to this file (for bench/chart.sh)")

// TestHTMLChart writes the same chart as HTML with inline SVG figures, the
// reference that bench/chart.sh prints through headless Chromium. It is a
// tool, run only with -html.
func TestHTMLChart(t *testing.T) {
	if *htmlOut == "" {
		t.Skip("give -html FILE")
	}
	r := routine(t, catalog.DefaultRoutine)
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s: pose chart</title>
<style>
@page { size: A4; margin: 14mm }
body { font: 11pt/1.15 "DejaVu Sans Condensed", "DejaVu Sans", sans-serif; color: #1f2a36; margin: 0 }
h1 { font-size: 20pt; margin: 0 0 2mm } .purpose { font-size: 10.5pt }
.note { background: #f3f1ec; border-radius: 2mm; padding: 2.5mm 4mm; margin: 2.5mm 0 5mm }
.pose { display: flex; gap: 6mm; border-bottom: .2mm solid #c9c3b8; padding-bottom: 2.5mm; margin-bottom: 2.5mm; break-inside: avoid }
.fig { flex: 0 0 100mm; height: 60mm; background: #f3f1ec; border-radius: 2mm; color: #263a4f; display: flex }
.grid td { width: 7mm; height: 7mm; border: .3mm solid #5a6672; border-radius: 1mm }
.fig svg { width: 100%%; height: 100%%; padding: 2mm; box-sizing: border-box }
h2 { font-size: 13pt; margin: 0 } .dose { color: #1e5b8c; font-weight: bold; margin: 1mm 0 }
ol { margin: 0; padding-left: 6mm } .stop { color: #9a2b1f } p { margin: 1.5mm 0 0 }
footer { position: fixed; bottom: 0; font-size: 11pt; border-top: .3mm solid #c9c3b8; width: 100%% }
</style></head><body>
<h1>%s</h1><p class="purpose">%s</p>
<p class="note"><b>How strong?</b> 5/10 is how strong the stretch should feel: a clear, easy pull that lets you breathe slowly. It is not a pain score.</p>
`, html.EscapeString(r.Name), html.EscapeString(r.Name), html.EscapeString(r.Purpose))
	for i, e := range r.Entries {
		side := backcare.NoSide
		if e.Pose.Sided {
			side = backcare.Right
		}
		d, err := figure.Draw(e.Pose.Figure, side)
		if err != nil {
			t.Fatal(err)
		}
		var svg bytes.Buffer
		if err := d.SVG(&svg, figure.SVGOptions{ID: e.Pose.ID, Title: e.Pose.Name, Desc: e.Pose.Summary}); err != nil {
			t.Fatal(err)
		}
		dose := e.Dose.String()
		if e.Pose.Sided {
			dose += ", each side"
		}
		fmt.Fprintf(&b, `<section class="pose"><div class="fig">%s</div><div><h2>%d %s</h2><p class="dose">%s · stretch %d/10</p><ol>`,
			svg.String(), i+1, html.EscapeString(e.Pose.Name), html.EscapeString(dose), e.Dose.Intensity)
		for _, s := range e.Pose.Steps {
			fmt.Fprintf(&b, "<li>%s</li>", html.EscapeString(s))
		}
		b.WriteString(`</ol></div></section>`)
	}
	b.WriteString(`<p><b>How often?</b> Once a day, every day: tick a box each day you do it.</p><table class="grid">`)
	for week := 1; week <= 2; week++ {
		fmt.Fprintf(&b, "<tr><th>Week %d</th>%s</tr>", week, strings.Repeat("<td></td>", 7))
	}
	b.WriteString(`</table><p>Name ______ Started on ______ Note from your clinician ______</p>`)
	var stops []string
	for _, e := range r.Entries {
		stops = append(stops, e.Pose.StopSigns...)
	}
	fmt.Fprintf(&b, `<footer><p class="stop"><b>Stop at once and rest if you feel:</b> %s</p><b>Safety:</b> self-care, not a diagnosis. After a serious injury or accident, see a doctor first; get advice if pain does not settle.</footer></body></html>`,
		html.EscapeString(strings.Join(stops, "; ")))
	if err := os.WriteFile(*htmlOut, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
