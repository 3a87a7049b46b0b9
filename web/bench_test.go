package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The web app's own costs over the in-memory journal, without a database
// (bench/web.sh measures the whole server with one, against a reference).

// BenchmarkToday serves the home page as a browser asks for it again and
// again: from the page cache after the first time.
func BenchmarkToday(b *testing.B) {
	t := &testing.T{}
	ts, j := newTestServer(t)
	seedJournal(j, testNow)
	benchGet(b, ts.Config.Handler)
}

// BenchmarkTodayMade makes the home page afresh every time: what a request
// costs after each change to the journal.
func BenchmarkTodayMade(b *testing.B) {
	p := newCachePair(&testing.T{}, testNow)
	seedJournal(p.j, testNow)
	benchGet(b, p.fresh)
}

func benchGet(b *testing.B, h http.Handler) {
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// BenchmarkSaveProgress saves a session's progress as the player does at
// every segment change (PUT /api/sessions/{id}).
func BenchmarkSaveProgress(b *testing.B) {
	t := &testing.T{}
	ts, _ := newTestServer(t)
	id := startSession(t, ts)
	body := `{"status":"in_progress","segments":[` +
		`{"index":0,"kind":"prepare","pose":"standing-psoas-lunge","side":"left","planned_ms":15000,"held_ms":15000,"skipped":false},` +
		`{"index":1,"kind":"hold","pose":"standing-psoas-lunge","side":"left","planned_ms":60000,"held_ms":60000,"skipped":false},` +
		`{"index":2,"kind":"switch","pose":"standing-psoas-lunge","side":"right","planned_ms":15000,"held_ms":4000,"skipped":false}]}`
	h := ts.Config.Handler
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPut, "/api/sessions/"+id, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}
