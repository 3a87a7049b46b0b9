package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"backcare"
	"backcare/calendar"
	"backcare/programme"
	"backcare/safety"
)

func (a *app) scheduleCmd() *cobra.Command {
	var (
		ics                bool
		out, at, strongAt  string
		days, tz, remindIn string
		weeks              int
	)
	cmd := &cobra.Command{
		Use:   "schedule",
		Short: "Your practice plan for the coming weeks, or as a calendar file (--ics)",
		Long: `schedule shows your practice plan for the phase you are in: the daily routine
and, from phase 2, strength and balance three times a week.

With --ics it writes the plan as an iCalendar file that calendar apps import
(Google Calendar, Apple Calendar, Outlook, Thunderbird), with a reminder
before each session. Times are in your time zone (--tz, or TZ, or the
system's), and stay right across daylight-saving changes. Your plan changes
as you move between phases: export it again then.`,
		Example: `  backcare schedule
  backcare schedule --ics -o backcare.ics
  backcare schedule --ics --at 07:30 --strength-at 18:00 --days mon,wed,fri --weeks 6
  backcare schedule --ics --tz Europe/London -o -`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.schedule(scheduleOptions{ics, out, at, strongAt, days, tz, remindIn, weeks})
		},
	}
	cmd.Flags().BoolVar(&ics, "ics", false, "write an iCalendar file (.ics) instead of showing the plan")
	cmd.Flags().StringVarP(&out, "output", "o", "", "with --ics: the file to write; - or nothing for standard output")
	cmd.Flags().StringVar(&at, "at", a.env("BACKCARE_AT", "07:30"), "time of day for the daily routine, HH:MM [BACKCARE_AT]")
	cmd.Flags().StringVar(&strongAt, "strength-at", a.env("BACKCARE_STRENGTH_AT", "18:00"), "time of day for strength and balance, HH:MM [BACKCARE_STRENGTH_AT]")
	cmd.Flags().StringVar(&days, "days", a.env("BACKCARE_DAYS", "mon,wed,fri"), "the three strength-and-balance days [BACKCARE_DAYS]")
	cmd.Flags().StringVar(&tz, "tz", "", "time zone, such as Europe/London (default: TZ, or the system's)")
	cmd.Flags().StringVar(&remindIn, "remind", a.env("BACKCARE_REMIND", "10m"), "reminder before each session, e.g. 10m; 0 for at the start, off for none [BACKCARE_REMIND]")
	cmd.Flags().IntVar(&weeks, "weeks", 4, "how many weeks the calendar covers (1-52)")
	return cmd
}

type scheduleOptions struct {
	ics                bool
	out, at, strongAt  string
	days, tz, remindIn string
	weeks              int
}

func (a *app) schedule(o scheduleOptions) error {
	hour, minute, err := timeOfDay("--at", o.at)
	if err != nil {
		return err
	}
	sHour, sMinute, err := timeOfDay("--strength-at", o.strongAt)
	if err != nil {
		return err
	}
	days, err := weekdays(o.days)
	if err != nil {
		return err
	}
	remind, err := reminder(o.remindIn)
	if err != nil {
		return err
	}
	if o.weeks < 1 || o.weeks > 52 {
		return backcare.Errorf(backcare.EINVALID, "--weeks %d is out of range", o.weeks).WithHint("give 1 to 52 weeks; 4 is the default")
	}
	loc, zoneNote, err := a.calendarZone(o.tz)
	if err != nil {
		return err
	}
	plan, _, err := a.plan()
	if err != nil {
		return err
	}
	if g := plan.Safety.Gate; g == safety.SeekCare || g == safety.NeedClearance {
		return backcare.Errorf(backcare.EUNSAFE, "your sessions are paused, so there is no practice plan to schedule: %s", plan.Safety.Why).
			WithHint("`backcare today` says what to do; after a clinician's check, `backcare check --cleared`")
	}
	pr, cp, err := a.practiceCalendar(plan.Phase.Number, loc, a.now(), practiceTimes{
		hour: hour, minute: minute, strengthHour: sHour, strengthMinute: sMinute,
		days: days, remind: remind, weeks: o.weeks,
	})
	if err != nil {
		return err
	}
	if zoneNote != "" {
		fmt.Fprintln(a.stderr, zoneNote)
	}
	if !o.ics {
		return a.writeSchedule(pr, cp)
	}
	var buf bytes.Buffer
	if err := calendar.Write(&buf, cp); err != nil {
		return err
	}
	if o.out == "" || o.out == "-" {
		_, err := a.stdout.Write(buf.Bytes())
		return err
	}
	if err := writePrivateFile(o.out, buf.Bytes()); err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "Wrote your practice plan for %s (phase %d, %s) to %s.\nImport it into your calendar app; export it again when your phase changes.\n",
		plural(o.weeks, "week", "weeks"), pr.Phase.Number, pr.Phase.Name, o.out)
	return err
}

// practiceTimes are the person's choices for the practice calendar.
type practiceTimes struct {
	hour, minute                 int // the daily routine
	strengthHour, strengthMinute int // strength and balance
	days                         []time.Weekday
	remind                       time.Duration // before each session; negative for none
	weeks                        int
}

// practiceCalendar builds the practice plan of a programme phase as a
// calendar, starting today in loc: the code behind both `backcare schedule`
// and the web app's calendar download. The caller checks the safety gate
// first.
func (a *app) practiceCalendar(phase int, loc *time.Location, now time.Time, t practiceTimes) (programme.Practice, calendar.Plan, error) {
	cat, err := a.catalog()
	if err != nil {
		return programme.Practice{}, calendar.Plan{}, err
	}
	prog, err := programme.New(cat)
	if err != nil {
		return programme.Practice{}, calendar.Plan{}, err
	}
	pr, err := prog.Practice(phase, t.days)
	if err != nil {
		return programme.Practice{}, calendar.Plan{}, err
	}
	now = now.In(loc)
	cp := calendar.Plan{
		Name:     "backcare practice",
		Location: loc,
		From:     now,
		Until:    now.AddDate(0, 0, 7*t.weeks-1),
		Stamp:    now,
	}
	safetyLine := "Keep stretches at about 5 out of 10; stop on sharp pain, numbness or tingling."
	cp.Events = append(cp.Events, calendar.Event{
		Key:         fmt.Sprintf("phase-%d-daily", pr.Phase.Number),
		Summary:     fmt.Sprintf("%s (%s)", pr.Daily.Name, shortMinutes(pr.Daily.Duration)),
		Description: pr.Daily.Why + " " + safetyLine + " Open backcare to play it, or run: backcare start " + pr.Daily.RoutineID,
		Hour:        t.hour, Minute: t.minute,
		Duration: roundUpMinutes(pr.Daily.Duration),
		Remind:   t.remind,
	})
	if len(pr.Strength) > 0 {
		var names, ids []string
		var total time.Duration
		for _, it := range pr.Strength {
			names = append(names, it.Name)
			ids = append(ids, it.RoutineID)
			total += it.Duration
		}
		cp.Events = append(cp.Events, calendar.Event{
			Key:         fmt.Sprintf("phase-%d-strength", pr.Phase.Number),
			Summary:     fmt.Sprintf("%s (%s)", strings.Join(names, " and "), shortMinutes(total)),
			Description: pr.Strength[0].Why + " " + pr.Strength[len(pr.Strength)-1].Why + " Stop each set before your form slips. Open backcare to play them, or run: backcare start " + strings.Join(ids, ", then backcare start "),
			Days:        pr.StrengthDays,
			Hour:        t.strengthHour, Minute: t.strengthMinute,
			Duration: roundUpMinutes(total),
			Remind:   t.remind,
		})
	}
	return pr, cp, nil
}

func (a *app) writeSchedule(pr programme.Practice, cp calendar.Plan) error {
	fmt.Fprintf(a.stdout, "Your practice plan: phase %d, %s\n", pr.Phase.Number, pr.Phase.Name)
	fmt.Fprintln(a.stdout, wrap(pr.Phase.Summary, 78))
	fmt.Fprintln(a.stdout)
	for _, e := range cp.Events {
		when := "every day"
		if len(e.Days) > 0 {
			var ds []string
			for _, d := range e.Days {
				ds = append(ds, d.String())
			}
			when = "on " + strings.Join(ds, ", ")
		}
		fmt.Fprintf(a.stdout, "  %02d:%02d %s: %s\n", e.Hour, e.Minute, when, e.Summary)
	}
	fmt.Fprintf(a.stdout, "\nFrom %s to %s, in %s. `backcare schedule --ics -o backcare.ics` puts it in your calendar.\n",
		cp.From.Format("Mon 2 Jan"), cp.Until.Format("Mon 2 Jan 2006"), cp.Location)
	return nil
}

// calendarZone picks the named time zone for the calendar: --tz, then TZ,
// then the system's zone if its name can be found; otherwise UTC, with a
// note saying so.
func (a *app) calendarZone(flag string) (*time.Location, string, error) {
	name := flag
	if name == "" {
		name = strings.TrimPrefix(a.getenv("TZ"), ":")
	}
	if name == "" {
		name = systemZoneName()
	}
	if name == "" {
		return time.UTC, "backcare could not tell your time zone's name, so the calendar uses UTC times; name it with --tz, such as --tz Europe/London.", nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil || loc.String() == "Local" {
		return nil, "", backcare.Errorf(backcare.EINVALID, "%q is not a time zone backcare knows", name).
			WithHint("use a name such as Europe/London or America/New_York")
	}
	return loc, "", nil
}

// systemZoneName reads the zone's name from the /etc/localtime link, as
// most Linux and macOS systems keep it; "" if it cannot be told.
func systemZoneName() string {
	target, err := os.Readlink("/etc/localtime")
	if err != nil {
		return ""
	}
	target = filepath.ToSlash(target)
	if i := strings.Index(target, "zoneinfo/"); i >= 0 {
		name := target[i+len("zoneinfo/"):]
		if _, err := time.LoadLocation(name); err == nil {
			return name
		}
	}
	return ""
}

func timeOfDay(flag, s string) (int, int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, 0, backcare.Errorf(backcare.EINVALID, "%s %q is not a time of day", flag, s).WithHint("write it as HH:MM, for example 07:30")
	}
	return t.Hour(), t.Minute(), nil
}

var dayNames = map[string]time.Weekday{
	"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday,
	"fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday,
}

func weekdays(s string) ([]time.Weekday, error) {
	var out []time.Weekday
	seen := map[time.Weekday]bool{}
	for _, part := range strings.Split(s, ",") {
		p := strings.ToLower(strings.TrimSpace(part))
		if len(p) > 3 {
			p = p[:3]
		}
		d, ok := dayNames[p]
		if !ok || seen[d] {
			return nil, backcare.Errorf(backcare.EINVALID, "--days %q is not a list of different weekdays", s).
				WithHint("for example --days mon,wed,fri")
		}
		seen[d] = true
		out = append(out, d)
	}
	if len(out) != programme.StrengthPerWeek {
		return nil, backcare.Errorf(backcare.EINVALID, "--days names %d days; the plan has strength and balance on %d", len(out), programme.StrengthPerWeek).
			WithHint("for example --days mon,wed,fri, with a rest day between them")
	}
	return out, nil
}

func reminder(s string) (time.Duration, error) {
	if strings.EqualFold(strings.TrimSpace(s), "off") {
		return -1, nil
	}
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if s == "0" {
		d, err = 0, nil
	}
	if err != nil || d < 0 || d > 24*time.Hour {
		return 0, backcare.Errorf(backcare.EINVALID, "--remind %q is not a reminder time", s).
			WithHint("for example 10m or 1h; 0 for at the start, off for none")
	}
	return d, nil
}

func roundUpMinutes(d time.Duration) time.Duration {
	return (d + time.Minute - 1).Truncate(time.Minute)
}

func shortMinutes(d time.Duration) string {
	return fmt.Sprintf("%d min", int(roundUpMinutes(d)/time.Minute))
}
