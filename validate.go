package backcare

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The rules every journal record keeps. Both databases and the importer call
// the Validate methods below, so a record that one of them accepts, every
// one of them accepts. Messages use the field names of the JSON archive
// (pain_after, held_ms), because that is where a person can go and fix them.

// Limits on what a journal keeps.
const (
	MaxPain      = 10 // pain, stretch intensity and PEG items are 0-10
	MaxIDLen     = 64
	MaxNoteLen   = 4000 // bytes of a session note
	MaxNameLen   = 200  // routine names, reasons, voice names
	MaxSegments  = 1000
	MaxAnswers   = 100
	MaxSessionTo = 24 * time.Hour // longest a session may last
	// MaxSettingsHold and MaxSettingsPrepare match what the player accepts.
	MaxSettingsHold    = 10 * time.Minute
	MaxSettingsPrepare = 5 * time.Minute
)

// Precision is the resolution at which the journal keeps times and
// durations. Records are truncated to it when saved, so what comes back
// from any database, or from an exported file, equals what was saved.
const Precision = time.Millisecond

// Segment kinds as a session records them (the player's segment kinds).
var segmentKinds = map[string]bool{"prepare": true, "hold": true, "switch": true, "rest": true, "reps": true}

// Reasons a screening is run.
const (
	ScreenFirst    = "first"    // before the first session
	ScreenFlare    = "flare"    // after a flare
	ScreenPeriodic = "periodic" // every four weeks
	ScreenManual   = "manual"   // the person asked
)

// Valid reports whether v is one of the verdicts.
func (v Verdict) Valid() bool {
	switch v {
	case Urgent, Doctor, GoAhead:
		return true
	}
	return false
}

// earliest and latest bound the times a journal accepts: a clock set to 1970
// or a typo of a year is caught before it spoils a trend.
var (
	earliest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	latest   = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)
)

func invalid(format string, args ...any) *Error { return Errorf(EINVALID, format, args...) }

// ValidID reports whether id can name a record: 1 to 64 letters, digits,
// '-' or '_'. NewID makes such ids.
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLen {
		return false
	}
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
		default:
			return false
		}
	}
	return true
}

func checkID(field, id string) *Error {
	if !ValidID(id) {
		if id == "" {
			return invalid("%s is missing", field).WithHint("give every record an id (backcare makes them for you)")
		}
		return invalid("%s %q is not an id", field, clip(id)).WithHint("ids are 1 to %d letters, digits, '-' or '_'", MaxIDLen)
	}
	return nil
}

// checkUser accepts any short, printable user id: a clinic may use its own.
func checkUser(id string) *Error {
	if id == "" {
		return invalid("user_id is missing")
	}
	if err := checkText("user_id", id, 128); err != nil {
		return err
	}
	if strings.TrimSpace(id) != id {
		return invalid("user_id %q has spaces at its ends", id)
	}
	return nil
}

func checkText(field, s string, max int) *Error {
	if !utf8.ValidString(s) {
		return invalid("%s is not valid UTF-8 text", field)
	}
	if len(s) > max {
		return invalid("%s is %d bytes long, more than %d", field, len(s), max).WithHint("shorten it")
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return invalid("%s contains a control character (%U)", field, r)
		}
	}
	return nil
}

func checkTime(field string, t time.Time, required bool) *Error {
	if t.IsZero() {
		if required {
			return invalid("%s is missing", field)
		}
		return nil
	}
	if t.Before(earliest) || !t.Before(latest) {
		return invalid("%s %s is not a plausible date", field, t.UTC().Format(time.RFC3339)).
			WithHint("give a time between the years 2000 and 2999")
	}
	return nil
}

func checkScale(field string, v *int) *Error {
	if v == nil {
		return nil
	}
	return checkScaleInt(field, *v)
}

func checkScaleInt(field string, v int) *Error {
	if v < 0 || v > MaxPain {
		return invalid("%s %d is outside 0-%d", field, v, MaxPain)
	}
	return nil
}

func checkDuration(field string, d, max time.Duration) *Error {
	if d < 0 {
		return invalid("%s %d is negative", field, d.Milliseconds())
	}
	if d > max {
		return invalid("%s %d is longer than %s", field, d.Milliseconds(), max)
	}
	return nil
}

// Validate checks every rule a session keeps. It does not change s.
func (s *Session) Validate() error {
	if err := firstErr(
		checkID("id", s.ID),
		checkUser(s.UserID),
		checkID("routine_id", s.RoutineID),
		checkText("routine_name", s.RoutineName, MaxNameLen),
		checkTime("started_at", s.StartedAt, true),
		checkTime("ended_at", s.EndedAt, false),
		checkScale("pain_before", s.PainBefore),
		checkScale("pain_after", s.PainAfter),
		checkScale("intensity", s.Intensity),
		checkText("note", s.Note, MaxNoteLen),
	); err != nil {
		return err
	}
	if !s.Status.Valid() {
		return invalid("status %q is not one of in_progress, completed, stopped_for_pain, abandoned", clip(string(s.Status)))
	}
	if s.EndedAt.IsZero() && s.Status != InProgress {
		return invalid("ended_at is missing for a session that is %s", s.Status).
			WithHint("only a session in progress has no end")
	}
	if !s.EndedAt.IsZero() {
		if s.EndedAt.Before(s.StartedAt) {
			return invalid("ended_at %s is before started_at %s", s.EndedAt.UTC().Format(time.RFC3339), s.StartedAt.UTC().Format(time.RFC3339))
		}
		if s.EndedAt.Sub(s.StartedAt) > MaxSessionTo {
			return invalid("the session lasts %s, longer than a day", s.EndedAt.Sub(s.StartedAt).Round(time.Minute))
		}
	}
	if len(s.Segments) > MaxSegments {
		return invalid("the session has %d segments, more than %d", len(s.Segments), MaxSegments)
	}
	for i, r := range s.Segments {
		if err := r.validate(); err != nil {
			return err.At(fmt.Sprintf("segments[%d]", i))
		}
		if i > 0 && r.Index <= s.Segments[i-1].Index {
			return invalid("index %d does not follow %d", r.Index, s.Segments[i-1].Index).At(fmt.Sprintf("segments[%d]", i)).
				WithHint("list segments in timeline order, each once")
		}
	}
	return nil
}

func (r SegmentResult) validate() *Error {
	if r.Index < 0 || r.Index >= 100000 {
		return invalid("index %d is not a segment index", r.Index)
	}
	if !segmentKinds[r.Kind] {
		return invalid("kind %q is not one of prepare, hold, switch, rest, reps", clip(r.Kind))
	}
	if r.PoseID != "" {
		if err := checkID("pose", r.PoseID); err != nil {
			return err
		}
	}
	switch r.Side {
	case NoSide, Left, Right:
	default:
		return invalid("side %q is not left or right", clip(string(r.Side)))
	}
	return firstErr(
		checkDuration("planned_ms", r.Planned, MaxSessionTo),
		checkDuration("held_ms", r.Held, MaxSessionTo),
	)
}

// Validate checks a PEG entry.
func (p *PEG) Validate() error {
	return firstErrErr(
		checkID("id", p.ID),
		checkUser(p.UserID),
		checkTime("at", p.At, true),
		checkScaleInt("pain", p.Pain),
		checkScaleInt("enjoyment", p.Enjoyment),
		checkScaleInt("activity", p.Activity),
	)
}

// Validate checks a screening.
func (s *Screening) Validate() error {
	if err := firstErr(
		checkID("id", s.ID),
		checkUser(s.UserID),
		checkTime("at", s.At, true),
		checkTime("cleared_at", s.ClearedAt, false),
	); err != nil {
		return err
	}
	switch s.Reason {
	case ScreenFirst, ScreenFlare, ScreenPeriodic, ScreenManual:
	default:
		return invalid("reason %q is not one of first, flare, periodic, manual", clip(s.Reason))
	}
	if !s.Verdict.Valid() {
		return invalid("verdict %q is not one of urgent, doctor, go_ahead", clip(string(s.Verdict)))
	}
	if !s.ClearedAt.IsZero() && s.ClearedAt.Before(s.At) {
		return invalid("cleared_at is before the screening itself")
	}
	if len(s.Answers) > MaxAnswers {
		return invalid("the screening has %d answers, more than %d", len(s.Answers), MaxAnswers)
	}
	for q := range s.Answers {
		if err := checkID("answers: question", q); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks a phase change.
func (p *PhaseChange) Validate() error {
	if err := firstErr(
		checkID("id", p.ID),
		checkUser(p.UserID),
		checkTime("at", p.At, true),
		checkText("reason", p.Reason, MaxNameLen*5),
	); err != nil {
		return err
	}
	if p.From < 0 || p.From > 100 {
		return invalid("from %d is not a phase", p.From)
	}
	if p.To < 1 || p.To > 100 {
		return invalid("to %d is not a phase", p.To).WithHint("phases are numbered from 1")
	}
	if p.From == p.To {
		return invalid("from and to are both %d", p.To)
	}
	return nil
}

// Validate checks settings against what the player can use.
func (s Settings) Validate() error {
	if s.Hold != 0 && (s.Hold < time.Second || s.Hold > MaxSettingsHold) {
		return invalid("hold %s is not a hold length backcare can use", s.Hold).
			WithHint("choose 0 (each pose's own) or a time from 1s to %s", MaxSettingsHold)
	}
	if s.Prepare < 0 || s.Prepare > MaxSettingsPrepare {
		return invalid("prepare %s is not a prepare time backcare can use", s.Prepare).
			WithHint("choose a time from 0s to %s", MaxSettingsPrepare)
	}
	return firstErrErr(checkText("voice_name", s.VoiceName, MaxNameLen))
}

// Normalize brings a session to what the journal keeps: times in UTC and
// times and durations truncated to Precision. Journals call it on save.
func (s *Session) Normalize() {
	s.StartedAt = norm(s.StartedAt)
	s.EndedAt = norm(s.EndedAt)
	if s.Segments == nil {
		s.Segments = []SegmentResult{} // nil and empty read back alike
	}
	for i := range s.Segments {
		s.Segments[i].Planned = s.Segments[i].Planned.Truncate(Precision)
		s.Segments[i].Held = s.Segments[i].Held.Truncate(Precision)
	}
}

// Normalize brings a PEG entry to what the journal keeps.
func (p *PEG) Normalize() { p.At = norm(p.At) }

// Normalize brings a screening to what the journal keeps.
func (s *Screening) Normalize() {
	s.At = norm(s.At)
	s.ClearedAt = norm(s.ClearedAt)
	if s.Answers == nil {
		s.Answers = map[string]bool{} // nil and empty read back alike
	}
}

// Normalize brings a phase change to what the journal keeps.
func (p *PhaseChange) Normalize() { p.At = norm(p.At) }

// Normalize brings settings to what the journal keeps.
func (s *Settings) Normalize() {
	s.Hold = s.Hold.Truncate(Precision)
	s.Prepare = s.Prepare.Truncate(Precision)
}

func norm(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(Precision)
}

// clip keeps echoed bad values short in messages.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	n := 40
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

func firstErr(errs ...*Error) *Error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// firstErrErr is firstErr returning a plain error, so that a nil *Error
// does not become a non-nil error interface.
func firstErrErr(errs ...*Error) error {
	if e := firstErr(errs...); e != nil {
		return e
	}
	return nil
}
