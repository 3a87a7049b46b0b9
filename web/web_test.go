package web

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/programme"
	"backcare/safety"
)

var testNow = time.Date(2026, 11, 20, 18, 30, 0, 0, time.UTC)

func newTestServer(t *testing.T, opts ...func(*Deps)) (*httptest.Server, *memJournal) {
	t.Helper()
	j := newMemJournal()
	var d Deps
	newTestServerDeps(t, j, &d)
	for _, o := range opts {
		o(&d)
	}
	ts := httptest.NewUnstartedServer(nil)
	if d.Hosts == nil {
		d.Hosts = []string{ts.Listener.Addr().String()}
	}
	ts.Config.Handler = NewServer(d)
	ts.Start()
	t.Cleanup(ts.Close)
	return ts, j
}

// newTestServerDeps fills d with the test server's dependencies around j.
func newTestServerDeps(t *testing.T, j *memJournal, d *Deps) {
	t.Helper()
	cat := catalog.Builtin()
	prog, err := programme.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	// A screening that lets sessions start: most tests are not about it.
	_ = j.SaveScreening(t.Context(), &backcare.Screening{ID: backcare.NewID(), UserID: backcare.LocalUser,
		At: testNow.AddDate(0, 0, -1), Reason: "first", Answers: noFlags(), Verdict: backcare.GoAhead})
	j.writes = 0
	// The clock starts at testNow and runs, so that what a browser does in
	// order is saved in order.
	t0 := time.Now()
	j.now = func() time.Time { return testNow.Add(time.Since(t0)) }
	*d = Deps{Catalog: cat, Journal: j, Figures: true, Programme: prog, Location: time.UTC, Now: j.now,
		Logger: slog.New(slog.NewTextHandler(testLog{t}, nil))}
}

// testToken is the sign-in token of the browser the tests play: every
// memJournal has it signed in to the local account.
const testToken = "test-token-of-the-local-account"

// signInCookie is the cookie a signed-in test browser sends.
var signInCookie = &http.Cookie{Name: cookiePlain, Value: testToken}

// reply is the part of a response the tests read.
type reply struct {
	StatusCode int
	Header     http.Header
}

// do sends a request as a browser on the same site would.
func do(t *testing.T, ts *httptest.Server, method, path, ctype string, body io.Reader) (reply, string) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(signInCookie)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	return reply{res.StatusCode, res.Header}, string(b)
}

func TestPages(t *testing.T) {
	ts, _ := newTestServer(t)
	tests := []struct {
		name, path string
		status     int
		want       string
	}{
		{"today", "/", 200, "Lower back relief"},
		{"routines", "/routines", 200, "Start Lower back relief"},
		{"routine", "/routines/lower-back-relief", 200, "Standing Psoas Lunge"},
		{"player", "/play/lower-back-relief", 200, "How much does your back hurt right now?"},
		{"journal", "/journal", 200, "Nothing here yet"},
		{"learn", "/learn", 200, "Quadratus lumborum"},
		{"safety", "/safety", 200, "Safety check"},
		{"settings", "/settings", 200, "Hold length"},
		{"weekly check-in", "/peg", 200, "Over the past week, how much has pain got in the way of your enjoyment of life?"},
		{"unknown page", "/nowhere", 404, "There is no page at /nowhere"},
		{"unknown routine", "/routines/nope", 404, "Not found"},
		{"unknown player routine", "/play/nope", 404, "Not found"},
		{"health", "/healthz", 200, "ok"},
		{"manifest", "/manifest.webmanifest", 200, `"display":"standalone"`},
		{"service worker", "/sw.js", 200, "/static/app."},
		{"favicon", "/favicon.ico", 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := do(t, ts, "GET", tt.path, "", nil)
			if res.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.status)
			}
			if !strings.Contains(body, tt.want) {
				t.Errorf("body does not contain %q", tt.want)
			}
			if got := res.Header.Get("Content-Security-Policy"); !strings.Contains(got, "script-src 'self'") || strings.Contains(got, "unsafe-inline") {
				t.Errorf("Content-Security-Policy = %q, want script-src 'self' without unsafe-inline", got)
			}
			if strings.Contains(body, "<script>") || strings.Contains(body, " style=") {
				t.Errorf("page has inline script or style")
			}
		})
	}
}

func TestStatic(t *testing.T) {
	ts, _ := newTestServer(t)
	_, page := do(t, ts, "GET", "/", "", nil)
	i := strings.Index(page, "/static/app.")
	if i < 0 {
		t.Fatal("home page links no hashed app.css")
	}
	u := page[i : i+strings.IndexByte(page[i:], '"')]
	res, _ := do(t, ts, "GET", u, "", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("GET %s = %d, Cache-Control %q; want 200 and immutable", u, res.StatusCode, res.Header.Get("Cache-Control"))
	}
	if res, _ := do(t, ts, "GET", "/static/app.0000000000.css", "", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("stale static URL status = %d, want 404", res.StatusCode)
	}
}

func TestTimeline(t *testing.T) {
	ts, j := newTestServer(t)
	j.settings[backcare.LocalUser] = backcare.Settings{Hold: 2 * time.Second, Prepare: time.Second}
	res, body := do(t, ts, "GET", "/api/routines/lower-back-relief/timeline", "", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200: %s", res.StatusCode, body)
	}
	var tl struct {
		Segments []struct {
			Kind       string `json:"kind"`
			DurationMS int64  `json:"duration_ms"`
		} `json:"segments"`
	}
	if err := json.Unmarshal([]byte(body), &tl); err != nil {
		t.Fatal(err)
	}
	for _, s := range tl.Segments {
		if s.Kind == "hold" && s.DurationMS != 2000 {
			t.Errorf("hold duration_ms = %d, want 2000 (the hold setting)", s.DurationMS)
		}
		if s.Kind == "prepare" && s.DurationMS != 1000 {
			t.Errorf("prepare duration_ms = %d, want 1000 (the prepare setting)", s.DurationMS)
		}
	}
}

func jsonBody(v any) io.Reader {
	b, _ := json.Marshal(v)
	return bytes.NewReader(b)
}

func startSession(t *testing.T, ts *httptest.Server) string {
	t.Helper()
	res, body := do(t, ts, "POST", "/api/sessions", "application/json", jsonBody(map[string]any{"routine_id": "lower-back-relief", "pain_before": 4}))
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("start: status = %d, want 201: %s", res.StatusCode, body)
	}
	var s sessionJSON
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		t.Fatal(err)
	}
	return s.ID
}

func TestSessionFlow(t *testing.T) {
	ts, j := newTestServer(t)
	id := startSession(t, ts)
	progress := map[string]any{"status": "in_progress", "segments": []map[string]any{
		{"index": 0, "kind": "prepare", "pose": "standing-psoas-lunge", "side": "left", "planned_ms": 15000, "held_ms": 15000},
		{"index": 1, "kind": "hold", "pose": "standing-psoas-lunge", "side": "left", "planned_ms": 60000, "held_ms": 20000},
	}}
	if res, body := do(t, ts, "PUT", "/api/sessions/"+id, "application/json", jsonBody(progress)); res.StatusCode != http.StatusOK {
		t.Fatalf("progress: status = %d, want 200: %s", res.StatusCode, body)
	}
	got, err := j.Session(t.Context(), backcare.LocalUser, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != backcare.InProgress || len(got.Segments) != 2 || got.Segments[1].Held != 20*time.Second {
		t.Errorf("after progress: status %s, %d segments; want in_progress with 2 and 20s held", got.Status, len(got.Segments))
	}
	// Today offers to carry on.
	if _, page := do(t, ts, "GET", "/", "", nil); !strings.Contains(page, "/play/lower-back-relief?resume="+id) {
		t.Errorf("Today does not offer to resume the unfinished session")
	}
	end := map[string]any{"status": "completed", "pain_after": 2, "intensity": 5, "note": "easier"}
	if res, body := do(t, ts, "PUT", "/api/sessions/"+id, "application/json", jsonBody(end)); res.StatusCode != http.StatusOK {
		t.Fatalf("end: status = %d, want 200: %s", res.StatusCode, body)
	}
	got, _ = j.Session(t.Context(), backcare.LocalUser, id)
	if got.Status != backcare.Completed || *got.PainAfter != 2 || *got.Intensity != 5 || got.EndedAt.IsZero() || len(got.Segments) != 2 {
		t.Errorf("after end: %+v", got)
	}
	// A finished session cannot go back to in progress.
	if res, _ := do(t, ts, "PUT", "/api/sessions/"+id, "application/json", jsonBody(progress)); res.StatusCode != http.StatusConflict {
		t.Errorf("reopening: status = %d, want 409", res.StatusCode)
	}
	if _, page := do(t, ts, "GET", "/journal", "", nil); !strings.Contains(page, "s-"+id) || !strings.Contains(page, "4 → 2") {
		t.Errorf("the journal page does not list the session with pain 4 → 2")
	}
}

// TestBadInput: every kind of bad request gets a 4xx with a clear message
// and writes nothing.
func TestBadInput(t *testing.T) {
	ts, j := newTestServer(t)
	id := startSession(t, ts)
	huge := `{"status":"completed","pain_after":1,"note":"` + strings.Repeat("x", 200<<10) + `"}`
	tests := []struct {
		name, method, path, ctype, body string
		crossSite                       bool
		status                          int
		want                            string
	}{
		{"pain 11 at check-in", "POST", "/api/sessions", "application/json", `{"routine_id":"lower-back-relief","pain_before":11}`, false, 400, "pain is a number from 0"},
		{"negative pain", "POST", "/api/sessions", "application/json", `{"routine_id":"lower-back-relief","pain_before":-1}`, false, 400, "not -1"},
		{"missing pain", "POST", "/api/sessions", "application/json", `{"routine_id":"lower-back-relief"}`, false, 400, "how much your back hurts"},
		{"missing routine", "POST", "/api/sessions", "application/json", `{"pain_before":3}`, false, 400, "which routine"},
		{"unknown routine", "POST", "/api/sessions", "application/json", `{"routine_id":"nope","pain_before":3}`, false, 404, "nope"},
		{"unknown field", "POST", "/api/sessions", "application/json", `{"routine_id":"lower-back-relief","pain_before":3,"pain":3}`, false, 400, "does not know the field"},
		{"not JSON", "POST", "/api/sessions", "application/json", `{"routine_id":`, false, 400, "not complete, valid JSON"},
		{"wrong type", "POST", "/api/sessions", "application/json", `{"routine_id":"lower-back-relief","pain_before":"a lot"}`, false, 400, "pain_before should be a whole number from 0 to 10"},
		{"a huge pain", "POST", "/api/sessions", "application/json", `{"routine_id":"lower-back-relief","pain_before":1e30}`, false, 400, "pain_before should be a whole number from 0 to 10"},
		{"not an object", "POST", "/api/sessions", "application/json", `[1]`, false, 400, "one JSON object"},
		{"form instead of JSON", "POST", "/api/sessions", "application/x-www-form-urlencoded", `pain_before=3`, false, 400, "as JSON"},
		{"huge body", "PUT", "/api/sessions/" + id, "application/json", huge, false, 413, "too large"},
		{"cross-site POST", "POST", "/api/sessions", "application/json", `{"routine_id":"lower-back-relief","pain_before":3}`, true, 403, "another site"},
		{"cross-site settings", "POST", "/settings", "application/x-www-form-urlencoded", `hold=5`, true, 403, "another site"},
		{"pain after 11", "PUT", "/api/sessions/" + id, "application/json", `{"status":"completed","pain_after":11}`, false, 400, "not 11"},
		{"note too long", "PUT", "/api/sessions/" + id, "application/json", `{"status":"completed","pain_after":2,"note":"` + strings.Repeat("x", 2001) + `"}`, false, 400, "under 2000"},
		{"stretch 12", "PUT", "/api/sessions/" + id, "application/json", `{"status":"completed","pain_after":2,"intensity":12}`, false, 400, "how strong the stretch felt"},
		{"bad status", "PUT", "/api/sessions/" + id, "application/json", `{"status":"done","pain_after":2}`, false, 400, "not a session status"},
		{"missing status", "PUT", "/api/sessions/" + id, "application/json", `{"pain_after":2}`, false, 400, "status"},
		{"segment of another routine", "PUT", "/api/sessions/" + id, "application/json", `{"status":"in_progress","segments":[{"index":0,"kind":"hold","pose":"bird-dog","planned_ms":1000,"held_ms":1000}]}`, false, 400, "not in Lower back relief"},
		{"segments out of order", "PUT", "/api/sessions/" + id, "application/json", `{"status":"in_progress","segments":[{"index":2,"kind":"hold","planned_ms":1000,"held_ms":0},{"index":1,"kind":"hold","planned_ms":1000,"held_ms":0}]}`, false, 400, "in order"},
		{"unknown session", "PUT", "/api/sessions/nope", "application/json", `{"status":"in_progress"}`, false, 404, ""},
		{"settings hold too long", "POST", "/settings", "application/x-www-form-urlencoded", `hold=9999&prepare=10`, false, 400, "hold length is a number of seconds"},
		{"settings prepare not a number", "POST", "/settings", "application/x-www-form-urlencoded", `hold=30&prepare=soon`, false, 400, "time to get ready"},
		{"finish with pain 11", "POST", "/sessions/" + id + "/finish", "application/x-www-form-urlencoded", `pain_after=11`, false, 400, "from 0 to 10"},
		{"finish without pain", "POST", "/sessions/" + id + "/finish", "application/x-www-form-urlencoded", `intensity=5`, false, 400, "Please choose a number"},

		// Malformed form encoding is the person's mistake (or a tool's), not
		// the server's: 400, naming the field.
		{"settings bad escape", "POST", "/settings", "application/x-www-form-urlencoded", `hold=30&prepare=%zz`, false, 400, "answer to &#34;prepare&#34; is not properly encoded"},
		{"safety bad escape", "POST", "/safety", "application/x-www-form-urlencoded", `x=%zz`, false, 400, "answer to &#34;x&#34; is not properly encoded"},
		{"clearance bad escape", "POST", "/safety/cleared", "application/x-www-form-urlencoded", `confirm=%zz`, false, 400, "&#34;confirm&#34; is not properly encoded"},
		{"peg bad escape", "POST", "/peg", "application/x-www-form-urlencoded", `pain=%zz`, false, 400, "&#34;pain&#34; is not properly encoded"},
		{"finish bad escape", "POST", "/sessions/" + id + "/finish", "application/x-www-form-urlencoded", `pain_after=2&note=%zz`, false, 400, "&#34;note&#34; is not properly encoded"},
		{"bad escape in a name", "POST", "/settings", "application/x-www-form-urlencoded", `ho%zzld=30`, false, 400, "field name"},
		{"semicolon", "POST", "/peg", "application/x-www-form-urlencoded", `pain=3;enjoyment=4`, false, 400, "separated by"},
		{"finish note not UTF-8", "POST", "/sessions/" + id + "/finish", "application/x-www-form-urlencoded", `pain_after=2&note=%ff`, false, 400, "not UTF-8"},

		// Numbers are checked before they are multiplied into durations.
		{"settings hold wraps to 30 s", "POST", "/settings", "application/x-www-form-urlencoded", `hold=36028797018963998&prepare=10`, false, 400, "hold length is a number of seconds"},
		{"settings hold wraps negative", "POST", "/settings", "application/x-www-form-urlencoded", `hold=9223372037&prepare=10`, false, 400, "hold length is a number of seconds"},
		{"settings prepare wraps", "POST", "/settings", "application/x-www-form-urlencoded", `hold=30&prepare=36028797018963998`, false, 400, "time to get ready"},
		{"planned_ms wraps", "PUT", "/api/sessions/" + id, "application/json", `{"status":"in_progress","segments":[{"index":0,"kind":"prepare","pose":"standing-psoas-lunge","side":"left","planned_ms":288230376151771424,"held_ms":0}]}`, false, 400, "out of range"},
		{"held_ms wraps", "PUT", "/api/sessions/" + id, "application/json", `{"status":"in_progress","segments":[{"index":0,"kind":"prepare","pose":"standing-psoas-lunge","side":"left","planned_ms":15000,"held_ms":288230376151771424}]}`, false, 400, "out of range"},
		{"planned_ms too big for int64", "PUT", "/api/sessions/" + id, "application/json", `{"status":"in_progress","segments":[{"index":0,"kind":"prepare","planned_ms":1e40,"held_ms":0}]}`, false, 400, "planned_ms should be a whole number of milliseconds"},

		// Text that is not UTF-8 is refused, not saved as U+FFFD.
		{"JSON note not UTF-8", "PUT", "/api/sessions/" + id, "application/json", "{\"status\":\"completed\",\"pain_after\":2,\"note\":\"a\xffb\"}", false, 400, "note has characters that are not text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := j.writeCount()
			saved, _ := j.Session(t.Context(), backcare.LocalUser, id)
			req, _ := http.NewRequest(tt.method, ts.URL+tt.path, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", tt.ctype)
			if tt.crossSite {
				req.Header.Set("Sec-Fetch-Site", "cross-site")
				req.Header.Set("Origin", "https://evil.example")
			}
			res, err := testClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			_ = res.Body.Close()
			if res.StatusCode != tt.status {
				t.Errorf("status = %d, want %d: %s", res.StatusCode, tt.status, b)
			}
			if !strings.Contains(string(b), tt.want) {
				t.Errorf("body = %s, want it to contain %q", b, tt.want)
			}
			if after := j.writeCount(); after != before {
				t.Errorf("writes = %d, want %d: bad input wrote to the journal", after, before)
			}
			now, _ := j.Session(t.Context(), backcare.LocalUser, id)
			if now.Status != saved.Status || len(now.Segments) != len(saved.Segments) {
				t.Errorf("session changed: %+v, want %+v", now, saved)
			}
		})
	}
}

func TestSettingsForm(t *testing.T) {
	ts, j := newTestServer(t)
	form := url.Values{"hold": {"30"}, "prepare": {"5"}, "voice": {"on"}, "voice_name": {"Kind Voice"}}
	res, _ := do(t, ts, "POST", "/settings", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status = %d, want 303", res.StatusCode)
	}
	got, _ := j.Settings(t.Context(), backcare.LocalUser)
	want := backcare.Settings{Hold: 30 * time.Second, Prepare: 5 * time.Second, Voice: true, VoiceName: "Kind Voice"}
	if got != want {
		t.Errorf("settings = %+v, want %+v", got, want)
	}
	_, page := do(t, ts, "GET", "/settings?saved=1", "", nil)
	if !strings.Contains(page, `value="30"`) || !strings.Contains(page, "Saved.") {
		t.Errorf("settings page does not show the saved hold of 30 and the saved note")
	}
}

func TestFinishInterrupted(t *testing.T) {
	ts, j := newTestServer(t)
	id := startSession(t, ts)
	form := url.Values{"pain_after": {"3"}, "intensity": {"4"}, "note": {"phone rang"}}
	res, body := do(t, ts, "POST", "/sessions/"+id+"/finish", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status = %d, want 303: %s", res.StatusCode, body)
	}
	got, _ := j.Session(t.Context(), backcare.LocalUser, id)
	if got.Status != backcare.Abandoned || *got.PainAfter != 3 || got.Note != "phone rang" {
		t.Errorf("session = %+v, want abandoned with pain after 3 and the note", got)
	}
	if res, _ := do(t, ts, "GET", "/sessions/"+id+"/finish", "", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("finishing twice: status = %d, want 409", res.StatusCode)
	}
}

func TestStreak(t *testing.T) {
	at := func(days int, st backcare.Status) *backcare.Session {
		return &backcare.Session{StartedAt: testNow.AddDate(0, 0, -days), Status: st}
	}
	tests := []struct {
		name     string
		sessions []*backcare.Session
		want     int
	}{
		{"none", nil, 0},
		{"today", []*backcare.Session{at(0, backcare.Completed)}, 1},
		{"yesterday and before, not yet today", []*backcare.Session{at(1, backcare.Completed), at(2, backcare.Completed)}, 2},
		{"a gap", []*backcare.Session{at(0, backcare.Completed), at(2, backcare.Completed)}, 1},
		{"stopped for pain counts", []*backcare.Session{at(0, backcare.StoppedForPain), at(1, backcare.Completed)}, 2},
		{"abandoned does not", []*backcare.Session{at(0, backcare.Abandoned)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := streak(tt.sessions, testNow); got != tt.want {
				t.Errorf("streak = %d, want %d", got, tt.want)
			}
		})
	}
}

// testLog sends the server's log to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func TestChartDownload(t *testing.T) {
	cat := catalog.Builtin()
	var asked []string
	chart := func(w io.Writer, r backcare.Routine, _ *backcare.Handout) error {
		asked = append(asked, r.ID)
		_, err := io.WriteString(w, "%PDF-1.7 "+r.Name)
		return err
	}
	for _, tt := range []struct {
		name   string
		chart  func(io.Writer, backcare.Routine, *backcare.Handout) error
		status int
		link   bool
	}{
		{"with a chart function", chart, http.StatusOK, true},
		{"without one", nil, http.StatusNotFound, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts, _ := newTestServer(t, func(d *Deps) { d.Catalog, d.Chart = cat, tt.chart })
			_, page := do(t, ts, "GET", "/routines/lower-back-relief", "", nil)
			if got := strings.Contains(page, "chart.pdf"); got != tt.link {
				t.Errorf("routine page links the chart = %v, want %v", got, tt.link)
			}
			res, body := do(t, ts, "GET", "/routines/lower-back-relief/chart.pdf", "", nil)
			if res.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.status)
			}
			if tt.link && (res.Header.Get("Content-Type") != "application/pdf" || body != "%PDF-1.7 Lower back relief" ||
				!strings.Contains(res.Header.Get("Content-Disposition"), "lower-back-relief-pose-chart.pdf")) {
				t.Errorf("chart answer: %v %q", res.Header, body)
			}
		})
	}
	if len(asked) != 1 || asked[0] != "lower-back-relief" {
		t.Errorf("chart asked for %v, want [lower-back-relief]", asked)
	}
}

// noFlags answers every red-flag question no.
func noFlags() map[string]bool {
	a := map[string]bool{}
	for _, q := range safety.Questions() {
		a[q.ID] = false
	}
	return a
}

func TestSafetyGate(t *testing.T) {
	ts, j := newTestServer(t)
	j.mu.Lock()
	j.screenings = nil // nobody has answered the questions yet
	j.mu.Unlock()
	start := func() int {
		res, _ := do(t, ts, "POST", "/api/sessions", "application/json", jsonBody(map[string]any{"routine_id": "lower-back-relief", "pain_before": 2}))
		return res.StatusCode
	}
	if got := start(); got != http.StatusForbidden {
		t.Errorf("start before any screening: status = %d, want 403", got)
	}
	if _, page := do(t, ts, "GET", "/", "", nil); !strings.Contains(page, "Answer the safety questions") {
		t.Errorf("Today does not lead to the safety questions first")
	} else {
		// Named once (the button), with one duration.
		text := strings.Join(strings.Fields(page), " ")
		if n := strings.Count(text, "safety questions"); n != 1 {
			t.Errorf("Today names the safety questions %d times, want once (the button)", n)
		}
		if !strings.Contains(text, "about two minutes") || strings.Contains(text, "It takes about a minute. Then") {
			t.Errorf("Today does not give the questions' one duration, about two minutes")
		}
	}
	qs := safety.Questions()
	answers := url.Values{}
	for _, q := range qs[1:] {
		answers.Set(q.ID, "no")
	}
	// One answer missing: 400, nothing saved.
	before := j.writeCount()
	if res, page := do(t, ts, "POST", "/safety", "application/x-www-form-urlencoded", strings.NewReader(answers.Encode())); res.StatusCode != http.StatusBadRequest || !strings.Contains(page, "Please answer yes or no.") {
		t.Errorf("missing answer: status = %d, want 400 with a message", res.StatusCode)
	}
	if j.writeCount() != before {
		t.Errorf("a screening with a missing answer was saved")
	}
	// A "see a doctor" answer closes sessions until a clinician clears them.
	var doctor string
	for _, q := range qs {
		if q.Level == backcare.Doctor {
			doctor = q.ID
			break
		}
	}
	answers.Set(qs[0].ID, "no")
	answers.Set(doctor, "yes")
	if res, _ := do(t, ts, "POST", "/safety", "application/x-www-form-urlencoded", strings.NewReader(answers.Encode())); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("screening: status = %d, want 303", res.StatusCode)
	}
	if got := start(); got != http.StatusForbidden {
		t.Errorf("start after a doctor verdict: status = %d, want 403", got)
	}
	if _, page := do(t, ts, "GET", "/safety", "", nil); !strings.Contains(page, "A clinician has cleared me") {
		t.Errorf("the safety page offers no way to record a clearance")
	}
	if res, _ := do(t, ts, "POST", "/safety/cleared", "application/x-www-form-urlencoded", strings.NewReader("")); res.StatusCode != http.StatusBadRequest {
		t.Errorf("clearance without the box ticked: status = %d, want 400", res.StatusCode)
	}
	if res, _ := do(t, ts, "POST", "/safety/cleared", "application/x-www-form-urlencoded", strings.NewReader("confirm=yes")); res.StatusCode != http.StatusSeeOther {
		t.Errorf("clearance: status = %d, want 303", res.StatusCode)
	}
	if got := start(); got != http.StatusCreated {
		t.Errorf("start after the clearance: status = %d, want 201", got)
	}
}

// TestRoutinesPageShowsSkippedFiles checks that the catalog folder's
// skipped files are listed, with their place, on the Routines page.
func TestRoutinesPageShowsSkippedFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("routines:\n  - id: x\n    nme: X\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cat, _ := catalog.Load(dir)
	ts, _ := newTestServer(t, func(d *Deps) { d.Catalog, d.CatalogProblems = cat, cat.Skipped() })
	res, body := do(t, ts, "GET", "/routines", "", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /routines = %d", res.StatusCode)
	}
	for _, want := range []string{"broken.yaml:3:5", "unknown field", "Lower back relief"} {
		if !strings.Contains(body, want) {
			t.Errorf("the Routines page lacks %q", want)
		}
	}
}

// TestStoppedToday checks when Today says a session was stopped for pain
// rather than praise a start: only when the latest session that ended did
// so, today.
func TestStoppedToday(t *testing.T) {
	now := time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)
	at := func(h int, status backcare.Status) *backcare.Session {
		return &backcare.Session{StartedAt: now.Add(time.Duration(h) * time.Hour), Status: status}
	}
	for _, tt := range []struct {
		name     string
		sessions []*backcare.Session // newest first
		want     bool
	}{
		{"nothing yet", nil, false},
		{"stopped this morning", []*backcare.Session{at(-8, backcare.StoppedForPain)}, true},
		{"stopped, then one unfinished", []*backcare.Session{at(-1, backcare.InProgress), at(-8, backcare.StoppedForPain)}, true},
		{"stopped, then completed", []*backcare.Session{at(-1, backcare.Completed), at(-8, backcare.StoppedForPain)}, false},
		{"stopped yesterday", []*backcare.Session{at(-30, backcare.StoppedForPain)}, false},
	} {
		if got := stoppedToday(tt.sessions, now); got != tt.want {
			t.Errorf("%s: stoppedToday = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestRoutinePageKeysThePictures checks that a routine page with
// pictures says how to read them (what the orange, the red arrows and
// the pale limbs mean), and one without pictures does not: a reviewer
// guessed at the pale limbs and read the orange as a patch or a cushion.
func TestRoutinePageKeysThePictures(t *testing.T) {
	for _, figures := range []bool{true, false} {
		ts, _ := newTestServer(t, func(d *Deps) { d.Figures = figures })
		_, page := do(t, ts, "GET", "/routines/lower-back-relief", "", nil)
		keyed := strings.Contains(page, `class="figure-key`)
		if keyed != figures {
			t.Errorf("figures %v: the page keys the pictures = %v", figures, keyed)
		}
		for _, want := range []string{"where you should feel it", "which way to move", "far side"} {
			if figures && !strings.Contains(page, want) {
				t.Errorf("the key does not say %q", want)
			}
		}
	}
}
