package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	sqlite3 "modernc.org/sqlite/lib"

	"backcare"
)

// Accounts (migration 4). Their rows are not journal records: no revision
// trigger watches them.

// failureWindow is how long AddFailure keeps a failed sign-in.
const failureWindow = 24 * time.Hour

const accountCols = `id, name, role, created_at, password_hash, recovery_hash, zone`

// nullBytes is b for a BLOB column, NULL when b is nil.
func nullBytes(b []byte) any {
	if b == nil {
		return nil
	}
	return b
}

// nilEmpty is b, or nil if it is empty: nil and empty read back alike.
func nilEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// isConstraint reports whether err is the driver's error with the extended
// result code.
func isConstraint(err error, code int) bool {
	c, ok := sqliteCode(err)
	return ok && c == code
}

func nameTaken(name string) error {
	return backcare.Errorf(backcare.ECONFLICT, "the name %s is taken", name).
		WithHint("choose another name, for example with a surname or a number added")
}

func noAccount(id string) error {
	return backcare.Errorf(backcare.ENOTFOUND, "there is no account with id %s", id).
		WithHint("run `backcare account list` to see the accounts")
}

// accountError turns the driver's errors of writing a into what they mean
// for an account.
func accountError(err error, a *backcare.Account) error {
	switch {
	case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_UNIQUE):
		return nameTaken(a.Name)
	case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
		return taken("account", a.ID)
	}
	return err
}

func scanAccount(row scanner) (*backcare.Account, error) {
	var (
		a       backcare.Account
		role    string
		created int64
		rec     []byte
	)
	if err := row.Scan(&a.ID, &a.Name, &role, &created, &a.PasswordHash, &rec, &a.Zone); err != nil {
		return nil, err
	}
	a.Role, a.CreatedAt, a.RecoveryHash = backcare.Role(role), fromMS(created), nilEmpty(rec)
	return &a, nil
}

// AddAccount adds an account whose name is free.
func (d *DB) AddAccount(ctx context.Context, a *backcare.Account) error {
	if a.ID == "" {
		a.ID = backcare.NewID()
	}
	a.Normalize()
	if err := a.Validate(); err != nil {
		return fmt.Errorf("sqlite: add account %s: %w", a.Name, err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO accounts (`+accountCols+`) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			a.ID, a.Name, string(a.Role), toMS(a.CreatedAt), a.PasswordHash, nullBytes(a.RecoveryHash), a.Zone)
		return accountError(err, a)
	})
	if err != nil {
		return fmt.Errorf("sqlite: add account %s: %w", a.Name, mapError(err))
	}
	return nil
}

// Account returns the account with the id.
func (d *DB) Account(ctx context.Context, id string) (*backcare.Account, error) {
	a, err := scanAccount(d.queryRow(ctx, `SELECT `+accountCols+` FROM accounts WHERE id = ?`, id))
	if isNoRows(err) {
		return nil, fmt.Errorf("sqlite: account: %w", noAccount(id))
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: account %s: %w", id, mapError(err))
	}
	return a, nil
}

// AccountByName returns the account with the name, normalized.
func (d *DB) AccountByName(ctx context.Context, name string) (*backcare.Account, error) {
	name = backcare.NormalizeAccountName(name)
	a, err := scanAccount(d.queryRow(ctx, `SELECT `+accountCols+` FROM accounts WHERE name = ?`, name))
	if isNoRows(err) {
		return nil, fmt.Errorf("sqlite: account: %w", backcare.Errorf(backcare.ENOTFOUND, "there is no account named %s", name).
			WithHint("check the spelling, or run `backcare account list` to see the accounts"))
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: account %s: %w", name, mapError(err))
	}
	return a, nil
}

// AccountList returns every account, by name.
func (d *DB) AccountList(ctx context.Context) ([]*backcare.Account, error) {
	rows, err := d.query(ctx, `SELECT `+accountCols+` FROM accounts ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: accounts: %w", mapError(err))
	}
	defer func() { _ = rows.Close() }()
	out := []*backcare.Account{}
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: accounts: %w", mapError(err))
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: accounts: %w", mapError(err))
	}
	return out, nil
}

// UpdateAccount reads, changes and saves an account in one write.
func (d *DB) UpdateAccount(ctx context.Context, id string, change func(*backcare.Account) error) (*backcare.Account, error) {
	var out *backcare.Account
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		a, err := scanAccount(tx.QueryRowContext(ctx, `SELECT `+accountCols+` FROM accounts WHERE id = ?`, id))
		if isNoRows(err) {
			return noAccount(id)
		}
		if err != nil {
			return err
		}
		if err := change(a); err != nil {
			return err
		}
		if a.ID != id {
			return backcare.Errorf(backcare.EINTERNAL, "a change to account %s changed its id", id)
		}
		a.Normalize()
		if err := a.Validate(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE accounts SET name = ?, role = ?, created_at = ?, password_hash = ?, recovery_hash = ?, zone = ?
			WHERE id = ?`, a.Name, string(a.Role), toMS(a.CreatedAt), a.PasswordHash, nullBytes(a.RecoveryHash), a.Zone, id)
		if err != nil {
			return accountError(err, a)
		}
		out = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: update account %s: %w", id, mapError(err))
	}
	return out, nil
}

// RemoveAccount removes the account with all its records, in one
// transaction. The records' triggers move the revision; its row goes last.
func (d *DB) RemoveAccount(ctx context.Context, id string) error {
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM accounts WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err == nil {
				err = noAccount(id)
			}
			return err
		}
		tx.forgetAll() // the writer's copies of the sessions
		for _, q := range []string{
			`DELETE FROM sessions WHERE user_id = ?`,
			`DELETE FROM pegs WHERE user_id = ?`,
			`DELETE FROM screenings WHERE user_id = ?`,
			`DELETE FROM phase_changes WHERE user_id = ?`,
			`DELETE FROM settings WHERE user_id = ?`,
			`DELETE FROM passkeys WHERE account_id = ?`,
			`DELETE FROM sign_ins WHERE account_id = ?`,
			`DELETE FROM tickets WHERE account_id = ?`,
			`DELETE FROM revisions WHERE user_id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlite: remove account %s: %w", id, mapError(err))
	}
	return nil
}

// affected is a write's check that it changed a row: notFound if not.
func affected(res sql.Result, notFound error) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound
	}
	return nil
}

func noPasskey() error {
	return backcare.Errorf(backcare.ENOTFOUND, "the passkey is not known here").
		WithHint("sign in another way, then add the passkey again")
}

const passkeyCols = `id, account_id, name, data, created_at, last_used_at`

func scanPasskey(row scanner) (*backcare.Passkey, error) {
	var (
		p       backcare.Passkey
		created int64
		used    sql.NullInt64
	)
	if err := row.Scan(&p.ID, &p.AccountID, &p.Name, &p.Data, &created, &used); err != nil {
		return nil, err
	}
	p.Data, p.CreatedAt, p.LastUsedAt = nilEmpty(p.Data), fromMS(created), fromNullMS(used)
	return &p, nil
}

// AddPasskey adds a passkey to an account.
func (d *DB) AddPasskey(ctx context.Context, p *backcare.Passkey) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return fmt.Errorf("sqlite: add passkey: %w", err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO passkeys (`+passkeyCols+`) VALUES (?, ?, ?, ?, ?, ?)`,
			p.ID, p.AccountID, p.Name, nullBytes(p.Data), toMS(p.CreatedAt), toNullMS(p.LastUsedAt))
		switch {
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
			return backcare.Errorf(backcare.ECONFLICT, "the passkey is already added").
				WithHint("it signs in its account already; use it, or remove it first")
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY):
			return noAccount(p.AccountID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: add passkey: %w", mapError(err))
	}
	return nil
}

// Passkey returns the passkey with the credential id, of any account.
func (d *DB) Passkey(ctx context.Context, id []byte) (*backcare.Passkey, error) {
	p, err := scanPasskey(d.queryRow(ctx, `SELECT `+passkeyCols+` FROM passkeys WHERE id = ?`, id))
	if isNoRows(err) {
		return nil, fmt.Errorf("sqlite: passkey: %w", noPasskey())
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: passkey: %w", mapError(err))
	}
	return p, nil
}

// Passkeys returns an account's passkeys, oldest first.
func (d *DB) Passkeys(ctx context.Context, accountID string) ([]*backcare.Passkey, error) {
	rows, err := d.query(ctx, `SELECT `+passkeyCols+` FROM passkeys WHERE account_id = ? ORDER BY created_at, id`, accountID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: passkeys: %w", mapError(err))
	}
	defer func() { _ = rows.Close() }()
	out := []*backcare.Passkey{}
	for rows.Next() {
		p, err := scanPasskey(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: passkeys: %w", mapError(err))
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: passkeys: %w", mapError(err))
	}
	return out, nil
}

// UpdatePasskey saves a passkey's Data and LastUsedAt.
func (d *DB) UpdatePasskey(ctx context.Context, p *backcare.Passkey) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return fmt.Errorf("sqlite: update passkey: %w", err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		res, err := tx.ExecContext(ctx, `UPDATE passkeys SET data = ?, last_used_at = ? WHERE id = ? AND account_id = ?`,
			nullBytes(p.Data), toNullMS(p.LastUsedAt), p.ID, p.AccountID)
		if err != nil {
			return err
		}
		return affected(res, noPasskey())
	})
	if err != nil {
		return fmt.Errorf("sqlite: update passkey: %w", mapError(err))
	}
	return nil
}

// RemovePasskey removes one of the account's passkeys.
func (d *DB) RemovePasskey(ctx context.Context, accountID string, id []byte) error {
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM passkeys WHERE id = ? AND account_id = ?`, id, accountID)
		if err != nil {
			return err
		}
		return affected(res, noPasskey())
	})
	if err != nil {
		return fmt.Errorf("sqlite: remove passkey: %w", mapError(err))
	}
	return nil
}

func noSignIn() error {
	return backcare.Errorf(backcare.ENOTFOUND, "the sign-in has ended").WithHint("sign in again")
}

const signInCols = `id, account_id, token_hash, created_at, last_seen_at, expires_at, device, address`

func scanSignIn(row scanner) (*backcare.SignIn, error) {
	var (
		s                      backcare.SignIn
		created, seen, expires int64
	)
	if err := row.Scan(&s.ID, &s.AccountID, &s.TokenHash, &created, &seen, &expires, &s.Device, &s.Address); err != nil {
		return nil, err
	}
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = fromMS(created), fromMS(seen), fromMS(expires)
	return &s, nil
}

// AddSignIn records a new sign-in, and drops those past their ExpiresAt.
func (d *DB) AddSignIn(ctx context.Context, s *backcare.SignIn) error {
	if s.ID == "" {
		s.ID = backcare.NewID()
	}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return fmt.Errorf("sqlite: add sign-in: %w", err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sign_ins WHERE expires_at <= ?`, toMS(s.CreatedAt)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sign_ins (`+signInCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			s.ID, s.AccountID, s.TokenHash, toMS(s.CreatedAt), toMS(s.LastSeenAt), toMS(s.ExpiresAt), s.Device, s.Address)
		switch {
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
			return taken("sign-in", s.ID)
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_UNIQUE):
			return backcare.Errorf(backcare.ECONFLICT, "the sign-in's token is in use already").WithHint("make a new token")
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY):
			return noAccount(s.AccountID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: add sign-in: %w", mapError(err))
	}
	return nil
}

// SignInByToken returns the sign-in whose token has the hash, and its
// account.
func (d *DB) SignInByToken(ctx context.Context, hash []byte) (*backcare.SignIn, *backcare.Account, error) {
	s, err := scanSignIn(d.queryRow(ctx, `SELECT `+signInCols+` FROM sign_ins WHERE token_hash = ?`, hash))
	if err == nil {
		var a *backcare.Account
		if a, err = scanAccount(d.queryRow(ctx, `SELECT `+accountCols+` FROM accounts WHERE id = ?`, s.AccountID)); err == nil {
			return s, a, nil
		}
	}
	if isNoRows(err) {
		return nil, nil, fmt.Errorf("sqlite: sign-in: %w", noSignIn())
	}
	return nil, nil, fmt.Errorf("sqlite: sign-in: %w", mapError(err))
}

// SignIns returns an account's sign-ins, newest first.
func (d *DB) SignIns(ctx context.Context, accountID string) ([]*backcare.SignIn, error) {
	rows, err := d.query(ctx, `SELECT `+signInCols+` FROM sign_ins WHERE account_id = ? ORDER BY created_at DESC, id DESC`, accountID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: sign-ins: %w", mapError(err))
	}
	defer func() { _ = rows.Close() }()
	out := []*backcare.SignIn{}
	for rows.Next() {
		s, err := scanSignIn(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: sign-ins: %w", mapError(err))
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: sign-ins: %w", mapError(err))
	}
	return out, nil
}

// TouchSignIn sets a sign-in's LastSeenAt.
func (d *DB) TouchSignIn(ctx context.Context, id string, at time.Time) error {
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		res, err := tx.ExecContext(ctx, `UPDATE sign_ins SET last_seen_at = ? WHERE id = ?`, toMS(at), id)
		if err != nil {
			return err
		}
		return affected(res, noSignIn())
	})
	if err != nil {
		return fmt.Errorf("sqlite: touch sign-in %s: %w", id, mapError(err))
	}
	return nil
}

// RemoveSignIn ends one of the account's sign-ins.
func (d *DB) RemoveSignIn(ctx context.Context, accountID, id string) error {
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sign_ins WHERE id = ? AND account_id = ?`, id, accountID)
		if err != nil {
			return err
		}
		return affected(res, noSignIn())
	})
	if err != nil {
		return fmt.Errorf("sqlite: remove sign-in %s: %w", id, mapError(err))
	}
	return nil
}

// RemoveSignIns ends the account's sign-ins but except.
func (d *DB) RemoveSignIns(ctx context.Context, accountID, except string) (int, error) {
	var n int64
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sign_ins WHERE account_id = ? AND id <> ?`, accountID, except)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("sqlite: remove sign-ins: %w", mapError(err))
	}
	return int(n), nil
}

// AddTicket keeps a ticket, and drops those that expired by its
// CreatedAt.
func (d *DB) AddTicket(ctx context.Context, t *backcare.Ticket) error {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return fmt.Errorf("sqlite: add ticket: %w", err)
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM tickets WHERE expires_at <= ?`, toMS(t.CreatedAt)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO tickets (hash, kind, account_id, data, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			t.Hash, string(t.Kind), nullText(t.AccountID), nullBytes(t.Data), toMS(t.CreatedAt), toMS(t.ExpiresAt))
		switch {
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
			return backcare.Errorf(backcare.ECONFLICT, "the ticket is kept already").WithHint("make a new token")
		case isConstraint(err, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY):
			return noAccount(t.AccountID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: add ticket: %w", mapError(err))
	}
	return nil
}

// TakeTicket removes the ticket and returns it, unless it expired by now:
// an expired ticket is removed all the same. The writer runs one write at
// a time, so of two takers only the first finds the row.
func (d *DB) TakeTicket(ctx context.Context, kind backcare.TicketKind, hash []byte, now time.Time) (*backcare.Ticket, error) {
	var out *backcare.Ticket
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		var (
			t                backcare.Ticket
			k                string
			account          sql.NullString
			created, expires int64
		)
		err := tx.QueryRowContext(ctx, `DELETE FROM tickets WHERE hash = ? AND kind = ?
			RETURNING hash, kind, account_id, data, created_at, expires_at`, hash, string(kind)).
			Scan(&t.Hash, &k, &account, &t.Data, &created, &expires)
		if isNoRows(err) {
			return nil
		}
		if err != nil {
			return err
		}
		t.Kind, t.AccountID, t.Data = backcare.TicketKind(k), account.String, nilEmpty(t.Data)
		t.CreatedAt, t.ExpiresAt = fromMS(created), fromMS(expires)
		if now.Before(t.ExpiresAt) {
			out = &t
		}
		return nil // an expired ticket's removal is kept
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: take ticket: %w", mapError(err))
	}
	if out == nil {
		return nil, fmt.Errorf("sqlite: take ticket: %w", noTicket())
	}
	return out, nil
}

func noTicket() error {
	return backcare.Errorf(backcare.ENOTFOUND, "the link or code has expired or was used already").
		WithHint("ask for a new one")
}

// AddFailure records a failed sign-in for key, and drops failures older
// than a day.
func (d *DB) AddFailure(ctx context.Context, key string, at time.Time) error {
	if key == "" {
		return fmt.Errorf("sqlite: add failure: %w", backcare.Errorf(backcare.EINVALID, "a failed sign-in needs a key"))
	}
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sign_in_failures WHERE at < ?`, toMS(at.Add(-failureWindow))); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sign_in_failures (key, at) VALUES (?, ?)`, key, toMS(at))
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: add failure: %w", mapError(err))
	}
	return nil
}

// Failures counts key's failed sign-ins at or after since.
func (d *DB) Failures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := d.queryRow(ctx, `SELECT count(*) FROM sign_in_failures WHERE key = ? AND at >= ?`, key, toMS(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: failures: %w", mapError(err))
	}
	return n, nil
}

// ClearFailures forgets key's failed sign-ins.
func (d *DB) ClearFailures(ctx context.Context, key string) error {
	err := d.write(ctx, func(ctx context.Context, tx *wtx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sign_in_failures WHERE key = ?`, key)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: clear failures: %w", mapError(err))
	}
	return nil
}
