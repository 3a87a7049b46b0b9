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
body { font: 9.5pt/1.35 "Go", sans-serif; color: #1f2a36; margin: 0 }
h1 { font-size: 20pt; margin: 0 0 2mm } .purpose { font-size: 10.5pt }
.note { background: #f3f1ec; border-radius: 2mm; padding: 2.5mm 4mm; margin: 2.5mm 0 5mm }
.pose { display: flex; gap: 6mm; border-bottom: .2mm solid #c9c3b8; padding-bottom: 2.5mm; margin-bottom: 2.5mm; break-inside: avoid }
.fig { flex: 0 0 58mm; height: 46mm; background: #f3f1ec; border-radius: 2mm; color: #263a4f; display: flex }
.fig svg { width: 100%%; height: 100%%; padding: 2mm; box-sizing: border-box }
h2 { font-size: 13pt; margin: 0 } .dose { color: #1e5b8c; font-weight: bold; margin: 1mm 0 }
ol { margin: 0; padding-left: 6mm } .stop { color: #9a2b1f } p { margin: 1.5mm 0 0 }
footer { position: fixed; bottom: 0; font-size: 8.5pt; border-top: .3mm solid #c9c3b8; width: 100%% }
</style></head><body>
<h1>%s</h1><p class="purpose">%s</p>
<p class="note"><b>How strong?</b> 5/10 is how strong the stretch should feel: a clear, easy pull that lets you breathe slowly and stay relaxed. It is not a pain score. If it hurts, ease off; sharp pain, numbness or tingling means stop.</p>
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
		fmt.Fprintf(&b, `</ol><p><b>You should feel:</b> %s</p><p class="stop"><b>Stop at once on:</b> %s</p></div></section>`,
			html.EscapeString(e.Pose.Feel), html.EscapeString(strings.Join(e.Pose.StopSigns, "; ")))
	}
	b.WriteString(`<footer><b>Safety:</b> Self-care education, not a diagnosis. After a serious injury or accident, see a doctor before doing these. Stop at once on sharp pain, numbness or tingling, and get advice if it does not settle.</footer></body></html>`)
	if err := os.WriteFile(*htmlOut, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
