package web

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"backcare"
)

// TestChartDatesInThePersonsZone checks that chart dates are the person's
// (Deps.Location), not the server's: a clinic server may run in UTC.
func TestChartDatesInThePersonsZone(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	pain := 3
	late := backcare.SessionSummary{StartedAt: time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC), PainBefore: &pain, PainAfter: &pain}
	for _, tt := range []struct {
		loc  *time.Location
		want string
	}{
		{time.UTC, "on 1 March"},
		{paris, "on 2 March"}, // 00:30 the next day in Paris
	} {
		sp := newSpan(late.StartedAt, tt.loc, 4, time.Time{})
		if got := string(painChart([]backcare.SessionSummary{late}, sp)); !strings.Contains(got, tt.want) {
			t.Errorf("painChart in %s lacks %q", tt.loc, tt.want)
		}
		intensity := 5
		late.Intensity = &intensity
		if got := string(stretchChart([]backcare.SessionSummary{late}, sp)); !strings.Contains(got, tt.want) {
			t.Errorf("stretchChart in %s lacks %q", tt.loc, tt.want)
		}
	}
}

// TestChartsOnATimeAxis: a session sits where its date is, a break of more
// than a week breaks the line, and the weeks chart covers the span shown.
func TestChartsOnATimeAxis(t *testing.T) {
	pain := func(n int) *int { return &n }
	now := time.Date(2026, 3, 18, 12, 0, 0, 0, time.UTC) // a Wednesday
	var ss []backcare.SessionSummary
	for _, d := range []int{-60, -58, -56, -20, -18, -2} { // a month's break in the middle
		at := now.AddDate(0, 0, d)
		ss = append(ss, backcare.SessionSummary{StartedAt: at, Status: backcare.Completed, PainBefore: pain(5), PainAfter: pain(3)})
	}
	sp := newSpan(now, time.UTC, 12, ss[0].StartedAt)
	if sp.weeks() != 10 || sp.from.Weekday() != time.Monday {
		t.Errorf("span = %v to %v (%d weeks), want the 10 weeks from the first session's Monday", sp.from, sp.to, sp.weeks())
	}
	svg := string(painChart(ss, sp))
	if n := strings.Count(svg, `<polyline class="line after"`); n != 2 {
		t.Errorf("the pain after line is in %d pieces, want 2: the month's break is a gap", n)
	}
	x := func(i int) float64 { return sp.x(ss[i].StartedAt) }
	if (x(3)-x(2))/(x(2)-x(1)) < 10 {
		t.Errorf("a 36-day break is drawn %0.f wide and 2 days %0.f: want the dates' distances", x(3)-x(2), x(2)-x(1))
	}
	weeks := string(weeksChart(ss, sp))
	if n := strings.Count(weeks, `class="bar"`); n != 10 {
		t.Errorf("the weeks chart has %d bars, want one for each of the 10 weeks shown", n)
	}
	all := newSpan(now, time.UTC, 0, now.AddDate(-1, 0, 0))
	if all.weeks() < 52 {
		t.Errorf("everything spans %d weeks, want a year", all.weeks())
	}
	if short := newSpan(now, time.UTC, 12, now); short.weeks() != minWeeks {
		t.Errorf("a first session today spans %d weeks, want %d", short.weeks(), minWeeks)
	}
}

// TestPainChartOfFewSessions checks that a pain chart of one or two
// sessions is readable: clear marks, the scores written out, and a note
// that the trend shows with more; three sessions are a plain chart.
func TestPainChartOfFewSessions(t *testing.T) {
	pain := func(n int) *int { return &n }
	now := time.Date(2026, 3, 18, 12, 0, 0, 0, time.UTC) // a Wednesday
	session := func(days int, before, after *int) backcare.SessionSummary {
		return backcare.SessionSummary{StartedAt: now.AddDate(0, 0, -days), Status: backcare.Completed, PainBefore: before, PainAfter: after}
	}
	tests := []struct {
		name     string
		sessions []backcare.SessionSummary
		want     []string
		not      []string
	}{
		{"one session", []backcare.SessionSummary{session(1, pain(4), pain(3))},
			[]string{`r="15"`, `r="11"`, `<text class="score"`, `>4 → 3</text>`,
				`<p class="small chart-note">Only 1 session with pain answers in these weeks: Tue 17 Mar, 4 before and 3 after. The line of a trend shows once there are a few more.</p>`},
			[]string{`r="5"`}},
		{"one session, pain before only", []backcare.SessionSummary{session(1, pain(6), nil)},
			[]string{`>6 before</text>`, "Tue 17 Mar, 6 before."}, nil},
		{"two sessions", []backcare.SessionSummary{session(8, pain(5), pain(4)), session(1, pain(4), pain(2))},
			[]string{`r="15"`, "Only 2 sessions with pain answers in these weeks: Tue 10 Mar, 5 before and 4 after; Tue 17 Mar, 4 before and 2 after."},
			[]string{`<text class="score"`}},
		{"three sessions", []backcare.SessionSummary{session(8, pain(5), pain(4)), session(4, pain(5), pain(4)), session(1, pain(4), pain(2))},
			[]string{`r="5"`}, []string{`r="15"`, "chart-note", `class="score"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(painChart(tt.sessions, newSpan(now, time.UTC, 4, time.Time{})))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("painChart lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(got, w) {
					t.Errorf("painChart has %q:\n%s", w, got)
				}
			}
		})
	}
}

// TestWeekLabels checks that a chart labels as many weeks as it has room
// for: a wide one, whose letters are small in its units, more than a
// phone's, and every label a phone shows is one a wide chart shows too.
func TestWeekLabels(t *testing.T) {
	now := time.Date(2026, 3, 18, 12, 0, 0, 0, time.UTC) // a Wednesday
	label := regexp.MustCompile(`<text class="tick( wide-only| narrow-only)?" x="[0-9.]+" y="288" text-anchor="[a-z]+">([0-9]+ [A-Za-z]+)</text>`)
	tests := []struct {
		name         string
		weeks        int
		wide, narrow []string
	}{
		{"4 weeks", 4, []string{"23 Feb", "2 Mar", "9 Mar", "16 Mar"}, []string{"23 Feb", "9 Mar"}},
		{"12 weeks", 12, []string{"29 Dec", "19 Jan", "9 Feb", "2 Mar"}, []string{"29 Dec", "9 Feb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChart("t", "t", "t")
			c.timeTicks(newSpan(now, time.UTC, tt.weeks, time.Time{}))
			var wide, narrow []string
			for _, m := range label.FindAllStringSubmatch(string(c.done()), -1) {
				if m[1] != " narrow-only" {
					wide = append(wide, m[2])
				}
				if m[1] != " wide-only" {
					narrow = append(narrow, m[2])
				}
			}
			if !slices.Equal(wide, tt.wide) {
				t.Errorf("a wide chart's labels = %q, want %q", wide, tt.wide)
			}
			if !slices.Equal(narrow, tt.narrow) {
				t.Errorf("a phone's labels = %q, want %q", narrow, tt.narrow)
			}
		})
	}
}
