package web

import (
	"fmt"
	"html/template"
	"math"
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

// span is the stretch of time the Journal's charts show, on one time axis
// for all of them: whole weeks, Monday to Sunday in the person's zone, up
// to the end of this week. A point sits where its date is, so weeks without
// sessions show as gaps.
type span struct {
	from, to time.Time // from a Monday to the Monday after the last week
	loc      *time.Location
}

// minWeeks is the shortest span drawn: a first session still has a few
// weeks around it.
const minWeeks = 4

// newSpan is the last weeks weeks up to now's week, or, with weeks 0, all
// of them since first; never more than back to first's week, and never less
// than minWeeks.
func newSpan(now time.Time, loc *time.Location, weeks int, first time.Time) span {
	monday := func(t time.Time) time.Time {
		d := day(t.In(loc))
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	}
	to := monday(now).AddDate(0, 0, 7)
	from := to.AddDate(0, 0, -7*max(weeks, minWeeks))
	if !first.IsZero() {
		if f := monday(first); weeks == 0 || f.After(from) {
			from = f
		}
	}
	if to.Sub(from) < minWeeks*7*24*time.Hour {
		from = to.AddDate(0, 0, -7*minWeeks)
	}
	return span{from: from, to: to, loc: loc}
}

// weeks is how many weeks the span holds.
func (sp span) weeks() int { return int(sp.to.Sub(sp.from).Hours()/24+0.5) / 7 }

// has reports whether t is inside the span.
func (sp span) has(t time.Time) bool { return !t.Before(sp.from) && t.Before(sp.to) }

// x maps a moment to the plot.
func (sp span) x(t time.Time) float64 {
	return padL + float64(t.Sub(sp.from))/float64(sp.to.Sub(sp.from))*float64(chartW-padL-padR)
}

// week is the index of t's week in the span.
func (sp span) week(t time.Time) int {
	return int(day(t.In(sp.loc)).Sub(sp.from).Hours()/24+0.5) / 7
}

// tickGap is the least room, in chart units, from one week's label to the
// next: a label ("31 Aug", about 120 units at the 34-unit font the
// narrowest phones get, app.css) and half the next one, centred on its
// week, with a little space between. wideTickGap is the same on a screen
// over 700 px wide, where the letters are at most 15 units (a label about
// 53).
const (
	tickGap     = 200
	wideTickGap = 110
)

// timeTicks labels the weeks under the plot, each at the start of its
// week, with a faint line: every week, or every second or third, so that
// no two labels meet. The chart scales as a whole and its letters grow in
// its units as it narrows (app.css), so a wide chart has room for more
// labels than a phone's: those only it shows are marked wide-only, which
// the stylesheet hides on a narrow screen.
func (c *svgChart) timeTicks(sp span) {
	n := sp.weeks()
	weekW := float64(chartW-padL-padR) / float64(max(n, 1))
	wide := max(1, int(math.Ceil(wideTickGap/weekW)))
	narrow := max(1, int(math.Ceil(tickGap/weekW)))
	narrow = (narrow + wide - 1) / wide * wide // every narrow label is a wide one too
	// place is where a label goes among labels every step weeks: the
	// first from its week on, the last (within a step of the end) up to
	// its week, the others centred on it.
	place := func(i, step int) (float64, string) {
		x := sp.x(sp.from.AddDate(0, 0, 7*i))
		switch {
		case i == 0:
			return x, "start"
		case n-i <= step:
			return min(x+20, float64(chartW-padR)), "end"
		}
		return x, "middle"
	}
	for i := 0; i < n; i += wide {
		label := sp.from.AddDate(0, 0, 7*i).Format("2 Jan")
		x := sp.x(sp.from.AddDate(0, 0, 7*i))
		class := ""
		if i%narrow != 0 {
			class = " wide-only"
		}
		fmt.Fprintf(&c.b, `<line class="week%s" x1="%.1f" x2="%.1f" y1="%d" y2="%d"/>`, class, x, x, padT, chartH-padB)
		wx, wa := place(i, wide)
		if class == "" {
			if nx, na := place(i, narrow); na != wa {
				// The same label, placed otherwise among fewer.
				fmt.Fprintf(&c.b, `<text class="tick narrow-only" x="%.1f" y="%d" text-anchor="%s">%s</text>`, nx, chartH-12, na, label)
				class = " wide-only"
			}
		}
		fmt.Fprintf(&c.b, `<text class="tick%s" x="%.1f" y="%d" text-anchor="%s">%s</text>`, class, wx, chartH-12, wa, label)
	}
}

// gap is how far apart two sessions may be and still be joined by a line:
// a longer break shows as a break.
const gap = 7 * 24 * time.Hour

type timePoint struct {
	at time.Time
	v  float64
}

// seriesAt draws points at their dates, joined by a line except across a
// gap, and returns how many it drew.
func (c *svgChart) seriesAt(class string, sp span, pts []timePoint, r int) int {
	var line []string
	flush := func() {
		if len(line) > 1 {
			fmt.Fprintf(&c.b, `<polyline class="line %s" points="%s"/>`, class, strings.Join(line, " "))
		}
		line = line[:0]
	}
	var last time.Time
	n := 0
	for _, p := range pts {
		if !sp.has(p.at) {
			continue
		}
		if !last.IsZero() && p.at.Sub(last) > gap {
			flush()
		}
		last = p.at
		line = append(line, fmt.Sprintf("%.1f,%.1f", sp.x(p.at), y10(p.v)))
	}
	flush()
	for _, p := range pts {
		if sp.has(p.at) {
			fmt.Fprintf(&c.b, `<circle class="dot %s" cx="%.1f" cy="%.1f" r="%d"/>`, class, sp.x(p.at), y10(p.v), r)
			n++
		}
	}
	return n
}

func intPoints(sessions []backcare.SessionSummary, v func(backcare.SessionSummary) *int) []timePoint {
	var out []timePoint
	for _, x := range sessions {
		if p := v(x); p != nil {
			out = append(out, timePoint{x.StartedAt, float64(*p)})
		}
	}
	return out
}

// painChart shows pain before and after each session in the span, oldest
// first: 0-10, lower is better.
func painChart(sessions []backcare.SessionSummary, sp span) template.HTML {
	var with []backcare.SessionSummary
	for _, x := range sessions {
		if (x.PainBefore != nil || x.PainAfter != nil) && sp.has(x.StartedAt) {
			with = append(with, x)
		}
	}
	desc := "No sessions with pain answers in these weeks."
	if n := len(with); n > 0 {
		l := with[n-1]
		desc = fmt.Sprintf("%s from %s to %s. The latest, on %s: pain %s before and %s after.", plural(n, "session", "sessions"),
			sp.from.Format("2 January"), sp.to.AddDate(0, 0, -1).Format("2 January"), l.StartedAt.In(sp.loc).Format("2 January"), intText(l.PainBefore), intText(l.PainAfter))
	}
	c := newChart("pain", "Pain before and after each session (0 = none, 10 = worst)", desc)
	c.scale10()
	c.timeTicks(sp)
	if len(with) == 0 {
		return c.empty("No pain answers yet.")
	}
	rb, ra := 5, 5
	if len(with) <= fewSessions {
		// A lone point is a clear mark, not a speck; the point before
		// is larger, so that it still shows round an equal one after.
		rb, ra = 15, 11
	}
	c.seriesAt("before", sp, intPoints(with, func(x backcare.SessionSummary) *int { return x.PainBefore }), rb)
	c.seriesAt("after", sp, intPoints(with, func(x backcare.SessionSummary) *int { return x.PainAfter }), ra)
	if len(with) > fewSessions {
		return c.done()
	}
	if len(with) == 1 {
		c.scoresBeside(sp, with[0])
	}
	return c.done() + fewNote(with, sp.loc)
}

// fewSessions is up to how many sessions the pain chart writes their scores
// out: too few points for a trend to read from.
const fewSessions = 2

// scoresText is a session's pain in figures, "4 → 3" (before and after),
// or the one that was given.
func scoresText(x backcare.SessionSummary) string {
	switch {
	case x.PainBefore != nil && x.PainAfter != nil:
		return fmt.Sprintf("%d → %d", *x.PainBefore, *x.PainAfter)
	case x.PainBefore != nil:
		return fmt.Sprintf("%d before", *x.PainBefore)
	}
	return fmt.Sprintf("%d after", *x.PainAfter)
}

// scoresBeside writes a lone session's scores beside its points, on the
// side with more room, half way between them.
func (c *svgChart) scoresBeside(sp span, x backcare.SessionSummary) {
	at := sp.x(x.StartedAt)
	var ys []float64
	for _, p := range []*int{x.PainBefore, x.PainAfter} {
		if p != nil {
			ys = append(ys, y10(float64(*p)))
		}
	}
	mid := (ys[0] + ys[len(ys)-1]) / 2
	tx, anchor := at+20, "start"
	if at > chartW/2 {
		tx, anchor = at-20, "end"
	}
	fmt.Fprintf(&c.b, `<text class="score" x="%.1f" y="%.1f" text-anchor="%s" dominant-baseline="middle">%s</text>`, tx, mid, anchor, scoresText(x))
}

// fewNote says, under a chart of one or two sessions, their scores in
// words and that the trend shows with more.
func fewNote(with []backcare.SessionSummary, loc *time.Location) template.HTML {
	var parts []string
	for _, x := range with {
		var w string
		switch {
		case x.PainBefore != nil && x.PainAfter != nil:
			w = fmt.Sprintf("%d before and %d after", *x.PainBefore, *x.PainAfter)
		case x.PainBefore != nil:
			w = fmt.Sprintf("%d before", *x.PainBefore)
		default:
			w = fmt.Sprintf("%d after", *x.PainAfter)
		}
		parts = append(parts, x.StartedAt.In(loc).Format(dayFormat)+", "+w)
	}
	text := fmt.Sprintf("Only %s with pain answers in these weeks: %s. The line of a trend shows once there are a few more.",
		plural(len(with), "session", "sessions"), strings.Join(parts, "; "))
	return template.HTML(`<p class="small chart-note">` + template.HTMLEscapeString(text) + `</p>`) //nolint:gosec // escaped here
}

func intText(p *int) string {
	if p == nil {
		return "not given"
	}
	return fmt.Sprint(*p)
}

// stretchChart shows how strong the stretch felt, with the target band
// around 5.
func stretchChart(sessions []backcare.SessionSummary, sp span) template.HTML {
	var with []backcare.SessionSummary
	for _, x := range sessions {
		if x.Intensity != nil && sp.has(x.StartedAt) {
			with = append(with, x)
		}
	}
	desc := "No stretch answers in these weeks. The aim is about 5 out of 10."
	if n := len(with); n > 0 {
		desc = fmt.Sprintf("%s. The latest stretch, on %s, felt %d out of 10; the aim is about 5.", plural(n, "session", "sessions"),
			with[n-1].StartedAt.In(sp.loc).Format("2 January"), *with[n-1].Intensity)
	}
	c := newChart("stretch", "How strong the stretch felt (0 = nothing, 10 = as strong as possible)", desc)
	fmt.Fprintf(&c.b, `<rect class="band" x="%d" y="%.1f" width="%d" height="%.1f"/>`, padL, y10(6), chartW-padL-padR, y10(4)-y10(6))
	fmt.Fprintf(&c.b, `<text class="tick band-label" x="%d" y="%.1f" text-anchor="end">aim</text>`, chartW-padR-6, y10(6)+16)
	c.scale10()
	c.timeTicks(sp)
	if len(with) == 0 {
		return c.empty("No stretch answers yet.")
	}
	c.seriesAt("stretch", sp, intPoints(with, func(x backcare.SessionSummary) *int { return x.Intensity }), 5)
	return c.done()
}

// weeksChart counts sessions played (to the end or stopped for pain) in
// each week of the span, Monday to Sunday.
func weeksChart(sessions []backcare.SessionSummary, sp span) template.HTML {
	n := sp.weeks()
	counts := make([]int, n)
	for _, x := range sessions {
		if x.Status != backcare.Completed && x.Status != backcare.StoppedForPain || !sp.has(x.StartedAt) {
			continue
		}
		if w := sp.week(x.StartedAt); w >= 0 && w < n {
			counts[w]++
		}
	}
	top := 3 // the habit line: at least three sessions a week
	for _, k := range counts {
		top = max(top, k)
	}
	desc := fmt.Sprintf("This week: %d sessions. Last week: %d.", counts[n-1], counts[n-2])
	c := newChart("weeks", "Sessions each week (the line marks 3 a week)", desc)
	plotH := float64(chartH - padT - padB)
	yOf := func(k int) float64 { return padT + plotH*(1-float64(k)/float64(top)) }
	slot := float64(chartW-padL-padR) / float64(n)
	for i, k := range counts {
		x := padL + float64(i)*slot + slot*0.15
		h := plotH - (yOf(k) - padT)
		fmt.Fprintf(&c.b, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, x, yOf(k), slot*0.7, h)
		if k > 0 && slot >= 18 {
			fmt.Fprintf(&c.b, `<text class="count" x="%.1f" y="%.1f" text-anchor="middle">%d</text>`, x+slot*0.35, yOf(k)-6, k)
		}
	}
	c.timeTicks(sp)
	fmt.Fprintf(&c.b, `<line class="goal" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/>`, padL, chartW-padR, yOf(3), yOf(3))
	return c.done()
}
