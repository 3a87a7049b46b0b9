package programme

import (
	"slices"
	"strings"
	"testing"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/safety"
)

func ip(n int) *int { return &n }

// hist builds a history in London for the unit tests below: a go-ahead
// screening on day 1, the programme started on day 1, and phase changes.
type hist struct{ History }

func at(d, hour int) time.Time {
	return time.Date(day1.Year(), day1.Month(), day1.Day()+d-1, hour, 0, 0, 0, london)
}

func newHist(phase int, since int) *hist {
	h := &hist{}
	h.Screenings = append(h.Screenings, &backcare.Screening{At: at(since, 7), Reason: safety.ReasonFirst, Answers: allNo(), Verdict: backcare.GoAhead})
	h.PhaseChanges = append(h.PhaseChanges, &backcare.PhaseChange{At: at(since, 7), From: 0, To: phase})
	return h
}

// practise adds a completed session of routine on day d at 18:00.
func (h *hist) practise(d int, routine string, before, after int) *backcare.Session {
	s := &backcare.Session{RoutineID: routine, StartedAt: at(d, 18).UTC(), Status: backcare.Completed, PainBefore: ip(before), PainAfter: ip(after)}
	h.Sessions = append(h.Sessions, s)
	return s
}

func testProgramme(t *testing.T) *Programme {
	t.Helper()
	cat := catalog.Builtin()
	p, err := New(cat)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestToday(t *testing.T) {
	p := testProgramme(t)
	tests := []struct {
		name     string
		h        func() *hist
		day      int
		decision Decision
		phase    int
		items    []string
		says     string
		never    string // a phrase the why must not say
	}{
		{
			name: "urgent answers: no session offered",
			h: func() *hist {
				h := newHist(2, 1)
				a := allNo()
				a["saddle"] = true
				h.Screenings = append(h.Screenings, &backcare.Screening{At: at(4, 20), Answers: a, Verdict: backcare.Urgent})
				return h
			},
			day: 5, decision: Paused, phase: 2, says: "need a doctor's check today",
		},
		{
			name: "flare in phase 3 steps back to 2",
			h: func() *hist {
				h := newHist(3, 1)
				h.practise(3, "stronger-stretches", 3, 6)
				return h
			},
			day: 5, decision: StepBack, phase: 2, items: []string{"lower-back-relief", "core-foundation", "balance-basics"}, says: "your pain went from 3 to 6 during a session on Wednesday",
		},
		{
			name: "stop for pain in phase 2 steps back to 1",
			h: func() *hist {
				h := newHist(2, 1)
				s := h.practise(3, "core-foundation", 3, 3)
				s.Status = backcare.StoppedForPain
				return h
			},
			day: 5, decision: StepBack, phase: 1, items: []string{"lower-back-relief"}, says: "because you stopped a session for pain on Wednesday",
		},
		{
			name: "a flare in phase 1 holds, with shorter holds",
			h: func() *hist {
				h := newHist(1, 1)
				h.practise(2, "lower-back-relief", 2, 5)
				return h
			},
			day: 3, decision: Hold, phase: 1, items: []string{"lower-back-relief"}, says: "hold each stretch for 30 seconds",
		},
		{
			name: "a break in phase 1 holds",
			h: func() *hist {
				h := newHist(1, 1)
				h.practise(2, "lower-back-relief", 4, 3)
				return h
			},
			day: 20, decision: Hold, phase: 1, items: []string{"lower-back-relief"}, says: "Welcome back. It has been 18 days since your last session",
		},
		{
			name: "rising pain holds",
			h: func() *hist {
				h := newHist(1, 1)
				for d := 1; d <= 8; d++ {
					h.practise(d, "lower-back-relief", 2, 2)
				}
				for d := 9; d <= 15; d++ {
					h.practise(d, "lower-back-relief", 5, 5)
				}
				return h
			},
			day: 16, decision: Hold, phase: 1, says: "steadier pain: it averaged 5.0 before sessions this week, up from 2.0",
		},
		{
			name: "a worse PEG holds",
			h: func() *hist {
				h := newHist(1, 1)
				for d := 1; d <= 15; d++ {
					h.practise(d, "lower-back-relief", 3, 3)
				}
				h.PEGs = append(h.PEGs, &backcare.PEG{At: at(1, 8), Pain: 3, Enjoyment: 2, Activity: 2}, &backcare.PEG{At: at(15, 8), Pain: 6, Enjoyment: 5, Activity: 5})
				return h
			},
			day: 16, decision: Hold, phase: 1, says: "a steadier PEG score: it rose from 2.3 on 2 March to 5.3",
		},
		{
			name: "all conditions met advances",
			h: func() *hist {
				h := newHist(1, 1)
				for d := 1; d <= 15; d++ {
					h.practise(d, "lower-back-relief", 3, 2)
				}
				return h
			},
			day: 17, decision: Advance, phase: 2, items: []string{"lower-back-relief", "core-foundation", "balance-basics"}, says: "Moving up to phase 2",
		},
		{
			name: "two routines on one day are one day of practice",
			h: func() *hist {
				h := newHist(1, 1)
				for d := 10; d <= 14; d++ {
					h.practise(d, "lower-back-relief", 3, 2)
					h.practise(d, "lower-back-relief", 3, 2)
				}
				return h
			},
			day: 16, decision: Hold, phase: 1, says: "(5 so far)",
		},
		{
			name: "two PEGs minutes apart are not compared",
			h: func() *hist {
				h := newHist(1, 1)
				for d := 1; d <= 15; d++ {
					h.practise(d, "lower-back-relief", 3, 2)
				}
				h.PEGs = append(h.PEGs, &backcare.PEG{At: at(15, 8), Pain: 2, Enjoyment: 2, Activity: 2},
					&backcare.PEG{At: at(15, 8).Add(15 * time.Millisecond), Pain: 6, Enjoyment: 5, Activity: 5})
				return h
			},
			day: 16, decision: Advance, phase: 2, says: "Moving up to phase 2", never: "PEG",
		},
		{
			name: "a slow rise holds, compared with the start of the phase",
			h: func() *hist {
				h := newHist(1, 1)
				for d := 1; d <= 21; d++ {
					h.practise(d, "lower-back-relief", 2+(d-1)/7, 2+(d-1)/7)
				}
				return h
			},
			day: 22, decision: Hold, phase: 1, says: "steadier pain: it averaged 4.0 before sessions this week, up from 2.0 in the week from 2 March, when this phase began", never: "steady (",
		},
		{
			name: "safety questions due are named once",
			h: func() *hist {
				h := newHist(1, 1)
				for d := 1; d <= 20; d++ {
					h.practise(d, "lower-back-relief", 3, 2)
				}
				h.practise(21, "lower-back-relief", 2, 5) // a flare brings the questions back
				return h
			},
			day: 29, decision: Hold, phase: 1, says: "until the safety questions are answered", never: "safety answers brought up to date",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.h()
			plan := p.Today(h.History, at(tt.day, 7), london)
			if plan.Decision != tt.decision || plan.Phase.Number != tt.phase {
				t.Errorf("decision %s in phase %d, want %s in phase %d; why %q", plan.Decision, plan.Phase.Number, tt.decision, tt.phase, plan.Why)
			}
			var ids []string
			why := strings.Join(plan.Why, " ")
			for _, it := range plan.Items {
				ids = append(ids, it.RoutineID)
				why += " " + it.Why
			}
			if tt.items != nil && strings.Join(ids, ",") != strings.Join(tt.items, ",") {
				t.Errorf("Items = %v, want %v", ids, tt.items)
			}
			if tt.decision == Paused && len(ids) > 0 {
				t.Errorf("Items = %v while paused, want none", ids)
			}
			if !strings.Contains(why, tt.says) {
				t.Errorf("why = %q, want it to say %q", why, tt.says)
			}
			if tt.never != "" && strings.Contains(why, tt.never) {
				t.Errorf("why = %q, want it not to say %q", why, tt.never)
			}
			changed := plan.Change != nil
			if changed != (tt.decision == Advance || tt.decision == StepBack || tt.decision == Start) {
				t.Errorf("Change = %+v with decision %s", plan.Change, plan.Decision)
			}
			if changed && (plan.Change.To != tt.phase || !strings.Contains(why, plan.Change.Reason)) {
				t.Errorf("Change = %+v, want to phase %d with the first why as its reason", plan.Change, tt.phase)
			}
		})
	}
}

// TestTodayIgnoresTheFuture checks that records after now (a clock set
// back, an import from another device) do not change today's decision.
func TestTodayIgnoresTheFuture(t *testing.T) {
	p := testProgramme(t)
	h := newHist(1, 1)
	h.practise(2, "lower-back-relief", 3, 2)
	before := p.Today(h.History, at(3, 7), london)
	h.practise(9, "lower-back-relief", 2, 8) // a flare, in the future
	h.PhaseChanges = append(h.PhaseChanges, &backcare.PhaseChange{At: at(9, 7), From: 1, To: 2})
	after := p.Today(h.History, at(3, 7), london)
	if before.Decision != after.Decision || strings.Join(before.Why, "|") != strings.Join(after.Why, "|") {
		t.Errorf("future records changed the plan: %v / %v", before.Why, after.Why)
	}
}

// TestWeekAcrossDST checks that a session at 00:30 on the Monday after the
// clocks go forward lands on Monday, not Sunday, and that the week view's
// days are local dates.
func TestWeekAcrossDST(t *testing.T) {
	p := testProgramme(t)
	h := newHist(1, 1)
	// Sunday 29 March 2026 is day 28: clocks go forward at 01:00 GMT.
	s := &backcare.Session{RoutineID: "lower-back-relief", RoutineName: "Lower back relief", Status: backcare.Completed,
		StartedAt: time.Date(2026, 3, 30, 0, 30, 0, 0, london).UTC()}
	h.Sessions = append(h.Sessions, s)
	plan := p.Today(h.History, time.Date(2026, 4, 1, 12, 0, 0, 0, london), london)
	w := plan.Week
	if got := w.Start.Format("Mon 02 Jan 15:04 MST"); got != "Mon 30 Mar 00:00 BST" {
		t.Errorf("Week.Start = %s, want Mon 30 Mar 00:00 BST", got)
	}
	if len(w.Days[0].Routines) != 1 || w.Practised != 1 {
		t.Errorf("Days[0].Routines = %v, Practised = %d, want the session on Monday", w.Days[0].Routines, w.Practised)
	}
	if w.Rows[0].Done != 4*time.Minute || w.Rows[0].Plan != 7*4*time.Minute {
		t.Errorf("flexibility %v of %v, want 4m of 28m (4 minutes of holds a day)", w.Rows[0].Done, w.Rows[0].Plan)
	}
	for i, d := range w.Days {
		if d.Date.Hour() != 0 || d.Date.Weekday() != time.Weekday((i+1)%7) {
			t.Errorf("Days[%d].Date = %v, want local midnight of the right weekday", i, d.Date)
		}
	}
	before := p.Today(h.History, time.Date(2026, 3, 29, 23, 0, 0, 0, london), london)
	if before.Week.Practised != 0 {
		t.Errorf("the week of 23 March counts the session of Monday 30 March")
	}
}

func TestPractice(t *testing.T) {
	p := testProgramme(t)
	tests := []struct {
		phase    int
		days     []time.Weekday
		daily    string
		strength []string
		want     []time.Weekday
		err      bool
	}{
		{1, nil, "lower-back-relief", nil, nil, false},
		{2, nil, "lower-back-relief", []string{"core-foundation", "balance-basics"}, DefaultStrengthDays, false},
		{3, []time.Weekday{time.Saturday, time.Tuesday, time.Thursday}, "stronger-stretches", []string{"core-build", "balance-build"}, []time.Weekday{time.Tuesday, time.Thursday, time.Saturday}, false},
		{2, []time.Weekday{time.Monday, time.Monday}, "", nil, nil, true},
		{4, nil, "", nil, nil, true},
	}
	for _, tt := range tests {
		pr, err := p.Practice(tt.phase, tt.days)
		if (err != nil) != tt.err {
			t.Errorf("Practice(%d, %v) error = %v, want error %v", tt.phase, tt.days, err, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		if pr.Daily.RoutineID != tt.daily || pr.Daily.Duration == 0 || pr.Daily.Why == "" {
			t.Errorf("Practice(%d).Daily = %+v, want %s with a duration and a why", tt.phase, pr.Daily, tt.daily)
		}
		var ids []string
		for _, it := range pr.Strength {
			ids = append(ids, it.RoutineID)
		}
		if strings.Join(ids, ",") != strings.Join(tt.strength, ",") {
			t.Errorf("Practice(%d).Strength = %v, want %v", tt.phase, ids, tt.strength)
		}
		if len(pr.StrengthDays) != len(tt.want) {
			t.Errorf("Practice(%d).StrengthDays = %v, want %v", tt.phase, pr.StrengthDays, tt.want)
		}
		for i := range tt.want {
			if i < len(pr.StrengthDays) && pr.StrengthDays[i] != tt.want[i] {
				t.Errorf("Practice(%d).StrengthDays = %v, want %v (Monday first)", tt.phase, pr.StrengthDays, tt.want)
			}
		}
	}
}

func TestNewNeedsThePhaseRoutines(t *testing.T) {
	cat := catalog.New()
	err := cat.AddFiles(map[string][]byte{"mine.yaml": []byte(`poses:
  - id: my-stretch
    name: My Stretch
    kind: stretch
    why: It helps.
    feel: A stretch.
    targets: [back]
    steps: [Stretch.]
    stop_signs: [Pain]
    dose: {hold: 30s}
routines:
  - id: mine
    name: Mine
    purpose: Mine.
    poses: [my-stretch]
`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(cat); err == nil || !strings.Contains(err.Error(), "lower-back-relief") {
		t.Errorf("New without the phase routines: error = %v, want one naming the missing routine", err)
	}
}

// TestStrengthDaysOneSource checks that Today plans strength and balance
// on exactly the weekdays the calendar (Practice) holds them, for the
// default days and for days the person chose.
func TestStrengthDaysOneSource(t *testing.T) {
	tests := []struct {
		name string
		days []time.Weekday
		want []time.Weekday
	}{
		{"default", nil, []time.Weekday{time.Monday, time.Wednesday, time.Friday}},
		{"chosen", []time.Weekday{time.Saturday, time.Tuesday, time.Thursday}, []time.Weekday{time.Tuesday, time.Thursday, time.Saturday}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testProgramme(t)
			if tt.days != nil {
				if err := p.SetStrengthDays(tt.days); err != nil {
					t.Fatal(err)
				}
			}
			pr, err := p.Practice(Foundation, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(pr.StrengthDays, tt.want) {
				t.Errorf("Practice.StrengthDays = %v, want %v", pr.StrengthDays, tt.want)
			}
			h := newHist(2, 1)
			// Every day of the second week, mornings, nothing done yet.
			for d := 8; d <= 14; d++ {
				plan := p.Today(h.History, at(d, 7), london)
				wd := at(d, 7).Weekday()
				if planned := slices.Contains(tt.want, wd); plan.StrengthDay != planned {
					t.Errorf("%s: StrengthDay = %v, want %v (calendar days %v)", wd, plan.StrengthDay, planned, pr.StrengthDays)
				}
			}
		})
	}
	p := testProgramme(t)
	for _, bad := range [][]time.Weekday{{time.Monday, time.Monday, time.Friday}, {time.Monday}, {time.Weekday(9), time.Monday, time.Friday}} {
		if err := p.SetStrengthDays(bad); err == nil {
			t.Errorf("SetStrengthDays(%v) = nil, want an error", bad)
		}
	}
}
