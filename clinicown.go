package backcare

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// A clinic's own poses and routines. The clinicians of a clinic write
// poses and routines of their own beside the built-in ones, and assign
// them as they assign those. Each is kept as a ClinicDoc: a catalog file
// (the YAML format of docs/catalog.md) that defines that one pose or
// routine, checked by the same validator as the files of a catalog
// folder before it is saved. They are the clinic's: every clinician of
// the clinic sees and edits them, and no one else.

// ClinicDocKind says what a clinic's own document defines.
type ClinicDocKind string

// The kinds of a clinic's own documents.
const (
	ClinicPose    ClinicDocKind = "pose"
	ClinicRoutine ClinicDocKind = "routine"
)

// Valid reports whether k is one of the kinds.
func (k ClinicDocKind) Valid() bool { return k == ClinicPose || k == ClinicRoutine }

// MaxClinicDocText is the longest document, in bytes: a pose with every
// field written out in full is about 3 KB.
const MaxClinicDocText = 64 << 10

// ClinicDoc is one of a clinic's own poses or routines.
type ClinicDoc struct {
	ClinicID string
	Kind     ClinicDocKind
	// ID is the pose's or routine's id: unique among the clinic's own of
	// its kind, and never one of the built-in catalog's (the validator
	// refuses those).
	ID   string
	Name string // the pose's or routine's name, for lists
	// Text is the document: YAML that defines this one pose or routine,
	// as the catalog validated it.
	Text string
	// Version is 1 after the first save and one more after each save.
	// Saving or deleting names the version it started from, so that two
	// clinicians editing at once cannot overwrite each other unawares.
	Version   int
	CreatedBy string // the clinician who first saved it
	CreatedAt time.Time
	UpdatedBy string // the clinician who saved it last
	UpdatedAt time.Time
}

// Validate checks the document's own fields (the catalog checks its
// Text).
func (d *ClinicDoc) Validate() error {
	switch {
	case d.ClinicID == "":
		return Errorf(EINVALID, "a clinic's pose or routine needs the clinic")
	case !d.Kind.Valid():
		return Errorf(EINVALID, "%q is neither a pose nor a routine", d.Kind)
	case !ValidID(d.ID):
		return Errorf(EINVALID, "%q is not an id a pose or routine can have", d.ID).WithHint("use lower-case letters, digits and dashes").At("id")
	case strings.TrimSpace(d.Name) == "":
		return Errorf(EINVALID, "a clinic's pose or routine needs a name").At("name")
	case strings.TrimSpace(d.Text) == "":
		return Errorf(EINVALID, "a clinic's pose or routine needs its text")
	case len(d.Text) > MaxClinicDocText:
		return Errorf(EINVALID, "the text is %d bytes long, more than %d", len(d.Text), MaxClinicDocText)
	case !utf8.ValidString(d.Text) || !utf8.ValidString(d.Name):
		return Errorf(EINVALID, "the text has characters that are not text")
	case d.UpdatedBy == "" || d.UpdatedAt.IsZero():
		return Errorf(EINVALID, "a clinic's pose or routine needs who saved it and when")
	case d.Version < 0:
		return Errorf(EINVALID, "a version counts up from 0, not %d", d.Version)
	}
	return nil
}

// Normalize brings a document to what the journal keeps.
func (d *ClinicDoc) Normalize() {
	d.Name = strings.TrimSpace(d.Name)
	d.CreatedAt = norm(d.CreatedAt)
	d.UpdatedAt = norm(d.UpdatedAt)
}

// ErrClinicDocChanged is the conflict of a save or delete that started
// from a version that is no longer the latest.
func ErrClinicDocChanged(kind ClinicDocKind, id string) *Error {
	return Errorf(ECONFLICT, "someone at your clinic saved the %s %s while you were editing it", kind, id).
		WithHint("open it again to see their changes, then make yours")
}

// ClinicDocs keeps a clinic's own poses and routines. It is part of
// Clinics. A change moves the revision of each of the clinic's patients
// (their Today shows the clinic's routines), in the same transaction.
//
// Methods return *Error with ENOTFOUND for a missing document and
// ECONFLICT for an id that is taken or a version that is not the latest.
type ClinicDocs interface {
	// SaveClinicDoc adds or replaces one of a clinic's documents. Its
	// Version is the version the clinician started from: 0 adds a new one
	// (ECONFLICT when the clinic has one of that kind and id), n replaces
	// version n (ECONFLICT when it is no longer the latest, ENOTFOUND when
	// it was deleted). On success Version is the new version, and
	// CreatedBy and CreatedAt are those of the first save.
	SaveClinicDoc(ctx context.Context, d *ClinicDoc) error
	// ClinicDoc returns one of a clinic's documents.
	ClinicDoc(ctx context.Context, clinicID string, kind ClinicDocKind, id string) (*ClinicDoc, error)
	// ClinicDocs returns a clinic's documents: poses first, then
	// routines, each by id.
	ClinicDocs(ctx context.Context, clinicID string) ([]*ClinicDoc, error)
	// DeleteClinicDoc removes one of a clinic's documents, if version is
	// still the latest (ECONFLICT if not).
	DeleteClinicDoc(ctx context.Context, clinicID string, kind ClinicDocKind, id string, version int) error
}
