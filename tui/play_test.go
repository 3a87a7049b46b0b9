package tui

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"backcare"
	"backcare/player"
)

// shotsText joins the screens for a golden file.
func shotsText(shots []shot) string {
	var b strings.Builder
	for _, s := range shots {
		fmt.Fprintf(&b, "=== %s at %s\n%s\n\n", s.screen, s.at, s.text)
	}
	return b.String()
}

// osc matches operating-system commands (the window title), which end in
// the same BEL byte that rings the bell.
var osc = regexp.MustCompile("\x1b\\][^\x07\x1b]*(\x07|\x1b\\\\)")

func bells(out string) int { return strings.Count(osc.ReplaceAllString(out, ""), "\a") }

// TestPlayArticleRoutine plays the whole article routine at 80x24 in fake
// time: check-in, every segment, a pause while switching sides, check-out
// and the summary. It checks the screens in order, that every cue is
// spoken at its compiled moment (shifted by the pause), the bells, and the
// session handed to the journal.
func TestPlayArticleRoutine(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := article(t, player.Options{})
		hs := run(t, Config{Timeline: tl}, 80, 24)
		hs.want(ScreenCheckIn, "How much does your back hurt right now?", "no pain", "worst imaginable", "enter start")
		hs.press("4")
		hs.want(ScreenCheckIn, "[4]")
		hs.press("enter")
		start := time.Since(hs.start)
		hs.want(ScreenGetReady, "GET READY", "Get ready: Standing Psoas Lunge, left side",
			"space pause/resume", "n/→ skip", "b/← back", "h this hurts", "q quit",
			"Next: Standing Psoas Lunge, left side (hold 1 minute), in 15 s",
			"Stretch: about 5 out of 10. A clear, gentle stretch, never pain.")

		hs.sleepUntil(start + 45*time.Second) // half-way through the first hold
		hs.want(ScreenHold, "HOLD", "Standing Psoas Lunge, left side", "0:45 of 5:00",
			"Hold gently: a stretch of about 5 out of 10, never pain. Breathe.",
			"Next: Switch sides: Standing Psoas Lunge, right side, in 30 s", "» Halfway")
		hs.sleepUntil(start + 80*time.Second) // 5 s into switching sides
		hs.want(ScreenSwitch, "SWITCH SIDES", "Switch sides: Standing Psoas Lunge, right side")

		const pause = time.Minute
		hs.press("space")
		hs.want(ScreenPaused, "PAUSED", "press space to carry on", "1:20 of 5:00")
		hs.sleepUntil(start + 80*time.Second + pause)
		hs.want(ScreenPaused, "1:20 of 5:00") // the clock waited
		hs.press("space")
		hs.want(ScreenSwitch, "10 s") // 10 s of the switch left

		end := start + tl.Total + pause
		hs.sleepUntil(end - time.Millisecond)
		hs.want(ScreenHold, "Countertop Hip Hinge", "Next: how your back feels")
		hs.sleepUntil(end)
		hs.want(ScreenCheckOut, "How much does your back hurt now?", "Pain only, not the stretch")
		hs.press("2", "enter")
		hs.want(ScreenStretch, "How strong did the stretch feel?", "not pain", "The aim was about 5.", "aim")
		hs.press("5", "enter")
		hs.want(ScreenNote, "A note for yourself")
		hs.press("enter")
		hs.want(ScreenSummary, "Saved to your journal.", "Lower back relief: finished. Well done.",
			"Time held:     4 minutes of 4 minutes", "Back pain:     4 -> 2 out of 10 (2 points less: a real easing)",
			"Stretch felt:  5 out of 10 (the aim was about 5)")
		hs.press("enter")
		saves := hs.finish()

		wantScreens := []Screen{ScreenCheckIn, ScreenGetReady, ScreenHold, ScreenSwitch, ScreenPaused, ScreenSwitch,
			ScreenHold, ScreenGetReady, ScreenHold, ScreenGetReady, ScreenHold, ScreenCheckOut, ScreenStretch, ScreenNote, ScreenSaving, ScreenSummary}
		if got := names(hs.screens()); !slices.Equal(got, wantScreens) {
			t.Errorf("screens =\n%v\nwant\n%v", got, wantScreens)
		}

		// Every cue is spoken exactly when the timeline says, the pause
		// moving the later ones by its length.
		var want []said
		ringing := 0
		for _, seg := range tl.Segments {
			for _, c := range seg.Cues {
				at := start + seg.Start + c.At
				if at > start+80*time.Second {
					at += pause
				}
				want = append(want, said{c.Text, at})
				if rings(c.Tone) {
					ringing++
				}
			}
		}
		if got := hs.voice.all(); !slices.Equal(got, want) {
			t.Errorf("spoken cues:\n%v\nwant\n%v", got, want)
		}
		if got := bells(hs.out.String()); got != ringing {
			t.Errorf("bells = %d, want %d (one for each get-ready, start and end cue)", got, ringing)
		}

		if len(saves) != 1 {
			t.Fatalf("saved %d sessions, want 1", len(saves))
		}
		s := saves[0]
		checkSession(t, s, tl, backcare.Completed, ptr(4), ptr(2), ptr(5))
		if got, want := s.EndedAt.Sub(s.StartedAt), tl.Total+pause; got != want {
			t.Errorf("EndedAt - StartedAt = %v, want %v (the routine and the pause)", got, want)
		}
		if len(s.Segments) != len(tl.Segments) {
			t.Fatalf("len(Segments) = %d, want %d", len(s.Segments), len(tl.Segments))
		}
		for i, r := range s.Segments {
			seg := tl.Segments[i]
			wantR := backcare.SegmentResult{Index: i, Kind: string(seg.Kind), PoseID: seg.Pose, Side: seg.Side, Planned: seg.Duration, Held: seg.Duration}
			if r != wantR {
				t.Errorf("Segments[%d] = %+v, want %+v", i, r, wantR)
			}
		}
		if got := s.Held(); got != 4*time.Minute {
			t.Errorf("Held() = %v, want 4m", got)
		}
		if hs.result.Session == nil || hs.result.Session.ID != s.ID {
			t.Errorf("Run's Result.Session = %+v, want the saved session", hs.result.Session)
		}
		if !strings.Contains(hs.result.Summary, "Time held:     4 minutes of 4 minutes") {
			t.Errorf("Result.Summary lacks the time held:\n%s", hs.result.Summary)
		}
		// The screens as they first appeared, for a person to read:
		// testdata/TestPlayArticleRoutine.golden (rewrite with -update).
		teatest.RequireEqualOutput(t, []byte(shotsText(hs.screens())))
	})
}

func ptr(n int) *int { return &n }

func intp(p *int) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}

// checkSession checks the fields every saved session must have right.
func checkSession(t *testing.T, s *backcare.Session, tl *player.Timeline, status backcare.Status, before, after, intensity *int) {
	t.Helper()
	if s.ID == "" || s.UserID != backcare.LocalUser {
		t.Errorf("ID = %q, UserID = %q; want an id and %q", s.ID, s.UserID, backcare.LocalUser)
	}
	if s.RoutineID != tl.Routine.ID || s.RoutineName != tl.Routine.Name {
		t.Errorf("routine = %q %q, want %q %q", s.RoutineID, s.RoutineName, tl.Routine.ID, tl.Routine.Name)
	}
	if s.Status != status {
		t.Errorf("Status = %q, want %q", s.Status, status)
	}
	if intp(s.PainBefore) != intp(before) || intp(s.PainAfter) != intp(after) || intp(s.Intensity) != intp(intensity) {
		t.Errorf("PainBefore, PainAfter, Intensity = %s, %s, %s; want %s, %s, %s",
			intp(s.PainBefore), intp(s.PainAfter), intp(s.Intensity), intp(before), intp(after), intp(intensity))
	}
	if s.StartedAt.IsZero() || s.EndedAt.Before(s.StartedAt) || s.StartedAt.Location() != time.UTC {
		t.Errorf("StartedAt = %v, EndedAt = %v; want UTC times in order", s.StartedAt, s.EndedAt)
	}
}
