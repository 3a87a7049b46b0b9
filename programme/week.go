package programme

import (
	"time"

	"backcare"
)

// Week is the week view: the minutes of flexibility, strength and balance
// done this week (Monday to Sunday, local time) against the plan.
type Week struct {
	// Start is the local midnight of the Monday that starts the week.
	Start time.Time
	// Rows are flexibility (stretch), strength and balance, in that order.
	Rows []WeekRow
	// Practised is the number of days this week with a completed session;
	// PlannedDays the days the programme planned practice on (every day
	// from its start).
	Practised, PlannedDays int
	// Days are the seven days, Monday first.
	Days []WeekDay
}

// WeekRow is one kind of training in the week view.
type WeekRow struct {
	Kind  backcare.Kind
	Label string // "Flexibility", "Strength", "Balance"
	Done  time.Duration
	Plan  time.Duration
}

// WeekDay is one day of the week view.
type WeekDay struct {
	Date time.Time
	// Done is the time spent in holds and reps that day, by kind.
	Done map[backcare.Kind]time.Duration
	// Routines are the names of the routines completed that day.
	Routines []string
}

var rowLabels = []struct {
	kind  backcare.Kind
	label string
}{
	{backcare.Stretch, "Flexibility"},
	{backcare.Strength, "Strength"},
	{backcare.Balance, "Balance"},
}

// week builds the week view for the week of today, today in phase ph.
// Each past day is planned by the phase in force that day, so a phase
// change in mid-week changes the plan from that day on. Strength and
// balance are planned StrengthPerWeek days in seven, so each day of a
// phase that has them plans 3/7 of a strength day.
func (t *today) week(ph Phase) Week {
	start := startOfWeek(t.date)
	end := start.AddDate(0, 0, 7)
	w := Week{Start: start}
	for i := range 7 {
		w.Days = append(w.Days, WeekDay{Date: start.AddDate(0, 0, i), Done: map[backcare.Kind]time.Duration{}})
	}
	done := map[backcare.Kind]time.Duration{}
	for _, s := range t.h.Sessions {
		at := s.StartedAt.In(t.loc)
		if at.Before(start) || !at.Before(end) {
			continue
		}
		// Count by date, not by 24-hour steps: a daylight-saving change
		// makes one day of the year 23 hours long and one 25.
		d := &w.Days[daysBetween(start, midnight(at))]
		for k, v := range t.p.held(s) {
			done[k] += v
			d.Done[k] += v
		}
		if counted(s) {
			d.Routines = append(d.Routines, s.RoutineName)
		}
	}
	plan := map[backcare.Kind]time.Duration{}
	for _, d := range w.Days {
		if len(d.Routines) > 0 {
			w.Practised++
		}
		n := ph.Number
		if d.Date.Before(t.date) {
			n = t.phaseOn(d.Date.AddDate(0, 0, 1))
		}
		dp, ok := PhaseByNumber(n)
		if !ok {
			continue // before the programme started
		}
		w.PlannedDays++
		for k, v := range t.p.routines[dp.Daily].byKind {
			plan[k] += v
		}
		for _, id := range dp.Strength {
			for k, v := range t.p.routines[id].byKind {
				plan[k] += v * StrengthPerWeek / 7
			}
		}
	}
	for _, r := range rowLabels {
		w.Rows = append(w.Rows, WeekRow{Kind: r.kind, Label: r.label, Done: done[r.kind], Plan: plan[r.kind].Round(time.Second)})
	}
	return w
}

// phaseOn returns the phase in force just before at (0 before the start).
func (t *today) phaseOn(at time.Time) int {
	n := 0
	for _, c := range t.h.PhaseChanges {
		if c.At.Before(at) {
			n = c.To
		}
	}
	return n
}

// daysBetween counts calendar days from a to b (both local midnights),
// whatever the length of the days between.
func daysBetween(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	ua := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	ub := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua) / day)
}

// held returns the time a session spent in holds and reps, by kind of
// pose. A session without segment results (typed in by hand, or imported)
// counts its routine's planned time if it was completed.
func (p *Programme) held(s *backcare.Session) map[backcare.Kind]time.Duration {
	out := map[backcare.Kind]time.Duration{}
	if len(s.Segments) == 0 {
		if counted(s) {
			for k, v := range p.routines[s.RoutineID].byKind {
				out[k] += v
			}
		}
		return out
	}
	for _, r := range s.Segments {
		if r.Kind != "hold" && r.Kind != "reps" {
			continue
		}
		if k, ok := p.kinds[r.PoseID]; ok {
			out[k] += r.Held
		}
	}
	return out
}
