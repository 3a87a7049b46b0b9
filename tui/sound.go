package tui

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"backcare"
	"backcare/player"
)

// rings reports whether a cue of this tone rings the bell: the cues that
// start and end effort, and "get ready". Countdown numbers and "halfway"
// stay quiet, so the bell means "change what you are doing".
func rings(t player.Tone) bool {
	switch t {
	case player.GetReady, player.Start, player.End:
		return true
	}
	return false
}

// Espeak is a Speaker that runs the espeak-ng program, one utterance at a
// time. It never blocks the player: texts go to a goroutine that stops
// the utterance still playing (if any) before starting the next.
type Espeak struct {
	path  string
	voice string

	mu     sync.Mutex
	closed bool
	texts  chan string
	done   chan struct{}
}

// ErrNoEspeak is returned by NewEspeak when espeak-ng is not installed.
var ErrNoEspeak = errors.New("espeak-ng is not installed")

// NewEspeak returns a Speaker for the named espeak-ng voice ("" for the
// default). It checks that the program and the voice exist.
func NewEspeak(voice string) (*Espeak, error) {
	path, err := exec.LookPath("espeak-ng")
	if err != nil {
		return nil, ErrNoEspeak
	}
	if voice != "" {
		// -q checks the voice without making a sound.
		check := exec.Command(path, "-q", "-v", voice, "--stdin")
		check.Stdin = strings.NewReader("")
		var stderr bytes.Buffer
		check.Stderr = &stderr
		if err := check.Run(); err != nil {
			return nil, backcare.Errorf(backcare.EINVALID, "espeak-ng has no voice called %q", voice).
				WithHint("run `espeak-ng --voices` to list the voices, or leave --voice out for the default")
		}
	}
	return newEspeak(path, voice), nil
}

func newEspeak(path, voice string) *Espeak {
	e := &Espeak{path: path, voice: voice, texts: make(chan string, 1), done: make(chan struct{})}
	go e.loop()
	return e
}

// Say speaks text, cutting off what is still being said.
func (e *Espeak) Say(text string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return
	}
	// The channel holds at most the one newest text: an older text that
	// was never started is dropped, since it is already out of date.
	for {
		select {
		case e.texts <- text:
			return
		default:
		}
		select {
		case <-e.texts:
		default:
		}
	}
}

// Close stops any speech and ends the speaker.
func (e *Espeak) Close() error {
	e.mu.Lock()
	if !e.closed {
		e.closed = true
		close(e.texts)
	}
	e.mu.Unlock()
	<-e.done
	return nil
}

// utterance is one running espeak-ng.
type utterance struct {
	cmd    *exec.Cmd
	exited chan struct{}
}

// stop ends u and waits until it has gone, so two are never heard at once.
func (u *utterance) stop() {
	if u == nil {
		return
	}
	select {
	case <-u.exited:
		return
	default:
	}
	_ = u.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-u.exited:
	case <-time.After(time.Second):
		_ = u.cmd.Process.Kill()
		<-u.exited
	}
}

func (e *Espeak) loop() {
	defer close(e.done)
	var cur *utterance
	for text := range e.texts {
		cur.stop()
		cur = nil
		args := []string{"--stdin"}
		if e.voice != "" {
			args = append([]string{"-v", e.voice}, args...)
		}
		cmd := exec.Command(e.path, args...)
		cmd.Stdin = strings.NewReader(text)
		// Stdout and stderr stay nil (the null device): espeak-ng's
		// complaints about a missing sound card must not reach the screen.
		if err := cmd.Start(); err != nil {
			continue
		}
		u := &utterance{cmd: cmd, exited: make(chan struct{})}
		go func() {
			_ = cmd.Wait()
			close(u.exited)
		}()
		cur = u
	}
	cur.stop()
}

// String describes the speaker for the screen.
func (e *Espeak) String() string {
	if e.voice == "" {
		return "espeak-ng"
	}
	return fmt.Sprintf("espeak-ng (%s)", e.voice)
}
