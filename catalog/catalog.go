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

// Load returns the built-in catalog plus every *.yaml and *.yml file in dir.
// A dir that does not exist adds nothing; an empty dir is the same. If any
// file has a problem, Load returns all problems and no catalog. The options
// apply to the files of dir; the built-in poses were checked when the
// snapshot was made (the figure package's tests check every built-in figure).
func Load(dir string, opts ...Option) (*Catalog, error) {
	base := Builtin()
	c := base.Clone()
	for _, o := range opts {
		o(c)
	}
	if dir == "" {
		return c, nil
	}
	files, err := readDir(dir)
	if err != nil {
		return nil, err
	}
	if err := c.add(files, ""); err != nil {
		return nil, err
	}
	return c, nil
}

func readDir(dir string) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, backcare.Errorf(backcare.EINVALID, "cannot read the catalog folder %s: %v", dir, errors.Unwrap(err)).
			WithHint("check the folder's permissions, or choose another with --catalog")
	}
	files := make(map[string][]byte)
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		name := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, backcare.Errorf(backcare.EINVALID, "cannot read %s: %v", name, errors.Unwrap(err))
		}
		files[name] = data
	}
	return files, nil
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

// add parses and checks files together and adds them only if all are valid.
// origin, if set, replaces the file name as the recorded origin.
func (c *Catalog) add(files map[string][]byte, origin string) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)

	v := &validator{cat: c, newPoses: map[string]*newPose{}, newRoutines: map[string]bool{}}
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
	for _, d := range docs {
		v.collectPoses(d)
	}
	for _, d := range docs {
		v.checkPoses(d)
		v.checkRoutines(d)
	}
	if len(v.problems) > 0 {
		return v.problems
	}
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
	return nil
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
