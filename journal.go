package backcare

import (
	"context"
	"time"
)

// Journal keeps everything a person records. Every method takes the user id
// inside its records or arguments so that one journal can serve many people.
// Writes that return nil are durable: nothing acknowledged is ever lost.
//
// Implementations return *Error with ENOTFOUND for a missing record,
// EINVALID for a record that breaks a rule, and ECONFLICT for a clash with
// what is saved.
type Journal interface {
	// SaveSession adds the session, or replaces it if its id exists
	// (progress is saved as a session plays). An empty ID is filled in.
	SaveSession(ctx context.Context, s *Session) error
	// Session returns one session.
	Session(ctx context.Context, userID, id string) (*Session, error)
	// Sessions returns a user's sessions, newest first.
	Sessions(ctx context.Context, userID string, f Filter) ([]*Session, error)

	// AddPEG adds a weekly PEG entry.
	AddPEG(ctx context.Context, p *PEG) error
	// PEGs returns a user's PEG entries, newest first.
	PEGs(ctx context.Context, userID string, f Filter) ([]*PEG, error)

	// SaveScreening adds a screening, or replaces it if its id exists (to
	// record a clinician's clearance).
	SaveScreening(ctx context.Context, s *Screening) error
	// Screenings returns a user's screenings, newest first.
	Screenings(ctx context.Context, userID string, f Filter) ([]*Screening, error)

	// AddPhaseChange records a move between programme phases.
	AddPhaseChange(ctx context.Context, p *PhaseChange) error
	// PhaseChanges returns a user's phase changes, newest first.
	PhaseChanges(ctx context.Context, userID string, f Filter) ([]*PhaseChange, error)

	// Settings returns a user's settings, or DefaultSettings if none are saved.
	Settings(ctx context.Context, userID string) (Settings, error)
	// SaveSettings saves a user's settings.
	SaveSettings(ctx context.Context, userID string, s Settings) error

	// Export returns everything recorded for a user.
	Export(ctx context.Context, userID string) (*Archive, error)
	// Import checks every record of a, then adds those whose ids are not
	// saved yet, all in one transaction: all or nothing. It returns how many
	// records it added.
	Import(ctx context.Context, a *Archive) (added int, err error)

	// Close releases the journal.
	Close() error
}

// Filter narrows a listing. Zero values mean no limit.
type Filter struct {
	Since time.Time // at or after
	Until time.Time // before
	Limit int
}

// Archive is everything recorded for one user, as exported and imported.
type Archive struct {
	UserID       string
	Settings     *Settings
	Sessions     []*Session
	PEGs         []*PEG
	Screenings   []*Screening
	PhaseChanges []*PhaseChange
}
