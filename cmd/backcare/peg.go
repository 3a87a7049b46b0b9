package main

import (
	"bufio"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"backcare"
	"backcare/measure"
)

func (a *app) pegCmd() *cobra.Command {
	var pain, enjoyment, activity int
	cmd := &cobra.Command{
		Use:   "peg",
		Short: "The weekly check-in: three questions about your pain over the past week",
		Long: `peg asks the three questions of the PEG scale (Krebs et al., 2009) about the
past week: your average pain, and how much pain got in the way of enjoying
life and of your general activity, each from 0 to 10. The score is their
average, to one decimal; backcare shows it and how it changes, week by week.

Answer each question with a whole number and Enter, or give all three as
flags. A missing or out-of-range answer saves nothing.`,
		Example: `  backcare peg
  backcare peg --pain 4 --enjoyment 3 --activity 5
  printf '4\n3\n5\n' | backcare peg`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			items := measure.PEGItems{}
			flags := map[string]**int{"pain": &items.Pain, "enjoyment": &items.Enjoyment, "activity": &items.Activity}
			vals := map[string]int{"pain": pain, "enjoyment": enjoyment, "activity": activity}
			set := 0
			for name, p := range flags {
				if cmd.Flags().Changed(name) {
					v := vals[name]
					*p = &v
					set++
				}
			}
			if set == 0 {
				var err error
				if items, err = a.askPEG(); err != nil {
					return err
				}
			}
			return a.savePEG(items)
		},
	}
	cmd.Flags().IntVar(&pain, "pain", 0, "average pain over the past week, 0-10")
	cmd.Flags().IntVar(&enjoyment, "enjoyment", 0, "how much pain got in the way of enjoying life, 0-10")
	cmd.Flags().IntVar(&activity, "activity", 0, "how much pain got in the way of your general activity, 0-10")
	return cmd
}

// askPEG reads the three answers, one a line.
func (a *app) askPEG() (measure.PEGItems, error) {
	in := bufio.NewScanner(a.stdin)
	var items measure.PEGItems
	ptrs := []**int{&items.Pain, &items.Enjoyment, &items.Activity}
	fmt.Fprintln(a.stdout, "Three questions about the past week, each from 0 to 10.")
	for i, q := range measure.PEGQuestions() {
		fmt.Fprintf(a.stdout, "%d of 3. %s\n   (0 = %s, 10 = %s) ", i+1, indent(wrap(q.Text, 72), "   "), q.Low, q.High)
		if !in.Scan() {
			fmt.Fprintln(a.stdout)
			if err := in.Err(); err != nil {
				return items, fmt.Errorf("peg: read answers: %w", err)
			}
			break // NewPEG names what is missing
		}
		if !isTerminal(a.stdin) {
			fmt.Fprintln(a.stdout, in.Text())
		}
		n, err := measure.ParseScore("the answer to question "+fmt.Sprint(i+1), in.Text())
		if err != nil {
			var e *backcare.Error
			if errors.As(err, &e) {
				return items, backcare.Errorf(backcare.EINVALID, "%s, so nothing was saved", e.Message).WithHint("%s", e.Hint)
			}
			return items, err
		}
		*ptrs[i] = &n
	}
	return items, nil
}

func (a *app) savePEG(items measure.PEGItems) error {
	j, uid, err := a.userJournal()
	if err != nil {
		return err
	}
	p, err := measure.NewPEG(uid, a.now(), items)
	if err != nil {
		return err
	}
	before, err := j.PEGs(a.ctx, uid, backcare.Filter{})
	if err != nil {
		return err
	}
	if err := j.AddPEG(a.ctx, p); err != nil {
		return err
	}
	score := measure.PEGScore(*p)
	fmt.Fprintf(a.stdout, "\nYour PEG score this week: %s (out of 10; lower is better).\n", measure.FormatScore(score))
	if len(before) > 0 {
		last := before[0] // newest first
		c := measure.Compare(measure.PEGScore(*last), score)
		fmt.Fprintf(a.stdout, "Since %s (%s): %s.\n", last.At.Format("2 January"), measure.FormatScore(c.From), c.Words())
	}
	return nil
}
