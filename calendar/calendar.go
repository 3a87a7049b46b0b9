// Package calendar writes a practice plan as an iCalendar file (RFC 5545)
// that calendar apps import: one recurring event for each part of the plan,
// each with a reminder.
//
// Events are written in the person's own time zone (TZID) with a VTIMEZONE
// built from Go's zone data, so a 7:30 session stays at 7:30 on both sides
// of a daylight-saving change; github.com/emersion/go-ical writes the
// events but not the VTIMEZONE, which RFC 5545 requires for every TZID.
// A plan in UTC needs no VTIMEZONE and uses UTC times.
//
// The plan repeats until a set day, and the VTIMEZONE lists every change of
// offset up to that day, so the file is exact for its whole span. A plan
// changes as the programme moves between phases: export it again then.
package calendar

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"backcare"
)

// Plan is a weekly practice plan.
type Plan struct {
	// Name names the calendar in apps that show one (X-WR-CALNAME).
	Name string
	// Location is the person's time zone; it must have an IANA name
	// ("Europe/London"), or be UTC.
	Location *time.Location
	// From is the first day of the plan and Until the last (local dates;
	// the time of day is ignored).
	From, Until time.Time
	// Stamp is when the file was made (DTSTAMP).
	Stamp  time.Time
	Events []Event
}

// Event is one recurring part of the plan.
type Event struct {
	// Key names the event within the plan; with the plan's time zone and
	// first day it makes a stable UID, so importing a newer file updates
	// the same events.
	Key         string
	Summary     string
	Description string
	// Days are the weekdays it happens on; empty means every day.
	Days []time.Weekday
	// Hour and Minute are the local time it starts.
	Hour, Minute int
	Duration     time.Duration
	// Remind is how long before the start the reminder goes off; negative
	// for no reminder.
	Remind time.Duration
}

// MaxDays is the longest plan written: a year. A plan changes with the
// programme's phases long before then.
const MaxDays = 366

// Write writes the plan as an iCalendar file.
func Write(w io.Writer, p Plan) error {
	cal, err := Build(p)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
		return fmt.Errorf("calendar: encode: %w", err)
	}
	if _, err := w.Write(fold(buf.Bytes())); err != nil {
		return fmt.Errorf("calendar: write: %w", err)
	}
	return nil
}

// Build returns the plan as an iCalendar object.
func Build(p Plan) (*ical.Calendar, error) {
	if err := check(p); err != nil {
		return nil, err
	}
	loc := p.Location
	from := localDate(p.From, loc)
	until := localDate(p.Until, loc)

	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, "-//backcare//practice plan//EN")
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText(ical.PropMethod, "PUBLISH")
	if p.Name != "" {
		setText(cal.Props, "X-WR-CALNAME", p.Name)
	}
	utc := loc == time.UTC
	if !utc {
		setText(cal.Props, "X-WR-TIMEZONE", loc.String())
		// The zone must cover every occurrence, from the first day to the
		// end of the last.
		cal.Children = append(cal.Children, Timezone(loc, from.AddDate(0, 0, -1), until.AddDate(0, 0, 2)))
	}
	for _, e := range p.Events {
		cal.Children = append(cal.Children, event(e, p, from, until).Component)
	}
	return cal, nil
}

func check(p Plan) error {
	switch {
	case p.Location == nil:
		return backcare.Errorf(backcare.EINVALID, "the calendar needs a time zone")
	case p.Location != time.UTC && (p.Location.String() == "Local" || p.Location.String() == ""):
		return backcare.Errorf(backcare.EINVALID, "the calendar needs a named time zone, such as Europe/London, not %q", p.Location.String()).
			WithHint("name your time zone with --tz (or the TZ environment variable), or use UTC")
	case len(p.Events) == 0:
		return backcare.Errorf(backcare.EINVALID, "the practice plan has nothing in it to put in a calendar")
	case p.From.IsZero() || p.Until.IsZero() || localDate(p.Until, p.Location).Before(localDate(p.From, p.Location)):
		return backcare.Errorf(backcare.EINVALID, "the plan must end on or after the day it starts")
	case localDate(p.Until, p.Location).Sub(localDate(p.From, p.Location)) > MaxDays*24*time.Hour:
		return backcare.Errorf(backcare.EINVALID, "a plan of more than a year is too long").
			WithHint("export a shorter plan, and export it again when your phase changes")
	}
	for _, e := range p.Events {
		if e.Hour < 0 || e.Hour > 23 || e.Minute < 0 || e.Minute > 59 {
			return backcare.Errorf(backcare.EINVALID, "%02d:%02d is not a time of day", e.Hour, e.Minute).WithHint("write it as HH:MM, for example 07:30")
		}
		if e.Duration <= 0 || e.Duration > 12*time.Hour {
			return backcare.Errorf(backcare.EINVALID, "the event %q has no sensible length (%s)", e.Summary, e.Duration)
		}
		if e.Key == "" || e.Summary == "" {
			return backcare.Errorf(backcare.EINVALID, "every event needs a key and a summary")
		}
	}
	return nil
}

func localDate(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

var byDay = map[time.Weekday]string{
	time.Monday: "MO", time.Tuesday: "TU", time.Wednesday: "WE", time.Thursday: "TH",
	time.Friday: "FR", time.Saturday: "SA", time.Sunday: "SU",
}

// event builds one recurring event. DTSTART is the first occurrence on or
// after from (RFC 5545 counts DTSTART as an occurrence even when the rule
// would not, so it must match the rule).
func event(e Event, p Plan, from, until time.Time) *ical.Event {
	loc := p.Location
	first := from
	for len(e.Days) > 0 && !slices.Contains(e.Days, first.Weekday()) {
		first = first.AddDate(0, 0, 1)
	}
	start := time.Date(first.Year(), first.Month(), first.Day(), e.Hour, e.Minute, 0, 0, loc)
	// UNTIL must be in UTC when DTSTART has a time zone (RFC 5545
	// 3.3.10); the last local day's occurrence is included.
	last := time.Date(until.Year(), until.Month(), until.Day(), e.Hour, e.Minute, 0, 0, loc)

	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, uid(e.Key, loc, from))
	ev.Props.SetDateTime(ical.PropDateTimeStamp, p.Stamp.UTC())
	ev.Props.SetDateTime(ical.PropDateTimeStart, start)
	ev.Props.SetText(ical.PropSummary, e.Summary)
	if e.Description != "" {
		ev.Props.SetText(ical.PropDescription, e.Description)
	}
	dur := ical.NewProp(ical.PropDuration)
	dur.SetDuration(e.Duration)
	ev.Props.Set(dur)
	ev.Props.SetText(ical.PropTransparency, "TRANSPARENT") // practice doesn't make you busy
	ev.Props.SetText(ical.PropCategories, "Health")

	rule := "FREQ=DAILY"
	if len(e.Days) > 0 {
		days := slices.Clone(e.Days)
		slices.SortFunc(days, func(a, b time.Weekday) int { return (int(a)+6)%7 - (int(b)+6)%7 })
		codes := make([]string, len(days))
		for i, d := range days {
			codes[i] = byDay[d]
		}
		rule = "FREQ=WEEKLY;BYDAY=" + strings.Join(codes, ",") + ";WKST=MO"
	}
	rrule := ical.NewProp(ical.PropRecurrenceRule)
	rrule.SetValueType(ical.ValueRecurrence)
	rrule.Value = rule + ";UNTIL=" + last.UTC().Format("20060102T150405Z")
	ev.Props.Set(rrule)

	if e.Remind >= 0 {
		alarm := ical.NewComponent(ical.CompAlarm)
		alarm.Props.SetText(ical.PropAction, "DISPLAY")
		alarm.Props.SetText(ical.PropDescription, e.Summary)
		trig := ical.NewProp(ical.PropTrigger)
		trig.SetDuration(-e.Remind)
		alarm.Props.Set(trig)
		ev.Children = append(ev.Children, alarm)
	}
	return ev
}

// setText sets a text property of a name go-ical has no type for (the
// X-WR- names apps read), escaped but without a VALUE=TEXT parameter.
func setText(props ical.Props, name, value string) {
	props.SetText(name, value)
	props.Get(name).Params.Del(ical.ParamValue)
}

// uid is stable for the same event, zone and first day, so a re-exported
// file updates the events it made before rather than adding copies.
func uid(key string, loc *time.Location, from time.Time) string {
	h := sha256.Sum256([]byte(key + "\x00" + loc.String() + "\x00" + from.Format("2006-01-02")))
	return hex.EncodeToString(h[:12]) + "@backcare"
}

// Timezone returns a VTIMEZONE for loc that is exact from from to to: one
// STANDARD or DAYLIGHT observance for each change of offset in that span
// (and the one in force at from), read from Go's zone data with
// time.Time.ZoneBounds.
func Timezone(loc *time.Location, from, to time.Time) *ical.Component {
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, loc.String())
	t := from.In(loc)
	start, end := t.ZoneBounds()
	name, offset := t.Zone()
	prevOffset := offset
	if !start.IsZero() {
		// The offset in force just before the zone period at from began.
		_, prevOffset = start.Add(-time.Second).In(loc).Zone()
	}
	tz.Children = append(tz.Children, observance(start, name, prevOffset, offset, t.IsDST()))
	for !end.IsZero() && end.Before(to) {
		t = end.In(loc)
		prevOffset = offset
		name, offset = t.Zone()
		tz.Children = append(tz.Children, observance(end, name, prevOffset, offset, t.IsDST()))
		_, end = t.ZoneBounds()
	}
	return tz
}

// observance is one STANDARD or DAYLIGHT part of a VTIMEZONE: from onset,
// local time moves from the offset from to the offset to. A zero onset (a
// zone with no recorded change) starts at 1970.
func observance(onset time.Time, name string, from, to int, dst bool) *ical.Component {
	kind := ical.CompTimezoneStandard
	if dst {
		kind = ical.CompTimezoneDaylight
	}
	c := ical.NewComponent(kind)
	// DTSTART is the onset as a local time in the offset before it
	// (RFC 5545 3.6.5).
	local := "19700101T000000"
	if !onset.IsZero() {
		local = onset.In(time.FixedZone("", from)).Format("20060102T150405")
	}
	dt := ical.NewProp(ical.PropDateTimeStart)
	dt.Value = local
	c.Props.Set(dt)
	c.Props.Set(&ical.Prop{Name: ical.PropTimezoneOffsetFrom, Params: ical.Params{}, Value: utcOffset(from)})
	c.Props.Set(&ical.Prop{Name: ical.PropTimezoneOffsetTo, Params: ical.Params{}, Value: utcOffset(to)})
	if name != "" && !strings.HasPrefix(name, "+") && !strings.HasPrefix(name, "-") {
		c.Props.SetText(ical.PropTimezoneName, name)
	}
	return c
}

// utcOffset writes an offset in seconds as RFC 5545 does: +0100, -0330,
// or +053328 when it has seconds.
func utcOffset(secs int) string {
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	s := fmt.Sprintf("%s%02d%02d", sign, secs/3600, secs/60%60)
	if secs%60 != 0 {
		s += fmt.Sprintf("%02d", secs%60)
	}
	return s
}

// fold breaks content lines longer than 75 octets (RFC 5545 3.1), never
// inside a UTF-8 character; go-ical writes each property on one line.
func fold(data []byte) []byte {
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		limit := 75
		for len(line) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			out.WriteString(line[:cut])
			out.WriteString("\r\n ")
			line = line[cut:]
			limit = 74 // the leading space counts
		}
		out.WriteString(line)
		out.WriteString("\r\n")
	}
	return out.Bytes()
}
