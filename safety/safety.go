// Package safety screens for the red flags of low back pain before exercise
// and decides whether a session may be offered.
//
// backcare is self-care education, not diagnosis. Before the first
// session, after a flare and every four weeks it asks the red-flag
// questions (Questions) and gives one of three verdicts (Evaluate): seek
// urgent care now, see a doctor before continuing, or go ahead gently.
// After an urgent or doctor verdict, sessions stay closed until the person
// records that a clinician has cleared them (Clear). Check reads the
// journal's screenings and sessions and says whether a session may start.
//
// Every rule, with its source, is in rules.go so that a clinician can audit
// it in one place; this file only applies them. The package is pure: it
// imports only the root package and measure.
package safety

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"backcare"
	"backcare/measure"
)

// Questions returns the red-flag questions in the order they are asked.
// The slice is a copy: callers may keep it.
func Questions() []Question { return slices.Clone(questions) }

// QuestionByID returns the question with the given id.
func QuestionByID(id string) (Question, bool) {
	for _, q := range questions {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}

// AdviceFor returns what a verdict tells the person to do.
func AdviceFor(v backcare.Verdict) Advice {
	a := advice[v]
	a.Steps = slices.Clone(a.Steps)
	return a
}

// HighPain returns what a person sees on checking in with a pain of
// HighPainFrom or more.
func HighPain() Advice {
	a := highPain
	a.Steps = slices.Clone(a.Steps)
	return a
}

// AfterStop returns what a person sees after stopping a session for pain.
func AfterStop() Advice {
	a := afterStop
	a.Steps = slices.Clone(a.Steps)
	return a
}

// StopRules returns the signs that end a session, and what to do for each.
func StopRules() []StopRule { return slices.Clone(stopRules) }

// Result is the outcome of one set of answers.
type Result struct {
	Verdict backcare.Verdict
	// Flags are the questions answered yes, most urgent first, in the
	// order they are asked.
	Flags  []Question
	Advice Advice
}

// Evaluate checks a complete set of answers (question id -> yes) and
// returns the verdict: Urgent if any urgent question is answered yes, else
// Doctor if any other is, else GoAhead. A missing answer or an unknown id is
// refused with a message naming it.
func Evaluate(answers map[string]bool) (Result, error) {
	if err := checkAnswers(answers); err != nil {
		return Result{}, err
	}
	r := Result{Verdict: backcare.GoAhead}
	for _, q := range questions {
		if !answers[q.ID] {
			continue
		}
		r.Flags = append(r.Flags, q)
		r.Verdict = worse(r.Verdict, q.Level)
	}
	r.Advice = AdviceFor(r.Verdict)
	return r, nil
}

// worse returns the more urgent of two verdicts.
func worse(a, b backcare.Verdict) backcare.Verdict {
	rank := map[backcare.Verdict]int{backcare.GoAhead: 0, backcare.Doctor: 1, backcare.Urgent: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

func checkAnswers(answers map[string]bool) error {
	var missing []string
	for i, q := range questions {
		if _, ok := answers[q.ID]; !ok {
			missing = append(missing, fmt.Sprintf("%d (%s)", i+1, q.ID))
		}
	}
	var unknown []string
	for id := range answers {
		if _, ok := QuestionByID(id); !ok {
			unknown = append(unknown, fmt.Sprintf("%q", id))
		}
	}
	sort.Strings(unknown)
	switch {
	case len(missing) > 0:
		return backcare.Errorf(backcare.EINVALID, "every safety question needs a yes or no; unanswered: %s", strings.Join(missing, ", ")).
			WithHint("answer all %d questions; nothing was saved", len(questions))
	case len(unknown) > 0:
		return backcare.Errorf(backcare.EINVALID, "unknown safety question %s", strings.Join(unknown, ", ")).
			WithHint("the questions are listed by safety.Questions (`backcare check` asks them all); nothing was saved")
	}
	return nil
}

// ParseAnswer reads a yes or no typed by a person: "y", "yes", "n" or "no",
// in any case. Anything else is refused.
func ParseAnswer(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "y", "yes":
		return true, nil
	case "n", "no":
		return false, nil
	case "":
		return false, backcare.Errorf(backcare.EINVALID, "the answer is missing").
			WithHint("answer yes or no (y or n)")
	}
	return false, backcare.Errorf(backcare.EINVALID, "%q is not an answer to a yes-or-no question", strings.TrimSpace(s)).
		WithHint("answer yes or no (y or n)")
}

// ValidReason reports whether r is a reason a screening may be saved with.
func ValidReason(r string) bool {
	switch r {
	case ReasonFirst, ReasonFlare, ReasonPeriodic, ReasonManual:
		return true
	}
	return false
}

// NewScreening evaluates the answers and returns the screening to save,
// with its verdict, and the result to show. Bad answers or an unknown
// reason return an error and no screening.
func NewScreening(userID, reason string, answers map[string]bool, now time.Time) (*backcare.Screening, Result, error) {
	if !ValidReason(reason) {
		return nil, Result{}, backcare.Errorf(backcare.EINVALID, "%q is not a reason for a screening", reason).
			WithHint("use %s, %s, %s or %s", ReasonFirst, ReasonFlare, ReasonPeriodic, ReasonManual)
	}
	r, err := Evaluate(answers)
	if err != nil {
		return nil, Result{}, err
	}
	s := &backcare.Screening{
		ID:      backcare.NewID(),
		UserID:  userID,
		At:      now.UTC(),
		Reason:  reason,
		Answers: maps(answers),
		Verdict: r.Verdict,
	}
	return s, r, nil
}

func maps(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// CheckScreening reports whether a saved or imported screening is whole:
// every question answered, and the verdict the one the answers give.
func CheckScreening(s *backcare.Screening) error {
	r, err := Evaluate(s.Answers)
	if err != nil {
		return err
	}
	if r.Verdict != s.Verdict {
		return backcare.Errorf(backcare.EINVALID, "the screening's verdict %q does not match its answers (%q)", s.Verdict, r.Verdict)
	}
	if !s.ClearedAt.IsZero() && s.Verdict == backcare.GoAhead {
		return backcare.Errorf(backcare.EINVALID, "a go-ahead screening cannot carry a clearance")
	}
	return nil
}

// Clear records that a clinician cleared the person after s, at now. Only an
// Urgent or Doctor screening can be cleared, and only once.
func Clear(s *backcare.Screening, now time.Time) error {
	switch {
	case s.Verdict == backcare.GoAhead:
		return backcare.Errorf(backcare.EINVALID, "the screening of %s said go ahead, so there is nothing for a clinician to clear", s.At.Format("2 January 2006")).
			WithHint("a clearance is only needed after a \"see a doctor\" or \"get help today\" verdict")
	case !s.ClearedAt.IsZero():
		return backcare.Errorf(backcare.ECONFLICT, "a clinician's clearance was already recorded on %s", s.ClearedAt.Format("2 January 2006"))
	case now.Before(s.At):
		return backcare.Errorf(backcare.EINVALID, "a clearance cannot come before the screening it clears")
	}
	s.ClearedAt = now.UTC()
	return nil
}

// Gate says whether a session may start.
type Gate string

// The gates, from most to least closed.
const (
	// SeekCare: the latest answers need same-day care; no session is offered.
	SeekCare Gate = "seek_care"
	// NeedClearance: a clinician must clear the person first.
	NeedClearance Gate = "need_clearance"
	// ScreenFirst: the questions are due; answer them, then a session may
	// start (if the verdict allows).
	ScreenFirst Gate = "screen_first"
	// Open: a session may start.
	Open Gate = "open"
)

// Status is the safety state of a person at one moment.
type Status struct {
	Gate Gate
	// Reason is why the questions are due (ReasonFirst, ReasonFlare or
	// ReasonPeriodic) when Gate is ScreenFirst; otherwise, whether they are
	// also due behind a closed gate, or "".
	Reason string
	// Latest is the newest screening, nil if there is none.
	Latest *backcare.Screening
	// Blocking is the screening that needs a clinician's clearance when
	// Gate is SeekCare or NeedClearance.
	Blocking *backcare.Screening
	// Covered lists the answers of the latest screening that a clinician
	// has already cleared, when that keeps the gate open.
	Covered []Question
	// NextDue is the local midnight when the questions fall due again by
	// the calendar (zero if there is no screening yet).
	NextDue time.Time
	// Why says, in one or two plain sentences, why the gate is as it is.
	Why string
	// Due says, when the questions are due, why and how long they take,
	// without naming them: for a page that already offers them by name
	// (a button "Answer the safety questions"). Empty when not due.
	Due string
}

// questionsTake is how long the safety questions take, said the same way
// wherever it is said.
const questionsTake = "about two minutes"

// SessionAllowed reports whether a session may start now.
func (s Status) SessionAllowed() bool { return s.Gate == Open }

// Check reads a person's screenings and sessions (in any order) and returns
// their safety status at now.
func Check(screenings []*backcare.Screening, sessions []*backcare.Session, now time.Time) Status {
	scr := slices.Clone(screenings)
	scr = slices.DeleteFunc(scr, func(s *backcare.Screening) bool { return s == nil || s.At.After(now) })
	sort.SliceStable(scr, func(i, j int) bool { return scr[i].At.Before(scr[j].At) })

	day := func(t time.Time) string { return t.In(now.Location()).Format("2 January") }
	var st Status
	if len(scr) == 0 {
		st.Gate, st.Reason = ScreenFirst, ReasonFirst
		st.Why = "Before your first session, please answer a few safety questions. They take " + questionsTake + "."
		st.Due = "Before your first session, a few yes-or-no questions: " + questionsTake + "."
		return st
	}
	latest := scr[len(scr)-1]
	st.Latest = latest
	st.NextDue = nextDue(latest, now.Location())
	st.Reason, st.Why, st.Due = due(latest, sessions, now)

	// An uncleared Urgent verdict closes sessions until some clearance is
	// recorded on it or after it.
	for i := len(scr) - 1; i >= 0; i-- {
		if !scr[i].ClearedAt.IsZero() {
			break
		}
		if scr[i].Verdict != backcare.Urgent {
			continue
		}
		st.Blocking = scr[i]
		if scr[i] == latest {
			st.Gate = SeekCare
			st.Why = "Your answers on " + day(latest.At) + " need a doctor's check today, so no session is offered. " +
				"Once a clinician has seen you and says exercise is fine, record it and your sessions will open again."
			return st
		}
		st.Gate = NeedClearance
		st.Why = "On " + day(scr[i].At) + " your answers needed a doctor's check the same day. " +
			"Sessions open again once you record that a clinician has seen you and says exercise is fine."
		return st
	}

	if latest.Verdict == backcare.Doctor && latest.ClearedAt.IsZero() {
		covered, ok := coveredByClearance(latest, scr[:len(scr)-1])
		if !ok {
			st.Gate, st.Blocking = NeedClearance, latest
			st.Why = "Your answers on " + day(latest.At) + " are worth a doctor's look before you exercise. " +
				"Sessions open again once you record that a clinician says exercise is fine for you."
			return st
		}
		st.Covered = covered
	}

	if st.Reason != "" {
		st.Gate = ScreenFirst
		return st
	}
	st.Gate = Open
	switch {
	case len(st.Covered) > 0:
		st.Why = "A clinician has already cleared you for what you told us, so go ahead gently."
	case !latest.ClearedAt.IsZero():
		st.Why = "A clinician cleared you on " + day(latest.ClearedAt) + ", so go ahead gently."
	default:
		st.Why = "Your safety answers of " + day(latest.At) + " are up to date, so go ahead gently."
	}
	return st
}

// due says whether the questions are due again after latest, and why: the
// reason, the why and the short Due line.
func due(latest *backcare.Screening, sessions []*backcare.Session, now time.Time) (string, string, string) {
	var flare *backcare.Session
	for _, s := range sessions {
		if s == nil || !s.StartedAt.After(latest.At) || s.StartedAt.After(now) || !measure.Flare(s) {
			continue
		}
		if flare == nil || s.StartedAt.After(flare.StartedAt) {
			flare = s
		}
	}
	if flare != nil {
		return ReasonFlare, "Since your last safety check, " + measure.FlareWhy(flare) +
				". Please answer the safety questions again before your next session, just to be sure.",
			"Since your last check, " + measure.FlareWhy(flare) + ", so they come again before your next session, just to be sure: " + questionsTake + "."
	}
	if !now.Before(nextDue(latest, now.Location())) {
		return ReasonPeriodic, "It has been four weeks since your last safety check. Please answer the questions again; they take " + questionsTake + ".",
			"It has been four weeks since your last check: " + questionsTake + "."
	}
	return "", "", ""
}

// nextDue is the start of the local day ScreenEvery after the day of the
// screening: four weeks later by the calendar, whatever the clock said, so
// a check done at 8 pm is due again at the start of that day four weeks on.
func nextDue(s *backcare.Screening, loc *time.Location) time.Time {
	y, m, d := s.At.In(loc).Date()
	return time.Date(y, m, d+int(ScreenEvery/(24*time.Hour)), 0, 0, 0, 0, loc)
}

// coveredByClearance reports whether every "yes" of s is a Lasting answer
// that a clinician already cleared in an earlier screening, and returns
// those answers.
func coveredByClearance(s *backcare.Screening, earlier []*backcare.Screening) ([]Question, bool) {
	cleared := map[string]bool{}
	for _, e := range earlier {
		if e.ClearedAt.IsZero() {
			continue
		}
		for id, yes := range e.Answers {
			if yes {
				cleared[id] = true
			}
		}
	}
	var covered []Question
	for _, q := range questions {
		if !s.Answers[q.ID] {
			continue
		}
		if q.Level != backcare.Doctor || !q.Lasting || !cleared[q.ID] {
			return nil, false
		}
		covered = append(covered, q)
	}
	return covered, len(covered) > 0
}
