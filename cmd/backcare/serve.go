package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"backcare"
	"backcare/calendar"
	"backcare/pdf"
	"backcare/programme"
	"backcare/web"
)

// defaultAddr is where the web app listens unless told otherwise: loopback
// only, so a laptop never shows its journal to the network by accident.
const defaultAddr = "127.0.0.1:8080"

func (a *app) serveCmd() *cobra.Command {
	var (
		addr string
		open bool
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web app (the same as running backcare with no command)",
		Long: `Serve runs backcare's web app: today's plan, the routines with their
figures, the guided player, your journal, the safety check and what to learn
about the lower back. It prints the address to open; Ctrl-C stops it.

It keeps nothing in memory between requests, so several copies may serve one
PostgreSQL journal.`,
		Example: `  backcare serve
  backcare serve --addr 127.0.0.1:9000 --open`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.serve(addr, open)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", a.env("BACKCARE_ADDR", defaultAddr), "address to listen on [BACKCARE_ADDR]")
	cmd.Flags().BoolVar(&open, "open", false, "open the app in your web browser")
	return cmd
}

// serve runs the web app until the context ends (Ctrl-C), then lets the
// requests under way finish.
func (a *app) serve(addr string, open bool) error {
	cat, err := a.catalog()
	if err != nil {
		return err
	}
	j, err := a.journal()
	if err != nil {
		return err
	}
	loc, err := a.location()
	if err != nil {
		return err
	}
	prog, err := programme.New(cat)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	paper := localePaper(a.getenv)
	h := web.NewServer(web.Deps{
		Catalog:         cat,
		CatalogProblems: cat.Skipped(),
		Journal:         j,
		Figures:         true, // the catalog was loaded with figure.Check
		Programme:       prog,
		Location:        loc,
		Now:             a.now,
		Chart: func(w io.Writer, r backcare.Routine) error {
			return pdf.Chart(w, r, pdf.Options{Paper: paper, Now: a.now()})
		},
		Calendar: a.webCalendar,
		Version:  buildVersion(),
		Logger:   logger,
	})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return backcare.Errorf(backcare.EINVALID, "cannot listen on %s: %v", addr, errors.Unwrap(err)).
			WithHint("another program may be using it; choose another address with --addr, e.g. 127.0.0.1:8081")
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	// Loading the catalog, checking every figure and opening the journal
	// leave garbage behind; give it back before waiting for requests, so
	// an idle server stays small.
	debug.FreeOSMemory()
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(a.stdout, "backcare is running at %s\nOpen it in your browser; press Ctrl-C to stop.\n", url)
	if open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(a.stderr, "backcare: could not open a browser (%v); open %s yourself\n", err, url)
		}
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-a.ctx.Done():
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("serve: shut down: %w", err)
	}
	fmt.Fprintln(a.stdout, "backcare stopped. Your journal is saved.")
	return nil
}

// openBrowser asks the desktop to open url.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// webCalendar writes the web app's calendar download with the code of
// `backcare schedule --ics`: the strength days are BACKCARE_DAYS (Monday,
// Wednesday and Friday by default), the rest comes from the page. A zone
// without a name (the system's, when TZ is not set) is named the way the
// command names it.
func (a *app) webCalendar(w io.Writer, req web.CalendarRequest) error {
	loc := req.Location
	if loc == nil || loc.String() == "Local" {
		var err error
		if loc, _, err = a.calendarZone(""); err != nil {
			return err
		}
	}
	days, err := weekdays(a.env("BACKCARE_DAYS", "mon,wed,fri"))
	if err != nil {
		return err
	}
	_, cp, err := a.practiceCalendar(req.Phase, loc, req.Now, practiceTimes{
		hour: req.DailyHour, minute: req.DailyMinute,
		strengthHour: req.StrengthHour, strengthMinute: req.StrengthMinute,
		days: days, remind: req.Remind, weeks: req.Weeks,
	})
	if err != nil {
		return err
	}
	return calendar.Write(w, cp)
}
