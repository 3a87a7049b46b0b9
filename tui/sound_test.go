package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backcare/player"
)

// fakeEspeak is a stand-in for espeak-ng that logs what it is asked to say
// and "speaks" for five seconds while holding a lock directory, so that a
// second utterance starting while one is still running shows as OVERLAP.
const fakeEspeak = `#!/bin/sh
dir=$(dirname "$0")
text=$(cat)
trap 'kill $! 2>/dev/null; echo "cut $text" >> "$dir/log"; rmdir "$dir/lock"; exit 0' TERM
mkdir "$dir/lock" 2>/dev/null || echo "OVERLAP $text" >> "$dir/log"
echo "start $text ($*)" >> "$dir/log"
sleep 5 &
wait
echo "end $text" >> "$dir/log"
rmdir "$dir/lock"
`

func espeakLog(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "log"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(b)
}

// waitLog waits (in real time: a real program runs) until the log holds s.
func waitLog(t *testing.T, dir, s string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(espeakLog(t, dir), s) {
		if time.Now().After(deadline) {
			t.Fatalf("espeak-ng log never showed %q:\n%s", s, espeakLog(t, dir))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestEspeakCutsAndNeverOverlaps(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "espeak-ng")
	if err := os.WriteFile(path, []byte(fakeEspeak), 0o755); err != nil {
		t.Fatal(err)
	}
	e := newEspeak(path, "en-gb")
	start := time.Now()
	e.Say("Hold for 1 minute.")
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("Say took %v: it must not wait for speech", d)
	}
	waitLog(t, dir, "start Hold for 1 minute. (-v en-gb --stdin)")
	e.Say("Halfway.") // cuts the first
	waitLog(t, dir, "start Halfway.")
	// A burst: whatever is dropped or cut, the newest is said last.
	e.Say("3")
	e.Say("2")
	e.Say("1")
	waitLog(t, dir, "start 1 ")
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	e.Say("after close") // ignored, no panic
	log := espeakLog(t, dir)
	if strings.Contains(log, "OVERLAP") {
		t.Errorf("two utterances ran at once:\n%s", log)
	}
	for _, want := range []string{"cut Hold for 1 minute.", "cut Halfway.", "cut 1"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	lines := strings.Split(strings.TrimSpace(log), "\n")
	if last := lines[len(lines)-2]; !strings.HasPrefix(last, "start 1 ") {
		t.Errorf("the last utterance started was %q, want the newest, 1", last)
	}
	if strings.Contains(log, "after close") {
		t.Errorf("spoke after Close:\n%s", log)
	}
}

func TestNewEspeakChecksTheVoice(t *testing.T) {
	if _, err := os.Stat("/usr/bin/espeak-ng"); err != nil {
		t.Skip("espeak-ng is not installed")
	}
	if _, err := NewEspeak("nosuchvoice"); err == nil || !strings.Contains(err.Error(), "espeak-ng --voices") {
		t.Errorf("NewEspeak(nosuchvoice) error = %v, want one pointing to espeak-ng --voices", err)
	}
	e, err := NewEspeak("en-gb")
	if err != nil {
		t.Fatalf("NewEspeak(en-gb): %v", err)
	}
	_ = e.Close()
}

func TestRings(t *testing.T) {
	tests := []struct {
		tone player.Tone
		want bool
	}{
		{player.GetReady, true}, {player.Start, true}, {player.End, true},
		{player.Half, false}, {player.Countdown, false},
	}
	for _, tt := range tests {
		if got := rings(tt.tone); got != tt.want {
			t.Errorf("rings(%q) = %v, want %v", tt.tone, got, tt.want)
		}
	}
}
