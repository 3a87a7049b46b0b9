// Package measure scores the pain measures backcare records and tells a
// real change from day-to-day noise.
//
// Two measures are used, both free to use and scored exactly as published:
//
//   - NPRS, the Numeric Pain Rating Scale: one whole number from 0 (no pain)
//     to 10 (the worst pain imaginable), asked before and after every session.
//   - PEG (Krebs et al., J Gen Intern Med 2009): three 0-10 items about the
//     past week (average Pain, interference with Enjoyment of life,
//     interference with General activity), asked once a week. The score is
//     the mean of the three, shown to one decimal. The paper defines no
//     severity bands, so none are shown: only the number and its trend.
//
// A change is meaningful when it is about 2 points or more (the minimal
// detectable change of the NPRS in low back pain, and its minimal clinically
// important difference at one week: Childs et al., Spine 2005), or when pain
// falls by 30% or more. Smaller changes are within normal day-to-day
// variation and are reported as "about the same".
//
// Every function is pure: it works on the root types and returns values.
package measure

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"backcare"
)

// Thresholds, with their sources. A clinician auditing the rules finds them
// all here.
const (
	// ScaleMin and ScaleMax bound the NPRS and every PEG item.
	ScaleMin = 0
	ScaleMax = 10

	// MeaningfulPoints is the smallest change on a 0-10 scale that is
	// reliably real in low back pain: minimal detectable change 2, minimal
	// clinically important difference about 2 at one week (Childs et al.,
	// Spine 2005).
	MeaningfulPoints = 2.0

	// MeaningfulFall is the relative fall in pain commonly treated as
	// meaningful (30%, as in CLINICAL.md).
	MeaningfulFall = 0.30

	// minPercentPoints keeps the 30% rule from calling tiny moves near zero
	// meaningful (0.4 to 0.2 is a 50% fall but well within noise): a fall
	// counts by percentage only when it is also at least 1 point. This guard
	// is backcare's own, chosen to be cautious.
	minPercentPoints = 1.0

	// FlareRise is the rise in pain from before to after a session that
	// marks a flare (CLINICAL.md, habit and progression anchors; the same
	// 2-point threshold as MeaningfulPoints).
	FlareRise = 2
)

const eps = 1e-9

// CheckScore reports whether n is a valid answer on a 0-10 scale. what
// names the question for the message, e.g. "pain before the session".
func CheckScore(what string, n int) error {
	if n < ScaleMin || n > ScaleMax {
		return backcare.Errorf(backcare.EINVALID, "%s must be a whole number from 0 to 10, not %d", what, n).
			WithHint("0 means no pain at all and 10 the worst pain you can imagine")
	}
	return nil
}

// ParseScore reads an answer on a 0-10 scale typed by a person ("4", " 7 ").
// Anything else, a blank included, is refused with a clear message.
func ParseScore(what, s string) (int, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, backcare.Errorf(backcare.EINVALID, "%s is missing", what).
			WithHint("type a whole number from 0 (no pain) to 10 (worst pain imaginable)")
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return 0, backcare.Errorf(backcare.EINVALID, "%s must be a whole number from 0 to 10, not %q", what, t).
			WithHint("type a whole number from 0 (no pain) to 10 (worst pain imaginable)")
	}
	if err := CheckScore(what, n); err != nil {
		return 0, err
	}
	return n, nil
}

// PEG item names, as used in messages and forms.
const (
	ItemPain      = "pain"
	ItemEnjoyment = "enjoyment"
	ItemActivity  = "activity"
)

// PEGQuestion is one item of the PEG, in backcare's own plain words.
type PEGQuestion struct {
	ID   string // pain, enjoyment or activity
	Text string
	Low  string // what 0 means
	High string // what 10 means
}

// PEGQuestions returns the three PEG items, in order. The wording follows
// the published items (Krebs et al. 2009), kept plain.
func PEGQuestions() []PEGQuestion {
	return []PEGQuestion{
		{ItemPain, "Over the past week, what number best describes your pain on average?", "no pain", "pain as bad as you can imagine"},
		{ItemEnjoyment, "Over the past week, how much has pain got in the way of your enjoyment of life?", "not at all", "completely"},
		{ItemActivity, "Over the past week, how much has pain got in the way of your general activity?", "not at all", "completely"},
	}
}

// PEGItems are the three answers of a PEG as they arrive from a form; nil
// means the item was not answered.
type PEGItems struct {
	Pain      *int
	Enjoyment *int
	Activity  *int
}

// NewPEG checks the three answers and returns the PEG entry to save. A
// missing or out-of-range item is refused (with every problem named), and
// nothing is returned to save.
func NewPEG(userID string, at time.Time, items PEGItems) (*backcare.PEG, error) {
	var missing, bad []string
	check := func(name string, v *int) int {
		if v == nil {
			missing = append(missing, name)
			return 0
		}
		if *v < ScaleMin || *v > ScaleMax {
			bad = append(bad, fmt.Sprintf("%s is %d", name, *v))
		}
		return *v
	}
	p := &backcare.PEG{
		ID:        backcare.NewID(),
		UserID:    userID,
		At:        at.UTC(),
		Pain:      check(ItemPain, items.Pain),
		Enjoyment: check(ItemEnjoyment, items.Enjoyment),
		Activity:  check(ItemActivity, items.Activity),
	}
	switch {
	case len(missing) > 0:
		return nil, backcare.Errorf(backcare.EINVALID, "the PEG needs all three answers; missing: %s", strings.Join(missing, ", ")).
			WithHint("answer each question with a whole number from 0 to 10; nothing was saved")
	case len(bad) > 0:
		return nil, backcare.Errorf(backcare.EINVALID, "each PEG answer must be from 0 to 10, but %s", strings.Join(bad, " and ")).
			WithHint("answer each question with a whole number from 0 to 10; nothing was saved")
	}
	return p, nil
}

// CheckPEG reports whether a saved or imported PEG entry holds three valid
// items.
func CheckPEG(p *backcare.PEG) error {
	_, err := NewPEG(p.UserID, p.At, PEGItems{&p.Pain, &p.Enjoyment, &p.Activity})
	return err
}

// PEGScore is the PEG score: the mean of the three items, rounded to one
// decimal (halves cannot occur: a sum of three whole numbers divided by
// three ends in .0, .33 or .67).
func PEGScore(p backcare.PEG) float64 {
	sum := p.Pain + p.Enjoyment + p.Activity
	tenths := (sum*20 + 3) / 6 // round(sum*10/3), in whole numbers
	return float64(tenths) / 10
}

// FormatScore writes a score to one decimal, as the PEG is shown: "5.7".
func FormatScore(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

// Direction says which way pain moved.
type Direction string

// The directions of a change. Lower pain is better.
const (
	Better Direction = "better"
	Same   Direction = "same"
	Worse  Direction = "worse"
)

// Change is the difference between two pain scores on a 0-10 scale.
type Change struct {
	From, To float64
	// Points is To - From: negative when pain fell.
	Points float64
	// Fall is the relative fall in pain (0.3 = 30% lower); negative when
	// pain rose, zero when From is zero.
	Fall float64
	// Meaningful is true when the change is larger than day-to-day noise.
	Meaningful bool
	// Direction is Better or Worse for a meaningful change, Same otherwise.
	Direction Direction
}

// Compare classifies the change from one pain score to another. A change
// of MeaningfulPoints or more is meaningful; so is a fall of MeaningfulFall
// (30%) or more when it is at least 1 point. Anything smaller is noise and
// its Direction is Same.
func Compare(from, to float64) Change {
	c := Change{From: from, To: to, Points: round1(to - from), Direction: Same}
	if from > 0 {
		c.Fall = (from - to) / from
	}
	big := math.Abs(c.Points) >= MeaningfulPoints-eps
	fall := c.Fall >= MeaningfulFall-eps && -c.Points >= minPercentPoints-eps
	if big || fall {
		c.Meaningful = true
		c.Direction = Better
		if c.Points > 0 {
			c.Direction = Worse
		}
	}
	return c
}

// Words describes the change plainly, e.g. "down 2.5 points: a real
// improvement" or "up 1 point: about the same, within day-to-day ups and
// downs".
func (c Change) Words() string {
	amount := func() string {
		p := math.Abs(c.Points)
		if p == 1 {
			return "1 point"
		}
		return strings.TrimSuffix(FormatScore(p), ".0") + " points"
	}
	switch {
	case c.Points == 0:
		return "no change"
	case c.Direction == Better:
		return "down " + amount() + ": a real improvement"
	case c.Direction == Worse:
		return "up " + amount() + ": a real rise"
	case c.Points < 0:
		return "down " + amount() + ": about the same, within day-to-day ups and downs"
	}
	return "up " + amount() + ": about the same, within day-to-day ups and downs"
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// PainChange is the change in pain from before to after a session, and
// false when either was not recorded.
func PainChange(s *backcare.Session) (int, bool) {
	if s.PainBefore == nil || s.PainAfter == nil {
		return 0, false
	}
	return *s.PainAfter - *s.PainBefore, true
}

// Flare reports whether a session counts as a flare: pain rose by FlareRise
// (2) or more from before to after, or the person stopped it for pain
// (CLINICAL.md, habit and progression anchors).
func Flare(s *backcare.Session) bool {
	if s.Status == backcare.StoppedForPain {
		return true
	}
	d, ok := PainChange(s)
	return ok && d >= FlareRise
}

// FlareWhy says in plain words why a session counts as a flare, or "" if
// it does not.
func FlareWhy(s *backcare.Session) string {
	if s.Status == backcare.StoppedForPain {
		return "you stopped a session for pain"
	}
	if d, ok := PainChange(s); ok && d >= FlareRise {
		return fmt.Sprintf("your pain went from %d to %d during a session", *s.PainBefore, *s.PainAfter)
	}
	return ""
}

// Point is one score at one moment.
type Point struct {
	At    time.Time
	Value float64
}

// PainPoints returns the pain recorded before each session, oldest first;
// sessions without it are left out. Pain before is the measure of how the
// back is doing day to day: pain after also reflects the session itself.
func PainPoints(sessions []*backcare.Session) []Point {
	var out []Point
	for _, s := range sessions {
		if s.PainBefore != nil {
			out = append(out, Point{s.StartedAt, float64(*s.PainBefore)})
		}
	}
	sortPoints(out)
	return out
}

// PEGPoints returns the PEG scores, oldest first.
func PEGPoints(pegs []*backcare.PEG) []Point {
	out := make([]Point, 0, len(pegs))
	for _, p := range pegs {
		out = append(out, Point{p.At, PEGScore(*p)})
	}
	sortPoints(out)
	return out
}

func sortPoints(ps []Point) {
	// Insertion sort: the lists are short and usually nearly sorted.
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].At.Before(ps[j-1].At); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// Mean returns the mean value of the points at or after from and before
// to, and how many there were.
func Mean(points []Point, from, to time.Time) (float64, int) {
	var sum float64
	n := 0
	for _, p := range points {
		if !p.At.Before(from) && p.At.Before(to) {
			sum += p.Value
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return round1(sum / float64(n)), n
}

// Trend summarises a series of scores: the latest against an earlier one
// and against the first.
type Trend struct {
	N     int
	First Point
	// Previous is the newest point at least the trend's gap older than
	// Latest; HasPrevious reports whether there is one.
	Previous    Point
	HasPrevious bool
	Latest      Point
	SinceFirst  Change // zero unless N >= 2 and First is a gap older than Latest
	SinceLast   Change // zero unless HasPrevious
}

// TrendOf returns the trend of points (in any order). The latest point is
// compared only with points at least gap older (PEGGap for the weekly
// PEG), never with one answered minutes before.
func TrendOf(points []Point, gap time.Duration) Trend {
	ps := append([]Point(nil), points...)
	sortPoints(ps)
	t := Trend{N: len(ps)}
	if len(ps) == 0 {
		return t
	}
	t.First, t.Latest = ps[0], ps[len(ps)-1]
	if prev, ok := Earlier(ps, t.Latest.At, gap); ok {
		t.Previous, t.HasPrevious = prev, true
		t.SinceFirst = Compare(t.First.Value, t.Latest.Value)
		t.SinceLast = Compare(t.Previous.Value, t.Latest.Value)
	}
	return t
}

// PEGGap is the least time between two PEGs that are compared. Each PEG
// asks about the past week, so two answered closer together describe
// mostly the same days, and their difference is not a change in the back.
// "About a week" allows half a day early, so that the same time next week
// counts (backcare's own rule, from the PEG's one-week recall: Krebs et
// al. 2009).
const PEGGap = 7*24*time.Hour - 12*time.Hour

// Earlier returns the newest of points (in any order) that lies at least
// gap before at, and false when there is none.
func Earlier(points []Point, at time.Time, gap time.Duration) (Point, bool) {
	var best Point
	found := false
	for _, p := range points {
		if at.Sub(p.At) >= gap && (!found || p.At.After(best.At)) {
			best, found = p, true
		}
	}
	return best, found
}
