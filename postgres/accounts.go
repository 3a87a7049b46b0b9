package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"backcare"
)

// Accounts (migration 4). Their rows are not journal records: no revision
// trigger watches them.

// failureWindow is how long AddFailure keeps a failed sign-in.
const failureWindow = 24 * time.Hour

const accountCols = `id, name, role, created_at, password_hash, recovery_hash, zone`

// nilEmpty is b, or nil if it is empty: nil and empty read back alike.
func nilEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

func nullText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// violation returns the SQLSTATE and constraint of a driver error, or "".
func violation(err error) (code, constraint string) {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code, pe.ConstraintName
	}
	return "", ""
}

const (
	uniqueViolation     = "23505"
	foreignKeyViolation = "23503"
)

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
	switch code, constraint := violation(err); {
	case code == uniqueViolation && constraint == "accounts_name_key":
		return nameTaken(a.Name)
	case code == uniqueViolation:
		return taken("account", a.ID)
	}
	return err
}

func scanAccount(row pgx.Row) (*backcare.Account, error) {
	var (
		a       backcare.Account
		role    string
		created time.Time
		rec     []byte
	)
	if err := row.Scan(&a.ID, &a.Name, &role, &created, &a.PasswordHash, &rec, &a.Zone); err != nil {
		return nil, err
	}
	a.Role, a.CreatedAt, a.RecoveryHash = backcare.Role(role), created.UTC(), nilEmpty(rec)
	return &a, nil
}

// AddAccount adds an account whose name is free.
func (d *DB) AddAccount(ctx context.Context, a *backcare.Account) error {
	if a.ID == "" {
		a.ID = backcare.NewID()
	}
	a.Normalize()
	if err := a.Validate(); err != nil {
		return fmt.Errorf("postgres: add account %s: %w", a.Name, err)
	}
	_, err := d.pool.Exec(ctx, `INSERT INTO accounts (`+accountCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		a.ID, a.Name, string(a.Role), a.CreatedAt, a.PasswordHash, a.RecoveryHash, a.Zone)
	if err != nil {
		return fmt.Errorf("postgres: add account %s: %w", a.Name, mapError(accountError(err, a)))
	}
	return nil
}

// Account returns the account with the id.
func (d *DB) Account(ctx context.Context, id string) (*backcare.Account, error) {
	a, err := scanAccount(d.pool.QueryRow(ctx, `SELECT `+accountCols+` FROM accounts WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: account: %w", noAccount(id))
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: account %s: %w", id, mapError(err))
	}
	return a, nil
}

// AccountByName returns the account with the name, normalized.
func (d *DB) AccountByName(ctx context.Context, name string) (*backcare.Account, error) {
	name = backcare.NormalizeAccountName(name)
	a, err := scanAccount(d.pool.QueryRow(ctx, `SELECT `+accountCols+` FROM accounts WHERE name = $1`, name))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: account: %w", backcare.Errorf(backcare.ENOTFOUND, "there is no account named %s", name).
			WithHint("check the spelling, or run `backcare account list` to see the accounts"))
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: account %s: %w", name, mapError(err))
	}
	return a, nil
}

// AccountList returns every account, by name.
func (d *DB) AccountList(ctx context.Context) ([]*backcare.Account, error) {
	out := []*backcare.Account{}
	// COLLATE "C": by the names' characters, as SQLite orders them, not by
	// the database's language.
	err := d.each(ctx, `SELECT `+accountCols+` FROM accounts ORDER BY name COLLATE "C"`, nil, func(row pgx.Rows) error {
		a, err := scanAccount(row)
		if err == nil {
			out = append(out, a)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: accounts: %w", mapError(err))
	}
	return out, nil
}

// each runs a query and calls scan for each row.
func (d *DB) each(ctx context.Context, query string, args []any, scan func(pgx.Rows) error) error {
	rows, err := d.pool.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// UpdateAccount reads, changes and saves an account in one transaction,
// holding its row locked from the read to the commit.
func (d *DB) UpdateAccount(ctx context.Context, id string, change func(*backcare.Account) error) (*backcare.Account, error) {
	var out *backcare.Account
	err := d.write(ctx, func(tx pgx.Tx) error {
		a, err := scanAccount(tx.QueryRow(ctx, `SELECT `+accountCols+` FROM accounts WHERE id = $1 FOR UPDATE`, id))
		if errors.Is(err, pgx.ErrNoRows) {
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
		_, err = tx.Exec(ctx, `UPDATE accounts SET name = $1, role = $2, created_at = $3, password_hash = $4, recovery_hash = $5, zone = $6
			WHERE id = $7`, a.Name, string(a.Role), a.CreatedAt, a.PasswordHash, a.RecoveryHash, a.Zone, id)
		if err != nil {
			return accountError(err, a)
		}
		out = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: update account %s: %w", id, mapError(err))
	}
	return out, nil
}

// RemoveAccount removes the account with all its records, in one
// transaction. The records' triggers move the revision; its row goes last.
func (d *DB) RemoveAccount(ctx context.Context, id string) error {
	err := d.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM accounts WHERE id = $1`, id)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return noAccount(id)
		}
		// Segments go with their sessions (ON DELETE CASCADE).
		for _, q := range []string{
			`DELETE FROM sessions WHERE user_id = $1`,
			`DELETE FROM pegs WHERE user_id = $1`,
			`DELETE FROM screenings WHERE user_id = $1`,
			`DELETE FROM phase_changes WHERE user_id = $1`,
			`DELETE FROM settings WHERE user_id = $1`,
			`DELETE FROM passkeys WHERE account_id = $1`,
			`DELETE FROM sign_ins WHERE account_id = $1`,
			`DELETE FROM tickets WHERE account_id = $1`,
			`DELETE FROM revisions WHERE user_id = $1`,
		} {
			if _, err := tx.Exec(ctx, q, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres: remove account %s: %w", id, mapError(err))
	}
	return nil
}

// exec runs one statement that must change a row: notFound if it changes
// none.
func (d *DB) exec(ctx context.Context, notFound error, query string, args ...any) error {
	tag, err := d.pool.Exec(ctx, query, args...)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return notFound
	}
	return nil
}

func noPasskey() error {
	return backcare.Errorf(backcare.ENOTFOUND, "the passkey is not known here").
		WithHint("sign in another way, then add the passkey again")
}

const passkeyCols = `id, account_id, name, data, created_at, last_used_at`

func scanPasskey(row pgx.Row) (*backcare.Passkey, error) {
	var (
		p       backcare.Passkey
		created time.Time
		used    *time.Time
	)
	if err := row.Scan(&p.ID, &p.AccountID, &p.Name, &p.Data, &created, &used); err != nil {
		return nil, err
	}
	p.Data, p.CreatedAt, p.LastUsedAt = nilEmpty(p.Data), created.UTC(), fromNullTime(used)
	return &p, nil
}

// AddPasskey adds a passkey to an account.
func (d *DB) AddPasskey(ctx context.Context, p *backcare.Passkey) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return fmt.Errorf("postgres: add passkey: %w", err)
	}
	_, err := d.pool.Exec(ctx, `INSERT INTO passkeys (`+passkeyCols+`) VALUES ($1, $2, $3, $4, $5, $6)`,
		p.ID, p.AccountID, p.Name, p.Data, p.CreatedAt, nullTime(p.LastUsedAt))
	switch code, _ := violation(err); code {
	case uniqueViolation:
		err = backcare.Errorf(backcare.ECONFLICT, "the passkey is already added").
			WithHint("it signs in its account already; use it, or remove it first")
	case foreignKeyViolation:
		err = noAccount(p.AccountID)
	}
	if err != nil {
		return fmt.Errorf("postgres: add passkey: %w", mapError(err))
	}
	return nil
}

// Passkey returns the passkey with the credential id, of any account.
func (d *DB) Passkey(ctx context.Context, id []byte) (*backcare.Passkey, error) {
	p, err := scanPasskey(d.pool.QueryRow(ctx, `SELECT `+passkeyCols+` FROM passkeys WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: passkey: %w", noPasskey())
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: passkey: %w", mapError(err))
	}
	return p, nil
}

// Passkeys returns an account's passkeys, oldest first.
func (d *DB) Passkeys(ctx context.Context, accountID string) ([]*backcare.Passkey, error) {
	out := []*backcare.Passkey{}
	err := d.each(ctx, `SELECT `+passkeyCols+` FROM passkeys WHERE account_id = $1 ORDER BY created_at, id`, []any{accountID}, func(row pgx.Rows) error {
		p, err := scanPasskey(row)
		if err == nil {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: passkeys: %w", mapError(err))
	}
	return out, nil
}

// UpdatePasskey saves a passkey's Data and LastUsedAt.
func (d *DB) UpdatePasskey(ctx context.Context, p *backcare.Passkey) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return fmt.Errorf("postgres: update passkey: %w", err)
	}
	err := d.exec(ctx, noPasskey(), `UPDATE passkeys SET data = $1, last_used_at = $2 WHERE id = $3 AND account_id = $4`,
		p.Data, nullTime(p.LastUsedAt), p.ID, p.AccountID)
	if err != nil {
		return fmt.Errorf("postgres: update passkey: %w", mapError(err))
	}
	return nil
}

// RemovePasskey removes one of the account's passkeys.
func (d *DB) RemovePasskey(ctx context.Context, accountID string, id []byte) error {
	err := d.exec(ctx, noPasskey(), `DELETE FROM passkeys WHERE id = $1 AND account_id = $2`, id, accountID)
	if err != nil {
		return fmt.Errorf("postgres: remove passkey: %w", mapError(err))
	}
	return nil
}

func noSignIn() error {
	return backcare.Errorf(backcare.ENOTFOUND, "the sign-in has ended").WithHint("sign in again")
}

const signInCols = `id, account_id, token_hash, created_at, last_seen_at, expires_at, device, address`

func scanSignIn(row pgx.Row) (*backcare.SignIn, error) {
	var s backcare.SignIn
	if err := row.Scan(&s.ID, &s.AccountID, &s.TokenHash, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt, &s.Device, &s.Address); err != nil {
		return nil, err
	}
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = s.CreatedAt.UTC(), s.LastSeenAt.UTC(), s.ExpiresAt.UTC()
	return &s, nil
}

// AddSignIn records a new sign-in, and drops those past their ExpiresAt.
func (d *DB) AddSignIn(ctx context.Context, s *backcare.SignIn) error {
	if s.ID == "" {
		s.ID = backcare.NewID()
	}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return fmt.Errorf("postgres: add sign-in: %w", err)
	}
	err := d.write(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM sign_ins WHERE expires_at <= $1`, s.CreatedAt); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO sign_ins (`+signInCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			s.ID, s.AccountID, s.TokenHash, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.Device, s.Address)
		switch code, constraint := violation(err); {
		case code == uniqueViolation && constraint == "sign_ins_token_hash_key":
			return backcare.Errorf(backcare.ECONFLICT, "the sign-in's token is in use already").WithHint("make a new token")
		case code == uniqueViolation:
			return taken("sign-in", s.ID)
		case code == foreignKeyViolation:
			return noAccount(s.AccountID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: add sign-in: %w", mapError(err))
	}
	return nil
}

// SignInByToken returns the sign-in whose token has the hash, and its
// account: two queries sent as one batch, one round trip.
func (d *DB) SignInByToken(ctx context.Context, hash []byte) (*backcare.SignIn, *backcare.Account, error) {
	b := &pgx.Batch{}
	b.Queue(`SELECT `+signInCols+` FROM sign_ins WHERE token_hash = $1`, hash)
	b.Queue(`SELECT `+accountCols+` FROM accounts WHERE id = (SELECT account_id FROM sign_ins WHERE token_hash = $1)`, hash)
	res := d.pool.SendBatch(ctx, b)
	s, err := scanSignIn(res.QueryRow())
	var a *backcare.Account
	if err == nil {
		a, err = scanAccount(res.QueryRow())
	}
	if cerr := res.Close(); err == nil {
		err = cerr
	}
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil, nil, fmt.Errorf("postgres: sign-in: %w", noSignIn())
	case err != nil:
		return nil, nil, fmt.Errorf("postgres: sign-in: %w", mapError(err))
	}
	return s, a, nil
}

// SignIns returns an account's sign-ins, newest first.
func (d *DB) SignIns(ctx context.Context, accountID string) ([]*backcare.SignIn, error) {
	out := []*backcare.SignIn{}
	err := d.each(ctx, `SELECT `+signInCols+` FROM sign_ins WHERE account_id = $1 ORDER BY created_at DESC, id DESC`, []any{accountID}, func(row pgx.Rows) error {
		s, err := scanSignIn(row)
		if err == nil {
			out = append(out, s)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: sign-ins: %w", mapError(err))
	}
	return out, nil
}

// TouchSignIn sets a sign-in's LastSeenAt.
func (d *DB) TouchSignIn(ctx context.Context, id string, at time.Time) error {
	err := d.exec(ctx, noSignIn(), `UPDATE sign_ins SET last_seen_at = $1 WHERE id = $2`, at.UTC().Truncate(backcare.Precision), id)
	if err != nil {
		return fmt.Errorf("postgres: touch sign-in %s: %w", id, mapError(err))
	}
	return nil
}

// RemoveSignIn ends one of the account's sign-ins.
func (d *DB) RemoveSignIn(ctx context.Context, accountID, id string) error {
	err := d.exec(ctx, noSignIn(), `DELETE FROM sign_ins WHERE id = $1 AND account_id = $2`, id, accountID)
	if err != nil {
		return fmt.Errorf("postgres: remove sign-in %s: %w", id, mapError(err))
	}
	return nil
}

// RemoveSignIns ends the account's sign-ins but except.
func (d *DB) RemoveSignIns(ctx context.Context, accountID, except string) (int, error) {
	tag, err := d.pool.Exec(ctx, `DELETE FROM sign_ins WHERE account_id = $1 AND id <> $2`, accountID, except)
	if err != nil {
		return 0, fmt.Errorf("postgres: remove sign-ins: %w", mapError(err))
	}
	return int(tag.RowsAffected()), nil
}

// AddTicket keeps a ticket, and drops those that expired by its
// CreatedAt.
func (d *DB) AddTicket(ctx context.Context, t *backcare.Ticket) error {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return fmt.Errorf("postgres: add ticket: %w", err)
	}
	err := d.write(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM tickets WHERE expires_at <= $1`, t.CreatedAt); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO tickets (hash, kind, account_id, data, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			t.Hash, string(t.Kind), nullText(t.AccountID), t.Data, t.CreatedAt, t.ExpiresAt)
		switch code, _ := violation(err); code {
		case uniqueViolation:
			return backcare.Errorf(backcare.ECONFLICT, "the ticket is kept already").WithHint("make a new token")
		case foreignKeyViolation:
			return noAccount(t.AccountID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: add ticket: %w", mapError(err))
	}
	return nil
}

// TakeTicket removes the ticket and returns it, unless it expired by now:
// an expired ticket is removed all the same. Of two takers, the second
// waits for the first's row lock and then finds the row gone.
func (d *DB) TakeTicket(ctx context.Context, kind backcare.TicketKind, hash []byte, now time.Time) (*backcare.Ticket, error) {
	var (
		t       backcare.Ticket
		k       string
		account *string
	)
	err := d.pool.QueryRow(ctx, `DELETE FROM tickets WHERE hash = $1 AND kind = $2
		RETURNING hash, kind, account_id, data, created_at, expires_at`, hash, string(kind)).
		Scan(&t.Hash, &k, &account, &t.Data, &t.CreatedAt, &t.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: take ticket: %w", noTicket())
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: take ticket: %w", mapError(err))
	}
	t.CreatedAt, t.ExpiresAt = t.CreatedAt.UTC(), t.ExpiresAt.UTC()
	if !now.Before(t.ExpiresAt) {
		return nil, fmt.Errorf("postgres: take ticket: %w", noTicket())
	}
	t.Kind, t.Data = backcare.TicketKind(k), nilEmpty(t.Data)
	if account != nil {
		t.AccountID = *account
	}
	return &t, nil
}

func noTicket() error {
	return backcare.Errorf(backcare.ENOTFOUND, "the link or code has expired or was used already").
		WithHint("ask for a new one")
}

// AddFailure records a failed sign-in for key, and drops failures older
// than a day.
func (d *DB) AddFailure(ctx context.Context, key string, at time.Time) error {
	if key == "" {
		return fmt.Errorf("postgres: add failure: %w", backcare.Errorf(backcare.EINVALID, "a failed sign-in needs a key"))
	}
	at = at.UTC().Truncate(backcare.Precision)
	err := d.write(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM sign_in_failures WHERE at < $1`, at.Add(-failureWindow)); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO sign_in_failures (key, at) VALUES ($1, $2)`, key, at)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: add failure: %w", mapError(err))
	}
	return nil
}

// Failures counts key's failed sign-ins at or after since.
func (d *DB) Failures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := d.pool.QueryRow(ctx, `SELECT count(*) FROM sign_in_failures WHERE key = $1 AND at >= $2`,
		key, since.UTC().Truncate(backcare.Precision)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("postgres: failures: %w", mapError(err))
	}
	return n, nil
}

// ClearFailures forgets key's failed sign-ins.
func (d *DB) ClearFailures(ctx context.Context, key string) error {
	if _, err := d.pool.Exec(ctx, `DELETE FROM sign_in_failures WHERE key = $1`, key); err != nil {
		return fmt.Errorf("postgres: clear failures: %w", mapError(err))
	}
	return nil
}
