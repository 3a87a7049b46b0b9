package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"backcare"
	"backcare/catalog"
	"backcare/figure"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// app carries what every subcommand needs: the outside world (injected, so
// tests can call run directly) and what the global flags chose.
type app struct {
	ctx    context.Context
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	catalogDir string
	database   string // --database: a file path or a postgres:// URL
	userName   string // --user: whose journal (account.go)
	envErr     error  // the first BACKCARE_* variable that could not be read

	cat  *catalog.Catalog  // loaded on first use
	jnl  backcare.Journal  // opened on first use (journal.go), closed when run ends
	acct *backcare.Account // --user's account, found on first use (account.go)
}

// run is the whole program: main only adds the process around it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	a := &app{ctx: ctx, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	_, err := root.ExecuteContextC(ctx)
	if a.jnl != nil {
		if cerr := a.jnl.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

func (a *app) rootCmd() *cobra.Command {
	var bare serveOptions // backcare with no command serves, and takes serve's flags
	root := &cobra.Command{
		Use:   "backcare",
		Short: "An offline coach for lower-back care",
		Long: `backcare guides you through gentle routines for a sore lower back: timed
one-minute holds at an easy 5 out of 10, spoken cues, pose charts to print,
and a journal of your pain before and after.

It is self-care education, not a diagnosis. After a serious injury or accident,
see a doctor first; stop at once on sharp pain, numbness or tingling.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		// With no command, backcare serves the web app: the one thing most
		// people want, and what README.md's first command does.
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.serve(bare)
		},
		// A BACKCARE_* variable that is not what its flag takes is found
		// when the flags are made; it is reported before any command runs.
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error { return a.envErr },
	}
	a.serveFlags(root.Flags(), &bare)
	root.CompletionOptions.HiddenDefaultCmd = true
	root.SetFlagErrorFunc(flagError)
	root.PersistentFlags().StringVar(&a.catalogDir, "catalog", a.env("BACKCARE_CATALOG", a.xdgDir("XDG_CONFIG_HOME", ".config", "catalog")),
		"folder of your own poses and routines (YAML) [BACKCARE_CATALOG]")
	root.PersistentFlags().StringVar(&a.database, "database", a.env("BACKCARE_DATABASE", a.defaultDatabase()),
		"your journal: a file, or postgres://USER:PASS@HOST/DB for a shared server [BACKCARE_DATABASE]")
	root.PersistentFlags().StringVar(&a.userName, "user", a.env("BACKCARE_USER", localName),
		"the account `NAME` whose journal to read and write, when several share one [BACKCARE_USER]")
	for _, add := range commands {
		root.AddCommand(add(a))
	}
	return root
}

// commands lists every subcommand; each lives in its own file.
var commands = []func(*app) *cobra.Command{
	(*app).routinesCmd,
	(*app).posesCmd,
	(*app).showCmd,
	(*app).validateCmd,
	(*app).chartCmd,
	(*app).startCmd,
	(*app).versionCmd,
	(*app).journalCmd,
	(*app).checkCmd,
	(*app).todayCmd,
	(*app).pegCmd,
	(*app).scheduleCmd,
	(*app).serveCmd,
	(*app).accountCmd,
}

// env returns the environment variable name, or def if it is unset.
func (a *app) env(name, def string) string {
	if v := a.getenv(name); v != "" {
		return v
	}
	return def
}

// envBool reads a yes-or-no variable: false when unset.
func (a *app) envBool(name string) bool { return a.envBoolDefault(name, false) }

// envBoolDefault reads a yes-or-no variable (1, true, yes, on / 0, false,
// no, off), or def when it is unset. Anything else is remembered in envErr.
func (a *app) envBoolDefault(name string, def bool) bool {
	switch v := strings.ToLower(strings.TrimSpace(a.getenv(name))); v {
	case "":
		return def
	case "1", "true", "yes", "on":
		return true
	case "0", "false", "no", "off":
		return false
	default:
		if a.envErr == nil {
			a.envErr = backcare.Errorf(backcare.EINVALID, "%s=%q is not yes or no", name, a.getenv(name)).
				WithHint("set it to true or false, or unset it")
		}
		return def
	}
}

// splitList splits a comma-separated variable; nil when it is empty.
func splitList(s string) []string {
	var out []string
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// xdgDir returns $VAR/backcare/sub, or ~/fallback/backcare/sub when VAR is
// unset (the XDG base directory rules), read through the injected getenv.
func (a *app) xdgDir(variable, fallback, sub string) string {
	base := a.getenv(variable)
	if base == "" || !filepath.IsAbs(base) {
		home := a.getenv("HOME")
		if home == "" {
			var err error
			if home, err = os.UserHomeDir(); err != nil {
				return ""
			}
		}
		base = filepath.Join(home, fallback)
	}
	return filepath.Join(base, "backcare", sub)
}

// catalog loads the built-in catalog plus the person's own folder, once.
func (a *app) catalog() (*catalog.Catalog, error) {
	if a.cat != nil {
		return a.cat, nil
	}
	c, err := catalog.Load(a.catalogDir, catalogOptions()...)
	if err != nil {
		return nil, err
	}
	a.cat = c
	return c, nil
}

// catalogOptions are the checks the wiring adds to every catalog: every
// pose's figure must be drawable (the catalog cannot import figure).
func catalogOptions() []catalog.Option {
	return []catalog.Option{catalog.WithFigureCheck(figure.Check)}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return backcare.Errorf(backcare.EINVALID, "unknown command %q", args[0]).
			WithHint("run `%s --help` to see the commands", cmd.CommandPath())
	}
	return nil
}

// exactArgs wants n arguments, named for the error message.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < len(names) {
			return backcare.Errorf(backcare.EINVALID, "%s needs %s", cmd.CommandPath(), strings.ToUpper(names[len(args)])).
				WithHint("usage: %s", cmd.UseLine())
		}
		if len(args) > len(names) {
			return backcare.Errorf(backcare.EINVALID, "%s takes %d argument(s), got %d", cmd.CommandPath(), len(names), len(args)).
				WithHint("usage: %s", cmd.UseLine())
		}
		return nil
	}
}

func flagError(cmd *cobra.Command, err error) error {
	return backcare.Errorf(backcare.EINVALID, "%v", err).WithHint("run `%s --help` to see its flags", cmd.CommandPath())
}

func asProblems(err error) (catalog.Problems, bool) {
	var ps catalog.Problems
	ok := errors.As(err, &ps)
	return ps, ok
}

func asError(err error, target **backcare.Error) bool { return errors.As(err, target) }
