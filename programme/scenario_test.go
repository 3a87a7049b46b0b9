package programme

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the scenarios run in Europe/London on any machine

	"backcare"
	"backcare/catalog"
	"backcare/measure"
	"backcare/player"
	"backcare/safety"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The scenarios run for eight weeks from Monday 2 March 2026 in London,
// across the change to summer time on Sunday 29 March.
var (
	london, _ = time.LoadLocation("Europe/London")
	day1      = time.Date(2026, 3, 2, 0, 0, 0, 0, london)
)

const weeks = 8

// person is how the simulated person behaves on day d (1-based).
type person struct {
	// practise reports whether they do today's plan.
	practise func(d int) bool
	// pain returns pain before and after a session on day d.
	pain func(d int, routine string) (before, after int)
	// stop reports whether they stop the session of routine for pain.
	stop func(d int, routine string) bool
	// answers returns their answers to the safety questions on day d.
	answers func(d int) map[string]bool
	// clear reports whether they record a clinician's clearance on day d.
	clear func(d int) bool
	// peg returns their PEG items on day d.
	peg func(d int) (int, int, int)
}

// sim feeds a person's days to Today, recording what the app would.
type sim struct {
	t   *testing.T
	p   *Programme
	cat *catalog.Catalog
	h   History
	out strings.Builder
	// plans holds the plan shown after the morning's safety questions;
	// mornings the plan shown before them.
	plans, mornings []Plan
}

func newSim(t *testing.T) *sim {
	t.Helper()
	cat := catalog.Builtin()
	p, err := New(cat)
	if err != nil {
		t.Fatal(err)
	}
	return &sim{t: t, p: p, cat: cat}
}

func (s *sim) at(d, hour, minute int) time.Time {
	return time.Date(day1.Year(), day1.Month(), day1.Day()+d-1, hour, minute, 0, 0, london)
}

func (s *sim) run(who person) {
	for d := 1; d <= weeks*7; d++ {
		morning := s.at(d, 7, 30)
		plan := s.p.Today(s.h, morning, london)
		s.record(plan)
		fmt.Fprintf(&s.out, "day %2d %s\n", d, morning.Format("Mon 02 Jan 15:04 MST"))
		s.write("  morning", plan)

		s.mornings = append(s.mornings, plan)
		acted := false
		volunteer := who.answers != nil && who.answers(d) != nil
		if plan.Safety.Gate == safety.ScreenFirst || volunteer {
			if who.practise(d) || volunteer || plan.Safety.Reason == safety.ReasonFirst {
				a := allNo()
				if who.answers != nil && who.answers(d) != nil {
					a = who.answers(d)
				}
				reason := plan.Safety.Reason
				if reason == "" {
					reason = safety.ReasonManual
				}
				scr, res, err := safety.NewScreening(backcare.LocalUser, reason, a, s.at(d, 7, 35))
				if err != nil {
					s.t.Fatalf("day %d: screening: %v", d, err)
				}
				s.h.Screenings = append(s.h.Screenings, scr)
				fmt.Fprintf(&s.out, "  screening (%s): %s\n", reason, res.Verdict)
				acted = true
			}
		}
		if who.clear != nil && who.clear(d) {
			st := safety.Check(s.h.Screenings, s.h.Sessions, s.at(d, 7, 40))
			if st.Blocking == nil {
				s.t.Fatalf("day %d: nothing to clear", d)
			}
			if err := safety.Clear(st.Blocking, s.at(d, 7, 40)); err != nil {
				s.t.Fatalf("day %d: clear: %v", d, err)
			}
			fmt.Fprintf(&s.out, "  clearance recorded\n")
			acted = true
		}
		if acted {
			plan = s.p.Today(s.h, s.at(d, 7, 45), london)
			s.record(plan)
			s.write("  then", plan)
		}
		s.plans = append(s.plans, plan)

		if plan.PEGDue && who.peg != nil && plan.Safety.Gate != safety.ScreenFirst {
			pi, e, g := who.peg(d)
			peg, err := measure.NewPEG(backcare.LocalUser, s.at(d, 8, 0), measure.PEGItems{Pain: &pi, Enjoyment: &e, Activity: &g})
			if err != nil {
				s.t.Fatalf("day %d: PEG: %v", d, err)
			}
			s.h.PEGs = append(s.h.PEGs, peg)
			fmt.Fprintf(&s.out, "  PEG %s\n", measure.FormatScore(measure.PEGScore(*peg)))
		}
		if !who.practise(d) || !plan.Safety.SessionAllowed() {
			continue
		}
		for i, it := range plan.Items {
			if it.Done {
				continue
			}
			s.session(d, 18, 10*i, it, who)
		}
	}
}

func allNo() map[string]bool {
	a := map[string]bool{}
	for _, q := range safety.Questions() {
		a[q.ID] = false
	}
	return a
}

// session records one session of a plan item, every segment held in full
// (or up to a stop for pain halfway).
func (s *sim) session(d, hour, minute int, it Item, who person) {
	r, err := s.cat.Routine(it.RoutineID)
	if err != nil {
		s.t.Fatal(err)
	}
	tl, err := player.Compile(r, player.Options{Hold: it.Hold})
	if err != nil {
		s.t.Fatal(err)
	}
	start := s.at(d, hour, minute)
	before, after := who.pain(d, it.RoutineID)
	ses := &backcare.Session{
		ID: fmt.Sprintf("s%d-%s", d, it.RoutineID), UserID: backcare.LocalUser,
		RoutineID: r.ID, RoutineName: r.Name,
		StartedAt: start.UTC(), Status: backcare.Completed,
		PainBefore: &before, PainAfter: &after,
	}
	stop := who.stop != nil && who.stop(d, it.RoutineID)
	for i, seg := range tl.Segments {
		if stop && i > len(tl.Segments)/2 {
			ses.Status = backcare.StoppedForPain
			break
		}
		ses.Segments = append(ses.Segments, backcare.SegmentResult{
			Index: i, Kind: string(seg.Kind), PoseID: seg.Pose, Side: seg.Side,
			Planned: seg.Duration, Held: seg.Duration,
		})
	}
	ses.EndedAt = start.Add(tl.Total).UTC()
	s.h.Sessions = append(s.h.Sessions, ses)
	status := ""
	if ses.Status == backcare.StoppedForPain {
		status = ", stopped for pain"
	}
	fmt.Fprintf(&s.out, "  session %s: pain %d -> %d%s\n", r.ID, before, after, status)
}

// record saves the plan's phase change, as `backcare today` does.
func (s *sim) record(p Plan) {
	if p.Change != nil {
		c := *p.Change
		c.ID = fmt.Sprintf("p%d", len(s.h.PhaseChanges)+1)
		s.h.PhaseChanges = append(s.h.PhaseChanges, &c)
	}
}

func (s *sim) write(label string, p Plan) {
	fmt.Fprintf(&s.out, "%s: %s, phase %d %s, safety %s", label, p.Decision, p.Phase.Number, p.Phase.Name, p.Safety.Gate)
	if p.PEGDue {
		fmt.Fprint(&s.out, ", PEG due")
	}
	fmt.Fprintln(&s.out)
	for _, w := range p.Why {
		fmt.Fprintf(&s.out, "    why: %s\n", w)
	}
	for _, it := range p.Items {
		extra := ""
		if it.Hold > 0 {
			extra = ", hold " + backcare.HumanDuration(it.Hold)
		}
		if it.Done {
			extra += ", done"
		}
		fmt.Fprintf(&s.out, "    do: %s (%s%s): %s\n", it.RoutineID, clock(it.Duration), extra, it.Why)
	}
	if p.Date.Weekday() == time.Sunday {
		fmt.Fprintf(&s.out, "    week of %s: practised on %d of %d days;", p.Week.Start.Format("02 Jan"), p.Week.Practised, p.Week.PlannedDays)
		for _, r := range p.Week.Rows {
			fmt.Fprintf(&s.out, " %s %s/%s", strings.ToLower(r.Label), clock(r.Done), clock(r.Plan))
		}
		fmt.Fprintln(&s.out)
	}
}

func clock(d time.Duration) string {
	secs := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}

func (s *sim) golden(name string) {
	s.t.Helper()
	path := filepath.Join("testdata", name+".golden")
	got := s.out.String()
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			s.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			s.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		s.t.Fatalf("%v (run go test ./programme -update to write it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				s.t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run go test ./programme -update and review the diff)", path, i+1, gl[i], wl[i])
			}
		}
		s.t.Fatalf("%s: got %d lines, want %d (run with -update and review the diff)", path, len(gl), len(wl))
	}
}

// expect checks the decision and phase of the plan of day d (the plan
// shown after any safety questions that morning) and that its why says
// each of the phrases.
type expect struct {
	day      int
	decision Decision
	phase    int
	says     []string
}

func (s *sim) check(exps []expect) {
	s.t.Helper()
	for _, e := range exps {
		// The day's decision is the morning's when it changed the phase
		// (the plan after the safety questions then holds), else the one
		// shown after the questions.
		m, p := s.mornings[e.day-1], s.plans[e.day-1]
		dec := p.Decision
		if m.Change != nil {
			dec = m.Decision
		}
		if dec != e.decision || p.Phase.Number != e.phase {
			s.t.Errorf("day %d: decision %s in phase %d, want %s in phase %d (why: %q)", e.day, dec, p.Phase.Number, e.decision, e.phase, append(m.Why, p.Why...))
		}
		why := strings.Join(m.Why, " ") + " " + strings.Join(p.Why, " ")
		for _, it := range p.Items {
			why += " " + it.Why
		}
		for _, w := range e.says {
			if !strings.Contains(why, w) {
				s.t.Errorf("day %d: why = %q, want it to say %q", e.day, why, w)
			}
		}
	}
	// Every day has a decision and a why; no day offers items while the
	// safety rules are closed.
	for i, p := range s.plans {
		if len(p.Why) == 0 || p.Why[0] == "" {
			s.t.Errorf("day %d: no why", i+1)
		}
		closed := p.Safety.Gate == safety.SeekCare || p.Safety.Gate == safety.NeedClearance
		if closed && (len(p.Items) > 0 || p.Decision != Paused) {
			s.t.Errorf("day %d: safety gate %s but decision %s with %d items", i+1, p.Safety.Gate, p.Decision, len(p.Items))
		}
		if !closed && len(p.Items) == 0 {
			s.t.Errorf("day %d: nothing to do with safety gate %s", i+1, p.Safety.Gate)
		}
	}
}

// steadily falling pain: 6 before the first session, about 0.1 lower each
// day, a point lower after each session.
func steadyPain(d int, _ string) (int, int) {
	before := max(1, 6-d/10)
	return before, max(0, before-1)
}

func steadyPEG(d int) (int, int, int) {
	v := max(1, 6-d/8)
	return v, max(0, v-1), v
}

func every(int) bool { return true }

func TestScenarioSteadyImprovement(t *testing.T) {
	s := newSim(t)
	s.run(person{practise: every, pain: steadyPain, peg: steadyPEG})
	s.golden("steady")
	s.check([]expect{
		{1, Start, 1, []string{"starts with phase 1", "Every day"}},
		{2, Hold, 1, []string{"habit point of 6 days of practice in two weeks (1 so far)", "13 more days in this phase"}},
		{14, Hold, 1, []string{"needs 1 more day in this phase.", "practised on 13 of the last 14 days"}},
		{15, Advance, 2, []string{"Moving up to phase 2", "practised on 14 of the last 14 days", "Strength day 1 of 3"}},
		{16, Hold, 2, []string{"No strength today: your strength-and-balance days are Monday, Wednesday and Friday, and the next is Wednesday."}},
		{17, Hold, 2, []string{"Strength day 2 of 3"}},
		{19, Hold, 2, []string{"Strength day 3 of 3 this week"}},
		{20, Hold, 2, []string{"the next is Monday"}},
		{29, Hold, 2, []string{}},
		{43, Advance, 3, []string{"Moving up to phase 3", "6 strength-and-balance days", "28 days in this phase", "PEG score fell"}},
		{56, Hold, 3, []string{"last phase"}},
	})
	// The periodic safety check comes four weeks after the first.
	if g := s.mornings[28].Safety; g.Gate != safety.ScreenFirst || g.Reason != safety.ReasonPeriodic {
		t.Errorf("day 29 morning: safety %s (%s), want the periodic questions", g.Gate, g.Reason)
	}
	if g := s.plans[28].Safety; g.Gate != safety.Open || g.Latest == nil || g.Latest.Reason != safety.ReasonPeriodic {
		t.Errorf("day 29: safety %s after %v, want open after the periodic check", g.Gate, g.Latest)
	}
}

func TestScenarioFlareInWeek3(t *testing.T) {
	s := newSim(t)
	// Day 17 (Wednesday of week 3, the second strength day of phase 2):
	// pain rises from 3 to 6 during the core routine.
	pain := func(d int, r string) (int, int) {
		if d == 17 && r == "core-foundation" {
			return 3, 6
		}
		return steadyPain(d, r)
	}
	s.run(person{practise: every, pain: pain, peg: steadyPEG})
	s.golden("flare")
	s.check([]expect{
		{15, Advance, 2, nil},
		{17, Hold, 2, []string{"Strength day 2 of 3"}},
		{18, StepBack, 1, []string{"Stepping back to phase 1", "your pain went from 3 to 6 during a session yesterday", "hold each stretch for 30 seconds"}},
		{19, Hold, 1, []string{"a calm week", "hold each stretch for 30 seconds"}},
		{24, Hold, 1, []string{"hold each stretch for 30 seconds"}},
		{25, Advance, 2, []string{"Moving up to phase 2", "7 days in this phase", "no flares this week"}},
	})
	// The flare brings the safety questions back the next morning.
	if p := s.plans[17]; p.Safety.Latest == nil || p.Safety.Latest.Reason != safety.ReasonFlare {
		t.Errorf("day 18: latest screening %+v, want one asked because of the flare", p.Safety.Latest)
	}
	if strings.Contains(s.out.String(), "day 18") && !strings.Contains(s.out.String(), "screening (flare): go_ahead") {
		t.Errorf("day 18: the safety questions were not asked again after the flare")
	}
}

func TestScenarioTwoMissedWeeks(t *testing.T) {
	s := newSim(t)
	// Weeks 4 and 5 (days 22 to 35) are missed entirely.
	practise := func(d int) bool { return d < 22 || d > 35 }
	s.run(person{practise: practise, pain: steadyPain, peg: steadyPEG})
	s.golden("missed")
	s.check([]expect{
		{15, Advance, 2, nil},
		{22, Hold, 2, nil},
		{34, Hold, 2, []string{"the habit point of 6 days of practice in two weeks (2 so far)", "6 strength-and-balance days in two weeks (0 so far)"}},
		{35, StepBack, 1, []string{"Welcome back", "14 days since your last session", "phase 1, Relief"}},
		{36, Hold, 1, []string{"(0 so far)", "6 more days in this phase"}},
		{41, Hold, 1, []string{"(5 so far)", "1 more day in this phase"}},
		{42, Advance, 2, []string{"Moving up to phase 2", "practised on 6 of the last 14 days", "7 days in this phase"}},
	})
}

func TestScenarioRedFlagInWeek5(t *testing.T) {
	s := newSim(t)
	// At the four-weekly check on day 29 (Monday of week 5) the person
	// reports a fever; a doctor clears them on day 33 and they carry on.
	answers := func(d int) map[string]bool {
		if d == 29 {
			a := allNo()
			a["unwell"] = true
			return a
		}
		return nil
	}
	clear := func(d int) bool { return d == 33 }
	practise := func(d int) bool { return d < 29 || d >= 33 }
	s.run(person{practise: practise, pain: steadyPain, peg: steadyPEG, answers: answers, clear: clear})
	s.golden("redflag")
	s.check([]expect{
		{29, Paused, 2, []string{"Sessions are paused", "worth a doctor's look", "phase 2, Foundation) is kept"}},
		{32, Paused, 2, []string{"Sessions are paused"}},
		{33, Hold, 2, []string{"Staying in phase 2"}},
		// The pause took two strength days (Monday and Wednesday of week
		// 5): the strength habit is back two weeks after the first one
		// done after it.
		{43, Hold, 2, []string{"6 strength-and-balance days in two weeks (4 so far)"}},
		{44, Hold, 2, []string{"6 strength-and-balance days in two weeks (5 so far)"}},
		{46, Advance, 3, []string{"Moving up to phase 3", "31 days in this phase"}},
	})
	// While paused, no session is offered or recorded.
	for _, ses := range s.h.Sessions {
		d := int(ses.StartedAt.In(london).Sub(day1)/(24*time.Hour)) + 1
		if d >= 29 && d < 33 {
			t.Errorf("a session was recorded on day %d, while sessions were paused", d)
		}
	}
	if p := s.plans[32]; p.Safety.Latest == nil || p.Safety.Latest.ClearedAt.IsZero() {
		t.Errorf("day 33: the clearance was not recorded")
	}
}

// TestScenarioSlowRise: pain before sessions rises by one point a week,
// never two in one week. Compared with the week before only, that reads
// as steady; against the start of the last four weeks it is a meaningful
// rise, and progression holds, saying why.
func TestScenarioSlowRise(t *testing.T) {
	s := newSim(t)
	pain := func(d int, _ string) (int, int) {
		before := min(6, 2+(d-1)/7)
		return before, before
	}
	s.run(person{practise: every, pain: pain, peg: steadyPEG})
	s.golden("slowrise")
	s.check([]expect{
		// Two weeks in: 3.0 against 2.0 is within day-to-day ups and downs.
		{15, Advance, 2, []string{"Moving up to phase 2", "up a little, within day-to-day ups and downs (3.0 this week, 2.0 the week before)"}},
		{22, Hold, 2, []string{"steadier pain: it averaged 4.0 before sessions this week, up from 2.0 in the week from 2 March", "Pain that has gone up is worth listening to"}},
		{43, Hold, 2, []string{"steadier pain: it averaged 6.0 before sessions this week, up from 4.0 in the week from 16 March, when this phase began"}},
		{56, Hold, 2, []string{"steadier pain"}},
	})
	s.neverSteadyWhileRising()
}

// TestScenarioPlateau: pain before sessions stays at 4 for eight weeks. A
// plateau is stable pain, so the programme moves up as in the steady
// scenario, and calls the pain steady with both numbers.
func TestScenarioPlateau(t *testing.T) {
	s := newSim(t)
	pain := func(int, string) (int, int) { return 4, 4 }
	s.run(person{practise: every, pain: pain, peg: steadyPEG})
	s.golden("plateau")
	s.check([]expect{
		{15, Advance, 2, []string{"Moving up to phase 2", "your pain has been steady (4.0 before sessions this week, 4.0 the week before)"}},
		{43, Advance, 3, []string{"Moving up to phase 3", "your pain has been steady (4.0"}},
	})
	s.neverSteadyWhileRising()
}

// TestScenarioRecoveryAfterFlare: steady pain of 3, a flare on day 17,
// then pain before sessions that starts high and settles back over two
// weeks. The programme steps back, waits while pain is still up on the
// week before the flare, and moves forward again once it has fallen.
func TestScenarioRecoveryAfterFlare(t *testing.T) {
	s := newSim(t)
	pain := func(d int, r string) (int, int) {
		switch {
		case d == 17 && r == "core-foundation":
			return 3, 6
		case d < 18:
			return 3, 2
		case d <= 20:
			return 6, 5
		case d <= 23:
			return 5, 4
		case d <= 27:
			return 4, 3
		}
		return 3, 2
	}
	s.run(person{practise: every, pain: pain, peg: steadyPEG})
	s.golden("recovery")
	s.check([]expect{
		{15, Advance, 2, nil},
		{18, StepBack, 1, []string{"Stepping back to phase 1", "your pain went from 3 to 6 during a session yesterday"}},
		{25, Hold, 1, []string{"steadier pain: it averaged 5.3 before sessions this week, up from 3.0 the week before"}},
		// Pain has fallen since the flare and is within 2 points of the
		// weeks before it: forward again.
		{27, Advance, 2, []string{"Moving up to phase 2", "up a little, within day-to-day ups and downs (4.7 this week, 3.0 in the week from 2 March)"}},
		{32, Hold, 2, []string{"your pain before sessions fell from 5.3 to 3.3"}},
	})
	s.neverSteadyWhileRising()
}

// neverSteadyWhileRising checks every why of the run: pain is called
// steady only when this week's number is not above the week before's.
func (s *sim) neverSteadyWhileRising() {
	s.t.Helper()
	const mark = "your pain has been steady ("
	for _, line := range strings.Split(s.out.String(), "\n") {
		i := strings.Index(line, mark)
		if i < 0 {
			continue
		}
		var now, before float64
		if _, err := fmt.Sscanf(line[i+len(mark):], "%g before sessions this week, %g the week before", &now, &before); err != nil {
			s.t.Errorf("cannot read the numbers in %q: %v", line, err)
			continue
		}
		if now > before {
			s.t.Errorf("pain called steady while it rose from %v to %v: %q", before, now, line)
		}
	}
}
