package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"backcare"
	"backcare/programme"
	"backcare/safety"
)

func (a *app) todayCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "today",
		Short: "What to do today, and why, with this week's minutes against the plan",
		Long: `today reads your journal and says what to do now: which routines, and why.

backcare's programme grows over the weeks: phase 1 is the article's three
gentle stretches every day; phase 2 adds strength and balance three times a
week; phase 3 brings stronger stretches and harder exercises. It moves you up
when the stretches have become a habit (practice on 6 days in two weeks) and
your pain is steady or falling, and steps back after a flare or a long break.
When it moves you, the step is recorded in your journal.

The week view shows the minutes of flexibility, strength and balance you have
done this week (Monday to Sunday) against the plan.`,
		Example: `  backcare today
  TZ=Europe/London backcare today`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.today() },
	}
}

// history reads everything the programme looks at.
func (a *app) history(j backcare.Journal, uid string) (programme.History, error) {
	var h programme.History
	var err error
	all := backcare.Filter{}
	if h.Sessions, err = j.Sessions(a.ctx, uid, all); err != nil {
		return h, err
	}
	if h.PEGs, err = j.PEGs(a.ctx, uid, all); err != nil {
		return h, err
	}
	if h.Screenings, err = j.Screenings(a.ctx, uid, all); err != nil {
		return h, err
	}
	h.PhaseChanges, err = j.PhaseChanges(a.ctx, uid, all)
	return h, err
}

// plan decides today's plan and records a phase change if it makes one.
func (a *app) plan() (programme.Plan, *time.Location, error) {
	j, uid, err := a.userJournal()
	if err != nil {
		return programme.Plan{}, nil, err
	}
	loc, err := a.location()
	if err != nil {
		return programme.Plan{}, nil, err
	}
	cat, err := a.catalog()
	if err != nil {
		return programme.Plan{}, nil, err
	}
	p, err := programme.New(cat)
	if err != nil {
		return programme.Plan{}, nil, err
	}
	h, err := a.history(j, uid)
	if err != nil {
		return programme.Plan{}, nil, err
	}
	plan := p.Today(h, a.now(), loc)
	if plan.Change != nil {
		c := *plan.Change
		c.ID, c.UserID = backcare.NewID(), uid
		if err := j.AddPhaseChange(a.ctx, &c); err != nil {
			return programme.Plan{}, nil, err
		}
	}
	return plan, loc, nil
}

func (a *app) today() error {
	plan, _, err := a.plan()
	if err != nil {
		return err
	}
	out := a.stdout
	title := fmt.Sprintf("%s: phase %d, %s", plan.Date.Format("Monday 2 January"), plan.Phase.Number, plan.Phase.Name)
	fmt.Fprintln(out, title)
	fmt.Fprintln(out, strings.Repeat("=", len(title)))
	for _, w := range plan.Why {
		fmt.Fprintln(out, wrap(w, 78))
	}
	fmt.Fprintln(out)

	switch plan.Safety.Gate {
	case safety.SeekCare, safety.NeedClearance:
		adv := safety.AdviceFor(plan.Safety.Blocking.Verdict)
		fmt.Fprintln(out, adv.Title)
		for i, s := range adv.Steps {
			fmt.Fprintf(out, "  %d. %s\n", i+1, indent(wrap(s, 73), "     "))
		}
		fmt.Fprintln(out)
		fmt.Fprintln(out, "When a clinician says exercise is fine: `backcare check --cleared`.")
	default:
		if plan.Safety.Gate == safety.ScreenFirst {
			fmt.Fprintln(out, "First: `backcare check` (the safety questions, about two minutes).")
		}
		fmt.Fprintln(out, "Today:")
		for _, it := range plan.Items {
			mark := "[ ]"
			if it.Done {
				mark = "[x]"
			}
			how := fmt.Sprintf("backcare start %s", it.RoutineID)
			if it.Hold > 0 {
				how += " --hold " + fmt.Sprint(int(it.Hold.Seconds())) + "s"
			}
			fmt.Fprintf(out, "  %s %s, %s  (%s)\n", mark, it.Name, backcare.HumanDuration(it.Duration.Round(time.Minute)), how)
			fmt.Fprintf(out, "      %s\n", indent(wrap(it.Why, 72), "      "))
		}
		if plan.PEGDue {
			fmt.Fprintln(out)
			fmt.Fprintln(out, "This week's check-in is due: three quick questions about the past week (`backcare peg`).")
		}
	}
	fmt.Fprintln(out)
	return a.writeWeek(plan.Week)
}

// writeWeek prints the week view: minutes done against the plan, by kind.
func (a *app) writeWeek(w programme.Week) error {
	end := w.Start.AddDate(0, 0, 6)
	fmt.Fprintf(a.stdout, "This week (%s to %s): you practised on %d of %d days.\n",
		w.Start.Format("Mon 2 Jan"), end.Format("Mon 2 Jan"), w.Practised, w.PlannedDays)
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	for _, r := range w.Rows {
		if r.Plan == 0 && r.Done == 0 {
			continue
		}
		fmt.Fprintf(tw, "  %s\t%s\tof %s min\t%s\n", r.Label, minutes(r.Done), minutes(r.Plan), bar(r.Done, r.Plan, 20))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var days []string
	for _, d := range w.Days {
		mark := "."
		if len(d.Routines) > 0 {
			mark = "x"
		}
		days = append(days, d.Date.Format("Mon")[:2]+" "+mark)
	}
	_, err := fmt.Fprintf(a.stdout, "  %s\n", strings.Join(days, "  "))
	return err
}

// minutes writes a duration in whole minutes, rounding to the nearest.
func minutes(d time.Duration) string { return fmt.Sprint(int(d.Round(time.Minute) / time.Minute)) }

// bar draws done against plan in width characters.
func bar(done, plan time.Duration, width int) string {
	if plan <= 0 {
		return ""
	}
	n := int(float64(width) * float64(done) / float64(plan))
	n = max(0, min(width, n))
	return "[" + strings.Repeat("#", n) + strings.Repeat("-", width-n) + "]"
}
