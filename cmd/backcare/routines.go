package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"backcare/player"
)

func (a *app) routinesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "routines",
		Short: "List the routines you can play",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := a.catalog()
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tNAME\tPOSES\tTIME\tFROM")
			for _, r := range cat.Routines() {
				tl, err := player.Compile(r, player.Options{})
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\n", r.ID, r.Name, len(r.Entries), clock(tl.Total), cat.RoutineOrigin(r.ID))
			}
			if err := w.Flush(); err != nil {
				return err
			}
			_, err = fmt.Fprintln(a.stdout, "\nSee one with `backcare show ID`.")
			return err
		},
	}
}

func (a *app) posesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "poses",
		Short: "List every pose in the catalog",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := a.catalog()
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tNAME\tKIND\tDOSE\tFROM")
			for _, p := range cat.Poses() {
				dose := p.Dose.String()
				if p.Sided {
					dose += " each side"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", p.ID, p.Name, p.Kind, dose, cat.PoseOrigin(p.ID))
			}
			return w.Flush()
		},
	}
}

// clock writes a duration as m:ss (or h:mm:ss).
func clock(d interface{ Seconds() float64 }) string {
	s := int(d.Seconds() + 0.5)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
