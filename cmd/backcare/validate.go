package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

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
together against the built-in catalog, so a routine may use poses defined in
another file named on the same line. Nothing is saved.

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
			files := make(map[string][]byte, len(args))
			for _, name := range args {
				data, err := os.ReadFile(name)
				if err != nil {
					hint := "check the path"
					if errors.Is(err, fs.ErrPermission) {
						hint = "check the file's permissions"
					}
					return backcare.Errorf(backcare.EINVALID, "cannot read %s: %v", name, errors.Unwrap(err)).WithHint("%s", hint)
				}
				files[name] = data
			}
			base := catalog.Builtin()
			c := base.Clone()
			if err := c.AddFiles(files); err != nil {
				return err
			}
			for _, name := range args {
				fmt.Fprintf(a.stdout, "%s: ok\n", name)
			}
			_, err := fmt.Fprintf(a.stdout, "%d poses and %d routines in all, built-in ones included.\n", len(c.Poses()), len(c.Routines()))
			return err
		},
	}
}
