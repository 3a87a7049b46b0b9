package web

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"html/template"
	"net/http"
	"strings"
	"time"

	"rsc.io/qr"

	"backcare"
)

// The pages for signing in and for the account: sign-in, sign-up,
// recovery, the one-time links, the devices and passkeys of the account,
// and "Use on your phone".

// signInPage is the data of the sign-in page.
type signInPage struct {
	page
	Next     string
	Name     string
	Error    string
	Hint     string
	Loopback bool // tell the person about the link backcare printed
	Passkeys bool // passkeys work at this address
	SignUp   bool
	Secure   bool
}

func (s *server) newSignInPage(r *http.Request) *signInPage {
	return &signInPage{page: s.newPage(r, "Sign in", ""), Next: safeNext(r.FormValue("next")),
		Loopback: s.Loopback, Passkeys: s.webauthn != nil, SignUp: s.SignUp, Secure: s.secure(r)}
}

// signInForm shows the sign-in page; a signed-in browser goes on.
func (s *server) signInForm(w http.ResponseWriter, r *http.Request) {
	if viewerFrom(r.Context()) != nil {
		http.Redirect(w, r, safeNext(r.FormValue("next")), http.StatusSeeOther)
		return
	}
	d := s.newSignInPage(r)
	d.Scripts = []string{"signin.js"}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "signin", d)
}

// signInSubmit signs in with a name and a password.
func (s *server) signInSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, badForm())
		return
	}
	d := s.newSignInPage(r)
	d.Scripts = []string{"signin.js"}
	d.Name = backcare.NormalizeAccountName(r.PostFormValue("name"))
	a, err := s.checkPassword(r, d.Name, r.PostFormValue("password"))
	if err != nil {
		code := status(err)
		if code >= 500 {
			s.fail(w, r, code, err)
			return
		}
		if code == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "900")
		}
		d.Error, d.Hint = errorText(err)
		s.render(w, r, code, "signin", d)
		return
	}
	if err := s.startSignIn(w, r, a); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, d.Next, http.StatusSeeOther)
}

// errWrongPassword is the one answer to a wrong name or a wrong password:
// which of the two was wrong is not said.
func errWrongPassword() error {
	return backcare.Errorf(backcare.EINVALID, "that name and password don't match an account").
		WithHint("check both and try again; capital letters count in the password")
}

// checkPassword returns the account that name and password sign in, after
// the throttle. A wrong name costs a hash like a wrong password does.
func (s *server) checkPassword(r *http.Request, name, password string) (*backcare.Account, error) {
	if err := s.throttled(r, name); err != nil {
		return nil, tooMany(err)
	}
	a, err := s.Journal.AccountByName(r.Context(), name)
	if err != nil && backcare.ErrorCode(err) != backcare.ENOTFOUND {
		return nil, err
	}
	hash := dummyHash
	if a != nil && a.PasswordHash != "" {
		hash = a.PasswordHash
	}
	ok, err := verifyPassword(r.Context(), password, hash)
	if err != nil {
		return nil, err
	}
	if !ok || a == nil || a.PasswordHash == "" {
		if err := s.failed(r, name); err != nil {
			return nil, err
		}
		return nil, errWrongPassword()
	}
	if err := s.succeeded(r, name); err != nil {
		return nil, err
	}
	return a, nil
}

// tooManyError marks the throttle's error, answered 429.
type tooManyError struct{ err error }

func (e tooManyError) Error() string { return e.err.Error() }
func (e tooManyError) Unwrap() error { return e.err }

func tooMany(err error) error {
	var be *backcare.Error
	if errors.As(err, &be) && be.Code == backcare.EINVALID {
		return tooManyError{err}
	}
	return err
}

// errorSentences is an error's message and hint as sentences, for the
// message under a form field.
func errorSentences(err error) string {
	msg, hint := errorText(err)
	if hint != "" {
		msg += " " + hint
	}
	return msg
}

// errorText is the message and hint of an error for a form.
func errorText(err error) (msg, hint string) {
	var e *backcare.Error
	if errors.As(err, &e) && e.Code != backcare.EINTERNAL {
		if e.Hint != "" {
			hint = capital(e.Hint) + "."
		}
		return capital(e.Message) + ".", hint
	}
	return "Something went wrong inside backcare. Nothing was changed; please try again.", ""
}

// badForm is the error for a form body that can't be read.
func badForm() error {
	return backcare.Errorf(backcare.EINVALID, "the form's data could not be read").
		WithHint("reload the page and send the form again")
}

// errNoSignUp is the error when this server makes accounts only by command.
func errNoSignUp() error {
	return backcare.Errorf(backcare.EINVALID, "new accounts are made by the person who runs this backcare").
		WithHint("ask them to run: backcare account add YOUR-NAME")
}

func nameTaken(name string) error {
	return backcare.Errorf(backcare.ECONFLICT, "the name %s is already taken", name).At("name").
		WithHint("choose another name, or sign in if it is yours")
}

// fieldError names the form field an error is about.
func fieldError(err error, field string) error {
	var e *backcare.Error
	if errors.As(err, &e) && e.Where == "" {
		e.Where = field
	}
	return err
}

// signUpPage is the data of the sign-up page and of the page that shows
// the new account's recovery code.
type signUpPage struct {
	page
	Name     string
	Errors   fieldErrors
	Passkeys bool
	Secure   bool
	Recovery string // the one-time recovery code, shown once
	Next     string
}

// signUpForm shows the sign-up page, where sign-up is open.
func (s *server) signUpForm(w http.ResponseWriter, r *http.Request) {
	if !s.SignUp {
		s.fail(w, r, http.StatusForbidden, errNoSignUp())
		return
	}
	d := &signUpPage{page: s.newPage(r, "Make an account", ""), Passkeys: s.webauthn != nil, Secure: s.secure(r)}
	d.Scripts = []string{"signin.js"}
	s.render(w, r, http.StatusOK, "signup", d)
}

// signUpSubmit makes an account with a password and signs it in.
func (s *server) signUpSubmit(w http.ResponseWriter, r *http.Request) {
	if !s.SignUp {
		s.fail(w, r, http.StatusForbidden, errNoSignUp())
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, badForm())
		return
	}
	d := &signUpPage{page: s.newPage(r, "Make an account", ""), Passkeys: s.webauthn != nil, Secure: s.secure(r),
		Name: backcare.NormalizeAccountName(r.PostFormValue("name")), Errors: fieldErrors{}}
	d.Scripts = []string{"signin.js"}
	password := r.PostFormValue("password")
	if err := backcare.ValidateAccountName(d.Name); err != nil {
		d.Errors["name"] = errorSentences(err)
	}
	if err := checkNewPassword(password, d.Name); err != nil {
		d.Errors["password"] = errorSentences(err)
	}
	if len(d.Errors) == 0 {
		if _, err := s.Journal.AccountByName(r.Context(), d.Name); err == nil {
			d.Errors["name"], _ = errorText(nameTaken(d.Name))
		} else if backcare.ErrorCode(err) != backcare.ENOTFOUND {
			s.fail(w, r, 0, err)
			return
		}
	}
	if len(d.Errors) > 0 {
		s.render(w, r, http.StatusBadRequest, "signup", d)
		return
	}
	hash, err := hashPassword(r.Context(), password)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	code := backcare.NewRecoveryCode()
	a := &backcare.Account{ID: backcare.NewID(), Name: d.Name, Role: backcare.RolePerson, CreatedAt: s.Now(),
		PasswordHash: hash, RecoveryHash: backcare.RecoveryHash(code)}
	if err := s.Journal.AddAccount(r.Context(), a); err != nil {
		if backcare.ErrorCode(err) == backcare.ECONFLICT {
			d.Errors["name"], _ = errorText(nameTaken(d.Name))
			s.render(w, r, http.StatusConflict, "signup", d)
			return
		}
		s.fail(w, r, 0, err)
		return
	}
	if err := s.startSignIn(w, r, a); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d.Recovery, d.Next = code, "/"
	d.Title = "Your recovery code"
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "recovery", d)
}

// recoverPage is the data of the page that signs in with a recovery code.
type recoverPage struct {
	page
	Name   string
	Errors fieldErrors
	Error  string
	Hint   string
}

// recoverForm shows the recovery page.
func (s *server) recoverForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "recover", &recoverPage{page: s.newPage(r, "Use a recovery code", "")})
}

// recoverSubmit signs in with a recovery code and sets a new password:
// the code is used up, every other sign-in of the account ends, and a new
// code is shown once.
func (s *server) recoverSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, badForm())
		return
	}
	d := &recoverPage{page: s.newPage(r, "Use a recovery code", ""), Errors: fieldErrors{},
		Name: backcare.NormalizeAccountName(r.PostFormValue("name"))}
	code, password := r.PostFormValue("code"), r.PostFormValue("password")
	if err := checkNewPassword(password, d.Name); err != nil {
		d.Errors["password"] = errorSentences(err)
		s.render(w, r, http.StatusBadRequest, "recover", d)
		return
	}
	if err := s.throttled(r, d.Name); err != nil {
		d.Error, d.Hint = errorText(err)
		w.Header().Set("Retry-After", "900")
		s.render(w, r, http.StatusTooManyRequests, "recover", d)
		return
	}
	hash, err := hashPassword(r.Context(), password)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	newCode := backcare.NewRecoveryCode()
	errNoMatch := backcare.Errorf(backcare.EINVALID, "that name and recovery code don't match an account").
		WithHint("check both; the code is the one backcare showed you once, or ask for `backcare account reset` on the server")
	var a *backcare.Account
	if found, err := s.Journal.AccountByName(r.Context(), d.Name); err == nil {
		// Checking and using the code in one step: two tries with one
		// code can't both succeed.
		a, err = s.Journal.UpdateAccount(r.Context(), found.ID, func(x *backcare.Account) error {
			if len(x.RecoveryHash) == 0 || !backcare.SameHash(x.RecoveryHash, backcare.RecoveryHash(code)) {
				return errNoMatch
			}
			x.PasswordHash, x.RecoveryHash = hash, backcare.RecoveryHash(newCode)
			return nil
		})
		if err != nil && !errors.Is(err, errNoMatch) {
			s.fail(w, r, 0, err)
			return
		}
	} else if backcare.ErrorCode(err) != backcare.ENOTFOUND {
		s.fail(w, r, 0, err)
		return
	}
	if a == nil {
		if err := s.failed(r, d.Name); err != nil {
			s.fail(w, r, 0, err)
			return
		}
		d.Error, d.Hint = errorText(errNoMatch)
		s.render(w, r, http.StatusBadRequest, "recover", d)
		return
	}
	if err := s.succeeded(r, d.Name); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if _, err := s.Journal.RemoveSignIns(r.Context(), a.ID, ""); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := s.startSignIn(w, r, a); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "recovery", &signUpPage{page: s.newPage(r, "Your new recovery code", ""),
		Name: a.Name, Recovery: newCode, Next: "/account"})
}

// linkPage is the data of the page a one-time link opens.
type linkPage struct {
	page
	Token string
	Error string
	Hint  string
}

// linkForm shows the page of a one-time link (the one printed at start,
// or a phone's pairing code). Opening it changes nothing: its form, sent
// at once by a script, redeems the token, so a link preview or prefetch
// can't use it up.
func (s *server) linkForm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	d := &linkPage{page: s.newPage(r, "Signing you in", ""), Token: r.URL.Query().Get("token")}
	d.Scripts = []string{"signin.js"}
	s.render(w, r, http.StatusOK, "link", d)
}

// linkSubmit redeems a one-time link: once, then never again.
func (s *server) linkSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, badForm())
		return
	}
	hash := backcare.TokenHash(r.PostFormValue("token"))
	var t *backcare.Ticket
	var err error
	for _, kind := range []backcare.TicketKind{backcare.TicketSignInLink, backcare.TicketPairing} {
		t, err = s.Journal.TakeTicket(r.Context(), kind, hash, s.Now())
		if backcare.ErrorCode(err) != backcare.ENOTFOUND {
			break
		}
	}
	if backcare.ErrorCode(err) == backcare.ENOTFOUND {
		d := &linkPage{page: s.newPage(r, "That link no longer works", ""),
			Error: "That sign-in link has been used already, or it has expired.",
			Hint: "Each link signs in one browser, once. For a phone, make a new code on a signed-in computer " +
				"(Account, then Use on your phone). Or sign in with your passkey or password."}
		if s.Loopback {
			d.Hint += " On the computer where backcare runs, stop it (Ctrl-C) and start it again for a fresh link."
		}
		s.render(w, r, http.StatusNotFound, "link", d)
		return
	}
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	a, err := s.Journal.Account(r.Context(), t.AccountID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := s.startSignIn(w, r, a); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// signOut ends this browser's sign-in.
func (s *server) signOut(w http.ResponseWriter, r *http.Request) {
	v := viewerFrom(r.Context())
	if err := s.Journal.RemoveSignIn(r.Context(), v.account.ID, v.signIn.ID); err != nil && backcare.ErrorCode(err) != backcare.ENOTFOUND {
		s.fail(w, r, 0, err)
		return
	}
	s.clearCookie(w, r)
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// accountPage is the data of the account page.
type accountPage struct {
	page
	Account     *backcare.Account
	HasPassword bool
	HasRecovery bool
	Passkeys    []passkeyRow
	Devices     []deviceRow
	CanPasskey  bool
	Secure      bool
	Errors      fieldErrors
	Saved       string
}

type passkeyRow struct {
	ID       string // hex of the credential id
	Name     string
	Created  time.Time
	LastUsed time.Time
}

type deviceRow struct {
	ID       string
	Device   string
	Address  string
	Created  time.Time
	LastSeen time.Time
	This     bool
}

func (s *server) newAccountPage(r *http.Request) (*accountPage, error) {
	v := viewerFrom(r.Context())
	d := &accountPage{page: s.newPage(r, "Your account", "account"), Account: v.account,
		HasPassword: v.account.PasswordHash != "", HasRecovery: len(v.account.RecoveryHash) > 0, CanPasskey: s.webauthn != nil, Secure: s.secure(r), Errors: fieldErrors{}}
	d.Scripts = []string{"signin.js"}
	keys, err := s.Journal.Passkeys(r.Context(), v.account.ID)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		d.Passkeys = append(d.Passkeys, passkeyRow{ID: hex.EncodeToString(k.ID), Name: k.Name, Created: k.CreatedAt, LastUsed: k.LastUsedAt})
	}
	sis, err := s.Journal.SignIns(r.Context(), v.account.ID)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	for _, si := range sis {
		if !now.Before(si.ExpiresAt) || !now.Before(si.LastSeenAt.Add(idleTimeout)) {
			continue
		}
		d.Devices = append(d.Devices, deviceRow{ID: si.ID, Device: si.Device, Address: si.Address,
			Created: si.CreatedAt, LastSeen: si.LastSeenAt, This: si.ID == v.signIn.ID})
	}
	return d, nil
}

// accountForm shows the account: devices, passkeys, password.
func (s *server) accountForm(w http.ResponseWriter, r *http.Request) {
	d, err := s.newAccountPage(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	switch r.URL.Query().Get("saved") {
	case "password":
		d.Saved = "Your new password is saved."
	case "passkey":
		d.Saved = "The passkey is added. Next time, sign in with it."
	case "removed":
		d.Saved = "The passkey is removed."
	case "ended":
		d.Saved = "That device is signed out."
	case "zone":
		d.Saved = "Your time zone is saved: your days now begin and end in it."
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "account", d)
}

// passwordSubmit sets or changes the signed-in account's password. A
// password already set must be given first.
func (s *server) passwordSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, badForm())
		return
	}
	v := viewerFrom(r.Context())
	d, err := s.newAccountPage(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	password := r.PostFormValue("password")
	if err := checkNewPassword(password, v.account.Name); err != nil {
		d.Errors["password"] = errorSentences(err)
	}
	if v.account.PasswordHash != "" && len(d.Errors) == 0 {
		if _, err := s.checkPassword(r, v.account.Name, r.PostFormValue("current")); err != nil {
			if status(err) >= 500 {
				s.fail(w, r, 0, err)
				return
			}
			if errors.As(err, new(tooManyError)) {
				d.Errors["current"] = errorSentences(err)
			} else {
				d.Errors["current"] = "That is not your current password."
			}
		}
	}
	if len(d.Errors) > 0 {
		s.render(w, r, http.StatusBadRequest, "account", d)
		return
	}
	hash, err := hashPassword(r.Context(), password)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if _, err := s.Journal.UpdateAccount(r.Context(), v.account.ID, func(a *backcare.Account) error {
		a.PasswordHash = hash
		return nil
	}); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/account?saved=password", http.StatusSeeOther)
}

// recoverySubmit makes the signed-in account a new recovery code and
// shows it once; the old one stops working.
func (s *server) recoverySubmit(w http.ResponseWriter, r *http.Request) {
	code := backcare.NewRecoveryCode()
	a, err := s.Journal.UpdateAccount(r.Context(), userID(r), func(a *backcare.Account) error {
		a.RecoveryHash = backcare.RecoveryHash(code)
		return nil
	})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "recovery", &signUpPage{page: s.newPage(r, "Your new recovery code", "account"),
		Name: a.Name, Recovery: code, Next: "/account"})
}

// passkeyRemove removes one of the signed-in account's passkeys.
func (s *server) passkeyRemove(w http.ResponseWriter, r *http.Request) {
	id, err := hex.DecodeString(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, http.StatusNotFound, backcare.Errorf(backcare.ENOTFOUND, "there is no such passkey"))
		return
	}
	if err := s.Journal.RemovePasskey(r.Context(), userID(r), id); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/account?saved=removed", http.StatusSeeOther)
}

// signInEnd signs one of the account's devices out.
func (s *server) signInEnd(w http.ResponseWriter, r *http.Request) {
	v := viewerFrom(r.Context())
	id := r.PathValue("id")
	if err := s.Journal.RemoveSignIn(r.Context(), v.account.ID, id); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if id == v.signIn.ID {
		s.clearCookie(w, r)
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/account?saved=ended", http.StatusSeeOther)
}

// signInEndAll signs every device of the account out, this one too.
func (s *server) signInEndAll(w http.ResponseWriter, r *http.Request) {
	if _, err := s.Journal.RemoveSignIns(r.Context(), userID(r), ""); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	s.clearCookie(w, r)
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// pairPage is the data of "Use on your phone".
type pairPage struct {
	page
	PhoneURL string       // empty: the server listens on this computer only
	Link     string       // the one-time link, once made
	QR       template.URL // its QR code as a data: URL (PNG), made here
	Expires  time.Time
	Secure   bool
}

// pairForm shows "Use on your phone".
func (s *server) pairForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "pair", &pairPage{page: s.newPage(r, "Use on your phone", "account"),
		PhoneURL: s.PhoneURL, Secure: strings.HasPrefix(s.PhoneURL, "https://")})
}

// pairSubmit makes a short-lived, one-time pairing link for the signed-in
// account and shows it as a QR code.
func (s *server) pairSubmit(w http.ResponseWriter, r *http.Request) {
	d := &pairPage{page: s.newPage(r, "Use on your phone", "account"), PhoneURL: s.PhoneURL,
		Secure: strings.HasPrefix(s.PhoneURL, "https://")}
	if s.PhoneURL == "" {
		s.render(w, r, http.StatusOK, "pair", d)
		return
	}
	now := s.Now()
	link, err := IssueLink(r.Context(), s.Journal, backcare.TicketPairing, userID(r), s.PhoneURL, now, PairingTTL)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	code, err := qr.Encode(link, qr.M)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	code.Scale = 8
	d.Link, d.Expires = link, now.Add(PairingTTL)
	d.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(code.PNG())) //nolint:gosec // our own PNG, not input
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "pair", d)
}
