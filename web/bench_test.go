package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkToday renders the home page over the in-memory journal: the web
// app's own cost, without a database (bench/web.sh measures it with one).
func BenchmarkToday(b *testing.B) {
	t := &testing.T{}
	ts, j := newTestServer(t)
	seedJournal(j, testNow)
	h := ts.Config.Handler
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
