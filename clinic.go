package backcare

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Clinic mode. A clinic is a group of clinicians and the patients who
// joined it. An admin makes the clinic and its clinicians; a clinician
// invites a patient with a one-time code (a Ticket of kind TicketInvite);
// the patient's own account joins, and leaves again keeping its journal.
// The clinicians of a clinic see its patients' journals, assign them
// programmes (Assignment), acknowledge the flags the dashboard raises
// (FlagAck) and record clearances after a red-flag verdict (Clearance);
// every read or change of a patient's records by staff is logged
// (AuditEntry).

// Clinic is one practice.
type Clinic struct {
	ID        string
	Name      string // unique, shown to patients ("Riverside Physio")
	CreatedAt time.Time
}

// MaxClinicName is the longest clinic name, in characters.
const MaxClinicName = 80

// Validate checks the clinic's fields.
func (c *Clinic) Validate() error {
	if c.ID == "" {
		return Errorf(EINVALID, "a clinic needs an id")
	}
	if err := ValidateClinicName(c.Name); err != nil {
		return err
	}
	if c.CreatedAt.IsZero() {
		return Errorf(EINVALID, "a clinic needs the time it was made")
	}
	return nil
}

// ValidateClinicName checks a clinic's name: 1 to 80 characters of text,
// no control characters.
func ValidateClinicName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return Errorf(EINVALID, "the clinic's name is empty").WithHint("give the clinic the name patients know it by, for example Riverside Physio")
	case !utf8.ValidString(name):
		return Errorf(EINVALID, "the clinic's name has characters that are not text")
	case utf8.RuneCountInString(name) > MaxClinicName:
		return Errorf(EINVALID, "the clinic's name is %d characters long, more than %d", utf8.RuneCountInString(name), MaxClinicName).WithHint("choose a shorter name")
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return Errorf(EINVALID, "the clinic's name can't contain control characters")
		}
	}
	return nil
}

// Normalize brings a clinic to what the journal keeps: the name without
// surrounding spaces and inner runs of spaces, the time in UTC to the
// millisecond.
func (c *Clinic) Normalize() {
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.CreatedAt = norm(c.CreatedAt)
}

// ClinicRole is what an account is in a clinic.
type ClinicRole string

// The roles in a clinic.
const (
	InClinicClinician ClinicRole = "clinician"
	InClinicPatient   ClinicRole = "patient"
)

// Valid reports whether r is one of the roles in a clinic.
func (r ClinicRole) Valid() bool { return r == InClinicClinician || r == InClinicPatient }

// LastClinician is the error for taking a clinic's only clinician out
// while it has patients: no one would see their red flags.
func LastClinician() error {
	return Errorf(ECONFLICT, "that is the clinic's only clinician, so taking them out would leave its patients with no one to see their flags").
		WithHint("add another clinician to the clinic first")
}

// NoClinician is the error for a patient joining a clinic that has no
// clinician at the moment: no one would see their red flags.
func NoClinician() error {
	return Errorf(ECONFLICT, "the clinic has no clinician at the moment, so no one there would see your answers or flags").
		WithHint("ask the clinic to add a clinician first, then try the code again or ask for a new one")
}

// ClinicMember is an account's place in a clinic. An account is a patient
// of at most one clinic at a time; a clinician may work in several.
type ClinicMember struct {
	ClinicID  string
	AccountID string
	Role      ClinicRole
	JoinedAt  time.Time
	// InvitedBy is the clinician who invited a patient (whose patient
	// they are first); empty for clinicians.
	InvitedBy string
}

// Validate checks the membership's fields.
func (m *ClinicMember) Validate() error {
	switch {
	case m.ClinicID == "":
		return Errorf(EINVALID, "a member needs the clinic")
	case m.AccountID == "":
		return Errorf(EINVALID, "a member needs the account")
	case !m.Role.Valid():
		return Errorf(EINVALID, "%q is not a role in a clinic", m.Role).WithHint("use clinician or patient")
	case m.JoinedAt.IsZero():
		return Errorf(EINVALID, "a member needs the time they joined")
	}
	return nil
}

// Normalize brings a membership to what the journal keeps.
func (m *ClinicMember) Normalize() { m.JoinedAt = norm(m.JoinedAt) }

// TicketInvite is a clinician's invitation of a patient: its token is the
// short code on the handout, in the link and in the QR code.
const TicketInvite TicketKind = "clinic_invite"

// InviteLife is how long an invitation stays good.
const InviteLife = 7 * 24 * time.Hour

// Invite is what an invitation's Ticket carries (its Data).
type Invite struct {
	ClinicID    string `json:"clinic"`
	ClinicianID string `json:"clinician"`
	For         string `json:"for,omitempty"` // whom it is for, a note for the clinic's list
}

// Data encodes the invite for Ticket.Data.
func (i Invite) Data() []byte {
	b, _ := json.Marshal(i) // strings: cannot fail
	return b
}

// ParseInvite reads the invite a ticket of kind TicketInvite carries.
func ParseInvite(t *Ticket) (Invite, error) {
	var i Invite
	if t.Kind != TicketInvite || json.Unmarshal(t.Data, &i) != nil || i.ClinicID == "" || i.ClinicianID == "" {
		return Invite{}, Errorf(EINVALID, "this is not a clinic's invitation")
	}
	return i, nil
}

// inviteAlphabet has no letters that read like digits (no I, L, O, U).
const inviteAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewInviteCode returns a one-time invitation code: 12 characters (60
// random bits) in groups of four, easy to type from a handout, for example
// "K7QM-X2PD-9HBT". Codes expire in a week and sign-ins are throttled, so
// 60 bits cannot be guessed.
func NewInviteCode() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	var s strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			s.WriteByte('-')
		}
		s.WriteByte(inviteAlphabet[int(c)%len(inviteAlphabet)])
	}
	return s.String()
}

// NormalizeInviteCode is the form of a typed code that is hashed: upper
// case, without spaces or dashes, with O read as 0 and I and L as 1.
func NormalizeInviteCode(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		switch {
		case r == '-' || unicode.IsSpace(r):
		case r == 'O':
			b.WriteByte('0')
		case r == 'I' || r == 'L':
			b.WriteByte('1')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// InviteHash is TokenHash of the normalized invitation code.
func InviteHash(code string) []byte { return TokenHash(NormalizeInviteCode(code)) }

// DoseChange is a clinician's dose for one pose of an assigned programme.
// Zero fields keep the routine's dose.
type DoseChange struct {
	Hold time.Duration `json:"hold,omitempty"` // a timed hold's length, or the hold in each repetition
	Sets int           `json:"sets,omitempty"` // sets of repetitions (with Reps)
	Reps int           `json:"reps,omitempty"` // repetitions in each set
	// Side, for a sided pose, plays only that side (Left or Right), or
	// both where the routine plays one (BothSides); NoSide keeps the
	// routine's sides.
	Side Side `json:"side,omitempty"`
}

// IsZero reports whether the change keeps the routine's dose.
func (d DoseChange) IsZero() bool { return d == DoseChange{} }

// Limits of an assignment's doses: the player's and the catalog's.
const (
	MaxAssignedHold = 10 * time.Minute
	MaxAssignedSets = 10
	MaxAssignedReps = 50
)

// Assignment is the programme a clinician gives a patient: routines of the
// catalog with the clinician's doses. One per patient in a clinic; saving
// replaces it.
type Assignment struct {
	ClinicID    string
	PatientID   string
	ClinicianID string   // who saved it last
	Routines    []string // routine ids, in order
	// Doses maps a pose id to its dose for this patient.
	Doses map[string]DoseChange
	// Excluded lists pose ids left out of every routine.
	Excluded []string
	// Swaps maps a pose id to the variant (one of its Easier or Harder)
	// played in its place.
	Swaps       map[string]string
	DaysPerWeek int       // 1 to 7
	Start       time.Time // the first day, midnight UTC of that date
	Note        string    // to the patient, in the clinician's words
	UpdatedAt   time.Time
}

// MaxAssignmentNote is the longest note to a patient, in characters.
const MaxAssignmentNote = 2000

// Validate checks the assignment's own fields; ValidateAgainst checks its
// routines and poses against a catalog.
func (a *Assignment) Validate() error {
	switch {
	case a.ClinicID == "" || a.PatientID == "" || a.ClinicianID == "":
		return Errorf(EINVALID, "an assignment needs the clinic, the patient and the clinician")
	case len(a.Routines) == 0:
		return Errorf(EINVALID, "choose at least one routine").At("routines")
	case a.DaysPerWeek < 1 || a.DaysPerWeek > 7:
		return Errorf(EINVALID, "days a week must be from 1 to 7, not %d", a.DaysPerWeek).At("days")
	case a.Start.IsZero():
		return Errorf(EINVALID, "an assignment needs the day it starts").At("start")
	case utf8.RuneCountInString(a.Note) > MaxAssignmentNote:
		return Errorf(EINVALID, "the note is %d characters long, more than %d", utf8.RuneCountInString(a.Note), MaxAssignmentNote).At("note")
	case a.UpdatedAt.IsZero():
		return Errorf(EINVALID, "an assignment needs the time it was saved")
	}
	seen := map[string]bool{}
	for _, id := range a.Routines {
		if seen[id] {
			return Errorf(EINVALID, "the routine %s is chosen twice", id).At("routines")
		}
		seen[id] = true
	}
	for id, d := range a.Doses {
		switch {
		case d.Hold < 0 || d.Hold > MaxAssignedHold || (d.Hold > 0 && d.Hold < time.Second):
			return Errorf(EINVALID, "a hold of %s is not possible", d.Hold).WithHint("choose from 1 second to 10 minutes").At("hold-" + id)
		case d.Sets < 0 || d.Sets > MaxAssignedSets:
			return Errorf(EINVALID, "%d sets is not possible", d.Sets).WithHint("choose from 1 to %d", MaxAssignedSets).At("sets-" + id)
		case d.Reps < 0 || d.Reps > MaxAssignedReps:
			return Errorf(EINVALID, "%d reps is not possible", d.Reps).WithHint("choose from 1 to %d", MaxAssignedReps).At("reps-" + id)
		case (d.Sets > 0) != (d.Reps > 0):
			return Errorf(EINVALID, "give both the sets and the reps, or neither").At("sets-" + id)
		case d.Side != NoSide && d.Side != Left && d.Side != Right && d.Side != BothSides:
			return Errorf(EINVALID, "%q is not a side", d.Side).WithHint("use left, right or both").At("side-" + id)
		}
	}
	return nil
}

// Normalize brings an assignment to what the journal keeps: the start as
// a date (midnight UTC), times to the millisecond, empty maps and lists as
// nil, zero dose changes dropped, lists sorted where order means nothing.
func (a *Assignment) Normalize() {
	if !a.Start.IsZero() {
		y, m, d := a.Start.Date()
		a.Start = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	a.UpdatedAt = norm(a.UpdatedAt)
	for id, d := range a.Doses {
		if d.IsZero() {
			delete(a.Doses, id)
		} else {
			d.Hold = d.Hold.Truncate(Precision)
			a.Doses[id] = d
		}
	}
	for id, v := range a.Swaps {
		if v == "" || v == id {
			delete(a.Swaps, id)
		}
	}
	if len(a.Doses) == 0 {
		a.Doses = nil
	}
	if len(a.Swaps) == 0 {
		a.Swaps = nil
	}
	if len(a.Excluded) == 0 {
		a.Excluded = nil
	} else {
		sort.Strings(a.Excluded)
	}
	if len(a.Routines) == 0 {
		a.Routines = nil
	}
	a.Note = strings.TrimSpace(a.Note)
}

// Excludes reports whether the assignment leaves the pose out.
func (a *Assignment) Excludes(poseID string) bool {
	for _, id := range a.Excluded {
		if id == poseID {
			return true
		}
	}
	return false
}

// Apply returns the routine as this assignment has the patient play it:
// excluded poses left out, variants swapped in (pose finds a pose of the
// catalog by id), and the clinician's doses in place of the routine's. A
// change keyed by the original pose id applies to its variant too. Both
// players compile what Apply returns, so the web and the terminal play
// the same doses.
func (a *Assignment) Apply(r Routine, pose func(id string) (Pose, error)) (Routine, error) {
	out := r
	out.Entries = nil
	for _, e := range r.Entries {
		id := e.Pose.ID
		if a.Excludes(id) {
			continue
		}
		if v := a.Swaps[id]; v != "" {
			if !isVariant(e.Pose, v) {
				return Routine{}, Errorf(EINVALID, "%s is not a variant of %s", v, e.Pose.Name).At("swap-" + id)
			}
			p, err := pose(v)
			if err != nil {
				return Routine{}, err
			}
			e.Pose, e.Dose = p, p.Dose
		}
		d, ok := a.Doses[id]
		if !ok {
			d, ok = a.Doses[e.Pose.ID]
		}
		if ok {
			e = applyDose(e, d)
		}
		out.Entries = append(out.Entries, e)
	}
	if len(out.Entries) == 0 {
		return Routine{}, Errorf(EINVALID, "every pose of %s is left out", r.Name).WithHint("keep at least one pose of the routine").At("routines")
	}
	return out, nil
}

func isVariant(p Pose, id string) bool {
	for _, v := range append(append([]string{}, p.Easier...), p.Harder...) {
		if v == id {
			return true
		}
	}
	return false
}

// applyDose puts a clinician's dose change on one entry.
func applyDose(e Entry, d DoseChange) Entry {
	if d.Sets > 0 {
		e.Dose.Reps = make([]int, d.Sets)
		for i := range e.Dose.Reps {
			e.Dose.Reps[i] = d.Reps
		}
		if d.Hold == 0 && len(e.Dose.Reps) > 0 && e.Pose.Dose.Timed() {
			e.Dose.Hold = 0 // a long stretch hold is not a hold within each rep
		}
	}
	if d.Hold > 0 {
		e.Dose.Hold = d.Hold
	}
	switch {
	case !e.Pose.Sided || d.Side == NoSide:
	case d.Side == BothSides:
		e.Side = NoSide
	default:
		e.Side = d.Side
	}
	return e
}

// FlagKind says why the dashboard flags a patient.
type FlagKind string

// The kinds of flag.
const (
	FlagStoppedForPain FlagKind = "stopped_for_pain" // a session stopped for pain
	FlagFlare          FlagKind = "flare"            // pain up 2 or more during a session
	FlagRedFlag        FlagKind = "red_flag"         // a "see a doctor" or "get help today" verdict
	FlagNoPractice     FlagKind = "no_practice"      // no session for 7 days
)

// Valid reports whether k is one of the kinds of flag.
func (k FlagKind) Valid() bool {
	switch k {
	case FlagStoppedForPain, FlagFlare, FlagRedFlag, FlagNoPractice:
		return true
	}
	return false
}

// FlagAck is a clinician's acknowledgement of a flag, with a note.
type FlagAck struct {
	ID        string
	ClinicID  string
	PatientID string
	Kind      FlagKind
	// Ref names what raised the flag: a session's or screening's id, or
	// for no practice the date of the last session ("none" without one).
	Ref  string
	Note string
	By   string // the clinician
	At   time.Time
}

// Validate checks the acknowledgement's fields.
func (f *FlagAck) Validate() error {
	switch {
	case f.ID == "":
		return Errorf(EINVALID, "an acknowledgement needs an id")
	case f.ClinicID == "" || f.PatientID == "" || f.By == "":
		return Errorf(EINVALID, "an acknowledgement needs the clinic, the patient and the clinician")
	case !f.Kind.Valid():
		return Errorf(EINVALID, "%q is not a kind of flag", f.Kind)
	case f.Ref == "":
		return Errorf(EINVALID, "an acknowledgement needs what raised the flag")
	case utf8.RuneCountInString(f.Note) > MaxAssignmentNote:
		return Errorf(EINVALID, "the note is longer than %d characters", MaxAssignmentNote).At("note")
	case f.At.IsZero():
		return Errorf(EINVALID, "an acknowledgement needs its time")
	}
	return nil
}

// Normalize brings an acknowledgement to what the journal keeps.
func (f *FlagAck) Normalize() {
	f.At = norm(f.At)
	f.Note = strings.TrimSpace(f.Note)
}

// Clearance is a clinician's record that a patient may exercise again
// after a "see a doctor" or "get help today" verdict. Recording it also
// sets the screening's ClearedAt, which the safety gate reads.
type Clearance struct {
	ScreeningID string
	ClinicID    string
	PatientID   string
	By          string // the clinician
	At          time.Time
	Note        string
}

// Validate checks the clearance's fields.
func (c *Clearance) Validate() error {
	switch {
	case c.ScreeningID == "" || c.ClinicID == "" || c.PatientID == "" || c.By == "":
		return Errorf(EINVALID, "a clearance needs the screening, the clinic, the patient and the clinician")
	case c.At.IsZero():
		return Errorf(EINVALID, "a clearance needs its time")
	case utf8.RuneCountInString(c.Note) > MaxAssignmentNote:
		return Errorf(EINVALID, "the note is longer than %d characters", MaxAssignmentNote).At("note")
	}
	return nil
}

// Normalize brings a clearance to what the journal keeps.
func (c *Clearance) Normalize() {
	c.At = norm(c.At)
	c.Note = strings.TrimSpace(c.Note)
}

// Handout is what a clinic's printed programme says beside its poses:
// from which clinic, for whom, how often and the clinician's note.
type Handout struct {
	Clinic      string
	Patient     string
	DaysPerWeek int
	Note        string
}

// Often is how often the handout asks for the routine, for the chart's
// "How often?".
func (h *Handout) Often() string {
	if h.DaysPerWeek >= 7 {
		return "Every day: tick a box each day you do it."
	}
	return strconv.Itoa(h.DaysPerWeek) + " days a week: tick a box each day you do it."
}

// AuditAction is what a member of staff did with a patient's records.
type AuditAction string

// The audited actions.
const (
	AuditRead   AuditAction = "read"
	AuditChange AuditAction = "change"
)

// AuditEntry records one read or change of patients' records by staff: a
// patient page reads one patient's, a dashboard every patient it shows.
// One entry per view, however many patients it names, keeps the log's
// writes cheap (a dashboard of 200 patients is one row, not 200).
type AuditEntry struct {
	ID       string
	At       time.Time
	StaffID  string   // the clinician or admin
	Patients []string // whose records; at least one
	ClinicID string
	Action   AuditAction
	What     string // "dashboard", "patient page", "assignment", ...
}

// MaxAuditPatients is how many patients one audit entry may name: more
// than any clinic's dashboard shows.
const MaxAuditPatients = 100_000

// Validate checks the entry's fields.
func (e *AuditEntry) Validate() error {
	switch {
	case e.ID == "":
		return Errorf(EINVALID, "an audit entry needs an id")
	case e.StaffID == "" || len(e.Patients) == 0:
		return Errorf(EINVALID, "an audit entry needs the member of staff and at least one patient")
	case len(e.Patients) > MaxAuditPatients:
		return Errorf(EINVALID, "an audit entry names at most %d patients", MaxAuditPatients)
	case slices.Contains(e.Patients, ""):
		return Errorf(EINVALID, "an audit entry names a patient without an id")
	case e.Action != AuditRead && e.Action != AuditChange:
		return Errorf(EINVALID, "%q is not an audited action", e.Action)
	case e.What == "":
		return Errorf(EINVALID, "an audit entry needs what was read or changed")
	case e.At.IsZero():
		return Errorf(EINVALID, "an audit entry needs its time")
	}
	return nil
}

// Normalize brings an audit entry to what the journal keeps: its patients
// in order, each once.
func (e *AuditEntry) Normalize() {
	e.At = norm(e.At)
	e.Patients = slices.Compact(slices.Sorted(slices.Values(e.Patients)))
}

// How many PEGs and screenings ClinicPatients reads of each patient.
const (
	DashboardPEGs       = 8
	DashboardScreenings = 20
)

// PatientRecords is what a clinic's dashboard reads of one patient.
type PatientRecords struct {
	Member     ClinicMember
	Account    Account
	Assignment *Assignment // nil without one
	Acks       []*FlagAck  // newest first
	Sessions   []SessionSummary
	PEGs       []*PEG
	Screenings []*Screening
}

// AuditFilter narrows the audit log. Empty fields mean any.
type AuditFilter struct {
	PatientID string
	StaffID   string
	Filter
}

// Clinics keeps the clinics, their members, the programmes clinicians
// assign, their acknowledgements and clearances, and the audit log. It is
// part of every Journal (journaltest checks SQLite and PostgreSQL alike).
// What shows on a patient's own pages moves the patient's Revision, in
// the same transaction: joining or leaving a clinic as a patient, their
// programme, a clearance. Clinics, clinicians' memberships,
// acknowledgements and the audit log move nobody's. (A clearance is kept
// beside the screening, whose ClearedAt the caller saves with
// SaveScreening.)
//
// Methods return *Error with ENOTFOUND for a missing record and ECONFLICT
// for a name or membership that exists.
type Clinics interface {
	// AddClinic adds a clinic; its name must be free. An empty ID is
	// filled in.
	AddClinic(ctx context.Context, c *Clinic) error
	// Clinic returns the clinic with the id.
	Clinic(ctx context.Context, id string) (*Clinic, error)
	// ClinicByName returns the clinic with the name (as Normalize makes it,
	// compared without regard to case).
	ClinicByName(ctx context.Context, name string) (*Clinic, error)
	// ClinicList returns every clinic, by name.
	ClinicList(ctx context.Context) ([]*Clinic, error)

	// AddMember adds an account to a clinic. An account already in the
	// clinic, a patient of another clinic joining as a patient, or a
	// patient joining a clinic with no clinician (NoClinician) is
	// ECONFLICT.
	AddMember(ctx context.Context, m *ClinicMember) error
	// Members returns a clinic's members, clinicians first, then by join
	// time and account id.
	Members(ctx context.Context, clinicID string) ([]*ClinicMember, error)
	// Memberships returns the clinics the accounts belong to, oldest
	// first: one account's, or two at once (a clinician's and a
	// patient's, to see if one may read the other's records).
	Memberships(ctx context.Context, accountIDs ...string) ([]*ClinicMember, error)
	// RemoveMember takes an account out of a clinic, with the programme
	// assigned to it there. The account's journal stays as it is. Taking
	// out the clinic's last clinician while it has patients is ECONFLICT
	// (LastClinician), decided in the same transaction, so two removals
	// racing cannot both pass.
	RemoveMember(ctx context.Context, clinicID, accountID string) error

	// PeekTicket returns the ticket of that kind whose Hash is hash, if it
	// has not expired at now, without taking it (to show what an
	// invitation is before it is accepted).
	PeekTicket(ctx context.Context, kind TicketKind, hash []byte, now time.Time) (*Ticket, error)
	// Tickets returns the tickets of that kind not expired at now, newest
	// first (a clinic's invitations not yet used, to list or cancel).
	Tickets(ctx context.Context, kind TicketKind, now time.Time) ([]*Ticket, error)

	// SaveAssignment saves the patient's programme in the clinic,
	// replacing the one before.
	SaveAssignment(ctx context.Context, a *Assignment) error
	// Assignment returns the patient's programme in the clinic.
	Assignment(ctx context.Context, clinicID, patientID string) (*Assignment, error)

	// AddFlagAck records an acknowledgement. An empty ID is filled in.
	AddFlagAck(ctx context.Context, f *FlagAck) error
	// FlagAcks returns the acknowledgements of a patient's flags in the
	// clinic, newest first.
	FlagAcks(ctx context.Context, clinicID, patientID string) ([]*FlagAck, error)

	// AddClearance records a clinician's clearance; one per screening
	// (ECONFLICT for a second).
	AddClearance(ctx context.Context, c *Clearance) error
	// Clearances returns a patient's clearances, newest first.
	Clearances(ctx context.Context, patientID string) ([]*Clearance, error)

	// ClinicPatients returns every patient of the clinic, by account id,
	// with what a dashboard shows of each: their sessions at or after
	// since (newest first), their last DashboardPEGs PEGs and last
	// DashboardScreenings screenings, their programme and the clinic's
	// acknowledgements of their flags. It reads them all in a few queries,
	// however many patients there are.
	ClinicPatients(ctx context.Context, clinicID string, since time.Time) ([]*PatientRecords, error)
	// ClinicVersion returns a fingerprint of what ClinicPatients reads of
	// the clinic, but for time moving on: who its patients are, each one's
	// revision, name and time zone, and the clinic's acknowledgements. Any
	// change to them, by any process on the journal, changes it. It is one
	// cheap read, so what is made of ClinicPatients can be kept and used
	// again until it changes.
	ClinicVersion(ctx context.Context, clinicID string) (string, error)

	// AddAudit appends entries to the audit log, all or none. Empty IDs
	// are filled in.
	AddAudit(ctx context.Context, entries ...*AuditEntry) error
	// Audit returns the audit log, newest first. With f.PatientID, it
	// returns the entries that name the patient, each naming only them
	// (a patient never learns who else was on a dashboard).
	Audit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)

	ClinicDocs // the clinic's own poses and routines (clinicown.go)
}

// CollectClinicPatients is ClinicPatients made of a journal's per-person
// calls: for a journal whose queries are cheap (SQLite, in the same
// process), and the reference the set-based ones are checked against.
func CollectClinicPatients(ctx context.Context, j Journal, clinicID string, since time.Time) ([]*PatientRecords, error) {
	ms, err := j.Members(ctx, clinicID)
	if err != nil {
		return nil, err
	}
	out := []*PatientRecords{}
	for _, m := range ms {
		if m.Role != InClinicPatient {
			continue
		}
		acct, err := j.Account(ctx, m.AccountID)
		if err != nil {
			return nil, err
		}
		p := &PatientRecords{Member: *m, Account: *acct}
		if p.Assignment, err = j.Assignment(ctx, clinicID, m.AccountID); ErrorCode(err) == ENOTFOUND {
			p.Assignment, err = nil, nil
		}
		if err != nil {
			return nil, err
		}
		if p.Acks, err = j.FlagAcks(ctx, clinicID, m.AccountID); err != nil {
			return nil, err
		}
		if p.Sessions, err = j.History(ctx, m.AccountID, Filter{Since: since}); err != nil {
			return nil, err
		}
		if p.PEGs, err = j.PEGs(ctx, m.AccountID, Filter{Limit: DashboardPEGs}); err != nil {
			return nil, err
		}
		if p.Screenings, err = j.Screenings(ctx, m.AccountID, Filter{Limit: DashboardScreenings}); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Account.ID < out[b].Account.ID })
	return out, nil
}

// ClinicFingerprint turns what ClinicVersion reads (the patients' lines and
// the acknowledgements' line) into the version string, the same way for
// every journal.
func ClinicFingerprint(patients, acks string) string {
	h := sha256.Sum256([]byte(patients + "\n" + acks))
	return hex.EncodeToString(h[:16])
}

// CollectClinicVersion is ClinicVersion made of a journal's per-person
// calls, for journals whose queries are cheap.
func CollectClinicVersion(ctx context.Context, j Journal, clinicID string) (string, error) {
	ms, err := j.Members(ctx, clinicID)
	if err != nil {
		return "", err
	}
	var pats []string
	for _, m := range ms {
		if m.Role != InClinicPatient {
			continue
		}
		a, err := j.Account(ctx, m.AccountID)
		if err != nil {
			return "", err
		}
		n, err := j.Revision(ctx, m.AccountID)
		if err != nil {
			return "", err
		}
		pats = append(pats, fmt.Sprintf("%s:%d:%s:%s", a.ID, n, a.Name, a.Zone))
		acks, err := j.FlagAcks(ctx, clinicID, m.AccountID)
		if err != nil {
			return "", err
		}
		for _, f := range acks {
			pats = append(pats, "ack:"+f.ID)
		}
	}
	sort.Strings(pats)
	return ClinicFingerprint(strings.Join(pats, ","), ""), nil
}
