package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"backcare"
)

// Sign-in sessions.
//
// A signed-in browser holds a random 256-bit token in a cookie; the journal
// keeps only its hash (backcare.SignIn), so every replica can check it and
// a copy of the journal signs nobody in. Who is asking is resolved once, in
// the authenticate middleware, into the request's context; handlers read
// the account from there (userID, viewerFrom) and never from a form, a
// path or a global.

// The limits of a sign-in (backcare's own choices): a phone used a few
// times a week stays signed in, one left in a drawer does not, and none
// lasts for ever. The last-seen time is written at most every touchEvery,
// not at every request.
const (
	idleTimeout = 14 * 24 * time.Hour
	maxSignIn   = 60 * 24 * time.Hour
	touchEvery  = 5 * time.Minute
)

// The sign-in cookie. Over HTTPS it is a __Host- cookie (Secure, Path=/,
// no Domain: no other site or subdomain can set or read it). Browsers
// refuse Secure cookies from plain-HTTP origins on the network, so there
// it goes without the prefix and the Secure flag; the pages say what
// needs HTTPS.
const (
	cookieSecure = "__Host-backcare"
	cookiePlain  = "backcare"
)

// ctxKey keys the request context's values.
type ctxKey int

const (
	viewerKey ctxKey = iota
	proxiedKey
)

// viewer is who is asking: the signed-in account and its sign-in.
type viewer struct {
	account *backcare.Account
	signIn  *backcare.SignIn
}

func withViewer(ctx context.Context, v *viewer) context.Context {
	return context.WithValue(ctx, viewerKey, v)
}

// viewerFrom returns the signed-in viewer, or nil.
func viewerFrom(ctx context.Context) *viewer {
	v, _ := ctx.Value(viewerKey).(*viewer)
	return v
}

func withProxied(ctx context.Context, p proxied) context.Context {
	return context.WithValue(ctx, proxiedKey, p)
}

func proxiedFrom(ctx context.Context) (proxied, bool) {
	p, ok := ctx.Value(proxiedKey).(proxied)
	return p, ok
}

// userID is the signed-in account's id: whose journal a request reads and
// writes. Routes that call it are wrapped in signedIn, so there is always
// one; an empty id matches no record.
func userID(r *http.Request) string { return userOf(r.Context()) }

// userOf is userID for code that has the request's context.
func userOf(ctx context.Context) string {
	if v := viewerFrom(ctx); v != nil {
		return v.account.ID
	}
	return ""
}

// cookieName is the sign-in cookie's name for this request.
func (s *server) cookieName(r *http.Request) string {
	if s.secure(r) {
		return cookieSecure
	}
	return cookiePlain
}

// authenticate resolves the sign-in cookie into the request's viewer. A
// token that is unknown or has expired is cleared; an expired sign-in is
// removed from the journal.
func (s *server) authenticate(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Static files and the health check are the same for everyone:
		// no journal read for them.
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/healthz" {
			h.ServeHTTP(w, r)
			return
		}
		c, err := r.Cookie(s.cookieName(r))
		if err != nil || c.Value == "" {
			h.ServeHTTP(w, r)
			return
		}
		v, err := s.lookUpSignIn(r.Context(), c.Value)
		switch {
		case err != nil:
			s.fail(w, r, http.StatusServiceUnavailable, err)
			return
		case v == nil:
			s.clearCookie(w, r)
			h.ServeHTTP(w, r)
			return
		}
		h.ServeHTTP(w, r.WithContext(withViewer(r.Context(), v)))
	})
}

// lookUpSignIn returns the viewer a token signs in, or nil for a token
// that signs no one in (unknown, expired, or its account removed).
func (s *server) lookUpSignIn(ctx context.Context, token string) (*viewer, error) {
	si, a, err := s.Journal.SignInByToken(ctx, backcare.TokenHash(token))
	if backcare.ErrorCode(err) == backcare.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	now := s.Now()
	if !now.Before(si.ExpiresAt) || !now.Before(si.LastSeenAt.Add(idleTimeout)) {
		if err := s.Journal.RemoveSignIn(ctx, si.AccountID, si.ID); err != nil && backcare.ErrorCode(err) != backcare.ENOTFOUND {
			return nil, err
		}
		return nil, nil
	}
	if now.Sub(si.LastSeenAt) >= touchEvery {
		if err := s.Journal.TouchSignIn(ctx, si.ID, now); err != nil && backcare.ErrorCode(err) != backcare.ENOTFOUND {
			return nil, err
		}
		si.LastSeenAt = now
	}
	return &viewer{account: a, signIn: si}, nil
}

// accountHeader names the account a request was made for, when it was kept
// on the device to send later (static/outbox.js).
const accountHeader = "Backcare-Account"

// sameAccount reports whether the account header h (the name, escaped as
// a URL path is) names the account called name.
func sameAccount(h, name string) bool {
	want, err := url.PathUnescape(h)
	return err == nil && want == name
}

// signedIn lets only signed-in requests through to h. Others are sent to
// the sign-in page (pages), or get 401 (the API and JSON clients); either
// way h never runs, so nothing is read or written.
func (s *server) signedIn(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if v := viewerFrom(r.Context()); v != nil {
			// A request kept on the device for one account (the outbox
			// names it) is not written into another's journal when someone
			// else has signed in on this browser since: it waits, as if
			// signed out, until its own account signs in again.
			if kept := r.Header.Get(accountHeader); kept != "" && !sameAccount(kept, v.account.Name) {
				w.Header().Set("Cache-Control", "no-store")
				s.fail(w, r, http.StatusUnauthorized, backcare.Errorf(backcare.EINVALID,
					"this was kept on the device for another account than the one signed in here (%s), so nothing was saved", v.account.Name).
					WithHint("it waits on the device and is sent when its own account signs in again"))
				return
			}
			h(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		if wantsJSON(r) || r.Method != http.MethodGet {
			s.fail(w, r, http.StatusUnauthorized, backcare.Errorf(backcare.EINVALID,
				"you are not signed in, so nothing was read or saved").
				WithHint("sign in to backcare, then try again"))
			return
		}
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
	})
}

// safeNext is where to go after signing in: a path of this app, never
// another site ("//evil.example" or "/\evil.example" would be one).
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n") || strings.HasPrefix(next, "/signin") {
		return "/"
	}
	return next
}

// startSignIn signs the browser into the account: a new sign-in in the
// journal and its token in the cookie.
func (s *server) startSignIn(w http.ResponseWriter, r *http.Request, a *backcare.Account) error {
	token := backcare.NewToken()
	now := s.Now()
	si := &backcare.SignIn{ID: backcare.NewID(), AccountID: a.ID, TokenHash: backcare.TokenHash(token),
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(maxSignIn),
		Device: deviceName(r.UserAgent()), Address: s.clientAddr(r)}
	if err := s.Journal.AddSignIn(r.Context(), si); err != nil {
		return fmt.Errorf("web: sign in %s: %w", a.Name, err)
	}
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r), Value: token, Path: "/",
		MaxAge: int(maxSignIn / time.Second), HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
	return nil
}

// clearCookie tells the browser to forget its sign-in cookie.
func (s *server) clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
}

// deviceName is a short description of a browser for the devices page,
// from its User-Agent: "Firefox on Android". It is a label, not a proof.
func deviceName(ua string) string {
	browser := "A browser"
	for _, b := range []struct{ token, name string }{
		{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"},
		{"Safari/", "Safari"}, {"curl/", "curl"},
	} {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	system := ""
	for _, o := range []struct{ token, name string }{
		{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"}, {"CrOS", "ChromeOS"},
		{"Windows", "Windows"}, {"Mac OS X", "macOS"}, {"Linux", "Linux"},
	} {
		if strings.Contains(ua, o.token) {
			system = o.name
			break
		}
	}
	if system == "" {
		return browser
	}
	return browser + " on " + system
}

// The throttle on failed sign-ins (backcare's own choice, after OWASP's
// advice to slow guessing without locking people out for long): five
// wrong tries for one account, or twenty from one address, within a
// quarter of an hour pause further tries until the oldest of them is that
// old. Failures are kept in the journal, so every replica counts them.
const (
	failWindow     = 15 * time.Minute
	maxFailAccount = 5
	maxFailAddress = 20
)

// throttleKeys are the keys a sign-in for name from r is counted under.
func (s *server) throttleKeys(r *http.Request, name string) (account, address string) {
	return "account:" + backcare.NormalizeAccountName(name), "address:" + s.clientAddr(r)
}

// throttled returns an error when sign-in for name from r is paused. An
// empty name (a passkey, which names no account first) counts the address
// alone.
func (s *server) throttled(r *http.Request, name string) error {
	ak, nk := s.throttleKeys(r, name)
	since := s.Now().Add(-failWindow)
	for _, k := range []struct {
		key string
		max int
	}{{ak, maxFailAccount}, {nk, maxFailAddress}} {
		if name == "" && k.key == ak {
			continue // a passkey names no account: count by address alone
		}
		n, err := s.Journal.Failures(r.Context(), k.key, since)
		if err != nil {
			return err
		}
		if n >= k.max {
			return backcare.Errorf(backcare.EINVALID,
				"there have been too many wrong tries, so signing in is paused for a while to keep your journal safe").
				WithHint("wait a quarter of an hour and try again, or use your recovery code later")
		}
	}
	return nil
}

// failed records a failed sign-in for name from r.
func (s *server) failed(r *http.Request, name string) error {
	ak, nk := s.throttleKeys(r, name)
	now := s.Now()
	if name == "" {
		return s.Journal.AddFailure(r.Context(), nk, now)
	}
	return errors.Join(s.Journal.AddFailure(r.Context(), ak, now), s.Journal.AddFailure(r.Context(), nk, now))
}

// succeeded forgets the account's failed tries after a sign-in.
func (s *server) succeeded(r *http.Request, name string) error {
	ak, _ := s.throttleKeys(r, name)
	return s.Journal.ClearFailures(r.Context(), ak)
}
