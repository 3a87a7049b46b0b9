package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"backcare"
)

// TestMain lets a test run the real main in a child process: with
// BACKCARE_TEST_MAIN set, the test binary is backcare, with those
// arguments.
func TestMain(m *testing.M) {
	if args := os.Getenv("BACKCARE_TEST_MAIN"); args != "" {
		os.Args = append([]string{"backcare"}, strings.Fields(args)...)
		main()
		return
	}
	os.Exit(m.Run())
}

// TestSignalsEndEveryCommand starts backcare as a child process, waits
// until it is busy (waiting for an answer that never comes, or serving),
// signals it, and waits for it to end. The bound is generous and only
// stops a hung test; the test does not time the exit.
func TestSignalsEndEveryCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	tests := []struct {
		name  string
		args  string
		ready string // what the child prints once it is busy
		sig   syscall.Signal
	}{
		{"check waiting for an answer, SIGTERM", "check", "1 of ", syscall.SIGTERM},
		{"check waiting for an answer, Ctrl-C", "check", "1 of ", syscall.SIGINT},
		{"peg waiting for an answer, SIGTERM", "peg", "?", syscall.SIGTERM},
		{"serve, SIGTERM", "serve --addr 127.0.0.1:0", "http://", syscall.SIGTERM},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "BACKCARE_TEST_MAIN="+tt.args, "HOME="+home,
				"BACKCARE_DATABASE="+filepath.Join(home, "journal.db"), "BACKCARE_CATALOG="+filepath.Join(home, "catalog"))
			stdin, err := cmd.StdinPipe() // never written to: the child waits on it
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = stdin.Close() }()
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = cmd.Stdout
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			ready := make(chan struct{})
			go func() {
				r := bufio.NewReader(out)
				var seen strings.Builder
				signalled := false
				buf := make([]byte, 256)
				for {
					n, err := r.Read(buf)
					seen.Write(buf[:n])
					if !signalled && strings.Contains(seen.String(), tt.ready) {
						signalled = true
						close(ready)
					}
					if err != nil {
						if !signalled {
							t.Errorf("the child ended before it was busy:\n%s", seen.String())
							close(ready)
						}
						_, _ = io.Copy(io.Discard, r)
						return
					}
				}
			}()
			<-ready
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case err := <-exited: // it ended, with whatever code it chose
				t.Logf("backcare %s after %v: %v", tt.args, tt.sig, err)
			case <-time.After(time.Minute):
				_ = cmd.Process.Kill()
				t.Log(<-exited)
				t.Fatalf("backcare %s did not end after %v", tt.args, tt.sig)
			}
		})
	}
}

// TestWait checks how main ends once it has been signalled: what run
// returns in time is reported; a run that does not return is left behind.
func TestWait(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name   string
		ctx    context.Context
		result error // sent on done; nil with never set sends nothing
		never  bool
		want   int
	}{
		{"ends by itself", context.Background(), nil, false, exitOK},
		{"bad input", context.Background(), backcare.Errorf(backcare.EINVALID, "no"), false, exitBadInput},
		{"stops on the signal", canceled, context.Canceled, false, exitInterrupted},
		{"does not stop", canceled, nil, true, exitInterrupted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			if !tt.never {
				done <- tt.result
			}
			stopped := false
			var stderr strings.Builder
			// A grace of zero: the test never waits on a clock.
			if got := wait(tt.ctx, done, 0, func() { stopped = true }, &stderr); got != tt.want {
				t.Errorf("wait = %d, want %d (stderr %q)", got, tt.want, stderr.String())
			}
			if !stopped {
				t.Errorf("wait did not undo the signal handling")
			}
		})
	}
}
