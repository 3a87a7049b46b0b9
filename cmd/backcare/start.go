package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"backcare"
	"backcare/catalog"
	"backcare/figure"
	"backcare/player"
	"backcare/programme"
	"backcare/safety"
	"backcare/tui"
)

// defaultRoutine is the article's routine, played when the programme has
// nothing else to suggest.
const defaultRoutine = "lower-back-relief"

// startOptions are the flags of backcare start.
type startOptions struct {
	hold, prepare, voice    string
	quiet, noBell, remember bool
}

func (a *app) startCmd() *cobra.Command {
	var o startOptions
	cmd := &cobra.Command{
		Use:   "start [ROUTINE]",
		Short: "Play a routine in this terminal: countdown, pose figure and spoken cues",
		Long: `Start plays a routine in this terminal. It first asks how much your back
hurts, then counts each hold down beside a picture of the pose, rings the
bell and speaks the cues (through espeak-ng, if it is installed), and at the
end asks again and saves the session in your journal.

Without ROUTINE it plays what your programme suggests today; at first that
is the article's three stretches, lower-back-relief.

Keys: space pause or resume, n or → skip, b or ← back, h "this hurts" (stops
and saves the session as stopped for pain, and says what to do), q quit
(asks whether to save).

Before your first session, and whenever they are due again, it asks a few
safety questions first.

It needs a terminal. To read a routine's plan instead, use backcare show;
to follow along in a browser, run backcare and open the address it prints.`,
		Example: `  backcare start
  backcare start lower-back-relief --hold 30s
  backcare start --voice en-gb
  backcare start --quiet --no-bell
  backcare start --hold 45s --remember     # keep 45 s holds from now on`,
		Args: optionalArg("routine"),
		RunE: func(cmd *cobra.Command, args []string) error {
			routine := ""
			if len(args) == 1 {
				routine = args[0]
			}
			return a.start(cmd, routine, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.hold, "hold", a.getenv("BACKCARE_HOLD"), "length of every timed hold, e.g. 30s, 45s, 60s, 90s [BACKCARE_HOLD]")
	f.StringVar(&o.prepare, "prepare", a.getenv("BACKCARE_PREPARE"), "time to get ready before each pose, e.g. 10s [BACKCARE_PREPARE]")
	f.StringVar(&o.voice, "voice", a.getenv("BACKCARE_VOICE"), "espeak-ng voice for the spoken cues, e.g. en-gb (espeak-ng --voices lists them) [BACKCARE_VOICE]")
	f.BoolVar(&o.quiet, "quiet", a.getenv("BACKCARE_QUIET") != "", "no spoken cues [BACKCARE_QUIET]")
	f.BoolVar(&o.noBell, "no-bell", a.getenv("BACKCARE_NO_BELL") != "", "no terminal bell [BACKCARE_NO_BELL]")
	f.BoolVar(&o.remember, "remember", false, "save --hold, --prepare, --voice, --quiet and --no-bell as your settings for next time")
	return cmd
}

// optionalArg takes at most one argument, named for the error message.
func optionalArg(name string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 1 {
			return backcare.Errorf(backcare.EINVALID, "%s takes at most one %s, got %d arguments", cmd.CommandPath(), strings.ToUpper(name), len(args)).
				WithHint("usage: %s", cmd.UseLine())
		}
		return nil
	}
}

func (a *app) start(cmd *cobra.Command, routine string, o startOptions) error {
	// The terminal first: without one there is nothing to play in, and
	// nothing else should happen (not even opening the journal).
	if !tui.IsTerminal(a.stdin, a.stdout) {
		show := routine
		if show == "" {
			show = defaultRoutine
		}
		return backcare.Errorf(backcare.EINVALID, "the player needs a terminal, and its input or output is not one").
			WithHint("to read the plan instead, run `backcare show %s`; to follow along in a browser, run `backcare` and open the address it prints", show)
	}
	cfg, err := a.prepareStart(cmd, routine, o)
	if err != nil {
		return err
	}
	res, err := tui.Run(a.ctx, cfg, tui.Terminal{In: a.stdin, Out: a.stdout, NoColor: a.getenv("NO_COLOR") != ""})
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(a.stderr, "backcare: stopped before the end; nothing was saved.")
		return nil
	case err != nil:
		return err
	}
	switch {
	case res.Summary != "":
		fmt.Fprintln(a.stdout, res.Summary)
	case res.Verdict != nil && !res.Verdict.Allowed:
		fmt.Fprintf(a.stdout, "%s\n%s\n", res.Verdict.Title, wrap(res.Verdict.Summary, 78))
		if res.Verdict.Record != "" {
			fmt.Fprintf(a.stdout, "\n%s\n", wrap(res.Verdict.Record, 78))
		}
	default:
		fmt.Fprintln(a.stdout, "Nothing was saved. `backcare start` begins again whenever you are ready.")
	}
	return nil
}

// prepareStart does everything before the player opens: settings, the
// programme's plan, the safety gate, the routine and its timeline, the
// voice. The returned Config saves through the journal.
func (a *app) prepareStart(cmd *cobra.Command, routine string, o startOptions) (tui.Config, error) {
	var cfg tui.Config
	cat, err := a.catalog()
	if err != nil {
		return cfg, err
	}
	j, uid, err := a.userJournal()
	if err != nil {
		return cfg, err
	}
	settings, err := j.Settings(a.ctx, uid)
	if err != nil {
		return cfg, fmt.Errorf("start: read settings: %w", err)
	}
	settings, err = o.apply(cmd, settings)
	if err != nil {
		return cfg, err
	}
	// The programme: whether a session may start, what to play today,
	// and what to say comes next. Like "backcare today", this records the
	// programme's move to another phase when it makes one.
	plan, loc, err := a.plan()
	if err != nil {
		return cfg, err
	}
	switch plan.Safety.Gate {
	case safety.SeekCare, safety.NeedClearance:
		return cfg, backcare.Errorf(backcare.EUNSAFE, "no session today: %s", lowerFirst(plan.Safety.Why)).
			WithHint("when a clinician has told you exercise is fine, record it with `backcare check --cleared`; until then, keep gently active, for example with short walks")
	}
	prog, err := a.programme(cat)
	if err != nil {
		return cfg, err
	}
	h, err := a.history(j, uid)
	if err != nil {
		return cfg, fmt.Errorf("start: read the journal: %w", err)
	}
	// A patient's programme from their clinician (clinic.go) is today's
	// plan, played with the clinician's doses, as in the web player.
	assigned, err := a.assignment(j, uid)
	if err != nil {
		return cfg, err
	}
	if assigned != nil { // with the clinic's own routines (clinicown.go)
		if cat, err = a.clinicCatalog(j, cat, assigned.ClinicID); err != nil {
			return cfg, err
		}
	}
	if routine == "" {
		routine = todaysRoutine(plan)
		if assigned != nil {
			routine = assigned.Routines[0]
		}
	}
	r, err := cat.Routine(routine)
	if err != nil {
		return cfg, err
	}
	hold := settings.Hold
	if r, hold, err = applyAssignment(assigned, r, hold, cat.Pose); err != nil {
		return cfg, err
	}
	tl, err := player.Compile(r, player.Options{Hold: hold, Prepare: settings.Prepare})
	if err != nil {
		return cfg, err
	}

	// A check-in pain of 8 or more: offer the relief stretches with
	// shorter holds, or rest.
	relief, err := cat.Routine(defaultRoutine)
	if err != nil {
		return cfg, err
	}
	gentleHold := programme.GentleHold
	if settings.Hold > 0 && settings.Hold < gentleHold {
		gentleHold = settings.Hold
	}
	gentler, err := player.Compile(relief, player.Options{Hold: gentleHold, Prepare: settings.Prepare})
	if err != nil {
		return cfg, err
	}
	high := safety.HighPain()

	after := safety.AfterStop()
	cfg = tui.Config{
		HighPain:     tui.Advice{Title: high.Title, Summary: high.Summary, Steps: high.Steps},
		HighPainFrom: safety.HighPainFrom,
		Gentler:      gentler,
		Timeline:     tl,
		UserID:       uid,
		Drawings:     poseDrawings(cat),
		Bell:         settings.Beeps,
		AfterPain:    tui.Advice{Title: after.Title, Summary: after.Summary, Steps: after.Steps},
	}
	cfg.Save = j.SaveSession
	if o.remember {
		// The settings are kept with the session, and only then: someone
		// who quits and is told "Nothing was saved" has saved nothing.
		cfg.Save = func(ctx context.Context, s *backcare.Session) error {
			if err := j.SaveSession(ctx, s); err != nil {
				return err
			}
			if err := j.SaveSettings(ctx, uid, settings); err != nil {
				return fmt.Errorf("start: save settings: %w", err)
			}
			return nil
		}
	}
	cfg.Next = func(s *backcare.Session) string {
		next := h
		next.Sessions = append(slices.Clone(h.Sessions), s)
		return nextStep(prog.Today(next, a.now(), loc), s)
	}
	if plan.Safety.Gate == safety.ScreenFirst {
		cfg.Safety = a.screening(j, uid, &h, plan.Safety)
	}
	voice, note, err := a.voice(cmd, settings)
	if err != nil {
		return cfg, err
	}
	cfg.Voice, cfg.VoiceNote = voice, note

	return cfg, nil
}

// apply lays the flags over the saved settings: a flag given on the
// command line (or through its environment variable) wins.
func (o startOptions) apply(cmd *cobra.Command, s backcare.Settings) (backcare.Settings, error) {
	opts, err := playerOptions(o.hold, o.prepare)
	if err != nil {
		return s, err
	}
	if o.hold != "" {
		s.Hold = opts.Hold
	}
	if o.prepare != "" {
		s.Prepare = opts.Prepare
	}
	if o.voice != "" {
		s.VoiceName, s.Voice = o.voice, true
	}
	if o.quiet {
		s.Voice = false
	}
	if o.noBell {
		s.Beeps = false
	}
	return s, nil
}

// voice returns the speaker for the cues, or nil and a note saying why
// the cues are silent.
func (a *app) voice(cmd *cobra.Command, s backcare.Settings) (tui.Speaker, string, error) {
	if !s.Voice {
		return nil, "Voice off.", nil
	}
	asked := cmd.Flags().Changed("voice") || a.getenv("BACKCARE_VOICE") != ""
	if !asked && (a.getenv("SSH_CONNECTION") != "" || a.getenv("SSH_TTY") != "") {
		// Over ssh, espeak-ng would speak on the other computer.
		return nil, "Voice off over ssh (--voice NAME turns it on).", nil
	}
	sp, err := tui.NewEspeak(s.VoiceName)
	if err != nil && !errors.Is(err, tui.ErrNoEspeak) && !asked {
		// A saved voice that has gone: play on with the default voice.
		sp, err = tui.NewEspeak("")
	}
	switch {
	case errors.Is(err, tui.ErrNoEspeak):
		return nil, "Voice off: espeak-ng is not installed.", nil
	case err != nil:
		return nil, "", err
	}
	return sp, "", nil
}

// poseDrawings draws a pose's frames for the terminal player: one, or
// the start and the end of a movement, which the player shows in turn.
func poseDrawings(cat *catalog.Catalog) func(string, backcare.Side) []*figure.Drawing {
	return func(id string, side backcare.Side) []*figure.Drawing {
		p, err := cat.Pose(id)
		if err != nil || p.Figure.IsZero() {
			return nil // no picture rather than one its steps do not describe
		}
		frames, err := figure.DrawFrames(p.Figure, side)
		if err != nil {
			return nil
		}
		return frames
	}
}

// todaysRoutine is the first routine of today's plan not yet done, or the
// plan's first, or the article's routine.
func todaysRoutine(plan programme.Plan) string {
	for _, it := range plan.Items {
		if !it.Done {
			return it.RoutineID
		}
	}
	if len(plan.Items) > 0 {
		return plan.Items[0].RoutineID
	}
	return defaultRoutine
}

// nextStep says what comes after a session, from the plan made with it.
func nextStep(plan programme.Plan, s *backcare.Session) string {
	for _, it := range plan.Items {
		if !it.Done && it.RoutineID != s.RoutineID {
			return fmt.Sprintf("Still on today's plan: %s, about %s (`backcare start %s`).", it.Name, backcare.HumanDuration(it.Duration), it.RoutineID)
		}
	}
	if s.Status == backcare.Abandoned {
		return afterQuitting(s)
	}
	why := strings.Join(plan.Why, " ")
	if plan.Safety.Gate == safety.ScreenFirst {
		why = plan.Safety.Why + " " + why
	}
	return why
}

// afterQuitting suggests what may make the next session easier to finish,
// from the holds this one had: shorter holds only when they were longer
// than programme.QuitHold.
func afterQuitting(s *backcare.Session) string {
	var longest time.Duration
	for _, r := range s.Segments {
		if r.Kind == string(player.Hold) {
			longest = max(longest, r.Planned)
		}
	}
	if longest > programme.QuitHold {
		return fmt.Sprintf("Shorter holds can make it easier to finish: try `backcare start %s --hold %ds` next time.", s.RoutineID, int(programme.QuitHold/time.Second))
	}
	return "Stopping early is fine; any practice counts. Next time, skip a pose that doesn't suit you today with n, or come back when you have a few quiet minutes."
}

// screening runs the red-flag questions in the player and saves the
// answers; the verdict decides whether the session goes ahead.
func (a *app) screening(j backcare.Journal, uid string, h *programme.History, st safety.Status) *tui.Safety {
	var qs []tui.Question
	for _, q := range safety.Questions() {
		qs = append(qs, tui.Question{ID: q.ID, Text: q.Text, Why: q.Why})
	}
	return &tui.Safety{
		Why:       st.Why,
		Questions: qs,
		Submit: func(ctx context.Context, answers map[string]bool) (tui.Verdict, error) {
			now := a.now()
			s, r, err := safety.NewScreening(uid, st.Reason, answers, now)
			if err != nil {
				return tui.Verdict{}, err
			}
			if err := j.SaveScreening(ctx, s); err != nil {
				return tui.Verdict{}, err
			}
			h.Screenings = append(h.Screenings, s)
			after := safety.Check(h.Screenings, h.Sessions, now)
			adv := r.Advice
			if after.SessionAllowed() && r.Verdict != backcare.GoAhead {
				// A clinician already cleared what these answers raise.
				adv = safety.AdviceFor(backcare.GoAhead)
				adv.Summary = after.Why
			}
			v := tui.Verdict{Allowed: after.SessionAllowed(), Advice: tui.Advice{Title: adv.Title, Summary: adv.Summary, Steps: adv.Steps}}
			if !v.Allowed {
				for _, q := range r.Flags {
					v.Flags = append(v.Flags, q.Text)
				}
				v.Record = adv.Record + " " + clearHow
			}
			return v, nil
		},
	}
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
