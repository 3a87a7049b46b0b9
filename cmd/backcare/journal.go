package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	_ "time/tzdata" // local times for people whose system has no zone files

	"github.com/spf13/cobra"

	"backcare"
	"backcare/postgres"
	"backcare/sqlite"
)

// defaultDatabase is $XDG_DATA_HOME/backcare/journal.db (or
// ~/.local/share/backcare/journal.db); "" if there is no home folder.
func (a *app) defaultDatabase() string {
	return a.xdgDir("XDG_DATA_HOME", filepath.Join(".local", "share"), "journal.db")
}

func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// journal opens the journal --database names, once; run closes it.
func (a *app) journal() (backcare.Journal, error) {
	if a.jnl != nil {
		return a.jnl, nil
	}
	db := a.database
	switch {
	case db == "" && a.defaultDatabase() != "":
		return nil, backcare.Errorf(backcare.EINVALID, "--database is empty, so backcare does not know which journal to open").
			WithHint("name a file (--database my-back.db) or leave --database out for your usual journal")
	case db == "":
		return nil, backcare.Errorf(backcare.EINVALID, "backcare cannot tell where to keep your journal: there is no home folder").
			WithHint("choose a file with --database PATH or BACKCARE_DATABASE")
	case isPostgres(db):
		j, err := postgres.Open(a.ctx, db)
		if err != nil {
			return nil, err
		}
		a.jnl = j
	default:
		if db == a.defaultDatabase() {
			// The default folder is ours to make; a folder someone named
			// with --database is not, in case of a typo.
			if err := os.MkdirAll(filepath.Dir(db), 0o700); err != nil {
				return nil, backcare.Errorf(backcare.EINVALID, "cannot make the folder for your journal: %v", unwrapPath(err)).
					WithHint("choose another place with --database PATH")
			}
		}
		j, err := sqlite.Open(a.ctx, db)
		if err != nil {
			return nil, err
		}
		a.jnl = j
	}
	return a.jnl, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// userJournal opens the journal and finds whose part of it the command
// reads and writes: the account --user names (account.go). Every command
// that touches a journal's records starts here.
func (a *app) userJournal() (backcare.Journal, string, error) {
	j, err := a.journal()
	if err != nil {
		return nil, "", err
	}
	uid, err := a.userID()
	if err != nil {
		return nil, "", err
	}
	return j, uid, nil
}

// bare drops the path from a file error, for messages that name it already.
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// location is where times are shown: $TZ if set (read through the
// injected environment, so tests choose it), else the system's zone.
func (a *app) location() (*time.Location, error) {
	tz := strings.TrimPrefix(a.getenv("TZ"), ":")
	if tz == "" {
		return time.Local, nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, backcare.Errorf(backcare.EINVALID, "the time zone TZ=%q is not one backcare knows", tz).
			WithHint("use a name such as Europe/London or America/New_York, or unset TZ")
	}
	return loc, nil
}

func (a *app) journalCmd() *cobra.Command {
	var (
		limit int
		all   bool
	)
	cmd := &cobra.Command{
		Use:   "journal",
		Short: "List your recent sessions, with your pain before and after",
		Long: `journal lists your most recent sessions: when you did them (your local time),
the routine, how long you held the stretches, your pain before and after
(0-10), and how the session ended.

Your journal is a file in your data folder unless --database names another
file, or a PostgreSQL server. Take it with you with ` + "`backcare journal export`" + `,
and bring it in on another computer with ` + "`backcare journal import`" + `.`,
		Example: `  backcare journal
  backcare journal --all
  backcare journal export -o my-back.json
  backcare journal export --format csv -o my-back.csv
  backcare journal import my-back.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 1 {
				return backcare.Errorf(backcare.EINVALID, "--limit %d shows nothing", limit).WithHint("give 1 or more, or use --all")
			}
			if all {
				limit = 0
			}
			return a.listJournal(limit)
		},
	}
	cmd.Flags().IntVarP(&limit, "limit", "n", 20, "how many recent sessions to show")
	cmd.Flags().BoolVar(&all, "all", false, "show every session")
	cmd.AddCommand(a.exportCmd(), a.importCmd())
	return cmd
}

var statusWords = map[backcare.Status]string{
	backcare.Completed:      "completed",
	backcare.StoppedForPain: "stopped for pain",
	backcare.Abandoned:      "stopped early",
	backcare.InProgress:     "not finished",
}

func (a *app) listJournal(limit int) error {
	loc, err := a.location()
	if err != nil {
		return err
	}
	j, uid, err := a.userJournal()
	if err != nil {
		return err
	}
	hs, err := j.History(a.ctx, uid, backcare.Filter{})
	if err != nil {
		return err
	}
	if len(hs) == 0 {
		_, err := fmt.Fprint(a.stdout, `Your journal is empty for now, and that is a fine place to start.

Play a routine and each session will show up here: the day, how long you held
the stretches, and how your back felt before and after. Play one here with
`+"`backcare start`"+`, or in your browser: run `+"`backcare`"+` and open the
address it prints.

Coming from another computer? Bring your journal along with
`+"`backcare journal import FILE`"+`.
`)
		return err
	}
	shown := hs
	if limit > 0 && len(shown) > limit {
		shown = shown[:limit]
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DATE\tROUTINE\tHELD\tPAIN\tSTATUS")
	// Oldest of those shown first, so the newest sits just above the prompt.
	for _, h := range slices.Backward(shown) {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", h.StartedAt.In(loc).Format("Mon 2 Jan 2006 15:04"), routineName(h),
			clock(h.Held), pain(h.PainBefore)+" -> "+pain(h.PainAfter), statusWords[h.Status])
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout)
	if len(shown) < len(hs) {
		fmt.Fprintf(a.stdout, "The %d most recent of %d sessions; see them all with --all.\n", len(shown), len(hs))
	}
	_, err = fmt.Fprintln(a.stdout, "HELD is minutes:seconds in the stretches; PAIN is 0 (none) to 10 (worst), before -> after.")
	return err
}

func routineName(h backcare.SessionSummary) string {
	if h.RoutineName != "" {
		return h.RoutineName
	}
	return h.RoutineID
}

func pain(p *int) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

func (a *app) exportCmd() *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write your whole journal to a file, as JSON or CSV",
		Long: `export writes everything in your journal: JSON keeps every detail and imports
back exactly (` + "`backcare journal import`" + `); CSV has one row per session, for a
spreadsheet, with dates in your local time.

Without -o it writes to the screen (standard output). The format follows the
file's ending (.json or .csv) unless --format says otherwise.`,
		Example: `  backcare journal export -o my-back.json
  backcare journal export --format csv -o my-back.csv
  backcare journal export | less`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "" {
				format = "json"
				if strings.EqualFold(filepath.Ext(out), ".csv") {
					format = "csv"
				}
			}
			if format != "json" && format != "csv" {
				return backcare.Errorf(backcare.EINVALID, "--format %q is not json or csv", format).
					WithHint("json keeps everything and imports back; csv is for spreadsheets")
			}
			j, uid, err := a.userJournal()
			if err != nil {
				return err
			}
			var data []byte
			var n int
			switch format {
			case "json":
				arch, err := j.Export(a.ctx, uid)
				if err != nil {
					return err
				}
				if data, err = arch.MarshalJSON(); err != nil {
					return err
				}
				n = len(arch.Sessions)
			case "csv":
				loc, err := a.location()
				if err != nil {
					return err
				}
				hs, err := j.History(a.ctx, uid, backcare.Filter{})
				if err != nil {
					return err
				}
				slices.Reverse(hs) // oldest first, as a spreadsheet reads
				var b strings.Builder
				if err := backcare.WriteCSV(&b, hs, loc); err != nil {
					return err
				}
				data, n = []byte(b.String()), len(hs)
			}
			if out == "" || out == "-" {
				_, err := a.stdout.Write(data)
				return err
			}
			if err := writePrivateFile(out, data); err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.stdout, "Wrote %s to %s.\n", plural(n, "session", "sessions"), out)
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "json (everything, imports back) or csv (one row per session)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write; - or nothing for the screen")
	return cmd
}

func (a *app) importCmd() *cobra.Command {
	var shift bool
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Add the sessions of an exported journal (JSON) to yours",
		Long: `import reads a journal written by ` + "`backcare journal export`" + ` and adds every
session, PEG entry, screening and programme step that is not in your journal
yet. Importing the same file twice adds nothing the second time.

It checks the whole file first and changes nothing if anything in it is
wrong, telling you which record and what to fix. Your settings are taken from
the file only if you have not chosen any yet. Use - to read standard input.

--shift-to-now moves every date in the file by whole days, so that its newest
record is today (at the same time of day): the sample journal then reads as
the last eight weeks rather than the weeks it was written in.`,
		Example: `  backcare journal import my-back.json
  backcare journal import --shift-to-now testdata/sample-journal.json`,
		Args: exactArgs("file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			var data []byte
			var err error
			if name == "-" {
				data, err = io.ReadAll(io.LimitReader(a.stdin, backcare.MaxArchiveSize+1))
			} else {
				data, err = os.ReadFile(name)
			}
			if err != nil {
				return backcare.Errorf(backcare.EINVALID, "cannot read %s: %v", name, bare(err)).
					WithHint("check the file name")
			}
			arch, err := backcare.ParseArchive(data)
			if err != nil {
				return inFile(err, name)
			}
			if shift {
				loc, err := a.location()
				if err != nil {
					return err
				}
				if d := arch.ShiftToNow(a.now(), loc); d > 0 {
					fmt.Fprintf(a.stdout, "Moved every date %d days on, so the newest is today.\n", int(d.Hours()/24+0.5))
				}
			}
			j, uid, err := a.userJournal()
			if err != nil {
				return err
			}
			arch.ForUser(uid)
			res, err := j.Import(a.ctx, arch)
			if err != nil {
				return inFile(err, name)
			}
			return a.reportImport(name, res)
		},
	}
	cmd.Flags().BoolVar(&shift, "shift-to-now", false, "move the dates by whole days so the newest record is today (for the sample journal)")
	return cmd
}

// inFile puts the file's name in front of the record an error names.
func inFile(err error, name string) error {
	var e *backcare.Error
	if !errors.As(err, &e) || e.Code == backcare.EINTERNAL {
		return err
	}
	c := *e
	if c.Where != "" {
		c.Where = name + ": " + c.Where
	} else {
		c.Where = name
	}
	return &c
}

func (a *app) reportImport(name string, res backcare.ImportResult) error {
	var parts []string
	if res.Sessions > 0 {
		parts = append(parts, plural(res.Sessions, "session", "sessions"))
	}
	if res.PEGs > 0 {
		parts = append(parts, plural(res.PEGs, "weekly PEG check-in", "weekly PEG check-ins"))
	}
	if res.Screenings > 0 {
		parts = append(parts, plural(res.Screenings, "safety screening", "safety screenings"))
	}
	if res.PhaseChanges > 0 {
		parts = append(parts, plural(res.PhaseChanges, "programme step", "programme steps"))
	}
	if res.Settings {
		parts = append(parts, "your settings")
	}
	if len(parts) == 0 {
		_, err := fmt.Fprintf(a.stdout, "Nothing new in %s: everything in it is already in your journal.\n", name)
		return err
	}
	list := parts[0]
	if len(parts) > 1 {
		list = strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	_, err := fmt.Fprintf(a.stdout, "Added %s from %s.\nSee your recent sessions with `backcare journal`.\n", list, name)
	return err
}
