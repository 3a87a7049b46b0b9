package main

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"backcare"
	"backcare/catalog"
	"backcare/pdf"
)

func (a *app) chartCmd() *cobra.Command {
	var out, paper string
	cmd := &cobra.Command{
		Use:   "chart [ROUTINE]",
		Short: "Print a routine's pose chart as a PDF",
		Long: `Chart writes a printable pose chart of a routine (by default the article's
routine, lower-back-relief): a picture of every pose with its hold, short
steps, what you should feel and when to stop.

The paper is A4, or US Letter where the locale uses it (LC_PAPER, LC_ALL or
LANG such as en_US); --paper chooses. The file is ./ROUTINE-chart.pdf unless
-o names another; -o - writes the PDF to standard output.`,
		Example: `  backcare chart
  backcare chart lower-back-relief --paper letter
  backcare chart -o ~/Desktop/stretches.pdf
  backcare chart -o - | lp`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := catalog.DefaultRoutine
			if len(args) == 1 {
				id = args[0]
			}
			if paper == "" {
				paper = localePaper(a.getenv)
			}
			if !slices.Contains(pdf.Papers, strings.ToLower(paper)) {
				return backcare.Errorf(backcare.EINVALID, "--paper %q is not a paper size backcare knows", paper).
					WithHint("use --paper a4 or --paper letter")
			}
			cat, err := a.catalog()
			if err != nil {
				return err
			}
			r, err := cat.Routine(id)
			if err != nil {
				return err
			}
			if out == "" {
				out = r.ID + "-chart.pdf"
			}
			var buf bytes.Buffer
			if err := pdf.Chart(&buf, r, pdf.Options{Paper: paper, Now: a.now()}); err != nil {
				return err
			}
			if out == "-" {
				_, err := buf.WriteTo(a.stdout)
				return err
			}
			if err := writePrivateFile(out, buf.Bytes()); err != nil {
				return err
			}
			_, err = a.stdout.Write([]byte("Wrote " + out + "\n"))
			return err
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", a.getenv("BACKCARE_CHART_OUTPUT"), "file to write, or - for standard output (default ./ROUTINE-chart.pdf) [BACKCARE_CHART_OUTPUT]")
	cmd.Flags().StringVar(&paper, "paper", a.getenv("BACKCARE_PAPER"), "paper size: a4 or letter (default from the locale) [BACKCARE_PAPER]")
	return cmd
}

// now is the clock of printed documents. SOURCE_DATE_EPOCH (seconds since
// 1970, the reproducible-builds convention) fixes it, so the same chart
// gives the same file; tests use it too.
func (a *app) now() time.Time {
	if s := a.getenv("SOURCE_DATE_EPOCH"); s != "" {
		if secs, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(secs, 0).UTC()
		}
	}
	return time.Now()
}

// letterTerritories use US Letter paper (the territories glibc's LC_PAPER
// gives letter).
var letterTerritories = []string{"US", "CA", "MX", "PH", "CL", "CO", "CR", "GT", "NI", "PA", "PR", "SV", "VE", "DO", "BZ"}

// localePaper returns "letter" when the locale's territory uses it, else
// "a4". LC_ALL overrides LC_PAPER, which overrides LANG, as in POSIX.
func localePaper(getenv func(string) string) string {
	loc := ""
	for _, name := range []string{"LC_ALL", "LC_PAPER", "LANG"} {
		if v := getenv(name); v != "" {
			loc = v
			break
		}
	}
	// en_US.UTF-8@euro -> US
	loc, _, _ = strings.Cut(loc, ".")
	loc, _, _ = strings.Cut(loc, "@")
	if _, territory, ok := strings.Cut(loc, "_"); ok && slices.Contains(letterTerritories, strings.ToUpper(territory)) {
		return "letter"
	}
	return "a4"
}

// maxArgs allows up to n arguments.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return backcare.Errorf(backcare.EINVALID, "%s takes at most %d argument(s), got %d", cmd.CommandPath(), n, len(args)).
				WithHint("usage: %s", cmd.UseLine())
		}
		return nil
	}
}
