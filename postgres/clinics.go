package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

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
		return fmt.Errorf("postgres: add clinic: %w", err)
	}
	_, err := d.pool.Exec(ctx, `INSERT INTO clinics (id, name, created_at) VALUES ($1, $2, $3)`, c.ID, c.Name, c.CreatedAt)
	switch code, constraint := violation(err); {
	case code == uniqueViolation && constraint == "clinics_name":
		err = clinicTaken(c.Name)
	case code == uniqueViolation:
		err = taken("clinic", c.ID)
	}
	if err != nil {
		return fmt.Errorf("postgres: add clinic %s: %w", c.Name, mapError(err))
	}
	return nil
}

func scanClinic(row pgx.Row) (*backcare.Clinic, error) {
	var c backcare.Clinic
	if err := row.Scan(&c.ID, &c.Name, &c.CreatedAt); err != nil {
		return nil, err
	}
	c.CreatedAt = c.CreatedAt.UTC()
	return &c, nil
}

// Clinic returns the clinic with the id.
func (d *DB) Clinic(ctx context.Context, id string) (*backcare.Clinic, error) {
	c, err := scanClinic(d.pool.QueryRow(ctx, `SELECT id, name, created_at FROM clinics WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: clinic: %w", noClinic(id))
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: clinic %s: %w", id, mapError(err))
	}
	return c, nil
}

// ClinicByName returns the clinic with the name, compared without case.
func (d *DB) ClinicByName(ctx context.Context, name string) (*backcare.Clinic, error) {
	c := backcare.Clinic{Name: name}
	c.Normalize()
	got, err := scanClinic(d.pool.QueryRow(ctx, `SELECT id, name, created_at FROM clinics WHERE lower(name) = lower($1)`, c.Name))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: clinic: %w", noClinic(c.Name))
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: clinic %s: %w", name, mapError(err))
	}
	return got, nil
}

// ClinicList returns every clinic, by name.
func (d *DB) ClinicList(ctx context.Context) ([]*backcare.Clinic, error) {
	out := []*backcare.Clinic{}
	err := d.each(ctx, `SELECT id, name, created_at FROM clinics ORDER BY lower(name) COLLATE "C", id`, nil, func(rows pgx.Rows) error {
		c, err := scanClinic(rows)
		if err == nil {
			out = append(out, c)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: clinics: %w", mapError(err))
	}
	return out, nil
}

const memberCols = `clinic_id, account_id, role, joined_at, invited_by`

func scanMember(row pgx.Row) (*backcare.ClinicMember, error) {
	var m backcare.ClinicMember
	var role string
	if err := row.Scan(&m.ClinicID, &m.AccountID, &role, &m.JoinedAt, &m.InvitedBy); err != nil {
		return nil, err
	}
	m.Role, m.JoinedAt = backcare.ClinicRole(role), m.JoinedAt.UTC()
	return &m, nil
}

// AddMember adds an account to a clinic; a patient only to a clinic with
// a clinician.
func (d *DB) AddMember(ctx context.Context, m *backcare.ClinicMember) error {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return fmt.Errorf("postgres: add member: %w", err)
	}
	err := d.write(ctx, func(tx pgx.Tx) error {
		if m.Role == backcare.InClinicPatient {
			if err := staffed(ctx, tx, m.ClinicID); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO clinic_members (`+memberCols+`) VALUES ($1, $2, $3, $4, $5)`,
			m.ClinicID, m.AccountID, string(m.Role), m.JoinedAt, m.InvitedBy)
		return err
	})
	switch code, constraint := violation(err); {
	case code == uniqueViolation && constraint == "clinic_members_one_clinic":
		err = backcare.Errorf(backcare.ECONFLICT, "the account is a patient of another clinic").
			WithHint("leave that clinic first (on the Account page)")
	case code == uniqueViolation:
		err = backcare.Errorf(backcare.ECONFLICT, "the account is in the clinic already")
	case code == foreignKeyViolation:
		err = backcare.Errorf(backcare.ENOTFOUND, "there is no such clinic or account")
	}
	if err != nil {
		return fmt.Errorf("postgres: add member: %w", mapError(err))
	}
	return nil
}

// staffed refuses a patient joining a clinic with no clinician
// (NoClinician). It shares the clinic's row (FOR SHARE) till the join
// commits, so RemoveMember's FOR UPDATE waits for the join and then sees
// the patient; a join that waited for a removal sees, in its next
// statement, the clinicians the removal left. An unknown clinic passes,
// for the insert's foreign key to say.
func staffed(ctx context.Context, tx pgx.Tx, clinicID string) error {
	if _, err := tx.Exec(ctx, `SELECT 1 FROM clinics WHERE id = $1 FOR SHARE`, clinicID); err != nil {
		return err
	}
	var known, staffed bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM clinics WHERE id = $1),
		EXISTS (SELECT 1 FROM clinic_members WHERE clinic_id = $1 AND role = 'clinician')`, clinicID).Scan(&known, &staffed)
	if err == nil && known && !staffed {
		return backcare.NoClinician()
	}
	return err
}

func (d *DB) members(ctx context.Context, where string, arg any) ([]*backcare.ClinicMember, error) {
	out := []*backcare.ClinicMember{}
	err := d.each(ctx, `SELECT `+memberCols+` FROM clinic_members WHERE `+where, []any{arg}, func(rows pgx.Rows) error {
		m, err := scanMember(rows)
		if err == nil {
			out = append(out, m)
		}
		return err
	})
	return out, mapError(err)
}

// Members returns a clinic's members, clinicians first.
func (d *DB) Members(ctx context.Context, clinicID string) ([]*backcare.ClinicMember, error) {
	out, err := d.members(ctx, `clinic_id = $1 ORDER BY role = 'patient', joined_at, account_id COLLATE "C"`, clinicID)
	if err != nil {
		return nil, fmt.Errorf("postgres: members: %w", err)
	}
	return out, nil
}

// Memberships returns the accounts' clinics, oldest first.
func (d *DB) Memberships(ctx context.Context, accountIDs ...string) ([]*backcare.ClinicMember, error) {
	out, err := d.members(ctx, `account_id = ANY($1) ORDER BY joined_at, clinic_id COLLATE "C", account_id COLLATE "C"`, accountIDs)
	if err != nil {
		return nil, fmt.Errorf("postgres: memberships: %w", err)
	}
	return out, nil
}

// RemoveMember takes an account out of a clinic; its assignment there goes
// with it (ON DELETE CASCADE). Removals from one clinic take turns on the
// clinic's row, so two of them cannot each leave the other as its last
// clinician.
func (d *DB) RemoveMember(ctx context.Context, clinicID, accountID string) error {
	err := d.write(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT 1 FROM clinics WHERE id = $1 FOR UPDATE`, clinicID); err != nil {
			return err
		}
		var role string
		err := tx.QueryRow(ctx, `DELETE FROM clinic_members WHERE clinic_id = $1 AND account_id = $2 RETURNING role`,
			clinicID, accountID).Scan(&role)
		if errors.Is(err, pgx.ErrNoRows) {
			return backcare.Errorf(backcare.ENOTFOUND, "the account is not in the clinic")
		}
		if err != nil || backcare.ClinicRole(role) == backcare.InClinicPatient {
			return err
		}
		var stranded bool
		err = tx.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM clinic_members WHERE clinic_id = $1 AND role = 'clinician')
			AND EXISTS (SELECT 1 FROM clinic_members WHERE clinic_id = $1 AND role = 'patient')`, clinicID).Scan(&stranded)
		if err == nil && stranded {
			return backcare.LastClinician()
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: remove member: %w", mapError(err))
	}
	return nil
}

// PeekTicket returns a ticket that has not expired, leaving it in place.
func (d *DB) PeekTicket(ctx context.Context, kind backcare.TicketKind, hash []byte, now time.Time) (*backcare.Ticket, error) {
	var (
		t       backcare.Ticket
		k       string
		account *string
	)
	err := d.pool.QueryRow(ctx, `SELECT hash, kind, account_id, data, created_at, expires_at FROM tickets WHERE hash = $1 AND kind = $2`,
		hash, string(kind)).Scan(&t.Hash, &k, &account, &t.Data, &t.CreatedAt, &t.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: ticket: %w", noTicket())
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: ticket: %w", mapError(err))
	}
	t.CreatedAt, t.ExpiresAt = t.CreatedAt.UTC(), t.ExpiresAt.UTC()
	if !now.Before(t.ExpiresAt) {
		return nil, fmt.Errorf("postgres: ticket: %w", noTicket())
	}
	t.Kind, t.Data = backcare.TicketKind(k), nilEmpty(t.Data)
	if account != nil {
		t.AccountID = *account
	}
	return &t, nil
}

// Tickets returns the tickets of the kind not expired at now, newest first.
func (d *DB) Tickets(ctx context.Context, kind backcare.TicketKind, now time.Time) ([]*backcare.Ticket, error) {
	out := []*backcare.Ticket{}
	err := d.each(ctx, `SELECT hash, kind, account_id, data, created_at, expires_at FROM tickets
		WHERE kind = $1 AND expires_at > $2 ORDER BY created_at DESC, hash DESC`, []any{string(kind), now}, func(rows pgx.Rows) error {
		var (
			t       backcare.Ticket
			k       string
			account *string
		)
		if err := rows.Scan(&t.Hash, &k, &account, &t.Data, &t.CreatedAt, &t.ExpiresAt); err != nil {
			return err
		}
		t.CreatedAt, t.ExpiresAt = t.CreatedAt.UTC(), t.ExpiresAt.UTC()
		t.Kind, t.Data = backcare.TicketKind(k), nilEmpty(t.Data)
		if account != nil {
			t.AccountID = *account
		}
		out = append(out, &t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: tickets: %w", mapError(err))
	}
	return out, nil
}

// SaveAssignment saves a patient's programme, replacing the one before.
func (d *DB) SaveAssignment(ctx context.Context, a *backcare.Assignment) error {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return fmt.Errorf("postgres: save assignment: %w", err)
	}
	routines, doses, excluded, swaps := assignmentJSON(a)
	_, err := d.pool.Exec(ctx, `INSERT INTO assignments (clinic_id, patient_id, clinician_id, routines, doses, excluded, swaps, days_per_week, start, note, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (clinic_id, patient_id) DO UPDATE SET clinician_id = excluded.clinician_id, routines = excluded.routines,
			doses = excluded.doses, excluded = excluded.excluded, swaps = excluded.swaps, days_per_week = excluded.days_per_week,
			start = excluded.start, note = excluded.note, updated_at = excluded.updated_at`,
		a.ClinicID, a.PatientID, a.ClinicianID, routines, doses, excluded, swaps, a.DaysPerWeek, a.Start, a.Note, a.UpdatedAt)
	if code, _ := violation(err); code == foreignKeyViolation {
		err = backcare.Errorf(backcare.ENOTFOUND, "the patient is not in the clinic")
	}
	if err != nil {
		return fmt.Errorf("postgres: save assignment: %w", mapError(err))
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

const assignmentCols = `clinic_id, patient_id, clinician_id, routines::text, doses::text, excluded::text, swaps::text,
	days_per_week, start, note, updated_at`

func scanAssignment(row pgx.Row) (*backcare.Assignment, error) {
	var (
		a                                backcare.Assignment
		routines, doses, excluded, swaps []byte
	)
	if err := row.Scan(&a.ClinicID, &a.PatientID, &a.ClinicianID, &routines, &doses, &excluded, &swaps, &a.DaysPerWeek, &a.Start, &a.Note, &a.UpdatedAt); err != nil {
		return nil, err
	}
	for _, p := range []struct {
		b []byte
		v any
	}{{routines, &a.Routines}, {doses, &a.Doses}, {excluded, &a.Excluded}, {swaps, &a.Swaps}} {
		if err := json.Unmarshal(p.b, p.v); err != nil {
			return nil, fmt.Errorf("an assignment's column: %w", err)
		}
	}
	y, m, dd := a.Start.Date()
	a.Start = time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	a.UpdatedAt = a.UpdatedAt.UTC()
	a.Normalize()
	return &a, nil
}

// Assignment returns the patient's programme in the clinic.
func (d *DB) Assignment(ctx context.Context, clinicID, patientID string) (*backcare.Assignment, error) {
	a, err := scanAssignment(d.pool.QueryRow(ctx, `SELECT `+assignmentCols+` FROM assignments WHERE clinic_id = $1 AND patient_id = $2`, clinicID, patientID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: assignment: %w", backcare.Errorf(backcare.ENOTFOUND, "no programme is assigned"))
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: assignment: %w", mapError(err))
	}
	return a, nil
}

// AddFlagAck records an acknowledgement of a flag.
func (d *DB) AddFlagAck(ctx context.Context, f *backcare.FlagAck) error {
	if f.ID == "" {
		f.ID = backcare.NewID()
	}
	f.Normalize()
	if err := f.Validate(); err != nil {
		return fmt.Errorf("postgres: acknowledge flag: %w", err)
	}
	_, err := d.pool.Exec(ctx, `INSERT INTO flag_acks (id, clinic_id, patient_id, kind, ref, note, by_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		f.ID, f.ClinicID, f.PatientID, string(f.Kind), f.Ref, f.Note, f.By, f.At)
	switch code, _ := violation(err); code {
	case uniqueViolation:
		err = taken("acknowledgement", f.ID)
	case foreignKeyViolation:
		err = backcare.Errorf(backcare.ENOTFOUND, "there is no such clinic or patient")
	}
	if err != nil {
		return fmt.Errorf("postgres: acknowledge flag: %w", mapError(err))
	}
	return nil
}

// FlagAcks returns a patient's acknowledgements in a clinic, newest first.
func (d *DB) FlagAcks(ctx context.Context, clinicID, patientID string) ([]*backcare.FlagAck, error) {
	out := []*backcare.FlagAck{}
	err := d.each(ctx, `SELECT id, clinic_id, patient_id, kind, ref, note, by_id, at FROM flag_acks
		WHERE clinic_id = $1 AND patient_id = $2 ORDER BY at DESC, id COLLATE "C" DESC`, []any{clinicID, patientID}, func(rows pgx.Rows) error {
		var f backcare.FlagAck
		var kind string
		if err := rows.Scan(&f.ID, &f.ClinicID, &f.PatientID, &kind, &f.Ref, &f.Note, &f.By, &f.At); err != nil {
			return err
		}
		f.Kind, f.At = backcare.FlagKind(kind), f.At.UTC()
		out = append(out, &f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: acknowledgements: %w", mapError(err))
	}
	return out, nil
}

// AddClearance records a clinician's clearance of a screening.
func (d *DB) AddClearance(ctx context.Context, c *backcare.Clearance) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return fmt.Errorf("postgres: add clearance: %w", err)
	}
	_, err := d.pool.Exec(ctx, `INSERT INTO clearances (screening_id, clinic_id, patient_id, by_id, at, note) VALUES ($1, $2, $3, $4, $5, $6)`,
		c.ScreeningID, c.ClinicID, c.PatientID, c.By, c.At, c.Note)
	switch code, _ := violation(err); code {
	case uniqueViolation:
		err = backcare.Errorf(backcare.ECONFLICT, "a clearance of this screening is recorded already")
	case foreignKeyViolation:
		err = backcare.Errorf(backcare.ENOTFOUND, "there is no such clinic or patient")
	}
	if err != nil {
		return fmt.Errorf("postgres: add clearance: %w", mapError(err))
	}
	return nil
}

// Clearances returns a patient's clearances, newest first.
func (d *DB) Clearances(ctx context.Context, patientID string) ([]*backcare.Clearance, error) {
	out := []*backcare.Clearance{}
	err := d.each(ctx, `SELECT screening_id, clinic_id, patient_id, by_id, at, note FROM clearances
		WHERE patient_id = $1 ORDER BY at DESC, screening_id COLLATE "C" DESC`, []any{patientID}, func(rows pgx.Rows) error {
		var c backcare.Clearance
		if err := rows.Scan(&c.ScreeningID, &c.ClinicID, &c.PatientID, &c.By, &c.At, &c.Note); err != nil {
			return err
		}
		c.At = c.At.UTC()
		out = append(out, &c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: clearances: %w", mapError(err))
	}
	return out, nil
}

// AddAudit appends entries to the audit log in one round trip, one row per
// entry with its patients in an array.
func (d *DB) AddAudit(ctx context.Context, entries ...*backcare.AuditEntry) error {
	for _, e := range entries {
		if e.ID == "" {
			e.ID = backcare.NewID()
		}
		e.Normalize()
		if err := e.Validate(); err != nil {
			return fmt.Errorf("postgres: audit: %w", err)
		}
	}
	if len(entries) == 0 {
		return nil
	}
	// A batch is one round trip and one implicit transaction: all or none.
	b := &pgx.Batch{}
	for _, e := range entries {
		b.Queue(`INSERT INTO audit_log (id, at, staff_id, patients, clinic_id, action, what) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			e.ID, e.At, e.StaffID, e.Patients, e.ClinicID, string(e.Action), e.What)
	}
	err := d.pool.SendBatch(ctx, b).Close()
	if code, _ := violation(err); code == uniqueViolation {
		err = backcare.Errorf(backcare.ECONFLICT, "an audit entry with one of these ids is kept already")
	}
	if err != nil {
		return fmt.Errorf("postgres: audit: %w", mapError(err))
	}
	return nil
}

// Audit returns the audit log, newest first. A patient's entries are
// found through the GIN index on the patients array.
func (d *DB) Audit(ctx context.Context, f backcare.AuditFilter) ([]*backcare.AuditEntry, error) {
	q := `SELECT id, at, staff_id, patients, clinic_id, action, what FROM audit_log WHERE true`
	var args []any
	arg := func(cond string, v any) {
		args = append(args, v)
		q += fmt.Sprintf(cond, len(args))
	}
	if f.PatientID != "" {
		arg(` AND patients @> ARRAY[$%d::text]`, f.PatientID)
	}
	if f.StaffID != "" {
		arg(` AND staff_id = $%d`, f.StaffID)
	}
	if !f.Since.IsZero() {
		arg(` AND at >= $%d`, f.Since)
	}
	if !f.Until.IsZero() {
		arg(` AND at < $%d`, f.Until)
	}
	q += ` ORDER BY at DESC, id COLLATE "C" DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	out := []*backcare.AuditEntry{}
	err := d.each(ctx, q, args, func(rows pgx.Rows) error {
		var e backcare.AuditEntry
		var action string
		if err := rows.Scan(&e.ID, &e.At, &e.StaffID, &e.Patients, &e.ClinicID, &action, &e.What); err != nil {
			return err
		}
		e.At, e.Action = e.At.UTC(), backcare.AuditAction(action)
		if f.PatientID != "" {
			e.Patients = []string{f.PatientID}
		}
		out = append(out, &e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: audit log: %w", mapError(err))
	}
	return out, nil
}

// ClinicPatients reads the clinic's patients and their records in six
// queries, whatever their number: a dashboard of 200 patients must not
// make 1,400 round trips.
func (d *DB) ClinicPatients(ctx context.Context, clinicID string, since time.Time) ([]*backcare.PatientRecords, error) {
	fail := func(err error) ([]*backcare.PatientRecords, error) {
		return nil, fmt.Errorf("postgres: clinic patients: %w", mapError(err))
	}
	byID := map[string]*backcare.PatientRecords{}
	out := []*backcare.PatientRecords{}
	err := d.each(ctx, `SELECT m.clinic_id, m.account_id, m.role, m.joined_at, m.invited_by, `+prefixed("a.", accountCols)+`
		FROM clinic_members m JOIN accounts a ON a.id = m.account_id
		WHERE m.clinic_id = $1 AND m.role = 'patient' ORDER BY a.id COLLATE "C"`, []any{clinicID}, func(rows pgx.Rows) error {
		var (
			p           backcare.PatientRecords
			role, arole string
			created     time.Time
			rec         []byte
		)
		if err := rows.Scan(&p.Member.ClinicID, &p.Member.AccountID, &role, &p.Member.JoinedAt, &p.Member.InvitedBy,
			&p.Account.ID, &p.Account.Name, &arole, &created, &p.Account.PasswordHash, &rec, &p.Account.Zone); err != nil {
			return err
		}
		p.Member.Role, p.Member.JoinedAt = backcare.ClinicRole(role), p.Member.JoinedAt.UTC()
		p.Account.Role, p.Account.CreatedAt, p.Account.RecoveryHash = backcare.Role(arole), created.UTC(), nilEmpty(rec)
		p.Acks, p.Sessions, p.PEGs, p.Screenings = []*backcare.FlagAck{}, []backcare.SessionSummary{}, []*backcare.PEG{}, []*backcare.Screening{}
		byID[p.Account.ID] = &p
		out = append(out, &p)
		return nil
	})
	if err != nil {
		return fail(err)
	}
	if len(out) == 0 {
		return out, nil
	}
	err = d.each(ctx, `SELECT `+assignmentCols+` FROM assignments WHERE clinic_id = $1`, []any{clinicID}, func(rows pgx.Rows) error {
		a, err := scanAssignment(rows)
		if err != nil {
			return err
		}
		if p := byID[a.PatientID]; p != nil {
			p.Assignment = a
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}
	err = d.each(ctx, `SELECT id, clinic_id, patient_id, kind, ref, note, by_id, at FROM flag_acks
		WHERE clinic_id = $1 ORDER BY at DESC, id COLLATE "C" DESC`, []any{clinicID}, func(rows pgx.Rows) error {
		var f backcare.FlagAck
		var kind string
		if err := rows.Scan(&f.ID, &f.ClinicID, &f.PatientID, &kind, &f.Ref, &f.Note, &f.By, &f.At); err != nil {
			return err
		}
		f.Kind, f.At = backcare.FlagKind(kind), f.At.UTC()
		if p := byID[f.PatientID]; p != nil {
			p.Acks = append(p.Acks, &f)
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}
	// LATERAL: one index range per patient (sessions_user_started), not
	// a scan of everyone's sessions since the date. OFFSET 0 keeps the
	// planner from flattening it into a join, which it then runs as a
	// scan of the whole table (16 ms against 100 ms for 200 patients with
	// a year of sessions each, bench/clinic.sh).
	err = d.each(ctx, `SELECT `+prefixed("s.", sessionCols)+`
		FROM clinic_members m CROSS JOIN LATERAL (
			SELECT * FROM sessions WHERE user_id = m.account_id AND started_at >= $2
			ORDER BY started_at DESC, id DESC OFFSET 0) s
		WHERE m.clinic_id = $1 AND m.role = 'patient'
		ORDER BY s.started_at DESC, s.id DESC`, []any{clinicID, since}, func(rows pgx.Rows) error {
		s, err := scanSummary(rows)
		if err != nil {
			return err
		}
		if p := byID[s.UserID]; p != nil {
			p.Sessions = append(p.Sessions, s)
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}
	err = d.each(ctx, `SELECT g.id, g.user_id, g.at, g.pain, g.enjoyment, g.activity
		FROM clinic_members m CROSS JOIN LATERAL (
			SELECT * FROM pegs WHERE user_id = m.account_id ORDER BY at DESC, id DESC LIMIT $2) g
		WHERE m.clinic_id = $1 AND m.role = 'patient' ORDER BY g.at DESC, g.id DESC`, []any{clinicID, backcare.DashboardPEGs}, func(rows pgx.Rows) error {
		var x backcare.PEG
		if err := rows.Scan(&x.ID, &x.UserID, &x.At, &x.Pain, &x.Enjoyment, &x.Activity); err != nil {
			return err
		}
		x.At = x.At.UTC()
		if p := byID[x.UserID]; p != nil {
			p.PEGs = append(p.PEGs, &x)
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}
	err = d.each(ctx, `SELECT x.id, x.user_id, x.at, x.reason, x.answers, x.verdict, x.cleared_at
		FROM clinic_members m CROSS JOIN LATERAL (
			SELECT * FROM screenings WHERE user_id = m.account_id ORDER BY at DESC, id DESC LIMIT $2) x
		WHERE m.clinic_id = $1 AND m.role = 'patient' ORDER BY x.at DESC, x.id DESC`, []any{clinicID, backcare.DashboardScreenings}, func(rows pgx.Rows) error {
		var (
			s       backcare.Screening
			verdict string
			cleared *time.Time
		)
		if err := rows.Scan(&s.ID, &s.UserID, &s.At, &s.Reason, &s.Answers, &verdict, &cleared); err != nil {
			return err
		}
		s.At, s.Verdict, s.ClearedAt = s.At.UTC(), backcare.Verdict(verdict), fromNullTime(cleared)
		s.Normalize()
		if p := byID[s.UserID]; p != nil {
			p.Screenings = append(p.Screenings, &s)
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}
	return out, nil
}

// ClinicVersion reads the clinic's version, a counter that triggers move
// with every change of what its dashboard shows (migration 9): one row,
// where working it out from each patient's revision was a join over all
// of them. A clinic that is none has the version "none".
func (d *DB) ClinicVersion(ctx context.Context, clinicID string) (string, error) {
	var n int64
	err := d.pool.QueryRow(ctx, `SELECT n FROM clinic_versions WHERE clinic_id = $1`, clinicID).Scan(&n)
	if errors.Is(err, pgx.ErrNoRows) {
		return "none", nil
	}
	if err != nil {
		return "", fmt.Errorf("postgres: clinic version: %w", mapError(err))
	}
	return strconv.FormatInt(n, 10), nil
}

// prefixed puts a table's alias before each of a list of columns.
func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = alias + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}
