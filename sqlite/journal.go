package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"backcare"
)

// Times are stored as whole milliseconds since the Unix epoch, UTC.

func toMS(t time.Time) int64 { return t.UnixMilli() }

func toNullMS(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

func fromMS(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func fromNullMS(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return fromMS(n.Int64)
}

func nullInt(p *int) sql.NullInt64 {
	if p == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: int64(*p), Valid: true}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// filterSQL returns the WHERE (after user_id) and LIMIT of a listing on the
// time column col, newest first.
func filterSQL(col string, userID string, f backcare.Filter) (string, []any, error) {
	if f.Limit < 0 {
		return "", nil, backcare.Errorf(backcare.EINVALID, "a limit of %d records makes no sense", f.Limit).WithHint("give 0 for all, or a positive number")
	}
	var b strings.Builder
	args := []any{userID}
	b.WriteString(" WHERE user_id = ?")
	if !f.Since.IsZero() {
		b.WriteString(" AND " + col + " >= ?")
		args = append(args, toMS(f.Since))
	}
	if !f.Until.IsZero() {
		b.WriteString(" AND " + col + " < ?")
		args = append(args, toMS(f.Until))
	}
	b.WriteString(" ORDER BY " + col + " DESC, id DESC")
	if f.Limit > 0 {
		b.WriteString(" LIMIT ?")
		args = append(args, f.Limit)
	}
	return b.String(), args, nil
}

// SaveSession adds or replaces a session with its segments.
func (d *DB) SaveSession(ctx context.Context, s *backcare.Session) error {
	if s.ID == "" {
		s.ID = backcare.NewID()
	}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return fmt.Errorf("sqlite: save session %s: %w", s.ID, err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		ok, err := upsertSession(ctx, tx, s, true)
		if err != nil {
			return err
		}
		if !ok {
			return taken("session", s.ID)
		}
		tx.wrote(s)
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlite: save session %s: %w", s.ID, mapError(err))
	}
	return nil
}

// UpdateSession reads, changes and saves a session in one transaction of
// the writer: the read is on the writer's own connection, whose cache no
// other connection's commit has made stale, so it is cheaper than a read
// from the pool as well as safe from other writes.
func (d *DB) UpdateSession(ctx context.Context, userID, id string, change func(*backcare.Session) error) (*backcare.Session, error) {
	var out *backcare.Session
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		s, err := tx.session(ctx, userID, id)
		if isNoRows(err) {
			return notFound("session", id)
		}
		if err != nil {
			return err
		}
		was := *s
		if err := change(s); err != nil {
			return err
		}
		if s.ID != id || s.UserID != userID {
			return backcare.Errorf(backcare.EINTERNAL, "a change to session %s changed its id or user", id)
		}
		s.Normalize()
		if err := s.Validate(); err != nil {
			return err
		}
		if s.RoutineID == was.RoutineID && s.RoutineName == was.RoutineName && s.StartedAt.Equal(was.StartedAt) {
			err = updateProgress(ctx, tx, s)
		} else {
			_, err = upsertSession(ctx, tx, s, true)
		}
		if err != nil {
			return err
		}
		tx.wrote(s)
		out = s
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: update session %s: %w", id, mapError(err))
	}
	return out, nil
}

func taken(kind, id string) error {
	return backcare.Errorf(backcare.ECONFLICT, "the %s id %s is already taken", kind, id).
		WithHint("leave the id empty and backcare makes a new one")
}

const sessionCols = `id, user_id, routine_id, routine_name, started_at, ended_at, status,
	pain_before, pain_after, intensity, note, held_ms, holds, holds_skipped`

// upsertSession writes s with its segments, in one row. With replace, an
// existing session of the same user is replaced; without, it is left
// alone. It reports whether s was written.
func upsertSession(ctx context.Context, tx execer, s *backcare.Session, replace bool) (bool, error) {
	sum := s.Summary()
	segs, err := encodeSegments(s.Segments)
	if err != nil {
		return false, err
	}
	conflict := ` ON CONFLICT (id) DO NOTHING`
	if replace {
		conflict = ` ON CONFLICT (id) DO UPDATE SET
			routine_id = excluded.routine_id, routine_name = excluded.routine_name,
			started_at = excluded.started_at, ended_at = excluded.ended_at, status = excluded.status,
			pain_before = excluded.pain_before, pain_after = excluded.pain_after,
			intensity = excluded.intensity, note = excluded.note, held_ms = excluded.held_ms,
			holds = excluded.holds, holds_skipped = excluded.holds_skipped, segments = excluded.segments
			WHERE sessions.user_id = excluded.user_id`
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO sessions (`+sessionCols+`, segments)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`+conflict,
		s.ID, s.UserID, s.RoutineID, s.RoutineName, toMS(s.StartedAt), toNullMS(s.EndedAt), string(s.Status),
		nullInt(s.PainBefore), nullInt(s.PainAfter), nullInt(s.Intensity), s.Note,
		sum.Held.Milliseconds(), sum.Holds, sum.Skipped, segs)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// updateProgress writes what saving progress changes in a saved session:
// not its routine or start, so that SQLite leaves the index on them alone
// and checks fewer constraints than a full upsert does.
func updateProgress(ctx context.Context, x execer, s *backcare.Session) error {
	sum := s.Summary()
	segs, err := encodeSegments(s.Segments)
	if err != nil {
		return err
	}
	_, err = x.ExecContext(ctx, `UPDATE sessions SET ended_at = ?, status = ?, pain_before = ?, pain_after = ?,
		intensity = ?, note = ?, held_ms = ?, holds = ?, holds_skipped = ?, segments = ? WHERE id = ? AND user_id = ?`,
		toNullMS(s.EndedAt), string(s.Status), nullInt(s.PainBefore), nullInt(s.PainAfter), nullInt(s.Intensity), s.Note,
		sum.Held.Milliseconds(), sum.Holds, sum.Skipped, segs, s.ID, s.UserID)
	return err
}

type scanner interface{ Scan(dest ...any) error }

// summaryScanner reads session rows with few allocations: the routine,
// status and note repeat from row to row, so they are read as raw bytes and
// interned, the 0-10 answers point into one slab per listing, and the
// destinations of Scan are made once. A year of daily sessions loads in a
// few milliseconds (BenchmarkHistory).
type summaryScanner struct {
	strs                                           map[string]string
	ints                                           []int
	slab                                           int // the size of the next slab of ints
	id, user, routineID, routineName, status, note sql.RawBytes
	started, heldMS, holds, skipped                int64
	ended, before, after, intense                  sql.NullInt64
	segments                                       sql.RawBytes // read only when dest includes it
	dest                                           []any
}

// newSummaryScanner reads rows of sessionCols, and with segments of
// sessionCols and segments. rows is how many rows are likely.
func newSummaryScanner(rows int, segments bool) *summaryScanner {
	sc := &summaryScanner{slab: min(max(rows*3, 3), 256)}
	sc.dest = []any{&sc.id, &sc.user, &sc.routineID, &sc.routineName, &sc.started, &sc.ended, &sc.status,
		&sc.before, &sc.after, &sc.intense, &sc.note, &sc.heldMS, &sc.holds, &sc.skipped}
	if segments {
		sc.dest = append(sc.dest, &sc.segments)
	}
	return sc
}

func (sc *summaryScanner) intern(b []byte) string {
	if s, ok := sc.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if sc.strs == nil {
		sc.strs = map[string]string{}
	}
	if len(sc.strs) < 1000 {
		sc.strs[s] = s
	}
	return s
}

func (sc *summaryScanner) int(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	if len(sc.ints) == cap(sc.ints) {
		sc.ints = make([]int, 0, sc.slab)
		sc.slab = 256
	}
	sc.ints = append(sc.ints, int(n.Int64))
	return &sc.ints[len(sc.ints)-1]
}

// scan reads a row.
func (sc *summaryScanner) scan(row scanner) (backcare.SessionSummary, error) {
	var s backcare.SessionSummary
	if err := row.Scan(sc.dest...); err != nil {
		return s, err
	}
	s.ID, s.UserID = string(sc.id), sc.intern(sc.user)
	s.RoutineID, s.RoutineName = sc.intern(sc.routineID), sc.intern(sc.routineName)
	s.Status, s.Note = backcare.Status(sc.intern(sc.status)), sc.intern(sc.note)
	s.StartedAt, s.EndedAt = fromMS(sc.started), fromNullMS(sc.ended)
	s.PainBefore, s.PainAfter, s.Intensity = sc.int(sc.before), sc.int(sc.after), sc.int(sc.intense)
	s.Held = time.Duration(sc.heldMS) * time.Millisecond
	s.Holds, s.Skipped = int(sc.holds), int(sc.skipped)
	return s, nil
}

// Session returns one session with its segments, read in one statement:
// saving progress reads the session first, many times a minute.
func (d *DB) Session(ctx context.Context, userID, id string) (*backcare.Session, error) {
	s, err := d.session(ctx, userID, id)
	if isNoRows(err) {
		return nil, fmt.Errorf("sqlite: session: %w", notFound("session", id))
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: session %s: %w", id, mapError(err))
	}
	return s, nil
}

func (d *DB) session(ctx context.Context, userID, id string) (*backcare.Session, error) {
	return readSession(ctx, d, userID, id)
}

// querier runs a read: the pool (*DB) or the writer's connection.
type querier interface {
	query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// readSession reads a session with its segments; errNoRows if there is
// none.
func readSession(ctx context.Context, q querier, userID, id string) (*backcare.Session, error) {
	rows, err := q.query(ctx, `SELECT `+sessionCols+`, segments FROM sessions WHERE user_id = ? AND id = ?`, userID, id)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, errNoRows
	}
	sc := newSummaryScanner(1, true)
	sum, err := sc.scan(rows)
	if err != nil {
		return nil, err
	}
	s := sum.Session()
	if s.Segments, err = decodeSegments(sc.segments); err != nil {
		return nil, fmt.Errorf("segments: %w", err)
	}
	return s, nil
}

// History lists sessions without their segments.
func (d *DB) History(ctx context.Context, userID string, f backcare.Filter) ([]backcare.SessionSummary, error) {
	where, args, err := filterSQL("started_at", userID, f)
	if err != nil {
		return nil, fmt.Errorf("sqlite: history: %w", err)
	}
	rows, err := d.query(ctx, `SELECT `+sessionCols+` FROM sessions`+where, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: history: %w", mapError(err))
	}
	defer func() { _ = rows.Close() }()
	out := []backcare.SessionSummary{}
	sc := newSummaryScanner(f.Limit, false)
	for rows.Next() {
		s, err := sc.scan(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: history: %w", mapError(err))
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: history: %w", mapError(err))
	}
	return out, nil
}

// Sessions lists sessions with their segments.
func (d *DB) Sessions(ctx context.Context, userID string, f backcare.Filter) ([]*backcare.Session, error) {
	sums, err := d.History(ctx, userID, f)
	if err != nil {
		return nil, err
	}
	out := make([]*backcare.Session, len(sums))
	for i, s := range sums {
		out[i] = s.Session()
	}
	if len(out) == 0 {
		return out, nil
	}
	where, args, _ := filterSQL("started_at", userID, f)
	if err := d.loadSegments(ctx, out, where, args); err != nil {
		return nil, fmt.Errorf("sqlite: sessions: %w", mapError(err))
	}
	return out, nil
}

// loadSegments fills in the segments of the sessions the WHERE clause
// where selects.
func (d *DB) loadSegments(ctx context.Context, sessions []*backcare.Session, where string, args []any) error {
	byID := make(map[string]*backcare.Session, len(sessions))
	for _, s := range sessions {
		byID[s.ID] = s
	}
	rows, err := d.query(ctx, `SELECT id, segments FROM sessions`+where, args...)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	var (
		id   string
		segs sql.RawBytes
	)
	for rows.Next() {
		if err := rows.Scan(&id, &segs); err != nil {
			return err
		}
		s := byID[id]
		if s == nil {
			continue
		}
		if s.Segments, err = decodeSegments(segs); err != nil {
			return fmt.Errorf("session %s: segments: %w", id, err)
		}
	}
	return rows.Err()
}

// AddPEG adds a PEG entry.
func (d *DB) AddPEG(ctx context.Context, p *backcare.PEG) error {
	if p.ID == "" {
		p.ID = backcare.NewID()
	}
	p.Normalize()
	if err := p.Validate(); err != nil {
		return fmt.Errorf("sqlite: add PEG %s: %w", p.ID, err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO pegs (id, user_id, at, pain, enjoyment, activity) VALUES (?, ?, ?, ?, ?, ?)`,
			p.ID, p.UserID, toMS(p.At), p.Pain, p.Enjoyment, p.Activity)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: add PEG %s: %w", p.ID, mapError(err))
	}
	return nil
}

// PEGs lists PEG entries.
func (d *DB) PEGs(ctx context.Context, userID string, f backcare.Filter) ([]*backcare.PEG, error) {
	out := []*backcare.PEG{}
	err := d.list(ctx, "pegs", `SELECT id, user_id, at, pain, enjoyment, activity FROM pegs`, "at", userID, f, func(row scanner) error {
		var p backcare.PEG
		var at int64
		if err := row.Scan(&p.ID, &p.UserID, &at, &p.Pain, &p.Enjoyment, &p.Activity); err != nil {
			return err
		}
		p.At = fromMS(at)
		out = append(out, &p)
		return nil
	})
	return out, err
}

// SaveScreening adds or replaces a screening.
func (d *DB) SaveScreening(ctx context.Context, s *backcare.Screening) error {
	if s.ID == "" {
		s.ID = backcare.NewID()
	}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return fmt.Errorf("sqlite: save screening %s: %w", s.ID, err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		ok, err := insertScreening(ctx, tx, s, true)
		if err == nil && !ok {
			err = taken("screening", s.ID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: save screening %s: %w", s.ID, mapError(err))
	}
	return nil
}

func insertScreening(ctx context.Context, tx execer, s *backcare.Screening, replace bool) (bool, error) {
	answers, err := json.Marshal(s.Answers)
	if err != nil {
		return false, err
	}
	conflict := ` ON CONFLICT (id) DO NOTHING`
	if replace {
		conflict = ` ON CONFLICT (id) DO UPDATE SET at = excluded.at, reason = excluded.reason,
			answers = excluded.answers, verdict = excluded.verdict, cleared_at = excluded.cleared_at
			WHERE screenings.user_id = excluded.user_id`
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO screenings (id, user_id, at, reason, answers, verdict, cleared_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`+conflict,
		s.ID, s.UserID, toMS(s.At), s.Reason, string(answers), string(s.Verdict), toNullMS(s.ClearedAt))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Screenings lists screenings.
func (d *DB) Screenings(ctx context.Context, userID string, f backcare.Filter) ([]*backcare.Screening, error) {
	out := []*backcare.Screening{}
	err := d.list(ctx, "screenings", `SELECT id, user_id, at, reason, answers, verdict, cleared_at FROM screenings`, "at", userID, f, func(row scanner) error {
		var (
			s               backcare.Screening
			at              int64
			answers, verdic string
			cleared         sql.NullInt64
		)
		if err := row.Scan(&s.ID, &s.UserID, &at, &s.Reason, &answers, &verdic, &cleared); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(answers), &s.Answers); err != nil {
			return fmt.Errorf("screening %s: answers: %w", s.ID, err)
		}
		s.At, s.Verdict, s.ClearedAt = fromMS(at), backcare.Verdict(verdic), fromNullMS(cleared)
		s.Normalize()
		out = append(out, &s)
		return nil
	})
	return out, err
}

// AddPhaseChange records a phase change.
func (d *DB) AddPhaseChange(ctx context.Context, p *backcare.PhaseChange) error {
	if p.ID == "" {
		p.ID = backcare.NewID()
	}
	p.Normalize()
	if err := p.Validate(); err != nil {
		return fmt.Errorf("sqlite: add phase change %s: %w", p.ID, err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO phase_changes (id, user_id, at, from_phase, to_phase, reason) VALUES (?, ?, ?, ?, ?, ?)`,
			p.ID, p.UserID, toMS(p.At), p.From, p.To, p.Reason)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: add phase change %s: %w", p.ID, mapError(err))
	}
	return nil
}

// PhaseChanges lists phase changes.
func (d *DB) PhaseChanges(ctx context.Context, userID string, f backcare.Filter) ([]*backcare.PhaseChange, error) {
	out := []*backcare.PhaseChange{}
	err := d.list(ctx, "phase changes", `SELECT id, user_id, at, from_phase, to_phase, reason FROM phase_changes`, "at", userID, f, func(row scanner) error {
		var p backcare.PhaseChange
		var at int64
		if err := row.Scan(&p.ID, &p.UserID, &at, &p.From, &p.To, &p.Reason); err != nil {
			return err
		}
		p.At = fromMS(at)
		out = append(out, &p)
		return nil
	})
	return out, err
}

func (d *DB) list(ctx context.Context, what, query, col, userID string, f backcare.Filter, scan func(scanner) error) error {
	where, args, err := filterSQL(col, userID, f)
	if err != nil {
		return fmt.Errorf("sqlite: %s: %w", what, err)
	}
	rows, err := d.query(ctx, query+where, args...)
	if err != nil {
		return fmt.Errorf("sqlite: %s: %w", what, mapError(err))
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("sqlite: %s: %w", what, mapError(err))
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: %s: %w", what, mapError(err))
	}
	return nil
}

// Settings returns a user's settings, or the defaults.
func (d *DB) Settings(ctx context.Context, userID string) (backcare.Settings, error) {
	s, ok, err := d.settings(ctx, userID)
	if err != nil {
		return s, fmt.Errorf("sqlite: settings: %w", mapError(err))
	}
	if !ok {
		return backcare.DefaultSettings(), nil
	}
	return s, nil
}

func (d *DB) settings(ctx context.Context, userID string) (backcare.Settings, bool, error) {
	var (
		s            backcare.Settings
		hold, prep   int64
		voice, beeps int
	)
	err := d.queryRow(ctx, `SELECT hold_ms, prepare_ms, voice, voice_name, beeps FROM settings WHERE user_id = ?`, userID).
		Scan(&hold, &prep, &voice, &s.VoiceName, &beeps)
	if isNoRows(err) {
		return s, false, nil
	}
	if err != nil {
		return s, false, err
	}
	s.Hold, s.Prepare = time.Duration(hold)*time.Millisecond, time.Duration(prep)*time.Millisecond
	s.Voice, s.Beeps = voice != 0, beeps != 0
	return s, true, nil
}

// SaveSettings saves a user's settings.
func (d *DB) SaveSettings(ctx context.Context, userID string, s backcare.Settings) error {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return fmt.Errorf("sqlite: save settings: %w", err)
	}
	if userID == "" {
		return fmt.Errorf("sqlite: save settings: %w", backcare.Errorf(backcare.EINVALID, "user_id is missing"))
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (user_id, hold_ms, prepare_ms, voice, voice_name, beeps)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET hold_ms = excluded.hold_ms, prepare_ms = excluded.prepare_ms,
				voice = excluded.voice, voice_name = excluded.voice_name, beeps = excluded.beeps`,
			userID, s.Hold.Milliseconds(), s.Prepare.Milliseconds(), b2i(s.Voice), s.VoiceName, b2i(s.Beeps))
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: save settings: %w", mapError(err))
	}
	return nil
}

// Export returns everything recorded for a user, in canonical order.
func (d *DB) Export(ctx context.Context, userID string) (*backcare.Archive, error) {
	return backcare.CollectArchive(ctx, d, userID, func(ctx context.Context, userID string) (backcare.Settings, bool, error) {
		s, ok, err := d.settings(ctx, userID)
		if err != nil {
			return s, false, fmt.Errorf("sqlite: export: %w", mapError(err))
		}
		return s, ok, nil
	})
}

// Import adds the archive's records that are not saved yet, all or nothing.
func (d *DB) Import(ctx context.Context, a *backcare.Archive) (backcare.ImportResult, error) {
	var res backcare.ImportResult
	a.Normalize()
	if err := a.Validate(); err != nil {
		return res, fmt.Errorf("sqlite: import: %w", err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		// Import adds sessions and never changes one, but a bulk write
		// is no place to reason about the writer's copies.
		tx.forgetAll()
		// owned reports whether an id that was not inserted is the user's
		// own (already imported) rather than another user's.
		owned := func(table, id string) (bool, error) {
			var user string
			err := tx.QueryRowContext(ctx, `SELECT user_id FROM `+table+` WHERE id = ?`, id).Scan(&user)
			return err == nil && user == a.UserID, err
		}
		check := func(added bool, table, kind string, i int, id string) error {
			if added {
				return nil
			}
			ok, err := owned(table, id)
			if err != nil {
				return err
			}
			if !ok {
				return backcare.Errorf(backcare.ECONFLICT, "a record with this id belongs to another account here: was this file imported into another account already?").
					At(fmt.Sprintf("%s[%d] (id %s)", kind, i, id)).WithHint("each record belongs to one account: import the file only into the account it came from")
			}
			return nil
		}
		if a.Settings != nil {
			r, err := tx.ExecContext(ctx, `INSERT INTO settings (user_id, hold_ms, prepare_ms, voice, voice_name, beeps)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING`,
				a.UserID, a.Settings.Hold.Milliseconds(), a.Settings.Prepare.Milliseconds(), b2i(a.Settings.Voice), a.Settings.VoiceName, b2i(a.Settings.Beeps))
			if err != nil {
				return err
			}
			n, err := r.RowsAffected()
			if err != nil {
				return err
			}
			res.Settings = n == 1
		}
		for i, s := range a.Sessions {
			added, err := upsertSession(ctx, tx, s, false)
			if err == nil {
				err = check(added, "sessions", "sessions", i, s.ID)
			}
			if err != nil {
				return err
			}
			res.Sessions += b2i(added)
		}
		for i, p := range a.PEGs {
			r, err := tx.ExecContext(ctx, `INSERT INTO pegs (id, user_id, at, pain, enjoyment, activity) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (id) DO NOTHING`, p.ID, p.UserID, toMS(p.At), p.Pain, p.Enjoyment, p.Activity)
			if err != nil {
				return err
			}
			n, err := r.RowsAffected()
			if err == nil {
				err = check(n == 1, "pegs", "pegs", i, p.ID)
			}
			if err != nil {
				return err
			}
			res.PEGs += int(n)
		}
		for i, s := range a.Screenings {
			added, err := insertScreening(ctx, tx, s, false)
			if err == nil {
				err = check(added, "screenings", "screenings", i, s.ID)
			}
			if err != nil {
				return err
			}
			res.Screenings += b2i(added)
		}
		for i, p := range a.PhaseChanges {
			r, err := tx.ExecContext(ctx, `INSERT INTO phase_changes (id, user_id, at, from_phase, to_phase, reason) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (id) DO NOTHING`, p.ID, p.UserID, toMS(p.At), p.From, p.To, p.Reason)
			if err != nil {
				return err
			}
			n, err := r.RowsAffected()
			if err == nil {
				err = check(n == 1, "phase_changes", "phase_changes", i, p.ID)
			}
			if err != nil {
				return err
			}
			res.PhaseChanges += int(n)
		}
		return nil
	})
	if err != nil {
		return backcare.ImportResult{}, fmt.Errorf("sqlite: import: %w", mapError(err))
	}
	return res, nil
}

// Revision returns the number of changes to a user's records (migration 3
// keeps it with triggers).
func (d *DB) Revision(ctx context.Context, userID string) (int64, error) {
	var n int64
	err := d.queryRow(ctx, `SELECT n FROM revisions WHERE user_id = ?`, userID).Scan(&n)
	if err != nil && !isNoRows(err) {
		return 0, fmt.Errorf("sqlite: revision: %w", mapError(err))
	}
	return n, nil
}

// DeleteSession deletes one session's row, which holds its segments too.
// The writer forgets its copy in the same batch (sessioncache.go), and
// secure_delete overwrites the deleted row's bytes in the file, so a note
// does not linger in a free page.
func (d *DB) DeleteSession(ctx context.Context, userID, id string, check func(*backcare.Session) error) error {
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		if check != nil {
			s, err := tx.session(ctx, userID, id)
			if isNoRows(err) {
				return notFound("session", id)
			}
			if err != nil {
				return err
			}
			if err := check(s); err != nil {
				return err
			}
		}
		return secureDelete(ctx, tx, func() error {
			res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ? AND id = ?`, userID, id)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			if n == 0 {
				return notFound("session", id)
			}
			tx.forget(id)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("sqlite: delete session %s: %w", id, mapError(err))
	}
	return nil
}

// DeleteAll deletes every row of the user's, in one transaction. The
// revisions row stays, and the delete triggers move it on.
func (d *DB) DeleteAll(ctx context.Context, userID string) (backcare.DeleteResult, error) {
	var res backcare.DeleteResult
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		res = backcare.DeleteResult{}
		tx.forgetAll()
		return secureDelete(ctx, tx, func() error {
			for _, t := range []struct {
				table string
				n     *int
			}{{"sessions", &res.Sessions}, {"pegs", &res.PEGs}, {"screenings", &res.Screenings}, {"phase_changes", &res.PhaseChanges}} {
				r, err := tx.ExecContext(ctx, `DELETE FROM `+t.table+` WHERE user_id = ?`, userID)
				if err != nil {
					return err
				}
				n, err := r.RowsAffected()
				if err != nil {
					return err
				}
				*t.n = int(n)
			}
			r, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE user_id = ?`, userID)
			if err != nil {
				return err
			}
			n, err := r.RowsAffected()
			res.Settings = n > 0
			return err
		})
	})
	if err != nil {
		return backcare.DeleteResult{}, fmt.Errorf("sqlite: delete everything: %w", mapError(err))
	}
	if res.Total() > 0 {
		// The write-ahead log still holds the pages as they were before:
		// move them into the file and empty it. Readers that are under
		// way can stop it; the log is then emptied at the next checkpoint.
		_, _ = d.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	return res, nil
}

// secureDelete runs del with SQLite's secure_delete on, which overwrites
// deleted content with zeros, and turns it off again for the rest of the
// batch: progress saves, the most frequent write, need not pay for it.
func secureDelete(ctx context.Context, tx *wtx, del func() error) error {
	if _, err := tx.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
		return err
	}
	err := del()
	if _, rerr := tx.ExecContext(ctx, `PRAGMA secure_delete = OFF`); err == nil {
		err = rerr
	}
	return err
}
