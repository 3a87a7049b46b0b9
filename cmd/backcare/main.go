// Command backcare is an offline coach for lower-back care: it serves the
// web app, plays routines in the terminal, prints pose charts and keeps the
// pain journal. Run "backcare --help" for the commands.
//
// This is the only package that wires the others together.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"backcare"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr) }()
	os.Exit(wait(ctx, done, grace, stop, os.Stderr))
}

// grace is how long a command has, after Ctrl-C or SIGTERM, to finish on
// its own (the terminal player restores the screen, a server answers what
// it is answering) before the process ends anyway: well under the second a
// person waits. Nothing acknowledged is lost by ending: every journal
// write is one transaction.
const grace = 600 * time.Millisecond

// wait waits for run's result on done, or, once ctx is cancelled by a
// signal, for at most grace more; it returns the exit code. stop undoes
// the signal handling, so that a second Ctrl-C during the grace ends the
// process at once, as people expect.
func wait(ctx context.Context, done <-chan error, grace time.Duration, stop func(), stderr io.Writer) int {
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		stop()
		select {
		case err = <-done:
		case <-time.After(grace):
			fmt.Fprintln(stderr, "backcare: stopped")
			return exitInterrupted
		}
	}
	stop()
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "backcare: stopped")
		return exitInterrupted
	}
	return report(err, stderr)
}

// Exit codes.
const (
	exitOK       = 0
	exitInternal = 1 // a bug or an outage
	exitBadInput = 2 // the person asked for something that cannot be done as asked
	// exitInterrupted is the shell's code for a process ended by SIGINT.
	exitInterrupted = 130
)

// report writes err to stderr (one line, plus a hint line when there is one)
// and returns the exit code. It is the one place errors become output.
func report(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	code := backcare.ErrorCode(err)
	if code == backcare.EINTERNAL {
		fmt.Fprintf(stderr, "backcare: %s\n", backcare.ErrorMessage(err))
		fmt.Fprintf(stderr, "  detail: %v\n", err)
		return exitInternal
	}
	if ps, ok := asProblems(err); ok {
		for _, p := range ps {
			printError(stderr, p)
		}
		return exitBadInput
	}
	var e *backcare.Error
	if asError(err, &e) {
		printError(stderr, e)
	}
	return exitBadInput
}

func printError(w io.Writer, e *backcare.Error) {
	msg := e.Message
	if e.Where != "" {
		msg = e.Where + ": " + msg
	}
	fmt.Fprintf(w, "backcare: %s\n", msg)
	if e.Hint != "" {
		fmt.Fprintf(w, "  hint: %s\n", e.Hint)
	}
}
