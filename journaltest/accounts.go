package journaltest

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"backcare"
)

// The accounts part of the suite: accounts, passkeys, sign-ins, tickets and
// failed sign-ins.

// NewAccount returns a person's account with the name, made at Base.
func NewAccount(name string) *backcare.Account {
	return &backcare.Account{Name: name, Role: backcare.RolePerson, CreatedAt: Base}
}

// addAccount adds an account named name, failing the test if it cannot.
func addAccount(t *testing.T, j backcare.Journal, name string) *backcare.Account {
	t.Helper()
	a := NewAccount(name)
	if err := j.AddAccount(ctx, a); err != nil {
		t.Fatalf("AddAccount(%s): %v", name, err)
	}
	return a
}

// wantCode fails the test unless err has the code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := backcare.ErrorCode(err); got != code {
		t.Errorf("%s: code = %q (%v), want %q", what, got, err, code)
	}
}

func (s *suite) accountRoundTrip(t *testing.T) {
	j := s.open(t)
	in := &backcare.Account{Name: "  Maria.Lopez ", Role: backcare.RoleClinician,
		CreatedAt:    Base.Add(123456789 * time.Nanosecond).In(time.FixedZone("CET", 3600)),
		PasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", RecoveryHash: backcare.RecoveryHash("abcd-efgh")}
	if err := j.AddAccount(ctx, in); err != nil {
		t.Fatalf("AddAccount: %v", err)
	}
	if !backcare.ValidID(in.ID) {
		t.Errorf("ID = %q, want a new id filled in", in.ID)
	}
	if in.Name != "maria.lopez" {
		t.Errorf("Name after AddAccount = %q, want %q (normalized)", in.Name, "maria.lopez")
	}
	if want := Base.Add(123 * time.Millisecond); !in.CreatedAt.Equal(want) || in.CreatedAt.Location() != time.UTC {
		t.Errorf("CreatedAt after AddAccount = %v, want %v in UTC", in.CreatedAt, want)
	}
	bare := &backcare.Account{ID: "bare-1", Name: "bare", Role: backcare.RolePerson, CreatedAt: Base, RecoveryHash: []byte{}}
	if err := j.AddAccount(ctx, bare); err != nil {
		t.Fatalf("AddAccount(bare): %v", err)
	}
	if bare.ID != "bare-1" || bare.RecoveryHash != nil {
		t.Errorf("bare account after AddAccount: ID, RecoveryHash = %q, %v, want bare-1, nil", bare.ID, bare.RecoveryHash)
	}
	check := func(j backcare.Journal, when string) {
		for _, want := range []*backcare.Account{in, bare} {
			got, err := j.Account(ctx, want.ID)
			if err != nil {
				t.Fatalf("%s: Account(%s): %v", when, want.ID, err)
			}
			equal(t, when+": Account("+want.ID+")", got, want)
			for _, name := range []string{want.Name, strings.ToUpper(want.Name), " " + want.Name + "\t"} {
				got, err := j.AccountByName(ctx, name)
				if err != nil {
					t.Fatalf("%s: AccountByName(%q): %v", when, name, err)
				}
				equal(t, when+": AccountByName("+name+")", got, want)
			}
		}
	}
	check(j, "after AddAccount")
	if s.reopen != nil {
		check(s.reopen(t, j), "after reopening")
	}
}

func (s *suite) accountConflicts(t *testing.T) {
	j := s.open(t)
	maria := addAccount(t, j, "maria")
	tests := []struct {
		name    string
		account *backcare.Account
		code    string
		message string // part of the error's message, if not ""
	}{
		{"the same name", NewAccount("maria"), backcare.ECONFLICT, "the name maria is taken"},
		{"the same name in capitals", NewAccount("MARIA"), backcare.ECONFLICT, "the name maria is taken"},
		{"the local account's name", NewAccount("local"), backcare.ECONFLICT, "the name local is taken"},
		{"the same id", &backcare.Account{ID: maria.ID, Name: "other", Role: backcare.RolePerson, CreatedAt: Base}, backcare.ECONFLICT, ""},
		{"an empty name", NewAccount("  "), backcare.EINVALID, "the name is empty"},
		{"a space inside", NewAccount("maria lopez"), backcare.EINVALID, ""},
		{"a name too long", NewAccount(strings.Repeat("m", backcare.MaxAccountName+1)), backcare.EINVALID, ""},
		{"no role", &backcare.Account{Name: "nora", CreatedAt: Base}, backcare.EINVALID, ""},
		{"a role that is not one", &backcare.Account{Name: "nora", Role: "doctor", CreatedAt: Base}, backcare.EINVALID, ""},
		{"no time", &backcare.Account{Name: "nora", Role: backcare.RolePerson}, backcare.EINVALID, ""},
	}
	for _, tt := range tests {
		err := j.AddAccount(ctx, tt.account)
		wantCode(t, tt.name, err, tt.code)
		if msg := backcare.ErrorMessage(err); tt.message != "" && !strings.Contains(msg, tt.message) {
			t.Errorf("%s: message = %q, want it to say %q", tt.name, msg, tt.message)
		}
	}
	list, err := j.AccountList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := accountNames(list); !reflect.DeepEqual(got, []string{"local", "maria"}) {
		t.Errorf("AccountList after the refused additions = %v, want [local maria]", got)
	}
}

func accountNames(list []*backcare.Account) []string {
	out := []string{}
	for _, a := range list {
		out = append(out, a.Name)
	}
	return out
}

func (s *suite) accountList(t *testing.T) {
	j := s.open(t)
	list, err := j.AccountList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != backcare.LocalUser || list[0].Name != "local" || list[0].Role != backcare.RolePerson {
		t.Fatalf("AccountList of a new journal = %+v, want the local account alone", list)
	}
	if list[0].CreatedAt.IsZero() || list[0].PasswordHash != "" || list[0].RecoveryHash != nil {
		t.Errorf("the local account = %+v, want a time it was made and no password or recovery code", list[0])
	}
	for _, name := range []string{"zoe", "anna", "b.smith", "Anna2"} {
		addAccount(t, j, name)
	}
	list, err = j.AccountList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := accountNames(list), []string{"anna", "anna2", "b.smith", "local", "zoe"}; !reflect.DeepEqual(got, want) {
		t.Errorf("AccountList = %v, want %v (by name)", got, want)
	}
}

func (s *suite) accountsNotFound(t *testing.T) {
	j := s.open(t)
	maria := addAccount(t, j, "maria")
	bob := addAccount(t, j, "bob")
	key := &backcare.Passkey{ID: []byte("maria's key"), AccountID: maria.ID, CreatedAt: Base}
	if err := j.AddPasskey(ctx, key); err != nil {
		t.Fatal(err)
	}
	in := &backcare.SignIn{AccountID: maria.ID, TokenHash: backcare.TokenHash("t"), CreatedAt: Base, ExpiresAt: Base.Add(time.Hour)}
	if err := j.AddSignIn(ctx, in); err != nil {
		t.Fatal(err)
	}
	nobody := backcare.NewID()
	later := Base.Add(time.Minute)
	tests := []struct {
		name string
		err  func() error
	}{
		{"Account", func() error { _, err := j.Account(ctx, nobody); return err }},
		{"AccountByName", func() error { _, err := j.AccountByName(ctx, "nobody"); return err }},
		{"UpdateAccount", func() error {
			_, err := j.UpdateAccount(ctx, nobody, func(*backcare.Account) error { return nil })
			return err
		}},
		{"RemoveAccount", func() error { return j.RemoveAccount(ctx, nobody) }},
		{"AddPasskey for no account", func() error {
			return j.AddPasskey(ctx, &backcare.Passkey{ID: []byte("k2"), AccountID: nobody, CreatedAt: Base})
		}},
		{"Passkey", func() error { _, err := j.Passkey(ctx, []byte("no such key")); return err }},
		{"UpdatePasskey", func() error {
			return j.UpdatePasskey(ctx, &backcare.Passkey{ID: []byte("no such key"), AccountID: maria.ID, CreatedAt: Base})
		}},
		{"UpdatePasskey of another account", func() error {
			return j.UpdatePasskey(ctx, &backcare.Passkey{ID: key.ID, AccountID: bob.ID, CreatedAt: Base, LastUsedAt: later})
		}},
		{"RemovePasskey of another account", func() error { return j.RemovePasskey(ctx, bob.ID, key.ID) }},
		{"AddSignIn for no account", func() error {
			return j.AddSignIn(ctx, &backcare.SignIn{AccountID: nobody, TokenHash: backcare.TokenHash("u"), CreatedAt: Base, ExpiresAt: later})
		}},
		{"SignInByToken", func() error { _, _, err := j.SignInByToken(ctx, backcare.TokenHash("no such token")); return err }},
		{"TouchSignIn", func() error { return j.TouchSignIn(ctx, nobody, later) }},
		{"RemoveSignIn of another account", func() error { return j.RemoveSignIn(ctx, bob.ID, in.ID) }},
		{"AddTicket for no account", func() error {
			return j.AddTicket(ctx, &backcare.Ticket{Hash: backcare.TokenHash("v"), Kind: backcare.TicketPairing, AccountID: nobody, CreatedAt: Base, ExpiresAt: later})
		}},
		{"TakeTicket", func() error {
			_, err := j.TakeTicket(ctx, backcare.TicketSignInLink, backcare.TokenHash("no such ticket"), Base)
			return err
		}},
	}
	for _, tt := range tests {
		wantCode(t, tt.name, tt.err(), backcare.ENOTFOUND)
	}
	// Nothing refused changed what maria has.
	keys, err := j.Passkeys(ctx, maria.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "maria's Passkeys", keys, []*backcare.Passkey{key})
	got, acct, err := j.SignInByToken(ctx, in.TokenHash)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "maria's sign-in", got, in)
	equal(t, "maria's sign-in's account", acct, maria)
	if list, err := j.Passkeys(ctx, nobody); err != nil || list == nil || len(list) != 0 {
		t.Errorf("Passkeys(nobody) = %v, %v, want an empty list", list, err)
	}
	if list, err := j.SignIns(ctx, nobody); err != nil || list == nil || len(list) != 0 {
		t.Errorf("SignIns(nobody) = %v, %v, want an empty list", list, err)
	}
}

func (s *suite) updateAccount(t *testing.T) {
	j := s.open(t)
	maria := addAccount(t, j, "maria")
	addAccount(t, j, "bob")
	want := *maria
	want.Name, want.Role, want.PasswordHash, want.RecoveryHash = "maria.lopez", backcare.RoleAdmin, "$argon2id$new", backcare.RecoveryHash("code")
	got, err := j.UpdateAccount(ctx, maria.ID, func(a *backcare.Account) error {
		equal(t, "the account change is given", a, maria)
		a.Name, a.Role, a.PasswordHash, a.RecoveryHash = " Maria.Lopez", backcare.RoleAdmin, "$argon2id$new", backcare.RecoveryHash("code")
		return nil
	})
	if err != nil {
		t.Fatalf("UpdateAccount: %v", err)
	}
	equal(t, "UpdateAccount's result (normalized)", got, &want)
	saved, err := j.Account(ctx, maria.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Account after UpdateAccount", saved, &want)
	if _, err := j.AccountByName(ctx, "maria"); backcare.ErrorCode(err) != backcare.ENOTFOUND {
		t.Errorf("AccountByName(old name) = %v, want not found", err)
	}

	refuse := errors.New("the password is wrong")
	tests := []struct {
		name   string
		change func(*backcare.Account) error
		is     error  // the error it returns, if not nil
		code   string // or its code
	}{
		{"change refuses", func(a *backcare.Account) error { a.Role = backcare.RolePerson; return refuse }, refuse, ""},
		{"a name that is taken", func(a *backcare.Account) error { a.Name = "Bob"; return nil }, nil, backcare.ECONFLICT},
		{"a name that is not one", func(a *backcare.Account) error { a.Name = "-maria"; return nil }, nil, backcare.EINVALID},
		{"a role that is not one", func(a *backcare.Account) error { a.Role = "root"; return nil }, nil, backcare.EINVALID},
		{"a change of id", func(a *backcare.Account) error { a.ID = "other"; return nil }, nil, backcare.EINTERNAL},
	}
	for _, tt := range tests {
		_, err := j.UpdateAccount(ctx, maria.ID, tt.change)
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("%s: error = %v, want %v", tt.name, err, tt.is)
		}
		if tt.code != "" {
			wantCode(t, tt.name, err, tt.code)
		}
		saved, err := j.Account(ctx, maria.ID)
		if err != nil {
			t.Fatal(err)
		}
		equal(t, tt.name+": Account", saved, &want)
	}
	if _, err := j.UpdateAccount(ctx, maria.ID, func(a *backcare.Account) error { a.Name = "bob"; return nil }); !strings.Contains(backcare.ErrorMessage(err), "the name bob is taken") {
		t.Errorf("renaming to a taken name: message = %q, want it to say the name bob is taken", backcare.ErrorMessage(err))
	}
}

// accountRecords gives the account some of everything: journal records,
// settings, passkeys, sign-ins and tickets.
func accountRecords(t *testing.T, j backcare.Journal, a *backcare.Account) (*backcare.Passkey, *backcare.SignIn, *backcare.Ticket) {
	t.Helper()
	if _, err := j.Import(ctx, NewArchive(a.ID)); err != nil {
		t.Fatalf("Import(%s): %v", a.Name, err)
	}
	if err := j.SaveSession(ctx, NewSession(a.ID, Base.Add(100*time.Hour), 3, 2)); err != nil {
		t.Fatal(err)
	}
	key := &backcare.Passkey{ID: []byte("key of " + a.ID), AccountID: a.ID, Name: "Chrome, Linux", Data: []byte(`{"sign_count":1}`), CreatedAt: Base}
	if err := j.AddPasskey(ctx, key); err != nil {
		t.Fatal(err)
	}
	in := &backcare.SignIn{AccountID: a.ID, TokenHash: backcare.TokenHash("token of " + a.ID), CreatedAt: Base, ExpiresAt: Base.Add(30 * 24 * time.Hour)}
	if err := j.AddSignIn(ctx, in); err != nil {
		t.Fatal(err)
	}
	ticket := &backcare.Ticket{Hash: backcare.TokenHash("ticket of " + a.ID), Kind: backcare.TicketPairing, AccountID: a.ID, CreatedAt: Base, ExpiresAt: Base.Add(5 * time.Minute)}
	if err := j.AddTicket(ctx, ticket); err != nil {
		t.Fatal(err)
	}
	return key, in, ticket
}

func (s *suite) removeAccount(t *testing.T) {
	j := s.open(t)
	maria, bob := addAccount(t, j, "maria"), addAccount(t, j, "bob")
	key, in, ticket := accountRecords(t, j, maria)
	bobKey, bobIn, bobTicket := accountRecords(t, j, bob)
	if err := j.AddFailure(ctx, maria.ID, Base); err != nil {
		t.Fatal(err)
	}
	bobExport, err := j.Export(ctx, bob.ID)
	if err != nil {
		t.Fatal(err)
	}
	bobRev, err := j.Revision(ctx, bob.ID)
	if err != nil {
		t.Fatal(err)
	}
	// One of maria's sessions is read first, as a player saving progress
	// would, so that a journal that keeps it somewhere must forget it.
	if _, err := j.UpdateSession(ctx, maria.ID, "s05-"+maria.ID, func(x *backcare.Session) error { x.Note = "half-way"; return nil }); err != nil {
		t.Fatal(err)
	}

	if err := j.RemoveAccount(ctx, maria.ID); err != nil {
		t.Fatalf("RemoveAccount: %v", err)
	}
	gone := []struct {
		name string
		err  func() error
	}{
		{"Account", func() error { _, err := j.Account(ctx, maria.ID); return err }},
		{"AccountByName", func() error { _, err := j.AccountByName(ctx, "maria"); return err }},
		{"Session", func() error { _, err := j.Session(ctx, maria.ID, "s05-"+maria.ID); return err }},
		{"UpdateSession", func() error {
			_, err := j.UpdateSession(ctx, maria.ID, "s05-"+maria.ID, func(*backcare.Session) error { return nil })
			return err
		}},
		{"Passkey", func() error { _, err := j.Passkey(ctx, key.ID); return err }},
		{"SignInByToken", func() error { _, _, err := j.SignInByToken(ctx, in.TokenHash); return err }},
		{"TakeTicket", func() error { _, err := j.TakeTicket(ctx, ticket.Kind, ticket.Hash, Base); return err }},
		{"RemoveAccount again", func() error { return j.RemoveAccount(ctx, maria.ID) }},
	}
	for _, tt := range gone {
		wantCode(t, "after RemoveAccount: "+tt.name, tt.err(), backcare.ENOTFOUND)
	}
	a, err := j.Export(ctx, maria.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(a.Sessions) + len(a.PEGs) + len(a.Screenings) + len(a.PhaseChanges); n != 0 || a.Settings != nil {
		t.Errorf("after RemoveAccount maria's export holds %d records and settings %v, want none", n, a.Settings)
	}
	if n, err := j.Revision(ctx, maria.ID); err != nil || n != 0 {
		t.Errorf("maria's Revision after RemoveAccount = %d, %v, want 0", n, err)
	}
	if list, err := j.Passkeys(ctx, maria.ID); err != nil || len(list) != 0 {
		t.Errorf("maria's Passkeys after RemoveAccount = %v, %v, want none", list, err)
	}
	if list, err := j.SignIns(ctx, maria.ID); err != nil || len(list) != 0 {
		t.Errorf("maria's SignIns after RemoveAccount = %v, %v, want none", list, err)
	}

	// Nothing of bob's went.
	if _, err := j.Account(ctx, bob.ID); err != nil {
		t.Errorf("bob's Account after maria's removal: %v", err)
	}
	got, err := j.Export(ctx, bob.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "bob's Export after maria's removal", got, bobExport)
	if n, err := j.Revision(ctx, bob.ID); err != nil || n != bobRev {
		t.Errorf("bob's Revision after maria's removal = %d, %v, want %d", n, err, bobRev)
	}
	if k, err := j.Passkey(ctx, bobKey.ID); err != nil {
		t.Errorf("bob's Passkey after maria's removal: %v", err)
	} else {
		equal(t, "bob's Passkey", k, bobKey)
	}
	if x, a, err := j.SignInByToken(ctx, bobIn.TokenHash); err != nil {
		t.Errorf("bob's sign-in after maria's removal: %v", err)
	} else {
		equal(t, "bob's sign-in", x, bobIn)
		equal(t, "bob's sign-in's account", a, bob)
	}
	if x, err := j.TakeTicket(ctx, bobTicket.Kind, bobTicket.Hash, Base); err != nil {
		t.Errorf("bob's ticket after maria's removal: %v", err)
	} else {
		equal(t, "bob's ticket", x, bobTicket)
	}
	// A new account of the same name starts empty.
	again := addAccount(t, j, "maria")
	if again.ID == maria.ID {
		t.Errorf("the new maria has the old one's id %s", again.ID)
	}
}

func (s *suite) passkeys(t *testing.T) {
	j := s.open(t)
	maria, bob := addAccount(t, j, "maria"), addAccount(t, j, "bob")
	second := &backcare.Passkey{ID: []byte{0, 1, 2, 0xff}, AccountID: maria.ID, Name: "iPhone", Data: []byte("b"), CreatedAt: Base.Add(time.Hour)}
	first := &backcare.Passkey{ID: []byte{9, 9}, AccountID: maria.ID, Name: "Chrome, Linux", Data: []byte("a"),
		CreatedAt: Base.Add(1500 * time.Microsecond), LastUsedAt: Base.Add(2 * time.Hour)}
	theirs := &backcare.Passkey{ID: []byte{7}, AccountID: bob.ID, CreatedAt: Base, Data: []byte{}}
	for _, p := range []*backcare.Passkey{second, first, theirs} {
		if err := j.AddPasskey(ctx, p); err != nil {
			t.Fatalf("AddPasskey(%s): %v", p.Name, err)
		}
	}
	if !first.CreatedAt.Equal(Base.Add(time.Millisecond)) || theirs.Data != nil {
		t.Errorf("after AddPasskey: CreatedAt = %v, Data = %v, want %v and nil (normalized)", first.CreatedAt, theirs.Data, Base.Add(time.Millisecond))
	}
	got, err := j.Passkey(ctx, []byte{7})
	if err != nil {
		t.Fatalf("Passkey(bob's): %v", err)
	}
	equal(t, "Passkey(bob's credential id)", got, theirs)
	list, err := j.Passkeys(ctx, maria.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "maria's Passkeys (oldest first)", list, []*backcare.Passkey{first, second})

	tests := []struct {
		name string
		key  *backcare.Passkey
		code string
	}{
		{"a credential id of the same account", &backcare.Passkey{ID: first.ID, AccountID: maria.ID, CreatedAt: Base}, backcare.ECONFLICT},
		{"a credential id of another account", &backcare.Passkey{ID: first.ID, AccountID: bob.ID, CreatedAt: Base}, backcare.ECONFLICT},
		{"no credential id", &backcare.Passkey{AccountID: bob.ID, CreatedAt: Base}, backcare.EINVALID},
		{"no account", &backcare.Passkey{ID: []byte{1}, CreatedAt: Base}, backcare.EINVALID},
		{"no time", &backcare.Passkey{ID: []byte{1}, AccountID: bob.ID}, backcare.EINVALID},
	}
	for _, tt := range tests {
		wantCode(t, "AddPasskey with "+tt.name, j.AddPasskey(ctx, tt.key), tt.code)
	}

	// A sign-in updates the sign count and the time of last use, nothing
	// else.
	used := *second
	used.Data, used.LastUsedAt, used.Name = []byte("count 2"), Base.Add(3*time.Hour), "renamed"
	if err := j.UpdatePasskey(ctx, &used); err != nil {
		t.Fatalf("UpdatePasskey: %v", err)
	}
	want := *second
	want.Data, want.LastUsedAt = used.Data, used.LastUsedAt
	got, err = j.Passkey(ctx, second.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Passkey after UpdatePasskey", got, &want)

	if err := j.RemovePasskey(ctx, maria.ID, first.ID); err != nil {
		t.Fatalf("RemovePasskey: %v", err)
	}
	list, err = j.Passkeys(ctx, maria.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "maria's Passkeys after RemovePasskey", list, []*backcare.Passkey{&want})
	wantCode(t, "RemovePasskey again", j.RemovePasskey(ctx, maria.ID, first.ID), backcare.ENOTFOUND)
}

func (s *suite) signIns(t *testing.T) {
	j := s.open(t)
	maria, bob := addAccount(t, j, "maria"), addAccount(t, j, "bob")
	newSignIn := func(a *backcare.Account, token string, at time.Time) *backcare.SignIn {
		return &backcare.SignIn{AccountID: a.ID, TokenHash: backcare.TokenHash(token), CreatedAt: at,
			ExpiresAt: at.Add(30 * 24 * time.Hour), Device: "Firefox, Android", Address: "192.0.2.7"}
	}
	phone := newSignIn(maria, "phone", Base.Add(2*time.Hour))
	laptop := newSignIn(maria, "laptop", Base.Add(1234567*time.Microsecond))
	laptop.LastSeenAt = Base.Add(90 * time.Minute)
	tablet := newSignIn(maria, "tablet", Base.Add(3*time.Hour))
	theirs := newSignIn(bob, "bob's", Base)
	for _, x := range []*backcare.SignIn{phone, laptop, tablet, theirs} {
		if err := j.AddSignIn(ctx, x); err != nil {
			t.Fatalf("AddSignIn: %v", err)
		}
		if !backcare.ValidID(x.ID) {
			t.Errorf("sign-in ID = %q, want a new id filled in", x.ID)
		}
	}
	if want := Base.Add(1234 * time.Millisecond); !laptop.CreatedAt.Equal(want) {
		t.Errorf("CreatedAt after AddSignIn = %v, want %v", laptop.CreatedAt, want)
	}
	if !phone.LastSeenAt.Equal(phone.CreatedAt) {
		t.Errorf("LastSeenAt left empty = %v after AddSignIn, want CreatedAt %v", phone.LastSeenAt, phone.CreatedAt)
	}
	got, acct, err := j.SignInByToken(ctx, backcare.TokenHash("laptop"))
	if err != nil {
		t.Fatalf("SignInByToken: %v", err)
	}
	equal(t, "SignInByToken", got, laptop)
	equal(t, "SignInByToken's account", acct, maria)
	list, err := j.SignIns(ctx, maria.ID)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "maria's SignIns (newest first)", list, []*backcare.SignIn{tablet, phone, laptop})

	clash := newSignIn(bob, "phone", Base)
	wantCode(t, "AddSignIn with a token in use", j.AddSignIn(ctx, clash), backcare.ECONFLICT)
	same := newSignIn(bob, "another", Base)
	same.ID = phone.ID
	wantCode(t, "AddSignIn with an id in use", j.AddSignIn(ctx, same), backcare.ECONFLICT)
	wantCode(t, "AddSignIn without a token", j.AddSignIn(ctx, &backcare.SignIn{AccountID: bob.ID, CreatedAt: Base, ExpiresAt: Base.Add(time.Hour)}), backcare.EINVALID)
	wantCode(t, "AddSignIn without an end", j.AddSignIn(ctx, &backcare.SignIn{AccountID: bob.ID, TokenHash: []byte{1}, CreatedAt: Base}), backcare.EINVALID)

	seen := Base.Add(5*time.Hour + 999*time.Microsecond)
	if err := j.TouchSignIn(ctx, laptop.ID, seen); err != nil {
		t.Fatalf("TouchSignIn: %v", err)
	}
	got, _, err = j.SignInByToken(ctx, laptop.TokenHash)
	if err != nil {
		t.Fatal(err)
	}
	if want := Base.Add(5 * time.Hour); !got.LastSeenAt.Equal(want) || got.LastSeenAt.Location() != time.UTC {
		t.Errorf("LastSeenAt after TouchSignIn = %v, want %v in UTC", got.LastSeenAt, want)
	}

	if err := j.RemoveSignIn(ctx, maria.ID, phone.ID); err != nil {
		t.Fatalf("RemoveSignIn: %v", err)
	}
	wantCode(t, "SignInByToken after RemoveSignIn", func() error { _, _, err := j.SignInByToken(ctx, phone.TokenHash); return err }(), backcare.ENOTFOUND)
	wantCode(t, "RemoveSignIn again", j.RemoveSignIn(ctx, maria.ID, phone.ID), backcare.ENOTFOUND)

	// Sign out everywhere else, then everywhere.
	for _, token := range []string{"one", "two"} {
		if err := j.AddSignIn(ctx, newSignIn(maria, token, Base.Add(4*time.Hour))); err != nil {
			t.Fatal(err)
		}
	}
	n, err := j.RemoveSignIns(ctx, maria.ID, tablet.ID)
	if err != nil {
		t.Fatalf("RemoveSignIns: %v", err)
	}
	if n != 3 {
		t.Errorf("RemoveSignIns(maria, except the tablet) = %d, want 3", n)
	}
	list, err = j.SignIns(ctx, maria.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != tablet.ID {
		t.Errorf("maria's SignIns after RemoveSignIns = %v, want the tablet's alone", list)
	}
	if n, err = j.RemoveSignIns(ctx, maria.ID, ""); err != nil || n != 1 {
		t.Errorf("RemoveSignIns(maria, none) = %d, %v, want 1", n, err)
	}
	if x, _, err := j.SignInByToken(ctx, theirs.TokenHash); err != nil {
		t.Errorf("bob's sign-in after maria signed out everywhere: %v", err)
	} else {
		equal(t, "bob's sign-in", x, theirs)
	}

	// A new sign-in drops those whose absolute end has passed.
	late := newSignIn(maria, "late", theirs.ExpiresAt)
	if err := j.AddSignIn(ctx, late); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "an expired sign-in after a later AddSignIn", func() error { _, _, err := j.SignInByToken(ctx, theirs.TokenHash); return err }(), backcare.ENOTFOUND)
}

func (s *suite) tickets(t *testing.T) {
	j := s.open(t)
	maria := addAccount(t, j, "maria")
	link := &backcare.Ticket{Hash: backcare.TokenHash("link"), Kind: backcare.TicketSignInLink, AccountID: backcare.LocalUser,
		CreatedAt: Base.Add(1500 * time.Microsecond), ExpiresAt: Base.Add(10 * time.Minute)}
	challenge := &backcare.Ticket{Hash: backcare.TokenHash("challenge"), Kind: backcare.TicketPasskey,
		Data: []byte(`{"challenge":"abc"}`), CreatedAt: Base, ExpiresAt: Base.Add(5 * time.Minute)}
	pairing := &backcare.Ticket{Hash: backcare.TokenHash("pairing"), Kind: backcare.TicketPairing, AccountID: maria.ID,
		Data: []byte{}, CreatedAt: Base, ExpiresAt: Base.Add(2 * time.Minute)}
	for _, x := range []*backcare.Ticket{link, challenge, pairing} {
		if err := j.AddTicket(ctx, x); err != nil {
			t.Fatalf("AddTicket(%s): %v", x.Kind, err)
		}
	}
	if !link.CreatedAt.Equal(Base.Add(time.Millisecond)) || pairing.Data != nil {
		t.Errorf("after AddTicket: CreatedAt = %v, Data = %v, want %v and nil (normalized)", link.CreatedAt, pairing.Data, Base.Add(time.Millisecond))
	}
	wantCode(t, "AddTicket with a hash in use", j.AddTicket(ctx, &backcare.Ticket{Hash: link.Hash, Kind: backcare.TicketPairing, CreatedAt: Base, ExpiresAt: Base.Add(time.Minute)}), backcare.ECONFLICT)
	wantCode(t, "AddTicket of no kind", j.AddTicket(ctx, &backcare.Ticket{Hash: []byte{1}, Kind: "cookie", CreatedAt: Base, ExpiresAt: Base.Add(time.Minute)}), backcare.EINVALID)
	wantCode(t, "AddTicket without an end", j.AddTicket(ctx, &backcare.Ticket{Hash: []byte{1}, Kind: backcare.TicketPairing, CreatedAt: Base}), backcare.EINVALID)

	take := func(kind backcare.TicketKind, hash []byte, now time.Time) (*backcare.Ticket, error) {
		return j.TakeTicket(ctx, kind, hash, now)
	}
	// Another kind's token does not take it.
	_, err := take(backcare.TicketPairing, link.Hash, Base)
	wantCode(t, "TakeTicket of the wrong kind", err, backcare.ENOTFOUND)
	for _, want := range []*backcare.Ticket{link, challenge} {
		got, err := take(want.Kind, want.Hash, Base.Add(time.Minute))
		if err != nil {
			t.Fatalf("TakeTicket(%s): %v", want.Kind, err)
		}
		equal(t, "TakeTicket("+string(want.Kind)+")", got, want)
		_, err = take(want.Kind, want.Hash, Base.Add(time.Minute))
		wantCode(t, "TakeTicket("+string(want.Kind)+") again", err, backcare.ENOTFOUND)
	}
	// Expired at its ExpiresAt; taking it then removes it, so that it is
	// gone even to a clock that runs late.
	_, err = take(pairing.Kind, pairing.Hash, pairing.ExpiresAt)
	wantCode(t, "TakeTicket when it expires", err, backcare.ENOTFOUND)
	_, err = take(pairing.Kind, pairing.Hash, Base)
	wantCode(t, "TakeTicket after an expired take", err, backcare.ENOTFOUND)

	// A new ticket drops those that have expired.
	old := &backcare.Ticket{Hash: backcare.TokenHash("old"), Kind: backcare.TicketPairing, CreatedAt: Base, ExpiresAt: Base.Add(time.Minute)}
	young := &backcare.Ticket{Hash: backcare.TokenHash("young"), Kind: backcare.TicketPairing, CreatedAt: Base.Add(time.Minute), ExpiresAt: Base.Add(2 * time.Minute)}
	for _, x := range []*backcare.Ticket{old, young} {
		if err := j.AddTicket(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	_, err = take(old.Kind, old.Hash, Base)
	wantCode(t, "TakeTicket of one that expired before a later AddTicket", err, backcare.ENOTFOUND)
	if _, err := take(young.Kind, young.Hash, Base.Add(time.Minute)); err != nil {
		t.Errorf("TakeTicket of the later one: %v", err)
	}
}

// ticketsConcurrent has two takers race for each of many tickets: exactly
// one gets it.
func (s *suite) ticketsConcurrent(t *testing.T) {
	j := s.open(t)
	const tickets, takers = 20, 2
	for i := range tickets {
		x := &backcare.Ticket{Hash: backcare.TokenHash(fmt.Sprint(i)), Kind: backcare.TicketPairing, AccountID: backcare.LocalUser,
			CreatedAt: Base, ExpiresAt: Base.Add(time.Minute)}
		if err := j.AddTicket(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	for i := range tickets {
		var (
			wg          sync.WaitGroup
			mu          sync.Mutex
			won, missed int
		)
		start := make(chan struct{})
		for range takers {
			wg.Go(func() {
				<-start
				_, err := j.TakeTicket(ctx, backcare.TicketPairing, backcare.TokenHash(fmt.Sprint(i)), Base)
				mu.Lock()
				defer mu.Unlock()
				switch backcare.ErrorCode(err) {
				case "":
					won++
				case backcare.ENOTFOUND:
					missed++
				default:
					t.Errorf("ticket %d: TakeTicket: %v", i, err)
				}
			})
		}
		close(start)
		wg.Wait()
		if won != 1 || missed != takers-1 {
			t.Errorf("ticket %d: %d takers got it and %d did not, want 1 and %d", i, won, missed, takers-1)
		}
	}
}

func (s *suite) failures(t *testing.T) {
	j := s.open(t)
	for _, m := range []int{0, 5, 10, 15} {
		if err := j.AddFailure(ctx, "maria", Base.Add(time.Duration(m)*time.Minute)); err != nil {
			t.Fatalf("AddFailure: %v", err)
		}
	}
	if err := j.AddFailure(ctx, "192.0.2.7", Base.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "AddFailure without a key", j.AddFailure(ctx, "", Base), backcare.EINVALID)
	count := func(key string, since time.Time) int {
		t.Helper()
		n, err := j.Failures(ctx, key, since)
		if err != nil {
			t.Fatalf("Failures(%s): %v", key, err)
		}
		return n
	}
	tests := []struct {
		name  string
		key   string
		since time.Time
		want  int
	}{
		{"all", "maria", time.Time{}, 4},
		{"since is inclusive", "maria", Base.Add(5 * time.Minute), 3},
		{"the last minute", "maria", Base.Add(14 * time.Minute), 1},
		{"after the last", "maria", Base.Add(16 * time.Minute), 0},
		{"an address", "192.0.2.7", time.Time{}, 1},
		{"a key with none", "bob", time.Time{}, 0},
	}
	for _, tt := range tests {
		if got := count(tt.key, tt.since); got != tt.want {
			t.Errorf("%s: Failures(%s, %v) = %d, want %d", tt.name, tt.key, tt.since, got, tt.want)
		}
	}
	if err := j.ClearFailures(ctx, "maria"); err != nil {
		t.Fatalf("ClearFailures: %v", err)
	}
	if got := count("maria", time.Time{}); got != 0 {
		t.Errorf("Failures after ClearFailures = %d, want 0", got)
	}
	if got := count("192.0.2.7", time.Time{}); got != 1 {
		t.Errorf("the address's Failures after maria's were cleared = %d, want 1", got)
	}
	// A day later, the old failures are dropped.
	if err := j.AddFailure(ctx, "maria", Base.Add(24*time.Hour+2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if got := count("192.0.2.7", time.Time{}); got != 0 {
		t.Errorf("a failure older than a day = %d after a later AddFailure, want it dropped", got)
	}
	if got := count("maria", time.Time{}); got != 1 {
		t.Errorf("Failures after a failure a day later = %d, want 1", got)
	}
}

// accountsRevision checks that nothing of the accounts part moves a
// user's Revision, which counts changes to their journal records only.
func (s *suite) accountsRevision(t *testing.T) {
	j := s.open(t)
	maria := addAccount(t, j, "maria")
	if err := j.SaveSession(ctx, NewSession(maria.ID, Base, 3, 2)); err != nil {
		t.Fatal(err)
	}
	key := &backcare.Passkey{ID: []byte("k"), AccountID: maria.ID, CreatedAt: Base}
	in := &backcare.SignIn{AccountID: maria.ID, TokenHash: backcare.TokenHash("t"), CreatedAt: Base, ExpiresAt: Base.Add(time.Hour)}
	ticket := &backcare.Ticket{Hash: backcare.TokenHash("x"), Kind: backcare.TicketPairing, AccountID: maria.ID, CreatedAt: Base, ExpiresAt: Base.Add(time.Hour)}
	writes := []struct {
		name  string
		write func() error
	}{
		{"AddAccount", func() error { return j.AddAccount(ctx, NewAccount("bob")) }},
		{"UpdateAccount", func() error {
			_, err := j.UpdateAccount(ctx, maria.ID, func(a *backcare.Account) error { a.PasswordHash = "$argon2id$x"; return nil })
			return err
		}},
		{"AddPasskey", func() error { return j.AddPasskey(ctx, key) }},
		{"UpdatePasskey", func() error { key.LastUsedAt = Base.Add(time.Minute); return j.UpdatePasskey(ctx, key) }},
		{"RemovePasskey", func() error { return j.RemovePasskey(ctx, maria.ID, key.ID) }},
		{"AddSignIn", func() error { return j.AddSignIn(ctx, in) }},
		{"TouchSignIn", func() error { return j.TouchSignIn(ctx, in.ID, Base.Add(time.Minute)) }},
		{"RemoveSignIn", func() error { return j.RemoveSignIn(ctx, maria.ID, in.ID) }},
		{"RemoveSignIns", func() error { _, err := j.RemoveSignIns(ctx, maria.ID, ""); return err }},
		{"AddTicket", func() error { return j.AddTicket(ctx, ticket) }},
		{"TakeTicket", func() error { _, err := j.TakeTicket(ctx, ticket.Kind, ticket.Hash, Base); return err }},
		{"AddFailure", func() error { return j.AddFailure(ctx, maria.ID, Base) }},
		{"ClearFailures", func() error { return j.ClearFailures(ctx, maria.ID) }},
	}
	for _, w := range writes {
		before, err := j.Revision(ctx, maria.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.write(); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		if after, err := j.Revision(ctx, maria.ID); err != nil || after != before {
			t.Errorf("after %s: Revision = %d, %v, want %d unchanged", w.name, after, err, before)
		}
	}
}
