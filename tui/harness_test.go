package tui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"backcare"
	"backcare/catalog"
	"backcare/player"
)

// A harness runs the real player (Run, with Bubble Tea's renderer and
// input parser) inside a synctest bubble: keys go in as bytes through a
// pipe, and time is fake, so a five-minute routine plays in milliseconds
// and every timer fires exactly on its deadline.
//
// teatest.NewTestModel cannot run inside a bubble: it starts a goroutine
// that waits for SIGINT and never ends, which synctest reports as a
// deadlock (and a signal cannot reach a bubble's channel). So the bubble
// runs Run itself, and teatest drives the model in real time elsewhere
// (teatest_test.go).

// shot is one screen as the player showed it.
type shot struct {
	screen Screen
	text   string
	at     time.Duration // from the start of the harness
}

// said is one cue spoken.
type said struct {
	text string
	at   time.Duration
}

// recorder is a Speaker that writes down what it is asked to say.
type recorder struct {
	mu    sync.Mutex
	start time.Time
	said  []said
}

func (r *recorder) Say(text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.said = append(r.said, said{text, time.Since(r.start)})
}

func (r *recorder) Close() error { return nil }

func (r *recorder) all() []said {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]said(nil), r.said...)
}

// syncBuffer is the terminal's output.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type harness struct {
	t     *testing.T
	start time.Time
	keys  *io.PipeWriter
	out   *syncBuffer
	voice *recorder

	mu     sync.Mutex
	shots  []shot
	saves  []*backcare.Session
	failN  int // Save fails this many times first
	done   chan struct{}
	result Result
	err    error
}

// keyBytes are the bytes a terminal sends for the keys the tests press.
var keyBytes = map[string]string{
	"enter":  "\r",
	"space":  " ",
	"esc":    "\x1b",
	"right":  "\x1b[C",
	"left":   "\x1b[D",
	"ctrl+c": "\x03",
}

// run starts the player with cfg in a window of w x h. It must be called
// inside synctest.Test. Save, OnScreen and Voice are filled in here.
func run(t *testing.T, cfg Config, w, h int) *harness {
	t.Helper()
	r, pw := io.Pipe()
	hs := &harness{t: t, start: time.Now(), keys: pw, out: &syncBuffer{}, done: make(chan struct{})}
	hs.voice = &recorder{start: hs.start}
	cfg.Voice = hs.voice
	cfg.Bell = true
	cfg.OnScreen = func(s Screen, text string) {
		hs.mu.Lock()
		defer hs.mu.Unlock()
		hs.shots = append(hs.shots, shot{s, text, time.Since(hs.start)})
	}
	cfg.Save = func(_ context.Context, s *backcare.Session) error {
		hs.mu.Lock()
		defer hs.mu.Unlock()
		if hs.failN > 0 {
			hs.failN--
			return errors.New("sqlite: add session: disk I/O error")
		}
		hs.saves = append(hs.saves, s)
		return nil
	}
	term := Terminal{
		In: r, Out: hs.out, Env: []string{"TERM=xterm-256color"}, Width: w, Height: h,
		Options: []tea.ProgramOption{tea.WithoutSignalHandler(), tea.WithColorProfile(colorprofile.ANSI)},
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		defer close(hs.done)
		hs.result, hs.err = Run(ctx, cfg, term)
	}()
	// A test that stops early (t.Fatal) must still close the player, or
	// the bubble would end with goroutines left.
	t.Cleanup(func() {
		cancel()
		_ = hs.keys.Close()
		<-hs.done
	})
	synctest.Wait()
	return hs
}

// press types keys, by name ("enter", "space") or as text ("4"), and lets
// the player handle them.
func (hs *harness) press(keys ...string) {
	hs.t.Helper()
	for _, k := range keys {
		b, ok := keyBytes[k]
		if !ok {
			b = k
		}
		if _, err := io.WriteString(hs.keys, b); err != nil {
			hs.t.Fatalf("press %q: %v", k, err)
		}
		if k == "esc" {
			// A lone ESC is told from the start of a sequence by a
			// short wait.
			time.Sleep(100 * time.Millisecond)
		}
		synctest.Wait()
	}
}

// sleepUntil lets fake time run to d from the start.
func (hs *harness) sleepUntil(d time.Duration) {
	hs.t.Helper()
	now := time.Since(hs.start)
	if d < now {
		hs.t.Fatalf("sleepUntil(%v): already at %v", d, now)
	}
	time.Sleep(d - now)
	synctest.Wait()
}

// screen returns the screen showing now.
func (hs *harness) screen() shot {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if len(hs.shots) == 0 {
		return shot{}
	}
	return hs.shots[len(hs.shots)-1]
}

// want fails unless the screen showing now is s and shows every text.
func (hs *harness) want(s Screen, texts ...string) {
	hs.t.Helper()
	got := hs.screen()
	if got.screen != s {
		hs.t.Fatalf("screen at %v = %q, want %q; it shows:\n%s", time.Since(hs.start), got.screen, s, got.text)
	}
	for _, text := range texts {
		if !strings.Contains(got.text, text) {
			hs.t.Errorf("screen %q lacks %q; it shows:\n%s", s, text, got.text)
		}
	}
}

// screens lists the screens shown so far, in order, each as it first
// appeared.
func (hs *harness) screens() []shot {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	var out []shot
	for _, s := range hs.shots {
		if len(out) == 0 || out[len(out)-1].screen != s.screen {
			out = append(out, s)
		}
	}
	return out
}

func names(shots []shot) []Screen {
	var out []Screen
	for _, s := range shots {
		out = append(out, s.screen)
	}
	return out
}

// finish waits for the player to close and returns the sessions saved.
func (hs *harness) finish() []*backcare.Session {
	hs.t.Helper()
	synctest.Wait()
	select {
	case <-hs.done:
	default:
		hs.t.Fatalf("the player is still open on screen %q", hs.screen().screen)
	}
	_ = hs.keys.Close()
	if hs.err != nil {
		hs.t.Fatalf("Run: %v", hs.err)
	}
	hs.mu.Lock()
	defer hs.mu.Unlock()
	return hs.saves
}

// article compiles the article's routine, lower-back-relief.
func article(t *testing.T, o player.Options) *player.Timeline {
	t.Helper()
	cat := catalog.Builtin()
	r, err := cat.Routine("lower-back-relief")
	if err != nil {
		t.Fatal(err)
	}
	tl, err := player.Compile(r, o)
	if err != nil {
		t.Fatal(err)
	}
	return tl
}
