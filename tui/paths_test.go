package tui

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"backcare"
	"backcare/player"
)

// The article routine's segments: get ready (15 s), hold left (60 s),
// switch (15 s), hold right (60 s), then get ready and hold for the Zombie
// Crawl and the Countertop Hip Hinge: 5 minutes in all.

func TestThisHurts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := article(t, player.Options{})
		hs := run(t, Config{Timeline: tl}, 80, 24)
		hs.press("3", "enter")
		hs.sleepUntil(30 * time.Second) // 15 s into the first hold
		hs.press("h")
		hs.want(ScreenHurts, "You were right to stop", "not a failure", "Come out of the position slowly",
			"numbness between your legs", "enter one last question, then it is saved")
		said := hs.voice.all()
		if last := said[len(said)-1]; !strings.HasPrefix(last.text, "Stopping here.") || last.at != 30*time.Second {
			t.Errorf("last spoken = %+v, want \"Stopping here...\" at 30s", last)
		}
		hs.sleepUntil(2 * time.Minute) // the clock has stopped: nothing more is said
		if n := len(hs.voice.all()); n != len(said) {
			t.Errorf("%d cues spoken after stopping for pain", n-len(said))
		}
		hs.press("enter")
		hs.want(ScreenCheckOut, "How much does your back hurt now?")
		hs.press("5", "enter") // no question about the stretch after a stop for pain
		hs.want(ScreenNote, "A note for yourself", "enter save")
		hs.press("enter")
		hs.want(ScreenSummary, "Lower back relief: stopped because it hurt.", "Time held:     15 seconds of 4 minutes",
			"3 -> 5 out of 10 (2 points more)", "Your back hurts more than before.", "not a failure")
		hs.press("enter")
		saves := hs.finish()
		if got := names(hs.screens()); !slices.Equal(got, []Screen{ScreenCheckIn, ScreenGetReady, ScreenHold, ScreenHurts, ScreenCheckOut, ScreenNote, ScreenSaving, ScreenSummary}) {
			t.Errorf("screens = %v", got)
		}
		if len(saves) != 1 {
			t.Fatalf("saved %d sessions, want 1", len(saves))
		}
		s := saves[0]
		checkSession(t, s, tl, backcare.StoppedForPain, ptr(3), ptr(5), nil)
		want := []backcare.SegmentResult{
			{Index: 0, Kind: "prepare", PoseID: "standing-psoas-lunge", Side: backcare.Left, Planned: 15 * time.Second, Held: 15 * time.Second},
			{Index: 1, Kind: "hold", PoseID: "standing-psoas-lunge", Side: backcare.Left, Planned: time.Minute, Held: 15 * time.Second, Skipped: true},
		}
		if !slices.Equal(s.Segments, want) {
			t.Errorf("Segments = %+v, want %+v", s.Segments, want)
		}
		if got := s.EndedAt.Sub(s.StartedAt); got != 30*time.Second {
			t.Errorf("the session lasted %v, want 30s", got)
		}
	})
}

func TestThisHurtsShowsTheGivenAdvice(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		advice := Advice{Title: "Good call", Summary: "Rest now.", Steps: []string{"Lie on your back with your knees bent."}}
		hs := run(t, Config{Timeline: article(t, player.Options{}), AfterPain: advice}, 80, 24)
		hs.press("0", "enter", "h")
		hs.want(ScreenHurts, "Good call", "Rest now.", "• Lie on your back with your knees bent.")
		if strings.Contains(hs.screen().text, DefaultAfterPain.Title) {
			t.Errorf("the default advice shows although Config.AfterPain is set")
		}
		hs.press("ctrl+c") // leaving here still saves the stop for pain
		hs.want(ScreenSummary, "stopped because it hurt", "Rest now.")
		hs.press("q")
		if saves := hs.finish(); len(saves) != 1 || saves[0].Status != backcare.StoppedForPain || saves[0].PainAfter != nil {
			t.Errorf("saves = %+v, want one stopped for pain without pain after", saves)
		}
	})
}

func TestQuitAndSave(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := article(t, player.Options{})
		hs := run(t, Config{Timeline: tl}, 80, 24)
		hs.press("2", "enter")
		hs.sleepUntil(80 * time.Second) // 5 s into switching sides
		hs.press("q")
		hs.want(ScreenQuit, "Leave the session?", "The clock is paused. So far you have held your stretches for 1 minute.",
			"y    save what you did", "n    leave without saving", "esc  carry on")
		hs.sleepUntil(90 * time.Second) // the question waits; the clock does not run
		hs.press("y")
		hs.want(ScreenCheckOut)
		hs.press("3", "enter")
		hs.want(ScreenStretch) // a stretch was held, so it is asked
		hs.press("s")          // skipped
		hs.want(ScreenNote)
		hs.press("enter")
		hs.want(ScreenSummary, "Lower back relief: stopped early.", "Time held:     1 minute of 4 minutes", "2 -> 3 out of 10 (a little more)")
		if strings.Contains(hs.screen().text, "Stretch felt") {
			t.Errorf("the summary shows a skipped stretch answer:\n%s", hs.screen().text)
		}
		hs.press("enter")
		saves := hs.finish()
		if len(saves) != 1 {
			t.Fatalf("saved %d sessions, want 1", len(saves))
		}
		s := saves[0]
		checkSession(t, s, tl, backcare.Abandoned, ptr(2), ptr(3), nil)
		if got := len(s.Segments); got != 3 {
			t.Fatalf("len(Segments) = %d, want 3 (get ready, hold, switch)", got)
		}
		if r := s.Segments[2]; r.Held != 5*time.Second || !r.Skipped {
			t.Errorf("switch: Held = %v, Skipped = %v; want 5s, true (the 10 s at the question not counted)", r.Held, r.Skipped)
		}
	})
}

func TestQuitWithoutSaving(t *testing.T) {
	for _, keys := range [][]string{{"q", "n"}, {"ctrl+c", "ctrl+c"}} {
		t.Run(strings.Join(keys, ","), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				hs := run(t, Config{Timeline: article(t, player.Options{})}, 80, 24)
				hs.press("2", "enter")
				hs.sleepUntil(45 * time.Second)
				hs.press(keys[0])
				hs.want(ScreenQuit)
				hs.press(keys[1])
				if saves := hs.finish(); len(saves) != 0 {
					t.Errorf("saved %d sessions, want none", len(saves))
				}
				if hs.result.Session != nil || hs.result.Summary != "" {
					t.Errorf("Result = %+v, want no session and no summary", hs.result)
				}
			})
		})
	}
}

// TestCarryOnSkipAndBack: the quit question, then carrying on, pauses the
// clock; skip and back move between segments and keep what was held.
func TestCarryOnSkipAndBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := article(t, player.Options{})
		hs := run(t, Config{Timeline: tl}, 80, 24)
		hs.press("1", "enter")
		hs.press("right") // skip getting ready
		hs.want(ScreenHold, "Standing Psoas Lunge, left side", "0:15 of 5:00")
		hs.sleepUntil(20 * time.Second)
		hs.press("b") // 20 s in: back restarts the hold
		hs.want(ScreenHold, "0:15 of 5:00")
		hs.sleepUntil(21 * time.Second)
		hs.press("left") // 1 s in: back goes to getting ready
		hs.want(ScreenGetReady)
		hs.press("n")
		hs.sleepUntil(51 * time.Second) // 30 s into the hold
		hs.press("q")
		hs.sleepUntil(81 * time.Second)
		hs.press("esc") // carry on, 100 ms later
		hs.want(ScreenHold, "Standing Psoas Lunge, left side", "Next: Switch sides")
		hs.sleepUntil(111*time.Second + 100*time.Millisecond) // the hold's last 30 s
		hs.want(ScreenSwitch)
		for range 5 {
			hs.press("n")
		}
		hs.want(ScreenHold, "Countertop Hip Hinge")
		hs.press("n")
		hs.want(ScreenCheckOut)
		hs.press("ctrl+c") // from the check-out: save what there is
		hs.want(ScreenQuit, "save what you did and leave")
		hs.press("y")
		hs.want(ScreenSummary, "Lower back relief: finished.") // every segment was reached
		hs.press("q")
		saves := hs.finish()
		if len(saves) != 1 {
			t.Fatalf("saved %d sessions, want 1", len(saves))
		}
		s := saves[0]
		checkSession(t, s, tl, backcare.Completed, ptr(1), nil, nil)
		held := func(i int) (time.Duration, bool) { return s.Segments[i].Held, s.Segments[i].Skipped }
		if d, skipped := held(1); d != 20*time.Second+time.Second+time.Minute || skipped {
			t.Errorf("first hold: Held = %v, Skipped = %v; want 1m21s (20 s, 1 s, then all of it), false", d, skipped)
		}
		if d, skipped := held(0); d != 0 || !skipped {
			t.Errorf("get ready: Held = %v, Skipped = %v; want 0, true", d, skipped)
		}
		if d, skipped := held(7); d != 0 || !skipped {
			t.Errorf("last hold: Held = %v, Skipped = %v; want 0, true", d, skipped)
		}
	})
}

// safety is a three-question check whose verdict depends on the answers.
type safetyCheck struct {
	answers []map[string]bool
	fail    int // Submit fails this many times first
}

func (c *safetyCheck) config() *Safety {
	return &Safety{
		Why: "Before your first session, a few questions.",
		Questions: []Question{
			{ID: "injury", Text: "Did your pain start after a fall or accident?", Why: "A doctor should check an injury first."},
			{ID: "fever", Text: "Do you have a fever with your back pain?"},
			{ID: "bladder", Text: "Any new trouble passing urine?"},
		},
		Submit: func(_ context.Context, a map[string]bool) (Verdict, error) {
			if c.fail > 0 {
				c.fail--
				return Verdict{}, errors.New("database is locked")
			}
			c.answers = append(c.answers, a)
			switch {
			case a["bladder"]:
				return Verdict{Advice: Advice{Title: "Please get medical help today", Summary: "This needs checking today.", Steps: []string{"Go to an emergency department."}}}, nil
			case a["injury"] || a["fever"]:
				return Verdict{Advice: Advice{Title: "Please see a doctor first", Summary: "A precaution."}}, nil
			}
			return Verdict{Allowed: true, Advice: Advice{Title: "Go ahead, gently", Summary: "Nothing needs a doctor first.", Steps: []string{"Keep every stretch at about 5 out of 10."}}}, nil
		},
	}
}

func TestSafetyFirst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		check := &safetyCheck{fail: 1}
		tl := article(t, player.Options{})
		hs := run(t, Config{Timeline: tl, Safety: check.config()}, 80, 24)
		hs.want(ScreenSafety, "Safety check · question 1 of 3", "Before your first session", "Did your pain start after a fall or accident?",
			"A doctor should check an injury first.", "y yes", "n no", "b previous question", "q leave")
		hs.press("y")
		hs.want(ScreenSafety, "question 2 of 3")
		hs.press("b")
		hs.want(ScreenSafety, "question 1 of 3")
		hs.press("n", "n", "N")
		hs.want(ScreenScreening, "Your answers could not be saved", "Nothing was saved", "r try again")
		hs.press("r")
		hs.want(ScreenVerdict, "Go ahead, gently", "Nothing needs a doctor first.", "• Keep every stretch", "enter continue to the session")
		if want := []map[string]bool{{"injury": false, "fever": false, "bladder": false}}; !slices.EqualFunc(check.answers, want, maps.Equal) {
			t.Errorf("answers = %v, want %v", check.answers, want)
		}
		hs.press("enter")
		hs.want(ScreenCheckIn)
		hs.press("q")
		if saves := hs.finish(); len(saves) != 0 {
			t.Errorf("saved %d sessions after leaving at the check-in", len(saves))
		}
		if v := hs.result.Verdict; v == nil || !v.Allowed {
			t.Errorf("Result.Verdict = %+v, want the go-ahead", v)
		}
	})
}

func TestSafetyVerdictStopsTheSession(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		check := &safetyCheck{}
		hs := run(t, Config{Timeline: article(t, player.Options{}), Safety: check.config()}, 80, 24)
		hs.press("n", "n", "y")
		hs.want(ScreenVerdict, "Please get medical help today", "This needs checking today.", "• Go to an emergency department.", "enter close")
		if strings.Contains(hs.screen().text, "continue to the session") {
			t.Errorf("the verdict offers the session:\n%s", hs.screen().text)
		}
		hs.press("enter")
		if saves := hs.finish(); len(saves) != 0 {
			t.Errorf("saved %d sessions", len(saves))
		}
		if v := hs.result.Verdict; v == nil || v.Allowed || v.Title != "Please get medical help today" {
			t.Errorf("Result.Verdict = %+v", v)
		}
	})
}

// TestVerdictListsYesAnswersAndClearance checks that a closed verdict
// shows the yes answers and, last, how to record a clearance, all of it
// within an 80 x 24 terminal.
func TestVerdictListsYesAnswersAndClearance(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cfg := &Safety{
			Questions: []Question{{ID: "saddle", Text: "Do you have numbness or tingling between your legs, around your bottom or your genitals (the area that would touch a bike saddle)?"}},
			Submit: func(context.Context, map[string]bool) (Verdict, error) {
				return Verdict{
					Advice: Advice{
						Title:   "Please get medical help today",
						Summary: "Together with back pain, what you told us can, rarely, mean that nerves at the base of the spine are being squeezed. It often turns out to be something else, but it needs checking today, because early care matters.",
						Steps: []string{
							"Go to an emergency department today. If you can't get there, call your local emergency number (for example 999 in the UK, 112 in Europe, 911 in North America).",
							"Tell them you have back pain and which of these signs you noticed.",
							"Please don't do any back exercises until you have been checked.",
						},
					},
					Flags:  []string{"Do you have numbness or tingling between your legs, around your bottom or your genitals (the area that would touch a bike saddle)?"},
					Record: "backcare keeps your sessions paused. Once a clinician has seen you and says exercise is fine, record their clearance in backcare, and your sessions will open again. To record it, run `backcare check --cleared`.",
				}, nil
			},
		}
		hs := run(t, Config{Timeline: article(t, player.Options{}), Safety: cfg}, 80, 24)
		hs.press("y")
		hs.want(ScreenVerdict, "Please get medical help today", "You answered yes to:", "• Do you have numbness or tingling", "emergency department today", "backcare check --cleared", "enter close")
		hs.press("enter")
		hs.finish()
	})
}

func TestSaveFailsThenRetry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := article(t, player.Options{Hold: 5 * time.Second, Prepare: 2 * time.Second})
		hs := run(t, Config{Timeline: tl}, 80, 24)
		hs.failN = 1
		hs.press("6", "enter")
		hs.sleepUntil(tl.Total)
		hs.press("4", "enter", "1", "0", "enter") // "1" then "0" is 10
		hs.press("enter")                         // no note
		hs.want(ScreenSaveFailed, "Your session could not be saved", "Nothing you entered was lost", "It is not lost", "r try again", "q leave without saving")
		hs.press("r")
		hs.want(ScreenSummary, "6 -> 4 out of 10", "Stretch felt:  10 out of 10")
		hs.press("esc")
		time.Sleep(time.Second)
		saves := hs.finish()
		if len(saves) != 1 {
			t.Fatalf("saved %d sessions, want 1", len(saves))
		}
		checkSession(t, saves[0], tl, backcare.Completed, ptr(6), ptr(4), ptr(10))
	})
}

func TestCheckInNeedsAnAnswer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		hs := run(t, Config{Timeline: article(t, player.Options{})}, 80, 24)
		hs.press("enter")
		hs.want(ScreenCheckIn) // nothing chosen yet
		hs.press("right", "right", "left", "right")
		hs.want(ScreenCheckIn, "[1]")
		hs.press("ctrl+c")
		if saves := hs.finish(); len(saves) != 0 {
			t.Errorf("saved %d sessions", len(saves))
		}
	})
}

// TestSkipClearsTheCaption: after skip or back, the words under the clock
// are not the last segment's cue.
func TestSkipClearsTheCaption(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := article(t, player.Options{})
		hs := run(t, Config{Timeline: tl}, 80, 24)
		hs.press("3", "enter")
		// 40 s into the right side's hold: "Halfway" was the last cue.
		hs.sleepUntil(tl.Segments[3].Start + 40*time.Second)
		hs.want(ScreenHold, "» Halfway")
		hs.press("n") // on to the Zombie Crawl's get-ready, whose first cue comes a moment later
		hs.want(ScreenGetReady)
		if strings.Contains(hs.screen().text, "Halfway") {
			t.Errorf("after skip the screen still shows the hold's cue:\n%s", hs.screen().text)
		}
		hs.sleepUntil(tl.Segments[3].Start + 43*time.Second)
		hs.want(ScreenGetReady, "» Next: Zombie Crawl")
		hs.press("b") // back to the hold before
		if strings.Contains(hs.screen().text, "» Next: Zombie Crawl") {
			t.Errorf("after back the screen still shows the get-ready's cue:\n%s", hs.screen().text)
		}
		hs.press("q", "n")
		hs.finish()
	})
}

// TestHighPainAtCheckIn: a pain of 8 or more does not start the routine
// without a word: the player offers the gentler session or rest, and says
// when to get help.
func TestHighPainAtCheckIn(t *testing.T) {
	high := Advice{Title: "Your back hurts a lot right now", Summary: "Gentle movement or rest today.", Steps: []string{"See a doctor if it lasts."}}
	for _, choice := range []string{"g", "r"} {
		t.Run(choice, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tl := article(t, player.Options{})
				gentle := article(t, player.Options{Hold: 30 * time.Second})
				hs := run(t, Config{Timeline: tl, HighPain: high, HighPainFrom: 8, Gentler: gentle}, 80, 24)
				hs.press("7", "enter")
				hs.want(ScreenGetReady) // 7 is not high: straight on
				hs.press("q", "n")
				hs.finish()

				hs = run(t, Config{Timeline: tl, HighPain: high, HighPainFrom: 8, Gentler: gentle}, 80, 24)
				hs.press("9", "enter")
				hs.want(ScreenHighPain, "Your back hurts a lot right now", "You said 9 out of 10.", "See a doctor if it lasts.",
					"The gentler session: Lower back relief, 3 minutes.", "g the gentler session", "r rest today (nothing is saved)")
				hs.press(choice)
				if choice == "r" {
					if saves := hs.finish(); len(saves) != 0 {
						t.Errorf("resting saved %d sessions, want none", len(saves))
					}
					return
				}
				hs.want(ScreenGetReady)
				hs.sleepUntil(20 * time.Second) // into the first hold
				hs.press("h", "enter", "5", "enter", "enter")
				hs.want(ScreenSummary)
				hs.press("enter")
				saves := hs.finish()
				if len(saves) != 1 || *saves[0].PainBefore != 9 || saves[0].Segments[1].Planned != 30*time.Second {
					t.Errorf("saves = %+v, want the gentler session with pain 9 before", saves)
				}
			})
		})
	}
}
