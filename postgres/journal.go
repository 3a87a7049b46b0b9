package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"backcare"
)

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func fromNullTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// args numbers placeholders as a statement is built.
type args struct{ list []any }

func (a *args) add(v any) string {
	a.list = append(a.list, v)
	return "$" + strconv.Itoa(len(a.list))
}

// filterSQL appends the WHERE and LIMIT of a listing on the time column
// col, newest first.
func filterSQL(a *args, col, userID string, f backcare.Filter) (string, error) {
	if f.Limit < 0 {
		return "", backcare.Errorf(backcare.EINVALID, "a limit of %d records makes no sense", f.Limit).WithHint("give 0 for all, or a positive number")
	}
	var b strings.Builder
	b.WriteString(" WHERE user_id = " + a.add(userID))
	if !f.Since.IsZero() {
		b.WriteString(" AND " + col + " >= " + a.add(f.Since))
	}
	if !f.Until.IsZero() {
		b.WriteString(" AND " + col + " < " + a.add(f.Until))
	}
	b.WriteString(" ORDER BY " + col + " DESC, id DESC")
	if f.Limit > 0 {
		b.WriteString(" LIMIT " + a.add(f.Limit))
	}
	return b.String(), nil
}

func notFound(kind, id string) error {
	return backcare.Errorf(backcare.ENOTFOUND, "there is no %s with id %s", kind, id).
		WithHint("run `backcare journal` to see what is saved")
}

func taken(kind, id string) error {
	return backcare.Errorf(backcare.ECONFLICT, "the %s id %s is already taken", kind, id).
		WithHint("leave the id empty and backcare makes a new one")
}

// SaveSession adds or replaces a session with its segments.
func (d *DB) SaveSession(ctx context.Context, s *backcare.Session) error {
	if s.ID == "" {
		s.ID = backcare.NewID()
	}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return fmt.Errorf("postgres: save session %s: %w", s.ID, err)
	}
	err := d.write(ctx, func(tx pgx.Tx) error {
		ok, err := upsertSession(ctx, tx, s, true)
		if err == nil && !ok {
			err = taken("session", s.ID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: save session %s: %w", s.ID, mapError(err))
	}
	return nil
}

const sessionCols = `id, user_id, routine_id, routine_name, started_at, ended_at, status,
	pain_before, pain_after, intensity, note, held_ms, holds, holds_skipped`

// upsertSession writes s and its segments. With replace, an existing
// session of the same user is replaced; without, it is left alone. It
// reports whether s was written.
func upsertSession(ctx context.Context, tx pgx.Tx, s *backcare.Session, replace bool) (bool, error) {
	sum := s.Summary()
	conflict := ` ON CONFLICT (id) DO NOTHING`
	if replace {
		conflict = ` ON CONFLICT (id) DO UPDATE SET
			routine_id = excluded.routine_id, routine_name = excluded.routine_name,
			started_at = excluded.started_at, ended_at = excluded.ended_at, status = excluded.status,
			pain_before = excluded.pain_before, pain_after = excluded.pain_after,
			intensity = excluded.intensity, note = excluded.note, held_ms = excluded.held_ms,
			holds = excluded.holds, holds_skipped = excluded.holds_skipped
			WHERE sessions.user_id = excluded.user_id`
	}
	tag, err := tx.Exec(ctx, `INSERT INTO sessions (`+sessionCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`+conflict,
		s.ID, s.UserID, s.RoutineID, s.RoutineName, s.StartedAt, nullTime(s.EndedAt), string(s.Status),
		s.PainBefore, s.PainAfter, s.Intensity, s.Note, sum.Held.Milliseconds(), sum.Holds, sum.Skipped)
	if err != nil || tag.RowsAffected() == 0 {
		return false, err
	}
	if replace {
		if _, err := tx.Exec(ctx, `DELETE FROM segments WHERE session_id = $1`, s.ID); err != nil {
			return false, err
		}
	}
	return true, insertSegments(ctx, tx, s)
}

// insertSegments writes the segments in batches, one statement each.
func insertSegments(ctx context.Context, tx pgx.Tx, s *backcare.Session) error {
	const batch = 500
	for start := 0; start < len(s.Segments); start += batch {
		part := s.Segments[start:min(start+batch, len(s.Segments))]
		var q strings.Builder
		var a args
		q.WriteString(`INSERT INTO segments (session_id, idx, kind, pose_id, side, planned_ms, held_ms, skipped) VALUES `)
		for i, r := range part {
			if i > 0 {
				q.WriteByte(',')
			}
			fmt.Fprintf(&q, "(%s, %s, %s, %s, %s, %s, %s, %s)", a.add(s.ID), a.add(r.Index), a.add(r.Kind), a.add(r.PoseID),
				a.add(string(r.Side)), a.add(r.Planned.Milliseconds()), a.add(r.Held.Milliseconds()), a.add(r.Skipped))
		}
		if _, err := tx.Exec(ctx, q.String(), a.list...); err != nil {
			return err
		}
	}
	return nil
}

func scanSummary(row pgx.Row) (backcare.SessionSummary, error) {
	var (
		s       backcare.SessionSummary
		ended   *time.Time
		status  string
		heldMS  int64
		started time.Time
	)
	err := row.Scan(&s.ID, &s.UserID, &s.RoutineID, &s.RoutineName, &started, &ended, &status,
		&s.PainBefore, &s.PainAfter, &s.Intensity, &s.Note, &heldMS, &s.Holds, &s.Skipped)
	if err != nil {
		return s, err
	}
	s.StartedAt, s.EndedAt, s.Status = started.UTC(), fromNullTime(ended), backcare.Status(status)
	s.Held = time.Duration(heldMS) * time.Millisecond
	return s, nil
}

// Session returns one session with its segments.
func (d *DB) Session(ctx context.Context, userID, id string) (*backcare.Session, error) {
	s, err := readSession(ctx, d.pool, userID, id, "")
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: session: %w", notFound("session", id))
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: session %s: %w", id, mapError(err))
	}
	return s, nil
}

// querier runs a read: the pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// readSession reads a session with its segments, with lock (" FOR
// UPDATE", say) added to the session's SELECT.
func readSession(ctx context.Context, q querier, userID, id, lock string) (*backcare.Session, error) {
	sum, err := scanSummary(q.QueryRow(ctx, `SELECT `+sessionCols+` FROM sessions WHERE user_id = $1 AND id = $2`+lock, userID, id))
	if err != nil {
		return nil, err
	}
	s := sum.Session()
	if err := loadSegments(ctx, q, []*backcare.Session{s}); err != nil {
		return nil, err
	}
	return s, nil
}

// UpdateSession reads, changes and saves a session in one transaction,
// holding the session's row locked from the read to the commit.
func (d *DB) UpdateSession(ctx context.Context, userID, id string, change func(*backcare.Session) error) (*backcare.Session, error) {
	var out *backcare.Session
	err := d.write(ctx, func(tx pgx.Tx) error {
		s, err := readSession(ctx, tx, userID, id, " FOR UPDATE")
		if errors.Is(err, pgx.ErrNoRows) {
			return notFound("session", id)
		}
		if err != nil {
			return err
		}
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
		if _, err := upsertSession(ctx, tx, s, true); err != nil {
			return err
		}
		out = s
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: update session %s: %w", id, mapError(err))
	}
	return out, nil
}

// History lists sessions without their segments.
func (d *DB) History(ctx context.Context, userID string, f backcare.Filter) ([]backcare.SessionSummary, error) {
	var a args
	where, err := filterSQL(&a, "started_at", userID, f)
	if err != nil {
		return nil, fmt.Errorf("postgres: history: %w", err)
	}
	rows, err := d.pool.Query(ctx, `SELECT `+sessionCols+` FROM sessions`+where, a.list...)
	if err != nil {
		return nil, fmt.Errorf("postgres: history: %w", mapError(err))
	}
	defer rows.Close()
	out := []backcare.SessionSummary{}
	for rows.Next() {
		s, err := scanSummary(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: history: %w", mapError(err))
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: history: %w", mapError(err))
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
	if err := loadSegments(ctx, d.pool, out); err != nil {
		return nil, fmt.Errorf("postgres: sessions: %w", mapError(err))
	}
	return out, nil
}

// loadSegments fills in the segments of the sessions.
func loadSegments(ctx context.Context, q querier, sessions []*backcare.Session) error {
	byID := make(map[string]*backcare.Session, len(sessions))
	ids := make([]string, len(sessions))
	for i, s := range sessions {
		byID[s.ID] = s
		ids[i] = s.ID
	}
	rows, err := q.Query(ctx, `SELECT session_id, idx, kind, pose_id, side, planned_ms, held_ms, skipped
		FROM segments WHERE session_id = ANY($1) ORDER BY session_id, idx`, ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, side      string
			r             backcare.SegmentResult
			planned, held int64
		)
		if err := rows.Scan(&id, &r.Index, &r.Kind, &r.PoseID, &side, &planned, &held, &r.Skipped); err != nil {
			return err
		}
		r.Side = backcare.Side(side)
		r.Planned, r.Held = time.Duration(planned)*time.Millisecond, time.Duration(held)*time.Millisecond
		if s := byID[id]; s != nil {
			s.Segments = append(s.Segments, r)
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
		return fmt.Errorf("postgres: add PEG %s: %w", p.ID, err)
	}
	_, err := d.pool.Exec(ctx, `INSERT INTO pegs (id, user_id, at, pain, enjoyment, activity) VALUES ($1, $2, $3, $4, $5, $6)`,
		p.ID, p.UserID, p.At, p.Pain, p.Enjoyment, p.Activity)
	if err != nil {
		return fmt.Errorf("postgres: add PEG %s: %w", p.ID, mapError(err))
	}
	return nil
}

// PEGs lists PEG entries.
func (d *DB) PEGs(ctx context.Context, userID string, f backcare.Filter) ([]*backcare.PEG, error) {
	out := []*backcare.PEG{}
	err := d.list(ctx, "PEGs", `SELECT id, user_id, at, pain, enjoyment, activity FROM pegs`, "at", userID, f, func(row pgx.Rows) error {
		var p backcare.PEG
		if err := row.Scan(&p.ID, &p.UserID, &p.At, &p.Pain, &p.Enjoyment, &p.Activity); err != nil {
			return err
		}
		p.At = p.At.UTC()
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
		return fmt.Errorf("postgres: save screening %s: %w", s.ID, err)
	}
	err := d.write(ctx, func(tx pgx.Tx) error {
		ok, err := insertScreening(ctx, tx, s, true)
		if err == nil && !ok {
			err = taken("screening", s.ID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: save screening %s: %w", s.ID, mapError(err))
	}
	return nil
}

func insertScreening(ctx context.Context, tx pgx.Tx, s *backcare.Screening, replace bool) (bool, error) {
	conflict := ` ON CONFLICT (id) DO NOTHING`
	if replace {
		conflict = ` ON CONFLICT (id) DO UPDATE SET at = excluded.at, reason = excluded.reason,
			answers = excluded.answers, verdict = excluded.verdict, cleared_at = excluded.cleared_at
			WHERE screenings.user_id = excluded.user_id`
	}
	tag, err := tx.Exec(ctx, `INSERT INTO screenings (id, user_id, at, reason, answers, verdict, cleared_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`+conflict,
		s.ID, s.UserID, s.At, s.Reason, s.Answers, string(s.Verdict), nullTime(s.ClearedAt))
	return err == nil && tag.RowsAffected() == 1, err
}

// Screenings lists screenings.
func (d *DB) Screenings(ctx context.Context, userID string, f backcare.Filter) ([]*backcare.Screening, error) {
	out := []*backcare.Screening{}
	err := d.list(ctx, "screenings", `SELECT id, user_id, at, reason, answers, verdict, cleared_at FROM screenings`, "at", userID, f, func(row pgx.Rows) error {
		var (
			s       backcare.Screening
			verdict string
			cleared *time.Time
		)
		if err := row.Scan(&s.ID, &s.UserID, &s.At, &s.Reason, &s.Answers, &verdict, &cleared); err != nil {
			return err
		}
		s.At, s.Verdict, s.ClearedAt = s.At.UTC(), backcare.Verdict(verdict), fromNullTime(cleared)
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
		return fmt.Errorf("postgres: add phase change %s: %w", p.ID, err)
	}
	_, err := d.pool.Exec(ctx, `INSERT INTO phase_changes (id, user_id, at, from_phase, to_phase, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
		p.ID, p.UserID, p.At, p.From, p.To, p.Reason)
	if err != nil {
		return fmt.Errorf("postgres: add phase change %s: %w", p.ID, mapError(err))
	}
	return nil
}

// PhaseChanges lists phase changes.
func (d *DB) PhaseChanges(ctx context.Context, userID string, f backcare.Filter) ([]*backcare.PhaseChange, error) {
	out := []*backcare.PhaseChange{}
	err := d.list(ctx, "phase changes", `SELECT id, user_id, at, from_phase, to_phase, reason FROM phase_changes`, "at", userID, f, func(row pgx.Rows) error {
		var p backcare.PhaseChange
		if err := row.Scan(&p.ID, &p.UserID, &p.At, &p.From, &p.To, &p.Reason); err != nil {
			return err
		}
		p.At = p.At.UTC()
		out = append(out, &p)
		return nil
	})
	return out, err
}

func (d *DB) list(ctx context.Context, what, query, col, userID string, f backcare.Filter, scan func(pgx.Rows) error) error {
	var a args
	where, err := filterSQL(&a, col, userID, f)
	if err != nil {
		return fmt.Errorf("postgres: %s: %w", what, err)
	}
	rows, err := d.pool.Query(ctx, query+where, a.list...)
	if err != nil {
		return fmt.Errorf("postgres: %s: %w", what, mapError(err))
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("postgres: %s: %w", what, mapError(err))
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: %s: %w", what, mapError(err))
	}
	return nil
}

// Settings returns a user's settings, or the defaults.
func (d *DB) Settings(ctx context.Context, userID string) (backcare.Settings, error) {
	s, ok, err := d.settings(ctx, userID)
	if err != nil {
		return s, fmt.Errorf("postgres: settings: %w", mapError(err))
	}
	if !ok {
		return backcare.DefaultSettings(), nil
	}
	return s, nil
}

func (d *DB) settings(ctx context.Context, userID string) (backcare.Settings, bool, error) {
	var (
		s          backcare.Settings
		hold, prep int64
	)
	err := d.pool.QueryRow(ctx, `SELECT hold_ms, prepare_ms, voice, voice_name, beeps FROM settings WHERE user_id = $1`, userID).
		Scan(&hold, &prep, &s.Voice, &s.VoiceName, &s.Beeps)
	if errors.Is(err, pgx.ErrNoRows) {
		return s, false, nil
	}
	if err != nil {
		return s, false, err
	}
	s.Hold, s.Prepare = time.Duration(hold)*time.Millisecond, time.Duration(prep)*time.Millisecond
	return s, true, nil
}

// SaveSettings saves a user's settings.
func (d *DB) SaveSettings(ctx context.Context, userID string, s backcare.Settings) error {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return fmt.Errorf("postgres: save settings: %w", err)
	}
	if userID == "" {
		return fmt.Errorf("postgres: save settings: %w", backcare.Errorf(backcare.EINVALID, "user_id is missing"))
	}
	_, err := d.pool.Exec(ctx, `INSERT INTO settings (user_id, hold_ms, prepare_ms, voice, voice_name, beeps)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (user_id) DO UPDATE SET hold_ms = excluded.hold_ms, prepare_ms = excluded.prepare_ms,
			voice = excluded.voice, voice_name = excluded.voice_name, beeps = excluded.beeps`,
		userID, s.Hold.Milliseconds(), s.Prepare.Milliseconds(), s.Voice, s.VoiceName, s.Beeps)
	if err != nil {
		return fmt.Errorf("postgres: save settings: %w", mapError(err))
	}
	return nil
}

// Export returns everything recorded for a user, in canonical order.
func (d *DB) Export(ctx context.Context, userID string) (*backcare.Archive, error) {
	return backcare.CollectArchive(ctx, d, userID, func(ctx context.Context, userID string) (backcare.Settings, bool, error) {
		s, ok, err := d.settings(ctx, userID)
		if err != nil {
			return s, false, fmt.Errorf("postgres: export: %w", mapError(err))
		}
		return s, ok, nil
	})
}

// Import adds the archive's records that are not saved yet, all or nothing.
func (d *DB) Import(ctx context.Context, a *backcare.Archive) (backcare.ImportResult, error) {
	var res backcare.ImportResult
	a.Normalize()
	if err := a.Validate(); err != nil {
		return res, fmt.Errorf("postgres: import: %w", err)
	}
	err := d.write(ctx, func(tx pgx.Tx) error {
		// check, for a record that was not inserted, that its id is the
		// user's own (imported before) rather than another user's.
		check := func(added bool, table string, i int, id string) error {
			if added {
				return nil
			}
			var user string
			if err := tx.QueryRow(ctx, `SELECT user_id FROM `+table+` WHERE id = $1`, id).Scan(&user); err != nil {
				return err
			}
			if user != a.UserID {
				return backcare.Errorf(backcare.ECONFLICT, "a record with this id belongs to another account here: was this file imported into another account already?").
					At(fmt.Sprintf("%s[%d] (id %s)", table, i, id)).WithHint("each record belongs to one account: import the file only into the account it came from")
			}
			return nil
		}
		if s := a.Settings; s != nil {
			tag, err := tx.Exec(ctx, `INSERT INTO settings (user_id, hold_ms, prepare_ms, voice, voice_name, beeps)
				VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id) DO NOTHING`,
				a.UserID, s.Hold.Milliseconds(), s.Prepare.Milliseconds(), s.Voice, s.VoiceName, s.Beeps)
			if err != nil {
				return err
			}
			res.Settings = tag.RowsAffected() == 1
		}
		for i, s := range a.Sessions {
			added, err := upsertSession(ctx, tx, s, false)
			if err == nil {
				err = check(added, "sessions", i, s.ID)
			}
			if err != nil {
				return err
			}
			if added {
				res.Sessions++
			}
		}
		for i, p := range a.PEGs {
			tag, err := tx.Exec(ctx, `INSERT INTO pegs (id, user_id, at, pain, enjoyment, activity) VALUES ($1, $2, $3, $4, $5, $6)
				ON CONFLICT (id) DO NOTHING`, p.ID, p.UserID, p.At, p.Pain, p.Enjoyment, p.Activity)
			if err == nil {
				err = check(tag.RowsAffected() == 1, "pegs", i, p.ID)
			}
			if err != nil {
				return err
			}
			res.PEGs += int(tag.RowsAffected())
		}
		for i, s := range a.Screenings {
			added, err := insertScreening(ctx, tx, s, false)
			if err == nil {
				err = check(added, "screenings", i, s.ID)
			}
			if err != nil {
				return err
			}
			if added {
				res.Screenings++
			}
		}
		for i, p := range a.PhaseChanges {
			tag, err := tx.Exec(ctx, `INSERT INTO phase_changes (id, user_id, at, from_phase, to_phase, reason) VALUES ($1, $2, $3, $4, $5, $6)
				ON CONFLICT (id) DO NOTHING`, p.ID, p.UserID, p.At, p.From, p.To, p.Reason)
			if err == nil {
				err = check(tag.RowsAffected() == 1, "phase_changes", i, p.ID)
			}
			if err != nil {
				return err
			}
			res.PhaseChanges += int(tag.RowsAffected())
		}
		return nil
	})
	if err != nil {
		return backcare.ImportResult{}, fmt.Errorf("postgres: import: %w", mapError(err))
	}
	return res, nil
}

// Revision returns the number of changes to a user's records (migration 3
// keeps it with triggers).
func (d *DB) Revision(ctx context.Context, userID string) (int64, error) {
	var n int64
	err := d.pool.QueryRow(ctx, `SELECT n FROM revisions WHERE user_id = $1`, userID).Scan(&n)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("postgres: revision: %w", mapError(err))
	}
	return n, nil
}

// DeleteSession deletes one session and its segments.
func (d *DB) DeleteSession(ctx context.Context, userID, id string, check func(*backcare.Session) error) error {
	err := d.write(ctx, func(tx pgx.Tx) error {
		if check != nil {
			s, err := readSession(ctx, tx, userID, id, " FOR UPDATE")
			if errors.Is(err, pgx.ErrNoRows) {
				return notFound("session", id)
			}
			if err != nil {
				return err
			}
			if err := check(s); err != nil {
				return err
			}
		}
		// The segments go with their session (ON DELETE CASCADE).
		tag, err := tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id = $2`, userID, id)
		if err == nil && tag.RowsAffected() == 0 {
			err = notFound("session", id)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: delete session %s: %w", id, mapError(err))
	}
	return nil
}

// DeleteAll deletes every row of the user's, in one transaction. The
// revisions row stays, and the delete triggers move it on.
func (d *DB) DeleteAll(ctx context.Context, userID string) (backcare.DeleteResult, error) {
	var res backcare.DeleteResult
	err := d.write(ctx, func(tx pgx.Tx) error {
		res = backcare.DeleteResult{}
		for _, t := range []struct {
			table string
			n     *int
		}{{"sessions", &res.Sessions}, {"pegs", &res.PEGs}, {"screenings", &res.Screenings}, {"phase_changes", &res.PhaseChanges}} {
			tag, err := tx.Exec(ctx, `DELETE FROM `+t.table+` WHERE user_id = $1`, userID)
			if err != nil {
				return err
			}
			*t.n = int(tag.RowsAffected())
		}
		tag, err := tx.Exec(ctx, `DELETE FROM settings WHERE user_id = $1`, userID)
		res.Settings = err == nil && tag.RowsAffected() > 0
		return err
	})
	if err != nil {
		return backcare.DeleteResult{}, fmt.Errorf("postgres: delete everything: %w", mapError(err))
	}
	return res, nil
}
