package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"backcare"
	"backcare/catalog"
	"backcare/player"
)

func (a *app) showCmd() *cobra.Command {
	var (
		asJSON           bool
		hold, prep, from string
	)
	cmd := &cobra.Command{
		Use:   "show ROUTINE",
		Short: "Show a routine's plan, minute by minute, or its timeline as JSON",
		Long: `Show lists every segment of a routine with the time it starts: getting ready,
each hold, switching sides, and the total.

With --json it prints the compiled timeline that every player plays; its
schema is documented in docs/timeline.md.`,
		Example: `  backcare show lower-back-relief
  backcare show lower-back-relief --hold 30s
  backcare show lower-back-relief --at 18:30
  backcare show lower-back-relief --json`,
		Args: exactArgs("routine"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := playerOptions(hold, prep)
			if err != nil {
				return err
			}
			cat, err := a.catalog()
			if err != nil {
				return err
			}
			r, err := cat.Routine(args[0])
			if err != nil {
				return err
			}
			tl, err := player.Compile(r, opts)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(tl)
			}
			var start time.Time
			if from != "" {
				start, err = time.ParseInLocation("15:04", from, time.Local)
				if err != nil {
					return backcare.Errorf(backcare.EINVALID, "--at %q is not a time of day", from).WithHint("write it as HH:MM, for example 18:30")
				}
			}
			return writePlan(a, tl, start)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the timeline as JSON (docs/timeline.md)")
	cmd.Flags().StringVar(&hold, "hold", a.getenv("BACKCARE_HOLD"), "length of every timed hold, e.g. 30s, 45s, 60s, 90s [BACKCARE_HOLD]")
	cmd.Flags().StringVar(&prep, "prepare", a.getenv("BACKCARE_PREPARE"), "time to get ready before each pose, e.g. 10s [BACKCARE_PREPARE]")
	cmd.Flags().StringVar(&from, "at", "", "show clock times for a start at HH:MM instead of minutes from the start")
	return cmd
}

// playerOptions reads the --hold and --prepare flags.
func playerOptions(hold, prep string) (player.Options, error) {
	var o player.Options
	if hold != "" {
		d, err := catalog.ParseDuration(hold)
		if err != nil || d < time.Second || d > player.MaxHold {
			return o, backcare.Errorf(backcare.EINVALID, "--hold %q is not a hold length backcare can use", hold).
				WithHint("give a time from 1s to 10m, such as 30s, 45s, 60s or 90s")
		}
		o.Hold = d
	}
	if prep != "" {
		d, err := catalog.ParseDuration(prep)
		if err != nil || d < 0 || d > player.MaxPrepare {
			return o, backcare.Errorf(backcare.EINVALID, "--prepare %q is not a prepare time backcare can use", prep).
				WithHint("give a time from 1s to 5m, such as 10s or 15s")
		}
		o.Prepare = d
	}
	return o, nil
}

var kindWords = map[player.Kind]string{
	player.Prepare: "get ready",
	player.Hold:    "hold",
	player.Switch:  "switch",
	player.Rest:    "rest",
	player.Reps:    "reps",
}

func writePlan(a *app, tl *player.Timeline, start time.Time) error {
	at := func(d time.Duration) string {
		if start.IsZero() {
			return clock(d)
		}
		return start.Add(d).Format("15:04:05")
	}
	holds := tl.Holds()
	fmt.Fprintf(a.stdout, "%s\n%s\n\n", tl.Routine.Name, wrap(tl.Routine.Purpose, 78))
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "AT\tWHAT\tFOR\tPOSE")
	for _, s := range tl.Segments {
		what := s.Title
		if s.Kind == player.Hold {
			if p, ok := tl.Pose(s.Pose); ok && p.Kind == backcare.Stretch {
				what += fmt.Sprintf(" (stretch %d/10)", p.Intensity)
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", at(s.Start), kindWords[s.Kind], backcare.HumanDuration(s.Duration), what)
	}
	fmt.Fprintf(w, "%s\tend\t\t\n", at(tl.Total))
	if err := w.Flush(); err != nil {
		return err
	}
	secs := tl.Total.Seconds()
	_, err := fmt.Fprintf(a.stdout, "\nTotal: %s (%s, %g seconds), %s.\n", clock(tl.Total), backcare.HumanDuration(tl.Total), secs, plural(holds, "hold", "holds"))
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(a.stdout, "Stretch intensity is how strong the stretch feels, not pain: stop on sharp pain, numbness or tingling.")
	return err
}

// wrap breaks text into lines of at most width characters.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		if n > 0 && n+1+len(w) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}
