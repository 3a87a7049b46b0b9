package backcare

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// LocalUser is the user id of the one person using a local, single-user
// journal. A clinic server uses its own ids.
const LocalUser = "local"

// Status is how a session ended.
type Status string

// The statuses of a session.
const (
	InProgress     Status = "in_progress"      // still playing, or interrupted and recoverable
	Completed      Status = "completed"        // played to the end
	StoppedForPain Status = "stopped_for_pain" // the person pressed "this hurts"
	Abandoned      Status = "abandoned"        // quit, or never finished
)

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool {
	switch s {
	case InProgress, Completed, StoppedForPain, Abandoned:
		return true
	}
	return false
}

// Session is one time a person played a routine, with what they reported.
type Session struct {
	ID          string
	UserID      string
	RoutineID   string
	RoutineName string
	StartedAt   time.Time // stored in UTC
	EndedAt     time.Time // zero while in progress
	Status      Status
	Segments    []SegmentResult
	PainBefore  *int // 0-10, nil if not asked
	PainAfter   *int // 0-10
	Intensity   *int // how strong the stretch felt, 0-10 (not pain)
	Note        string
}

// SegmentResult records what happened in one segment of the timeline.
type SegmentResult struct {
	Index   int           // index of the segment in the timeline
	Kind    string        // prepare, hold, switch, rest or reps
	PoseID  string        // empty for rests between poses
	Side    Side          //
	Planned time.Duration // the segment's length in the timeline
	Held    time.Duration // time actually spent in it, pauses not counted
	Skipped bool          // left before its end
}

// Held returns the total time spent in holds and repetitions.
func (s *Session) Held() time.Duration {
	var d time.Duration
	for _, r := range s.Segments {
		if r.Kind == "hold" || r.Kind == "reps" {
			d += r.Held
		}
	}
	return d
}

// PEG is one weekly entry of the PEG scale (Krebs et al. 2009): three 0-10
// items about the past week.
type PEG struct {
	ID        string
	UserID    string
	At        time.Time
	Pain      int // average pain
	Enjoyment int // interference with enjoyment of life
	Activity  int // interference with general activity
}

// Verdict is the outcome of a safety screening.
type Verdict string

// The three verdicts, from most to least urgent.
const (
	Urgent  Verdict = "urgent"   // seek urgent care now
	Doctor  Verdict = "doctor"   // see a doctor before continuing
	GoAhead Verdict = "go_ahead" // go ahead gently
)

// Screening is one run of the red-flag questions.
type Screening struct {
	ID      string
	UserID  string
	At      time.Time
	Reason  string          // first, flare, periodic or manual
	Answers map[string]bool // question id -> yes
	Verdict Verdict
	// ClearedAt is when the person confirmed that a clinician cleared them
	// to exercise after a Doctor verdict; zero if not (yet).
	ClearedAt time.Time
}

// PhaseChange records the programme moving from one phase to another.
type PhaseChange struct {
	ID     string
	UserID string
	At     time.Time
	From   int // 0 when the programme starts
	To     int
	Reason string // the plain "why", as shown to the person
}

// Settings are a person's player preferences.
type Settings struct {
	Hold      time.Duration // overrides every timed hold; zero keeps each pose's dose
	Prepare   time.Duration // time to get ready before each pose; zero keeps the routine's
	Voice     bool          // speak the cues
	VoiceName string        // which voice; empty for the default
	Beeps     bool          // beep on cues
}

// DefaultSettings are the settings of someone who has changed nothing.
func DefaultSettings() Settings {
	return Settings{Voice: true, Beeps: true}
}

// NewID returns a new random record id: 32 hex digits. Ids are made by the
// writer, not the database, so an exported journal imports back with the
// same ids and importing it twice adds nothing.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}
