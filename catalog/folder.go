package catalog

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"backcare"
)

// Limits on what the loader reads from a catalog folder. The largest
// built-in file is about 20 KB; a file of a megabyte is a mistake (or not
// a catalog file at all), and decoding YAML takes about a hundred times
// its size in memory.
const (
	maxFileBytes  = 1 << 20
	maxTotalBytes = 8 << 20
)

// folderFile is one file of the catalog folder: its contents, or why it
// was not read.
type folderFile struct {
	name string // as shown: the folder joined with the entry's name
	data []byte
	err  *backcare.Error
}

// readFolder reads the *.yaml and *.yml files of dir that are regular
// files inside it. Links are resolved and followed only to a regular file
// inside dir; pipes, devices and anything outside are refused without being
// opened for reading (or, for a pipe, opened without blocking). Files
// whose stat matches one of skip are left out. A dir that does not exist
// holds nothing.
func readFolder(dir string, skip []os.FileInfo) ([]folderFile, *backcare.Error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, backcare.Errorf(backcare.EINVALID, "cannot read the catalog folder %s: %v", dir, plainErr(err)).
			WithHint("check the folder's permissions, or choose another with --catalog")
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, backcare.Errorf(backcare.EINVALID, "cannot read the catalog folder %s: %v", dir, plainErr(err)).
			WithHint("check the folder's permissions, or choose another with --catalog")
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var out []folderFile
	total := 0
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if ext != ".yaml" && ext != ".yml" {
			continue
		}
		name := filepath.Join(dir, e.Name())
		data, ferr := readFolderFile(root, name, skip)
		if ferr == nil && data == nil {
			continue // a folder, or a file to leave out
		}
		if ferr == nil && total+len(data) > maxTotalBytes {
			ferr = fileProblem(name, fmt.Sprintf("the catalog folder holds more than %d MB of files, so this one was not read", maxTotalBytes>>20),
				"move the files you do not use out of the folder")
			data = nil
		}
		total += len(data)
		out = append(out, folderFile{name: name, data: data, err: ferr})
	}
	return out, nil
}

// readFolderFile reads one entry of the folder whose real path is root.
// It returns nil, nil for an entry to pass over silently.
func readFolderFile(root, name string, skip []os.FileInfo) ([]byte, *backcare.Error) {
	real, err := filepath.EvalSymlinks(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fileProblem(name, "this is a link to a file that does not exist", "remove the link, or point it at a catalog file")
	}
	if err != nil {
		return nil, fileProblem(name, "cannot read this file: "+plainErr(err).Error(), "check the file's permissions")
	}
	if rel, err := filepath.Rel(root, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fileProblem(name, "this is a link to a file outside the catalog folder, so it was not read",
			"copy the file into the folder instead of linking to it")
	}
	// O_NONBLOCK: a pipe opens at once instead of waiting for a writer.
	f, err := os.OpenFile(real, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fileProblem(name, "cannot read this file: "+plainErr(err).Error(), "check the file's permissions")
	}
	defer func() { _ = f.Close() }()
	fi, err := f.Stat()
	if err != nil {
		return nil, fileProblem(name, "cannot read this file: "+plainErr(err).Error(), "check the file's permissions")
	}
	if fi.IsDir() {
		return nil, nil
	}
	for _, s := range skip {
		if os.SameFile(fi, s) {
			return nil, nil
		}
	}
	if !fi.Mode().IsRegular() {
		return nil, fileProblem(name, "this is not a regular file (a pipe, a device or a socket), so it was not read",
			"keep only catalog files in the folder")
	}
	tooBig := fileProblem(name, fmt.Sprintf("this file is larger than a catalog file can be (at most %d MB)", maxFileBytes>>20),
		"split it into smaller files, or move it out of the catalog folder")
	if fi.Size() > maxFileBytes {
		return nil, tooBig
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, fileProblem(name, "cannot read this file: "+plainErr(err).Error(), "check the file's permissions")
	}
	if len(data) > maxFileBytes {
		return nil, tooBig
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

func fileProblem(name, msg, hint string) *backcare.Error {
	return &backcare.Error{Code: backcare.EINVALID, Message: msg, Hint: hint, Where: name}
}

// plainErr drops the operation and path that os puts before the reason
// ("open /x: permission denied" -> "permission denied").
func plainErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
