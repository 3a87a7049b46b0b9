package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"backcare"
	"backcare/catalog"
)

func (a *app) validateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check routine and pose files before you use them",
		Long: `Validate checks catalog files (YAML) the way backcare loads them: every field,
every duration, and every pose a routine names. The files are checked
together against the built-in catalog and the files of your catalog folder,
with the same checks loading makes (figures too), so a routine may use poses
defined in another file named on the same line or in the folder. Nothing is
saved.

Put files that pass into your catalog folder (--catalog) to use them.`,
		Example: `  backcare validate my-routine.yaml
  backcare validate poses.yaml evening.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return backcare.Errorf(backcare.EINVALID, "validate needs at least one FILE").WithHint("usage: %s", cmd.UseLine())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := catalog.Validate(a.catalogDir, args, catalogOptions()...)
			if c != nil {
				a.warnSkipped(c)
			}
			if err != nil {
				return err
			}
			for _, name := range args {
				fmt.Fprintf(a.stdout, "%s: ok\n", name)
			}
			_, err = fmt.Fprintf(a.stdout, "%d poses and %d routines in all, built-in ones included.\n", len(c.Poses()), len(c.Routines()))
			return err
		},
	}
}
