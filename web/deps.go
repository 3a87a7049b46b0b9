package web

import (
	"context"
	"time"

	"backcare"
)

// Plan is what to do today and why, as the programme decides it.
type Plan struct {
	RoutineID string // the routine to play today
	Why       string // one or two plain sentences
	Rest      bool   // today is better as a rest day
	Week      []PlanDay
}

// PlanDay is one day of the week view.
type PlanDay struct {
	Date    time.Time
	Planned bool // a session is planned that day
	Done    bool // a session was completed that day
}

// PlanFunc decides the plan for a user at a moment; cmd wires it from the
// programme and the journal.
type PlanFunc func(ctx context.Context, userID string, now time.Time) (Plan, error)

// Safety is the red-flag screening (package safety), adapted by cmd.
type Safety interface {
	// Questions are asked in order.
	Questions() []SafetyQuestion
	// Screen gives the verdict for a full set of answers.
	Screen(answers map[string]bool) SafetyVerdict
}

// SafetyQuestion is one red-flag question, answered yes or no.
type SafetyQuestion struct {
	ID   string
	Text string
	Help string // an optional line that explains the question
}

// SafetyVerdict is the outcome of a screening in words.
type SafetyVerdict struct {
	Verdict backcare.Verdict
	Title   string   // e.g. "Go ahead, gently"
	Advice  []string // what to do, in short paragraphs
}
