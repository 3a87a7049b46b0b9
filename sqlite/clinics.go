package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	sqlite3 "modernc.org/sqlite/lib"

	"backcare"
)

// Clinics (migration 6). Like the accounts, their rows are not journal
// records: no revision trigger watches them.

func noClinic(id string) error {
	return backcare.Errorf(backcare.ENOTFOUND, "there is no clinic %s", id).
		WithHint("run `backcare clinic list` to see the clinics")
}

func clinicTaken(name string) error {
	return backcare.Errorf(backcare.ECONFLICT, "there is a clinic named %s already", name).
		WithHint("choose another name, for example with the town added")
}

// AddClinic adds a clinic whose name is free.
func (d *DB) AddClinic(ctx context.Context, c *backcare.Clinic) error {
	if c.ID == "" {
		c.ID = backcare.NewID()
	}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return fmt.Errorf("sqlite: add clinic: %w", err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO clinics (id, name, created_at) VALUES (?, ?, ?)`, c.ID, c.Name, toMS(c.CreatedAt))
		switch {
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_UNIQUE):
			return clinicTaken(c.Name)
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
			return taken("clinic", c.ID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: add clinic %s: %w", c.Name, mapError(err))
	}
	return nil
}

func scanClinic(row scanner) (*backcare.Clinic, error) {
	var c backcare.Clinic
	var created int64
	if err := row.Scan(&c.ID, &c.Name, &created); err != nil {
		return nil, err
	}
	c.CreatedAt = fromMS(created)
	return &c, nil
}

// Clinic returns the clinic with the id.
func (d *DB) Clinic(ctx context.Context, id string) (*backcare.Clinic, error) {
	c, err := scanClinic(d.queryRow(ctx, `SELECT id, name, created_at FROM clinics WHERE id = ?`, id))
	if isNoRows(err) {
		return nil, fmt.Errorf("sqlite: clinic: %w", noClinic(id))
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: clinic %s: %w", id, mapError(err))
	}
	return c, nil
}

// ClinicByName returns the clinic with the name, compared without case.
func (d *DB) ClinicByName(ctx context.Context, name string) (*backcare.Clinic, error) {
	c := backcare.Clinic{Name: name}
	c.Normalize()
	got, err := scanClinic(d.queryRow(ctx, `SELECT id, name, created_at FROM clinics WHERE lower(name) = lower(?)`, c.Name))
	if isNoRows(err) {
		return nil, fmt.Errorf("sqlite: clinic: %w", noClinic(c.Name))
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: clinic %s: %w", name, mapError(err))
	}
	return got, nil
}

// ClinicList returns every clinic, by name.
func (d *DB) ClinicList(ctx context.Context) ([]*backcare.Clinic, error) {
	out := []*backcare.Clinic{}
	err := d.rows(ctx, func(rows *sql.Rows) error {
		c, err := scanClinic(rows)
		if err == nil {
			out = append(out, c)
		}
		return err
	}, `SELECT id, name, created_at FROM clinics ORDER BY lower(name), id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: clinics: %w", err)
	}
	return out, nil
}

// rows runs a query and calls scan for each row.
func (d *DB) rows(ctx context.Context, scan func(*sql.Rows) error, query string, args ...any) error {
	rows, err := d.query(ctx, query, args...)
	if err != nil {
		return mapError(err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return mapError(err)
		}
	}
	return mapError(rows.Err())
}

const memberCols = `clinic_id, account_id, role, joined_at, invited_by`

func scanMember(row scanner) (*backcare.ClinicMember, error) {
	var m backcare.ClinicMember
	var role string
	var joined int64
	if err := row.Scan(&m.ClinicID, &m.AccountID, &role, &joined, &m.InvitedBy); err != nil {
		return nil, err
	}
	m.Role, m.JoinedAt = backcare.ClinicRole(role), fromMS(joined)
	return &m, nil
}

// AddMember adds an account to a clinic; a patient only to a clinic with
// a clinician.
func (d *DB) AddMember(ctx context.Context, m *backcare.ClinicMember) error {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return fmt.Errorf("sqlite: add member: %w", err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		if m.Role == backcare.InClinicPatient {
			// Writes take turns, so no removal of the last clinician
			// can come between this check and the insert.
			var known, staffed bool
			err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM clinics WHERE id = ?),
				EXISTS (SELECT 1 FROM clinic_members WHERE clinic_id = ? AND role = 'clinician')`,
				m.ClinicID, m.ClinicID).Scan(&known, &staffed)
			if err != nil {
				return err
			}
			if known && !staffed { // an unknown clinic is the insert's foreign-key error
				return backcare.NoClinician()
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO clinic_members (`+memberCols+`) VALUES (?, ?, ?, ?, ?)`,
			m.ClinicID, m.AccountID, string(m.Role), toMS(m.JoinedAt), m.InvitedBy)
		switch {
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
			return backcare.Errorf(backcare.ECONFLICT, "the account is in the clinic already")
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_UNIQUE):
			return backcare.Errorf(backcare.ECONFLICT, "the account is a patient of another clinic").
				WithHint("leave that clinic first (on the Account page)")
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY):
			return backcare.Errorf(backcare.ENOTFOUND, "there is no such clinic or account")
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: add member: %w", mapError(err))
	}
	return nil
}

func (d *DB) members(ctx context.Context, where string, args ...any) ([]*backcare.ClinicMember, error) {
	out := []*backcare.ClinicMember{}
	err := d.rows(ctx, func(rows *sql.Rows) error {
		m, err := scanMember(rows)
		if err == nil {
			out = append(out, m)
		}
		return err
	}, `SELECT `+memberCols+` FROM clinic_members WHERE `+where, args...)
	return out, err
}

// Members returns a clinic's members, clinicians first.
func (d *DB) Members(ctx context.Context, clinicID string) ([]*backcare.ClinicMember, error) {
	out, err := d.members(ctx, `clinic_id = ? ORDER BY role = 'patient', joined_at, account_id`, clinicID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: members: %w", err)
	}
	return out, nil
}

// Memberships returns the accounts' clinics, oldest first.
func (d *DB) Memberships(ctx context.Context, accountIDs ...string) ([]*backcare.ClinicMember, error) {
	if len(accountIDs) == 0 {
		return []*backcare.ClinicMember{}, nil
	}
	args := make([]any, len(accountIDs))
	for i, id := range accountIDs {
		args[i] = id
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")
	out, err := d.members(ctx, `account_id IN (`+in+`) ORDER BY joined_at, clinic_id, account_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: memberships: %w", err)
	}
	return out, nil
}

// RemoveMember takes an account out of a clinic; its assignment there goes
// with it (ON DELETE CASCADE). Writes take turns, so the check for the
// last clinician sees every removal before it.
func (d *DB) RemoveMember(ctx context.Context, clinicID, accountID string) error {
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		var role string
		err := tx.QueryRowContext(ctx, `DELETE FROM clinic_members WHERE clinic_id = ? AND account_id = ? RETURNING role`,
			clinicID, accountID).Scan(&role)
		if isNoRows(err) {
			return backcare.Errorf(backcare.ENOTFOUND, "the account is not in the clinic")
		}
		if err != nil || backcare.ClinicRole(role) == backcare.InClinicPatient {
			return err
		}
		var stranded bool
		err = tx.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM clinic_members WHERE clinic_id = ? AND role = 'clinician')
			AND EXISTS (SELECT 1 FROM clinic_members WHERE clinic_id = ? AND role = 'patient')`, clinicID, clinicID).Scan(&stranded)
		if err == nil && stranded {
			return backcare.LastClinician()
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: remove member: %w", mapError(err))
	}
	return nil
}

// PeekTicket returns a ticket that has not expired, leaving it in place.
func (d *DB) PeekTicket(ctx context.Context, kind backcare.TicketKind, hash []byte, now time.Time) (*backcare.Ticket, error) {
	var (
		t                backcare.Ticket
		k                string
		account          sql.NullString
		created, expires int64
	)
	err := d.queryRow(ctx, `SELECT hash, kind, account_id, data, created_at, expires_at FROM tickets WHERE hash = ? AND kind = ?`,
		hash, string(kind)).Scan(&t.Hash, &k, &account, &t.Data, &created, &expires)
	if isNoRows(err) {
		return nil, fmt.Errorf("sqlite: ticket: %w", noTicket())
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: ticket: %w", mapError(err))
	}
	t.Kind, t.AccountID, t.Data = backcare.TicketKind(k), account.String, nilEmpty(t.Data)
	t.CreatedAt, t.ExpiresAt = fromMS(created), fromMS(expires)
	if !now.Before(t.ExpiresAt) {
		return nil, fmt.Errorf("sqlite: ticket: %w", noTicket())
	}
	return &t, nil
}

// Tickets returns the tickets of the kind not expired at now, newest first.
func (d *DB) Tickets(ctx context.Context, kind backcare.TicketKind, now time.Time) ([]*backcare.Ticket, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT hash, kind, account_id, data, created_at, expires_at FROM tickets
		WHERE kind = ? AND expires_at > ? ORDER BY created_at DESC, hash DESC`, string(kind), now.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("sqlite: tickets: %w", mapError(err))
	}
	defer func() { _ = rows.Close() }()
	out := []*backcare.Ticket{}
	for rows.Next() {
		var (
			t                backcare.Ticket
			k                string
			account          sql.NullString
			created, expires int64
		)
		if err := rows.Scan(&t.Hash, &k, &account, &t.Data, &created, &expires); err != nil {
			return nil, fmt.Errorf("sqlite: tickets: %w", mapError(err))
		}
		t.Kind, t.AccountID, t.Data = backcare.TicketKind(k), account.String, nilEmpty(t.Data)
		t.CreatedAt, t.ExpiresAt = fromMS(created), fromMS(expires)
		out = append(out, &t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: tickets: %w", mapError(err))
	}
	return out, nil
}

func noAssignment() error {
	return backcare.Errorf(backcare.ENOTFOUND, "no programme is assigned")
}

// SaveAssignment saves a patient's programme, replacing the one before.
func (d *DB) SaveAssignment(ctx context.Context, a *backcare.Assignment) error {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return fmt.Errorf("sqlite: save assignment: %w", err)
	}
	routines, doses, excluded, swaps := assignmentJSON(a)
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO assignments (clinic_id, patient_id, clinician_id, routines, doses, excluded, swaps, days_per_week, start, note, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (clinic_id, patient_id) DO UPDATE SET clinician_id = excluded.clinician_id, routines = excluded.routines,
				doses = excluded.doses, excluded = excluded.excluded, swaps = excluded.swaps, days_per_week = excluded.days_per_week,
				start = excluded.start, note = excluded.note, updated_at = excluded.updated_at`,
			a.ClinicID, a.PatientID, a.ClinicianID, routines, doses, excluded, swaps, a.DaysPerWeek, toMS(a.Start), a.Note, toMS(a.UpdatedAt))
		if isConstraint(err, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY) {
			return backcare.Errorf(backcare.ENOTFOUND, "the patient is not in the clinic")
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: save assignment: %w", mapError(err))
	}
	return nil
}

// assignmentJSON encodes an assignment's lists and maps for their columns.
func assignmentJSON(a *backcare.Assignment) (routines, doses, excluded, swaps string) {
	enc := func(v any, empty string) string {
		b, _ := json.Marshal(v) // strings, ints and durations: cannot fail
		if string(b) == "null" {
			return empty
		}
		return string(b)
	}
	return enc(a.Routines, "[]"), enc(a.Doses, "{}"), enc(a.Excluded, "[]"), enc(a.Swaps, "{}")
}

// parseAssignmentJSON is assignmentJSON's reverse.
func parseAssignmentJSON(a *backcare.Assignment, routines, doses, excluded, swaps []byte) error {
	for _, p := range []struct {
		b []byte
		v any
	}{{routines, &a.Routines}, {doses, &a.Doses}, {excluded, &a.Excluded}, {swaps, &a.Swaps}} {
		if err := json.Unmarshal(p.b, p.v); err != nil {
			return fmt.Errorf("an assignment's column: %w", err)
		}
	}
	a.Normalize()
	return nil
}

// Assignment returns the patient's programme in the clinic.
func (d *DB) Assignment(ctx context.Context, clinicID, patientID string) (*backcare.Assignment, error) {
	var (
		a                                backcare.Assignment
		routines, doses, excluded, swaps []byte
		start, updated                   int64
	)
	err := d.queryRow(ctx, `SELECT clinic_id, patient_id, clinician_id, routines, doses, excluded, swaps, days_per_week, start, note, updated_at
		FROM assignments WHERE clinic_id = ? AND patient_id = ?`, clinicID, patientID).
		Scan(&a.ClinicID, &a.PatientID, &a.ClinicianID, &routines, &doses, &excluded, &swaps, &a.DaysPerWeek, &start, &a.Note, &updated)
	if isNoRows(err) {
		return nil, fmt.Errorf("sqlite: assignment: %w", noAssignment())
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: assignment: %w", mapError(err))
	}
	a.Start, a.UpdatedAt = fromMS(start), fromMS(updated)
	if err := parseAssignmentJSON(&a, routines, doses, excluded, swaps); err != nil {
		return nil, fmt.Errorf("sqlite: assignment: %w", err)
	}
	return &a, nil
}

// AddFlagAck records an acknowledgement of a flag.
func (d *DB) AddFlagAck(ctx context.Context, f *backcare.FlagAck) error {
	if f.ID == "" {
		f.ID = backcare.NewID()
	}
	f.Normalize()
	if err := f.Validate(); err != nil {
		return fmt.Errorf("sqlite: acknowledge flag: %w", err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO flag_acks (id, clinic_id, patient_id, kind, ref, note, by_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			f.ID, f.ClinicID, f.PatientID, string(f.Kind), f.Ref, f.Note, f.By, toMS(f.At))
		switch {
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
			return taken("acknowledgement", f.ID)
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY):
			return backcare.Errorf(backcare.ENOTFOUND, "there is no such clinic or patient")
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: acknowledge flag: %w", mapError(err))
	}
	return nil
}

// FlagAcks returns a patient's acknowledgements in a clinic, newest first.
func (d *DB) FlagAcks(ctx context.Context, clinicID, patientID string) ([]*backcare.FlagAck, error) {
	out := []*backcare.FlagAck{}
	err := d.rows(ctx, func(rows *sql.Rows) error {
		var f backcare.FlagAck
		var kind string
		var at int64
		if err := rows.Scan(&f.ID, &f.ClinicID, &f.PatientID, &kind, &f.Ref, &f.Note, &f.By, &at); err != nil {
			return err
		}
		f.Kind, f.At = backcare.FlagKind(kind), fromMS(at)
		out = append(out, &f)
		return nil
	}, `SELECT id, clinic_id, patient_id, kind, ref, note, by_id, at FROM flag_acks
		WHERE clinic_id = ? AND patient_id = ? ORDER BY at DESC, id DESC`, clinicID, patientID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: acknowledgements: %w", err)
	}
	return out, nil
}

// AddClearance records a clinician's clearance of a screening.
func (d *DB) AddClearance(ctx context.Context, c *backcare.Clearance) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return fmt.Errorf("sqlite: add clearance: %w", err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO clearances (screening_id, clinic_id, patient_id, by_id, at, note) VALUES (?, ?, ?, ?, ?, ?)`,
			c.ScreeningID, c.ClinicID, c.PatientID, c.By, toMS(c.At), c.Note)
		switch {
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
			return backcare.Errorf(backcare.ECONFLICT, "a clearance of this screening is recorded already")
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY):
			return backcare.Errorf(backcare.ENOTFOUND, "there is no such clinic or patient")
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: add clearance: %w", mapError(err))
	}
	return nil
}

// Clearances returns a patient's clearances, newest first.
func (d *DB) Clearances(ctx context.Context, patientID string) ([]*backcare.Clearance, error) {
	out := []*backcare.Clearance{}
	err := d.rows(ctx, func(rows *sql.Rows) error {
		var c backcare.Clearance
		var at int64
		if err := rows.Scan(&c.ScreeningID, &c.ClinicID, &c.PatientID, &c.By, &at, &c.Note); err != nil {
			return err
		}
		c.At = fromMS(at)
		out = append(out, &c)
		return nil
	}, `SELECT screening_id, clinic_id, patient_id, by_id, at, note FROM clearances
		WHERE patient_id = ? ORDER BY at DESC, screening_id DESC`, patientID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: clearances: %w", err)
	}
	return out, nil
}

// AddAudit appends entries to the audit log in one write.
func (d *DB) AddAudit(ctx context.Context, entries ...*backcare.AuditEntry) error {
	for _, e := range entries {
		if e.ID == "" {
			e.ID = backcare.NewID()
		}
		e.Normalize()
		if err := e.Validate(); err != nil {
			return fmt.Errorf("sqlite: audit: %w", err)
		}
	}
	if len(entries) == 0 {
		return nil
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		for _, e := range entries {
			_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (id, at, staff_id, clinic_id, action, what) VALUES (?, ?, ?, ?, ?, ?)`,
				e.ID, toMS(e.At), e.StaffID, e.ClinicID, string(e.Action), e.What)
			if isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY) {
				return taken("audit entry", e.ID)
			}
			if err != nil {
				return err
			}
			for _, p := range e.Patients {
				if _, err := tx.ExecContext(ctx, `INSERT INTO audit_patients (entry_id, patient_id) VALUES (?, ?)`, e.ID, p); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlite: audit: %w", mapError(err))
	}
	return nil
}

// Audit returns the audit log, newest first.
func (d *DB) Audit(ctx context.Context, f backcare.AuditFilter) ([]*backcare.AuditEntry, error) {
	// A patient's entries name only them; the others', all their patients.
	q := `SELECT id, at, staff_id, (SELECT json_group_array(patient_id) FROM (
			SELECT patient_id FROM audit_patients WHERE entry_id = audit_log.id ORDER BY patient_id)),
		clinic_id, action, what FROM audit_log WHERE 1 = 1`
	var args []any
	if f.PatientID != "" {
		q = `SELECT id, at, staff_id, json_array(?1), clinic_id, action, what FROM audit_log
			WHERE id IN (SELECT entry_id FROM audit_patients WHERE patient_id = ?1)`
		args = append(args, f.PatientID)
	}
	if f.StaffID != "" {
		q += ` AND staff_id = ?`
		args = append(args, f.StaffID)
	}
	if !f.Since.IsZero() {
		q += ` AND at >= ?`
		args = append(args, toMS(f.Since))
	}
	if !f.Until.IsZero() {
		q += ` AND at < ?`
		args = append(args, toMS(f.Until))
	}
	q += ` ORDER BY at DESC, id DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	out := []*backcare.AuditEntry{}
	err := d.rows(ctx, func(rows *sql.Rows) error {
		var e backcare.AuditEntry
		var at int64
		var action, patients string
		if err := rows.Scan(&e.ID, &at, &e.StaffID, &patients, &e.ClinicID, &action, &e.What); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(patients), &e.Patients); err != nil {
			return err
		}
		e.At, e.Action = fromMS(at), backcare.AuditAction(action)
		out = append(out, &e)
		return nil
	}, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: audit log: %w", err)
	}
	return out, nil
}

// ClinicVersion reads the clinic's patients' revisions, names and zones,
// and a line of its acknowledgements (they are only ever added, or go with
// their patient), in one query.
func (d *DB) ClinicVersion(ctx context.Context, clinicID string) (string, error) {
	var pats, acks string
	err := d.queryRow(ctx, `SELECT
		coalesce((SELECT group_concat(line, ',') FROM (
			SELECT m.account_id || ':' || coalesce(r.n, 0) || ':' || a.name || ':' || a.zone AS line
			FROM clinic_members m JOIN accounts a ON a.id = m.account_id LEFT JOIN revisions r ON r.user_id = m.account_id
			WHERE m.clinic_id = ?1 AND m.role = 'patient' ORDER BY m.account_id)), ''),
		(SELECT count(*) || ':' || coalesce(max(at), '') || ':' || coalesce(max(id), '') FROM flag_acks WHERE clinic_id = ?1)`,
		clinicID).Scan(&pats, &acks)
	if err != nil {
		return "", fmt.Errorf("sqlite: clinic version: %w", mapError(err))
	}
	return backcare.ClinicFingerprint(pats, acks), nil
}

// ClinicPatients reads each patient's records in turn: in the same
// process, SQLite's queries cost microseconds.
func (d *DB) ClinicPatients(ctx context.Context, clinicID string, since time.Time) ([]*backcare.PatientRecords, error) {
	out, err := backcare.CollectClinicPatients(ctx, d, clinicID, since)
	if err != nil {
		return nil, fmt.Errorf("sqlite: clinic patients: %w", err)
	}
	return out, nil
}
