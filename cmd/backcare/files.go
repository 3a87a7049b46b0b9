package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"backcare"
)

// privateMode is the mode of every file backcare writes: health data, for
// its owner alone.
const privateMode fs.FileMode = 0o600

// writePrivateFile writes a file of the person's own data: a journal
// export, a pose chart, a calendar, anything backcare writes for them. It
// is readable and writable by its owner only (0600), whatever the umask,
// and a file it replaces ends up so too; and it is written to a temporary
// file in the same folder and renamed into place, so that a failure never
// leaves a half-written file. Every file backcare writes goes through here.
func writePrivateFile(name string, data []byte) error {
	dir := filepath.Dir(name)
	fail := func(err error) error {
		reason := err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			reason = pe.Err.Error()
		}
		return backcare.Errorf(backcare.EINVALID, "cannot write %s: %s", name, reason).
			WithHint("choose a folder you can write to with -o, or -o - for standard output")
	}
	if info, err := os.Stat(name); err == nil && info.IsDir() {
		return fail(errors.New("it is a folder"))
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	// On any failure the temporary file goes; its own removal error would
	// say nothing more than the failure itself.
	cleanup := func(err error) error {
		_ = f.Close()
		_ = os.Remove(tmp)
		return fail(err)
	}
	if _, err := f.Write(data); err != nil {
		return cleanup(err)
	}
	if err := f.Close(); err != nil {
		return cleanup(err)
	}
	// CreateTemp made it 0600 less the umask; say 0600 exactly, so a
	// strange umask can't leave it unreadable, nor anything wider.
	if err := os.Chmod(tmp, privateMode); err != nil {
		return cleanup(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		return cleanup(err)
	}
	return nil
}
