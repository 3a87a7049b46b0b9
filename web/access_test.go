package web

import (
	"io"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"backcare"
)

// route is one request to a route of routes.go, as a browser of the app
// would make it.
type route struct {
	pattern string // as written in routes.go
	method  string
	path    string
	ctype   string
	body    string
	ownID   bool // the path names a record of the local account: others get 404
}

// privateRoutes are the routes that read or write a journal, with a
// request each, naming the local account's records where they take an id.
func privateRoutes(sessionID string) []route {
	form := "application/x-www-form-urlencoded"
	js := "application/json"
	return []route{
		{pattern: "GET /{$}", method: "GET", path: "/"},
		{pattern: "GET /routines", method: "GET", path: "/routines"},
		{pattern: "GET /routines/{id}", method: "GET", path: "/routines/lower-back-relief"},
		{pattern: "GET /routines/{id}/chart.pdf", method: "GET", path: "/routines/lower-back-relief/chart.pdf"},
		{pattern: "GET /play/{id}", method: "GET", path: "/play/lower-back-relief"},
		{pattern: "GET /journal", method: "GET", path: "/journal"},
		{pattern: "GET /learn", method: "GET", path: "/learn"},
		{pattern: "GET /safety", method: "GET", path: "/safety"},
		{pattern: "POST /safety", method: "POST", path: "/safety", ctype: form, body: answers()},
		{pattern: "POST /safety/cleared", method: "POST", path: "/safety/cleared", ctype: form, body: "by=Dr+Who"},
		{pattern: "GET /peg", method: "GET", path: "/peg"},
		{pattern: "POST /peg", method: "POST", path: "/peg", ctype: form, body: "pain=3&enjoyment=2&activity=2"},
		{pattern: "GET /calendar.ics", method: "GET", path: "/calendar.ics"},
		{pattern: "GET /settings", method: "GET", path: "/settings"},
		{pattern: "POST /settings", method: "POST", path: "/settings", ctype: form, body: "hold=20&prepare=5"},
		{pattern: "GET /sessions/{id}/finish", method: "GET", path: "/sessions/" + sessionID + "/finish", ownID: true},
		{pattern: "POST /sessions/{id}/finish", method: "POST", path: "/sessions/" + sessionID + "/finish", ctype: form,
			body: "pain_after=2&intensity=5&note=mine", ownID: true},
		{pattern: "GET /sessions/unfinished", method: "GET", path: "/sessions/unfinished"},
		{pattern: "POST /sessions/unfinished", method: "POST", path: "/sessions/unfinished", ctype: form, body: "action=discard&id=" + sessionID},
		{pattern: "GET /sessions/{id}/edit", method: "GET", path: "/sessions/" + sessionID + "/edit", ownID: true},
		{pattern: "POST /sessions/{id}/edit", method: "POST", path: "/sessions/" + sessionID + "/edit", ctype: form,
			body: "pain_before=1&pain_after=1&intensity=5&note=changed", ownID: true},
		{pattern: "POST /sessions/{id}/delete", method: "POST", path: "/sessions/" + sessionID + "/delete", ctype: form, body: "confirm=yes", ownID: true},
		{pattern: "GET /export/journal.json", method: "GET", path: "/export/journal.json"},
		{pattern: "GET /export/journal.csv", method: "GET", path: "/export/journal.csv"},
		{pattern: "POST /settings/import", method: "POST", path: "/settings/import", ctype: "multipart/form-data; boundary=x",
			body: "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.json\"\r\n\r\n{}\r\n--x--\r\n"},
		{pattern: "POST /settings/delete", method: "POST", path: "/settings/delete", ctype: form, body: "confirm=delete+everything"},
		{pattern: "GET /api/routines/{id}/timeline", method: "GET", path: "/api/routines/lower-back-relief/timeline"},
		{pattern: "POST /api/sessions", method: "POST", path: "/api/sessions", ctype: js,
			body: `{"routine_id":"lower-back-relief","pain_before":3}`},
		{pattern: "GET /api/sessions/{id}", method: "GET", path: "/api/sessions/" + sessionID, ownID: true},
		{pattern: "PUT /api/sessions/{id}", method: "PUT", path: "/api/sessions/" + sessionID, ctype: js,
			body: `{"status":"abandoned","segments":[]}`, ownID: true},
		{pattern: "GET /account", method: "GET", path: "/account"},
		{pattern: "POST /account/password", method: "POST", path: "/account/password", ctype: form, body: "password=a+long+new+password"},
		{pattern: "POST /account/zone", method: "POST", path: "/account/zone", ctype: form, body: "zone=Europe%2FParis"},
		{pattern: "POST /account/recovery", method: "POST", path: "/account/recovery"},
		{pattern: "POST /account/passkeys/{id}/remove", method: "POST", path: "/account/passkeys/6b6579/remove", ownID: true},
		{pattern: "POST /account/signins/{id}/end", method: "POST", path: "/account/signins/test-browser/end", ownID: true},
		{pattern: "POST /api/passkeys/add/options", method: "POST", path: "/api/passkeys/add/options", ctype: js, body: `{}`},
		{pattern: "POST /api/passkeys/add", method: "POST", path: "/api/passkeys/add", ctype: js, body: `{"ticket":"x","credential":{}}`},
		{pattern: "GET /pair", method: "GET", path: "/pair"},
		{pattern: "POST /pair", method: "POST", path: "/pair"},
		// Clinic mode: clinic_test.go sends these, naming a real clinic and
		// patient, as everyone who may not use them.
		{pattern: "GET /admin/clinics", method: "GET", path: "/admin/clinics"},
		{pattern: "POST /admin/clinics", method: "POST", path: "/admin/clinics", ctype: form, body: "name=A+clinic"},
		{pattern: "POST /admin/clinics/{id}/clinicians", method: "POST", path: "/admin/clinics/c1/clinicians", ctype: form, body: "name=doc"},
		{pattern: "GET /admin/clinics/{id}/clinicians/{account}/remove", method: "GET", path: "/admin/clinics/c1/clinicians/doc/remove"},
		{pattern: "POST /admin/clinics/{id}/clinicians/{account}/remove", method: "POST", path: "/admin/clinics/c1/clinicians/doc/remove", ctype: form, body: "confirm=yes"},
		{pattern: "GET /admin/audit.csv", method: "GET", path: "/admin/audit.csv"},
		{pattern: "GET /clinic", method: "GET", path: "/clinic"},
		{pattern: "POST /clinic/{clinic}/invites", method: "POST", path: "/clinic/c1/invites"},
		{pattern: "GET /clinic/invites/{clinic}", method: "GET", path: "/clinic/invites/c1"},
		{pattern: "POST /clinic/invites/{clinic}/{invite}/cancel", method: "POST", path: "/clinic/invites/c1/00ff/cancel"},
		{pattern: "GET /clinic/patients/{id}", method: "GET", path: "/clinic/patients/local"},
		{pattern: "GET /clinic/patients/{id}/programme", method: "GET", path: "/clinic/patients/local/programme"},
		{pattern: "POST /clinic/patients/{id}/programme", method: "POST", path: "/clinic/patients/local/programme", ctype: form, body: "routine=lower-back-relief&days=3&start=2026-03-01"},
		{pattern: "GET /clinic/patients/{id}/handout/{routine}", method: "GET", path: "/clinic/patients/local/handout/lower-back-relief"},
		{pattern: "POST /clinic/patients/{id}/flags", method: "POST", path: "/clinic/patients/local/flags", ctype: form, body: "kind=flare&ref=x"},
		{pattern: "POST /clinic/patients/{id}/screenings/{sid}/clear", method: "POST", path: "/clinic/patients/local/screenings/x/clear"},
		{pattern: "GET /clinic-library/{clinic}", method: "GET", path: "/clinic-library/c1"},
		{pattern: "GET /clinic-library/{clinic}/new", method: "GET", path: "/clinic-library/c1/new?kind=pose"},
		{pattern: "POST /clinic-library/{clinic}", method: "POST", path: "/clinic-library/c1", ctype: form, body: "kind_of=pose&id=mine&name=Mine"},
		{pattern: "GET /clinic-library/{clinic}/{kind}/{id}", method: "GET", path: "/clinic-library/c1/pose/mine"},
		{pattern: "POST /clinic-library/{clinic}/{kind}/{id}", method: "POST", path: "/clinic-library/c1/pose/mine", ctype: form, body: "version=1&name=Mine"},
		{pattern: "POST /clinic-library/{clinic}/{kind}/{id}/delete", method: "POST", path: "/clinic-library/c1/pose/mine/delete", ctype: form, body: "version=1"},
		{pattern: "GET /join", method: "GET", path: "/join?code=ABCD-EFGH-JKMN"},
		{pattern: "POST /join", method: "POST", path: "/join", ctype: form, body: "code=ABCD-EFGH-JKMN"},
		{pattern: "GET /my-clinic", method: "GET", path: "/my-clinic"},
		{pattern: "POST /my-clinic/leave", method: "POST", path: "/my-clinic/leave"},
		// Last: they end the sign-in the others use.
		{pattern: "POST /account/signins/end-all", method: "POST", path: "/account/signins/end-all"},
		{pattern: "POST /signout", method: "POST", path: "/signout"},
	}
}

// publicRoutes are open to everyone who reaches the server, but not to a
// foreign Host.
var publicRoutes = []route{
	{pattern: "GET /signin", method: "GET", path: "/signin"},
	{pattern: "POST /signin", method: "POST", path: "/signin", ctype: "application/x-www-form-urlencoded", body: "name=local&password=x"},
	{pattern: "GET /signup", method: "GET", path: "/signup"},
	{pattern: "POST /signup", method: "POST", path: "/signup", ctype: "application/x-www-form-urlencoded", body: "name=someone&password=long+enough+words"},
	{pattern: "GET /signin/recover", method: "GET", path: "/signin/recover"},
	{pattern: "POST /signin/recover", method: "POST", path: "/signin/recover", ctype: "application/x-www-form-urlencoded", body: "name=local&code=x&password=long+enough+words"},
	{pattern: `"GET "+signInLinkPath`, method: "GET", path: "/signin/link?token=x"},
	{pattern: `"POST "+signInLinkPath`, method: "POST", path: "/signin/link", ctype: "application/x-www-form-urlencoded", body: "token=x"},
	{pattern: "POST /api/passkeys/signin/options", method: "POST", path: "/api/passkeys/signin/options", ctype: "application/json", body: `{}`},
	{pattern: "POST /api/passkeys/signin", method: "POST", path: "/api/passkeys/signin", ctype: "application/json", body: `{}`},
	{pattern: "POST /api/passkeys/signup/options", method: "POST", path: "/api/passkeys/signup/options", ctype: "application/json", body: `{"name":"x"}`},
	{pattern: "POST /api/passkeys/signup", method: "POST", path: "/api/passkeys/signup", ctype: "application/json", body: `{}`},
	{pattern: "GET /healthz", method: "GET", path: "/healthz"},
	{pattern: "GET /sw.js", method: "GET", path: "/sw.js"},
	{pattern: "GET /manifest.webmanifest", method: "GET", path: "/manifest.webmanifest"},
	{pattern: "GET /favicon.ico", method: "GET", path: "/favicon.ico"},
	{pattern: "GET /robots.txt", method: "GET", path: "/robots.txt"},
	{pattern: "GET /static/{name}", method: "GET", path: "/static/app.css"},
	{pattern: `"/"`, method: "GET", path: "/no-such-page"},
}

// TestRoutesCovered keeps the access tests complete: every route in
// routes.go is in privateRoutes or publicRoutes.
func TestRoutesCovered(t *testing.T) {
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, r := range append(privateRoutes("x"), publicRoutes...) {
		listed = append(listed, r.pattern)
	}
	re := regexp.MustCompile(`(?m)^\s*(?:private\(|m\.HandleFunc\()("[^"]*"(?:\+\w+)?)`)
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		p := m[1]
		if !strings.Contains(p, "+") {
			p = strings.Trim(p, `"`)
		}
		if p == "/" {
			p = `"/"`
		}
		if !slices.Contains(listed, p) {
			t.Errorf("route %s is in routes.go but not in the access tests", p)
		}
	}
	private := regexp.MustCompile(`private\("([^"]*)"`).FindAllStringSubmatch(string(src), -1)
	if len(private) != len(privateRoutes("x")) {
		t.Errorf("routes.go has %d signed-in routes, the access test %d", len(private), len(privateRoutes("x")))
	}
}

const (
	otherToken  = "token-of-the-other-account"
	privateNote = "my knee clicks when I lunge"
)

// newAccessFixture is a server whose local account has a session with a
// note, settings and a passkey, and a second account "other" signed in on
// another browser. It returns the server's URL, its journal and the local
// session's id.
func newAccessFixture(t *testing.T) (string, *memJournal, string) {
	t.Helper()
	ts, j := newTestServer(t, func(d *Deps) {
		d.Chart = func(w io.Writer, _ backcare.Routine, _ *backcare.Handout) error {
			_, err := io.WriteString(w, "%PDF-1.7")
			return err
		}
		d.SignUp = true
	})
	ctx := t.Context()
	if err := j.AddAccount(ctx, &backcare.Account{ID: "other-id", Name: "other", Role: backcare.RolePerson, CreatedAt: testNow}); err != nil {
		t.Fatal(err)
	}
	if err := j.AddSignIn(ctx, &backcare.SignIn{ID: "other-browser", AccountID: "other-id", TokenHash: backcare.TokenHash(otherToken),
		CreatedAt: testNow, LastSeenAt: testNow, ExpiresAt: testNow.AddDate(1, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	pain := 3
	x := &backcare.Session{ID: backcare.NewID(), UserID: backcare.LocalUser, RoutineID: "lower-back-relief",
		RoutineName: "Lower back relief", StartedAt: testNow.Add(-time.Hour), Status: backcare.InProgress,
		PainBefore: &pain, Note: privateNote, Segments: []backcare.SegmentResult{}}
	if err := j.SaveSession(ctx, x); err != nil {
		t.Fatal(err)
	}
	_ = j.SaveSettings(ctx, backcare.LocalUser, backcare.Settings{Hold: 40 * time.Second, Voice: true})
	if err := j.AddPasskey(ctx, &backcare.Passkey{ID: []byte("key"), AccountID: backcare.LocalUser, Name: "Phone", Data: []byte("{}"), CreatedAt: testNow}); err != nil {
		t.Fatal(err)
	}
	return ts.URL, j, x.ID
}

// send makes one request with the given cookie token (none if empty) and
// Host (the server's own if empty).
func send(t *testing.T, base string, r route, token, host string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(r.method, base+r.path, strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	if r.ctype != "" {
		req.Header.Set("Content-Type", r.ctype)
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if host != "" {
		req.Host = host
	}
	if token != "" {
		req.AddCookie(&http.Cookie{Name: cookiePlain, Value: token})
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	return res.StatusCode, res.Header, string(b)
}

// snapshot is everything of the local account's, to prove it unchanged.
func snapshot(t *testing.T, j *memJournal) string {
	t.Helper()
	ctx := t.Context()
	ss, _ := j.Sessions(ctx, backcare.LocalUser, backcare.Filter{})
	sc, _ := j.Screenings(ctx, backcare.LocalUser, backcare.Filter{})
	pe, _ := j.PEGs(ctx, backcare.LocalUser, backcare.Filter{})
	st, _ := j.Settings(ctx, backcare.LocalUser)
	pk, _ := j.Passkeys(ctx, backcare.LocalUser)
	si, _ := j.SignIns(ctx, backcare.LocalUser)
	a, _ := j.Account(ctx, backcare.LocalUser)
	var b strings.Builder
	for _, x := range ss {
		b.WriteString(x.ID + string(x.Status) + x.Note + "|")
	}
	return b.String() + "|" + strings.Repeat("s", len(sc)) + strings.Repeat("p", len(pe)) + strings.Repeat("k", len(pk)) +
		strings.Repeat("i", len(si)) + st.Hold.String() + a.PasswordHash + string(a.RecoveryHash)
}

// TestAccess sends every route as a signed-out visitor, as another
// account, and with a foreign Host, and checks that none of them reads or
// changes the local account's journal.
func TestAccess(t *testing.T) {
	base, j, sessionID := newAccessFixture(t)
	before := snapshot(t, j)
	writes := j.writeCount()

	t.Run("signed out", func(t *testing.T) {
		for _, r := range privateRoutes(sessionID) {
			code, hd, body := send(t, base, r, "", "")
			if r.method == "GET" && !strings.HasPrefix(r.path, "/api/") {
				if code != http.StatusSeeOther || !strings.HasPrefix(hd.Get("Location"), "/signin?next=") {
					t.Errorf("%s: status = %d, Location %q, want 303 to the sign-in page", r.pattern, code, hd.Get("Location"))
				}
			} else if code != http.StatusUnauthorized {
				t.Errorf("%s: status = %d, want 401", r.pattern, code)
			}
			if strings.Contains(body, privateNote) {
				t.Errorf("%s: a signed-out visitor saw the note", r.pattern)
			}
		}
	})
	t.Run("a token that signs no one in", func(t *testing.T) {
		for _, r := range privateRoutes(sessionID) {
			if code, _, _ := send(t, base, r, "made-up-token", ""); code != http.StatusSeeOther && code != http.StatusUnauthorized {
				t.Errorf("%s: status = %d, want 303 or 401", r.pattern, code)
			}
		}
	})
	t.Run("foreign host", func(t *testing.T) {
		for _, r := range append(privateRoutes(sessionID), publicRoutes...) {
			for _, host := range []string{"evil.example", "evil.example:" + strings.Split(base, ":")[2], "localhost.evil.example"} {
				code, _, body := send(t, base, r, testToken, host)
				if code != http.StatusMisdirectedRequest {
					t.Errorf("%s with Host %s: status = %d, want 421", r.pattern, host, code)
				}
				if strings.Contains(body, privateNote) {
					t.Errorf("%s with Host %s: the answer holds the note", r.pattern, host)
				}
			}
		}
	})
	if got := snapshot(t, j); got != before {
		t.Errorf("the local journal changed:\n got %s\nwant %s", got, before)
	}
	if got := j.writeCount(); got != writes {
		t.Errorf("journal writes = %d, want %d", got, writes)
	}

	t.Run("another account", func(t *testing.T) {
		for _, r := range privateRoutes(sessionID) {
			code, _, body := send(t, base, r, otherToken, "")
			if r.ownID && code != http.StatusNotFound {
				t.Errorf("%s: status = %d, want 404 for the local account's record", r.pattern, code)
			}
			if code >= 500 {
				t.Errorf("%s: status = %d", r.pattern, code)
			}
			if strings.Contains(body, privateNote) {
				t.Errorf("%s: the other account saw the local account's note", r.pattern)
			}
		}
	})
	if got := snapshot(t, j); got != before {
		t.Errorf("another account changed the local journal:\n got %s\nwant %s", got, before)
	}
	// And the local account itself still sees its note.
	if code, _, body := send(t, base, route{method: "GET", path: "/sessions/" + sessionID + "/finish"}, testToken, ""); code != 200 || !strings.Contains(body, "Finish") {
		t.Errorf("local account's finish page = %d, want 200", code)
	}
}
