package main

import (
	"bytes"
	"io"
	"net/http"
	neturl "net/url"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
)

// answer is the part of a response the tests read.
type answer struct {
	StatusCode int
	Header     http.Header
	cookies    []*http.Cookie
}

// Cookies are the cookies the answer set.
func (a answer) Cookies() []*http.Cookie { return a.cookies }

// get fetches a URL with a client (running.client, or running.signIn's) and
// returns the answer and its body.
func get(t *testing.T, c *http.Client, url string) (answer, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, c, req)
}

// post sends a form.
func post(t *testing.T, c *http.Client, url string, form neturl.Values) (answer, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(t, c, req)
}

// do sends a request and reads the whole answer.
func do(t *testing.T, c *http.Client, req *http.Request) (answer, string) {
	t.Helper()
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{res.StatusCode, res.Header, res.Cookies()}, string(b)
}

// TestWebCalendar downloads the practice calendar from the real server:
// the same file as `backcare schedule --ics`, in the person's zone, with
// its VTIMEZONE and reminders, across the change to summer time; and a
// refusal while the safety check pauses sessions.
func TestWebCalendar(t *testing.T) {
	p := newPerson(t) // London, Friday 27 March 2026; the clocks go forward on the 29th
	if r := p.run(answers(), "check"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	s := startServer(t, p.env)
	c, _ := s.signIn(t)
	res, body := get(t, c, s.base+"calendar.ics?at=07:30&weeks=2&remind=10m")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200: %s", res.StatusCode, body)
	}
	if got := res.Header.Get("Content-Type"); got != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type = %q, want text/calendar; charset=utf-8", got)
	}
	if got := res.Header.Get("Content-Disposition"); got != `attachment; filename="backcare-practice.ics"` {
		t.Errorf("Content-Disposition = %q, want an attachment named backcare-practice.ics", got)
	}
	cal, err := ical.NewDecoder(strings.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("the download does not parse: %v", err)
	}
	var zones, alarms int
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			zones++
			if id := c.Props.Get(ical.PropTimezoneID); id == nil || id.Value != "Europe/London" {
				t.Errorf("VTIMEZONE TZID = %v, want Europe/London", id)
			}
		}
	}
	ev := cal.Events()
	if zones != 1 || len(ev) != 1 {
		t.Fatalf("%d VTIMEZONEs and %d events, want 1 and 1 (phase 1: the daily routine)", zones, len(ev))
	}
	for _, c := range ev[0].Children {
		if c.Name == ical.CompAlarm {
			alarms++
			tr := c.Props.Get(ical.PropTrigger)
			if tr == nil {
				t.Errorf("a reminder without a TRIGGER")
				continue
			}
			if d, err := tr.Duration(); err != nil || d != -10*time.Minute {
				t.Errorf("reminder TRIGGER = %s, want 10 minutes before", tr.Value)
			}
		}
	}
	if alarms != 1 {
		t.Errorf("%d reminders, want 1", alarms)
	}
	london, _ := time.LoadLocation("Europe/London")
	set, err := ev[0].RecurrenceSet(london)
	if err != nil {
		t.Fatal(err)
	}
	all := set.All()
	if len(all) != 14 {
		t.Errorf("%d occurrences, want 14", len(all))
	}
	for _, o := range all {
		if l := o.In(london); l.Hour() != 7 || l.Minute() != 30 {
			t.Errorf("an occurrence at %s, want 07:30 London time on both sides of the change to summer time", l.Format(time.RFC3339))
		}
	}
	// The same code as the command: the same file, byte for byte.
	if r := p.run("", "schedule", "--ics", "--at", "07:30", "--weeks", "2", "--remind", "10m"); r.code != 0 || !bytes.Equal([]byte(r.stdout), []byte(body)) {
		t.Errorf("the download differs from `backcare schedule --ics` (code %d)\n--- web\n%s\n--- schedule\n%s%s", r.code, body, r.stdout, r.stderr)
	}

}

// TestWebCalendarPaused: a "see a doctor" verdict pauses sessions, so
// there is no plan to put in a calendar, as with `backcare schedule`.
func TestWebCalendarPaused(t *testing.T) {
	p := newPerson(t)
	if r := p.run(answers(7), "check"); r.code != 0 { // a past cancer
		t.Fatal(r.stderr)
	}
	s := startServer(t, p.env)
	c, _ := s.signIn(t)
	res, body := get(t, c, s.base+"calendar.ics")
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "sessions are paused") || res.Header.Get("Content-Disposition") != "" {
		t.Errorf("while paused: status %d, Content-Disposition %q; want 403 saying sessions are paused, and no file",
			res.StatusCode, res.Header.Get("Content-Disposition"))
	}
}
