package web

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"backcare"
)

// calendarRecorder stands in for cmd's calendar writer (web never imports
// package calendar; cmd/backcare's tests parse the real file with go-ical).
// It records what the server asked for and writes it back as text.
type calendarRecorder struct {
	mu   sync.Mutex
	reqs []CalendarRequest
	err  error
}

func (c *calendarRecorder) write(w io.Writer, req CalendarRequest) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reqs = append(c.reqs, req)
	if c.err != nil {
		return c.err
	}
	_, err := fmt.Fprintf(w, "BEGIN:VCALENDAR\r\nX-PHASE:%d\r\nEND:VCALENDAR\r\n", req.Phase)
	return err
}

func (c *calendarRecorder) calls() []CalendarRequest {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]CalendarRequest(nil), c.reqs...)
}

func withCalendar(c *calendarRecorder) func(*Deps) {
	return func(d *Deps) { d.Calendar = c.write }
}

func TestCalendarDownload(t *testing.T) {
	tests := []struct {
		name, query string
		// what the server asks for
		zone            string
		daily, strength string
		remind          time.Duration
		weeks           int
	}{
		{"the plain link", "", "UTC", "07:30", "18:00", 10 * time.Minute, 4},
		{"choices from Settings", "?at=06:45&strength_at=19:15&remind=off&weeks=6&tz=America%2FNew_York", "America/New_York", "06:45", "19:15", -1, 6},
		{"reminder at the start", "?remind=0&tz=", "UTC", "07:30", "18:00", 0, 4},
		{"a zone the server does not know", "?tz=Mars%2FOlympus", "UTC", "07:30", "18:00", 10 * time.Minute, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &calendarRecorder{}
			ts, j := newTestServer(t, withCalendar(rec))
			before := j.writeCount()
			res, body := do(t, ts, "GET", "/calendar.ics"+tt.query, "", nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status = %d, want 200: %s", res.StatusCode, body)
			}
			if got := res.Header.Get("Content-Type"); got != "text/calendar; charset=utf-8" {
				t.Errorf("Content-Type = %q, want text/calendar; charset=utf-8", got)
			}
			if got := res.Header.Get("Content-Disposition"); got != `attachment; filename="backcare-practice.ics"` {
				t.Errorf("Content-Disposition = %q, want an attachment named backcare-practice.ics", got)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
			if body != "BEGIN:VCALENDAR\r\nX-PHASE:1\r\nEND:VCALENDAR\r\n" {
				t.Errorf("body = %q, want what the calendar function wrote", body)
			}
			calls := rec.calls()
			if len(calls) != 1 {
				t.Fatalf("the calendar function was called %d times, want 1", len(calls))
			}
			r := calls[0]
			if r.Phase != 1 || r.Location.String() != tt.zone || r.Remind != tt.remind || r.Weeks != tt.weeks ||
				fmt.Sprintf("%02d:%02d", r.DailyHour, r.DailyMinute) != tt.daily ||
				fmt.Sprintf("%02d:%02d", r.StrengthHour, r.StrengthMinute) != tt.strength {
				t.Errorf("request = %+v, want phase 1 in %s at %s and %s, remind %v, %d weeks", r, tt.zone, tt.daily, tt.strength, tt.remind, tt.weeks)
			}
			if r.Now.Before(testNow) || r.Now.After(testNow.Add(time.Minute)) {
				t.Errorf("Now = %v, want the server's clock (%v)", r.Now, testNow)
			}
			if j.writeCount() != before {
				t.Errorf("the download wrote to the journal")
			}
		})
	}
}

// TestCalendarBadInput: a wrong choice brings the Settings page back with
// the message by its field; a paused programme has no plan to send.
func TestCalendarBadInput(t *testing.T) {
	tests := []struct {
		name, query string
		paused      bool
		status      int
		want        string
	}{
		{"daily time", "?at=25:00", false, 400, "The time for the daily routine is a time of day, such as 07:30."},
		{"strength time", "?strength_at=later", false, 400, "The time for strength and balance is a time of day"},
		{"reminder", "?remind=soon", false, 400, "Please choose a reminder from the list."},
		{"no weeks", "?weeks=0", false, 400, "The calendar covers 1 to 52 weeks"},
		{"too many weeks", "?weeks=53", false, 400, "The calendar covers 1 to 52 weeks"},
		{"weeks not a number", "?weeks=many", false, 400, "The calendar covers 1 to 52 weeks"},
		{"sessions paused", "", true, 403, "sessions are paused, so there is no practice plan to put in your calendar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &calendarRecorder{}
			ts, j := newTestServer(t, withCalendar(rec))
			if tt.paused {
				_ = j.SaveScreening(t.Context(), &backcare.Screening{ID: backcare.NewID(), UserID: backcare.LocalUser,
					At: testNow.Add(-time.Hour), Reason: "manual", Answers: noFlags(), Verdict: backcare.Doctor})
			}
			before := j.writeCount()
			res, body := do(t, ts, "GET", "/calendar.ics"+tt.query, "", nil)
			if res.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.status)
			}
			if !strings.Contains(body, tt.want) {
				t.Errorf("body does not contain %q", tt.want)
			}
			if strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") || res.Header.Get("Content-Disposition") != "" {
				t.Errorf("a refused download is sent as a file: %v", res.Header)
			}
			if tt.status == 400 && !strings.Contains(body, `<form method="get" action="/calendar.ics"`) {
				t.Errorf("the calendar form is not shown again")
			}
			if n := len(rec.calls()); n != 0 {
				t.Errorf("the calendar function was called %d times, want 0", n)
			}
			if j.writeCount() != before {
				t.Errorf("the download wrote to the journal")
			}
		})
	}
}

func TestCalendarLinks(t *testing.T) {
	for _, tt := range []struct {
		name     string
		opts     []func(*Deps)
		link     bool
		download int
	}{
		{"with a calendar function", []func(*Deps){withCalendar(&calendarRecorder{})}, true, http.StatusOK},
		{"without one", nil, false, http.StatusNotFound},
		{"without a programme", []func(*Deps){withCalendar(&calendarRecorder{}), func(d *Deps) { d.Programme = nil }}, false, http.StatusNotFound},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts, _ := newTestServer(t, tt.opts...)
			for _, path := range []string{"/", "/settings"} {
				_, page := do(t, ts, "GET", path, "", nil)
				if got := strings.Contains(page, `/calendar.ics`); got != tt.link {
					t.Errorf("%s links the calendar = %v, want %v", path, got, tt.link)
				}
			}
			if res, _ := do(t, ts, "GET", "/calendar.ics", "", nil); res.StatusCode != tt.download {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.download)
			}
		})
	}
}

func TestCalendarFunctionFails(t *testing.T) {
	rec := &calendarRecorder{err: backcare.Errorf(backcare.EINVALID, "the calendar needs a named time zone, such as Europe/London, not %q", "Local")}
	ts, _ := newTestServer(t, withCalendar(rec))
	res, body := do(t, ts, "GET", "/calendar.ics", "", nil)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "alendar needs a named time zone") {
		t.Errorf("status = %d, want 400 with the function's message: %s", res.StatusCode, body)
	}
	if res.Header.Get("Content-Disposition") != "" {
		t.Errorf("a failed download is sent as a file")
	}
}
