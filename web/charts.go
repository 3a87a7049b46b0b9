package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"backcare"
)

// The journal's charts are small hand-written SVGs: three simple shapes do
// not need a plotting library, and plain SVG with classes takes its colours
// from the stylesheet, so it follows light and dark mode.

const (
	chartW, chartH = 640, 300
	padL, padR     = 48, 16
	padT, padB     = 20, 48
	maxPoints      = 30 // the last sessions a chart shows
)

// svgChart collects the parts of one chart.
type svgChart struct {
	b           strings.Builder
	id          string
	title, desc string
}

func newChart(id, title, desc string) *svgChart {
	c := &svgChart{id: id, title: title, desc: desc}
	fmt.Fprintf(&c.b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-t %s-d" xmlns="http://www.w3.org/2000/svg">`, chartW, chartH, id, id)
	fmt.Fprintf(&c.b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, template.HTMLEscapeString(title), id, template.HTMLEscapeString(desc))
	return c
}

// y maps a 0-10 value to the plot.
func y10(v float64) float64 { return padT + (chartH-padT-padB)*(1-v/10) }

// x maps point i of n to the plot.
func xAt(i, n int) float64 {
	if n <= 1 {
		return padL + (chartW-padL-padR)/2
	}
	return padL + float64(i)*(chartW-padL-padR)/float64(n-1)
}

// scale10 draws the 0-10 axis with grid lines.
func (c *svgChart) scale10() {
	for _, v := range []int{0, 5, 10} {
		y := y10(float64(v))
		fmt.Fprintf(&c.b, `<line class="grid" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/>`, padL, chartW-padR, y, y)
		fmt.Fprintf(&c.b, `<text class="tick" x="%d" y="%.1f" text-anchor="end">%d</text>`, padL-10, y+8, v)
	}
}

func (c *svgChart) empty(text string) template.HTML {
	fmt.Fprintf(&c.b, `<text class="note" x="%d" y="%d" text-anchor="middle">%s</text>`, chartW/2, chartH/2, template.HTMLEscapeString(text))
	return c.done()
}

func (c *svgChart) done() template.HTML {
	c.b.WriteString(`</svg>`)
	return template.HTML(c.b.String()) //nolint:gosec // built here, every text escaped
}

// lastN keeps the last n elements.
func lastN[T any](xs []T, n int) []T {
	if len(xs) > n {
		return xs[len(xs)-n:]
	}
	return xs
}

// polyline draws a series; nil values leave gaps in the dots but the line
// joins the values that exist.
func (c *svgChart) series(class string, vals []*int) {
	var pts []string
	for i, v := range vals {
		if v != nil {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", xAt(i, len(vals)), y10(float64(*v))))
		}
	}
	if len(pts) > 1 {
		fmt.Fprintf(&c.b, `<polyline class="line %s" points="%s"/>`, class, strings.Join(pts, " "))
	}
	for _, p := range pts {
		xy := strings.Split(p, ",")
		fmt.Fprintf(&c.b, `<circle class="dot %s" cx="%s" cy="%s" r="5"/>`, class, xy[0], xy[1])
	}
}

// dateTicks labels the first and last session under the plot, as dates in
// the person's zone loc.
func (c *svgChart) dateTicks(first, last time.Time, n int, loc *time.Location) {
	fmt.Fprintf(&c.b, `<text class="tick" x="%d" y="%d" text-anchor="start">%s</text>`, padL, chartH-12, first.In(loc).Format("2 Jan"))
	if n > 1 {
		fmt.Fprintf(&c.b, `<text class="tick" x="%d" y="%d" text-anchor="end">%s</text>`, chartW-padR, chartH-12, last.In(loc).Format("2 Jan"))
	}
}

// painChart shows pain before and after each session: 0-10, lower is
// better.
func painChart(sessions []backcare.SessionSummary, loc *time.Location) template.HTML {
	var with []backcare.SessionSummary
	for _, x := range sessions {
		if x.PainBefore != nil || x.PainAfter != nil {
			with = append(with, x)
		}
	}
	with = lastN(with, maxPoints)
	desc := "No sessions with pain answers yet."
	if n := len(with); n > 0 {
		l := with[n-1]
		desc = fmt.Sprintf("%d sessions. The latest: pain %s before and %s after.", n, intText(l.PainBefore), intText(l.PainAfter))
	}
	c := newChart("pain", "Pain before and after each session (0 = none, 10 = worst)", desc)
	c.scale10()
	if len(with) == 0 {
		return c.empty("Your pain answers will appear here.")
	}
	before := make([]*int, len(with))
	after := make([]*int, len(with))
	for i, x := range with {
		before[i], after[i] = x.PainBefore, x.PainAfter
	}
	c.series("before", before)
	c.series("after", after)
	c.dateTicks(with[0].StartedAt, with[len(with)-1].StartedAt, len(with), loc)
	return c.done()
}

func intText(p *int) string {
	if p == nil {
		return "not given"
	}
	return fmt.Sprint(*p)
}

// stretchChart shows how strong the stretch felt, with the target band
// around 5.
func stretchChart(sessions []backcare.SessionSummary, loc *time.Location) template.HTML {
	var with []backcare.SessionSummary
	for _, x := range sessions {
		if x.Intensity != nil {
			with = append(with, x)
		}
	}
	with = lastN(with, maxPoints)
	desc := "No stretch answers yet. The aim is about 5 out of 10."
	if n := len(with); n > 0 {
		desc = fmt.Sprintf("%d sessions. The latest stretch felt %d out of 10; the aim is about 5.", n, *with[n-1].Intensity)
	}
	c := newChart("stretch", "How strong the stretch felt (0 = nothing, 10 = as strong as possible)", desc)
	fmt.Fprintf(&c.b, `<rect class="band" x="%d" y="%.1f" width="%d" height="%.1f"/>`, padL, y10(6), chartW-padL-padR, y10(4)-y10(6))
	fmt.Fprintf(&c.b, `<text class="tick band-label" x="%d" y="%.1f" text-anchor="end">aim</text>`, chartW-padR-6, y10(6)+16)
	c.scale10()
	if len(with) == 0 {
		return c.empty("Your stretch answers will appear here.")
	}
	vals := make([]*int, len(with))
	for i, x := range with {
		vals[i] = x.Intensity
	}
	c.series("stretch", vals)
	c.dateTicks(with[0].StartedAt, with[len(with)-1].StartedAt, len(with), loc)
	return c.done()
}

// weeksShown is how many weeks the sessions-per-week chart covers.
const weeksShown = 8

// weeksChart counts sessions played (to the end or stopped for pain) in
// each of the last weeks, Monday to Sunday.
func weeksChart(sessions []backcare.SessionSummary, now time.Time) template.HTML {
	monday := day(now)
	monday = monday.AddDate(0, 0, -((int(monday.Weekday()) + 6) % 7))
	first := monday.AddDate(0, 0, -7*(weeksShown-1))
	counts := make([]int, weeksShown)
	for _, x := range sessions {
		if x.Status != backcare.Completed && x.Status != backcare.StoppedForPain {
			continue
		}
		d := day(x.StartedAt.In(now.Location()))
		if d.Before(first) {
			continue
		}
		w := int(d.Sub(first).Hours()/24) / 7
		if w >= 0 && w < weeksShown {
			counts[w]++
		}
	}
	top := 3 // the habit line: at least three sessions a week
	for _, n := range counts {
		top = max(top, n)
	}
	c := newChart("weeks", "Sessions each week (the line marks 3 a week)",
		fmt.Sprintf("This week: %d sessions. Last week: %d.", counts[weeksShown-1], counts[weeksShown-2]))
	plotH := float64(chartH - padT - padB)
	yOf := func(n int) float64 { return padT + plotH*(1-float64(n)/float64(top)) }
	slot := float64(chartW-padL-padR) / weeksShown
	for i, n := range counts {
		x := padL + float64(i)*slot + slot*0.15
		h := plotH - (yOf(n) - padT)
		fmt.Fprintf(&c.b, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, x, yOf(n), slot*0.7, h)
		if i%2 == (weeksShown-1)%2 { // every other week, so the dates fit a phone
			fmt.Fprintf(&c.b, `<text class="tick" x="%.1f" y="%d" text-anchor="middle">%s</text>`, x+slot*0.35, chartH-12, first.AddDate(0, 0, 7*i).Format("2 Jan"))
		}
		if n > 0 {
			fmt.Fprintf(&c.b, `<text class="count" x="%.1f" y="%.1f" text-anchor="middle">%d</text>`, x+slot*0.35, yOf(n)-6, n)
		}
	}
	fmt.Fprintf(&c.b, `<line class="goal" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/>`, padL, chartW-padR, yOf(3), yOf(3))
	return c.done()
}
