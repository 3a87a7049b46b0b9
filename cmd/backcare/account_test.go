package main

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"backcare"
)

// recoveryRE finds a printed recovery code.
var recoveryRE = regexp.MustCompile(`(?m)^    ([a-z2-7]{4}(?:-[a-z2-7]{4}){7})$`)

// openJournal opens the person's journal beside the commands, as serve's
// end-to-end test does, and closes it when the test ends.
func (p *person) openJournal() backcare.Journal {
	p.t.Helper()
	a := &app{ctx: context.Background(), getenv: func(k string) string { return p.env[k] }, database: p.env["BACKCARE_DATABASE"]}
	j, err := a.journal()
	if err != nil {
		p.t.Fatal(err)
	}
	p.t.Cleanup(func() { _ = j.Close() })
	return j
}

func TestAccountRoundTrip(t *testing.T) {
	p := newPerson(t)
	ctx := context.Background()

	r := p.run("", "account", "add", "Maria")
	if r.code != 0 {
		t.Fatalf("add: exit code %d: %s", r.code, r.stderr)
	}
	m := recoveryRE.FindStringSubmatch(r.stdout)
	if m == nil || !strings.Contains(r.stdout, `"Use your recovery code"`) || !strings.Contains(r.stdout, "Added maria (person)") {
		t.Fatalf("add printed no recovery code, or not how to use it:\n%s", r.stdout)
	}
	first := m[1]

	j := p.openJournal()
	maria, err := j.AccountByName(ctx, "maria")
	if err != nil {
		t.Fatal(err)
	}
	if maria.Role != backcare.RolePerson || !backcare.SameHash(maria.RecoveryHash, backcare.RecoveryHash(first)) || maria.PasswordHash != "" {
		t.Errorf("maria = %+v; want a person whose recovery hash is the printed code's", maria)
	}

	r = p.run("", "account", "add", "dr.lee", "--role", "clinician")
	if r.code != 0 {
		t.Fatalf("add --role clinician: %s", r.stderr)
	}
	r = p.run("", "account", "list")
	for _, want := range []string{"NAME", "dr.lee  clinician", "local", "maria   person"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("list lacks %q:\n%s", want, r.stdout)
		}
	}

	// A sign-in for maria, which reset ends.
	now := time.Date(2026, 3, 27, 8, 0, 0, 0, time.UTC)
	if err := j.AddSignIn(ctx, &backcare.SignIn{AccountID: maria.ID, TokenHash: backcare.TokenHash(backcare.NewToken()),
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(24 * time.Hour), Device: "a test"}); err != nil {
		t.Fatal(err)
	}
	if _, err := j.UpdateAccount(ctx, maria.ID, func(a *backcare.Account) error {
		a.PasswordHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	r = p.run("", "account", "reset", "maria")
	if r.code != 0 {
		t.Fatalf("reset: %s", r.stderr)
	}
	m = recoveryRE.FindStringSubmatch(r.stdout)
	if m == nil || m[1] == first || !strings.Contains(r.stdout, "1 sign-in ended") {
		t.Fatalf("reset printed no new recovery code, or not the sign-in it ended:\n%s", r.stdout)
	}
	maria, _ = j.AccountByName(ctx, "maria")
	ins, _ := j.SignIns(ctx, maria.ID)
	if maria.PasswordHash != "" || !backcare.SameHash(maria.RecoveryHash, backcare.RecoveryHash(m[1])) || len(ins) != 0 {
		t.Errorf("after reset: password %q, recovery hash of the new code %v, %d sign-ins; want none, true, 0",
			maria.PasswordHash, backcare.SameHash(maria.RecoveryHash, backcare.RecoveryHash(m[1])), len(ins))
	}

	// Remove asks for the name; a wrong one removes nothing.
	r = p.run("marie\n", "account", "remove", "maria")
	if r.code != 2 || !strings.Contains(r.stderr, "nothing removed") {
		t.Errorf("remove, typing marie: exit code %d, stderr %q; want 2, nothing removed", r.code, r.stderr)
	}
	r = p.run("", "account", "remove", "maria")
	if r.code != 2 || !strings.Contains(r.stderr, "--yes") {
		t.Errorf("remove, typing nothing: exit code %d, stderr %q; want 2 and a hint to --yes", r.code, r.stderr)
	}
	if _, err := j.AccountByName(ctx, "maria"); err != nil {
		t.Fatalf("maria is gone after refused removals: %v", err)
	}
	r = p.run("maria\n", "account", "remove", "maria")
	if r.code != 0 || !strings.Contains(r.stdout, "Removed maria") {
		t.Fatalf("remove, typing maria: exit code %d: %s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := j.AccountByName(ctx, "maria"); backcare.ErrorCode(err) != backcare.ENOTFOUND {
		t.Errorf("after remove, AccountByName(maria) = %v, want not found", err)
	}
	if r := p.run("", "account", "remove", "dr.lee", "--yes"); r.code != 0 {
		t.Errorf("remove --yes: %s", r.stderr)
	}
	r = p.run("", "account", "list")
	if strings.Contains(r.stdout, "maria") || strings.Contains(r.stdout, "dr.lee") || !strings.Contains(r.stdout, "local") {
		t.Errorf("list after removals:\n%s", r.stdout)
	}
}

func TestAccountBadInput(t *testing.T) {
	p := newPerson(t)
	if r := p.run("", "account", "add", "maria"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	for _, c := range []struct {
		name  string
		args  []string
		stdin string
		want  string
	}{
		{"taken", []string{"account", "add", "MARIA"}, "", "already an account named maria"},
		{"space", []string{"account", "add", "maria lopez"}, "", "can't contain spaces"},
		{"leading mark", []string{"account", "add", ".maria"}, "", "must start with a letter or a digit"},
		{"too long", []string{"account", "add", strings.Repeat("a", 65)}, "", "more than 64"},
		{"role", []string{"account", "add", "lee", "--role", "doctor"}, "", `--role "doctor" is not a role`},
		{"no name", []string{"account", "add"}, "", "needs NAME"},
		{"reset unknown", []string{"account", "reset", "bob"}, "", "no account named bob"},
		{"remove unknown", []string{"account", "remove", "bob", "--yes"}, "", "no account named bob"},
		{"remove local", []string{"account", "remove", "local"}, "local\n", "add --yes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := p.run(c.stdin, c.args...)
			if r.code != exitBadInput || !strings.Contains(r.stderr, c.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 1 {
				t.Errorf("%v: exit code %d, stderr %q; want %d and one line saying %q (and a hint)", c.args, r.code, r.stderr, exitBadInput, c.want)
			}
		})
	}
	if r := p.run("", "account", "list"); !strings.Contains(r.stdout, "local") {
		t.Errorf("local went missing:\n%s", r.stdout)
	}
}

// TestUserScoping: --user (and BACKCARE_USER) chooses whose journal a
// command reads and writes; two accounts' journals stay apart.
func TestUserScoping(t *testing.T) {
	p := newPerson(t)
	if r := p.run("", "account", "add", "maria"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := p.run("", "--user", "maria", "journal", "import", samplePath); r.code != 0 {
		t.Fatalf("import for maria: %s", r.stderr)
	}
	if r := p.run(answers(), "check"); r.code != 0 { // local's screening
		t.Fatalf("check for local: %s", r.stderr)
	}
	sessions := func(args ...string) (int, int) {
		t.Helper()
		r := p.run("", append(args, "journal", "export")...)
		if r.code != 0 {
			t.Fatalf("%v export: %s", args, r.stderr)
		}
		var a struct {
			Sessions   []json.RawMessage `json:"sessions"`
			Screenings []json.RawMessage `json:"screenings"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &a); err != nil {
			t.Fatal(err)
		}
		return len(a.Sessions), len(a.Screenings)
	}
	if s, sc := sessions("--user", "maria"); s != 47 || sc < 1 {
		t.Errorf("maria's journal: %d sessions, %d screenings; want the sample's 47 and its screenings", s, sc)
	}
	if s, sc := sessions(); s != 0 || sc != 1 {
		t.Errorf("local's journal: %d sessions, %d screenings; want 0 and the one check", s, sc)
	}
	if r := p.run("", "journal"); !strings.Contains(r.stdout, "Your journal is empty") {
		t.Errorf("local's journal listing:\n%s", r.stdout)
	}
	p.env["BACKCARE_USER"] = "Maria"
	if r := p.run("", "journal"); !strings.Contains(r.stdout, "of 47 sessions") {
		t.Errorf("BACKCARE_USER=Maria journal:\n%s", r.stdout)
	}
	if r := p.run("", "--user", "local", "journal"); !strings.Contains(r.stdout, "Your journal is empty") {
		t.Errorf("--user local beats BACKCARE_USER:\n%s", r.stdout)
	}
}

func TestUnknownUser(t *testing.T) {
	p := newPerson(t)
	for _, args := range [][]string{
		{"--user", "bob", "journal"},
		{"--user", "bob", "today"},
		{"--user", "bob", "journal", "export"},
		{"--user", "bob", "check", "--cleared"},
		{"--user", "bob", "serve", "--addr", "127.0.0.1:0"},
	} {
		r := p.run("", args...)
		if r.code != exitBadInput || !strings.Contains(r.stderr, `no account named "bob"`) || !strings.Contains(r.stderr, "backcare account list") {
			t.Errorf("%v: exit code %d, stderr %q; want %d, naming bob and `backcare account list`", args, r.code, r.stderr, exitBadInput)
		}
	}
	if r := p.run("", "--user", "bad name", "journal"); r.code != exitBadInput || !strings.Contains(r.stderr, "--user: the name can't contain") {
		t.Errorf("--user 'bad name': exit code %d, stderr %q", r.code, r.stderr)
	}
}

// TestAccountRemoveLastAdmin: the last admin stays while other accounts
// remain, so someone can still run the server's accounts from the app.
func TestAccountRemoveLastAdmin(t *testing.T) {
	p := newPerson(t)
	if r := p.run("", "account", "add", "ana", "--role", "admin"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := p.run("", "account", "remove", "ana", "--yes")
	if r.code != exitBadInput || !strings.Contains(r.stderr, "ana is the last admin") || !strings.Contains(r.stderr, "--role admin") {
		t.Errorf("removing the last admin: exit code %d, stderr %q; want it refused, saying how to add another", r.code, r.stderr)
	}
	if r := p.run("", "account", "add", "ben", "--role", "admin"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := p.run("", "account", "remove", "ana", "--yes"); r.code != 0 {
		t.Errorf("removing one of two admins: %s", r.stderr)
	}
}
