package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strings"
	"time"

	"backcare/measure"
	"backcare/programme"
)

// The weekly check-in is the PEG (Krebs et al., J Gen Intern Med 2009):
// three 0-10 questions about the past week, scored and compared by package
// measure. The wording of the questions is measure's, shared with
// `backcare peg`.

// pegWhat names each PEG question inside a sentence, for the messages.
var pegWhat = map[string]string{
	measure.ItemPain:      "your average pain over the past week",
	measure.ItemEnjoyment: "how much pain got in the way of enjoying life",
	measure.ItemActivity:  "how much pain got in the way of your general activity",
}

// pegItem is one question of the form with the answer as given.
type pegItem struct {
	measure.PEGQuestion
	N     int    // 1, 2 or 3
	Value string // as sent, to show the form again
}

// pegResult is a saved check-in and how it compares with the one before.
type pegResult struct {
	At    time.Time
	Age   string // how long ago, in words: "today", "3 days ago"
	Score string // to one decimal, e.g. "4.3"
	Prev  *pegChange
}

// pegChange compares a score with an earlier one, in plain words.
type pegChange struct {
	At     time.Time // when the earlier one was answered
	Score  string
	Words  string // "about the same", "clearly better", "clearly worse"
	Points string // "down 2.3 points"
	Class  string // same, better or worse: how the page marks it
}

// newPEGChange compares two PEG scores the way package measure does: a
// change of about 2 points (or a fall of 30% that is at least 1 point) is
// real; anything smaller is the usual ups and downs.
func newPEGChange(from measure.Point, to float64) *pegChange {
	c := measure.Compare(from.Value, to)
	return &pegChange{At: from.At, Score: measure.FormatScore(from.Value), Words: changeWords(c),
		Points: pointsWords(c.Points), Class: string(c.Direction)}
}

// changeWords says what a change means. Lower scores are better.
func changeWords(c measure.Change) string {
	switch c.Direction {
	case measure.Better:
		return "clearly better"
	case measure.Worse:
		return "clearly worse"
	}
	return "about the same"
}

// pointsWords says how far a score moved: "down 2.3 points", "up 1 point".
func pointsWords(p float64) string {
	if p == 0 {
		return "no change"
	}
	dir := "up"
	if p < 0 {
		dir = "down"
	}
	n := strings.TrimSuffix(measure.FormatScore(math.Abs(p)), ".0")
	if n == "1" {
		return dir + " 1 point"
	}
	return dir + " " + n + " points"
}

// pegPage asks the three questions, or, just after saving, shows the score.
type pegPage struct {
	page
	Items   []pegItem
	Errors  fieldErrors
	Saved   bool
	Latest  *pegResult // the latest check-in; nil before the first
	Due     bool       // this week's check-in is still to answer
	NextDue time.Time  // when the next one is due, if it is not yet
}

func (s *server) newPEGPage(r *http.Request) (*pegPage, error) {
	h, err := s.history(r.Context())
	if err != nil {
		return nil, err
	}
	plan, err := s.plan(r.Context(), h)
	if err != nil {
		return nil, err
	}
	d := &pegPage{page: s.newPage(r, "Your weekly check-in", "today"), Errors: fieldErrors{}, Due: plan.PEGDue}
	d.Desc = "Three short questions about how your back has been over the past week."
	for i, q := range measure.PEGQuestions() {
		d.Items = append(d.Items, pegItem{PEGQuestion: q, N: i + 1})
	}
	points := measure.PEGPoints(h.PEGs)
	if n := len(points); n > 0 {
		last := points[n-1]
		d.Latest = &pegResult{At: last.At, Score: measure.FormatScore(last.Value)}
		if n > 1 {
			d.Latest.Prev = newPEGChange(points[n-2], last.Value)
		}
		if !d.Due {
			d.NextDue = last.At.Add(programme.PEGEvery)
		}
	}
	return d, nil
}

func (s *server) pegPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.newPEGPage(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d.Saved = r.URL.Query().Get("saved") == "1" && d.Latest != nil
	s.render(w, r, http.StatusOK, "peg", d)
}

// pegSubmit saves a check-in. All three answers must be whole numbers from
// 0 to 10; otherwise the form comes back with a message by each question
// and nothing is saved.
func (s *server) pegSubmit(w http.ResponseWriter, r *http.Request) {
	if err := readForm(r); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d, err := s.newPEGPage(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	var items measure.PEGItems
	answers := map[string]**int{measure.ItemPain: &items.Pain, measure.ItemEnjoyment: &items.Enjoyment, measure.ItemActivity: &items.Activity}
	for i := range d.Items {
		it := &d.Items[i]
		vals := r.PostForm[it.ID]
		if len(vals) > 1 {
			d.Errors[it.ID] = "Please choose just one number for " + pegWhat[it.ID] + "."
			continue
		}
		it.Value = r.PostForm.Get(it.ID)
		n, msg := scale(it.Value, pegWhat[it.ID], true)
		if msg != "" {
			d.Errors[it.ID] = msg
			continue
		}
		*answers[it.ID] = n
	}
	if len(d.Errors) > 0 {
		s.render(w, r, http.StatusBadRequest, "peg", d)
		return
	}
	// measure checks the answers again and builds the entry, as for
	// `backcare peg`.
	p, err := measure.NewPEG(userID(r), s.Now(), items)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := s.Journal.AddPEG(r.Context(), p); err != nil {
		s.fail(w, r, 0, fmt.Errorf("web: save check-in: %w", err))
		return
	}
	http.Redirect(w, r, "/peg?saved=1#result", http.StatusSeeOther)
}

// pegSeries is the PEG chart's data and its trend in words, for the
// Journal page.
type pegSeries struct {
	First      string // the first score shown, which the band is drawn round
	Latest     *pegResult
	SinceFirst *pegChange // nil with fewer than two check-ins
}

// pegTrend sums up the check-ins shown on the chart (points oldest first).
func pegTrend(points []measure.Point) pegSeries {
	t := measure.TrendOf(points, measure.PEGGap)
	var out pegSeries
	if t.N == 0 {
		return out
	}
	out.First = measure.FormatScore(t.First.Value)
	out.Latest = &pegResult{At: t.Latest.At, Score: measure.FormatScore(t.Latest.Value)}
	if t.HasPrevious {
		out.Latest.Prev = newPEGChange(t.Previous, t.Latest.Value)
	}
	if t.N >= 3 && t.HasPrevious {
		out.SinceFirst = newPEGChange(t.First, t.Latest.Value)
	}
	return out
}

// sameBand is the range of scores that count as about the same as from,
// by measure.Compare itself, so the chart marks exactly what the words
// say. PEG scores have one decimal, so tenths are enough.
func sameBand(from float64) (lo, hi float64) {
	lo, hi = from, from
	for tenth := 0; tenth <= 100; tenth++ {
		v := float64(tenth) / 10
		if measure.Compare(from, v).Direction == measure.Same {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	return lo, hi
}

// pegChart draws the weekly check-in scores in the span, oldest first,
// over a band that marks what counts as about the same as the first one
// shown: a dot outside the band is a real change.
func pegChart(points []measure.Point, sp span) template.HTML {
	var in []measure.Point
	for _, p := range points {
		if sp.has(p.At) {
			in = append(in, p)
		}
	}
	points = in
	desc := "No weekly check-ins in these weeks."
	if n := len(points); n > 0 {
		l := points[n-1]
		desc = fmt.Sprintf("%s. The latest score: %s out of 10, on %s.", plural(n, "weekly check-in", "weekly check-ins"), measure.FormatScore(l.Value), l.At.In(sp.loc).Format("2 January"))
		if n > 1 {
			c := newPEGChange(points[0], l.Value)
			desc += fmt.Sprintf(" Compared with the first here (%s): %s.", c.Score, c.Words)
		}
	}
	c := newChart("peg", "Weekly check-in score (0 = no trouble from pain, 10 = the worst)", desc)
	if len(points) > 0 {
		lo, hi := sameBand(points[0].Value)
		fmt.Fprintf(&c.b, `<rect class="same-band" x="%d" y="%.1f" width="%d" height="%.1f"/>`, padL, y10(hi), chartW-padL-padR, y10(lo)-y10(hi))
	}
	c.scale10()
	c.timeTicks(sp)
	if len(points) == 0 {
		return c.empty("No weekly check-ins yet.")
	}
	var xy []string
	for i, p := range points {
		// Check-ins are a week apart; a month without one shows as a break.
		if i > 0 && p.At.Sub(points[i-1].At) > 4*gap {
			if len(xy) > 1 {
				fmt.Fprintf(&c.b, `<polyline class="line peg" points="%s"/>`, strings.Join(xy, " "))
			}
			xy = xy[:0]
		}
		xy = append(xy, fmt.Sprintf("%.1f,%.1f", sp.x(p.At), y10(p.Value)))
	}
	if len(xy) > 1 {
		fmt.Fprintf(&c.b, `<polyline class="line peg" points="%s"/>`, strings.Join(xy, " "))
	}
	for _, p := range points {
		fmt.Fprintf(&c.b, `<circle class="dot peg" cx="%.1f" cy="%.1f" r="6"/>`, sp.x(p.At), y10(p.Value))
	}
	// The latest score, written by its dot.
	l := points[len(points)-1]
	x, y := sp.x(l.At), y10(l.Value)
	anchor, dx := "end", -12.0
	if x < float64(chartW)/2 {
		anchor, dx = "start", 12
	}
	dy := -12.0
	if y < padT+30 {
		dy = 30
	}
	fmt.Fprintf(&c.b, `<text class="count" x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, x+dx, y+dy, anchor, measure.FormatScore(l.Value))
	return c.done()
}

// plural writes "1 check-in" or "3 check-ins".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
