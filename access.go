package backcare

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Role is what an account may do. Every account has one.
type Role string

// The roles. A person keeps their own journal; a clinician (clinic mode)
// also sees the journals of the patients who joined them; an admin runs the
// server's accounts and clinics.
const (
	RolePerson    Role = "person"
	RoleClinician Role = "clinician"
	RoleAdmin     Role = "admin"
)

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool {
	switch r {
	case RolePerson, RoleClinician, RoleAdmin:
		return true
	}
	return false
}

// Account is one person who signs in. Its ID is the UserID of everything
// recorded for them. Every journal starts with one account, of ID
// LocalUser and name "local", a person's without a password: the
// one-person app's, which owns what a journal made before accounts
// existed holds. Upgrading such a journal also gives every other user id
// found in it an account, named after the id.
type Account struct {
	ID        string
	Name      string // the sign-in name: unique, see ValidateAccountName
	Role      Role
	CreatedAt time.Time
	// PasswordHash is the password's argon2id hash in PHC form, or empty
	// when the account has no password (passkeys or sign-in links only).
	PasswordHash string
	// RecoveryHash is TokenHash of the account's one-time recovery code,
	// or nil when it has none.
	RecoveryHash []byte
	// Zone is the person's time zone, an IANA name such as Europe/Paris,
	// so that their "today" is theirs; empty for the server's.
	Zone string
}

// Validate checks the account's fields.
func (a *Account) Validate() error {
	if a.ID == "" {
		return Errorf(EINVALID, "an account needs an id")
	}
	if err := ValidateAccountName(a.Name); err != nil {
		return err
	}
	if !a.Role.Valid() {
		return Errorf(EINVALID, "%q is not a role", a.Role).WithHint("use person, clinician or admin")
	}
	if a.CreatedAt.IsZero() {
		return Errorf(EINVALID, "an account needs the time it was made")
	}
	return ValidateZone(a.Zone)
}

// ValidateZone checks a time zone's name: empty, or an IANA name this
// computer knows ("Europe/Paris", "UTC").
func ValidateZone(zone string) error {
	if zone == "" {
		return nil
	}
	if zone == "Local" || strings.ContainsAny(zone, " \\") || len(zone) > 64 {
		return Errorf(EINVALID, "%q is not a time zone", zone).WithHint("use a name such as Europe/Paris or America/New_York")
	}
	if _, err := time.LoadLocation(zone); err != nil {
		return Errorf(EINVALID, "%q is not a time zone", zone).WithHint("use a name such as Europe/Paris or America/New_York")
	}
	return nil
}

// MaxAccountName is the longest sign-in name, in characters.
const MaxAccountName = 64

// ValidateAccountName checks a sign-in name: 1 to 64 letters, digits and
// the marks . _ - @, starting with a letter or digit. Names are compared as
// written after NormalizeAccountName.
func ValidateAccountName(name string) error {
	hint := "use letters, digits and . _ - @, for example maria or maria.lopez"
	if name == "" {
		return Errorf(EINVALID, "the name is empty").WithHint("%s", hint)
	}
	if !utf8.ValidString(name) {
		return Errorf(EINVALID, "the name has characters that are not text").WithHint("%s", hint)
	}
	if n := utf8.RuneCountInString(name); n > MaxAccountName {
		return Errorf(EINVALID, "the name is %d characters long, more than %d", n, MaxAccountName).WithHint("choose a shorter name")
	}
	for i, r := range name {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || (i > 0 && strings.ContainsRune("._-@", r))
		switch {
		case ok:
		case unicode.IsSpace(r):
			return Errorf(EINVALID, "the name can't contain spaces").WithHint("%s", hint)
		case i == 0 && strings.ContainsRune("._-@", r):
			return Errorf(EINVALID, "the name must start with a letter or a digit").WithHint("%s", hint)
		default:
			return Errorf(EINVALID, "the name can't contain %q", r).WithHint("%s", hint)
		}
	}
	return nil
}

// NormalizeAccountName is the form of a sign-in name that is stored and
// compared: without surrounding spaces, in lower case.
func NormalizeAccountName(name string) string {
	return strings.ToLower(strings.TrimSpace(name))
}

// Passkey is a WebAuthn credential that signs an account in.
type Passkey struct {
	ID        []byte // the credential id the authenticator chose
	AccountID string
	Name      string // a label the person recognises ("added on Chrome, Linux")
	// Data is the credential as the web app's WebAuthn library keeps it
	// (public key, sign count, flags), opaque to the journal.
	Data       []byte
	CreatedAt  time.Time
	LastUsedAt time.Time // zero until first used
}

// SignIn is one signed-in browser or device: a server-side session. The
// browser holds a random token; the journal keeps only its hash, so a copy
// of the journal signs nobody in.
type SignIn struct {
	ID         string // shown on the devices page; not the token
	AccountID  string
	TokenHash  []byte // TokenHash of the browser's token
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // the absolute end, however active it is
	Device     string    // a short description of the browser
	Address    string    // the network address it signed in from
}

// TicketKind says what a Ticket is for.
type TicketKind string

// The kinds of ticket.
const (
	TicketSignInLink TicketKind = "signin_link" // the one-time link printed by `backcare serve`
	TicketPairing    TicketKind = "pairing"     // a phone's QR code, made by a signed-in browser
	TicketPasskey    TicketKind = "passkey"     // a WebAuthn ceremony under way (its challenge)
)

// Ticket is a one-time, short-lived token kept in the journal, so that any
// replica can redeem it: a sign-in link, a phone pairing code, a WebAuthn
// challenge. Taking it removes it.
type Ticket struct {
	Hash      []byte // TokenHash of the token
	Kind      TicketKind
	AccountID string // whom it signs in; empty when not yet known
	Data      []byte // what the kind needs (a WebAuthn session), opaque to the journal
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Accounts keeps accounts and everything that signs them in. It is part of
// every Journal, so SQLite and PostgreSQL answer alike (journaltest).
//
// As for the rest of the Journal, records are normalized (the Normalize
// methods) and validated before they are written, and the record passed in
// holds what a later read returns. None of these writes moves a user's
// Revision, which counts changes to their journal records.
//
// Methods return *Error with ENOTFOUND for a missing record (an account,
// or one of the account's passkeys or sign-ins) and ECONFLICT for a name
// or id that is taken.
type Accounts interface {
	// AddAccount adds an account; its name must be free. An empty ID is
	// filled in (NewID).
	AddAccount(ctx context.Context, a *Account) error
	// Account returns the account with the id.
	Account(ctx context.Context, id string) (*Account, error)
	// AccountByName returns the account with the (normalized) name.
	AccountByName(ctx context.Context, name string) (*Account, error)
	// AccountList returns every account, by name.
	AccountList(ctx context.Context) ([]*Account, error)
	// UpdateAccount changes an account in one step, as UpdateSession does
	// for sessions; change must keep the ID.
	UpdateAccount(ctx context.Context, id string, change func(*Account) error) (*Account, error)
	// RemoveAccount removes the account and everything recorded for it:
	// sessions, PEGs, screenings, phase changes, settings, passkeys,
	// sign-ins and tickets.
	RemoveAccount(ctx context.Context, id string) error

	// AddPasskey adds a passkey to an account.
	AddPasskey(ctx context.Context, p *Passkey) error
	// Passkey returns the passkey with the credential id, whichever
	// account holds it (a discoverable sign-in names no account first).
	Passkey(ctx context.Context, id []byte) (*Passkey, error)
	// Passkeys returns an account's passkeys, oldest first.
	Passkeys(ctx context.Context, accountID string) ([]*Passkey, error)
	// UpdatePasskey saves a passkey's Data and LastUsedAt after a sign-in.
	UpdatePasskey(ctx context.Context, p *Passkey) error
	// RemovePasskey removes one of the account's passkeys.
	RemovePasskey(ctx context.Context, accountID string, id []byte) error

	// AddSignIn records a new sign-in, and drops sign-ins (of any
	// account) whose ExpiresAt is not after its CreatedAt. An empty ID is
	// filled in; an empty LastSeenAt is CreatedAt.
	AddSignIn(ctx context.Context, s *SignIn) error
	// SignInByToken returns the sign-in whose TokenHash is hash, and the
	// account it signs in, read together (every request makes this read).
	// It does not check expiry: the caller decides (and removes an
	// expired one).
	SignInByToken(ctx context.Context, hash []byte) (*SignIn, *Account, error)
	// SignIns returns an account's sign-ins, newest first.
	SignIns(ctx context.Context, accountID string) ([]*SignIn, error)
	// TouchSignIn sets a sign-in's LastSeenAt.
	TouchSignIn(ctx context.Context, id string, at time.Time) error
	// RemoveSignIn ends one of the account's sign-ins.
	RemoveSignIn(ctx context.Context, accountID, id string) error
	// RemoveSignIns ends all of the account's sign-ins but the one with
	// the id except (none if empty), and returns how many it ended.
	RemoveSignIns(ctx context.Context, accountID, except string) (int, error)

	// AddTicket keeps a ticket, and drops tickets that have expired by
	// its CreatedAt.
	AddTicket(ctx context.Context, t *Ticket) error
	// TakeTicket removes and returns the ticket of that kind whose Hash is
	// hash, if it has not expired at now (now is before its ExpiresAt); an
	// expired one is removed all the same, and ENOTFOUND returned. Of two
	// callers taking one ticket at once, exactly one gets it; the other
	// gets ENOTFOUND.
	TakeTicket(ctx context.Context, kind TicketKind, hash []byte, now time.Time) (*Ticket, error)

	// AddFailure records a failed sign-in for key (an account or a network
	// address), and drops failures older than a day.
	AddFailure(ctx context.Context, key string, at time.Time) error
	// Failures counts key's failed sign-ins at or after since.
	Failures(ctx context.Context, key string, since time.Time) (int, error)
	// ClearFailures forgets key's failed sign-ins (after a success).
	ClearFailures(ctx context.Context, key string) error
}

// NewToken returns a random 256-bit token as URL-safe text: for sign-in
// cookies, links and codes.
func NewToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// TokenHash is what the journal keeps of a token: its SHA-256. Tokens are
// random and long, so a fast hash is enough (unlike passwords).
func TokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// SameHash compares two hashes in constant time.
func SameHash(a, b []byte) bool {
	return len(a) == len(b) && subtle.ConstantTimeCompare(a, b) == 1
}

// NewRecoveryCode returns a one-time recovery code: 160 random bits as 32
// letters and digits in groups of four, easy to copy onto paper.
func NewRecoveryCode() string {
	var b [20]byte
	_, _ = rand.Read(b[:])
	s := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
	var out strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			out.WriteByte('-')
		}
		out.WriteString(s[i:min(i+4, len(s))])
	}
	return out.String()
}

// NormalizeRecoveryCode is the form of a typed recovery code that is
// hashed: lower case, without spaces or dashes.
func NormalizeRecoveryCode(code string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(code) {
		if r != '-' && !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// RecoveryHash is TokenHash of the normalized recovery code.
func RecoveryHash(code string) []byte { return TokenHash(NormalizeRecoveryCode(code)) }

// Normalize brings an account to what the journal keeps: the name as
// NormalizeAccountName makes it, the time in UTC to the millisecond, and
// no recovery hash rather than an empty one. Journals call it on save.
func (a *Account) Normalize() {
	a.Name = NormalizeAccountName(a.Name)
	a.Zone = strings.TrimSpace(a.Zone)
	a.CreatedAt = norm(a.CreatedAt)
	if len(a.RecoveryHash) == 0 {
		a.RecoveryHash = nil
	}
}

// Validate checks the passkey's fields.
func (p *Passkey) Validate() error {
	switch {
	case len(p.ID) == 0:
		return Errorf(EINVALID, "a passkey needs its credential id")
	case len(p.ID) > 1023: // WebAuthn's limit
		return Errorf(EINVALID, "the passkey's credential id is %d bytes long, more than 1023", len(p.ID))
	case p.AccountID == "":
		return Errorf(EINVALID, "a passkey needs the account it signs in")
	case p.CreatedAt.IsZero():
		return Errorf(EINVALID, "a passkey needs the time it was added")
	}
	return nil
}

// Normalize brings a passkey to what the journal keeps: times in UTC to
// the millisecond, nil rather than empty Data.
func (p *Passkey) Normalize() {
	p.CreatedAt, p.LastUsedAt = norm(p.CreatedAt), norm(p.LastUsedAt)
	if len(p.Data) == 0 {
		p.Data = nil
	}
}

// Validate checks the sign-in's fields.
func (s *SignIn) Validate() error {
	switch {
	case s.ID == "":
		return Errorf(EINVALID, "a sign-in needs an id")
	case s.AccountID == "":
		return Errorf(EINVALID, "a sign-in needs the account it signs in")
	case len(s.TokenHash) == 0:
		return Errorf(EINVALID, "a sign-in needs the hash of its token")
	case s.CreatedAt.IsZero() || s.ExpiresAt.IsZero():
		return Errorf(EINVALID, "a sign-in needs the time it began and the time it ends")
	}
	return nil
}

// Normalize brings a sign-in to what the journal keeps: times in UTC to the
// millisecond, and a LastSeenAt of CreatedAt if it is zero.
func (s *SignIn) Normalize() {
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = norm(s.CreatedAt), norm(s.LastSeenAt), norm(s.ExpiresAt)
	if s.LastSeenAt.IsZero() {
		s.LastSeenAt = s.CreatedAt
	}
}

// Valid reports whether k is one of the kinds of ticket.
func (k TicketKind) Valid() bool {
	switch k {
	case TicketSignInLink, TicketPairing, TicketPasskey, TicketInvite:
		return true
	}
	return false
}

// Validate checks the ticket's fields.
func (t *Ticket) Validate() error {
	switch {
	case len(t.Hash) == 0:
		return Errorf(EINVALID, "a ticket needs the hash of its token")
	case !t.Kind.Valid():
		return Errorf(EINVALID, "%q is not a kind of ticket", t.Kind)
	case t.CreatedAt.IsZero() || t.ExpiresAt.IsZero():
		return Errorf(EINVALID, "a ticket needs the time it was made and the time it expires")
	}
	return nil
}

// Normalize brings a ticket to what the journal keeps: times in UTC to the
// millisecond, nil rather than empty Data.
func (t *Ticket) Normalize() {
	t.CreatedAt, t.ExpiresAt = norm(t.CreatedAt), norm(t.ExpiresAt)
	if len(t.Data) == 0 {
		t.Data = nil
	}
}
