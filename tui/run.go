package tui

import (
	"context"
	"errors"
	"fmt"
	"io"

	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"backcare"
)

// Terminal is where the player runs.
type Terminal struct {
	In  io.Reader // the keyboard: a terminal
	Out io.Writer // the screen: a terminal
	// Env is the environment (KEY=value), for the terminal type and
	// colours; nil means the process's own.
	Env []string
	// NoColor draws without colour (bold and reverse stay), as NO_COLOR
	// asks.
	NoColor bool
	// Width and Height set the window size where it cannot be read from
	// Out (tests and benchmarks); zero means ask the terminal.
	Width, Height int
	// Options are extra Bubble Tea options (tests and benchmarks).
	Options []tea.ProgramOption
}

// IsTerminal reports whether r and w are both a terminal, as the player
// needs.
func IsTerminal(r io.Reader, w io.Writer) bool {
	in, ok1 := r.(term.File)
	out, ok2 := w.(term.File)
	return ok1 && ok2 && term.IsTerminal(in.Fd()) && term.IsTerminal(out.Fd())
}

// Run plays one session in the terminal and returns what it ended with. It
// returns when the person closes the player, or when ctx is cancelled.
func Run(ctx context.Context, cfg Config, t Terminal) (Result, error) {
	if cfg.Timeline == nil || len(cfg.Timeline.Segments) == 0 {
		return Result{}, backcare.Errorf(backcare.EINVALID, "there is nothing to play: the routine has no segments")
	}
	if cfg.Save == nil {
		return Result{}, errors.New("tui: Run: Config.Save is nil")
	}
	out := wrapOutput(t.Out)
	opts := []tea.ProgramOption{
		tea.WithContext(ctx),
		tea.WithInput(t.In),
		tea.WithOutput(out),
	}
	if t.Env != nil {
		opts = append(opts, tea.WithEnvironment(t.Env))
	}
	if t.NoColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	if t.Width > 0 && t.Height > 0 {
		opts = append(opts, tea.WithWindowSize(t.Width, t.Height))
	}
	opts = append(opts, t.Options...)
	m := newModel(ctx, cfg, out, newStyles())
	if t.Width > 0 && t.Height > 0 {
		m.width, m.height = t.Width, t.Height
	}
	final, err := tea.NewProgram(m, opts...).Run()
	if cfg.Voice != nil {
		_ = cfg.Voice.Close()
	}
	if fm, ok := final.(*model); ok {
		m = fm
	}
	m.cancelWake()
	if err != nil {
		if ctx.Err() != nil {
			return m.result(), ctx.Err()
		}
		return m.result(), fmt.Errorf("tui: %w", err)
	}
	return m.result(), nil
}

// wrapOutput makes the terminal safe to write from two places (the
// renderer and the bell), keeping it a terminal in Bubble Tea's eyes so
// that raw mode and resizing still work.
func wrapOutput(w io.Writer) io.Writer {
	if f, ok := w.(term.File); ok {
		return &lockedFile{lockedWriter: lockedWriter{w: f}, f: f}
	}
	return &lockedWriter{w: w}
}

// lockedFile is a lockedWriter that is still a terminal file.
type lockedFile struct {
	lockedWriter
	f term.File
}

func (l *lockedFile) Read(p []byte) (int, error) { return l.f.Read(p) }
func (l *lockedFile) Close() error               { return l.f.Close() }
func (l *lockedFile) Fd() uintptr                { return l.f.Fd() }

// progressModel is the routine's progress bar at a width.
func progressModel(width int) progress.Model {
	p := progress.New(
		progress.WithWidth(width),
		progress.WithFillCharacters('█', '░'),
		progress.WithColors(lipgloss.Color("2")),
	)
	p.EmptyColor = lipgloss.Color("8")
	return p
}
