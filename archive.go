package backcare

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Archive is everything recorded for one user, as exported and imported.
// Records carry the archive's user id.
type Archive struct {
	UserID       string
	Settings     *Settings // nil if none were saved
	Sessions     []*Session
	PEGs         []*PEG
	Screenings   []*Screening
	PhaseChanges []*PhaseChange
}

// ArchiveFormat and ArchiveVersion name the JSON form of an archive. The
// version goes up whenever the form changes in a way an older backcare could
// not read; a newer backcare reads every older version.
const (
	ArchiveFormat  = "backcare-journal"
	ArchiveVersion = 1
)

// CollectArchive gathers everything j holds for userID, in canonical order:
// what every Journal's Export returns. savedSettings reports the user's
// settings and whether any were ever saved (an archive leaves unsaved
// settings out rather than writing the defaults).
func CollectArchive(ctx context.Context, j Journal, userID string,
	savedSettings func(ctx context.Context, userID string) (Settings, bool, error)) (*Archive, error) {
	a := &Archive{UserID: userID}
	var err error
	if a.Sessions, err = j.Sessions(ctx, userID, Filter{}); err != nil {
		return nil, err
	}
	if a.PEGs, err = j.PEGs(ctx, userID, Filter{}); err != nil {
		return nil, err
	}
	if a.Screenings, err = j.Screenings(ctx, userID, Filter{}); err != nil {
		return nil, err
	}
	if a.PhaseChanges, err = j.PhaseChanges(ctx, userID, Filter{}); err != nil {
		return nil, err
	}
	s, ok, err := savedSettings(ctx, userID)
	if err != nil {
		return nil, err
	}
	if ok {
		a.Settings = &s
	}
	a.Sort()
	return a, nil
}

// ForUser moves the archive and every record in it to the user id, as when
// a person imports an export from another device or server.
func (a *Archive) ForUser(userID string) {
	a.UserID = userID
	for _, s := range a.Sessions {
		s.UserID = userID
	}
	for _, p := range a.PEGs {
		p.UserID = userID
	}
	for _, s := range a.Screenings {
		s.UserID = userID
	}
	for _, p := range a.PhaseChanges {
		p.UserID = userID
	}
}

// Sort puts the records in the archive's canonical order: oldest first,
// ties broken by id. Export returns archives in this order, which makes
// exported files deterministic.
func (a *Archive) Sort() {
	slices.SortFunc(a.Sessions, func(x, y *Session) int { return byTimeID(x.StartedAt, y.StartedAt, x.ID, y.ID) })
	slices.SortFunc(a.PEGs, func(x, y *PEG) int { return byTimeID(x.At, y.At, x.ID, y.ID) })
	slices.SortFunc(a.Screenings, func(x, y *Screening) int { return byTimeID(x.At, y.At, x.ID, y.ID) })
	slices.SortFunc(a.PhaseChanges, func(x, y *PhaseChange) int { return byTimeID(x.At, y.At, x.ID, y.ID) })
}

func byTimeID(a, b time.Time, ida, idb string) int {
	if c := a.Compare(b); c != 0 {
		return c
	}
	return cmp.Compare(ida, idb)
}

// Normalize normalizes every record (see Session.Normalize).
func (a *Archive) Normalize() {
	if a.Settings != nil {
		a.Settings.Normalize()
	}
	for _, s := range a.Sessions {
		s.Normalize()
	}
	for _, p := range a.PEGs {
		p.Normalize()
	}
	for _, s := range a.Screenings {
		s.Normalize()
	}
	for _, p := range a.PhaseChanges {
		p.Normalize()
	}
}

// Validate checks every record of the archive and returns the first problem,
// naming the record: "sessions[3] (id ab12...): pain_after 11 is outside
// 0-10". Every record must belong to the archive's user, and no id may
// appear twice within a kind of record.
func (a *Archive) Validate() error {
	if err := checkUser(a.UserID); err != nil {
		return err
	}
	if a.Settings != nil {
		if err := a.Settings.Validate(); err != nil {
			return at(err, "settings")
		}
	}
	type rec interface {
		Validate() error
	}
	check := func(kind string, i int, id, user string, r rec, seen map[string]int) error {
		where := recordName(kind, i, id)
		if r == nil {
			return invalid("the record is empty").At(where)
		}
		if err := r.Validate(); err != nil {
			return at(err, where)
		}
		if user != a.UserID {
			return invalid("user_id %q is not the archive's user %q", clip(user), a.UserID).At(where)
		}
		if j, ok := seen[id]; ok {
			return invalid("the id is used twice, here and in %s[%d]", kind, j).At(where).
				WithHint("every record needs its own id")
		}
		seen[id] = i
		return nil
	}
	seen := map[string]int{}
	for i, s := range a.Sessions {
		if s == nil {
			return check("sessions", i, "", "", nil, seen)
		}
		if err := check("sessions", i, s.ID, s.UserID, s, seen); err != nil {
			return err
		}
	}
	seen = map[string]int{}
	for i, p := range a.PEGs {
		if p == nil {
			return check("pegs", i, "", "", nil, seen)
		}
		if err := check("pegs", i, p.ID, p.UserID, p, seen); err != nil {
			return err
		}
	}
	seen = map[string]int{}
	for i, s := range a.Screenings {
		if s == nil {
			return check("screenings", i, "", "", nil, seen)
		}
		if err := check("screenings", i, s.ID, s.UserID, s, seen); err != nil {
			return err
		}
	}
	seen = map[string]int{}
	for i, p := range a.PhaseChanges {
		if p == nil {
			return check("phase_changes", i, "", "", nil, seen)
		}
		if err := check("phase_changes", i, p.ID, p.UserID, p, seen); err != nil {
			return err
		}
	}
	return nil
}

// recordName names a record of an archive the way a person finds it in the
// file: "sessions[3] (id ab12...)".
func recordName(kind string, i int, id string) string {
	if id == "" || !ValidID(id) {
		return fmt.Sprintf("%s[%d]", kind, i)
	}
	return fmt.Sprintf("%s[%d] (id %s)", kind, i, id)
}

// at puts where in front of the place an *Error already names.
func at(err error, where string) error {
	var e *Error
	if !errors.As(err, &e) {
		return invalid("%v", err).At(where)
	}
	c := *e
	if c.Where != "" {
		c.Where = where + ": " + c.Where
	} else {
		c.Where = where
	}
	return &c
}

// The JSON form. Field names are snake_case; durations are whole
// milliseconds (_ms); times are UTC RFC 3339 with milliseconds; absent
// answers (pain not asked) are left out rather than written as zero.

// timeLayout writes every time the same way, so exports are byte-stable.
const timeLayout = "2006-01-02T15:04:05.000Z"

type archiveJSON struct {
	Format       string            `json:"format"`
	Version      int               `json:"version"`
	UserID       string            `json:"user_id"`
	Settings     json.RawMessage   `json:"settings,omitempty"`
	Sessions     []json.RawMessage `json:"sessions"`
	PEGs         []json.RawMessage `json:"pegs"`
	Screenings   []json.RawMessage `json:"screenings"`
	PhaseChanges []json.RawMessage `json:"phase_changes"`
}

type settingsJSON struct {
	HoldMS    *int64  `json:"hold_ms"`
	PrepareMS *int64  `json:"prepare_ms"`
	Voice     *bool   `json:"voice"`
	VoiceName *string `json:"voice_name"`
	Beeps     *bool   `json:"beeps"`
}

type sessionJSON struct {
	ID          string        `json:"id"`
	RoutineID   string        `json:"routine_id"`
	RoutineName string        `json:"routine_name"`
	StartedAt   string        `json:"started_at"`
	EndedAt     string        `json:"ended_at,omitempty"`
	Status      Status        `json:"status"`
	PainBefore  *int          `json:"pain_before,omitempty"`
	PainAfter   *int          `json:"pain_after,omitempty"`
	Intensity   *int          `json:"intensity,omitempty"`
	Note        string        `json:"note,omitempty"`
	Segments    []segmentJSON `json:"segments"`
}

type segmentJSON struct {
	Index     *int   `json:"index"`
	Kind      string `json:"kind"`
	Pose      string `json:"pose,omitempty"`
	Side      Side   `json:"side,omitempty"`
	PlannedMS int64  `json:"planned_ms"`
	HeldMS    int64  `json:"held_ms"`
	Skipped   bool   `json:"skipped,omitempty"`
}

type pegJSON struct {
	ID        string `json:"id"`
	At        string `json:"at"`
	Pain      *int   `json:"pain"`
	Enjoyment *int   `json:"enjoyment"`
	Activity  *int   `json:"activity"`
}

type screeningJSON struct {
	ID        string          `json:"id"`
	At        string          `json:"at"`
	Reason    string          `json:"reason"`
	Answers   map[string]bool `json:"answers"`
	Verdict   Verdict         `json:"verdict"`
	ClearedAt string          `json:"cleared_at,omitempty"`
}

type phaseJSON struct {
	ID     string `json:"id"`
	At     string `json:"at"`
	From   int    `json:"from"`
	To     *int   `json:"to"`
	Reason string `json:"reason"`
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Truncate(Precision).Format(timeLayout)
}

// MarshalJSON writes the archive in its versioned JSON form: one record a
// line, records in canonical order, so that the same journal always gives
// the same bytes and a diff of two exports shows what changed.
func (a *Archive) MarshalJSON() ([]byte, error) {
	c := *a
	c.Sessions = slices.Clone(a.Sessions)
	c.PEGs = slices.Clone(a.PEGs)
	c.Screenings = slices.Clone(a.Screenings)
	c.PhaseChanges = slices.Clone(a.PhaseChanges)
	c.Sort()

	var b bytes.Buffer
	str := func(s string) []byte { out, _ := json.Marshal(s); return out }
	fmt.Fprintf(&b, "{\n  \"format\": %s,\n  \"version\": %d,\n  \"user_id\": %s,\n", str(ArchiveFormat), ArchiveVersion, str(c.UserID))
	if s := c.Settings; s != nil {
		hold, prep := s.Hold.Milliseconds(), s.Prepare.Milliseconds()
		raw, err := json.Marshal(settingsJSON{HoldMS: &hold, PrepareMS: &prep, Voice: &s.Voice, VoiceName: &s.VoiceName, Beeps: &s.Beeps})
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "  \"settings\": %s,\n", raw)
	}
	var err error
	list := func(name string, n int, item func(i int) any, last bool) {
		if err != nil {
			return
		}
		fmt.Fprintf(&b, "  %s: [", str(name))
		for i := range n {
			raw, e := json.Marshal(item(i))
			if e != nil {
				err = e
				return
			}
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n    ")
			b.Write(raw)
		}
		if n > 0 {
			b.WriteString("\n  ")
		}
		b.WriteString("]")
		if !last {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	list("sessions", len(c.Sessions), func(i int) any { return toSessionJSON(c.Sessions[i]) }, false)
	list("pegs", len(c.PEGs), func(i int) any {
		p := c.PEGs[i]
		return pegJSON{ID: p.ID, At: fmtTime(p.At), Pain: &p.Pain, Enjoyment: &p.Enjoyment, Activity: &p.Activity}
	}, false)
	list("screenings", len(c.Screenings), func(i int) any {
		s := c.Screenings[i]
		ans := s.Answers
		if ans == nil {
			ans = map[string]bool{}
		}
		return screeningJSON{ID: s.ID, At: fmtTime(s.At), Reason: s.Reason, Answers: ans, Verdict: s.Verdict, ClearedAt: fmtTime(s.ClearedAt)}
	}, false)
	list("phase_changes", len(c.PhaseChanges), func(i int) any {
		p := c.PhaseChanges[i]
		return phaseJSON{ID: p.ID, At: fmtTime(p.At), From: p.From, To: &p.To, Reason: p.Reason}
	}, true)
	if err != nil {
		return nil, err
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

func toSessionJSON(s *Session) sessionJSON {
	out := sessionJSON{
		ID: s.ID, RoutineID: s.RoutineID, RoutineName: s.RoutineName,
		StartedAt: fmtTime(s.StartedAt), EndedAt: fmtTime(s.EndedAt), Status: s.Status,
		PainBefore: s.PainBefore, PainAfter: s.PainAfter, Intensity: s.Intensity, Note: s.Note,
		Segments: make([]segmentJSON, len(s.Segments)),
	}
	for i, r := range s.Segments {
		out.Segments[i] = segmentJSON{Index: &r.Index, Kind: r.Kind, Pose: r.PoseID, Side: r.Side,
			PlannedMS: r.Planned.Milliseconds(), HeldMS: r.Held.Milliseconds(), Skipped: r.Skipped}
	}
	return out
}

// MaxArchiveSize is the largest archive file ReadArchive accepts: far more
// than a lifetime of daily sessions.
const MaxArchiveSize = 256 << 20

// ParseArchive reads an archive in its JSON form, strictly: unknown fields,
// missing fields, wrong types and trailing data are errors that name the
// record and field. It normalizes every record and validates the whole
// archive, so what it returns can be imported as it is.
func ParseArchive(data []byte) (*Archive, error) {
	if len(data) > MaxArchiveSize {
		return nil, invalid("the file is %d MB, more than the %d MB an archive may be", len(data)>>20, MaxArchiveSize>>20)
	}
	// A byte-order mark, which some editors write, is not part of the JSON.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if looksLikeCSV(data) {
		return nil, invalid("this is a CSV file (rows for a spreadsheet), and import reads only backcare's JSON export").
			WithHint("export with `backcare journal export -o my-back.json` (JSON is the default) and import that file; CSV is for reading, not for moving a journal")
	}
	var top archiveJSON
	if err := decodeStrict(data, &top); err != nil {
		return nil, jsonError(data, err, "").WithHint("is this a file from `backcare journal export`?")
	}
	if top.Format != ArchiveFormat {
		return nil, invalid("format %q is not %q", clip(top.Format), ArchiveFormat).
			WithHint("is this a file from `backcare journal export`?")
	}
	if top.Version < 1 || top.Version > ArchiveVersion {
		e := invalid("version %d of the journal format is not one this backcare reads (1 to %d)", top.Version, ArchiveVersion)
		if top.Version > ArchiveVersion {
			e = e.WithHint("the file comes from a newer backcare: update this one")
		}
		return nil, e
	}
	a := &Archive{UserID: top.UserID}
	if top.Settings != nil {
		var sj settingsJSON
		if err := decodeStrict(top.Settings, &sj); err != nil {
			return nil, jsonError(top.Settings, err, "settings")
		}
		if sj.HoldMS == nil || sj.PrepareMS == nil || sj.Voice == nil || sj.VoiceName == nil || sj.Beeps == nil {
			return nil, invalid("hold_ms, prepare_ms, voice, voice_name and beeps are all needed").At("settings")
		}
		a.Settings = &Settings{
			Hold: ms(*sj.HoldMS), Prepare: ms(*sj.PrepareMS),
			Voice: *sj.Voice, VoiceName: *sj.VoiceName, Beeps: *sj.Beeps,
		}
	}
	for i, raw := range top.Sessions {
		s, err := parseSession(raw, top.UserID)
		if err != nil {
			return nil, at(err, recordName("sessions", i, rawID(raw)))
		}
		a.Sessions = append(a.Sessions, s)
	}
	for i, raw := range top.PEGs {
		var j pegJSON
		where := recordName("pegs", i, rawID(raw))
		if err := decodeStrict(raw, &j); err != nil {
			return nil, jsonError(raw, err, where)
		}
		t, err := parseTime("at", j.At, true)
		if err == nil {
			err = need(j.Pain != nil, "pain", j.Enjoyment != nil, "enjoyment", j.Activity != nil, "activity")
		}
		if err != nil {
			return nil, at(err, where)
		}
		a.PEGs = append(a.PEGs, &PEG{ID: j.ID, UserID: top.UserID, At: t, Pain: *j.Pain, Enjoyment: *j.Enjoyment, Activity: *j.Activity})
	}
	for i, raw := range top.Screenings {
		var j screeningJSON
		where := recordName("screenings", i, rawID(raw))
		if err := decodeStrict(raw, &j); err != nil {
			return nil, jsonError(raw, err, where)
		}
		t, err := parseTime("at", j.At, true)
		var cleared time.Time
		if err == nil {
			cleared, err = parseTime("cleared_at", j.ClearedAt, false)
		}
		if err != nil {
			return nil, at(err, where)
		}
		if j.Answers == nil {
			j.Answers = map[string]bool{}
		}
		a.Screenings = append(a.Screenings, &Screening{ID: j.ID, UserID: top.UserID, At: t, Reason: j.Reason,
			Answers: j.Answers, Verdict: j.Verdict, ClearedAt: cleared})
	}
	for i, raw := range top.PhaseChanges {
		var j phaseJSON
		where := recordName("phase_changes", i, rawID(raw))
		if err := decodeStrict(raw, &j); err != nil {
			return nil, jsonError(raw, err, where)
		}
		t, err := parseTime("at", j.At, true)
		if err == nil {
			err = need(j.To != nil, "to")
		}
		if err != nil {
			return nil, at(err, where)
		}
		a.PhaseChanges = append(a.PhaseChanges, &PhaseChange{ID: j.ID, UserID: top.UserID, At: t, From: j.From, To: *j.To, Reason: j.Reason})
	}
	a.Normalize()
	if err := a.Validate(); err != nil {
		return nil, err
	}
	return a, nil
}

func parseSession(raw []byte, user string) (*Session, error) {
	var j sessionJSON
	if err := decodeStrict(raw, &j); err != nil {
		return nil, jsonError(raw, err, "")
	}
	started, err := parseTime("started_at", j.StartedAt, true)
	if err != nil {
		return nil, err
	}
	ended, err := parseTime("ended_at", j.EndedAt, false)
	if err != nil {
		return nil, err
	}
	s := &Session{ID: j.ID, UserID: user, RoutineID: j.RoutineID, RoutineName: j.RoutineName,
		StartedAt: started, EndedAt: ended, Status: j.Status,
		PainBefore: j.PainBefore, PainAfter: j.PainAfter, Intensity: j.Intensity, Note: j.Note}
	if j.Segments == nil {
		return nil, invalid("segments is missing").WithHint("write \"segments\": [] for a session with none")
	}
	s.Segments = make([]SegmentResult, len(j.Segments))
	for i, g := range j.Segments {
		if g.Index == nil {
			return nil, invalid("index is missing").At(fmt.Sprintf("segments[%d]", i))
		}
		s.Segments[i] = SegmentResult{Index: *g.Index, Kind: g.Kind, PoseID: g.Pose, Side: g.Side,
			Planned: ms(g.PlannedMS), Held: ms(g.HeldMS), Skipped: g.Skipped}
	}
	return s, nil
}

// ms turns milliseconds into a duration without overflowing: values too
// large to be a duration become -1 ms, which validation rejects.
// looksLikeCSV reports whether data starts like comma-separated rows
// rather than a JSON object: a first line with commas, not opening with a
// brace or a bracket.
func looksLikeCSV(data []byte) bool {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	line = bytes.TrimSpace(line)
	return len(line) > 0 && line[0] != '{' && line[0] != '[' && bytes.Contains(line, []byte(","))
}

func ms(n int64) time.Duration {
	if n > int64(1<<62)/int64(time.Millisecond) || n < -int64(1<<62)/int64(time.Millisecond) {
		return -time.Millisecond
	}
	return time.Duration(n) * time.Millisecond
}

func need(pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !pairs[i].(bool) {
			return invalid("%s is missing", pairs[i+1])
		}
	}
	return nil
}

func parseTime(field, s string, required bool) (time.Time, error) {
	if s == "" {
		if required {
			return time.Time{}, invalid("%s is missing", field)
		}
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, invalid("%s %q is not a time", field, clip(s)).
			WithHint("write times as RFC 3339, for example 2026-03-02T18:30:00.000Z")
	}
	return t, nil
}

// rawID digs the id out of a record that may not decode, to name it.
func rawID(raw []byte) string {
	var r struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(raw, &r) != nil {
		return ""
	}
	return r.ID
}

func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err == nil {
		return errors.New("there is more after the end of the JSON")
	}
	return nil
}

// jsonError turns a decoding error into a message a person can act on.
func jsonError(data []byte, err error, where string) *Error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var e *Error
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.Offset)
		e = invalid("the JSON is broken at line %d, column %d: %v", line, col, strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "the value"
		}
		e = invalid("%s should be %s, not a JSON %s", field, typeWord(typ.Type.Kind().String()), typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		e = invalid("the JSON ends too early")
	default:
		e = invalid("%s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if where != "" {
		e = e.At(where)
	}
	return e
}

func typeWord(kind string) string {
	switch kind {
	case "int", "int64", "int32", "uint", "uint64", "uint8", "float64":
		return "a number"
	case "string":
		return "text in quotes"
	case "bool":
		return "true or false"
	case "slice":
		return "a list [...]"
	case "map", "struct", "ptr":
		return "an object {...}"
	}
	return "a " + kind
}

func lineCol(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col = 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// Shift moves every time in the archive by d: a sample journal made once
// can be imported as if it were recent.
func (a *Archive) Shift(d time.Duration) {
	move := func(t *time.Time) {
		if !t.IsZero() {
			*t = t.Add(d)
		}
	}
	for _, s := range a.Sessions {
		move(&s.StartedAt)
		move(&s.EndedAt)
	}
	for _, p := range a.PEGs {
		move(&p.At)
	}
	for _, s := range a.Screenings {
		move(&s.At)
		move(&s.ClearedAt)
	}
	for _, p := range a.PhaseChanges {
		move(&p.At)
	}
}

// ShiftToNow moves the archive by whole days, so that its newest record
// falls on now's day in loc and everything keeps its time of day and its
// weekday order, and returns the shift. A record newer than now's day is
// never moved further on: an archive already as recent is left as it is.
func (a *Archive) ShiftToNow(now time.Time, loc *time.Location) time.Duration {
	var newest time.Time
	see := func(t time.Time) {
		if t.After(newest) {
			newest = t
		}
	}
	for _, s := range a.Sessions {
		see(s.StartedAt)
	}
	for _, p := range a.PEGs {
		see(p.At)
	}
	for _, s := range a.Screenings {
		see(s.At)
	}
	for _, p := range a.PhaseChanges {
		see(p.At)
	}
	if newest.IsZero() {
		return 0
	}
	day := func(t time.Time) time.Time {
		y, m, d := t.In(loc).Date()
		return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) // noon UTC: days apart, whatever the zone's changes
	}
	days := int(day(now).Sub(day(newest)).Hours() / 24)
	if days <= 0 {
		return 0
	}
	// Whole days in loc: the same wall-clock time, days later.
	t := newest.In(loc)
	d := time.Date(t.Year(), t.Month(), t.Day()+days, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc).Sub(t)
	// A record shifted to later today may lie ahead of now by a few hours:
	// move one day less then, so that nothing is in the future.
	if newest.Add(d).After(now) {
		d -= 24 * time.Hour
		if d <= 0 {
			return 0
		}
	}
	a.Shift(d)
	return d
}
