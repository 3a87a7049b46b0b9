package tui

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"backcare"
	"backcare/catalog"
	"backcare/player"
)

// TestTeatestOneHold drives the model through teatest, in real time, with
// a routine of one one-second hold: check-in, the hold, check-out, the
// summary. (The article routine plays in fake time in play_test.go.)
func TestTeatestOneHold(t *testing.T) {
	cat := catalog.Builtin()
	pose, err := cat.Pose("zombie-crawl")
	if err != nil {
		t.Fatal(err)
	}
	r := backcare.Routine{ID: "one-hold", Name: "One hold", Entries: []backcare.Entry{{Pose: pose, Dose: backcare.Dose{Hold: time.Second, Intensity: 5}}}}
	tl, err := player.Compile(r, player.Options{})
	if err != nil {
		t.Fatal(err)
	}

	var (
		mu     sync.Mutex
		saved  []*backcare.Session
		screen Screen
	)
	cfg := Config{
		Timeline: tl,
		Save: func(_ context.Context, s *backcare.Session) error {
			mu.Lock()
			defer mu.Unlock()
			saved = append(saved, s)
			return nil
		},
		OnScreen: func(s Screen, _ string) {
			mu.Lock()
			defer mu.Unlock()
			screen = s
		},
	}
	waitScreen := func(want Screen) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			mu.Lock()
			got := screen
			mu.Unlock()
			if got == want {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("screen = %q, want %q", got, want)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}

	tm := teatest.NewTestModel(t, newModel(context.Background(), cfg, nil, newStyles()), teatest.WithInitialTermSize(80, 24))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("How much does your back hurt right now?"))
	}, teatest.WithDuration(5*time.Second))
	tm.Type("3")
	tm.Send(enter)
	waitScreen(ScreenHold)
	waitScreen(ScreenCheckOut) // after the one-second hold
	tm.Type("1")
	tm.Send(enter)
	waitScreen(ScreenStretch)
	tm.Type("5")
	tm.Send(enter)
	waitScreen(ScreenNote)
	tm.Type("Felt easy")
	tm.Send(enter)
	waitScreen(ScreenSummary)
	tm.Send(enter)

	fm, ok := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*model)
	if !ok {
		t.Fatalf("final model is %T", fm)
	}
	res := fm.result()
	mu.Lock()
	defer mu.Unlock()
	if len(saved) != 1 || res.Session == nil || res.Session.ID != saved[0].ID {
		t.Fatalf("saved %d sessions, result %+v; want the one session", len(saved), res.Session)
	}
	s := saved[0]
	checkSession(t, s, tl, backcare.Completed, ptr(3), ptr(1), ptr(5))
	if s.Note != "Felt easy" {
		t.Errorf("note = %q, want the one typed at the check-out", s.Note)
	}
	want := backcare.SegmentResult{Index: 0, Kind: "hold", PoseID: "zombie-crawl", Planned: time.Second, Held: time.Second}
	if len(s.Segments) != 1 || s.Segments[0] != want {
		t.Errorf("Segments = %+v, want [%+v]", s.Segments, want)
	}
}
