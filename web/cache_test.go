package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/programme"
	"backcare/safety"
)

// manualClock is a clock the test moves by hand.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *manualClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *manualClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *manualClock) add(d time.Duration) { c.set(c.now().Add(d)) }

// countingJournal counts the reads of sessions: one per page made.
type countingJournal struct {
	backcare.Journal
	reads atomic.Int64
}

func (c *countingJournal) Sessions(ctx context.Context, userID string, f backcare.Filter) ([]*backcare.Session, error) {
	c.reads.Add(1)
	return c.Journal.Sessions(ctx, userID, f)
}

// cachePair is two servers on one journal and one clock: one keeps pages,
// the other makes every page afresh.
type cachePair struct {
	cached, fresh http.Handler
	srv           *server // the cached one
	j             *memJournal
	counted       *countingJournal
	clock         *manualClock
}

func newCachePair(t *testing.T, start time.Time) *cachePair {
	t.Helper()
	cat := catalog.Builtin()
	prog, err := programme.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	clock := &manualClock{t: start}
	j := newMemJournal()
	j.now = clock.now
	_ = j.TouchSignIn(t.Context(), "test-browser", start)
	counted := &countingJournal{Journal: j}
	loc := time.FixedZone("CET", 3600)
	deps := func(jn backcare.Journal) Deps {
		return Deps{Catalog: cat, Journal: jn, Figures: true, Programme: prog, Location: loc, Now: clock.now,
			Hosts: []string{"example.com"}, Logger: slog.New(slog.NewTextHandler(testLog{t}, nil))}
	}
	cached := newServer(deps(counted))
	fresh := newServer(deps(j))
	fresh.cache = nil
	return &cachePair{cached: cached.middleware(cached.mux), fresh: fresh.middleware(fresh.mux), srv: cached, j: j, counted: counted, clock: clock}
}

// serve sends a request as a browser on the same site would.
func serve(t *testing.T, h http.Handler, method, path, ctype, body string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(signInCookie)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	b, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(b)
}

// today gets the home page from both servers and checks they agree.
func (p *cachePair) today(t *testing.T, after string) string {
	t.Helper()
	code, cached := serve(t, p.cached, "GET", "/", "", "")
	if code != http.StatusOK {
		t.Fatalf("after %s: GET / = %d", after, code)
	}
	_, fresh := serve(t, p.fresh, "GET", "/", "", "")
	if cached != fresh {
		t.Fatalf("after %s: the kept Today page differs from one made afresh:\n%s", after, firstDiff(cached, fresh))
	}
	return cached
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return fmt.Sprintf("kept:  …%s…\nfresh: …%s…", a[lo:min(len(a), i+200)], b[lo:min(len(b), i+200)])
}

func answers(yes ...string) string {
	v := url.Values{}
	for _, q := range safety.Questions() {
		v.Set(q.ID, "no")
	}
	for _, id := range yes {
		v.Set(id, "yes")
	}
	return v.Encode()
}

// TestTodayCache walks a person through days of use, with writes through
// the app and from elsewhere, and time moving on: after every step the
// Today page the server keeps is exactly the page made afresh, a page is
// made again exactly when the journal or the minute changed, and the page
// shows what changed.
func TestTodayCache(t *testing.T) {
	start := time.Date(2026, 11, 20, 17, 30, 10, 0, time.UTC) // a Friday, 18:30 in CET
	p := newCachePair(t, start)
	builds := func() int64 { return p.counted.reads.Load() }

	page := p.today(t, "the first visit")
	if !strings.Contains(page, "Answer the safety questions") {
		t.Fatalf("first Today page does not ask the safety questions first")
	}
	if n := builds(); n != 1 {
		t.Fatalf("pages made = %d, want 1", n)
	}

	var sessionID string
	steps := []struct {
		name    string
		do      func(t *testing.T)
		rebuild bool   // the page must be made again
		want    string // the new page contains this ("" for no check)
		dontSee string // and no longer this
	}{
		{"nothing: the same minute", func(t *testing.T) { p.clock.add(20 * time.Second) }, false, "", ""},
		{"the safety questions answered", func(t *testing.T) {
			if code, body := serve(t, p.cached, "POST", "/safety", "application/x-www-form-urlencoded", answers()); code != http.StatusSeeOther {
				t.Fatalf("POST /safety = %d: %s", code, body)
			}
		}, true, "This week's check-in is due", "Answer the safety questions"},
		{"this week's check-in answered", func(t *testing.T) {
			if code, body := serve(t, p.cached, "POST", "/peg", "application/x-www-form-urlencoded", "pain=5&enjoyment=4&activity=6"); code != http.StatusSeeOther {
				t.Fatalf("POST /peg = %d: %s", code, body)
			}
		}, true, ">Start", "This week's check-in is due"},
		{"a session started", func(t *testing.T) {
			code, body := serve(t, p.cached, "POST", "/api/sessions", "application/json", `{"routine_id":"lower-back-relief","pain_before":5}`)
			if code != http.StatusCreated {
				t.Fatalf("POST /api/sessions = %d: %s", code, body)
			}
			var s sessionJSON
			if err := json.Unmarshal([]byte(body), &s); err != nil {
				t.Fatal(err)
			}
			sessionID = s.ID
		}, true, "A session didn't finish", ""},
		{"the session finished", func(t *testing.T) {
			p.clock.add(6 * time.Minute)
			code, body := serve(t, p.cached, "PUT", "/api/sessions/"+sessionID, "application/json", `{"status":"completed","pain_after":3,"intensity":5}`)
			if code != http.StatusOK {
				t.Fatalf("PUT = %d: %s", code, body)
			}
		}, true, "A good start: one day done.", "A session didn't finish"},
		{"the next minute", func(t *testing.T) { p.clock.add(time.Minute) }, true, "", ""},
		{"settings changed", func(t *testing.T) {
			if code, body := serve(t, p.cached, "POST", "/settings", "application/x-www-form-urlencoded", "hold=40&prepare=5&beeps=on"); code != http.StatusSeeOther {
				t.Fatalf("POST /settings = %d: %s", code, body)
			}
		}, true, "", ""},
		{"a session of yesterday saved by another program", func(t *testing.T) {
			// As the terminal player would, straight into the journal:
			// nothing tells this server but the journal's revision.
			at := p.clock.now().Add(-24 * time.Hour)
			pain := func(n int) *int { return &n }
			if err := p.j.SaveSession(context.Background(), &backcare.Session{UserID: backcare.LocalUser, RoutineID: "lower-back-relief",
				RoutineName: "Lower back relief", StartedAt: at, EndedAt: at.Add(6 * time.Minute), Status: backcare.Completed,
				PainBefore: pain(6), PainAfter: pain(4)}); err != nil {
				t.Fatal(err)
			}
		}, true, "You've practised 2 days in a row.", "A good start"},
		{"nothing: later in the same minute", func(t *testing.T) { p.clock.add(20 * time.Second) }, false, "", ""},
		{"the next day", func(t *testing.T) {
			// Saturday, 00:00:30 in CET.
			p.clock.set(time.Date(2026, 11, 20, 23, 0, 30, 0, time.UTC))
		}, true, `<li class=" today">`, ""},
		{"a week without sessions", func(t *testing.T) { p.clock.add(7 * 24 * time.Hour) }, true, "This week's check-in is due", "days in a row"},
		{"a red flag in the safety questions", func(t *testing.T) {
			if code, body := serve(t, p.cached, "POST", "/safety", "application/x-www-form-urlencoded", answers(safety.Questions()[0].ID)); code != http.StatusSeeOther {
				t.Fatalf("POST /safety = %d: %s", code, body)
			}
		}, true, "Please get medical help first", ""},
	}
	for _, st := range steps {
		before := page
		st.do(t)
		n := builds()
		page = p.today(t, st.name)
		switch made := builds() - n; {
		case st.rebuild && made != 1:
			t.Errorf("after %s: pages made = %d, want 1", st.name, made)
		case !st.rebuild && made != 0:
			t.Errorf("after %s: pages made = %d, want 0: nothing changed", st.name, made)
		}
		if !st.rebuild && page != before {
			t.Errorf("after %s: the page changed, want the same page", st.name)
		}
		if st.want != "" && !strings.Contains(page, st.want) {
			t.Errorf("after %s: the page does not contain %q", st.name, st.want)
		}
		if st.dontSee != "" && strings.Contains(page, st.dontSee) {
			t.Errorf("after %s: the page still contains %q", st.name, st.dontSee)
		}
	}
}

// TestPageTime: a page is made as of the end of the minute it is asked in,
// so that it holds everything saved until then.
func TestPageTime(t *testing.T) {
	tests := []struct {
		name      string
		now, want time.Time
	}{
		{"start of a minute", time.Date(2026, 3, 1, 9, 15, 0, 0, time.UTC), time.Date(2026, 3, 1, 9, 15, 59, 999e6, time.UTC)},
		{"within", time.Date(2026, 3, 1, 9, 15, 42, 123456789, time.UTC), time.Date(2026, 3, 1, 9, 15, 59, 999e6, time.UTC)},
		{"last moment of the day", time.Date(2026, 3, 1, 23, 59, 59, 999999999, time.UTC), time.Date(2026, 3, 1, 23, 59, 59, 999e6, time.UTC)},
		{"a zone half an hour off UTC", time.Date(2026, 3, 1, 23, 59, 1, 0, time.FixedZone("IST", 5*3600+1800)), time.Date(2026, 3, 1, 23, 59, 59, 999e6, time.FixedZone("IST", 5*3600+1800))},
	}
	for _, tt := range tests {
		if got := pageTime(tt.now); !got.Equal(tt.want) {
			t.Errorf("%s: pageTime(%v) = %v, want %v", tt.name, tt.now, got, tt.want)
		}
	}
}

func TestPageCacheBounds(t *testing.T) {
	c := newPageCache(100)
	body := func(n int) []byte { return []byte(strings.Repeat("x", n)) }
	key := func(user string, rev int64) pageKey { return pageKey{name: "today", user: user, rev: rev, at: 1} }
	c.put(key("a", 1), body(40))
	c.put(key("b", 1), body(40))
	if _, ok := c.get(key("a", 1)); !ok { // a is now the most recently used
		t.Fatal("page a is not kept")
	}
	c.put(key("c", 1), body(40)) // over 100 bytes: b, the least recently used, goes
	if _, ok := c.get(key("b", 1)); ok {
		t.Error("page b is still kept, want it evicted")
	}
	if _, ok := c.get(key("a", 1)); !ok {
		t.Error("page a was evicted, want b to go first")
	}
	if pages, n := c.len(); pages != 2 || n != 80 {
		t.Errorf("kept %d pages, %d bytes, want 2, 80", pages, n)
	}
	c.put(key("a", 2), body(10)) // a newer revision replaces a's page
	if _, ok := c.get(key("a", 1)); ok {
		t.Error("a's old page is still served")
	}
	c.put(key("a", 1), body(10)) // an older one never replaces a newer one
	if _, ok := c.get(key("a", 2)); !ok {
		t.Error("a's newer page was replaced by an older one")
	}
	c.put(key("d", 1), body(101)) // larger than the whole cache: not kept
	if _, ok := c.get(key("d", 1)); ok {
		t.Error("a page larger than the cache is kept")
	}
	if pages, n := c.len(); pages != 2 || n != 50 {
		t.Errorf("kept %d pages, %d bytes, want 2, 50", pages, n)
	}
}
