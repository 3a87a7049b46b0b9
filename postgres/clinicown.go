package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"backcare"
)

// A clinic's own poses and routines (migration 7).

func noClinicDoc(kind backcare.ClinicDocKind, id string) error {
	return backcare.Errorf(backcare.ENOTFOUND, "your clinic has no %s %s", kind, id).
		WithHint("open the clinic's poses and routines to see what it has")
}

func clinicDocTaken(kind backcare.ClinicDocKind, id string) error {
	return backcare.Errorf(backcare.ECONFLICT, "your clinic has a %s with the id %s already", kind, id).
		WithHint("choose another id, or open that %s to change it", kind)
}

const clinicDocCols = `clinic_id, kind, id, name, text, version, created_by, created_at, updated_by, updated_at`

func scanClinicDoc(row pgx.Row) (*backcare.ClinicDoc, error) {
	var d backcare.ClinicDoc
	var kind string
	if err := row.Scan(&d.ClinicID, &kind, &d.ID, &d.Name, &d.Text, &d.Version, &d.CreatedBy, &d.CreatedAt, &d.UpdatedBy, &d.UpdatedAt); err != nil {
		return nil, err
	}
	d.Kind, d.CreatedAt, d.UpdatedAt = backcare.ClinicDocKind(kind), d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	return &d, nil
}

// SaveClinicDoc adds or replaces one of a clinic's poses or routines,
// if the version it started from is still the latest.
func (d *DB) SaveClinicDoc(ctx context.Context, doc *backcare.ClinicDoc) error {
	doc.Normalize()
	if err := doc.Validate(); err != nil {
		return fmt.Errorf("postgres: save clinic %s: %w", doc.Kind, err)
	}
	next := *doc
	err := d.write(ctx, func(tx pgx.Tx) error {
		if doc.Version == 0 {
			next.Version, next.CreatedBy, next.CreatedAt = 1, doc.UpdatedBy, doc.UpdatedAt
			_, err := tx.Exec(ctx, `INSERT INTO clinic_docs (`+clinicDocCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				next.ClinicID, string(next.Kind), next.ID, next.Name, next.Text, next.Version, next.CreatedBy, next.CreatedAt, next.UpdatedBy, next.UpdatedAt)
			switch code, _ := violation(err); code {
			case uniqueViolation:
				return clinicDocTaken(doc.Kind, doc.ID)
			case foreignKeyViolation:
				return noClinic(doc.ClinicID)
			}
			return err
		}
		// The row is locked from the read to the commit, so two saves of
		// the same version cannot both pass the check.
		old, err := scanClinicDoc(tx.QueryRow(ctx, `SELECT `+clinicDocCols+` FROM clinic_docs WHERE clinic_id = $1 AND kind = $2 AND id = $3 FOR UPDATE`,
			doc.ClinicID, string(doc.Kind), doc.ID))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return noClinicDoc(doc.Kind, doc.ID)
		case err != nil:
			return err
		case old.Version != doc.Version:
			return backcare.ErrClinicDocChanged(doc.Kind, doc.ID)
		}
		next.Version, next.CreatedBy, next.CreatedAt = old.Version+1, old.CreatedBy, old.CreatedAt
		_, err = tx.Exec(ctx, `UPDATE clinic_docs SET name = $1, text = $2, version = $3, updated_by = $4, updated_at = $5
			WHERE clinic_id = $6 AND kind = $7 AND id = $8`,
			next.Name, next.Text, next.Version, next.UpdatedBy, next.UpdatedAt, doc.ClinicID, string(doc.Kind), doc.ID)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: save clinic %s %s: %w", doc.Kind, doc.ID, mapError(err))
	}
	*doc = next
	return nil
}

// ClinicDoc returns one of a clinic's poses or routines.
func (d *DB) ClinicDoc(ctx context.Context, clinicID string, kind backcare.ClinicDocKind, id string) (*backcare.ClinicDoc, error) {
	doc, err := scanClinicDoc(d.pool.QueryRow(ctx, `SELECT `+clinicDocCols+` FROM clinic_docs WHERE clinic_id = $1 AND kind = $2 AND id = $3`, clinicID, string(kind), id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: clinic %s: %w", kind, noClinicDoc(kind, id))
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: clinic %s %s: %w", kind, id, mapError(err))
	}
	return doc, nil
}

// ClinicDocs returns a clinic's poses, then its routines, each by id.
func (d *DB) ClinicDocs(ctx context.Context, clinicID string) ([]*backcare.ClinicDoc, error) {
	out := []*backcare.ClinicDoc{}
	err := d.each(ctx, `SELECT `+clinicDocCols+` FROM clinic_docs WHERE clinic_id = $1 ORDER BY kind = 'routine', id COLLATE "C"`, []any{clinicID}, func(rows pgx.Rows) error {
		doc, err := scanClinicDoc(rows)
		if err == nil {
			out = append(out, doc)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: clinic's poses and routines: %w", mapError(err))
	}
	return out, nil
}

// DeleteClinicDoc removes one of a clinic's poses or routines, if version
// is still the latest.
func (d *DB) DeleteClinicDoc(ctx context.Context, clinicID string, kind backcare.ClinicDocKind, id string, version int) error {
	err := d.write(ctx, func(tx pgx.Tx) error {
		var v int
		err := tx.QueryRow(ctx, `SELECT version FROM clinic_docs WHERE clinic_id = $1 AND kind = $2 AND id = $3 FOR UPDATE`, clinicID, string(kind), id).Scan(&v)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return noClinicDoc(kind, id)
		case err != nil:
			return err
		case v != version:
			return backcare.ErrClinicDocChanged(kind, id)
		}
		_, err = tx.Exec(ctx, `DELETE FROM clinic_docs WHERE clinic_id = $1 AND kind = $2 AND id = $3`, clinicID, string(kind), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: delete clinic %s %s: %w", kind, id, mapError(err))
	}
	return nil
}
