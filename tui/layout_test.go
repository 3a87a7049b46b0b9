package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"backcare"
	"backcare/player"
)

// block is a figure that fills the room it is given, so a test can see
// the room.
func block(_ string, _ backcare.Side, cols, rows int) string {
	line := strings.Repeat("⣿", cols)
	lines := make([]string, rows)
	for i := range lines {
		lines[i] = line
	}
	return strings.Join(lines, "\n")
}

// TestLayoutFitsTheWindow draws every screen at several window sizes and
// checks that nothing spills over: the player works in 80x24 and grows
// with the window.
func TestLayoutFitsTheWindow(t *testing.T) {
	sizes := []struct{ w, h int }{{80, 24}, {60, 20}, {100, 30}, {160, 48}, {40, 12}}
	for _, sz := range sizes {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				check := &safetyCheck{}
				hs := run(t, Config{Timeline: article(t, player.Options{}), Safety: check.config(), Figure: block}, sz.w, sz.h)
				hs.press("n", "n", "n", "enter", "7", "enter")
				hs.sleepUntil(45 * time.Second)
				hs.press("space", "space", "q", "esc", "h", "enter", "3", "enter")
				hs.want(ScreenNote)
				hs.press("enter")
				hs.want(ScreenSummary)
				hs.press("enter")
				hs.finish()
				figRows := 0
				for _, s := range hs.screens() {
					lines := strings.Split(s.text, "\n")
					if len(lines) > sz.h {
						t.Errorf("%s: %d lines in a window %d high:\n%s", s.screen, len(lines), sz.h, s.text)
					}
					for i, l := range lines {
						if w := lipgloss.Width(l); w > sz.w {
							t.Errorf("%s: line %d is %d wide in a window %d wide: %q", s.screen, i+1, w, sz.w, l)
						}
					}
					if s.screen == ScreenHold {
						figRows = 0
						for _, l := range lines {
							if strings.HasPrefix(l, "⣿") {
								figRows++
							}
						}
						if !strings.Contains(s.text, "██") && !strings.Contains(s.text, " left") {
							t.Errorf("no countdown at %dx%d:\n%s", sz.w, sz.h, s.text)
						}
						for _, k := range []string{"space pause/resume", "n/→ skip", "b/← back", "h this hurts", "q quit"} {
							if !strings.Contains(s.text, k) {
								t.Errorf("the key %q is not shown at %dx%d:\n%s", k, sz.w, sz.h, s.text)
							}
						}
					}
				}
				// The figure grows with the window, and gives way when the
				// window is too narrow for it.
				switch {
				case sz.w < 60 && figRows > 0:
					t.Errorf("a figure is drawn in a window %d wide", sz.w)
				case sz.w >= 60 && figRows < sz.h-10:
					t.Errorf("the figure has %d rows in a window %d high, want at least %d", figRows, sz.h, sz.h-10)
				}
			})
		})
	}
}

// sgrColour matches a colour in a Select Graphic Rendition sequence.
var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

func colours(out string) int {
	n := 0
	for _, m := range sgr.FindAllStringSubmatch(out, -1) {
		for _, p := range strings.Split(m[1], ";") {
			var v int
			if _, err := fmt.Sscan(p, &v); err == nil && (v >= 30 && v <= 49 || v >= 90 && v <= 107) {
				n++
			}
		}
	}
	return n
}

// TestNoColor checks that NO_COLOR takes the colours away and leaves the
// rest (bold, reverse) in place.
func TestNoColor(t *testing.T) {
	for _, noColor := range []bool{false, true} {
		t.Run(fmt.Sprint("NoColor=", noColor), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				out := &syncBuffer{}
				m := newModel(t.Context(), Config{Timeline: article(t, player.Options{}), Save: nil}, out, newStyles())
				opts := []tea.ProgramOption{tea.WithInput(nil), tea.WithOutput(out), tea.WithWindowSize(80, 24),
					tea.WithoutSignalHandler(), tea.WithEnvironment([]string{"TERM=xterm-256color", "COLORTERM=truecolor"})}
				if noColor {
					opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
				} else {
					opts = append(opts, tea.WithColorProfile(colorprofile.TrueColor))
				}
				p := tea.NewProgram(m, opts...)
				done := make(chan struct{})
				go func() {
					defer close(done)
					if _, err := p.Run(); err != nil {
						t.Error(err)
					}
				}()
				synctest.Wait()
				p.Send(tea.KeyPressMsg{Code: '5', Text: "5"})
				p.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
				time.Sleep(20 * time.Second)
				p.Send(tea.KeyPressMsg{Code: ' ', Text: " "})
				time.Sleep(time.Second)
				p.Quit()
				<-done
				m.cancelWake()
				got := out.String()
				n := colours(got)
				switch {
				case noColor && n > 0:
					t.Errorf("%d colours drawn with NO_COLOR", n)
				case !noColor && n == 0:
					t.Errorf("no colours drawn without NO_COLOR: the check cannot fail")
				}
				if !strings.Contains(got, "\x1b[1m") && !strings.Contains(got, "\x1b[1;") {
					t.Errorf("no bold text at all (NoColor=%v)", noColor)
				}
			})
		})
	}
}
