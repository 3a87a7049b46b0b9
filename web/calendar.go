package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"backcare"
	"backcare/safety"
)

// CalendarRequest is what the calendar download asks Deps.Calendar for:
// the practice plan of the person's phase, at the times they chose.
type CalendarRequest struct {
	// Phase is the programme phase whose plan to write (1 to 3).
	Phase int
	// Location is the person's time zone; Now is the first day of the
	// plan and the file's time stamp.
	Location *time.Location
	Now      time.Time
	// DailyHour and DailyMinute are the daily routine's time of day;
	// StrengthHour and StrengthMinute those of strength and balance (from
	// phase 2, three days a week).
	DailyHour, DailyMinute       int
	StrengthHour, StrengthMinute int
	// Remind is how long before each session the reminder goes off; 0 at
	// the start, negative for none.
	Remind time.Duration
	// Weeks is how many weeks the calendar covers, 1 to 52.
	Weeks int
}

// calendarForm is the calendar's choices as sent (the Settings page's
// form, or the defaults for the plain link on Today).
type calendarForm struct {
	At, StrengthAt, Remind, Weeks string
	// TZ is the device's time zone, filled in by app.js: the server may
	// run elsewhere (a clinic's server in UTC). Without it, or when it
	// is not a zone the server knows, the server's own zone is used.
	TZ string
}

// The choices of the plain link; the same as `backcare schedule`'s.
var defaultCalendar = calendarForm{At: "07:30", StrengthAt: "18:00", Remind: "10m", Weeks: "4"}

// reminderChoice is one option of the reminder list.
type reminderChoice struct {
	Value, Label string
	d            time.Duration
}

var reminderChoices = []reminderChoice{
	{"off", "No reminder", -1},
	{"0", "When it starts", 0},
	{"5m", "5 minutes before", 5 * time.Minute},
	{"10m", "10 minutes before", 10 * time.Minute},
	{"15m", "15 minutes before", 15 * time.Minute},
	{"30m", "30 minutes before", 30 * time.Minute},
	{"1h", "An hour before", time.Hour},
}

// calendarFormFrom reads the choices from a query; a choice left out keeps
// its default.
func calendarFormFrom(r *http.Request) calendarForm {
	f := defaultCalendar
	q := r.URL.Query()
	for key, p := range map[string]*string{"at": &f.At, "strength_at": &f.StrengthAt, "remind": &f.Remind, "weeks": &f.Weeks, "tz": &f.TZ} {
		if v, ok := q[key]; ok && len(v) > 0 {
			*p = strings.TrimSpace(v[0])
		}
	}
	return f
}

// parse checks the choices, with a message for each one that is wrong.
func (f calendarForm) parse() (CalendarRequest, fieldErrors) {
	var req CalendarRequest
	errs := fieldErrors{}
	var ok bool
	if req.DailyHour, req.DailyMinute, ok = clockTime(f.At); !ok {
		errs["at"] = "The time for the daily routine is a time of day, such as 07:30."
	}
	if req.StrengthHour, req.StrengthMinute, ok = clockTime(f.StrengthAt); !ok {
		errs["strength_at"] = "The time for strength and balance is a time of day, such as 18:00."
	}
	req.Remind = -2
	for _, c := range reminderChoices {
		if f.Remind == c.Value {
			req.Remind = c.d
		}
	}
	if req.Remind == -2 {
		errs["remind"] = "Please choose a reminder from the list."
	}
	n, err := strconv.Atoi(f.Weeks)
	if err != nil || n < 1 || n > 52 {
		errs["weeks"] = "The calendar covers 1 to 52 weeks; 4 is a good start."
	}
	req.Weeks = n
	return req, errs
}

// clockTime reads "HH:MM", as a time input sends it.
func clockTime(s string) (hour, minute int, ok bool) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, 0, false
	}
	return t.Hour(), t.Minute(), true
}

// zone is the time zone the calendar is written in: the device's when it
// sent one the server knows, else the person's zone of Deps.Location.
func (s *server) zone(tz string) *time.Location {
	if tz != "" && len(tz) < 64 && tz != "Local" {
		if loc, err := time.LoadLocation(tz); err == nil {
			return loc
		}
	}
	return s.Location
}

// offersCalendar reports whether the calendar download exists: it needs
// the function that writes it and a programme to plan from.
func (s *server) offersCalendar() bool { return s.Calendar != nil && s.Programme != nil }

// calendarFile sends the practice plan as an iCalendar file. Bad choices
// bring the Settings page back with a message by each; while the safety
// check pauses sessions there is no plan to send, as with `backcare
// schedule`.
func (s *server) calendarFile(w http.ResponseWriter, r *http.Request) {
	if !s.offersCalendar() {
		s.fail(w, r, 0, backcare.Errorf(backcare.ENOTFOUND, "calendar downloads are not part of this build"))
		return
	}
	f := calendarFormFrom(r)
	req, errs := f.parse()
	if len(errs) > 0 {
		d, err := s.newSettingsPage(r)
		if err != nil {
			s.fail(w, r, 0, err)
			return
		}
		d.Cal, d.CalErrors = f, errs
		s.render(w, r, http.StatusBadRequest, "settings", d)
		return
	}
	h, err := s.history(r.Context())
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	plan, err := s.plan(r.Context(), h)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if g := plan.Safety.Gate; g == safety.SeekCare || g == safety.NeedClearance {
		s.fail(w, r, 0, backcare.Errorf(backcare.EUNSAFE, "your sessions are paused, so there is no practice plan to put in your calendar. %s", plan.Safety.Why).
			WithHint("open the Safety page to see what to do; the calendar is here again once sessions resume"))
		return
	}
	req.Phase = plan.Phase.Number
	req.Location = s.zone(f.TZ)
	req.Now = s.Now()
	var buf bytes.Buffer
	if err := s.Calendar(&buf, req); err != nil {
		s.fail(w, r, 0, fmt.Errorf("web: calendar: %w", err))
		return
	}
	h2 := w.Header()
	h2.Set("Content-Type", "text/calendar; charset=utf-8")
	h2.Set("Content-Disposition", `attachment; filename="backcare-practice.ics"`)
	h2.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}
