package tui

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"backcare"
	"backcare/player"
)

func TestCrop(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"all blank", "⠀⠀⠀\n⠀⠀⠀", nil},
		{"blank rows and columns round it", "⠀⠀⠀⠀\n⠀⣿⠁⠀\n⠀⠀⠀⠀", []string{"⣿⠁"}},
		{"a gap inside stays", "⣿⠀⠀\n⠀⠀⠀\n⠀⠀⣿", []string{"⣿⠀⠀", "⠀⠀⠀", "⠀⠀⣿"}},
		{"two frames cropped to both", "⣿⠀⠀\n⠀⠀⠀\f⠀⠀⠀\n⠀⣿⠀", []string{"⣿⠀", "⠀⠀", "/", "⠀⠀", "⠀⣿"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parts []string
			for i, f := range crop(tt.in) {
				if i > 0 {
					parts = append(parts, "/")
				}
				parts = append(parts, f...)
			}
			if got := strings.Join(parts, "|"); got != strings.Join(tt.want, "|") {
				t.Errorf("crop(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// lying is a figure eight times as wide as it is tall, as a pose lying on
// the floor is, drawn as large as the room allows.
func lying(_ string, _ backcare.Side, cols, rows int) string {
	// Terminal cells are about twice as tall as wide.
	h := min(rows, max(cols/16, 1))
	out := make([]string, rows)
	for i := range out {
		if i < h {
			out[i] = strings.Repeat("⣿", cols)
		} else {
			out[i] = strings.Repeat("⠀", cols)
		}
	}
	return strings.Join(out, "\n")
}

// TestLyingFigureAcrossTheWindow checks that a lying pose is drawn across
// the whole window, above the text, where beside the text it would be a
// strip of two rows, and that the window still holds everything.
func TestLyingFigureAcrossTheWindow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		check := &safetyCheck{}
		hs := run(t, Config{Timeline: article(t, player.Options{}), Safety: check.config(), Figure: lying}, 80, 24)
		hs.press("n", "n", "n", "enter", "7", "enter")
		hs.sleepUntil(20 * time.Second)
		hs.press("h", "enter", "3", "enter")
		hs.want(ScreenNote)
		hs.press("enter")
		hs.want(ScreenSummary)
		hs.press("enter")
		hs.finish()
		for _, s := range hs.screens() {
			if s.screen != ScreenHold {
				continue
			}
			lines := strings.Split(s.text, "\n")
			rows := 0
			for _, l := range lines {
				if strings.HasPrefix(l, strings.Repeat("⣿", 80)) {
					rows++
				}
			}
			if rows < 4 {
				t.Errorf("the lying figure spans the window on %d rows, want at least 4:\n%s", rows, s.text)
			}
			if len(lines) > 24 {
				t.Errorf("%d lines in a window 24 high", len(lines))
			}
			return
		}
		t.Error("no hold screen")
	})
}
