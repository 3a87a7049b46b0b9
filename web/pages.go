package web

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"slices"
	"time"

	"backcare"
	"backcare/player"
)

// sessionRow is a session as the pages list it.
type sessionRow struct {
	*backcare.Session
	Status string // in words
	Held   string // time spent holding, in words
}

func newRow(s *backcare.Session) sessionRow {
	return sessionRow{Session: s, Status: statusWords(s.Status), Held: backcare.HumanDuration(s.Held())}
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

// recentSessions reads up to n of a user's sessions, newest first.
func (s *server) recentSessions(ctx context.Context, n int) ([]*backcare.Session, error) {
	return s.Journal.Sessions(ctx, s.UserID, backcare.Filter{Limit: n})
}

// todayPage is the home page: what to do now and why.
type todayPage struct {
	page
	Routine    backcare.Routine
	Total      string
	Why        string
	Rest       bool
	Unfinished []sessionRow
	Recent     []sessionRow
	Streak     int
	Week       []weekDay
	Screening  *backcare.Screening // latest, nil if never
	Cleared    bool                // a Doctor verdict was cleared by a clinician
}

type weekDay struct {
	Label   string // Mon
	Date    string // 2 Jan
	Done    bool
	Planned bool
	Today   bool
}

func (s *server) today(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	now := s.Now()
	d := &todayPage{page: s.newPage(r, "Today", "today")}
	plan, err := s.plan(ctx, now)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d.Why, d.Rest = plan.Why, plan.Rest
	if d.Routine, err = s.Catalog.Routine(plan.RoutineID); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if tl, err := player.Compile(d.Routine, player.Options{}); err == nil {
		d.Total = backcare.HumanDuration(tl.Total.Round(time.Minute))
	}
	sessions, err := s.recentSessions(ctx, 200)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	for _, x := range sessions {
		switch {
		case x.Status == backcare.InProgress:
			d.Unfinished = append(d.Unfinished, newRow(x))
		case len(d.Recent) < 5:
			d.Recent = append(d.Recent, newRow(x))
		}
	}
	d.Streak = streak(sessions, now)
	d.Week = s.week(plan, sessions, now)
	screenings, err := s.Journal.Screenings(ctx, s.UserID, backcare.Filter{Limit: 1})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if len(screenings) > 0 {
		d.Screening = screenings[0]
		d.Cleared = !d.Screening.ClearedAt.IsZero()
	}
	s.render(w, r, http.StatusOK, "today", d)
}

// plan asks the programme, or offers the catalog's first routine.
func (s *server) plan(ctx context.Context, now time.Time) (Plan, error) {
	if s.Plan != nil {
		return s.Plan(ctx, s.UserID, now)
	}
	rs := s.Catalog.Routines()
	if len(rs) == 0 {
		return Plan{}, backcare.Errorf(backcare.ENOTFOUND, "there are no routines to play").
			WithHint("check your catalog folder with `backcare validate`")
	}
	return Plan{RoutineID: rs[0].ID, Why: rs[0].Purpose}, nil
}

// day is the local calendar day of t.
func day(t time.Time) time.Time {
	y, m, dd := t.Local().Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.Local)
}

// streak counts the days in a row, up to today or yesterday, with at least
// one session played to the end or stopped for pain: stopping because it
// hurts is the right thing to do and does not break a streak.
func streak(sessions []*backcare.Session, now time.Time) int {
	days := map[time.Time]bool{}
	for _, x := range sessions {
		if x.Status == backcare.Completed || x.Status == backcare.StoppedForPain {
			days[day(x.StartedAt)] = true
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
func (s *server) week(plan Plan, sessions []*backcare.Session, now time.Time) []weekDay {
	done := map[time.Time]bool{}
	for _, x := range sessions {
		if x.Status == backcare.Completed {
			done[day(x.StartedAt)] = true
		}
	}
	planned := map[time.Time]bool{}
	for _, p := range plan.Week {
		planned[day(p.Date)] = p.Planned
	}
	today := day(now)
	out := make([]weekDay, 7)
	for i := range out {
		d := today.AddDate(0, 0, i-6)
		out[i] = weekDay{Label: d.Format("Mon"), Date: d.Format("2 Jan"), Done: done[d], Planned: planned[d], Today: d.Equal(today)}
	}
	return out
}

// routinesPage lists the routines as cards.
type routinesPage struct {
	page
	Routines []routineCard
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

func (s *server) routinesPage(w http.ResponseWriter, r *http.Request) {
	d := &routinesPage{page: s.newPage(r, "Routines", "routines")}
	for _, rt := range s.Catalog.Routines() {
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
	rt, err := s.Catalog.Routine(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := &routinePage{page: s.newPage(r, rt.Name, "routines"), routineCard: s.card(rt), Entries: rt.Entries, HasChart: s.Chart != nil}
	s.render(w, r, http.StatusOK, "routine", d)
}

// chart sends the printable pose chart of a routine.
func (s *server) chart(w http.ResponseWriter, r *http.Request) {
	rt, err := s.Catalog.Routine(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if s.Chart == nil {
		s.fail(w, r, 0, backcare.Errorf(backcare.ENOTFOUND, "pose charts are not part of this build"))
		return
	}
	var buf bytes.Buffer
	if err := s.Chart(&buf, rt); err != nil {
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
	Routine  backcare.Routine
	Poses    []backcare.Pose
	Settings backcare.Settings
	Resume   string // id of an unfinished session to carry on with
	Worker   string // URL of the timing worker
}

func (s *server) playerPage(w http.ResponseWriter, r *http.Request) {
	rt, err := s.Catalog.Routine(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	st, err := s.Journal.Settings(r.Context(), s.UserID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := &playerPage{page: s.newPage(r, rt.Name, "routines"), Routine: rt, Poses: s.card(rt).Poses,
		Settings: st, Worker: s.static.url("timer.js")}
	d.Scripts = []string{"player.js"}
	if id := r.URL.Query().Get("resume"); id != "" {
		x, err := s.Journal.Session(r.Context(), s.UserID, id)
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
	Sessions []sessionRow
	Count    int
	Pain     template.HTML
	PerWeek  template.HTML
	Stretch  template.HTML
}

func (s *server) journalPage(w http.ResponseWriter, r *http.Request) {
	sessions, err := s.recentSessions(r.Context(), 500)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := &journalPage{page: s.newPage(r, "Journal", "journal"), Count: len(sessions)}
	for _, x := range sessions {
		d.Sessions = append(d.Sessions, newRow(x))
	}
	// Charts read oldest first.
	old := slices.Clone(sessions)
	slices.Reverse(old)
	d.Pain = painChart(old)
	d.PerWeek = weeksChart(old, s.Now())
	d.Stretch = stretchChart(old)
	s.render(w, r, http.StatusOK, "journal", d)
}

// learnPage is the anatomy and the causes, in our own words.
type learnPage struct{ page }

func (s *server) learnPage(w http.ResponseWriter, r *http.Request) {
	d := &learnPage{page: s.newPage(r, "Learn about your lower back", "learn")}
	s.render(w, r, http.StatusOK, "learn", d)
}
