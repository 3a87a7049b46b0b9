package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of backcare",
		Long: `Version prints backcare's version: the module version and the revision of the
source it was built from, as the Go toolchain recorded them in the binary.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			info, _ := debug.ReadBuildInfo()
			_, err := fmt.Fprintf(a.stdout, "backcare %s (%s, %s/%s)\n", versionOf(version, info), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}

// buildVersion is the version the web app shows in its footer and names
// its service worker's cache with.
func buildVersion() string {
	info, _ := debug.ReadBuildInfo()
	return versionOf(version, info)
}

// versionOf is the version to show: the one set with -ldflags, else the
// module version the toolchain recorded (a tag, or a pseudo-version built
// from the commit), followed by the VCS revision and whether the tree had
// changes. Without build information it is the ldflags value, "dev" by
// default.
func versionOf(ldflag string, info *debug.BuildInfo) string {
	if info == nil {
		return ldflag
	}
	v := ldflag
	if v == "dev" && info.Main.Version != "" {
		v = info.Main.Version // "(devel)" when the toolchain knew no better
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		if v == "(devel)" {
			// Built outside a git checkout, or with -buildvcs=false (which
			// some machines set in GOFLAGS).
			return v + ", no revision recorded"
		}
		return v
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v += ", revision " + rev
	if modified == "true" {
		v += " with local changes"
	}
	return v
}
