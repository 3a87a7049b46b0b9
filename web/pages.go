package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"time"

	"backcare"
	"backcare/measure"
	"backcare/player"
	"backcare/programme"
	"backcare/safety"
)

// sessionRow is a session as the pages list it.
type sessionRow struct {
	backcare.SessionSummary
	StatusText string // how it ended, in words
	HeldText   string // time spent holding, in words
}

func newRow(s backcare.SessionSummary) sessionRow {
	return sessionRow{SessionSummary: s, StatusText: statusWords(s.Status), HeldText: backcare.HumanDuration(s.Held)}
}

func statusWords(st backcare.Status) string {
	switch st {
	case backcare.Completed:
		return "Completed"
	case backcare.StoppedForPain:
		return "Stopped because it hurt"
	case backcare.Abandoned:
		return "Ended early"
	case backcare.InProgress:
		return "Not finished"
	}
	return string(st)
}

// todayPage is the home page: what to do now and why.
type todayPage struct {
	page
	Gate       safety.Status
	Open       bool             // a session may start
	Main       *programme.Item  // the routine to play next; nil if none is offered
	MainTotal  string           // its length in words
	Others     []programme.Item // the rest of today's plan
	AllDone    bool             // everything planned today is done
	Phase      programme.Phase
	Why        []string
	Unfinished []sessionRow
	Recent     []sessionRow
	Streak     int
	StoppedNow bool // the latest session, today, was stopped for pain
	Week       []weekDay
	Rows       []weekRow
	PEGDue     bool // this week's check-in is due (see peg.go)
	Calendar   bool // link the practice calendar (see calendar.go)
	// Clinic is the programme the person's clinician assigned, if any:
	// then it is today's plan.
	Clinic   *todayAssigned
	HasChart bool // link the pose chart (PDF) of the routine to play
	// ToldClinic is the clinic that records the person's clearance, when
	// a verdict waits for it; "" otherwise.
	ToldClinic string
}

type weekDay struct {
	Label string // Mon
	Date  string // 2 Jan
	Done  bool
	Today bool
}

// weekRow is one kind of training this week: flexibility, strength or
// balance, in minutes done and planned.
type weekRow struct {
	Label      string
	Done, Plan int
}

// today serves the home page from the page cache (cache.go): it changes
// only with the journal and the time.
func (s *server) today(w http.ResponseWriter, r *http.Request) {
	s.cachedPage(w, r, "today", s.todayPage)
}

// todayPage makes the Today page's data from the journal as of now. It
// sees nothing of the request: see cachedPage.
func (s *server) todayPage(ctx context.Context, now time.Time) (any, error) {
	now = now.In(s.locOf(ctx))
	h, err := s.historyAt(ctx, now)
	if err != nil {
		return nil, err
	}
	plan, err := s.planAt(h, now)
	if err != nil {
		return nil, err
	}
	d := &todayPage{page: s.pageIn(ctx, "Today", "today"), Gate: plan.Safety, Open: plan.Safety.SessionAllowed(),
		Phase: plan.Phase, Why: plan.Why, PEGDue: plan.PEGDue && plan.Safety.SessionAllowed(),
		Calendar: s.offersCalendar() && plan.Safety.SessionAllowed(), HasChart: s.Chart != nil}
	// The page is made as of its minute (cache.go), and says so.
	d.Made = now.Truncate(time.Minute).UTC().Format(time.RFC3339)
	// A patient with an assigned programme plays their clinician's
	// routines; the automatic progression only suggests, to the clinician.
	if d.Clinic, err = s.assignedToday(ctx, h, now); err != nil {
		return nil, err
	}
	if d.Clinic != nil {
		plan.Items, d.Phase, d.Why = d.Clinic.Items, programme.Phase{}, nil
	}
	if b := plan.Safety.Blocking; b != nil && b.ClearedAt.IsZero() {
		c, err := s.patientClinic(ctx)
		if err != nil {
			return nil, err
		}
		if c != nil {
			d.ToldClinic = c.Name
		}
	}
	for i := range plan.Items {
		it := plan.Items[i]
		if d.Main == nil && !it.Done {
			d.Main = &it
			continue
		}
		d.Others = append(d.Others, it)
	}
	if d.Main == nil && len(plan.Items) > 0 {
		d.AllDone = true
		d.Main, d.Others = &plan.Items[0], plan.Items[1:]
	}
	if d.Main != nil {
		d.MainTotal = s.length(d.Main.RoutineID, d.Main.Duration)
		if d.Clinic != nil {
			for _, r := range d.Clinic.Routines {
				if r.ID == d.Main.RoutineID {
					d.MainTotal = r.Total
				}
			}
		}
	}
	for _, x := range h.Sessions {
		switch {
		case x.Status == backcare.InProgress:
			d.Unfinished = append(d.Unfinished, newRow(x.Summary()))
		case len(d.Recent) < 5:
			d.Recent = append(d.Recent, newRow(x.Summary()))
		}
	}
	d.Streak = streak(h.Sessions, now)
	d.StoppedNow = stoppedToday(h.Sessions, now)
	d.Week = week(h.Sessions, now)
	for _, row := range plan.Week.Rows {
		if row.Plan > 0 || row.Done > 0 {
			d.Rows = append(d.Rows, weekRow{Label: row.Label, Done: int(row.Done.Round(time.Minute) / time.Minute), Plan: int(row.Plan.Round(time.Minute) / time.Minute)})
		}
	}
	return d, nil
}

// length says how long a routine takes, in whole minutes.
func (s *server) length(id string, planned time.Duration) string {
	if planned == 0 {
		if rt, err := s.Catalog.Routine(id); err == nil {
			if tl, err := player.Compile(rt, player.Options{}); err == nil {
				planned = tl.Total
			}
		}
	}
	if planned <= 0 {
		return ""
	}
	return backcare.HumanDuration(max(time.Minute, planned.Round(time.Minute)))
}

// day is the local calendar day of t.
func day(t time.Time) time.Time {
	y, m, dd := t.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, t.Location())
}

// streak counts the days in a row, up to today or yesterday, with at least
// one session played to the end or stopped for pain: stopping because it
// hurts is the right thing to do and does not break a streak.
// stoppedToday tells whether the latest session that ended, today, was
// stopped for pain: then Today says so kindly rather than praise a start.
func stoppedToday(sessions []*backcare.Session, now time.Time) bool {
	for _, x := range sessions { // newest first
		if x.Status == backcare.Completed || x.Status == backcare.StoppedForPain {
			return x.Status == backcare.StoppedForPain && day(x.StartedAt.In(now.Location())).Equal(day(now))
		}
	}
	return false
}

func streak(sessions []*backcare.Session, now time.Time) int {
	days := map[time.Time]bool{}
	for _, x := range sessions {
		if x.Status == backcare.Completed || x.Status == backcare.StoppedForPain {
			days[day(x.StartedAt.In(now.Location()))] = true
		}
	}
	d := day(now)
	if !days[d] {
		d = d.AddDate(0, 0, -1)
	}
	n := 0
	for days[d] {
		n++
		d = d.AddDate(0, 0, -1)
	}
	return n
}

// week is the last seven days, today last.
func week(sessions []*backcare.Session, now time.Time) []weekDay {
	done := map[time.Time]bool{}
	for _, x := range sessions {
		// A session stopped for pain was practice too, as streak and a
		// clinic's adherence count it.
		if x.Status == backcare.Completed || x.Status == backcare.StoppedForPain {
			done[day(x.StartedAt.In(now.Location()))] = true
		}
	}
	today := day(now)
	out := make([]weekDay, 7)
	for i := range out {
		d := today.AddDate(0, 0, i-6)
		out[i] = weekDay{Label: d.Format("Mon"), Date: d.Format("2 Jan"), Done: done[d], Today: d.Equal(today)}
	}
	return out
}

// routinesPage lists the routines as cards.
type routinesPage struct {
	page
	Routines []routineCard
	Skipped  []*backcare.Error // the catalog folder's files that were skipped
	HasChart bool
}

type routineCard struct {
	backcare.Routine
	Total string
	Poses []backcare.Pose
}

func (s *server) card(r backcare.Routine) routineCard {
	c := routineCard{Routine: r}
	if tl, err := player.Compile(r, player.Options{}); err == nil {
		c.Total = backcare.HumanDuration(tl.Total.Round(time.Minute))
	}
	seen := map[string]bool{}
	for _, e := range r.Entries {
		if !seen[e.Pose.ID] {
			seen[e.Pose.ID] = true
			c.Poses = append(c.Poses, e.Pose)
		}
	}
	return c
}

// routines lists the catalog's routines with the article's own first: it
// is where everyone starts.
func (s *server) routines() []backcare.Routine { return routinesIn(s.Catalog) }

func (s *server) routinesPage(w http.ResponseWriter, r *http.Request) {
	cat, err := s.personCatalog(r.Context()) // a clinic's patient sees the clinic's own too
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := &routinesPage{page: s.newPage(r, "Routines", "routines"), Skipped: s.CatalogProblems, HasChart: s.Chart != nil}
	for _, rt := range routinesIn(cat) {
		d.Routines = append(d.Routines, s.card(rt))
	}
	s.render(w, r, http.StatusOK, "routines", d)
}

// routinePage shows one routine, pose by pose.
type routinePage struct {
	page
	routineCard
	Entries  []backcare.Entry
	HasChart bool
}

func (s *server) routinePage(w http.ResponseWriter, r *http.Request) {
	rt, _, err := s.routineOf(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := &routinePage{page: s.newPage(r, rt.Name, "routines"), routineCard: s.card(rt), Entries: rt.Entries, HasChart: s.Chart != nil}
	s.render(w, r, http.StatusOK, "routine", d)
}

// chart sends the printable pose chart of a routine.
func (s *server) chart(w http.ResponseWriter, r *http.Request) {
	// A routine of the person's assigned programme prints with their
	// clinician's doses, as it plays.
	rt, assigned, err := s.routineFor(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	var h *backcare.Handout
	if assigned {
		if h, err = s.handoutOf(r.Context(), userID(r)); err != nil {
			s.fail(w, r, 0, err)
			return
		}
	}
	if s.Chart == nil {
		s.fail(w, r, 0, backcare.Errorf(backcare.ENOTFOUND, "pose charts are not part of this build"))
		return
	}
	var buf bytes.Buffer
	if err := s.Chart(&buf, rt, h); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+rt.ID+`-pose-chart.pdf"`)
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(buf.Bytes())
}

// playerPage is the guided player. The page carries the figures and the
// settings; the timeline comes from the API, so the page stays cacheable
// for offline use.
type playerPage struct {
	page
	Gate     safety.Status // a new session may start only when it is open
	Open     bool
	Stopped  safety.Advice // what stopping for pain means
	Routine  backcare.Routine
	Poses    []backcare.Pose
	Settings backcare.Settings
	Resume   string // id of an unfinished session to carry on with
	Worker   string // URL of the timing worker
	Gentle   bool   // the gentler session (gentle), with shorter holds
	Timeline string // where the player gets its timeline
	HighPain safety.Advice
	HighFrom int    // check-in pain from which HighPain is shown
	Relief   string // the routine of the gentler session
	// NotesSeenBy is the clinic whose clinicians read the journal, notes
	// too; "" when the person is in none.
	NotesSeenBy string
}

func (s *server) playerPage(w http.ResponseWriter, r *http.Request) {
	rt, _, err := s.routineFor(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	st, err := s.Journal.Settings(r.Context(), userID(r))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	h, err := s.history(r.Context())
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	gate := s.gate(r.Context(), h)
	d := &playerPage{page: s.newPage(r, rt.Name, "routines"), Routine: rt, Poses: s.card(rt).Poses,
		Settings: st, Worker: s.static.url("timer.js"), Gate: gate, Open: gate.SessionAllowed(), Stopped: safety.AfterStop()}
	if d.NotesSeenBy, err = s.notesSeenBy(r.Context()); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d.Scripts = []string{"player.js"}
	d.Gentle = gentle(r, rt.ID)
	d.Timeline = "/api/routines/" + rt.ID + "/timeline"
	if d.Gentle {
		d.Timeline += "?gentle=1"
	}
	d.HighPain, d.HighFrom, d.Relief = safety.HighPain(), safety.HighPainFrom, gentleRoutine
	if id := r.URL.Query().Get("resume"); id != "" {
		x, err := s.Journal.Session(r.Context(), userID(r), id)
		if err != nil {
			s.fail(w, r, 0, err)
			return
		}
		if x.Status != backcare.InProgress || x.RoutineID != rt.ID {
			s.fail(w, r, 0, backcare.Errorf(backcare.ECONFLICT, "that session is already finished").
				WithHint("start a new session from the Today page"))
			return
		}
		d.Resume = x.ID
	}
	s.render(w, r, http.StatusOK, "player", d)
}

// journalPage is the history with its charts.
type journalPage struct {
	page
	Sessions []sessionRow // this page of the history
	Count    int
	Pain     template.HTML
	PerWeek  template.HTML
	Stretch  template.HTML
	PEG      template.HTML // the weekly check-ins (see peg.go)
	PEGTrend pegSeries
	HasChart bool // link the pose chart
	Chart    string

	Weeks   int // the span shown: weeks, 0 for all
	Spans   []spanChoice
	From    time.Time
	Page    int // of the history, from 1
	Pages   int
	First   int // the number of the first row shown, from 1
	Last    int
	Deleted bool
}

type spanChoice struct {
	Weeks   int
	Label   string
	Current bool
}

// spanWeeks are the spans the Journal offers, 12 weeks first.
var spanWeeks = []spanChoice{{Weeks: 4, Label: "4 weeks"}, {Weeks: 12, Label: "12 weeks"}, {Weeks: 26, Label: "6 months"}, {Weeks: 0, Label: "everything"}}

// historyRows is how many sessions a page of the history lists: a short page on a phone.
const historyRows = 10

func (s *server) journalPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sessions, err := s.Journal.History(ctx, userID(r), backcare.Filter{})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	q := r.URL.Query()
	d := &journalPage{page: s.newPage(r, "Journal", "journal"), Count: len(sessions), Weeks: 12, Page: 1,
		HasChart: s.Chart != nil, Chart: gentleRoutine, Deleted: q.Get("deleted") == "1"}
	if v, err := strconv.Atoi(q.Get("weeks")); err == nil && slices.ContainsFunc(spanWeeks, func(c spanChoice) bool { return c.Weeks == v }) {
		d.Weeks = v
	}
	for _, c := range spanWeeks {
		c.Current = c.Weeks == d.Weeks
		d.Spans = append(d.Spans, c)
	}
	d.Pages = max(1, (len(sessions)+historyRows-1)/historyRows)
	if v, err := strconv.Atoi(q.Get("page")); err == nil && v >= 1 {
		d.Page = min(v, d.Pages)
	}
	from := (d.Page - 1) * historyRows
	for _, x := range sessions[from:min(len(sessions), from+historyRows)] {
		d.Sessions = append(d.Sessions, newRow(x))
	}
	d.First, d.Last = from+1, from+len(d.Sessions)

	// Charts read oldest first, on one time axis.
	old := slices.Clone(sessions)
	slices.Reverse(old)
	loc := s.locOf(ctx)
	var first time.Time
	if len(old) > 0 {
		first = old[0].StartedAt
	}
	pegs, err := s.Journal.PEGs(ctx, userID(r), backcare.Filter{})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	points := measure.PEGPoints(pegs)
	if len(points) > 0 && (first.IsZero() || points[0].At.Before(first)) {
		first = points[0].At
	}
	sp := newSpan(s.Now().In(loc), loc, d.Weeks, first)
	d.From = sp.from
	d.Pain = painChart(old, sp)
	d.PerWeek = weeksChart(old, sp)
	d.Stretch = stretchChart(old, sp)
	var shown []measure.Point
	for _, p := range points {
		if sp.has(p.At) {
			shown = append(shown, p)
		}
	}
	d.PEG, d.PEGTrend = pegChart(points, sp), pegTrend(shown)
	if d.PEGTrend.Latest == nil && len(points) > 0 {
		// None in the span: the latest all the same, with its age.
		d.PEGTrend = pegTrend(points[len(points)-1:])
	}
	if l := d.PEGTrend.Latest; l != nil {
		l.Age = ago(s.Now().In(loc), l.At.In(loc))
	}
	s.render(w, r, http.StatusOK, "journal", d)
}

// ago says how long before now t was, in days: "today", "yesterday",
// "3 days ago", "5 weeks ago".
func ago(now, t time.Time) string {
	days := int(day(now).Sub(day(t)).Hours()/24 + 0.5)
	switch {
	case days <= 0:
		return "today"
	case days == 1:
		return "yesterday"
	case days < 21:
		return fmt.Sprintf("%d days ago", days)
	}
	return fmt.Sprintf("%d weeks ago", days/7)
}

// learnPage is the anatomy and the causes, in our own words.
type learnPage struct{ page }

func (s *server) learnPage(w http.ResponseWriter, r *http.Request) {
	d := &learnPage{page: s.newPage(r, "Learn about your lower back", "learn")}
	s.render(w, r, http.StatusOK, "learn", d)
}
