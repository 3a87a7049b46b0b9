// Package programme turns a person's journal into today's plan: which
// phase of the programme they are in, whether to advance, hold or step
// back, what to do today, and why, in plain words.
//
// The programme has three phases (rules.go): Relief, the article's three
// stretches every day; Foundation, the stretches plus strength and balance
// three times a week; Build, stronger stretches and harder strength and
// balance work. Today reads the history (sessions, PEGs, screenings, phase
// changes) and decides:
//
//   - start the programme in phase 1 when it has not started;
//   - pause when the safety rules close sessions (package safety);
//   - step back a phase after a flare in the last week, or after a break of
//     two weeks or more;
//   - advance when the habit point is reached (6 sessions in 14 days),
//     enough time has passed in the phase, pain and the PEG are steady or
//     falling, there was no flare in the last week and the safety questions
//     are up to date;
//   - otherwise hold, saying what is still to come.
//
// Every threshold, with its source, is in rules.go. Today is a pure
// function of the history, the moment and the time zone; the phase change
// it proposes (Plan.Change) is for the caller to record in the journal.
package programme

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/measure"
	"backcare/player"
	"backcare/safety"
)

// Programme knows the routines of each phase and how long each part of
// them takes.
type Programme struct {
	kinds    map[string]backcare.Kind // pose id -> kind
	routines map[string]routineInfo
	// strengthDays are the weekdays of strength and balance, for Today and
	// for Practice (the calendar) alike, so the two never disagree.
	strengthDays []time.Weekday
}

// routineInfo is what the programme needs of one routine.
type routineInfo struct {
	name   string
	total  time.Duration
	byKind map[backcare.Kind]time.Duration // time in holds and reps
	kinds  []backcare.Kind                 // kinds it trains, in order
}

// New returns the programme over the routines of cat. It fails if a
// routine a phase names is missing or cannot be compiled.
func New(cat *catalog.Catalog) (*Programme, error) {
	p := &Programme{kinds: map[string]backcare.Kind{}, routines: map[string]routineInfo{}, strengthDays: slices.Clone(DefaultStrengthDays)}
	for _, pose := range cat.Poses() {
		p.kinds[pose.ID] = pose.Kind
	}
	for _, r := range cat.Routines() {
		info, err := describe(r, p.kinds)
		if err != nil {
			return nil, fmt.Errorf("programme: routine %s: %w", r.ID, err)
		}
		p.routines[r.ID] = info
	}
	for _, ph := range phases {
		for _, id := range append([]string{ph.Daily}, ph.Strength...) {
			if _, ok := p.routines[id]; !ok {
				return nil, backcare.Errorf(backcare.EINTERNAL, "programme: phase %d needs the routine %q, which the catalog lacks", ph.Number, id)
			}
		}
	}
	return p, nil
}

// SetStrengthDays chooses the weekdays of strength and balance from
// phase 2 on: StrengthPerWeek distinct days. Today plans strength on them
// and Practice (the calendar) schedules it on them.
func (p *Programme) SetStrengthDays(days []time.Weekday) error {
	seen := map[time.Weekday]bool{}
	for _, d := range days {
		if d < time.Sunday || d > time.Saturday || seen[d] {
			return backcare.Errorf(backcare.EINVALID, "the strength days must be distinct days of the week").
				WithHint("for example mon,wed,fri")
		}
		seen[d] = true
	}
	if len(days) != StrengthPerWeek {
		return backcare.Errorf(backcare.EINVALID, "the plan has strength and balance on %d days a week, not %d", StrengthPerWeek, len(days)).
			WithHint("for example mon,wed,fri, with a rest day between them")
	}
	p.strengthDays = mondayFirst(days)
	return nil
}

// StrengthDays returns the weekdays of strength and balance, Monday first.
func (p *Programme) StrengthDays() []time.Weekday { return slices.Clone(p.strengthDays) }

// mondayFirst returns days sorted from Monday to Sunday.
func mondayFirst(days []time.Weekday) []time.Weekday {
	out := slices.Clone(days)
	slices.SortFunc(out, func(a, b time.Weekday) int { return (int(a)+6)%7 - (int(b)+6)%7 })
	return out
}

func describe(r backcare.Routine, kinds map[string]backcare.Kind) (routineInfo, error) {
	tl, err := player.Compile(r, player.Options{})
	if err != nil {
		return routineInfo{}, err
	}
	info := routineInfo{name: r.Name, total: tl.Total, byKind: map[backcare.Kind]time.Duration{}}
	for _, s := range tl.Segments {
		if s.Kind != player.Hold && s.Kind != player.Reps {
			continue
		}
		k := kinds[s.Pose]
		if _, seen := info.byKind[k]; !seen {
			info.kinds = append(info.kinds, k)
		}
		info.byKind[k] += s.Duration
	}
	return info, nil
}

// Phases returns the three phases in order.
func Phases() []Phase {
	out := slices.Clone(phases)
	for i := range out {
		out[i].Strength = slices.Clone(out[i].Strength)
	}
	return out
}

// PhaseByNumber returns phase n (1 to 3).
func PhaseByNumber(n int) (Phase, bool) {
	for _, ph := range phases {
		if ph.Number == n {
			return ph, true
		}
	}
	return Phase{}, false
}

// History is what the journal holds about one person, in any order.
type History struct {
	Sessions     []*backcare.Session
	PEGs         []*backcare.PEG
	Screenings   []*backcare.Screening
	PhaseChanges []*backcare.PhaseChange
}

// Decision is what the programme decided today.
type Decision string

// The decisions.
const (
	Start    Decision = "start"     // the programme begins in phase 1
	Advance  Decision = "advance"   // move up a phase
	Hold     Decision = "hold"      // stay in the phase
	StepBack Decision = "step_back" // move down a phase
	Paused   Decision = "paused"    // the safety rules close sessions
)

// Item is one routine to do today.
type Item struct {
	RoutineID string
	Name      string
	// Kinds are what the routine trains, in order: stretch, strength,
	// balance.
	Kinds []backcare.Kind
	// Duration is how long the routine takes as planned.
	Duration time.Duration
	// Hold, when above zero, is a shorter hold to use for every timed
	// hold today (player.Options.Hold).
	Hold time.Duration
	// Why says in one line why this routine is on today's plan.
	Why string
	// Done reports whether it was completed today.
	Done bool
}

// Plan is what to do today, and why.
type Plan struct {
	// Date is the local midnight that starts today.
	Date time.Time
	// Phase is the phase for today, after the decision.
	Phase    Phase
	Decision Decision
	// Change is the phase change to record in the journal, or nil. Its ID
	// is empty: the caller gives it one when saving.
	Change *backcare.PhaseChange
	// Safety is the safety status today. When it is not Open, the Items
	// wait behind it: for ScreenFirst, the questions come first; for
	// SeekCare and NeedClearance there are no items.
	Safety safety.Status
	// Why is the plain "why this today": the decision first, then what it
	// rests on.
	Why []string
	// Items are today's routines, in order.
	Items []Item
	// StrengthDay reports whether strength and balance are planned today.
	StrengthDay bool
	// PEGDue reports whether this week's PEG is still to answer.
	PEGDue bool
	Week   Week
}

// Today decides the plan for the day of now in loc.
func (p *Programme) Today(h History, now time.Time, loc *time.Location) Plan {
	if loc == nil {
		loc = time.UTC
	}
	now = now.In(loc)
	h = h.upTo(now)
	t := &today{p: p, h: h, now: now, loc: loc, date: midnight(now)}
	t.cur, t.since = currentPhase(h.PhaseChanges)
	t.st = safety.Check(h.Screenings, h.Sessions, now)

	plan := Plan{Date: t.date, Safety: t.st}
	decision, to, why := t.decide()
	plan.Decision, plan.Why = decision, why
	if to != t.cur && decision != Paused {
		plan.Change = &backcare.PhaseChange{At: now.UTC(), From: t.cur, To: to, Reason: why[0]}
	}
	plan.Phase, _ = PhaseByNumber(to)
	plan.PEGDue = t.pegDue()

	switch t.st.Gate {
	case safety.SeekCare, safety.NeedClearance:
		// No session is offered.
	default:
		// When the safety questions are due, Safety.Why says so and why;
		// each interface shows it once, with its own way to answer.
		plan.Items, plan.StrengthDay = t.items(plan.Phase)
	}
	plan.Week = t.week(plan.Phase)
	return plan
}

// today carries one evaluation.
type today struct {
	p     *Programme
	h     History
	now   time.Time
	loc   *time.Location
	date  time.Time
	cur   int       // current phase; 0 before the start
	since time.Time // when the current phase began
	st    safety.Status
}

func (h History) upTo(now time.Time) History {
	var out History
	for _, s := range h.Sessions {
		if s != nil && !s.StartedAt.After(now) {
			out.Sessions = append(out.Sessions, s)
		}
	}
	for _, p := range h.PEGs {
		if p != nil && !p.At.After(now) {
			out.PEGs = append(out.PEGs, p)
		}
	}
	for _, s := range h.Screenings {
		if s != nil && !s.At.After(now) {
			out.Screenings = append(out.Screenings, s)
		}
	}
	for _, c := range h.PhaseChanges {
		if c != nil && !c.At.After(now) {
			out.PhaseChanges = append(out.PhaseChanges, c)
		}
	}
	sort.SliceStable(out.Sessions, func(i, j int) bool { return out.Sessions[i].StartedAt.Before(out.Sessions[j].StartedAt) })
	sort.SliceStable(out.PEGs, func(i, j int) bool { return out.PEGs[i].At.Before(out.PEGs[j].At) })
	sort.SliceStable(out.PhaseChanges, func(i, j int) bool { return out.PhaseChanges[i].At.Before(out.PhaseChanges[j].At) })
	return out
}

// currentPhase returns the phase after the last change and when it began.
func currentPhase(changes []*backcare.PhaseChange) (int, time.Time) {
	if len(changes) == 0 {
		return 0, time.Time{}
	}
	last := changes[len(changes)-1]
	return last.To, last.At
}

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// decide returns the decision, the phase for today and the why.
func (t *today) decide() (Decision, int, []string) {
	cur := t.cur
	if t.st.Gate == safety.SeekCare || t.st.Gate == safety.NeedClearance {
		// Paused before the start: the programme will start in phase 1,
		// but nothing is recorded until sessions open.
		ph, _ := PhaseByNumber(max(cur, Relief))
		return Paused, ph.Number, []string{
			"Sessions are paused for now. " + t.st.Why,
			"Your place in the programme (phase " + fmt.Sprint(ph.Number) + ", " + ph.Name + ") is kept for when you come back.",
		}
	}
	if cur == 0 {
		ph := phases[0]
		return Start, Relief, []string{
			"Welcome: the programme starts with phase 1, " + ph.Name + ". " + ph.Summary,
			"Strength and balance join in once the stretches are a habit: practice on " + fmt.Sprint(HabitSessions) + " days in two weeks.",
		}
	}
	ph, _ := PhaseByNumber(cur)

	if f := t.lastFlare(); f != nil && f.StartedAt.After(t.since) {
		when := t.weekday(f.StartedAt)
		if cur > Relief {
			back, _ := PhaseByNumber(cur - 1)
			return StepBack, cur - 1, []string{
				fmt.Sprintf("Stepping back to phase %d, %s, because %s %s.", back.Number, back.Name, measure.FlareWhy(f), when),
				"A flare settles best with gentler work. You'll move forward again after a calm week.",
			}
		}
	}

	last := t.lastCounted()
	if last == nil {
		return t.advanceOrHold(ph)
	}
	days := daysBetween(midnight(last.StartedAt.In(t.loc)), t.date)
	if days >= int(BreakStepBack/day) && t.since.Before(last.StartedAt.Add(BreakStepBack)) && cur > Relief {
		back, _ := PhaseByNumber(cur - 1)
		return StepBack, cur - 1, []string{
			fmt.Sprintf("Welcome back. It has been %d days since your last session, so we'll restart a step gentler, at phase %d, %s, and build up again.", days, back.Number, back.Name),
			"Strength fades a little after a break; easing back in keeps the flare risk low.",
		}
	}
	if days >= int(BreakStepBack/day) && cur == Relief {
		// Nowhere gentler to step back to: welcome the person back rather
		// than count the break as time well spent in the phase.
		welcome := fmt.Sprintf("Welcome back. It has been %d days since your last session, so today starts gently with the relief stretches.", days)
		d, n, why := t.advanceOrHold(ph)
		return d, n, []string{welcome, why[0]} // why[0] says what moving up still needs
	}

	return t.advanceOrHold(ph)
}

// advanceOrHold checks every condition for moving up and says which hold.
func (t *today) advanceOrHold(ph Phase) (Decision, int, []string) {
	var met, missing []string

	// Habit point.
	n := t.days(t.now.Add(-HabitWindow), counted)
	if n >= HabitSessions {
		met = append(met, fmt.Sprintf("you practised on %d of the last 14 days (the habit point is %d)", n, HabitSessions))
	} else {
		missing = append(missing, fmt.Sprintf("the habit point of %d days of practice in two weeks (%d so far)", HabitSessions, n))
	}

	// Strength habit in phase 2.
	if ph.Number == Foundation {
		want := 2 * StrengthPerWeek
		k := t.days(t.now.Add(-HabitWindow), func(s *backcare.Session) bool { return counted(s) && t.p.strength(s) })
		if k >= want {
			met = append(met, fmt.Sprintf("%d strength-and-balance days in the last two weeks", k))
		} else {
			missing = append(missing, fmt.Sprintf("%d strength-and-balance days in two weeks (%d so far)", want, k))
		}
	}

	// Time in the phase: after a step back, a calm week is enough to move
	// forward again [CLIN: no flare in the last week].
	minDays, ok := minDaysIn[ph.Number]
	if t.steppedBack() {
		minDays = FlareLookback
	}
	if ok {
		in, need := daysBetween(midnight(t.since.In(t.loc)), t.date), int(minDays/day)
		if in >= need {
			met = append(met, fmt.Sprintf("%d days in this phase", in))
		} else {
			missing = append(missing, more(need-in, "day")+" in this phase")
		}
	}

	// No flare in the last week.
	if f := t.lastFlare(); f != nil {
		missing = append(missing, "a calm week, since "+measure.FlareWhy(f)+" "+t.weekday(f.StartedAt))
	} else if t.days(t.now.Add(-FlareLookback), func(*backcare.Session) bool { return true }) > 0 {
		met = append(met, "no flares this week")
	}

	// Pain before sessions: this week against the week before, and
	// against the start of the last four weeks, so that a slow rise (a
	// little worse each week) is seen as the rise it is.
	pain := t.painCourse()
	if pain.rise != "" {
		missing = append(missing, pain.rise)
	} else if pain.met != "" {
		met = append(met, pain.met)
	}

	// PEG, latest against the one about a week or more before it.
	if tr := measure.TrendOf(measure.PEGPoints(t.h.PEGs), measure.PEGGap); tr.HasPrevious {
		c := tr.SinceLast
		switch c.Direction {
		case measure.Worse:
			missing = append(missing, fmt.Sprintf("a steadier PEG score: it rose from %s on %s to %s", measure.FormatScore(c.From), t.date1(tr.Previous.At), measure.FormatScore(c.To)))
		case measure.Better:
			met = append(met, fmt.Sprintf("your PEG score fell from %s to %s", measure.FormatScore(c.From), measure.FormatScore(c.To)))
		}
	}

	// Safety questions up to date. When they are due, the plan already
	// says so first (Today), so it is not said twice; it still holds.
	safetyDue := t.st.Gate != safety.Open

	if ph.Number != Build && len(missing) == 0 && safetyDue {
		return Hold, ph.Number, []string{
			fmt.Sprintf("Staying in phase %d, %s, until the safety questions are answered; everything else for phase %d is in place: %s.", ph.Number, ph.Name, ph.Number+1, join(met)),
		}
	}

	if ph.Number == Build {
		why := []string{"You're in phase 3, Build, the last phase: keep going at this level, and keep each effort comfortable."}
		if pain.rise != "" {
			why = append(why, "Worth knowing: "+pain.rise+". "+risingPainAdvice)
		}
		if len(met) > 0 {
			why = append(why, "Going well: "+join(met)+".")
		}
		return Hold, ph.Number, why
	}
	next, _ := PhaseByNumber(ph.Number + 1)
	if len(missing) == 0 {
		return Advance, next.Number, []string{
			fmt.Sprintf("Moving up to phase %d, %s: %s.", next.Number, next.Name, join(met)),
			next.Summary,
		}
	}
	why := []string{fmt.Sprintf("Staying in phase %d, %s, for now. Phase %d, %s, needs %s.", ph.Number, ph.Name, next.Number, next.Name, strings.Join(missing, "; "))}
	if pain.rise != "" {
		why = append(why, risingPainAdvice)
	}
	if len(met) > 0 {
		why = append(why, "Going well: "+join(met)+".")
	}
	return Hold, ph.Number, why
}

// risingPainAdvice is said when pain before sessions has risen
// meaningfully [CLIN: progress only when pain is stable or falling].
const risingPainAdvice = "Pain that has gone up is worth listening to: keep every stretch and exercise gentle, and if it keeps rising over the next week or two, talk to a doctor or physiotherapist."

// painSummary is what the course of pain before sessions says about
// moving up: rise, when set, holds progression; met is said otherwise.
type painSummary struct {
	met, rise string
}

// painCourse compares the pain before sessions of the last PainWindow
// with the window before it, with the first window of the current phase
// and with the first window of the last BaselineSpan [CLIN] [MEAS] [BC]. A meaningful rise against either holds
// progression; the words always name the numbers they rest on, and a
// pain that rose at all is never called steady.
func (t *today) painCourse() painSummary {
	pts := measure.PainPoints(t.h.Sessions)
	if len(pts) == 0 {
		return painSummary{}
	}
	end := t.now.Add(time.Nanosecond)
	recent, nRecent := measure.Mean(pts, t.now.Add(-PainWindow), end)
	if nRecent == 0 {
		return painSummary{}
	}
	before, nBefore := measure.Mean(pts, t.now.Add(-2*PainWindow), t.now.Add(-PainWindow))
	weekly := measure.Compare(before, recent)

	// The baselines: the week from the start of the current phase, and the
	// week from the start of the last BaselineSpan (each from the first
	// pain recorded, if that is later), used only when they begin before
	// the week before. The largest rise speaks for them.
	var base measure.Change
	var baseFrom time.Time
	hasBase, phaseStart := false, false
	for i, from := range []time.Time{t.since, t.now.Add(-BaselineSpan)} {
		from = max64(from, pts[0].At)
		if !from.Before(t.now.Add(-2 * PainWindow)) {
			continue
		}
		b, n := measure.Mean(pts, from, from.Add(PainWindow))
		if n == 0 {
			continue
		}
		if c := measure.Compare(b, recent); !hasBase || c.Points > base.Points {
			base, baseFrom, hasBase, phaseStart = c, from, true, i == 0
		}
	}
	f := measure.FormatScore
	baseWhen := "in the week from " + t.date1(baseFrom)
	if phaseStart {
		baseWhen += ", when this phase began"
	}
	switch {
	case nBefore > 0 && weekly.Direction == measure.Worse:
		return painSummary{rise: fmt.Sprintf("steadier pain: it averaged %s before sessions this week, up from %s the week before", f(weekly.To), f(weekly.From))}
	case hasBase && base.Direction == measure.Worse:
		return painSummary{rise: fmt.Sprintf("steadier pain: it averaged %s before sessions this week, up from %s %s", f(base.To), f(base.From), baseWhen)}
	case nBefore > 0 && weekly.Direction == measure.Better:
		return painSummary{met: fmt.Sprintf("your pain before sessions fell from %s to %s", f(weekly.From), f(weekly.To))}
	case nBefore == 0:
		return painSummary{}
	case weekly.Points > 0 || (hasBase && base.Points > 0):
		// Up a little, but within day-to-day ups and downs: not steady,
		// not yet a reason to wait.
		from, when := weekly.From, "the week before"
		if hasBase && base.Points > weekly.Points {
			from, when = base.From, baseWhen
		}
		return painSummary{met: fmt.Sprintf("your pain before sessions is up a little, within day-to-day ups and downs (%s this week, %s %s)", f(recent), f(from), when)}
	}
	if weekly.Points < 0 {
		return painSummary{met: fmt.Sprintf("your pain before sessions is down a little (%s this week, %s the week before)", f(recent), f(before))}
	}
	return painSummary{met: fmt.Sprintf("your pain has been steady (%s before sessions this week, %s the week before)", f(recent), f(before))}
}

func max64(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// date1 writes a day as "2 March", in the person's zone.
func (t *today) date1(at time.Time) string { return at.In(t.loc).Format("2 January") }

// steppedBack reports whether the current phase was reached by stepping
// back.
func (t *today) steppedBack() bool {
	n := len(t.h.PhaseChanges)
	return n > 0 && t.h.PhaseChanges[n-1].To < t.h.PhaseChanges[n-1].From
}

// lastFlare returns the newest flare in the last FlareLookback, or nil.
func (t *today) lastFlare() *backcare.Session {
	var f *backcare.Session
	for _, s := range t.h.Sessions {
		if t.now.Sub(s.StartedAt) < FlareLookback && measure.Flare(s) {
			f = s
		}
	}
	return f
}

// lastCounted returns the newest session that counts toward the habit.
func (t *today) lastCounted() *backcare.Session {
	var last *backcare.Session
	for _, s := range t.h.Sessions {
		if counted(s) {
			last = s
		}
	}
	return last
}

// days counts the local days after from with a session for which ok is
// true. Habits are counted in days: three routines on one day are one day
// of practice.
func (t *today) days(from time.Time, ok func(*backcare.Session) bool) int {
	days := map[time.Time]bool{}
	for _, s := range t.h.Sessions {
		if s.StartedAt.After(from) && ok(s) {
			days[midnight(s.StartedAt.In(t.loc))] = true
		}
	}
	return len(days)
}

// weekday names a past moment relative to today: "today", "yesterday" or
// "on Tuesday".
func (t *today) weekday(at time.Time) string {
	switch daysBetween(midnight(at.In(t.loc)), t.date) {
	case 0:
		return "today"
	case 1:
		return "yesterday"
	}
	return "on " + at.In(t.loc).Weekday().String()
}

// strength reports whether a session trained strength or balance.
func (p *Programme) strength(s *backcare.Session) bool {
	for _, r := range s.Segments {
		if k := p.kinds[r.PoseID]; (k == backcare.Strength || k == backcare.Balance) && r.Held > 0 {
			return true
		}
	}
	if len(s.Segments) == 0 {
		info := p.routines[s.RoutineID]
		return info.byKind[backcare.Strength] > 0 || info.byKind[backcare.Balance] > 0
	}
	return false
}

// items lists today's routines for phase ph.
func (t *today) items(ph Phase) ([]Item, bool) {
	daily := t.item(ph.Daily)
	daily.Why = "Every day: " + lowerFirst(dailyWhy[ph.Number])
	if f := t.lastFlare(); f != nil && ph.Number == Relief {
		daily.Hold = GentleHold
		daily.Why = fmt.Sprintf("Gently this week, because %s %s: hold each stretch for %s instead of a minute, at about 4 out of 10.",
			measure.FlareWhy(f), t.weekday(f.StartedAt), backcare.HumanDuration(GentleHold))
	}
	items := []Item{daily}
	if len(ph.Strength) == 0 {
		return items, false
	}
	// Strength and balance are planned on the chosen weekdays only, the
	// same days the calendar holds (Practice); a strength session already
	// done today shows as done whatever the day.
	doneToday := false
	for _, s := range t.h.Sessions {
		if counted(s) && t.p.strength(s) && midnight(s.StartedAt.In(t.loc)).Equal(t.date) {
			doneToday = true
		}
	}
	planned := slices.Index(t.p.strengthDays, t.date.Weekday())
	if planned < 0 && !doneToday {
		items[0].Why += fmt.Sprintf(" No strength today: your strength-and-balance days are %s, and the next is %s.",
			dayList(t.p.strengthDays), t.nextStrengthDay().Weekday())
		return items, false
	}
	for i, id := range ph.Strength {
		it := t.item(id)
		if i == 0 {
			it.Why = fmt.Sprintf("Strength day %d of %d this week: %s", planned+1, len(t.p.strengthDays), lowerFirst(strengthWhy[ph.Number]))
			if planned < 0 {
				it.Why = "An extra strength day this week: " + lowerFirst(strengthWhy[ph.Number])
			}
		} else {
			it.Why = "Then balance, beside a counter or a sturdy chair: " + lowerFirst(balanceWhy[ph.Number])
		}
		items = append(items, it)
	}
	return items, true
}

// nextStrengthDay returns the next day after today planned for strength.
func (t *today) nextStrengthDay() time.Time {
	for i := 1; i <= 7; i++ {
		d := t.date.AddDate(0, 0, i)
		if slices.Contains(t.p.strengthDays, d.Weekday()) {
			return d
		}
	}
	return t.date
}

// dayList writes weekdays as "Monday, Wednesday and Friday".
func dayList(days []time.Weekday) string {
	var names []string
	for _, d := range days {
		names = append(names, d.String())
	}
	return join(names)
}

// The one-line reasons for each part of a phase [ART].
var (
	dailyWhy = map[int]string{
		Relief:     "The three gentle stretches ease the muscles around your lower back and make the habit.",
		Foundation: "The three gentle stretches keep the muscles around your lower back long while they get stronger.",
		Build:      "Stronger stretches now that the gentle ones are easy: flexibility is one of the three legs of a healthy back.",
	}
	strengthWhy = map[int]string{
		Foundation: "The trunk and hips learn to hold the lower spine steady, with short holds and plenty of rest.",
		Build:      "Harder versions and longer sets build endurance in the muscles that protect your lower back.",
	}
	balanceWhy = map[int]string{
		Foundation: "Balance wakes up the small hip and trunk muscles that steady you when you walk.",
		Build:      "Harder balance trains the hips and trunk to react without looking.",
	}
)

func (t *today) item(id string) Item {
	info := t.p.routines[id]
	it := Item{RoutineID: id, Name: info.name, Kinds: slices.Clone(info.kinds), Duration: info.total}
	for _, s := range t.h.Sessions {
		if s.RoutineID == id && counted(s) && midnight(s.StartedAt.In(t.loc)).Equal(t.date) {
			it.Done = true
		}
	}
	return it
}

// pegDue reports whether no PEG was answered in the last PEGEvery.
func (t *today) pegDue() bool {
	if len(t.h.PEGs) == 0 {
		return true
	}
	last := t.h.PEGs[len(t.h.PEGs)-1]
	return t.now.Sub(last.At) >= PEGEvery-12*time.Hour // the same time next week counts
}

func startOfWeek(d time.Time) time.Time {
	off := (int(d.Weekday()) + 6) % 7 // Monday = 0
	return d.AddDate(0, 0, -off)
}

// more writes "1 more day" or "3 more days".
func more(n int, unit string) string {
	if n == 1 {
		return "1 more " + unit
	}
	return fmt.Sprintf("%d more %ss", n, unit)
}

// join writes "a", "a and b" or "a, b and c".
func join(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// Practice is the standing weekly plan of a phase, for a calendar.
type Practice struct {
	Phase        Phase
	Daily        Item
	Strength     []Item
	StrengthDays []time.Weekday
}

// Practice returns the weekly plan of phase n, with strength and balance
// on the given weekdays (the programme's StrengthDays when none are
// given, the days Today plans them on).
func (p *Programme) Practice(n int, strengthDays []time.Weekday) (Practice, error) {
	ph, ok := PhaseByNumber(n)
	if !ok {
		return Practice{}, backcare.Errorf(backcare.EINVALID, "there is no phase %d", n).WithHint("the phases are 1, 2 and 3")
	}
	if len(strengthDays) == 0 {
		strengthDays = p.strengthDays
	}
	seen := map[time.Weekday]bool{}
	for _, d := range strengthDays {
		if d < time.Sunday || d > time.Saturday || seen[d] {
			return Practice{}, backcare.Errorf(backcare.EINVALID, "the strength days must be distinct days of the week").
				WithHint("for example mon,wed,fri")
		}
		seen[d] = true
	}
	t := &today{p: p}
	pr := Practice{Phase: ph, Daily: t.item(ph.Daily)}
	pr.Daily.Why = dailyWhy[n]
	for i, id := range ph.Strength {
		it := t.item(id)
		it.Why = strengthWhy[n]
		if i > 0 {
			it.Why = balanceWhy[n]
		}
		pr.Strength = append(pr.Strength, it)
	}
	if len(ph.Strength) > 0 {
		pr.StrengthDays = mondayFirst(strengthDays)
	}
	return pr, nil
}
