package web

import (
	"context"
	"crypto/tls"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"backcare"
)

// webClient is a cookie-keeping client of one test server, as one browser.
type webClient struct {
	t    *testing.T
	base string
	c    *http.Client
	jar  map[string]*http.Cookie
}

func newBrowserClient(t *testing.T, base string) *webClient {
	return &webClient{t: t, base: base, jar: map[string]*http.Cookie{},
		c: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// form posts a form and returns the status, the Location and the body.
func (b *webClient) form(path string, v url.Values) (int, string, string) {
	return b.do("POST", path, "application/x-www-form-urlencoded", v.Encode())
}

func (b *webClient) get(path string) (int, string, string) { return b.do("GET", path, "", "") }

func (b *webClient) do(method, path, ctype, body string) (int, string, string) {
	b.t.Helper()
	req, err := http.NewRequest(method, b.base+path, strings.NewReader(body))
	if err != nil {
		b.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36")
	for _, c := range b.jar {
		req.AddCookie(c)
	}
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	for _, c := range res.Cookies() {
		if c.MaxAge < 0 {
			delete(b.jar, c.Name)
		} else {
			b.jar[c.Name] = c
		}
	}
	out, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	return res.StatusCode, res.Header.Get("Location"), string(out)
}

// signedIn reports whether the browser gets the Today page.
func (b *webClient) signedIn() bool {
	b.t.Helper()
	code, _, _ := b.get("/")
	return code == http.StatusOK
}

func TestPasswordSignUpAndSignIn(t *testing.T) {
	ts, j := newTestServer(t, func(d *Deps) { d.SignUp = true })
	b := newBrowserClient(t, ts.URL)
	if b.signedIn() {
		t.Fatal("a new browser is signed in")
	}
	code, _, page := b.form("/signup", url.Values{"name": {"  Maria "}, "password": {"blue kettle morning"}})
	if code != http.StatusOK || !strings.Contains(page, "recovery code") {
		t.Fatalf("sign-up = %d, want the page with the recovery code: %s", code, page)
	}
	recovery := regexp.MustCompile(`id="recovery-code">([a-z2-7-]+)<`).FindStringSubmatch(page)
	if recovery == nil {
		t.Fatalf("no recovery code shown: %s", page)
	}
	if !b.signedIn() {
		t.Fatal("signing up did not sign the browser in")
	}
	a, err := j.AccountByName(t.Context(), "maria")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(a.PasswordHash, "kettle") {
		t.Errorf("PasswordHash = %q, want an argon2id PHC string", a.PasswordHash)
	}
	if !backcare.SameHash(a.RecoveryHash, backcare.RecoveryHash(recovery[1])) {
		t.Error("the recovery code shown is not the one kept")
	}

	// Sign out, then in again with the password; wrong ones fail.
	if code, loc, _ := b.form("/signout", nil); code != http.StatusSeeOther || loc != "/signin" {
		t.Errorf("sign out = %d %s", code, loc)
	}
	if b.signedIn() {
		t.Fatal("still signed in after signing out")
	}
	for _, tt := range []struct {
		name, user, password string
		want                 int
	}{
		{"wrong password", "maria", "blue kettle evening", http.StatusBadRequest},
		{"no such name", "mario", "blue kettle morning", http.StatusBadRequest},
		{"empty", "", "", http.StatusBadRequest},
		{"right, in other case", "MARIA", "blue kettle morning", http.StatusSeeOther},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, loc, page := b.form("/signin", url.Values{"name": {tt.user}, "password": {tt.password}, "next": {"/journal"}})
			if code != tt.want {
				t.Fatalf("status = %d, want %d: %s", code, tt.want, page)
			}
			if code == http.StatusSeeOther && loc != "/journal" {
				t.Errorf("Location = %q, want /journal", loc)
			}
			if code == http.StatusBadRequest && !strings.Contains(page, "don&#39;t match an account") {
				t.Errorf("page does not say the name and password don't match: %s", page)
			}
		})
	}
	if !b.signedIn() {
		t.Error("the right password did not sign in")
	}

	// The recovery code signs in once, sets a new password and ends
	// every other sign-in.
	other := newBrowserClient(t, ts.URL)
	other.form("/signin", url.Values{"name": {"maria"}, "password": {"blue kettle morning"}})
	if !other.signedIn() {
		t.Fatal("second browser could not sign in")
	}
	c := newBrowserClient(t, ts.URL)
	code, _, page = c.form("/signin/recover", url.Values{"name": {"maria"}, "code": {strings.ToUpper(recovery[1])}, "password": {"green teapot night"}})
	if code != http.StatusOK || !strings.Contains(page, "new recovery code") {
		t.Fatalf("recovery = %d: %s", code, page)
	}
	if !c.signedIn() || b.signedIn() || other.signedIn() {
		t.Errorf("after recovery: this browser signed in %v, the others %v %v; want true, false, false", c.signedIn(), b.signedIn(), other.signedIn())
	}
	if code, _, _ := newBrowserClient(t, ts.URL).form("/signin/recover", url.Values{"name": {"maria"}, "code": {recovery[1]}, "password": {"another long one"}}); code != http.StatusBadRequest {
		t.Errorf("a used recovery code = %d, want 400", code)
	}
	if code, _, _ := newBrowserClient(t, ts.URL).form("/signin", url.Values{"name": {"maria"}, "password": {"green teapot night"}}); code != http.StatusSeeOther {
		t.Errorf("the new password = %d, want 303", code)
	}
}

func TestNewPasswordRules(t *testing.T) {
	for _, tt := range []struct {
		name, password string
		ok             bool
	}{
		{"seven characters", "abcdefg", false},
		{"eight characters", "abcdefgh", false}, // on the common list
		{"eight of one's own", "tq8!mzpa", true},
		{"a common one", "Password1", false},
		{"the name", "maria.lopez", false},
		{"words with spaces", "correct horse battery", true},
		{"accented letters count once", "ñañañañá", true},
		{"too long", strings.Repeat("x", 257), false},
		{"not text", "abc\xffdefgh", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := checkNewPassword(tt.password, "maria.lopez")
			if (err == nil) != tt.ok {
				t.Errorf("checkNewPassword(%q) = %v, want ok %v", tt.password, err, tt.ok)
			}
		})
	}
}

func TestPasswordHash(t *testing.T) {
	ctx := context.Background()
	h, err := hashPassword(ctx, "blue kettle morning")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := hashPassword(ctx, "blue kettle morning")
	if h == h2 {
		t.Error("two hashes of one password are the same: no salt")
	}
	for _, tt := range []struct {
		name, password, hash string
		ok, fails            bool
	}{
		{"right", "blue kettle morning", h, true, false},
		{"wrong", "blue kettle mornin", h, false, false},
		{"not argon2id", "x", "$2y$10$abcdefghijklmnopqrstuv", false, true},
		{"damaged", "x", "$argon2id$v=19$m=19456,t=2,p=1$!!$!!", false, true},
		{"huge memory", "x", "$argon2id$v=19$m=99999999,t=2,p=1$YWJj$YWJj", false, true},
		{"the dummy", "anything", dummyHash, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := verifyPassword(ctx, tt.password, tt.hash)
			if ok != tt.ok || (err != nil) != tt.fails {
				t.Errorf("verifyPassword = %v, %v; want %v, error %v", ok, err, tt.ok, tt.fails)
			}
		})
	}
}

func TestSignInThrottle(t *testing.T) {
	clock := &manualClock{t: testNow}
	ts, j := newTestServer(t, func(d *Deps) { d.Now = clock.now })
	hash, _ := hashPassword(t.Context(), "blue kettle morning")
	if _, err := j.UpdateAccount(t.Context(), backcare.LocalUser, func(a *backcare.Account) error { a.PasswordHash = hash; return nil }); err != nil {
		t.Fatal(err)
	}
	b := newBrowserClient(t, ts.URL)
	try := func(password string) (int, string) {
		code, _, page := b.form("/signin", url.Values{"name": {"local"}, "password": {password}})
		return code, page
	}
	for i := range maxFailAccount {
		if code, _ := try("wrong guess " + string(rune('a'+i))); code != http.StatusBadRequest {
			t.Fatalf("wrong try %d = %d, want 400", i+1, code)
		}
		clock.add(time.Minute)
	}
	code, page := try("blue kettle morning")
	if code != http.StatusTooManyRequests || !strings.Contains(page, "too many wrong tries") {
		t.Fatalf("the right password after %d wrong ones = %d, want 429 saying why: %s", maxFailAccount, code, page)
	}
	if b.signedIn() {
		t.Fatal("a throttled sign-in signed in")
	}
	// The pause ends when the oldest failure is a quarter of an hour old.
	clock.add(failWindow - time.Duration(maxFailAccount-1)*time.Minute)
	if code, _ := try("blue kettle morning"); code != http.StatusSeeOther {
		t.Fatalf("after the pause = %d, want 303", code)
	}
	// A success forgets the account's failures.
	if n, _ := j.Failures(t.Context(), "account:local", testNow); n != 0 {
		t.Errorf("failures after a success = %d, want 0", n)
	}

	// One address guessing many names is paused too.
	c := newBrowserClient(t, ts.URL)
	for i := range maxFailAddress {
		c.form("/signin", url.Values{"name": {"name" + string(rune('a'+i))}, "password": {"whatever it is"}})
	}
	if code, _, _ := c.form("/signin", url.Values{"name": {"local"}, "password": {"blue kettle morning"}}); code != http.StatusTooManyRequests {
		t.Errorf("after %d wrong names from one address = %d, want 429", maxFailAddress, code)
	}
}

func TestCookieFlags(t *testing.T) {
	for _, tt := range []struct {
		name       string
		tls        bool
		cookie     string
		secure     bool
		wantHSTS   bool
		proxyHTTPS bool
	}{
		{"plain HTTP", false, cookiePlain, false, false, false},
		{"HTTPS", true, cookieSecure, true, true, false},
		{"HTTPS at a trusted proxy", false, cookieSecure, true, true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j := newMemJournal()
			ts := httptest.NewUnstartedServer(nil)
			d := testDeps(t, j)
			d.Hosts = []string{ts.Listener.Addr().String()}
			if tt.proxyHTTPS {
				d.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
			}
			ts.Config.Handler = NewServer(d)
			if tt.tls {
				ts.StartTLS()
			} else {
				ts.Start()
			}
			defer ts.Close()
			link, err := IssueLink(t.Context(), j, backcare.TicketSignInLink, backcare.LocalUser, ts.URL, testNow, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			token := strings.SplitN(link, "token=", 2)[1]
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/signin/link", strings.NewReader("token="+token))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			if tt.proxyHTTPS {
				req.Header.Set("X-Forwarded-Proto", "https")
			}
			c := ts.Client()
			c.Transport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the test server's own certificate
			c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
			res, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_ = res.Body.Close()
			cs := res.Cookies()
			if res.StatusCode != http.StatusSeeOther || len(cs) != 1 {
				t.Fatalf("redeeming the link = %d with %d cookies, want 303 and one", res.StatusCode, len(cs))
			}
			ck := cs[0]
			if ck.Name != tt.cookie || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Domain != "" || ck.Secure != tt.secure {
				t.Errorf("cookie = %+v, want %s, HttpOnly, SameSite=Lax, Path=/, no Domain, Secure %v", ck, tt.cookie, tt.secure)
			}
			if got := res.Header.Get("Strict-Transport-Security") != ""; got != tt.wantHSTS {
				t.Errorf("HSTS = %v, want %v", got, tt.wantHSTS)
			}
			// Only the token's hash is kept.
			for _, si := range mustSignIns(t, j) {
				if string(si.TokenHash) == ck.Value || strings.Contains(string(si.TokenHash), ck.Value) {
					t.Error("the journal keeps the token itself")
				}
			}
			if _, _, err := j.SignInByToken(t.Context(), backcare.TokenHash(ck.Value)); err != nil {
				t.Errorf("the token's hash is not kept: %v", err)
			}
		})
	}
}

func mustSignIns(t *testing.T, j *memJournal) []*backcare.SignIn {
	t.Helper()
	sis, err := j.SignIns(t.Context(), backcare.LocalUser)
	if err != nil {
		t.Fatal(err)
	}
	return sis
}

// testDeps are newTestServer's dependencies, for tests that start the
// server themselves.
func testDeps(t *testing.T, j *memJournal) Deps {
	var d Deps
	newTestServerDeps(t, j, &d)
	return d
}

func TestOneTimeLinks(t *testing.T) {
	ts, j := newTestServer(t, func(d *Deps) { d.PhoneURL = "" })
	for _, kind := range []backcare.TicketKind{backcare.TicketSignInLink, backcare.TicketPairing} {
		t.Run(string(kind), func(t *testing.T) {
			link, err := IssueLink(t.Context(), j, kind, backcare.LocalUser, ts.URL+"/", time.Now(), time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			path := strings.TrimPrefix(link, ts.URL)
			b := newBrowserClient(t, ts.URL)
			// Opening the link changes nothing (a preview may open it).
			code, _, page := b.get(path)
			if code != http.StatusOK || !strings.Contains(page, `id="link-form"`) || b.signedIn() {
				t.Fatalf("GET the link = %d, signed in %v; want the page with its form and no sign-in", code, b.signedIn())
			}
			token := regexp.MustCompile(`name="token" value="([^"]+)"`).FindStringSubmatch(page)[1]
			if code, loc, _ := b.form("/signin/link", url.Values{"token": {token}}); code != http.StatusSeeOther || loc != "/" {
				t.Fatalf("redeem = %d %s, want 303 to /", code, loc)
			}
			if !b.signedIn() {
				t.Fatal("the link did not sign in")
			}
			again := newBrowserClient(t, ts.URL)
			code, _, page = again.form("/signin/link", url.Values{"token": {token}})
			if code != http.StatusNotFound || !strings.Contains(page, "been used already") || again.signedIn() {
				t.Errorf("second use = %d, signed in %v; want 404 and no sign-in", code, again.signedIn())
			}
		})
	}
	t.Run("expired", func(t *testing.T) {
		link, _ := IssueLink(t.Context(), j, backcare.TicketPairing, backcare.LocalUser, ts.URL, j.now().Add(-time.Hour), PairingTTL)
		token := strings.SplitN(link, "token=", 2)[1]
		b := newBrowserClient(t, ts.URL)
		if code, _, _ := b.form("/signin/link", url.Values{"token": {token}}); code != http.StatusNotFound || b.signedIn() {
			t.Errorf("an expired link = %d, signed in %v", code, b.signedIn())
		}
	})
}

func TestDevices(t *testing.T) {
	ts, j := newTestServer(t)
	hash, _ := hashPassword(t.Context(), "blue kettle morning")
	_, _ = j.UpdateAccount(t.Context(), backcare.LocalUser, func(a *backcare.Account) error { a.PasswordHash = hash; return nil })
	ids := func() map[string]bool {
		m := map[string]bool{}
		for _, si := range mustSignIns(t, j) {
			m[si.ID] = true
		}
		return m
	}
	signIn := func(b *webClient) string {
		before := ids()
		b.form("/signin", url.Values{"name": {"local"}, "password": {"blue kettle morning"}})
		for id := range ids() {
			if !before[id] {
				return id
			}
		}
		t.Fatal("signing in made no sign-in")
		return ""
	}
	phone, laptop := newBrowserClient(t, ts.URL), newBrowserClient(t, ts.URL)
	phoneID, laptopID := signIn(phone), signIn(laptop)
	code, _, page := laptop.get("/account")
	// The phone has its own "Sign out"; this device is marked, and signs
	// out with the page's "Sign out of this device".
	if code != http.StatusOK || !strings.Contains(page, "/account/signins/"+phoneID+"/end") ||
		strings.Contains(page, "/account/signins/"+laptopID+"/end") || strings.Count(page, `class="tag">this device`) != 1 {
		t.Fatalf("account page = %d, want the phone listed with its sign-out and this device marked: %s", code, page)
	}
	// Sign the phone out from the laptop.
	if code, loc, _ := laptop.form("/account/signins/"+phoneID+"/end", nil); code != http.StatusSeeOther || loc != "/account?saved=ended" {
		t.Errorf("end the phone's sign-in = %d %s", code, loc)
	}
	if phone.signedIn() || !laptop.signedIn() {
		t.Errorf("after signing the phone out: phone %v, laptop %v; want false, true", phone.signedIn(), laptop.signedIn())
	}
	// Sign out everywhere ends every sign-in, this one too.
	signIn(phone)
	if code, loc, _ := laptop.form("/account/signins/end-all", nil); code != http.StatusSeeOther || loc != "/signin" {
		t.Errorf("sign out everywhere = %d %s", code, loc)
	}
	if phone.signedIn() || laptop.signedIn() || len(mustSignIns(t, j)) != 0 {
		t.Errorf("after signing out everywhere: phone %v, laptop %v, %d sign-ins left", phone.signedIn(), laptop.signedIn(), len(mustSignIns(t, j)))
	}
}

func TestSafeNext(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"/journal", "/journal"},
		{"/play/x?y=1", "/play/x?y=1"},
		{"", "/"},
		{"https://evil.example/", "/"},
		{"//evil.example/", "/"},
		{"/\\evil.example", "/"},
		{"/signin", "/"},
		{"journal", "/"},
	} {
		if got := safeNext(tt.in); got != tt.want {
			t.Errorf("safeNext(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTrustedProxy(t *testing.T) {
	for _, tt := range []struct {
		name    string
		trusted string
		host    string
		fwdHost string
		want    int
	}{
		{"a trusted proxy names our host", "127.0.0.0/8", "10.0.0.1:9", "backcare.example", http.StatusOK},
		{"a trusted proxy names another host", "127.0.0.0/8", "backcare.example", "evil.example", http.StatusMisdirectedRequest},
		{"anyone else's X-Forwarded-Host is ignored", "192.0.2.0/24", "backcare.example", "evil.example", http.StatusOK},
		{"and can't get a foreign Host in", "192.0.2.0/24", "evil.example", "backcare.example", http.StatusMisdirectedRequest},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts, _ := newTestServer(t, func(d *Deps) {
				d.Hosts = []string{"backcare.example"}
				d.TrustedProxies = []netip.Prefix{netip.MustParsePrefix(tt.trusted)}
			})
			req, _ := http.NewRequest(http.MethodGet, ts.URL+"/healthz", nil)
			req.Host = tt.host
			req.Header.Set("X-Forwarded-Host", tt.fwdHost)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_ = res.Body.Close()
			if res.StatusCode != tt.want {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.want)
			}
		})
	}
}

func TestDeviceName(t *testing.T) {
	for _, tt := range []struct{ ua, want string }{
		{"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/140.0 Mobile Safari/537.36", "Chrome on Android"},
		{"Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1", "Safari on iPhone"},
		{"Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", "Firefox on Linux"},
		{"", "A browser"},
	} {
		if got := deviceName(tt.ua); got != tt.want {
			t.Errorf("deviceName(%q) = %q, want %q", tt.ua, got, tt.want)
		}
	}
}

// TestKeptForAnotherAccount: a request the outbox kept for one account
// (its Backcare-Account header) is refused with 401, writing nothing, when
// another account is signed in on the browser by now; sent for the account
// signed in, it goes through.
func TestKeptForAnotherAccount(t *testing.T) {
	j := newMemJournal()
	d := testDeps(t, j)
	d.Hosts = []string{"example.com"} // httptest.NewRequest's host
	h := NewServer(d)
	start := func(kept string) (int, string) {
		req := httptest.NewRequest(http.MethodPost, "/api/sessions",
			strings.NewReader(`{"id":"`+backcare.NewID()+`","routine_id":"lower-back-relief","pain_before":4}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set(accountHeader, kept)
		req.AddCookie(signInCookie)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		b, _ := io.ReadAll(w.Result().Body)
		return w.Code, string(b)
	}
	for _, kept := range []string{"other", "Zo%C3%AB", "%zz", "local%20"} {
		code, body := start(kept)
		if code != http.StatusUnauthorized || !strings.Contains(body, "another account") {
			t.Errorf("kept for %q: %d %s, want 401 saying it was kept for another account", kept, code, body)
		}
	}
	if all, _ := j.Sessions(t.Context(), backcare.LocalUser, backcare.Filter{}); len(all) != 0 {
		t.Fatalf("requests kept for other accounts saved %d sessions, want none", len(all))
	}
	if code, body := start("local"); code != http.StatusCreated {
		t.Fatalf("kept for the account signed in: %d %s, want 201", code, body)
	}
}
