package calendar

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below exist on any machine

	"github.com/emersion/go-ical"

	"backcare"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// plan is four weeks from Monday 16 March 2026: the daily stretches at
// 07:30 and strength on Monday, Wednesday and Friday at 18:00. In London
// the clocks go forward on Sunday 29 March; in New York on 8 March (before
// the plan); in Sydney they go back on 5 April.
func plan(loc *time.Location) Plan {
	return Plan{
		Name:     "backcare practice",
		Location: loc,
		From:     time.Date(2026, 3, 16, 12, 0, 0, 0, loc),
		Until:    time.Date(2026, 4, 12, 12, 0, 0, 0, loc),
		Stamp:    time.Date(2026, 3, 15, 20, 0, 0, 0, time.UTC),
		Events: []Event{
			{Key: "daily", Summary: "Lower back relief (5 min)", Description: "The three gentle stretches of the day; stop on sharp pain, numbness or tingling.",
				Hour: 7, Minute: 30, Duration: 5 * time.Minute, Remind: 10 * time.Minute},
			{Key: "strength", Summary: "Core foundation and Balance basics (22 min)", Description: "Strength and balance: short holds, stop each set before your form slips.",
				Days: []time.Weekday{time.Friday, time.Monday, time.Wednesday}, Hour: 18, Minute: 0, Duration: 22 * time.Minute, Remind: 0},
		},
	}
}

func encode(t *testing.T, p Plan) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, p); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// expected returns the occurrences of the plan's events as UTC instants,
// computed here from Go's zone data, independently of the file.
func expected(p Plan) map[string][]time.Time {
	out := map[string][]time.Time{}
	for d := localDate(p.From, p.Location); !d.After(localDate(p.Until, p.Location)); d = d.AddDate(0, 0, 1) {
		for _, e := range p.Events {
			ok := len(e.Days) == 0
			for _, wd := range e.Days {
				ok = ok || wd == d.Weekday()
			}
			if ok {
				at := time.Date(d.Year(), d.Month(), d.Day(), e.Hour, e.Minute, 0, 0, p.Location).UTC()
				out[e.Summary] = append(out[e.Summary], at)
			}
		}
	}
	return out
}

var zones = []string{"Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/St_Johns", "UTC"}

// TestGoIcalParses decodes the file with go-ical, expands each event's
// rule and checks every occurrence against Go's zone data.
func TestGoIcalParses(t *testing.T) {
	for _, name := range zones {
		t.Run(name, func(t *testing.T) {
			loc := mustZone(t, name)
			p := plan(loc)
			cal, err := ical.NewDecoder(bytes.NewReader(encode(t, p))).Decode()
			if err != nil {
				t.Fatalf("go-ical cannot decode the file: %v", err)
			}
			want := expected(p)
			events := cal.Events()
			if len(events) != len(p.Events) {
				t.Fatalf("%d events, want %d", len(events), len(p.Events))
			}
			for _, ev := range events {
				summary, _ := ev.Props.Text(ical.PropSummary)
				set, err := ev.RecurrenceSet(loc)
				if err != nil || set == nil {
					t.Fatalf("%s: RecurrenceSet = %v, %v", summary, set, err)
				}
				var got []time.Time
				for _, o := range set.All() {
					got = append(got, o.UTC())
				}
				if !equalTimes(got, want[summary]) {
					t.Errorf("%s: occurrences\n got %v\nwant %v", summary, got, want[summary])
				}
				if len(ev.Children) != 1 || ev.Children[0].Name != ical.CompAlarm {
					t.Errorf("%s: want one VALARM, got %v", summary, ev.Children)
				}
				if uid, _ := ev.Props.Text(ical.PropUID); !strings.HasSuffix(uid, "@backcare") {
					t.Errorf("%s: UID = %q", summary, uid)
				}
			}
			tzs := 0
			for _, c := range cal.Children {
				if c.Name == ical.CompTimezone {
					tzs++
					if id, _ := c.Props.Text(ical.PropTimezoneID); id != name {
						t.Errorf("VTIMEZONE TZID = %q, want %q", id, name)
					}
				}
			}
			if wantTZ := map[bool]int{true: 0, false: 1}[loc == time.UTC]; tzs != wantTZ {
				t.Errorf("%d VTIMEZONEs, want %d", tzs, wantTZ)
			}
		})
	}
}

// TestDaylightSaving checks the London plan across the change to summer
// time on Sunday 29 March 2026: 07:30 local is 07:30 UTC on the Saturday
// and 06:30 UTC on the Monday.
func TestDaylightSaving(t *testing.T) {
	loc := mustZone(t, "Europe/London")
	cal, err := ical.NewDecoder(bytes.NewReader(encode(t, plan(loc)))).Decode()
	if err != nil {
		t.Fatal(err)
	}
	set, err := cal.Events()[0].RecurrenceSet(loc)
	if err != nil {
		t.Fatal(err)
	}
	occ := set.Between(time.Date(2026, 3, 28, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), true)
	want := []string{"2026-03-28T07:30:00Z", "2026-03-29T06:30:00Z", "2026-03-30T06:30:00Z"}
	if len(occ) != len(want) {
		t.Fatalf("occurrences %v, want %v", occ, want)
	}
	for i, o := range occ {
		if got := o.UTC().Format(time.RFC3339); got != want[i] {
			t.Errorf("occurrence %d = %s, want %s", i, got, want[i])
		}
		if l := o.In(loc); l.Hour() != 7 || l.Minute() != 30 {
			t.Errorf("occurrence %d is at %s local, want 07:30", i, l.Format("15:04 MST"))
		}
	}
}

// TestTimezoneMatchesGo reads the VTIMEZONE back the way a calendar app
// does (each observance's onset, as a local time in the offset before it)
// and checks the offset it gives every hour of the span against Go's.
func TestTimezoneMatchesGo(t *testing.T) {
	for _, name := range zones[:len(zones)-1] {
		t.Run(name, func(t *testing.T) {
			loc := mustZone(t, name)
			from := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
			to := from.AddDate(1, 1, 0)
			tz := Timezone(loc, from, to)
			type onset struct {
				at     time.Time
				offset int
			}
			var onsets []onset
			for _, c := range tz.Children {
				start := c.Props.Get(ical.PropDateTimeStart).Value
				fromOff := parseOffset(t, c.Props.Get(ical.PropTimezoneOffsetFrom).Value)
				toOff := parseOffset(t, c.Props.Get(ical.PropTimezoneOffsetTo).Value)
				local, err := time.ParseInLocation("20060102T150405", start, time.FixedZone("", fromOff))
				if err != nil {
					t.Fatal(err)
				}
				onsets = append(onsets, onset{local, toOff})
			}
			sort.Slice(onsets, func(i, j int) bool { return onsets[i].at.Before(onsets[j].at) })
			for at := from; at.Before(to); at = at.Add(time.Hour) {
				got := onsets[0].offset
				for _, o := range onsets {
					if !at.Before(o.at) {
						got = o.offset
					}
				}
				if _, want := at.In(loc).Zone(); got != want {
					t.Fatalf("at %s the VTIMEZONE gives offset %d, Go %d", at.UTC(), got, want)
				}
			}
		})
	}
}

func parseOffset(t *testing.T, s string) int {
	t.Helper()
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	digits := s[1:]
	if len(digits) != 4 && len(digits) != 6 {
		t.Fatalf("offset %q is not +HHMM or +HHMMSS", s)
	}
	n := func(i int) int { return int(digits[i]-'0')*10 + int(digits[i+1]-'0') }
	secs := n(0)*3600 + n(2)*60
	if len(digits) == 6 {
		secs += n(4)
	}
	return sign * secs
}

func TestUTCOffset(t *testing.T) {
	tests := map[int]string{0: "+0000", 3600: "+0100", -12600: "-0330", 19800: "+0530", -(3600*5 + 60*17 + 32): "-051732"}
	for secs, want := range tests {
		if got := utcOffset(secs); got != want {
			t.Errorf("utcOffset(%d) = %q, want %q", secs, got, want)
		}
	}
}

// TestLinesFolded checks RFC 5545's line rules: CRLF endings and no line
// over 75 octets, with a long description in several scripts.
func TestLinesFolded(t *testing.T) {
	p := plan(mustZone(t, "Europe/London"))
	p.Events[0].Description = strings.Repeat("Étirez doucement, 5 sur 10; ストレッチ. ", 12)
	data := encode(t, p)
	if !bytes.HasSuffix(data, []byte("END:VCALENDAR\r\n")) {
		t.Errorf("the file does not end with END:VCALENDAR and CRLF")
	}
	for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if bytes.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF", i+1)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := cal.Events()[0].Props.Text(ical.PropDescription); got != p.Events[0].Description {
		t.Errorf("the folded description reads back as %q", got)
	}
}

func TestRefusesBadPlans(t *testing.T) {
	london := mustZone(t, "Europe/London")
	tests := []struct {
		name   string
		change func(*Plan)
		want   string
	}{
		{"local zone without a name", func(p *Plan) { p.Location = time.Local; p.Location = time.FixedZone("Local", 0) }, "named time zone"},
		{"no zone", func(p *Plan) { p.Location = nil }, "time zone"},
		{"no events", func(p *Plan) { p.Events = nil }, "nothing in it"},
		{"ends before it starts", func(p *Plan) { p.Until = p.From.AddDate(0, 0, -1) }, "end on or after"},
		{"too long", func(p *Plan) { p.Until = p.From.AddDate(2, 0, 0) }, "more than a year"},
		{"bad hour", func(p *Plan) { p.Events[0].Hour = 24 }, "24:30 is not a time of day"},
		{"no length", func(p *Plan) { p.Events[1].Duration = 0 }, "no sensible length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plan(london)
			tt.change(&p)
			var buf bytes.Buffer
			err := Write(&buf, p)
			if backcare.ErrorCode(err) != backcare.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write error = %v, want invalid input mentioning %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("Write wrote %d bytes for a bad plan", buf.Len())
			}
		})
	}
}

// TestStableUIDs checks that exporting the same plan twice gives the same
// UIDs (so a calendar updates its events) and another first day new ones.
func TestStableUIDs(t *testing.T) {
	loc := mustZone(t, "Europe/London")
	uids := func(p Plan) []string {
		cal, err := Build(p)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range cal.Events() {
			u, _ := e.Props.Text(ical.PropUID)
			out = append(out, u)
		}
		return out
	}
	a, b := uids(plan(loc)), uids(plan(loc))
	later := plan(loc)
	later.From = later.From.AddDate(0, 0, 7)
	c := uids(later)
	if strings.Join(a, ",") != strings.Join(b, ",") || a[0] == a[1] || a[0] == c[0] {
		t.Errorf("UIDs %v, %v, %v: want stable for the same plan, distinct per event and per first day", a, b, c)
	}
}

// TestGolden keeps the London file under testdata for review.
func TestGolden(t *testing.T) {
	got := encode(t, plan(mustZone(t, "Europe/London")))
	path := filepath.Join("testdata", "london.ics")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./calendar -update)", err)
	}
	// Only the properties RFC 5545 types as TEXT, or the DTSTART of an
	// event, may carry parameters here.
	for _, line := range strings.Split(string(got), "\r\n") {
		name, _, _ := strings.Cut(line, ":")
		if strings.Contains(name, ";") && !strings.HasPrefix(name, "DTSTART;TZID=") {
			t.Errorf("unexpected parameter in %q", line)
		}
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; run go test ./calendar -update and review the diff", path)
	}
}

func equalTimes(a, b []time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}
