package backcare

import (
	"context"
	"time"
)

// Journal keeps everything a person records. Every record carries its user
// id, and every listing takes one, so that one journal can serve many
// people. Writes that return nil are durable: nothing acknowledged is ever
// lost.
//
// Journals validate every record (the Validate methods) before writing it
// and keep times in UTC and times and durations to the millisecond
// (Precision): saving normalizes the record passed in, so the caller holds
// exactly what a later read returns. Listings are newest first, ties broken
// by id.
//
// Implementations return *Error with ENOTFOUND for a missing record,
// EINVALID for a record that breaks a rule, and ECONFLICT for a clash with
// what is saved (an id that is taken, by another user or by an earlier
// entry of a kind that is never replaced). The sqlite and postgres packages
// implement it; journaltest checks that they behave alike.
type Journal interface {
	// Accounts keeps who may sign in, and their sign-ins.
	Accounts
	// Clinics keeps clinics, their members and what clinicians record.
	Clinics

	// SaveSession adds the session, or replaces it if its id exists
	// (progress is saved as a session plays, then its final state). An
	// empty ID is filled in.
	SaveSession(ctx context.Context, s *Session) error
	// UpdateSession changes a saved session in one step: it reads the
	// user's session id, lets change modify it, and saves the result, with
	// no other write to the session in between (two tabs or two replicas
	// saving progress never undo each other's checks). If change returns an
	// error, nothing is saved and UpdateSession returns it (wrapped).
	// change must keep the ID and UserID, be quick, and not use the
	// journal: the journal's writes wait for it. It returns the session as
	// saved (normalized, like SaveSession).
	UpdateSession(ctx context.Context, userID, id string, change func(*Session) error) (*Session, error)
	// Session returns one session with its per-segment results.
	Session(ctx context.Context, userID, id string) (*Session, error)
	// Sessions returns a user's sessions with their per-segment results,
	// newest first.
	Sessions(ctx context.Context, userID string, f Filter) ([]*Session, error)
	// History returns a user's sessions without their per-segment results,
	// newest first: what a listing or a pain trend needs, read fast.
	History(ctx context.Context, userID string, f Filter) ([]SessionSummary, error)

	// AddPEG adds a weekly PEG entry. An empty ID is filled in.
	AddPEG(ctx context.Context, p *PEG) error
	// PEGs returns a user's PEG entries, newest first.
	PEGs(ctx context.Context, userID string, f Filter) ([]*PEG, error)

	// SaveScreening adds a screening, or replaces it if its id exists (to
	// record a clinician's clearance). An empty ID is filled in.
	SaveScreening(ctx context.Context, s *Screening) error
	// Screenings returns a user's screenings, newest first.
	Screenings(ctx context.Context, userID string, f Filter) ([]*Screening, error)

	// AddPhaseChange records a move between programme phases. An empty ID
	// is filled in.
	AddPhaseChange(ctx context.Context, p *PhaseChange) error
	// PhaseChanges returns a user's phase changes, newest first.
	PhaseChanges(ctx context.Context, userID string, f Filter) ([]*PhaseChange, error)

	// Settings returns a user's settings, or DefaultSettings if none are saved.
	Settings(ctx context.Context, userID string) (Settings, error)
	// SaveSettings saves a user's settings.
	SaveSettings(ctx context.Context, userID string, s Settings) error

	// Export returns everything recorded for a user, in the archive's
	// canonical order (see Archive.Sort). Settings is nil if none are saved.
	Export(ctx context.Context, userID string) (*Archive, error)
	// Import checks every record of a (Archive.Validate) before writing
	// anything, then adds those whose ids are not saved yet, all in one
	// transaction: all or nothing. Settings are taken only if the user has
	// none saved, so a person's current choices are never overwritten.
	// Importing the same archive twice adds nothing the second time.
	Import(ctx context.Context, a *Archive) (ImportResult, error)

	// DeleteSession removes one of the user's sessions for good, with its
	// per-segment results: the rows are deleted, not marked, in one
	// transaction that moves the revision. ENOTFOUND if the user has no
	// session with that id. If check is not nil, it sees the saved session
	// first, in the same transaction, with no other write to it in
	// between: if it returns an error, nothing is deleted and
	// DeleteSession returns it (wrapped). Like UpdateSession's change, it
	// must be quick and not use the journal.
	DeleteSession(ctx context.Context, userID, id string, check func(*Session) error) error
	// DeleteAll removes everything recorded for the user (sessions, PEG
	// entries, screenings, phase changes and settings) for good, in one
	// transaction, and counts what it removed. The revision is not reset:
	// it moves on, like after any other change, so that nothing a server
	// kept from before is taken for current. Another user's records are
	// left alone.
	DeleteAll(ctx context.Context, userID string) (DeleteResult, error)

	// Revision returns a number that grows whenever anything recorded for
	// the user changes, in the same transaction as the change, whichever
	// program or replica writes it; 0 until the first change (the first
	// record, or the first change after the journal was upgraded).
	// Reading it is cheap (one row), so a server may keep what it makes
	// from a user's records, such as a page, while the revision stays the
	// same. Read the revision before the records: what is read after it is
	// at least as new.
	Revision(ctx context.Context, userID string) (int64, error)

	// Close releases the journal.
	Close() error
}

// Filter narrows a listing. Zero values mean no limit.
type Filter struct {
	Since time.Time // at or after
	Until time.Time // before
	Limit int       // at most this many, the newest
}

// SessionSummary is a session without its per-segment results.
type SessionSummary struct {
	ID          string
	UserID      string
	RoutineID   string
	RoutineName string
	StartedAt   time.Time
	EndedAt     time.Time
	Status      Status
	PainBefore  *int
	PainAfter   *int
	Intensity   *int
	Note        string
	Held        time.Duration // total time in holds and reps (Session.Held)
	Holds       int           // holds and sets of reps reached
	Skipped     int           // of those, how many were left before their end
}

// Session returns the session the summary describes, without its
// per-segment results (an empty list, not nil).
func (s SessionSummary) Session() *Session {
	return &Session{ID: s.ID, UserID: s.UserID, RoutineID: s.RoutineID, RoutineName: s.RoutineName,
		StartedAt: s.StartedAt, EndedAt: s.EndedAt, Status: s.Status,
		PainBefore: s.PainBefore, PainAfter: s.PainAfter, Intensity: s.Intensity, Note: s.Note,
		Segments: []SegmentResult{}}
}

// Summary returns the session's summary.
func (s *Session) Summary() SessionSummary {
	sum := SessionSummary{
		ID: s.ID, UserID: s.UserID, RoutineID: s.RoutineID, RoutineName: s.RoutineName,
		StartedAt: s.StartedAt, EndedAt: s.EndedAt, Status: s.Status,
		PainBefore: s.PainBefore, PainAfter: s.PainAfter, Intensity: s.Intensity,
		Note: s.Note, Held: s.Held(),
	}
	for _, r := range s.Segments {
		if r.Kind == "hold" || r.Kind == "reps" {
			sum.Holds++
			if r.Skipped {
				sum.Skipped++
			}
		}
	}
	return sum
}

// ImportResult counts the records an import added.
type ImportResult struct {
	Sessions     int
	PEGs         int
	Screenings   int
	PhaseChanges int
	Settings     bool // the archive's settings were taken
}

// Total is the number of records added, settings counting as one.
func (r ImportResult) Total() int {
	return RecordCounts(r).Total()
}

// DeleteResult counts the records DeleteAll removed.
type DeleteResult RecordCounts

// Total is the number of records removed, settings counting as one.
func (r DeleteResult) Total() int { return RecordCounts(r).Total() }

// RecordCounts counts records of each kind.
type RecordCounts struct {
	Sessions     int
	PEGs         int
	Screenings   int
	PhaseChanges int
	Settings     bool
}

// Total is the number of records, settings counting as one.
func (r RecordCounts) Total() int {
	n := r.Sessions + r.PEGs + r.Screenings + r.PhaseChanges
	if r.Settings {
		n++
	}
	return n
}
