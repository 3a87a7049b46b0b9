package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"backcare"
	"backcare/safety"
)

func (a *app) checkCmd() *cobra.Command {
	var cleared bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Answer the safety questions about your back, and see whether to go ahead",
		Long: `check asks a few yes-or-no questions about your back: signs that mean it is
worth seeing a doctor before you exercise, or getting help today. Most people
answer no to all of them; many of the signs are common and usually harmless,
and the questions only point you to the right care.

backcare asks them before your first session, after a flare (pain up 2 or
more after a session, or a session stopped for pain) and every four weeks;
you may answer them again at any time. The answers and the verdict go in
your journal.

Answer each question with y or n and Enter. Answers can also come from a
pipe, one per line. If an answer is missing or not a yes or no, nothing is
saved.

After a "see a doctor" or "get help today" verdict, your sessions stay paused
until a clinician has checked you: then run ` + "`backcare check --cleared`" + `.`,
		Example: `  backcare check
  printf 'n\n%.0s' $(seq 14) | backcare check
  backcare check --cleared`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if cleared {
				return a.recordClearance()
			}
			return a.runCheck()
		},
	}
	cmd.Flags().BoolVar(&cleared, "cleared", false, "record that a clinician has checked you and said exercise is fine")
	return cmd
}

// safetyState reads what the safety rules need from the journal.
func (a *app) safetyState(j backcare.Journal, uid string, now time.Time) (safety.Status, error) {
	scr, err := j.Screenings(a.ctx, uid, backcare.Filter{})
	if err != nil {
		return safety.Status{}, err
	}
	ses, err := j.Sessions(a.ctx, uid, backcare.Filter{})
	if err != nil {
		return safety.Status{}, err
	}
	return safety.Check(scr, ses, now), nil
}

func (a *app) runCheck() error {
	j, uid, err := a.userJournal()
	if err != nil {
		return err
	}
	loc, err := a.location()
	if err != nil {
		return err
	}
	before, err := a.safetyState(j, uid, a.now().In(loc))
	if err != nil {
		return err
	}
	reason := before.Reason
	if reason == "" {
		reason = safety.ReasonManual
	}

	out := a.stdout
	fmt.Fprintln(out, "A few questions about your back, to check that exercise is right for you now.")
	fmt.Fprintln(out, "Answer each with y (yes) or n (no). Most people answer no to all of them, and")
	fmt.Fprintln(out, "many of these signs are common and usually harmless: they only point you to the")
	fmt.Fprintln(out, "right care.")
	fmt.Fprintln(out)

	answers, err := a.ask(safety.Questions())
	if err != nil {
		// The answers stopped early or went wrong: nothing is saved, but
		// a yes to a "get help today" question is never left unanswered.
		a.printUrgentSoFar(answers)
		return err
	}
	now := a.now().In(loc)
	s, res, err := safety.NewScreening(uid, reason, answers, now)
	if err != nil {
		return err
	}
	if err := j.SaveScreening(a.ctx, s); err != nil {
		return err
	}
	after, err := a.safetyState(j, uid, now)
	if err != nil {
		return err
	}
	return a.printVerdict(res, after)
}

// ask reads one answer a line. At a terminal a bad answer is asked again;
// from a pipe it ends the check with nothing saved, since there is no one
// to ask. On an error it returns the answers given so far with it.
func (a *app) ask(qs []safety.Question) (map[string]bool, error) {
	in := bufio.NewScanner(a.stdin)
	interactive := isTerminal(a.stdin)
	answers := make(map[string]bool, len(qs))
	for i, q := range qs {
		for tries := 0; ; tries++ {
			fmt.Fprintf(a.stdout, "%d of %d. %s [y/n] ", i+1, len(qs), indent(wrap(q.Text, 70), "   "))
			if !in.Scan() {
				fmt.Fprintln(a.stdout)
				if err := in.Err(); err != nil {
					return answers, fmt.Errorf("check: read answers: %w", err)
				}
				return answers, backcare.Errorf(backcare.EINVALID, "the answers stopped at question %d of %d, so nothing was saved", i+1, len(qs)).
					WithHint("answer every question with y or n; run `backcare check` again")
			}
			if !interactive {
				fmt.Fprintln(a.stdout, strings.TrimSpace(in.Text()))
			}
			yes, err := safety.ParseAnswer(in.Text())
			if err == nil {
				answers[q.ID] = yes
				break
			}
			if !interactive || tries >= 2 {
				var e *backcare.Error
				if errors.As(err, &e) {
					return answers, backcare.Errorf(backcare.EINVALID, "question %d: %s, so nothing was saved", i+1, e.Message).
						WithHint("answer each question with y or n; run `backcare check` again")
				}
				return answers, err
			}
			fmt.Fprintln(a.stdout, "  Please answer y for yes or n for no.")
		}
	}
	fmt.Fprintln(a.stdout)
	return answers, nil
}

// isTerminal reports whether r (stdin or stdout) is a terminal rather than
// a pipe or a file. A reader may say for itself (IsTerminal), as tests that
// stand in for a person at a keyboard do.
func isTerminal(r any) bool {
	if t, ok := r.(interface{ IsTerminal() bool }); ok {
		return t.IsTerminal()
	}
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (a *app) printVerdict(res safety.Result, st safety.Status) error {
	out := a.stdout
	fmt.Fprintln(out, strings.ToUpper(res.Advice.Title[:1])+res.Advice.Title[1:])
	fmt.Fprintln(out, strings.Repeat("=", len(res.Advice.Title)))
	fmt.Fprintln(out, wrap(res.Advice.Summary, 78))
	if len(res.Flags) > 0 {
		fmt.Fprintln(out)
		fmt.Fprintln(out, "You answered yes to:")
		for _, q := range res.Flags {
			fmt.Fprintf(out, "  - %s\n", indent(wrap(q.Text, 74), "    "))
		}
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "What to do:")
	for i, s := range res.Advice.Steps {
		fmt.Fprintf(out, "  %d. %s\n", i+1, indent(wrap(s, 73), "     "))
	}
	if len(st.Covered) > 0 {
		fmt.Fprintln(out)
		fmt.Fprintln(out, wrap("A clinician has already cleared you for these answers, so your sessions stay open. Go ahead gently.", 78))
	}
	if st.Gate == safety.SeekCare || st.Gate == safety.NeedClearance {
		fmt.Fprintln(out)
		fmt.Fprintln(out, wrap("Your answers are saved in your journal. "+res.Advice.Record+" "+clearHow, 78))
	}
	return nil
}

// clearHow says how to record a clinician's clearance from the command
// line.
const clearHow = "To record it, run `backcare check --cleared`."

// printUrgentSoFar shows the "get help today" advice when any answer given
// before the check ended early was a yes to an urgent question: the
// answers are not saved, but the advice must not go silent.
func (a *app) printUrgentSoFar(answers map[string]bool) {
	var flags []safety.Question
	for _, q := range safety.Questions() {
		if q.Level == backcare.Urgent && answers[q.ID] {
			flags = append(flags, q)
		}
	}
	if len(flags) == 0 {
		return
	}
	adv := safety.AdviceFor(backcare.Urgent)
	out := a.stdout
	fmt.Fprintln(out)
	fmt.Fprintln(out, adv.Title)
	fmt.Fprintln(out, strings.Repeat("=", len(adv.Title)))
	fmt.Fprintln(out, wrap(adv.Summary, 78))
	fmt.Fprintln(out)
	fmt.Fprintln(out, "You answered yes to:")
	for _, q := range flags {
		fmt.Fprintf(out, "  - %s\n", indent(wrap(q.Text, 74), "    "))
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "What to do:")
	for i, s := range adv.Steps {
		fmt.Fprintf(out, "  %d. %s\n", i+1, indent(wrap(s, 73), "     "))
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, wrap("The questions stopped before the end, so your answers were not saved. That does not change the advice above: please get checked today.", 78))
}

func indent(s, pad string) string { return strings.ReplaceAll(s, "\n", "\n"+pad) }

// recordClearance records a clinician's clearance on the screening that
// waits for one, after the person confirms the statement.
func (a *app) recordClearance() error {
	j, uid, err := a.userJournal()
	if err != nil {
		return err
	}
	loc, err := a.location()
	if err != nil {
		return err
	}
	now := a.now().In(loc)
	st, err := a.safetyState(j, uid, now)
	if err != nil {
		return err
	}
	if st.Blocking == nil {
		return backcare.Errorf(backcare.EINVALID, "there is no safety verdict waiting for a clinician's clearance").
			WithHint("`backcare today` shows where you stand; `backcare check` asks the questions again")
	}
	ms, err := j.Memberships(a.ctx, uid)
	if err != nil {
		return err
	}
	if !backcare.MayClearThemselves(ms) {
		name := "your clinic"
		if c, err := j.Clinic(a.ctx, backcare.PatientOf(ms).ClinicID); err == nil {
			name = c.Name
		}
		return backcare.Errorf(backcare.ECONFLICT, "as a patient of %s, your clinician records that you may exercise again", name).
			WithHint("tell your clinician what the doctor said; once they record it on the clinic's pages, your sessions open again")
	}
	fmt.Fprintf(a.stdout, "On %s your answers meant a clinician should check you before you exercise.\n\n", st.Blocking.At.In(loc).Format("Monday 2 January"))
	fmt.Fprintln(a.stdout, wrap("Please confirm: \""+safety.ClearanceStatement+"\"", 78))
	fmt.Fprint(a.stdout, "Is this right? [y/n] ")
	in := bufio.NewScanner(a.stdin)
	if !in.Scan() {
		fmt.Fprintln(a.stdout)
		return backcare.Errorf(backcare.EINVALID, "no answer, so no clearance was recorded").WithHint("answer y to record it")
	}
	yes, err := safety.ParseAnswer(in.Text())
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout)
	if !yes {
		_, err := fmt.Fprintln(a.stdout, "Nothing was recorded. Your sessions stay paused until a clinician has checked you.")
		return err
	}
	if err := safety.Clear(st.Blocking, now); err != nil {
		return err
	}
	if err := j.SaveScreening(a.ctx, st.Blocking); err != nil {
		return err
	}
	after, err := a.safetyState(j, uid, now)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "Recorded. Thank you for getting checked.")
	switch after.Gate {
	case safety.Open:
		_, err = fmt.Fprintln(a.stdout, "Your sessions are open again: see `backcare today` for what to do, and go gently.")
	case safety.ScreenFirst:
		_, err = fmt.Fprintln(a.stdout, wrap(after.Why+" Run `backcare check`.", 78))
	default:
		_, err = fmt.Fprintln(a.stdout, wrap(after.Why, 78))
	}
	return err
}
