package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	sqlite3 "modernc.org/sqlite/lib"

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

func scanClinicDoc(row scanner) (*backcare.ClinicDoc, error) {
	var d backcare.ClinicDoc
	var kind string
	var created, updated int64
	if err := row.Scan(&d.ClinicID, &kind, &d.ID, &d.Name, &d.Text, &d.Version, &d.CreatedBy, &created, &d.UpdatedBy, &updated); err != nil {
		return nil, err
	}
	d.Kind, d.CreatedAt, d.UpdatedAt = backcare.ClinicDocKind(kind), fromMS(created), fromMS(updated)
	return &d, nil
}

// SaveClinicDoc adds or replaces one of a clinic's poses or routines,
// if the version it started from is still the latest.
func (d *DB) SaveClinicDoc(ctx context.Context, doc *backcare.ClinicDoc) error {
	doc.Normalize()
	if err := doc.Validate(); err != nil {
		return fmt.Errorf("sqlite: save clinic %s: %w", doc.Kind, err)
	}
	next := *doc
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		if doc.Version == 0 {
			next.Version, next.CreatedBy, next.CreatedAt = 1, doc.UpdatedBy, doc.UpdatedAt
			_, err := tx.ExecContext(ctx, `INSERT INTO clinic_docs (`+clinicDocCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				next.ClinicID, string(next.Kind), next.ID, next.Name, next.Text, next.Version, next.CreatedBy, toMS(next.CreatedAt), next.UpdatedBy, toMS(next.UpdatedAt))
			switch {
			case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
				return clinicDocTaken(doc.Kind, doc.ID)
			case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY):
				return noClinic(doc.ClinicID)
			}
			return err
		}
		old, err := scanClinicDoc(tx.QueryRowContext(ctx, `SELECT `+clinicDocCols+` FROM clinic_docs WHERE clinic_id = ? AND kind = ? AND id = ?`,
			doc.ClinicID, string(doc.Kind), doc.ID))
		switch {
		case isNoRows(err):
			return noClinicDoc(doc.Kind, doc.ID)
		case err != nil:
			return err
		case old.Version != doc.Version:
			return backcare.ErrClinicDocChanged(doc.Kind, doc.ID)
		}
		next.Version, next.CreatedBy, next.CreatedAt = old.Version+1, old.CreatedBy, old.CreatedAt
		_, err = tx.ExecContext(ctx, `UPDATE clinic_docs SET name = ?, text = ?, version = ?, updated_by = ?, updated_at = ?
			WHERE clinic_id = ? AND kind = ? AND id = ?`,
			next.Name, next.Text, next.Version, next.UpdatedBy, toMS(next.UpdatedAt), doc.ClinicID, string(doc.Kind), doc.ID)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: save clinic %s %s: %w", doc.Kind, doc.ID, mapError(err))
	}
	*doc = next
	return nil
}

// ClinicDoc returns one of a clinic's poses or routines.
func (d *DB) ClinicDoc(ctx context.Context, clinicID string, kind backcare.ClinicDocKind, id string) (*backcare.ClinicDoc, error) {
	doc, err := scanClinicDoc(d.queryRow(ctx, `SELECT `+clinicDocCols+` FROM clinic_docs WHERE clinic_id = ? AND kind = ? AND id = ?`, clinicID, string(kind), id))
	if isNoRows(err) {
		return nil, fmt.Errorf("sqlite: clinic %s: %w", kind, noClinicDoc(kind, id))
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: clinic %s %s: %w", kind, id, mapError(err))
	}
	return doc, nil
}

// ClinicDocs returns a clinic's poses, then its routines, each by id.
func (d *DB) ClinicDocs(ctx context.Context, clinicID string) ([]*backcare.ClinicDoc, error) {
	out := []*backcare.ClinicDoc{}
	err := d.rows(ctx, func(rows *sql.Rows) error {
		doc, err := scanClinicDoc(rows)
		if err == nil {
			out = append(out, doc)
		}
		return err
	}, `SELECT `+clinicDocCols+` FROM clinic_docs WHERE clinic_id = ? ORDER BY kind = 'routine', id`, clinicID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: clinic's poses and routines: %w", err)
	}
	return out, nil
}

// DeleteClinicDoc removes one of a clinic's poses or routines, if version
// is still the latest.
func (d *DB) DeleteClinicDoc(ctx context.Context, clinicID string, kind backcare.ClinicDocKind, id string, version int) error {
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		var v int
		err := tx.QueryRowContext(ctx, `SELECT version FROM clinic_docs WHERE clinic_id = ? AND kind = ? AND id = ?`, clinicID, string(kind), id).Scan(&v)
		switch {
		case isNoRows(err):
			return noClinicDoc(kind, id)
		case err != nil:
			return err
		case v != version:
			return backcare.ErrClinicDocChanged(kind, id)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM clinic_docs WHERE clinic_id = ? AND kind = ? AND id = ?`, clinicID, string(kind), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: delete clinic %s %s: %w", kind, id, mapError(err))
	}
	return nil
}
