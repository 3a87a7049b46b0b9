package programme

// This file holds every threshold of the programme and the content of each
// phase, with its source, so that a clinician can audit and edit them in
// one place. programme.go only applies them.
//
// Sources:
//   [CLIN]  shared/CLINICAL.md, habit and progression anchors: Hinge
//           Health's "habit point" of 6 sessions within 2 weeks and at
//           least 3 sessions a week; progress only when pain is stable or
//           falling (no session where pain rose by 2 or more, no stop for
//           pain in the last week); step back after a flare; re-screen red
//           flags after a flare.
//   [ART]   The article (shared/seed): strength, balance and flexibility
//           heal together; stretches alone are not a programme; intensity
//           rises over weeks and months.
//   [ISSUE] Issue 7: phase 1 relief (the article's routine daily), phase 2
//           foundation (relief plus strength and balance three times a
//           week), phase 3 build (longer holds, harder variants, stronger
//           stretches).
//   [MEAS]  package measure: a change of about 2 points, or a fall of 30%,
//           is meaningful (Childs et al., Spine 2005); PEGs are compared
//           only a week or more apart (measure.PEGGap), since each is about
//           the past week (Krebs et al. 2009).
//   [BC]    backcare's own cautious default, stated as such.

import (
	"time"

	"backcare"
)

const day = 24 * time.Hour

// Thresholds.
const (
	// HabitSessions days with a completed session within HabitWindow is
	// the habit point [CLIN: 6 sessions within 2 weeks; counted as days
	// so that three routines on one day count once].
	HabitSessions = 6
	HabitWindow   = 14 * day

	// WeeklySessions is the least number of sessions a week that keeps the
	// habit [CLIN]; the week view counts against it.
	WeeklySessions = 3

	// StrengthPerWeek is how many strength-and-balance days phases 2 and 3
	// plan each week [ISSUE].
	StrengthPerWeek = 3

	// FlareLookback: progress only with no flare in the last week; a flare
	// in the last week steps back [CLIN].
	FlareLookback = 7 * day

	// PainWindow is the span over which pain before sessions is averaged;
	// this window is compared with the one before it and with the
	// baseline (below), and a meaningful rise (measure.Compare) against
	// either holds progression [CLIN] [MEAS]. Averaging over a week is
	// backcare's own choice [BC].
	PainWindow = 7 * day

	// BaselineSpan: pain this week is also compared with two baselines,
	// the first PainWindow of the current phase and the first PainWindow
	// of the last four weeks, so that a slow rise (a little worse each
	// week, never 2 points in one week) still holds progression [CLIN:
	// progress only when pain is stable or falling]. The baselines and
	// the four weeks are backcare's own choice [BC]: four weeks is the time
	// between two safety screenings, long enough for a creeping rise to
	// add up to a meaningful one.
	BaselineSpan = 28 * day

	// BreakStepBack: after this long without a completed session, the
	// programme steps back one phase, since strength fades with a break
	// [BC].
	BreakStepBack = 14 * day

	// PEGEvery is how often the PEG is asked [ISSUE: a weekly PEG].
	PEGEvery = 7 * day

	// GentleHold is the shorter hold suggested in phase 1 for a week after
	// a flare, when there is no phase to step back to [BC].
	GentleHold = 30 * time.Second

	// QuitHold is the shorter hold suggested after a session left before
	// its end, and only when its holds were longer than this [BC: half the
	// article's minute; a 5-second hold is never told to grow to 30].
	QuitHold = 30 * time.Second
)

// DefaultStrengthDays are the strength-and-balance days when the person
// has not chosen (BACKCARE_DAYS): Monday, Wednesday and Friday, a day of
// rest between each [BC]. Today plans strength on the chosen days only and
// the calendar (Practice) holds the same days, so the two never disagree.
// A strength session done on another day still counts, as an extra.
var DefaultStrengthDays = []time.Weekday{time.Monday, time.Wednesday, time.Friday}

// Words about pain [BC]: pain before sessions is called "steady" only when
// this week's average is not above the week before's; a rise smaller than
// meaningful is "up a little, within day-to-day ups and downs", and a fall
// smaller than meaningful "down a little". Each names the numbers it rests
// on. A meaningful rise holds progression and adds risingPainAdvice
// (programme.go), in phase 3 too.

// minDaysIn is the least time spent in a phase before moving on [BC]:
// two weeks in relief (one habit window, so the habit point is earned in
// the phase), four weeks in foundation (the time between two safety
// screenings, long enough for strength to build).
var minDaysIn = map[int]time.Duration{
	1: 14 * day,
	2: 28 * day,
}

// Phase numbers.
const (
	Relief     = 1
	Foundation = 2
	Build      = 3
)

// Phase is one stage of the programme and what it asks for.
type Phase struct {
	Number  int
	Name    string
	Summary string
	// Daily is the routine for every day.
	Daily string
	// Strength are the routines of a strength-and-balance day, in order;
	// empty in phase 1.
	Strength []string
}

// phases are the three stages [ISSUE] [ART].
var phases = []Phase{
	{
		Number:  Relief,
		Name:    "Relief",
		Summary: "The three gentle stretches of the article, every day, to ease the back and build the habit.",
		Daily:   "lower-back-relief",
	},
	{
		Number:   Foundation,
		Name:     "Foundation",
		Summary:  "The daily stretches, plus strength and balance three times a week: the other two legs of a healthy back.",
		Daily:    "lower-back-relief",
		Strength: []string{"core-foundation", "balance-basics"},
	},
	{
		Number:   Build,
		Name:     "Build",
		Summary:  "Stronger stretches every day, and harder strength and balance work with longer sets three times a week.",
		Daily:    "stronger-stretches",
		Strength: []string{"core-build", "balance-build"},
	},
}

// counted reports whether a session counts toward the habit: only
// sessions played to the end do [BC; CLIN speaks of sessions done].
func counted(s *backcare.Session) bool { return s.Status == backcare.Completed }
