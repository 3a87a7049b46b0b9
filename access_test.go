package backcare

import (
	"bytes"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestValidateAccountName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // part of the message; "" for valid
	}{
		{"a plain name", "maria", ""},
		{"with a dot", "maria.lopez", ""},
		{"an email address", "maria_lopez-2@example.org", ""},
		{"digits first", "2maria", ""},
		{"letters beyond ASCII", "zoë", ""},
		{"not Latin", "мария", ""},
		{"one letter", "m", ""},
		{"the longest", strings.Repeat("m", MaxAccountName), ""},
		{"empty", "", "the name is empty"},
		{"too long", strings.Repeat("m", MaxAccountName+1), "65 characters long, more than 64"},
		{"too long in runes, not bytes", strings.Repeat("ë", MaxAccountName), ""},
		{"a space inside", "maria lopez", `can't contain spaces`},
		{"a space around", " maria", `can't contain spaces`},
		{"starting with a dot", ".maria", `must start with a letter or a digit`},
		{"starting with a dash", "-maria", `must start with a letter or a digit`},
		{"starting with @", "@maria", `must start with a letter or a digit`},
		{"a slash", "maria/lopez", `can't contain '/'`},
		{"a quote", `maria"`, `can't contain '"'`},
		{"a control character", "maria\x00", `can't contain '\x00'`},
		{"an emoji", "maria🙂", `can't contain '🙂'`},
		{"not text", "mari\xffa", "characters that are not text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateAccountName(tt.in)
			if tt.want == "" {
				if err != nil {
					t.Errorf("ValidateAccountName(%q) = %v, want nil", tt.in, err)
				}
				return
			}
			if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), tt.want) {
				t.Errorf("ValidateAccountName(%q) = %v, want invalid with %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestNormalizeAccountName(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"as written", "maria", "maria"},
		{"capitals", "Maria.Lopez", "maria.lopez"},
		{"spaces around", " \tmaria \n", "maria"},
		{"letters beyond ASCII", "ZOË", "zoë"},
		{"a space inside stays", "Maria Lopez", "maria lopez"},
		{"empty", "  ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeAccountName(tt.in); got != tt.want {
				t.Errorf("NormalizeAccountName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRoleValid(t *testing.T) {
	tests := []struct {
		role Role
		want bool
	}{
		{RolePerson, true},
		{RoleClinician, true},
		{RoleAdmin, true},
		{"", false},
		{"Person", false},
		{"root", false},
	}
	for _, tt := range tests {
		if got := tt.role.Valid(); got != tt.want {
			t.Errorf("Role(%q).Valid() = %v, want %v", tt.role, got, tt.want)
		}
	}
}

func TestTicketKindValid(t *testing.T) {
	tests := []struct {
		kind TicketKind
		want bool
	}{
		{TicketSignInLink, true},
		{TicketPairing, true},
		{TicketPasskey, true},
		{"", false},
		{"cookie", false},
	}
	for _, tt := range tests {
		if got := tt.kind.Valid(); got != tt.want {
			t.Errorf("TicketKind(%q).Valid() = %v, want %v", tt.kind, got, tt.want)
		}
	}
}

var recoveryCode = regexp.MustCompile(`^[a-z2-7]{4}(-[a-z2-7]{4}){7}$`)

func TestRecoveryCode(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		code := NewRecoveryCode()
		if !recoveryCode.MatchString(code) {
			t.Fatalf("NewRecoveryCode() = %q, want 8 groups of 4 letters and digits", code)
		}
		if seen[code] {
			t.Fatalf("NewRecoveryCode() gave %q twice", code)
		}
		seen[code] = true
		// However it is typed back, it hashes alike.
		typed := []string{
			code,
			strings.ToUpper(code),
			strings.ReplaceAll(code, "-", " "),
			strings.ReplaceAll(code, "-", ""),
			"  " + strings.ReplaceAll(code, "-", " - ") + "\n",
		}
		for _, s := range typed {
			if got, want := NormalizeRecoveryCode(s), strings.ReplaceAll(code, "-", ""); got != want {
				t.Fatalf("NormalizeRecoveryCode(%q) = %q, want %q", s, got, want)
			}
			if !SameHash(RecoveryHash(s), RecoveryHash(code)) {
				t.Fatalf("RecoveryHash(%q) differs from RecoveryHash(%q)", s, code)
			}
		}
		if other := NewRecoveryCode(); SameHash(RecoveryHash(other), RecoveryHash(code)) {
			t.Fatalf("RecoveryHash(%q) matches RecoveryHash(%q)", other, code)
		}
	}
}

func TestNewToken(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		tok := NewToken()
		b, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil {
			t.Fatalf("NewToken() = %q, not URL-safe base64: %v", tok, err)
		}
		if len(b) != 32 || len(tok) != 43 {
			t.Fatalf("NewToken() = %q: %d bytes in %d characters, want 32 in 43", tok, len(b), len(tok))
		}
		if seen[tok] {
			t.Fatalf("NewToken() gave %q twice", tok)
		}
		seen[tok] = true
	}
}

func TestTokenHash(t *testing.T) {
	a, b := NewToken(), NewToken()
	tests := []struct {
		name string
		x, y []byte
		want bool
	}{
		{"the same token", TokenHash(a), TokenHash(a), true},
		{"two tokens", TokenHash(a), TokenHash(b), false},
		{"a hash and its prefix", TokenHash(a), TokenHash(a)[:16], false},
		{"nothing and nothing", nil, []byte{}, true},
	}
	for _, tt := range tests {
		if got := SameHash(tt.x, tt.y); got != tt.want {
			t.Errorf("%s: SameHash = %v, want %v", tt.name, got, tt.want)
		}
	}
	if n := len(TokenHash(a)); n != 32 {
		t.Errorf("len(TokenHash) = %d, want 32 (SHA-256)", n)
	}
	if bytes.Contains(TokenHash(a), []byte(a)) {
		t.Errorf("TokenHash holds the token")
	}
}

func TestAccountsValidate(t *testing.T) {
	at := time.Date(2026, 3, 2, 18, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		err  error
		want string // part of the message; "" for valid
	}{
		{"account", (&Account{ID: "a1", Name: "maria", Role: RolePerson, CreatedAt: at}).Validate(), ""},
		{"account without id", (&Account{Name: "maria", Role: RolePerson, CreatedAt: at}).Validate(), "needs an id"},
		{"account with a bad name", (&Account{ID: "a1", Name: "ma ria", Role: RolePerson, CreatedAt: at}).Validate(), "can't contain"},
		{"account with a bad role", (&Account{ID: "a1", Name: "maria", Role: "boss", CreatedAt: at}).Validate(), `"boss" is not a role`},
		{"account without a time", (&Account{ID: "a1", Name: "maria", Role: RolePerson}).Validate(), "the time it was made"},
		{"passkey", (&Passkey{ID: []byte{1}, AccountID: "a1", CreatedAt: at}).Validate(), ""},
		{"passkey without id", (&Passkey{AccountID: "a1", CreatedAt: at}).Validate(), "credential id"},
		{"passkey with a long id", (&Passkey{ID: make([]byte, 1024), AccountID: "a1", CreatedAt: at}).Validate(), "more than 1023"},
		{"passkey without account", (&Passkey{ID: []byte{1}, CreatedAt: at}).Validate(), "the account"},
		{"passkey without a time", (&Passkey{ID: []byte{1}, AccountID: "a1"}).Validate(), "the time"},
		{"sign-in", (&SignIn{ID: "s1", AccountID: "a1", TokenHash: []byte{1}, CreatedAt: at, ExpiresAt: at}).Validate(), ""},
		{"sign-in without id", (&SignIn{AccountID: "a1", TokenHash: []byte{1}, CreatedAt: at, ExpiresAt: at}).Validate(), "needs an id"},
		{"sign-in without account", (&SignIn{ID: "s1", TokenHash: []byte{1}, CreatedAt: at, ExpiresAt: at}).Validate(), "the account"},
		{"sign-in without token", (&SignIn{ID: "s1", AccountID: "a1", CreatedAt: at, ExpiresAt: at}).Validate(), "hash of its token"},
		{"sign-in without an end", (&SignIn{ID: "s1", AccountID: "a1", TokenHash: []byte{1}, CreatedAt: at}).Validate(), "the time it ends"},
		{"ticket", (&Ticket{Hash: []byte{1}, Kind: TicketPairing, CreatedAt: at, ExpiresAt: at}).Validate(), ""},
		{"ticket without hash", (&Ticket{Kind: TicketPairing, CreatedAt: at, ExpiresAt: at}).Validate(), "hash of its token"},
		{"ticket of no kind", (&Ticket{Hash: []byte{1}, Kind: "x", CreatedAt: at, ExpiresAt: at}).Validate(), `"x" is not a kind`},
		{"ticket without an end", (&Ticket{Hash: []byte{1}, Kind: TicketPasskey, CreatedAt: at}).Validate(), "the time it expires"},
	}
	for _, tt := range tests {
		if tt.want == "" {
			if tt.err != nil {
				t.Errorf("%s: Validate = %v, want nil", tt.name, tt.err)
			}
			continue
		}
		if ErrorCode(tt.err) != EINVALID || !strings.Contains(ErrorMessage(tt.err), tt.want) {
			t.Errorf("%s: Validate = %v, want invalid with %q", tt.name, tt.err, tt.want)
		}
	}
}

func TestAccountsNormalize(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	at := time.Date(2026, 3, 2, 19, 30, 0, 1999999, cet)
	want := time.Date(2026, 3, 2, 18, 30, 0, 1000000, time.UTC)
	a := &Account{Name: " Maria ", CreatedAt: at, RecoveryHash: []byte{}}
	a.Normalize()
	if a.Name != "maria" || a.CreatedAt != want || a.RecoveryHash != nil {
		t.Errorf("Account.Normalize: Name, CreatedAt, RecoveryHash = %q, %v, %v, want maria, %v, nil", a.Name, a.CreatedAt, a.RecoveryHash, want)
	}
	p := &Passkey{CreatedAt: at, Data: []byte{}}
	p.Normalize()
	if p.CreatedAt != want || !p.LastUsedAt.IsZero() || p.Data != nil {
		t.Errorf("Passkey.Normalize: CreatedAt, LastUsedAt, Data = %v, %v, %v, want %v, zero, nil", p.CreatedAt, p.LastUsedAt, p.Data, want)
	}
	s := &SignIn{CreatedAt: at, ExpiresAt: at.Add(time.Hour)}
	s.Normalize()
	if s.CreatedAt != want || s.LastSeenAt != want || s.ExpiresAt != want.Add(time.Hour) {
		t.Errorf("SignIn.Normalize: CreatedAt, LastSeenAt, ExpiresAt = %v, %v, %v, want %v, the same, an hour later", s.CreatedAt, s.LastSeenAt, s.ExpiresAt, want)
	}
	k := &Ticket{CreatedAt: at, ExpiresAt: at, Data: []byte{}}
	k.Normalize()
	if k.CreatedAt != want || k.ExpiresAt != want || k.Data != nil {
		t.Errorf("Ticket.Normalize: CreatedAt, ExpiresAt, Data = %v, %v, %v, want %v twice and nil", k.CreatedAt, k.ExpiresAt, k.Data, want)
	}
}
