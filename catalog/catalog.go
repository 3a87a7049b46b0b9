package catalog

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"backcare"
)

//go:embed builtin/*.yaml
var builtinFS embed.FS

// DefaultRoutine is the id of the article's routine, the one offered first.
const DefaultRoutine = "lower-back-relief"

// Catalog is a validated set of poses and routines. It is safe for
// concurrent reads once loaded.
type Catalog struct {
	poses    map[string]*backcare.Pose
	routines map[string]*backcare.Routine
	poseIDs  []string // in the order they were added
	routIDs  []string
	poseFrom map[string]string // id -> "built-in" or the file that added it
	routFrom map[string]string
	check    func(backcare.Figure) error
	skipped  Problems // the folder's files that Load skipped
}

// Option changes how a catalog checks what it loads.
type Option func(*Catalog)

// WithFigureCheck makes the catalog check every pose's figure with check
// (the figure package knows the joints; the catalog does not).
func WithFigureCheck(check func(backcare.Figure) error) Option {
	return func(c *Catalog) { c.check = check }
}

// New returns an empty catalog.
func New(opts ...Option) *Catalog {
	c := &Catalog{
		poses:    make(map[string]*backcare.Pose),
		routines: make(map[string]*backcare.Routine),
		poseFrom: make(map[string]string),
		routFrom: make(map[string]string),
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Builtin returns the built-in catalog. Callers must not add to it (Clone
// it, or use Load, for a catalog that may grow).
func Builtin() *Catalog { return builtinSnapshot() }

// builtinSnapshot builds the built-in catalog once per process from the
// snapshot (snapshot.go), a Go literal of what the YAML files in builtin/
// hold once validated. Decoding YAML is most of the cost of starting
// backcare (about 8 ms of go-yaml for 50 KB); the snapshot costs next to
// nothing. The YAML stays the source: TestSnapshotCurrent fails when the
// snapshot no longer matches it (go test ./catalog -run TestSnapshot -update).
var builtinSnapshot = sync.OnceValue(func() *Catalog {
	c := New()
	for i := range snapshotPoses {
		p := &snapshotPoses[i]
		c.poses[p.ID] = p
		c.poseIDs = append(c.poseIDs, p.ID)
		c.poseFrom[p.ID] = builtinOrigin
	}
	for _, rs := range snapshotRoutines {
		r := rs.Routine
		for _, e := range rs.Entries {
			r.Entries = append(r.Entries, backcare.Entry{Pose: *c.poses[e.Pose], Dose: e.Dose})
		}
		c.routines[r.ID] = &r
		c.routIDs = append(c.routIDs, r.ID)
		c.routFrom[r.ID] = builtinOrigin
	}
	return c
})

const builtinOrigin = "built-in"

// loadBuiltinYAML parses and validates the YAML files in builtin/: the
// source of the snapshot. Their names start with a number that sets the
// order people see: the article's routine first, then the programme's.
func loadBuiltinYAML(opts ...Option) (*Catalog, error) {
	c := New(opts...)
	names, err := fs.Glob(builtinFS, "builtin/*.yaml")
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(names))
	for _, name := range names {
		data, err := builtinFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		files[name] = data
	}
	if err := c.add(files, builtinOrigin); err != nil {
		return nil, fmt.Errorf("catalog: built-in catalog: %w", err)
	}
	return c, nil
}

// Load returns the built-in catalog plus every sound *.yaml and *.yml file
// in dir. A dir that does not exist adds nothing; an empty dir is the same.
// A file with any problem is skipped, and so is a file that needs what a
// skipped file defines: Load always returns a catalog, and err, when not
// nil, is the Problems of the files it skipped (also kept as Skipped), so
// that one broken file never stops the built-in routines. The options
// apply to the files of dir; the built-in poses were checked when the
// snapshot was made (the figure package's tests check every built-in figure).
func Load(dir string, opts ...Option) (*Catalog, error) {
	return load(dir, nil, opts)
}

// load is Load, leaving out the files of dir that are the same files as
// skip (by device and inode).
func load(dir string, skip []os.FileInfo, opts []Option) (*Catalog, error) {
	base := Builtin()
	c := base.Clone()
	for _, o := range opts {
		o(c)
	}
	if dir == "" {
		return c, nil
	}
	files, ferr := readFolder(dir, skip)
	if ferr != nil {
		c.skipped = Problems{ferr}
		return c, c.skipped
	}
	good := make(map[string][]byte, len(files))
	bad := map[string]Problems{}
	for _, f := range files {
		if f.err != nil {
			bad[f.name] = Problems{f.err}
			continue
		}
		good[f.name] = f.data
	}
	for name, ps := range c.addSound(good) {
		bad[name] = ps
	}
	// Reported file by file, in the order of the folder.
	names := make([]string, 0, len(bad))
	for n := range bad {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c.skipped = append(c.skipped, bad[n]...)
	}
	if len(c.skipped) > 0 {
		return c, c.skipped
	}
	return c, nil
}

// Skipped returns the problems of the folder's files that Load skipped.
func (c *Catalog) Skipped() Problems { return c.skipped }

// Validate checks the named files together, as loading does, against the
// built-in catalog and the sound files of dir (apart from the named files
// themselves, when they are in dir). It returns the catalog they would
// make; err is the files' problems. The folder's own skipped files do not
// make err; the catalog's Skipped holds them.
func Validate(dir string, names []string, opts ...Option) (*Catalog, error) {
	files := make(map[string][]byte, len(names))
	var skip []os.FileInfo
	var problems Problems
	for _, name := range names {
		data, err := readNamedFile(name)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		if fi, err := os.Stat(name); err == nil {
			skip = append(skip, fi)
		}
		files[name] = data
	}
	if len(problems) > 0 {
		return nil, problems
	}
	c, _ := load(dir, skip, opts)
	if err := c.AddFiles(files); err != nil {
		return c, err
	}
	return c, nil
}

// readNamedFile reads a file named on the command line: any regular file,
// with the same size limit as the folder's.
func readNamedFile(name string) ([]byte, *backcare.Error) {
	// A named file may live anywhere: its own folder is its root, and it
	// is read with the same care as the folder's files.
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fileProblem(name, "cannot read this file: it does not exist", "check the path")
		}
		return nil, fileProblem(name, "cannot read this file: "+plainErr(err).Error(), "check the path")
	}
	data, ferr := readFolderFile(filepath.Dir(real), real, nil)
	if ferr != nil {
		ferr.Where = name
		return nil, ferr
	}
	if data == nil {
		return nil, fileProblem(name, "this is a folder, not a catalog file", "name the YAML files in it")
	}
	return data, nil
}

// AddFiles validates the named files (name -> contents) together against
// what the catalog holds and, only if every file is valid, adds them all.
func (c *Catalog) AddFiles(files map[string][]byte) error {
	return c.add(files, "")
}

// Clone returns a copy of c that can be added to without changing c.
func (c *Catalog) Clone() *Catalog {
	d := New()
	d.check = c.check
	for k, v := range c.poses {
		d.poses[k] = v
	}
	for k, v := range c.routines {
		d.routines[k] = v
	}
	for k, v := range c.poseFrom {
		d.poseFrom[k] = v
	}
	for k, v := range c.routFrom {
		d.routFrom[k] = v
	}
	d.poseIDs = slices.Clone(c.poseIDs)
	d.routIDs = slices.Clone(c.routIDs)
	return d
}

// Pose returns the pose with the given id.
func (c *Catalog) Pose(id string) (backcare.Pose, error) {
	p, ok := c.poses[id]
	if !ok {
		return backcare.Pose{}, notFound("pose", id, c.poseIDs)
	}
	return *p, nil
}

// Routine returns the routine with the given id.
func (c *Catalog) Routine(id string) (backcare.Routine, error) {
	r, ok := c.routines[id]
	if !ok {
		return backcare.Routine{}, notFound("routine", id, c.routIDs)
	}
	return *r, nil
}

// Poses returns every pose, built-in ones first, in the order they were
// defined.
func (c *Catalog) Poses() []backcare.Pose {
	out := make([]backcare.Pose, len(c.poseIDs))
	for i, id := range c.poseIDs {
		out[i] = *c.poses[id]
	}
	return out
}

// Routines returns every routine, built-in ones first.
func (c *Catalog) Routines() []backcare.Routine {
	out := make([]backcare.Routine, len(c.routIDs))
	for i, id := range c.routIDs {
		out[i] = *c.routines[id]
	}
	return out
}

// PoseOrigin says where a pose comes from: "built-in" or a file name.
func (c *Catalog) PoseOrigin(id string) string { return c.poseFrom[id] }

// RoutineOrigin says where a routine comes from: "built-in" or a file name.
func (c *Catalog) RoutineOrigin(id string) string { return c.routFrom[id] }

func notFound(what, id string, known []string) error {
	e := backcare.Errorf(backcare.ENOTFOUND, "there is no %s called %q", what, id)
	if near := backcare.Closest(id, known); near != "" {
		return e.WithHint("did you mean %q? `backcare %ss` lists them all", near, what)
	}
	return e.WithHint("`backcare %ss` lists them all", what)
}

// Problems is every problem found in a set of files, each an *backcare.Error
// with its place. It prints one problem per line.
type Problems []*backcare.Error

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As find the first problem (and so its code).
func (ps Problems) Unwrap() []error {
	out := make([]error, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

// addSound adds every file that is sound, checked together with the other
// sound files, and returns the problems of those it skipped, by file. A
// file whose routine names a pose of a skipped file is skipped in turn, so
// it goes round until what is left is sound.
func (c *Catalog) addSound(files map[string][]byte) map[string]Problems {
	skipped := map[string]Problems{}
	docs := make(map[string]*parsed, len(files))
	for name, data := range files {
		doc, err := parseFile(name, data)
		if err != nil {
			skipped[name] = Problems{err}
			continue
		}
		docs[name] = doc
	}
	for {
		names := make([]string, 0, len(docs))
		for n := range docs {
			names = append(names, n)
		}
		sort.Strings(names)
		v := newValidator(c)
		list := make([]*parsed, len(names))
		for i, n := range names {
			d := docs[n]
			d.poses, d.routines = nil, nil
			list[i] = d
		}
		v.check(list)
		if len(v.problems) == 0 {
			c.commit(list, "")
			return skipped
		}
		for _, n := range names {
			if ps := v.byFile[n]; len(ps) > 0 {
				skipped[n] = ps
				delete(docs, n)
			}
		}
	}
}

// add parses and checks files together and adds them only if all are valid.
// origin, if set, replaces the file name as the recorded origin.
func (c *Catalog) add(files map[string][]byte, origin string) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)

	v := newValidator(c)
	var docs []*parsed
	for _, name := range names {
		display := name
		if origin != "" {
			display = path.Base(name)
		}
		doc, err := parseFile(display, files[name])
		if err != nil {
			v.problems = append(v.problems, err)
			continue
		}
		docs = append(docs, doc)
	}
	v.check(docs)
	if len(v.problems) > 0 {
		return v.problems
	}
	c.commit(docs, origin)
	return nil
}

// commit adds what the checked docs define. origin, if set, replaces the
// file name as the recorded origin.
func (c *Catalog) commit(docs []*parsed, origin string) {
	for _, d := range docs {
		from := d.name
		if origin != "" {
			from = origin
		}
		for _, p := range d.poses {
			c.poses[p.ID] = p
			c.poseIDs = append(c.poseIDs, p.ID)
			c.poseFrom[p.ID] = from
		}
		for _, r := range d.routines {
			c.routines[r.ID] = r
			c.routIDs = append(c.routIDs, r.ID)
			c.routFrom[r.ID] = from
		}
	}
}

// routineSnapshot is a built-in routine in the snapshot: its entries name
// their pose, which the snapshot holds once.
type routineSnapshot struct {
	Routine backcare.Routine // without Entries
	Entries []entrySnapshot
}

type entrySnapshot struct {
	Pose string
	Dose backcare.Dose
}
