package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"backcare"
	"backcare/catalog"
	"backcare/programme"
	"backcare/safety"
	"backcare/tui"
)

// The player itself is tested in package tui (in fake time) and in a real
// terminal by bench/tui-tmux.sh; here, what happens before it starts.

func TestStartNeedsATerminal(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"HOME": home, "XDG_DATA_HOME": filepath.Join(home, "data")}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"default routine", []string{"start"}, []string{"needs a terminal", "backcare show lower-back-relief", "run `backcare` and open the address"}},
		{"named routine", []string{"start", "my-routine"}, []string{"backcare show my-routine"}},
		{"flags", []string{"start", "--hold", "30s", "--quiet"}, []string{"needs a terminal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runT(t, env, tt.args...)
			if r.code != 2 {
				t.Errorf("exit code = %d, want 2", r.code)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
		})
	}
	// Nothing was opened or written: no journal was made.
	if _, err := os.Stat(filepath.Join(home, "data", "backcare")); !os.IsNotExist(err) {
		t.Errorf("backcare start without a terminal made its data folder (%v)", err)
	}
}

func TestStartArguments(t *testing.T) {
	r := runT(t, nil, "start", "one", "two")
	if r.code != 2 || !strings.Contains(r.stderr, "at most one ROUTINE") {
		t.Errorf("start one two: code %d, stderr %q; want 2 and a usage hint", r.code, r.stderr)
	}
	r = runT(t, nil, "start", "--help")
	for _, w := range []string{"this hurts", "--voice", "--quiet", "--no-bell", "--remember", "espeak-ng"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("start --help lacks %q", w)
		}
	}
}

// startApp is an app as run makes it, with its own journal and no user
// catalog, and the start command with args parsed.
func startApp(t *testing.T, db string, args ...string) (*app, *cobra.Command) {
	t.Helper()
	env := map[string]string{"BACKCARE_DATABASE": db, "BACKCARE_CATALOG": filepath.Join(t.TempDir(), "none"), "TZ": "UTC"}
	a := &app{ctx: context.Background(), getenv: func(k string) string { return env[k] }, stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	cmd, _, err := a.rootCmd().Find([]string{"start"})
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.ParseFlags(args); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if a.jnl != nil {
			_ = a.jnl.Close()
		}
	})
	return a, cmd
}

func noAnswers() map[string]bool {
	out := map[string]bool{}
	for _, q := range safety.Questions() {
		out[q.ID] = false
	}
	return out
}

// TestPrepareStartFirstTime: before the first session the safety
// questions come first, the programme picks the article's routine, and the
// first session saved starts the programme.
func TestPrepareStartFirstTime(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	a, cmd := startApp(t, db, "--quiet")
	cfg, err := a.prepareStart(cmd, "", startOptions{quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Timeline.Routine.ID; got != "lower-back-relief" {
		t.Errorf("routine = %q, want lower-back-relief", got)
	}
	if cfg.Safety == nil || len(cfg.Safety.Questions) != len(safety.Questions()) {
		t.Fatalf("Safety = %+v, want every red-flag question", cfg.Safety)
	}
	if cfg.Voice != nil || cfg.VoiceNote == "" {
		t.Errorf("Voice = %v, VoiceNote = %q; want silence, explained", cfg.Voice, cfg.VoiceNote)
	}
	if cfg.AfterPain.Title != safety.AfterStop().Title {
		t.Errorf("AfterPain = %q, want the safety package's words", cfg.AfterPain.Title)
	}
	v, err := cfg.Safety.Submit(a.ctx, noAnswers())
	if err != nil {
		t.Fatal(err)
	}
	if !v.Allowed || v.Title != safety.AdviceFor(backcare.GoAhead).Title {
		t.Errorf("verdict = %+v, want go ahead", v)
	}
	now := time.Now().UTC()
	four := 4
	s := &backcare.Session{ID: backcare.NewID(), UserID: backcare.LocalUser, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
		StartedAt: now.Add(-5 * time.Minute), EndedAt: now, Status: backcare.Completed, PainBefore: &four, PainAfter: &four}
	if err := cfg.Save(a.ctx, s); err != nil {
		t.Fatal(err)
	}
	j := a.jnl
	if got, _ := j.Screenings(a.ctx, backcare.LocalUser, backcare.Filter{}); len(got) != 1 || got[0].Reason != safety.ReasonFirst {
		t.Errorf("screenings = %+v, want one, reason first", got)
	}
	if got, _ := j.Sessions(a.ctx, backcare.LocalUser, backcare.Filter{}); len(got) != 1 || got[0].ID != s.ID {
		t.Errorf("sessions = %+v, want the one saved", got)
	}
	if got, _ := j.PhaseChanges(a.ctx, backcare.LocalUser, backcare.Filter{}); len(got) != 1 || got[0].To != 1 {
		t.Errorf("phase changes = %+v, want the start of phase 1", got)
	}
	if next := cfg.Next(s); next == "" {
		t.Errorf("Next says nothing after a completed session")
	}

	// The next start: the questions are up to date, so none are asked.
	a2, cmd2 := startApp(t, db)
	_ = a.jnl.Close()
	a.jnl = nil
	cfg2, err := a2.prepareStart(cmd2, "", startOptions{quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	if cfg2.Safety != nil {
		t.Errorf("the safety questions are asked again the same day")
	}
}

// TestPlayerVerdictSaysHowToClear checks the player's verdict after a
// "yes": it lists the yes answers and says how to record a clinician's
// clearance, not only "tell backcare".
func TestPlayerVerdictSaysHowToClear(t *testing.T) {
	tests := []struct {
		name string
		yes  string
		flag string
	}{
		{"urgent", "saddle", "numbness or tingling between your legs"},
		{"doctor", "cancer", "Have you ever had cancer?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "journal.db")
			a, cmd := startApp(t, db, "--quiet")
			cfg, err := a.prepareStart(cmd, "", startOptions{quiet: true})
			if err != nil {
				t.Fatal(err)
			}
			answers := noAnswers()
			answers[tt.yes] = true
			v, err := cfg.Safety.Submit(a.ctx, answers)
			if err != nil {
				t.Fatal(err)
			}
			if v.Allowed {
				t.Fatalf("verdict = %+v, want sessions closed", v)
			}
			if len(v.Flags) != 1 || !strings.Contains(v.Flags[0], tt.flag) {
				t.Errorf("Flags = %q, want the one question answered yes (%q)", v.Flags, tt.flag)
			}
			if !strings.Contains(v.Record, "`backcare check --cleared`") {
				t.Errorf("Record = %q, want how to record a clearance", v.Record)
			}
			for _, s := range v.Steps {
				if strings.Contains(s, "tell backcare") {
					t.Errorf("step %q says \"tell backcare\" without saying how", s)
				}
			}
		})
	}
}

// TestNextAfterThisHurts checks what the player says after a session
// stopped for pain: the safety questions are named once, and nothing
// contradicts the request to answer them again.
func TestNextAfterThisHurts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	a, cmd := startApp(t, db, "--quiet")
	j, err := a.journal()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	scr, _, err := safety.NewScreening(backcare.LocalUser, safety.ReasonFirst, noAnswers(), now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := j.SaveScreening(a.ctx, scr); err != nil {
		t.Fatal(err)
	}
	cfg, err := a.prepareStart(cmd, "", startOptions{quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	four, six := 4, 6
	s := &backcare.Session{ID: backcare.NewID(), UserID: backcare.LocalUser, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
		StartedAt: now.Add(-2 * time.Minute), EndedAt: now, Status: backcare.StoppedForPain, PainBefore: &four, PainAfter: &six}
	if err := cfg.Save(a.ctx, s); err != nil {
		t.Fatal(err)
	}
	next := cfg.Next(s)
	if n := strings.Count(next, "safety questions"); n != 1 {
		t.Errorf("Next names the safety questions %d times, want once: %q", n, next)
	}
	if strings.Contains(next, "safety answers brought up to date") {
		t.Errorf("Next contradicts itself: %q", next)
	}
}

// TestAfterQuittingFitsTheHolds checks the suggestion after leaving a
// session early: shorter holds only when the holds were longer than that.
func TestAfterQuittingFitsTheHolds(t *testing.T) {
	tests := []struct {
		name      string
		hold      time.Duration
		want, not string
	}{
		{"one-minute holds", time.Minute, "`backcare start lower-back-relief --hold 30s`", ""},
		{"5-second holds", 5 * time.Second, "skip a pose", "--hold"},
		{"30-second holds", 30 * time.Second, "skip a pose", "--hold"},
		{"no timed holds", 0, "skip a pose", "--hold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &backcare.Session{RoutineID: "lower-back-relief", Status: backcare.Abandoned}
			s.Segments = append(s.Segments, backcare.SegmentResult{Kind: "prepare", Planned: 45 * time.Second})
			if tt.hold > 0 {
				s.Segments = append(s.Segments, backcare.SegmentResult{Kind: "hold", Planned: tt.hold, Held: 2 * time.Second})
			}
			got := nextStep(programme.Plan{}, s)
			if !strings.Contains(got, tt.want) || (tt.not != "" && strings.Contains(got, tt.not)) {
				t.Errorf("nextStep = %q, want it to say %q and not %q", got, tt.want, tt.not)
			}
		})
	}
}

func TestPrepareStartClosedGate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	a, cmd := startApp(t, db)
	cfg, err := a.prepareStart(cmd, "", startOptions{quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	answers := noAnswers()
	answers["bladder"] = true
	v, err := cfg.Safety.Submit(a.ctx, answers)
	if err != nil {
		t.Fatal(err)
	}
	if v.Allowed {
		t.Errorf("an urgent answer allowed the session: %+v", v)
	}
	_, err = a.prepareStart(cmd, "lower-back-relief", startOptions{quiet: true})
	if code := backcare.ErrorCode(err); code != backcare.EUNSAFE || !strings.Contains(err.Error(), "no session today") {
		t.Errorf("start after an urgent verdict: %v (code %q), want unsafe, no session today", err, code)
	}
	if r := report(err, io.Discard); r != 2 {
		t.Errorf("exit code = %d, want 2", r)
	}
}

func TestPrepareStartSettings(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	o := startOptions{hold: "30s", prepare: "5s", quiet: true, noBell: true, remember: true}
	a, cmd := startApp(t, db)
	cfg, err := a.prepareStart(cmd, "lower-back-relief", o)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Bell || cfg.Voice != nil {
		t.Errorf("Bell = %v, Voice = %v; want neither", cfg.Bell, cfg.Voice)
	}
	if got := cfg.Timeline.Total; got != 3*5*time.Second+5*time.Second+4*30*time.Second {
		t.Errorf("Total = %v, want 3 prepares of 5 s, a 5 s switch and four 30 s holds", got)
	}
	// Nothing is remembered until a session is saved: quitting saves
	// nothing, settings included.
	if saved, err := a.jnl.Settings(a.ctx, backcare.LocalUser); err != nil || saved != backcare.DefaultSettings() {
		t.Errorf("settings before the session is saved = %+v, %v; want the defaults", saved, err)
	}
	now := time.Now().UTC()
	if err := cfg.Save(a.ctx, &backcare.Session{UserID: backcare.LocalUser, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
		StartedAt: now.Add(-time.Minute), EndedAt: now, Status: backcare.Abandoned}); err != nil {
		t.Fatal(err)
	}
	saved, err := a.jnl.Settings(a.ctx, backcare.LocalUser)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Hold != 30*time.Second || saved.Prepare != 5*time.Second || saved.Voice || saved.Beeps {
		t.Errorf("saved settings = %+v, want 30 s holds, 5 s prepare, no voice, no bell", saved)
	}
	_ = a.jnl.Close()
	a.jnl = nil

	// Next time, without flags, the saved settings hold.
	a2, cmd2 := startApp(t, db)
	cfg2, err := a2.prepareStart(cmd2, "lower-back-relief", startOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg2.Timeline.Total != cfg.Timeline.Total || cfg2.Bell {
		t.Errorf("without flags: Total = %v, Bell = %v; want the saved settings", cfg2.Timeline.Total, cfg2.Bell)
	}
	if _, err := a2.prepareStart(cmd2, "no-such-routine", startOptions{}); backcare.ErrorCode(err) != backcare.ENOTFOUND {
		t.Errorf("unknown routine: %v, want not found", err)
	}
	if _, err := a2.prepareStart(cmd2, "", startOptions{hold: "2h"}); backcare.ErrorCode(err) != backcare.EINVALID {
		t.Errorf("--hold 2h: %v, want invalid", err)
	}
}

func TestPrepareStartVoice(t *testing.T) {
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		t.Skip("espeak-ng is not installed")
	}
	db := filepath.Join(t.TempDir(), "journal.db")
	a, cmd := startApp(t, db, "--voice", "nosuchvoice")
	if _, err := a.prepareStart(cmd, "lower-back-relief", startOptions{voice: "nosuchvoice"}); backcare.ErrorCode(err) != backcare.EINVALID || !strings.Contains(err.Error(), "espeak-ng --voices") {
		t.Errorf("--voice nosuchvoice: %v, want invalid, pointing to espeak-ng --voices", err)
	}
	a2, cmd2 := startApp(t, db, "--voice", "en-gb")
	cfg, err := a2.prepareStart(cmd2, "lower-back-relief", startOptions{voice: "en-gb"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Voice == nil || cfg.VoiceNote != "" {
		t.Errorf("--voice en-gb: Voice = %v, VoiceNote = %q; want a voice", cfg.Voice, cfg.VoiceNote)
	} else {
		_ = cfg.Voice.Close()
	}
	// Over ssh the voice stays off unless asked for by name.
	env := map[string]string{"BACKCARE_DATABASE": db, "SSH_CONNECTION": "10.0.0.1 5000 10.0.0.2 22"}
	a3 := &app{ctx: context.Background(), getenv: func(k string) string { return env[k] }, stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	cmd3, _, _ := a3.rootCmd().Find([]string{"start"})
	sp, note, err := a3.voice(cmd3, backcare.DefaultSettings())
	if err != nil || sp != nil || !strings.Contains(note, "ssh") {
		t.Errorf("voice over ssh = %v, %q, %v; want none, explained", sp, note, err)
	}
}

// TestStartPlaysIntoTheJournal plays the article routine through the real
// player, in fake time, with the real SQLite journal behind it: the
// safety questions, the check-in, every segment, the check-out, and then
// the session, screening and programme start read back from the journal.
func TestStartPlaysIntoTheJournal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	a, cmd := startApp(t, db, "--quiet")
	cfg, err := a.prepareStart(cmd, "", startOptions{quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Safety == nil {
		t.Fatal("no safety questions before the first session")
	}
	synctest.Test(t, func(t *testing.T) {
		keys, typing := io.Pipe()
		done := make(chan error, 1)
		var res tui.Result
		go func() {
			var err error
			res, err = tui.Run(context.Background(), cfg, tui.Terminal{In: keys, Out: io.Discard, Width: 80, Height: 24,
				Env: []string{"TERM=xterm-256color"}, Options: []tea.ProgramOption{tea.WithoutSignalHandler()}})
			done <- err
		}()
		press := func(s string) {
			t.Helper()
			for _, c := range s {
				if _, err := io.WriteString(typing, string(c)); err != nil {
					t.Fatal(err)
				}
				synctest.Wait()
			}
		}
		press(strings.Repeat("n", len(cfg.Safety.Questions)) + "\r") // all no, then go ahead
		press("4\r")                                                 // pain before
		time.Sleep(cfg.Timeline.Total)
		synctest.Wait()
		press("2\r5\r")       // pain after, stretch felt
		press("Easy today\r") // a note
		press("\r")           // close the summary
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		_ = typing.Close()
		if res.Session == nil {
			t.Fatal("nothing was saved")
		}
	})

	j := a.jnl
	sessions, err := j.Sessions(a.ctx, backcare.LocalUser, backcare.Filter{})
	if err != nil || len(sessions) != 1 {
		t.Fatalf("sessions = %v, %v; want one", sessions, err)
	}
	s := sessions[0]
	if s.Status != backcare.Completed || s.RoutineID != "lower-back-relief" || *s.PainBefore != 4 || *s.PainAfter != 2 || *s.Intensity != 5 || s.Note != "Easy today" {
		t.Errorf("session = %+v, want completed lower-back-relief, pain 4 -> 2, stretch 5, the note", s)
	}
	if got := s.EndedAt.Sub(s.StartedAt); got != cfg.Timeline.Total {
		t.Errorf("the session lasted %v, want %v", got, cfg.Timeline.Total)
	}
	if len(s.Segments) != len(cfg.Timeline.Segments) {
		t.Fatalf("%d segments saved, want %d", len(s.Segments), len(cfg.Timeline.Segments))
	}
	for i, r := range s.Segments {
		if r.Held != cfg.Timeline.Segments[i].Duration || r.Skipped {
			t.Errorf("segment %d: Held = %v, Skipped = %v; want %v, false", i, r.Held, r.Skipped, cfg.Timeline.Segments[i].Duration)
		}
	}
	if got := s.Held(); got != 4*time.Minute {
		t.Errorf("Held() = %v, want 4m", got)
	}
	if scr, _ := j.Screenings(a.ctx, backcare.LocalUser, backcare.Filter{}); len(scr) != 1 || scr[0].Verdict != backcare.GoAhead {
		t.Errorf("screenings = %+v, want one go-ahead", scr)
	}
}

// TestPoseDrawingsWithoutPicture checks that the terminal draws nothing
// for a pose without a picture (a clinic's own pose may have none), not a
// figure its steps do not describe.
func TestPoseDrawingsWithoutPicture(t *testing.T) {
	cat := catalog.Builtin().Clone()
	if err := cat.AddFiles(map[string][]byte{"own.yaml": []byte(`poses:
  - id: towel-squeeze
    name: Towel squeeze
    kind: strength
    summary: Squeeze a rolled towel between the knees.
    why: It wakes up the inner thighs gently.
    targets: [inner thighs]
    stop_signs: ["Sharp or shooting pain"]
    feel: A gentle squeeze along the inner thighs.
    dose: {hold: 10s, intensity: 3}
    steps:
      - Sit tall with a rolled towel between your knees.
      - Squeeze it gently and breathe.
`)}); err != nil {
		t.Fatal(err)
	}
	draw := poseDrawings(cat)
	if got := draw("towel-squeeze", backcare.Right); got != nil {
		t.Errorf("drawings of a pose without a picture = %d frames, want none", len(got))
	}
	if got := draw("zombie-crawl", backcare.Right); len(got) == 0 {
		t.Error("drawings of the zombie crawl = none, want its picture")
	}
}
