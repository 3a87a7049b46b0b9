package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"backcare"
)

// Passkeys (WebAuthn), the first way to sign in.
//
// Passkeys are discoverable credentials: signing in asks for no name, the
// authenticator offers the passkeys it holds for this site. Each ceremony
// (sign up, add a passkey, sign in) has two steps, options then result; the
// challenge between them is kept in the journal as a one-time ticket, not
// in this process, so the two steps may reach different replicas.
//
// Browsers allow passkeys only in a secure context with a host name (not
// an IP address): over HTTPS, or at http://localhost. Elsewhere the pages
// offer the password.

// passkeyTTL is how long a ceremony may take, from options to result.
const passkeyTTL = 5 * time.Minute

// newWebAuthn returns the relying party, or nil when passkeys are off.
func newWebAuthn(d Deps) (*webauthn.WebAuthn, error) {
	if d.PasskeyRPID == "" || len(d.PasskeyOrigins) == 0 {
		return nil, nil
	}
	return webauthn.New(&webauthn.Config{
		RPID:          d.PasskeyRPID,
		RPDisplayName: "backcare",
		RPOrigins:     d.PasskeyOrigins,
		AuthenticatorSelection: protocol.AuthenticatorSelection{
			ResidentKey:      protocol.ResidentKeyRequirementRequired,
			UserVerification: protocol.VerificationRequired,
		},
		Timeouts: webauthn.TimeoutsConfig{
			Login:        webauthn.TimeoutConfig{Enforce: true, Timeout: passkeyTTL},
			Registration: webauthn.TimeoutConfig{Enforce: true, Timeout: passkeyTTL},
		},
	})
}

// passkeyUser is an account as the WebAuthn library sees it. Its user
// handle is the account id.
type passkeyUser struct {
	account *backcare.Account
	creds   []webauthn.Credential
}

func (u *passkeyUser) WebAuthnID() []byte                         { return []byte(u.account.ID) }
func (u *passkeyUser) WebAuthnName() string                       { return u.account.Name }
func (u *passkeyUser) WebAuthnDisplayName() string                { return u.account.Name }
func (u *passkeyUser) WebAuthnCredentials() []webauthn.Credential { return u.creds }

// loadPasskeyUser returns the account with its passkeys.
func (s *server) loadPasskeyUser(ctx context.Context, a *backcare.Account) (*passkeyUser, error) {
	keys, err := s.Journal.Passkeys(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	u := &passkeyUser{account: a}
	for _, k := range keys {
		var c webauthn.Credential
		if err := json.Unmarshal(k.Data, &c); err != nil {
			return nil, fmt.Errorf("web: passkey of %s: %w", a.Name, err)
		}
		u.creds = append(u.creds, c)
	}
	return u, nil
}

// ceremony is what a passkey ticket keeps between the two steps.
type ceremony struct {
	Purpose string               `json:"purpose"` // signin, signup or add
	Name    string               `json:"name,omitempty"`
	Account string               `json:"account,omitempty"`
	Session webauthn.SessionData `json:"session"`
}

// optionsReply is the first step's answer: the ticket to send back with
// the result, and the options for navigator.credentials.
type optionsReply struct {
	Ticket  string `json:"ticket"`
	Options any    `json:"options"`
}

// resultRequest is the second step's request.
type resultRequest struct {
	Ticket     string          `json:"ticket"`
	Credential json.RawMessage `json:"credential"`
	Label      string          `json:"label,omitempty"`
}

// passkeysOff is the error when passkeys can't be used at this address.
func passkeysOff() error {
	return backcare.Errorf(backcare.EINVALID, "passkeys can't be used at this address").
		WithHint("sign in with your password here, or open backcare over HTTPS (or at http://localhost on this computer)")
}

// keepCeremony stores a ceremony and answers with its options.
func (s *server) keepCeremony(w http.ResponseWriter, r *http.Request, c ceremony, options any) {
	data, err := json.Marshal(c)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	token := backcare.NewToken()
	now := s.Now()
	t := &backcare.Ticket{Hash: backcare.TokenHash(token), Kind: backcare.TicketPasskey, AccountID: c.Account,
		Data: data, CreatedAt: now, ExpiresAt: now.Add(passkeyTTL)}
	if err := s.Journal.AddTicket(r.Context(), t); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	writeJSON(w, http.StatusOK, optionsReply{Ticket: token, Options: options})
}

// takeCeremony reads the second step's request and takes its ticket: a
// ticket works once, for the purpose it was made for.
func (s *server) takeCeremony(r *http.Request, purpose string) (*resultRequest, *ceremony, error) {
	var req resultRequest
	if err := decode(r, &req); err != nil {
		return nil, nil, err
	}
	if req.Ticket == "" || len(req.Credential) == 0 {
		return nil, nil, backcare.Errorf(backcare.EINVALID, "the passkey's answer was incomplete").
			WithHint("try again; if it keeps failing, use your password")
	}
	t, err := s.Journal.TakeTicket(r.Context(), backcare.TicketPasskey, backcare.TokenHash(req.Ticket), s.Now())
	if backcare.ErrorCode(err) == backcare.ENOTFOUND {
		return nil, nil, backcare.Errorf(backcare.EINVALID, "that passkey request has expired or was already used").
			WithHint("start again")
	}
	if err != nil {
		return nil, nil, err
	}
	var c ceremony
	if err := json.Unmarshal(t.Data, &c); err != nil || c.Purpose != purpose {
		return nil, nil, backcare.Errorf(backcare.EINVALID, "that passkey request was for something else").WithHint("start again")
	}
	return &req, &c, nil
}

// passkeyFailed is the error for a passkey the library refused.
func passkeyFailed(err error) error {
	return &backcare.Error{Code: backcare.EINVALID, Err: err,
		Message: "the passkey could not be checked", Hint: "try again, or use another passkey or your password"}
}

// passkeySignInOptions begins a discoverable sign-in.
func (s *server) passkeySignInOptions(w http.ResponseWriter, r *http.Request) {
	if s.webauthn == nil {
		s.fail(w, r, 0, passkeysOff())
		return
	}
	opts, sess, err := s.webauthn.BeginDiscoverableLogin()
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	s.keepCeremony(w, r, ceremony{Purpose: "signin", Session: *sess}, opts)
}

// passkeySignIn finishes a discoverable sign-in.
func (s *server) passkeySignIn(w http.ResponseWriter, r *http.Request) {
	if s.webauthn == nil {
		s.fail(w, r, 0, passkeysOff())
		return
	}
	if err := s.throttled(r, ""); err != nil {
		s.fail(w, r, http.StatusTooManyRequests, err)
		return
	}
	req, c, err := s.takeCeremony(r, "signin")
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes(req.Credential)
	if err != nil {
		_ = s.failed(r, "")
		s.fail(w, r, 0, passkeyFailed(err))
		return
	}
	var user *passkeyUser
	var key *backcare.Passkey
	handler := func(rawID, userHandle []byte) (webauthn.User, error) {
		k, err := s.Journal.Passkey(r.Context(), rawID)
		if err != nil {
			return nil, err
		}
		if k.AccountID != string(userHandle) {
			return nil, errors.New("web: the passkey's user handle is not its account's")
		}
		a, err := s.Journal.Account(r.Context(), k.AccountID)
		if err != nil {
			return nil, err
		}
		user, key = nil, k
		u, err := s.loadPasskeyUser(r.Context(), a)
		user = u
		return u, err
	}
	cred, err := s.webauthn.ValidateDiscoverableLogin(handler, c.Session, parsed)
	if err != nil || user == nil || key == nil {
		_ = s.failed(r, "")
		s.fail(w, r, 0, passkeyFailed(err))
		return
	}
	if err := s.savePasskeyUse(r.Context(), key, cred); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := s.startSignIn(w, r, user.account); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"next": "/"})
}

// savePasskeyUse keeps a passkey's new sign count and when it was used.
func (s *server) savePasskeyUse(ctx context.Context, key *backcare.Passkey, cred *webauthn.Credential) error {
	data, err := json.Marshal(cred)
	if err != nil {
		return err
	}
	key.Data, key.LastUsedAt = data, s.Now()
	return s.Journal.UpdatePasskey(ctx, key)
}

// passkeyRegisterOptions begins making a passkey for u.
func (s *server) passkeyRegisterOptions(w http.ResponseWriter, r *http.Request, u *passkeyUser, c ceremony) {
	opts, sess, err := s.webauthn.BeginRegistration(u,
		webauthn.WithResidentKeyRequirement(protocol.ResidentKeyRequirementRequired),
		webauthn.WithExclusions(webauthn.Credentials(u.creds).CredentialDescriptors()))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	c.Session = *sess
	s.keepCeremony(w, r, c, opts)
}

// passkeySignUpOptions begins a sign-up with a passkey: the account is
// made only when the passkey is.
func (s *server) passkeySignUpOptions(w http.ResponseWriter, r *http.Request) {
	if s.webauthn == nil {
		s.fail(w, r, 0, passkeysOff())
		return
	}
	if !s.SignUp {
		s.fail(w, r, http.StatusForbidden, errNoSignUp())
		return
	}
	var req struct {
		Name string `json:"name"`
	}
	if err := decode(r, &req); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	name := backcare.NormalizeAccountName(req.Name)
	if err := backcare.ValidateAccountName(name); err != nil {
		s.fail(w, r, 0, fieldError(err, "name"))
		return
	}
	if _, err := s.Journal.AccountByName(r.Context(), name); err == nil {
		s.fail(w, r, 0, nameTaken(name))
		return
	} else if backcare.ErrorCode(err) != backcare.ENOTFOUND {
		s.fail(w, r, 0, err)
		return
	}
	a := &backcare.Account{ID: backcare.NewID(), Name: name, Role: backcare.RolePerson, CreatedAt: s.Now()}
	s.passkeyRegisterOptions(w, r, &passkeyUser{account: a}, ceremony{Purpose: "signup", Name: name, Account: a.ID})
}

// passkeySignUp finishes a sign-up with a passkey: the account, its
// passkey, its recovery code and a sign-in.
func (s *server) passkeySignUp(w http.ResponseWriter, r *http.Request) {
	if s.webauthn == nil {
		s.fail(w, r, 0, passkeysOff())
		return
	}
	req, c, err := s.takeCeremony(r, "signup")
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(req.Credential)
	if err != nil {
		s.fail(w, r, 0, passkeyFailed(err))
		return
	}
	a := &backcare.Account{ID: c.Account, Name: c.Name, Role: backcare.RolePerson, CreatedAt: s.Now()}
	cred, err := s.webauthn.CreateCredential(&passkeyUser{account: a}, c.Session, parsed)
	if err != nil {
		s.fail(w, r, 0, passkeyFailed(err))
		return
	}
	code := backcare.NewRecoveryCode()
	a.RecoveryHash = backcare.RecoveryHash(code)
	if err := s.Journal.AddAccount(r.Context(), a); err != nil {
		if backcare.ErrorCode(err) == backcare.ECONFLICT {
			err = nameTaken(a.Name)
		}
		s.fail(w, r, 0, err)
		return
	}
	if err := s.addPasskey(r, a, cred, req.Label); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := s.startSignIn(w, r, a); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"next": "/", "recovery": code, "name": a.Name})
}

// addPasskey keeps a new passkey of the account.
func (s *server) addPasskey(r *http.Request, a *backcare.Account, cred *webauthn.Credential, label string) error {
	data, err := json.Marshal(cred)
	if err != nil {
		return err
	}
	if label == "" {
		label = deviceName(r.UserAgent())
	}
	if len(label) > 80 {
		label = label[:80]
	}
	return s.Journal.AddPasskey(r.Context(), &backcare.Passkey{ID: cred.ID, AccountID: a.ID,
		Name: label, Data: data, CreatedAt: s.Now()})
}

// passkeyAddOptions begins adding a passkey to the signed-in account.
func (s *server) passkeyAddOptions(w http.ResponseWriter, r *http.Request) {
	if s.webauthn == nil {
		s.fail(w, r, 0, passkeysOff())
		return
	}
	v := viewerFrom(r.Context())
	u, err := s.loadPasskeyUser(r.Context(), v.account)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	s.passkeyRegisterOptions(w, r, u, ceremony{Purpose: "add", Account: v.account.ID})
}

// passkeyAdd finishes adding a passkey to the signed-in account.
func (s *server) passkeyAdd(w http.ResponseWriter, r *http.Request) {
	if s.webauthn == nil {
		s.fail(w, r, 0, passkeysOff())
		return
	}
	v := viewerFrom(r.Context())
	req, c, err := s.takeCeremony(r, "add")
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if c.Account != v.account.ID {
		s.fail(w, r, 0, backcare.Errorf(backcare.EINVALID, "that passkey request was for another account").WithHint("start again"))
		return
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(req.Credential)
	if err != nil {
		s.fail(w, r, 0, passkeyFailed(err))
		return
	}
	u, err := s.loadPasskeyUser(r.Context(), v.account)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	cred, err := s.webauthn.CreateCredential(u, c.Session, parsed)
	if err != nil {
		s.fail(w, r, 0, passkeyFailed(err))
		return
	}
	if err := s.addPasskey(r, v.account, cred, req.Label); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"next": "/account"})
}
