package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/figure"
)

// A clinic's own poses and routines (backcare.ClinicDocs): the clinic's
// library page, where its clinicians list, write, change and delete them,
// and the catalog a clinic's clinicians assign from and its patients play
// from: the server's, with the clinic's own added.
//
// The editor is a form with a field for each part of a pose or routine.
// What it sends is written out as a catalog file (the YAML of
// docs/catalog.md) and checked by the catalog's own validator, against
// the server's catalog and the clinic's other poses, exactly as a file
// of a catalog folder is checked; nothing else decides what is valid.
// The validator names each problem's line, and each line of the file
// came from one field, so each problem is shown at its field. Only a
// document the validator accepts is saved, and a refused one changes
// nothing that is saved.

// clinicCatalog is a clinic's catalog: the server's poses and routines
// with the clinic's own added.
type clinicCatalog struct {
	*catalog.Catalog
	docs []*backcare.ClinicDoc
	// broken holds, by kind and id, why a saved document no longer loads
	// (a pose it names was deleted, or a new built-in took its id).
	broken map[string]string
}

func docKey(kind backcare.ClinicDocKind, id string) string { return catalog.ClinicDocKey(kind, id) }

// baseCatalog is a copy of the server's catalog that may be added to,
// checking the figures of what is added.
func (s *server) baseCatalog() *catalog.Catalog {
	c := catalog.Builtin().Clone()
	if own, ok := s.Catalog.(*catalog.Catalog); ok {
		c = own.Clone()
	}
	catalog.WithFigureCheck(figure.Check)(c)
	return c
}

// clinicCatalog reads a clinic's own poses and routines and adds them to
// a copy of the server's catalog (catalog.AddClinicDocs). A document that
// no longer loads is left out and noted in broken; the others still load.
func (s *server) clinicCatalog(ctx context.Context, clinicID string) (*clinicCatalog, error) {
	return s.clinicCatalogWithout(ctx, clinicID, "")
}

// clinicCatalogWithout is clinicCatalog leaving out the document skip
// names (docKey), the one being edited.
func (s *server) clinicCatalogWithout(ctx context.Context, clinicID, skip string) (*clinicCatalog, error) {
	docs, err := s.Journal.ClinicDocs(ctx, clinicID)
	if err != nil {
		return nil, err
	}
	if skip != "" {
		docs = slices.DeleteFunc(docs, func(d *backcare.ClinicDoc) bool { return docKey(d.Kind, d.ID) == skip })
	}
	// Parsed once per change and kept (memo.go): the documents' ids,
	// versions and times of saving say what the catalog was made of. Nothing changes a
	// clinicCatalog once made.
	var version strings.Builder
	for _, d := range docs {
		fmt.Fprintf(&version, "%s %d %d;", docKey(d.Kind, d.ID), d.Version, d.UpdatedAt.UnixMilli())
	}
	key := "catalog " + clinicID + " " + skip
	if kept, ok := s.memo.get(key, version.String()); ok {
		return kept.(*clinicCatalog), nil
	}
	c := &clinicCatalog{Catalog: s.baseCatalog(), docs: docs, broken: map[string]string{}}
	for key, err := range c.AddClinicDocs(docs) {
		c.broken[key] = errorSentences(err)
	}
	s.memo.put(key, version.String(), c)
	return c, nil
}

// own reports whether the clinic wrote the pose or routine.
func (c *clinicCatalog) own(kind backcare.ClinicDocKind, id string) bool {
	return slices.ContainsFunc(c.docs, func(d *backcare.ClinicDoc) bool { return d.Kind == kind && d.ID == id })
}

// catalogOf is the catalog of a clinic's clinicians and patients: the
// server's own when the clinic has written nothing of its own (or for no
// clinic).
func (s *server) catalogOf(ctx context.Context, clinicID string) (Catalog, error) {
	if clinicID == "" {
		return s.Catalog, nil
	}
	c, err := s.clinicCatalog(ctx, clinicID)
	if err != nil {
		return nil, err
	}
	if len(c.docs) == 0 {
		return s.Catalog, nil
	}
	return c, nil
}

// personCatalog is the catalog the signed-in person plays from: their
// clinic's, when they are a clinic's patient, else the server's.
func (s *server) personCatalog(ctx context.Context) (Catalog, error) {
	ms, err := s.Journal.Memberships(ctx, userOf(ctx))
	if err != nil {
		return nil, err
	}
	m := backcare.PatientOf(ms)
	if m == nil {
		return s.Catalog, nil
	}
	return s.catalogOf(ctx, m.ClinicID)
}

// routineOf finds a routine for the signed-in person, and the catalog it
// is in: the server's first, which needs no read of the journal, then
// their clinic's own.
func (s *server) routineOf(ctx context.Context, id string) (backcare.Routine, Catalog, error) {
	rt, err := s.Catalog.Routine(id)
	if backcare.ErrorCode(err) != backcare.ENOTFOUND {
		return rt, s.Catalog, err
	}
	cat, cerr := s.personCatalog(ctx)
	if cerr != nil {
		return rt, nil, cerr
	}
	rt, err = cat.Routine(id)
	return rt, cat, err
}

// errClinicRoutine says that a session's routine is not the server's
// catalog's: the save is made again with the person's clinic's.
var errClinicRoutine = errors.New("web: a routine of the clinic's own")

// routinesIn lists a catalog's routines with the article's own first, as
// routines does for the server's.
func routinesIn(cat Catalog) []backcare.Routine {
	rs := cat.Routines()
	slices.SortStableFunc(rs, func(a, b backcare.Routine) int {
		switch {
		case a.ID == catalog.DefaultRoutine:
			return -1
		case b.ID == catalog.DefaultRoutine:
			return 1
		}
		return 0
	})
	return rs
}

// ---- The library page ----

// libraryPage lists a clinic's own poses and routines.
type libraryPage struct {
	page
	Clinic   *backcare.Clinic
	Poses    []libraryRow
	Routines []libraryRow
	Saved    string
}

type libraryRow struct {
	ClinicID                string
	Kind, ID, Name, Summary string
	SavedBy, SavedAt        string
	Version                 int
	Problem                 string // why it no longer loads, if it does not
}

func (s *server) libraryList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.staffClinic(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	cat, err := s.clinicCatalog(ctx, c.ID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := &libraryPage{page: s.newPage(r, c.Name+": poses and routines", "patients"), Clinic: c}
	switch r.URL.Query().Get("saved") {
	case "saved":
		d.Saved = "Saved. Every clinician of " + c.Name + " sees it, and it can be assigned now."
	case "deleted":
		d.Saved = "Deleted."
	}
	names := map[string]string{}
	for _, doc := range cat.docs {
		row := libraryRow{ClinicID: c.ID, Kind: string(doc.Kind), ID: doc.ID, Name: doc.Name, Version: doc.Version, Problem: cat.broken[docKey(doc.Kind, doc.ID)],
			SavedBy: s.accountName(ctx, doc.UpdatedBy, names), SavedAt: doc.UpdatedAt.In(s.zoneOf(viewerAccount(r))).Format("2 January 2006, 15:04")}
		if doc.Kind == backcare.ClinicPose {
			if p, err := cat.Pose(doc.ID); err == nil {
				row.Summary = p.Summary
			}
			d.Poses = append(d.Poses, row)
			continue
		}
		if rt, err := cat.Routine(doc.ID); err == nil {
			row.Summary = rt.Purpose
		}
		d.Routines = append(d.Routines, row)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "library", d)
}

// accountName is an account's name, read once per page (names keeps
// those read).
func (s *server) accountName(ctx context.Context, id string, names map[string]string) string {
	if n, ok := names[id]; ok {
		return n
	}
	n := "someone no longer here"
	if a, err := s.Journal.Account(ctx, id); err == nil {
		n = a.Name
	}
	names[id] = n
	return n
}

// ---- The editor ----

// ownField is one field of the editor. Its Name is the form field's, and
// for most fields the catalog format's key too.
type ownField struct {
	Name, Label, Help string
	Type              string // text, number, textarea, select, checkbox
	Value             string
	Checked           bool
	Rows              int
	Groups            []ownOptGroup // a select's options
	Error             string
	Wide, ReadOnly    bool
	// Placeholder, in a routine's pose row, is the pose's own value: an
	// empty field keeps it.
	Placeholder string
	// Also is the id of one more text that describes the field (the
	// row's "its own dose" line).
	Also string
	// Hidden hides the field (a side for a pose done on both sides at
	// once); the editor's script shows it when its pose changes.
	Hidden bool
	// Dose is a dose field of a routine's pose row: it shows only once
	// the row has a pose (clinic.css, by the choice itself, so with or
	// without scripts); an empty row is its pose's choice alone.
	Dose bool
	// Row is a field of a routine's pose row: its problem is shown
	// below the row's fields, across the row, so that the row keeps its
	// shape.
	Row bool
	// Preview, for a pose's picture, is the picture chosen, drawn under
	// the choice; libraryedit.js redraws it when the choice changes.
	Preview template.HTML
}

// DescribedBy is the field's aria-describedby: its problem, its help and
// any other text about it.
func (f ownField) DescribedBy() string {
	var ids []string
	if f.Error != "" {
		ids = append(ids, "f-"+f.Name+"-error")
	}
	if f.Help != "" {
		ids = append(ids, "f-"+f.Name+"-help")
	}
	if f.Also != "" {
		ids = append(ids, f.Also)
	}
	return strings.Join(ids, " ")
}

type ownOptGroup struct {
	Label   string // "" for options outside a group
	Options []ownOption
}

type ownOption struct {
	Value, Label string
	Selected     bool
	// Own is, for a pose in a routine's row, the pose's own dose: the
	// editor's script shows it in the row when the pose is chosen.
	Own *ownDose
}

// ownDose is a pose's own dose as a routine's row shows it: the fields'
// placeholders and a line in words.
type ownDose struct {
	Hold, Sets, Reps, Rest, Intensity string
	Sided                             bool
	Words                             string
}

// noValue is the placeholder of a dose field the pose's own dose does
// not have (sets for a timed hold).
const noValue = "none"

// ownDoseOf is p's own dose for a routine's row.
func ownDoseOf(p backcare.Pose) *ownDose {
	v := url.Values{}
	doseValues(v, 0, p.Dose, backcare.Dose{}, false)
	or := func(f string) string {
		if x := v.Get(f); x != "" {
			return x
		}
		return noValue
	}
	words := p.Dose.String()
	if p.Sided {
		words += " on each side"
	}
	if p.Kind == backcare.Stretch {
		words += ", a stretch of about " + strconv.Itoa(p.Dose.Intensity) + " out of 10"
	} else {
		words += ", an effort of about " + strconv.Itoa(p.Dose.Intensity) + " out of 10"
	}
	return &ownDose{Hold: or("hold"), Sets: or("sets"), Reps: or("reps"), Rest: or("rest"), Intensity: or("intensity"),
		Sided: p.Sided, Words: "The pose's own dose: " + words + ". An empty field keeps it."}
}

// ownProblem is a field's problem in the list at the top of the editor.
type ownProblem struct{ Field, Label, Text string }

type ownGroup struct {
	Legend string
	Fields []ownField
}

// ownEntry is one pose of a routine in the editor: the fields of row N.
type ownEntry struct {
	N      int
	Fields []ownField
}

// ownEditorPage is the editor of one of a clinic's poses or routines.
type ownEditorPage struct {
	page
	Clinic     *backcare.Clinic
	Kind       string // pose or routine
	New        bool
	ID         string
	Version    int
	Action     string
	Groups     []ownGroup
	Entries    []ownEntry // a routine's poses
	Rows       int
	PosesError string       // a routine with no pose
	Errors     int          // how many fields need a change
	Problems   []string     // problems at no one field
	Summary    []ownProblem // the fields that need a change, in order, to link to
	Conflict   string
	Text       string      // the document as saved, in the catalog format
	PoseIDs    []ownOption // the poses a variant may name
	Used       []string    // routines that name this pose (it can't be deleted)
	Saved      *libraryRow // who saved it last, and when
	TimeHint   string      // how a time is typed, as in the programme editor
	// Pictures, for a pose, are those the picture field offers, drawn,
	// for libraryedit.js to show the one chosen.
	Pictures []picture
}

// picture is one picture a clinic's pose may have: a built-in pose's
// (ID) or none ("").
type picture struct {
	ID  string
	SVG template.HTML
}

// pictureOf draws the picture a pose's picture field names: the built-in
// pose's figure, or the plain stand-in for none.
func (s *server) pictureOf(id, prefix string) template.HTML {
	p, err := catalog.Builtin().Pose(id)
	if id == "" || err != nil {
		return noFigure("")
	}
	return s.figureHTML(p, backcare.NoSide, prefix)
}

// fieldSpec describes a field: its group, key, label, help and kind.
type fieldSpec struct {
	group, name, label, help, typ string
	rows                          int
	wide                          bool
}

var poseFields = []fieldSpec{
	{"The pose", "id", "Id", "Lower-case letters, digits and dashes, such as wall-slide. It stays the same once saved.", "text", 0, false},
	{"The pose", "name", "Name", "As patients will see it, such as Wall slide.", "text", 0, false},
	{"The pose", "kind", "Kind", "", "select", 0, false},
	{"The pose", "summary", "Summary (optional)", "One line under the name.", "text", 0, true},
	{"The pose", "why", "Why it helps", "What it works on, in a sentence or two.", "textarea", 2, true},
	{"The dose", "hold", "Hold", timeHint + " With reps: the hold in each rep.", "text", 0, false},
	{"The dose", "sets", "Sets", "With reps. Leave empty for a timed hold.", "number", 0, false},
	{"The dose", "reps", "Reps in each set", "One number, or one per set: 6, 4, 2. Leave empty for a timed hold.", "text", 0, false},
	{"The dose", "rest", "Rest between sets", timeHint + " With reps only.", "text", 0, false},
	{"The dose", "intensity", "How strong it should feel", "From 0 (nothing) to 10; 5 is a gentle stretch.", "number", 0, false},
	{"The dose", "sided", "Done on each side", "", "checkbox", 0, false},
	{"The dose", "side_step", "Changing sides (optional)", "What to do between the sides, such as Turn to face the other way.", "text", 0, true},
	{"How to do it", "steps", "Steps", "One step a line, at most 8.", "textarea", 8, false},
	{"How to do it", "picture", "Picture", "Drawn beside the steps for patients: choose the built-in pose whose picture shows what your steps say, or No picture.", "select", 0, false},
	{"How to do it", "feel", "What you should feel", "", "textarea", 2, true},
	{"How to do it", "stop_signs", "Stop if", "One sign a line, such as Sharp or shooting pain.", "textarea", 3, true},
	{"How to do it", "cautions", "Take care (optional)", "One caution a line.", "textarea", 2, true},
	{"How to do it", "targets", "Muscles it works", "Separated by commas, such as psoas, erector spinae.", "text", 0, true},
	{"How to do it", "equipment", "Equipment (optional)", "Separated by commas, such as wall, chair.", "text", 0, true},
	{"Variants", "easier", "Easier variants (optional)", "Ids of other poses, separated by commas; the list is below.", "text", 0, true},
	{"Variants", "harder", "Harder variants (optional)", "Ids of other poses, separated by commas.", "text", 0, true},
}

var routineFields = []fieldSpec{
	{"The routine", "id", "Id", "Lower-case letters, digits and dashes, such as evening-stretch. It stays the same once saved.", "text", 0, false},
	{"The routine", "name", "Name", "As patients will see it.", "text", 0, false},
	{"The routine", "purpose", "What it is for", "A sentence patients read before they start.", "textarea", 2, true},
	{"The routine", "prepare", "Time to get ready", "Before each pose; 15 seconds if empty. " + timeHint, "text", 0, false},
	{"The routine", "switch", "Time to change sides", "15 seconds if empty.", "text", 0, false},
	{"The routine", "transition", "Time between poses", "None if empty.", "text", 0, false},
}

// entryFields are the fields of each pose of a routine; empty ones keep
// the pose's own dose.
var entryFields = []fieldSpec{
	{"", "pose", "Pose", "", "select", 0, true},
	{"", "hold", "Hold", "", "text", 0, false},
	{"", "sets", "Sets", "", "number", 0, false},
	{"", "reps", "Reps", "", "text", 0, false},
	{"", "rest", "Rest", "", "text", 0, false},
	{"", "intensity", "Intensity", "", "number", 0, false},
	{"", "side", "Sides", "", "select", 0, false},
}

// minRows is how many empty pose rows a routine's editor offers beyond
// those filled in.
const minRows = 3

// ---- The form as a catalog file ----

// docWriter writes a catalog file line by line, remembering which form
// field each line came from, so that the validator's line numbers lead
// back to the fields.
type docWriter struct {
	lines []string
	field []string
}

func (y *docWriter) line(field, text string) {
	y.lines = append(y.lines, text)
	y.field = append(y.field, field)
}

func (y *docWriter) text() string { return strings.Join(y.lines, "\n") + "\n" }

// keyCol is the 1-based column where a line's key starts.
func (y *docWriter) keyCol(line int) int {
	if line < 1 || line > len(y.lines) {
		return 0
	}
	l := y.lines[line-1]
	return len(l) - len(strings.TrimLeft(l, " -")) + 1
}

// fieldAt is the field of a 1-based line, or "".
func (y *docWriter) fieldAt(line int) string {
	if line < 1 || line > len(y.field) {
		return ""
	}
	return y.field[line-1]
}

// quote writes a value as a YAML double-quoted scalar: JSON's string
// escapes are YAML's too, and it stays on one line.
func quote(v string) string {
	b, _ := json.Marshal(v) // a string: cannot fail
	return string(b)
}

// plainToken is a value written without quotes, so that a duration such
// as 60s or 1m30s, or a number, reads as itself.
var plainToken = regexp.MustCompile(`^-?[0-9A-Za-z][0-9A-Za-z.+]*$`)

func scalarOf(v string) string {
	if plainToken.MatchString(v) {
		return v
	}
	return quote(v)
}

// splitList reads a list typed in one field: by lines, or by commas too.
func splitList(v string, commas bool) []string {
	seps := "\n"
	if commas {
		seps = "\n,"
	}
	var out []string
	for _, item := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// wholeNumbers reads sets, reps and intensities: whole numbers, several
// for a list of reps. The catalog checks their range; a word is caught
// here, where the form can say so plainly.
func wholeNumbers(v string) ([]int, bool) {
	var out []int
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// formDoc is what the editor's form becomes: a catalog file, and the
// problems the form itself finds (a word where a number goes).
type formDoc struct {
	w        docWriter
	doseLine map[int]bool // the lines of a pose's dose, 1-based
	errs     fieldErrors
}

// number writes a whole number field (or list, for reps).
func (d *formDoc) number(field, indent, key, v string, list bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	ns, ok := wholeNumbers(v)
	if !ok || len(ns) == 0 || (!list && len(ns) > 1) {
		if list {
			d.errs[field] = "Write whole numbers, such as 10, or 6, 4, 2 for one number per set; " + quote(v) + " is not."
		} else {
			d.errs[field] = "Write a whole number, such as 2; " + quote(v) + " is not."
		}
		return
	}
	if len(ns) == 1 {
		d.w.line(field, indent+key+": "+strconv.Itoa(ns[0]))
		return
	}
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	d.w.line(field, indent+key+": ["+strings.Join(parts, ", ")+"]")
}

func (d *formDoc) scalar(field, indent, key, v string) {
	if v = strings.TrimSpace(v); v != "" {
		d.w.line(field, indent+key+": "+quote(v))
	}
}

// duration writes a duration field. One that is no duration at all is
// caught here, with the catalog's own reader, and left out of the file:
// the validator stops at the first value it cannot read, and the form
// should show every problem at once. Its range is the validator's to
// check.
func (d *formDoc) duration(field, indent, key, v string) {
	if v = strings.TrimSpace(v); v == "" {
		return
	}
	what := "A time"
	switch key {
	case "hold":
		what = "A hold"
	case "rest":
		what = "A rest"
	}
	if _, msg := timeField(v, what); msg != "" {
		d.errs[field] = msg
		return
	}
	d.w.line(field, indent+key+": "+scalarOf(v))
}

func (d *formDoc) list(field, indent, key string, items []string) {
	if len(items) == 0 {
		return
	}
	d.w.line(field, indent+key+":")
	for _, it := range items {
		d.w.line(field, indent+"  - "+quote(it))
	}
}

// newFormDoc starts a catalog file of one document under its list key
// ("poses", "routines"), with its id when it has one.
func newFormDoc(list, id string) *formDoc {
	d := &formDoc{errs: fieldErrors{}}
	d.w.line("", list+":")
	if id != "" {
		d.w.line("id", "  - id: "+quote(id))
	} else {
		d.w.line("", "  -")
	}
	return d
}

// poseDoc writes the pose form as a catalog file.
func (s *server) poseDoc(form url.Values, id string) *formDoc {
	d := newFormDoc("poses", id)
	g := form.Get
	const in = "    "
	d.scalar("name", in, "name", g("name"))
	d.scalar("kind", in, "kind", g("kind"))
	d.scalar("summary", in, "summary", g("summary"))
	d.scalar("why", in, "why", g("why"))
	d.list("targets", in, "targets", splitList(g("targets"), true))
	d.list("equipment", in, "equipment", splitList(g("equipment"), true))
	if g("sided") != "" {
		d.w.line("sided", in+"sided: true")
	}
	d.scalar("side_step", in, "side_step", g("side_step"))
	d.w.line("hold", in+"dose:")
	first := len(d.w.lines) + 1
	d.duration("hold", in+"  ", "hold", g("hold"))
	d.number("sets", in+"  ", "sets", g("sets"), false)
	d.number("reps", in+"  ", "reps", g("reps"), true)
	d.duration("rest", in+"  ", "rest", g("rest"))
	d.number("intensity", in+"  ", "intensity", g("intensity"), false)
	d.doseLine = map[int]bool{}
	for n := first; n <= len(d.w.lines); n++ {
		d.doseLine[n] = true
	}
	if d.w.lines[len(d.w.lines)-1] == in+"dose:" {
		d.w.lines[len(d.w.lines)-1] = in + "dose: {}"
	}
	d.list("steps", in, "steps", splitList(g("steps"), false))
	d.scalar("feel", in, "feel", g("feel"))
	d.list("cautions", in, "cautions", splitList(g("cautions"), false))
	d.list("stop_signs", in, "stop_signs", splitList(g("stop_signs"), false))
	d.list("easier", in, "easier", splitList(g("easier"), true))
	d.list("harder", in, "harder", splitList(g("harder"), true))
	if pic := g("picture"); pic != "" {
		p, err := catalog.Builtin().Pose(pic)
		if err != nil {
			d.errs["picture"] = "Choose one of the pictures in the list."
		} else {
			writeFigure(&d.w, in, p.Figure)
		}
	}
	return d
}

// writeFigure writes a figure as the catalog format has it.
func writeFigure(w *docWriter, in string, f backcare.Figure) {
	const field = "picture"
	w.line(field, in+"figure:")
	in += "  "
	if f.View != "" {
		w.line(field, in+"view: "+quote(f.View))
	}
	nums := func(key string, m map[string]float64) {
		if len(m) == 0 {
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = quote(k) + ": " + strconv.FormatFloat(m[k], 'g', -1, 64)
		}
		w.line(field, in+key+": {"+strings.Join(parts, ", ")+"}")
	}
	texts := func(key string, l []string) {
		if len(l) == 0 {
			return
		}
		parts := make([]string, len(l))
		for i, v := range l {
			parts[i] = quote(v)
		}
		w.line(field, in+key+": ["+strings.Join(parts, ", ")+"]")
	}
	nums("angles", f.Angles)
	texts("props", f.Props)
	if len(f.Rests) > 0 {
		keys := make([]string, 0, len(f.Rests))
		for k := range f.Rests {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = quote(k) + ": " + quote(f.Rests[k])
		}
		w.line(field, in+"rests: {"+strings.Join(parts, ", ")+"}")
	}
	texts("reach", f.Reach)
	texts("highlight", f.Highlight)
	texts("shows", f.Shows)
	texts("hidden", f.Hidden)
	nums("moves", f.Moves)
	texts("paths", f.Paths)
	if f.Eyes != "" {
		w.line(field, in+"eyes: "+quote(f.Eyes))
	}
}

// entryRows is how many pose rows the routine form sent.
func entryRows(form url.Values) int {
	n, err := strconv.Atoi(form.Get("rows"))
	if err != nil || n < 0 {
		return 0
	}
	return min(n, 40)
}

func entryName(field string, n int) string { return field + "-" + strconv.Itoa(n) }

// routineDoc writes the routine form as a catalog file. Rows without a
// pose are left out.
func (s *server) routineDoc(form url.Values, id string) *formDoc {
	d := newFormDoc("routines", id)
	g := form.Get
	const in = "    "
	d.scalar("name", in, "name", g("name"))
	d.scalar("purpose", in, "purpose", g("purpose"))
	d.duration("prepare", in, "prepare", g("prepare"))
	d.duration("switch", in, "switch", g("switch"))
	d.duration("transition", in, "transition", g("transition"))
	any := false
	for n := range entryRows(form) {
		pose := strings.TrimSpace(g(entryName("pose", n)))
		if pose == "" {
			continue
		}
		if !any {
			d.w.line("poses", in+"poses:")
			any = true
		}
		d.w.line(entryName("pose", n), in+"  - pose: "+quote(pose))
		d.duration(entryName("hold", n), in+"    ", "hold", g(entryName("hold", n)))
		d.number(entryName("sets", n), in+"    ", "sets", g(entryName("sets", n)), false)
		d.number(entryName("reps", n), in+"    ", "reps", g(entryName("reps", n)), true)
		d.duration(entryName("rest", n), in+"    ", "rest", g(entryName("rest", n)))
		d.number(entryName("intensity", n), in+"    ", "intensity", g(entryName("intensity", n)), false)
		d.scalar(entryName("side", n), in+"    ", "side", g(entryName("side", n)))
	}
	return d
}

// missingField finds the field a "missing its ... field" problem names.
var missingField = regexp.MustCompile(`missing its "(\w+)" field`)

// whereLine is the line of a problem's place, "file:line:col".
var whereLine = regexp.MustCompile(`:(\d+):(\d+)$`)

// missingWords says, in the form's words, what a missing field needs.
var missingWords = map[string]string{
	"id":         "Give it an id: lower-case letters, digits and dashes, such as wall-slide.",
	"name":       "Give it a name.",
	"kind":       "Choose the kind.",
	"why":        "Say why it helps, in a sentence or two.",
	"feel":       "Say what the patient should feel.",
	"targets":    "Name at least one muscle it works.",
	"steps":      "Write at least one step.",
	"stop_signs": "Name at least one sign to stop, such as sharp or shooting pain.",
	"hold":       "Give a hold (such as 60), or reps and sets.",
	"purpose":    "Say what the routine is for.",
	"poses":      "Choose at least one pose.",
}

// place puts the validator's problems at the fields their lines came
// from; those at no field are returned.
func (d *formDoc) place(err error) (rest []string) {
	// A field the form already found wrong keeps that problem: what the
	// validator says of it follows from its being left out.
	found := map[string]bool{}
	for f := range d.errs {
		found[f] = true
	}
	var ps catalog.Problems
	if !errors.As(err, &ps) {
		return []string{errorSentences(err)}
	}
	for _, p := range ps {
		field := ""
		if m := whereLine.FindStringSubmatch(p.Where); m != nil {
			n, _ := strconv.Atoi(m[1])
			col, _ := strconv.Atoi(m[2])
			field = d.w.fieldAt(n)
			// A problem of the whole dose is placed at the dose's first
			// key, a problem of one value at the value: the dose's go to
			// its first field.
			if d.doseLine[n] && col == d.w.keyCol(n) {
				field = "hold"
			}
		}
		msg, hint := errorText(p)
		if m := missingField.FindStringSubmatch(p.Message); m != nil {
			field, msg, hint = m[1], missingWords[m[1]], ""
			if field == "dose" {
				field, msg = "hold", missingWords["hold"]
			}
			if msg == "" {
				msg = "Please fill this in."
			}
		}
		if i := strings.Index(hint, "`backcare"); i >= 0 {
			hint = strings.TrimSpace(hint[:i]) // the command line's advice
		}
		if strings.Contains(hint, "docs/") {
			hint = "" // the files' advice
		}
		if strings.HasPrefix(field, "pose-") && strings.Contains(p.Message, "not a known pose") {
			hint = "Choose a pose from the list."
		}
		text := formWords(strings.TrimSpace(msg + " " + hint))
		if strings.HasPrefix(field, "side-") {
			// The validator names the file's key; the form has a list.
			switch {
			case strings.Contains(p.Message, "not done on each side"):
				text = "This pose is done on both sides at once, so it has no side to choose: choose Both sides."
			case strings.Contains(p.Message, "is not a side"):
				text = "Choose Both sides, Left only or Right only."
			}
		}
		if field == "" {
			rest = append(rest, text)
			continue
		}
		if found[field] {
			continue
		}
		if old := d.errs[field]; old != "" && !strings.Contains(old, text) {
			text = old + " " + text
		}
		d.errs[field] = text
	}
	return rest
}

// yamlKeys are the format's keys as the validator names them ("reps:"),
// with the form's words for them.
var yamlKeys = strings.NewReplacer(`"sided: true"`, `"Done on each side"`, "side_step", "changing sides", "Side_step", "Changing sides",
	"hold:", "hold", "sets:", "sets", "reps:", "reps", "rep:", "the time of one rep", "rest:", "rest",
	"Hold:", "Hold", "Sets:", "Sets", "Reps:", "Reps", "Rep:", "The time of one rep", "Rest:", "Rest")

// formWords puts a problem in the form's words rather than the file's.
func formWords(s string) string { return capital(yamlKeys.Replace(s)) }

// ---- The form from a saved pose or routine ----

// secs writes a duration as the form shows it: seconds when whole.
func secs(t time.Duration) string {
	if t == 0 {
		return ""
	}
	if t%time.Second == 0 {
		return strconv.Itoa(int(t / time.Second))
	}
	return t.String()
}

func doseValues(v url.Values, n int, dose, own backcare.Dose, entry bool) {
	name := func(f string) string {
		if entry {
			return entryName(f, n)
		}
		return f
	}
	if !entry || dose.Hold != own.Hold {
		v.Set(name("hold"), secs(dose.Hold))
	}
	if len(dose.Reps) > 0 && (!entry || !slices.Equal(dose.Reps, own.Reps)) {
		same := !slices.ContainsFunc(dose.Reps, func(x int) bool { return x != dose.Reps[0] })
		if same {
			v.Set(name("sets"), strconv.Itoa(len(dose.Reps)))
			v.Set(name("reps"), strconv.Itoa(dose.Reps[0]))
		} else {
			parts := make([]string, len(dose.Reps))
			for i, x := range dose.Reps {
				parts[i] = strconv.Itoa(x)
			}
			v.Set(name("reps"), strings.Join(parts, ", "))
		}
	}
	if !entry || dose.Rest != own.Rest {
		v.Set(name("rest"), secs(dose.Rest))
	}
	if !entry || dose.Intensity != own.Intensity {
		v.Set(name("intensity"), strconv.Itoa(dose.Intensity))
	}
}

// poseValues fills the form from a pose as the catalog read it.
func poseValues(p backcare.Pose) url.Values {
	v := url.Values{}
	v.Set("id", p.ID)
	v.Set("name", p.Name)
	v.Set("kind", string(p.Kind))
	v.Set("summary", p.Summary)
	v.Set("why", p.Why)
	v.Set("targets", strings.Join(p.Targets, ", "))
	v.Set("equipment", strings.Join(p.Equipment, ", "))
	if p.Sided {
		v.Set("sided", "1")
	}
	v.Set("side_step", p.SideStep)
	doseValues(v, 0, p.Dose, backcare.Dose{}, false)
	v.Set("steps", strings.Join(p.Steps, "\n"))
	v.Set("feel", p.Feel)
	v.Set("cautions", strings.Join(p.Cautions, "\n"))
	v.Set("stop_signs", strings.Join(p.StopSigns, "\n"))
	v.Set("easier", strings.Join(p.Easier, ", "))
	v.Set("harder", strings.Join(p.Harder, ", "))
	for _, b := range catalog.Builtin().Poses() {
		if figureEqual(b.Figure, p.Figure) {
			v.Set("picture", b.ID)
			break
		}
	}
	return v
}

func figureEqual(a, b backcare.Figure) bool {
	x, _ := json.Marshal(a) // maps, strings and numbers: cannot fail
	y, _ := json.Marshal(b)
	return len(a.Angles) > 0 && string(x) == string(y)
}

// routineValues fills the form from a routine as the catalog read it.
func routineValues(rt backcare.Routine) url.Values {
	v := url.Values{}
	v.Set("id", rt.ID)
	v.Set("name", rt.Name)
	v.Set("purpose", rt.Purpose)
	v.Set("prepare", secs(rt.Prepare))
	v.Set("switch", secs(rt.Switch))
	v.Set("transition", secs(rt.Transition))
	for i, e := range rt.Entries {
		v.Set(entryName("pose", i), e.Pose.ID)
		doseValues(v, i, e.Dose, e.Pose.Dose, true)
		v.Set(entryName("side", i), string(e.Side))
	}
	v.Set("rows", strconv.Itoa(len(rt.Entries)))
	return v
}

// ---- Filling the editor ----

func (s *server) editorPage(r *http.Request, c *backcare.Clinic, cat *clinicCatalog, kind backcare.ClinicDocKind, saved *backcare.ClinicDoc, form url.Values, errs fieldErrors) *ownEditorPage {
	what := "pose"
	if kind == backcare.ClinicRoutine {
		what = "routine"
	}
	d := &ownEditorPage{Clinic: c, Kind: what, New: saved == nil, Action: "/clinic-library/" + c.ID}
	title := "A new " + what
	if saved != nil {
		d.ID, d.Version, d.Text = saved.ID, saved.Version, saved.Text
		d.Action += "/" + what + "/" + saved.ID
		title = saved.Name
		names := map[string]string{}
		d.Saved = &libraryRow{SavedBy: s.accountName(r.Context(), saved.UpdatedBy, names),
			SavedAt: saved.UpdatedAt.In(s.zoneOf(viewerAccount(r))).Format("2 January 2006, 15:04"), Version: saved.Version}
	}
	d.page = s.newPage(r, title, "patients")
	d.Scripts, d.TimeHint = []string{"libraryedit.js", "savebar.js"}, timeHint
	specs := poseFields
	if kind == backcare.ClinicRoutine {
		specs = routineFields
	}
	for _, sp := range specs {
		f := s.ownFieldOf(sp, sp.name, form, errs, cat)
		if sp.name == "id" && saved != nil {
			f.ReadOnly, f.Value = true, saved.ID
		}
		if len(d.Groups) == 0 || d.Groups[len(d.Groups)-1].Legend != sp.group {
			d.Groups = append(d.Groups, ownGroup{Legend: sp.group})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Fields = append(g.Fields, f)
	}
	if kind == backcare.ClinicRoutine {
		rows := entryRows(form)
		used := 0
		for n := range rows {
			if strings.TrimSpace(form.Get(entryName("pose", n))) != "" {
				used = n + 1
			}
		}
		d.Rows = max(rows, used+minRows)
		for n := range d.Rows {
			e := ownEntry{N: n + 1}
			var own *ownDose
			if p, err := cat.Pose(strings.TrimSpace(form.Get(entryName("pose", n)))); err == nil {
				own = ownDoseOf(p)
			}
			for _, sp := range entryFields {
				f := s.ownFieldOf(sp, entryName(sp.name, n), form, errs, cat)
				f.Row, f.Dose = true, sp.name != "pose"
				switch {
				case sp.name == "pose":
					f.Help = "Choose a pose for this row."
					if own != nil {
						f.Help = own.Words
					}
				case sp.name == "side":
					f.Hidden = own != nil && !own.Sided && f.Value == "" && f.Error == ""
					f.Also = "f-" + entryName("pose", n) + "-help"
				case own != nil:
					f.Placeholder = map[string]string{"hold": own.Hold, "sets": own.Sets, "reps": own.Reps, "rest": own.Rest, "intensity": own.Intensity}[sp.name]
					f.Also = "f-" + entryName("pose", n) + "-help"
				default:
					f.Also = "f-" + entryName("pose", n) + "-help"
				}
				e.Fields = append(e.Fields, f)
			}
			d.Entries = append(d.Entries, e)
		}
	}
	if kind == backcare.ClinicPose {
		for _, p := range cat.Poses() {
			if saved == nil || p.ID != saved.ID {
				d.PoseIDs = append(d.PoseIDs, ownOption{Value: p.ID, Label: p.Name})
			}
		}
		d.Pictures = []picture{{ID: "", SVG: noFigure("")}}
		for _, p := range catalog.Builtin().Poses() {
			d.Pictures = append(d.Pictures, picture{ID: p.ID, SVG: s.figureHTML(p, backcare.NoSide, "pick")})
		}
	}
	for _, g := range d.Groups {
		for _, f := range g.Fields {
			if f.Error != "" {
				d.Summary = append(d.Summary, ownProblem{f.Name, f.Label, f.Error})
			}
		}
	}
	if errs["poses"] != "" {
		d.Summary = append(d.Summary, ownProblem{"poses", "Poses", errs["poses"]})
	}
	for _, e := range d.Entries {
		for _, f := range e.Fields {
			if f.Error != "" {
				d.Summary = append(d.Summary, ownProblem{f.Name, "Pose " + strconv.Itoa(e.N) + ", " + strings.ToLower(f.Label), f.Error})
			}
		}
	}
	d.PosesError = errs["poses"]
	d.Errors = len(errs)
	return d
}

// ownFieldOf makes one field of the editor, named name, from the form.
func (s *server) ownFieldOf(sp fieldSpec, name string, form url.Values, errs fieldErrors, cat *clinicCatalog) ownField {
	f := ownField{Name: name, Label: sp.label, Help: sp.help, Type: sp.typ, Value: form.Get(name), Rows: sp.rows, Wide: sp.wide, Error: errs[name]}
	switch {
	case sp.typ == "checkbox":
		f.Checked = f.Value != ""
	case sp.name == "kind":
		f.Groups = []ownOptGroup{{Options: []ownOption{
			{Value: "stretch", Label: "Stretch"}, {Value: "strength", Label: "Strength"}, {Value: "balance", Label: "Balance"}}}}
	case sp.name == "picture":
		f.Preview = s.pictureOf(f.Value, "preview")
		g := ownOptGroup{Options: []ownOption{{Value: "", Label: "No picture"}}}
		for _, p := range catalog.Builtin().Poses() {
			g.Options = append(g.Options, ownOption{Value: p.ID, Label: "Like " + p.Name})
		}
		f.Groups = []ownOptGroup{g}
	case sp.name == "pose":
		ours := ownOptGroup{Label: "Your clinic's poses"}
		built := ownOptGroup{Label: "Built-in poses"}
		for _, p := range cat.Poses() {
			// The name alone: the pose's own dose is said under the row.
			o := ownOption{Value: p.ID, Label: p.Name, Own: ownDoseOf(p)}
			if cat.own(backcare.ClinicPose, p.ID) {
				ours.Options = append(ours.Options, o)
			} else {
				built.Options = append(built.Options, o)
			}
		}
		f.Groups = []ownOptGroup{{Options: []ownOption{{Value: "", Label: "No pose"}}}}
		if len(ours.Options) > 0 {
			f.Groups = append(f.Groups, ours)
		}
		f.Groups = append(f.Groups, built)
	case sp.name == "side":
		f.Groups = []ownOptGroup{{Options: []ownOption{
			{Value: "", Label: "Both sides"}, {Value: "left", Label: "Left only"}, {Value: "right", Label: "Right only"}}}}
	}
	for i := range f.Groups {
		for j := range f.Groups[i].Options {
			o := &f.Groups[i].Options[j]
			o.Selected = o.Value == f.Value
		}
	}
	return f
}

// ---- The handlers ----

func docKind(s string) (backcare.ClinicDocKind, error) {
	k := backcare.ClinicDocKind(s)
	if !k.Valid() {
		return "", backcare.Errorf(backcare.ENOTFOUND, "a clinic keeps poses and routines, not %q", s)
	}
	return k, nil
}

// libraryNew is the editor of a new pose or routine.
func (s *server) libraryNew(w http.ResponseWriter, r *http.Request) {
	c, err := s.staffClinic(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	kind, err := docKind(r.URL.Query().Get("kind"))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	cat, err := s.clinicCatalog(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	form := url.Values{"kind": {"stretch"}, "intensity": {"5"}, "hold": {"60"}}
	if kind == backcare.ClinicRoutine {
		form = url.Values{}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "libraryedit", s.editorPage(r, c, cat, kind, nil, form, fieldErrors{}))
}

// libraryEdit is the editor of a saved pose or routine.
func (s *server) libraryEdit(w http.ResponseWriter, r *http.Request) {
	c, doc, cat, err := s.libraryDoc(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	var form url.Values
	if doc.Kind == backcare.ClinicPose {
		if p, err := cat.Pose(doc.ID); err == nil {
			form = poseValues(p)
		}
	} else if rt, err := cat.Routine(doc.ID); err == nil {
		form = routineValues(rt)
	}
	if form == nil {
		form = url.Values{"id": {doc.ID}, "name": {doc.Name}}
	}
	d := s.editorPage(r, c, cat, doc.Kind, doc, form, fieldErrors{})
	if p := cat.broken[docKey(doc.Kind, doc.ID)]; p != "" {
		d.Problems = append(d.Problems, "This "+string(doc.Kind)+" no longer loads, so patients can't play it: "+p)
	}
	if doc.Kind == backcare.ClinicPose {
		d.Used = usedBy(cat, doc.ID)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "libraryedit", d)
}

// libraryDoc is the clinic and the saved document the path names, with
// the clinic's catalog.
func (s *server) libraryDoc(r *http.Request) (*backcare.Clinic, *backcare.ClinicDoc, *clinicCatalog, error) {
	c, err := s.staffClinic(r)
	if err != nil {
		return nil, nil, nil, err
	}
	kind, err := docKind(r.PathValue("kind"))
	if err != nil {
		return nil, nil, nil, err
	}
	doc, err := s.Journal.ClinicDoc(r.Context(), c.ID, kind, r.PathValue("id"))
	if err != nil {
		return nil, nil, nil, err
	}
	cat, err := s.clinicCatalog(r.Context(), c.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	return c, doc, cat, nil
}

// usedBy lists the clinic's routines and poses that name a pose.
func usedBy(cat *clinicCatalog, poseID string) []string {
	var out []string
	for _, d := range cat.docs {
		switch d.Kind {
		case backcare.ClinicRoutine:
			if rt, err := cat.Routine(d.ID); err == nil && slices.ContainsFunc(rt.Entries, func(e backcare.Entry) bool { return e.Pose.ID == poseID }) {
				out = append(out, "the routine "+rt.Name)
			}
		case backcare.ClinicPose:
			if p, err := cat.Pose(d.ID); err == nil && d.ID != poseID && (slices.Contains(p.Easier, poseID) || slices.Contains(p.Harder, poseID)) {
				out = append(out, "the pose "+p.Name+" (as a variant)")
			}
		}
	}
	return out
}

// programmesWith names the clinic's patients whose programme plays the
// document: a routine among its routines, a pose as a variant in another's
// place.
func (s *server) programmesWith(ctx context.Context, clinicID string, doc *backcare.ClinicDoc) ([]string, error) {
	ms, err := s.Journal.Members(ctx, clinicID)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range ms {
		if m.Role != backcare.InClinicPatient {
			continue
		}
		a, err := s.Journal.Assignment(ctx, clinicID, m.AccountID)
		if backcare.ErrorCode(err) == backcare.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		plays := doc.Kind == backcare.ClinicRoutine && slices.Contains(a.Routines, doc.ID) ||
			doc.Kind == backcare.ClinicPose && slices.Contains(slices.Collect(maps.Values(a.Swaps)), doc.ID)
		if !plays {
			continue
		}
		name := "a patient"
		if acct, err := s.Journal.Account(ctx, m.AccountID); err == nil {
			name = acct.Name
		}
		out = append(out, name)
	}
	return out, nil
}

// libraryCreate saves a new pose or routine.
func (s *server) libraryCreate(w http.ResponseWriter, r *http.Request) {
	c, err := s.staffClinic(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, 0, badForm())
		return
	}
	kind, err := docKind(r.PostForm.Get("kind_of"))
	if err != nil {
		s.fail(w, r, 0, backcare.Errorf(backcare.EINVALID, "say whether this is a pose or a routine"))
		return
	}
	s.librarySubmit(w, r, c, kind, nil)
}

// librarySave saves a change to a saved pose or routine.
func (s *server) librarySave(w http.ResponseWriter, r *http.Request) {
	c, doc, _, err := s.libraryDoc(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, 0, badForm())
		return
	}
	s.librarySubmit(w, r, c, doc.Kind, doc)
}

// librarySubmit checks the form with the catalog's validator and saves
// it only if it is valid; a refused form shows each problem at its field
// and keeps what was typed.
func (s *server) librarySubmit(w http.ResponseWriter, r *http.Request, c *backcare.Clinic, kind backcare.ClinicDocKind, saved *backcare.ClinicDoc) {
	ctx := r.Context()
	form := r.PostForm
	skip := ""
	id := strings.TrimSpace(form.Get("id"))
	if saved != nil {
		skip, id = docKey(kind, saved.ID), saved.ID
	}
	cat, err := s.clinicCatalogWithout(ctx, c.ID, skip)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if kind == backcare.ClinicRoutine && form.Get("more") != "" {
		// More rows for poses: the form again as typed, with empty rows
		// added; nothing is checked or saved yet.
		form.Set("rows", strconv.Itoa(entryRows(form)+minRows))
		d := s.editorPage(r, c, cat, kind, saved, form, fieldErrors{})
		d.Version, _ = strconv.Atoi(form.Get("version"))
		w.Header().Set("Cache-Control", "no-store")
		s.render(w, r, http.StatusOK, "libraryedit", d)
		return
	}
	var fd *formDoc
	if kind == backcare.ClinicPose {
		fd = s.poseDoc(form, id)
	} else {
		fd = s.routineDoc(form, id)
	}
	var problems []string
	if saved == nil && id != "" && cat.own(kind, id) {
		fd.errs["id"] = "Your clinic has a " + string(kind) + " with this id already: choose another id, or open that " + string(kind) + " from the list to change it."
	}
	// Checked even when the form found problems, so that every problem
	// shows at once.
	check := cat.Clone()
	if err := check.AddFiles(map[string][]byte{string(kind) + ".yaml": []byte(fd.w.text())}); err != nil {
		problems = fd.place(err)
	}
	version, _ := strconv.Atoi(form.Get("version"))
	page := func(code int, conflict string) {
		d := s.editorPage(r, c, cat, kind, saved, form, fd.errs)
		d.Problems, d.Conflict, d.Version = problems, conflict, version
		if saved != nil && kind == backcare.ClinicPose {
			d.Used = usedBy(cat, saved.ID)
		}
		w.Header().Set("Cache-Control", "no-store")
		s.render(w, r, code, "libraryedit", d)
	}
	if len(fd.errs) > 0 || len(problems) > 0 {
		page(http.StatusBadRequest, "")
		return
	}
	name := ""
	if kind == backcare.ClinicPose {
		p, _ := check.Pose(id)
		name = p.Name
	} else {
		rt, _ := check.Routine(id)
		name = rt.Name
	}
	doc := &backcare.ClinicDoc{ClinicID: c.ID, Kind: kind, ID: id, Name: name, Text: fd.w.text(), Version: version,
		UpdatedBy: userID(r), UpdatedAt: s.Now()}
	if saved == nil {
		doc.Version = 0
	}
	err = s.Journal.SaveClinicDoc(ctx, doc)
	switch backcare.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/clinic-library/"+c.ID+"?saved=saved", http.StatusSeeOther)
	case backcare.ECONFLICT:
		if saved == nil {
			fd.errs["id"] = "Someone at your clinic has just saved a " + string(kind) + " with this id: choose another id."
			page(http.StatusConflict, "")
			return
		}
		latest, lerr := s.Journal.ClinicDoc(ctx, c.ID, kind, id)
		if lerr != nil {
			s.fail(w, r, 0, lerr)
			return
		}
		who := s.accountName(ctx, latest.UpdatedBy, map[string]string{})
		version = latest.Version
		page(http.StatusConflict, who+" saved this "+string(kind)+" at "+latest.UpdatedAt.In(s.zoneOf(viewerAccount(r))).Format("15:04")+
			", while you were editing it. Your changes are below and are not saved. Open the list in another tab to see theirs; saving again puts yours in their place.")
	case backcare.ENOTFOUND:
		version = 0
		page(http.StatusConflict, "Someone at your clinic deleted this "+string(kind)+" while you were editing it. Your changes are below and are not saved; saving again adds it back.")
	default:
		s.fail(w, r, 0, err)
	}
}

// libraryDelete deletes a pose or routine, unless another of the
// clinic's names it.
func (s *server) libraryDelete(w http.ResponseWriter, r *http.Request) {
	c, doc, cat, err := s.libraryDoc(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, 0, badForm())
		return
	}
	if doc.Kind == backcare.ClinicPose {
		if used := usedBy(cat, doc.ID); len(used) > 0 {
			s.fail(w, r, 0, backcare.Errorf(backcare.ECONFLICT, "%s is still used by %s", doc.Name, strings.Join(used, ", ")).
				WithHint("take it out of those first, then delete it"))
			return
		}
	}
	// A patient's programme that plays it would lose it from under them.
	playing, err := s.programmesWith(r.Context(), c.ID, doc)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if len(playing) > 0 {
		s.fail(w, r, 0, backcare.Errorf(backcare.ECONFLICT, "%s is in the programme of %s", doc.Name, strings.Join(playing, ", ")).
			WithHint("change their programmes first (on each patient's page), then delete it"))
		return
	}
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	if err := s.Journal.DeleteClinicDoc(r.Context(), c.ID, doc.Kind, doc.ID, version); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/clinic-library/"+c.ID+"?saved=deleted", http.StatusSeeOther)
}
