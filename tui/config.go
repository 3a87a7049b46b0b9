package tui

import (
	"context"
	"time"

	"backcare"
	"backcare/figure"
	"backcare/player"
)

// Config is everything one run of the player needs from outside. Timeline
// and Save are required; everything else may be left zero.
type Config struct {
	// Timeline is the compiled routine to play.
	Timeline *player.Timeline
	// UserID is whose journal the session goes into; empty means
	// backcare.LocalUser.
	UserID string

	// Save writes the finished session to the journal. It is called once
	// the person has answered the check-out questions, and again if they
	// ask to retry after an error. Nothing is reported as saved until it
	// returns nil.
	Save func(ctx context.Context, s *backcare.Session) error

	// Safety, when not nil, runs the red-flag questions before the
	// session: they have never been answered, or they are due again.
	Safety *Safety

	// AfterPain is what the person reads after pressing "this hurts".
	// Zero means the built-in words (DefaultAfterPain).
	AfterPain Advice

	// HighPain is what the check-in says to someone whose pain is
	// HighPainFrom or more; a zero HighPainFrom asks nothing more. The
	// person then chooses the Gentler session (when there is one) or rest.
	HighPain     Advice
	HighPainFrom int
	// Gentler is the gentler session offered at a high pain: the relief
	// stretches with shorter holds. Nil offers only rest.
	Gentler *player.Timeline

	// Next says what comes after this session, for the summary: the
	// programme's suggestion. Nil, or an empty answer, leaves it out.
	Next func(s *backcare.Session) string

	// Figure draws a pose for the terminal in at most cols x rows cells
	// (braille or block characters); "" draws nothing. A pose that moves
	// has a drawing of each frame, separated by a form feed ("\f"): the
	// player shows them in turn. Results are cached per pose, side and size.
	Figure func(poseID string, side backcare.Side, cols, rows int) string

	// Drawings, when set, gives the drawings of a pose's frames (one, or
	// the start and end of a movement), and the player draws them itself
	// in place of Figure: the body in braille, the far limbs lighter, the
	// arrows in red, the props and the floor in glyphs of their own, each
	// cropped and scaled up to fill its panel. Nil or none draws nothing.
	Drawings func(poseID string, side backcare.Side) []*figure.Drawing

	// Bell rings the terminal bell on the cues that start and end effort.
	Bell bool
	// Voice speaks the cues; nil means silent.
	Voice Speaker
	// VoiceNote is shown under the keys, e.g. "voice off: espeak-ng is not
	// installed", so that a silent player explains itself.
	VoiceNote string

	// OnCue, when set, is called right after each cue has been sounded,
	// with the moment it was sounded. The cue-timing benchmark uses it.
	OnCue func(e player.Event, sounded time.Time)
	// OnScreen, when set, is called each time what the window shows
	// changes (a new screen, or the countdown's next second), with the
	// screen and its text without colours. Tests use it to follow the
	// session.
	OnScreen func(s Screen, text string)
}

// Safety is the red-flag check, as cmd/backcare wires it from the safety
// package and the journal.
type Safety struct {
	// Why says in a sentence or two why the questions are asked now.
	Why       string
	Questions []Question
	// Submit checks and saves the answers (question id -> yes) and returns
	// the verdict.
	Submit func(ctx context.Context, answers map[string]bool) (Verdict, error)
}

// Question is one yes-or-no safety question.
type Question struct {
	ID   string
	Text string
	Why  string // why it is asked, in one plain sentence
}

// Verdict is the outcome of the safety questions.
type Verdict struct {
	// Allowed reports whether a session may start now.
	Allowed bool
	Advice
	// Flags are the questions answered yes, as the person read them.
	Flags []string
	// Record says, when sessions are closed, what happens to them now and
	// how to record a clinician's clearance.
	Record string
}

// Advice is a title, a sentence of explanation and steps to take, in order.
type Advice struct {
	Title   string
	Summary string
	Steps   []string
}

func (a Advice) zero() bool { return a.Title == "" && a.Summary == "" && len(a.Steps) == 0 }

// DefaultAfterPain is what the player says after "this hurts" when
// Config.AfterPain is not set.
var DefaultAfterPain = Advice{
	Title:   "You were right to stop",
	Summary: "Stopping when something hurts is part of looking after your back, not a failure. It is saved as stopped because it hurt, so that your plan can take it into account.",
	Steps: []string{
		"Come out of the position slowly and rest in whatever way eases your back.",
		"Gentle movement, such as a short walk, usually helps once it settles.",
		"If the pain is strong, or hasn't settled in a few days, talk to a doctor or physiotherapist.",
		"Get medical help the same day for new trouble passing urine or controlling your bowels, numbness between your legs, or leg weakness that is getting worse.",
	},
}

// Speaker says cue texts out loud. Say must return at once: speech runs in
// the background, and a new text cuts off one still being spoken, so that
// two are never heard at once.
type Speaker interface {
	Say(text string)
	// Close stops any speech and releases the speaker.
	Close() error
}

// Screen names what the player shows. OnScreen reports each change.
type Screen string

// The screens, in the order a session meets them.
const (
	ScreenSafety     Screen = "safety"       // one red-flag question
	ScreenScreening  Screen = "screening"    // saving the answers
	ScreenVerdict    Screen = "verdict"      // go ahead, or not today
	ScreenCheckIn    Screen = "check-in"     // pain now, before
	ScreenHighPain   Screen = "high-pain"    // a pain of 8-10: the gentler session or rest
	ScreenGetReady   Screen = "get-ready"    // playing: a prepare segment
	ScreenHold       Screen = "hold"         // playing: a timed hold
	ScreenSwitch     Screen = "switch-sides" // playing: changing sides
	ScreenRest       Screen = "rest"         // playing: a rest
	ScreenReps       Screen = "reps"         // playing: a set of repetitions
	ScreenPaused     Screen = "paused"       //
	ScreenQuit       Screen = "quit"         // asks whether to save
	ScreenHurts      Screen = "hurts"        // after "this hurts"
	ScreenCheckOut   Screen = "check-out"    // pain now, after
	ScreenStretch    Screen = "stretch"      // how strong the stretch felt
	ScreenNote       Screen = "note"         // a note for yourself
	ScreenSaving     Screen = "saving"       //
	ScreenSaveFailed Screen = "save-failed"  // the journal refused; retry or leave
	ScreenSummary    Screen = "summary"      //
)

// Result is what a run of the player ended with.
type Result struct {
	// Session is the session as saved, or nil if nothing was saved (the
	// person left before starting, or quit without saving).
	Session *backcare.Session
	// Verdict is set when the safety questions ran.
	Verdict *Verdict
	// Summary is the summary screen as plain text, for the command to
	// print after the full-screen player has gone, or "" if there was none.
	Summary string
}
