package web

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"backcare"
	"backcare/catalog"
)

// fuzzRoutes is every route that reads a form, a query or JSON. {id} is
// replaced by a session in progress.
var fuzzRoutes = []struct{ method, path string }{
	{"POST", "/settings"},
	{"POST", "/safety"},
	{"POST", "/safety/cleared"},
	{"POST", "/peg"},
	{"POST", "/sessions/{id}/finish"},
	{"POST", "/api/sessions"},
	{"PUT", "/api/sessions/{id}"},
	{"GET", "/api/sessions/{id}"},
	{"GET", "/api/routines/lower-back-relief/timeline"},
	{"GET", "/calendar.ics"},
	{"GET", "/settings"},
	{"POST", "/signin"},
	{"POST", "/signup"},
	{"POST", "/signin/recover"},
	{"POST", "/signin/link"},
	{"GET", "/signin/link"},
	{"POST", "/account/password"},
	{"POST", "/account/recovery"},
	{"POST", "/pair"},
	{"POST", "/api/passkeys/signin/options"},
	{"POST", "/api/passkeys/signin"},
	{"POST", "/api/passkeys/signup/options"},
	{"POST", "/api/passkeys/signup"},
	{"POST", "/api/passkeys/add/options"},
	{"POST", "/api/passkeys/add"},
}

var fuzzTypes = []string{"application/x-www-form-urlencoded", "application/json", "text/plain", ""}

// fuzzSend makes one request to the app as a browser on the same site would,
// and returns the answer. It is the one place the fuzz test makes
// requests, signed in as the local account.
func fuzzSend(h http.Handler, method, path, ctype, body string) *httptest.ResponseRecorder {
	var rd io.Reader
	if method != "GET" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, "http://127.0.0.1"+path, rd)
	if method == "GET" {
		req.URL.RawQuery = body // a form sent by GET, as the calendar's is
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(signInCookie) // signed in to the local account
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// FuzzHTTP sends arbitrary bodies, of each content type, to every route
// that reads input. No answer may be a 5xx, and an answer of 4xx must have
// saved nothing.
func FuzzHTTP(f *testing.F) {
	seeds := []struct {
		route, ctype int
		body         string
	}{
		{0, 0, "hold=30&prepare=10&voice=on&beeps=on&voice_name=x"},
		{0, 0, "hold=36028797018963998&prepare=10"},
		{0, 0, "x=%zz"},
		{1, 0, "x=%zz"},
		{2, 0, "confirm=yes"},
		{3, 0, "pain=3&enjoyment=4&activity=5"},
		{4, 0, "pain_after=2&intensity=5&note=ok"},
		{4, 0, "pain_after=2&note=%ff"},
		{5, 1, `{"routine_id":"lower-back-relief","pain_before":4}`},
		{5, 1, `{"routine_id":"lower-back-relief","pain_before":"a lot"}`},
		{6, 1, `{"status":"in_progress","segments":[{"index":0,"kind":"prepare","pose":"standing-psoas-lunge","side":"left","planned_ms":15000,"held_ms":15000,"skipped":false}]}`},
		{6, 1, `{"status":"in_progress","segments":[{"index":0,"kind":"prepare","planned_ms":288230376151771424,"held_ms":0}]}`},
		{6, 1, "{\"status\":\"completed\",\"pain_after\":2,\"note\":\"a\xffb\"}"},
		{6, 1, `{"status":"completed","pain_after":2,"intensity":5,"note":"easier"}`},
		{9, 0, "at=07:30&strength_at=18:00&remind=15m&weeks=4&tz=Europe/London"},
		{9, 0, "weeks=99999999999999999999"},
		{11, 0, "name=local&password=%zz"},
		{12, 0, "name=a%ffb&password=long+enough+here"},
		{13, 0, "name=local&code=x&password=%"},
		{14, 0, "token=%zz"},
		{15, 0, "token=x&token=y"},
		{16, 0, "current=&password=sixteen+letters"},
		{20, 1, `{"ticket":"x","credential":{"id":1}}`},
		{21, 1, `{"name":"a\ud800"}`},
		{24, 1, `{"ticket":"","credential":null}`},
	}
	for _, s := range seeds {
		f.Add(uint8(s.route), uint8(s.ctype), s.body)
	}
	h, j := newFuzzServer(f)
	f.Fuzz(func(t *testing.T, route, ctype uint8, body string) {
		rt := fuzzRoutes[int(route)%len(fuzzRoutes)]
		ct := fuzzTypes[int(ctype)%len(fuzzTypes)]
		// Each input starts from the same journal: one screening, then a
		// session in progress.
		j.mu.Lock()
		j.sessions, j.pegs, j.screenings = map[string]backcare.Session{}, nil, j.screenings[:1]
		j.settings = map[string]backcare.Settings{}
		j.mu.Unlock()
		start := fuzzSend(h, "POST", "/api/sessions", "application/json", `{"routine_id":"lower-back-relief","pain_before":4}`)
		if start.Code != http.StatusCreated {
			t.Fatalf("start a session: %d %s", start.Code, start.Body)
		}
		var x sessionJSON
		if err := json.Unmarshal(start.Body.Bytes(), &x); err != nil {
			t.Fatal(err)
		}
		before := j.writeCount()
		saved, _ := j.Session(t.Context(), backcare.LocalUser, x.ID)
		settings, _ := j.Settings(t.Context(), backcare.LocalUser)
		w := fuzzSend(h, rt.method, strings.ReplaceAll(rt.path, "{id}", x.ID), ct, body)
		if w.Code >= 500 {
			t.Fatalf("%s %s (%s) %q = %d: %s", rt.method, rt.path, ct, body, w.Code, w.Body)
		}
		if w.Code >= 400 {
			if after := j.writeCount(); after != before {
				t.Errorf("%s %s %q = %d, and wrote %d time(s) to the journal", rt.method, rt.path, body, w.Code, after-before)
			}
			now, _ := j.Session(t.Context(), backcare.LocalUser, x.ID)
			if now.Status != saved.Status || len(now.Segments) != len(saved.Segments) || now.Note != saved.Note {
				t.Errorf("%s %s %q = %d, and changed the session", rt.method, rt.path, body, w.Code)
			}
			if st, _ := j.Settings(t.Context(), backcare.LocalUser); st != settings {
				t.Errorf("%s %s %q = %d, and changed the settings", rt.method, rt.path, body, w.Code)
			}
		}
	})
}

// newFuzzServer is the app over the in-memory journal, as newTestServer
// makes it but without a listening server and with a quiet log.
func newFuzzServer(tb testing.TB) (http.Handler, *memJournal) {
	tb.Helper()
	j := newMemJournal()
	_ = j.SaveScreening(tb.Context(), &backcare.Screening{ID: backcare.NewID(), UserID: backcare.LocalUser,
		At: testNow.AddDate(0, 0, -1), Reason: "first", Answers: noFlags(), Verdict: backcare.GoAhead})
	t0 := time.Now()
	j.now = func() time.Time { return testNow.Add(time.Since(t0)) }
	calendar := func(w io.Writer, req CalendarRequest) error {
		_, err := io.WriteString(w, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
		return err
	}
	h := NewServer(Deps{Catalog: catalog.Builtin(), Journal: j, Location: time.UTC, Now: j.now, Calendar: calendar,
		Hosts: []string{"127.0.0.1"}, Logger: slog.New(slog.DiscardHandler)})
	return h, j
}
