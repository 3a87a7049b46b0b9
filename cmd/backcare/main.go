// Command backcare is an offline coach for lower-back care: it serves the
// web app, plays routines in the terminal, prints pose charts and keeps the
// pain journal. Run "backcare --help" for the commands.
//
// This is the only package that wires the others together.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"backcare"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(report(err, os.Stderr))
}

// Exit codes.
const (
	exitOK       = 0
	exitInternal = 1 // a bug or an outage
	exitBadInput = 2 // the person asked for something that cannot be done as asked
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
