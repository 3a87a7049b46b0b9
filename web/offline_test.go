package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestOffline opens the app once, stops the server, and checks that pages
// and the player (with its timeline) still open from the service worker.
func TestOffline(t *testing.T) {
	ts, _ := newTestServer(t)
	ctx := newBrowser(t)
	signInBrowser(t, ctx, ts.URL)
	mustDo(t, ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitReady(chromedp.CSS("main")))
	// Wait until the worker is active and has cached everything.
	if got := eval[string](t, ctx, `navigator.serviceWorker.ready.then((r) => r.active.state)`); got != "activated" && got != "activating" {
		t.Fatalf("service worker state = %q, want activated", got)
	}
	eval[bool](t, ctx, `new Promise((ok) => { const w = () => caches.keys().then((k) => k.length ? caches.open(k[0]).then((c) => c.keys()).then((r) => r.length > 20 ? ok(true) : setTimeout(w, 100)) : setTimeout(w, 100)); w(); })`)
	ts.CloseClientConnections()
	ts.Close()
	for _, tc := range []struct{ path, want string }{
		{"/learn", "Your lower back"},
		{"/", "Lower back relief"},
		{"/play/lower-back-relief", "Before you start"},
	} {
		mustDo(t, ctx, chromedp.Navigate(ts.URL+tc.path), chromedp.WaitReady(chromedp.CSS("main h1")))
		h1 := eval[string](t, ctx, `document.querySelector('main h1').textContent`)
		if !strings.Contains(h1, tc.want) {
			t.Errorf("offline %s: heading = %q, want %q", tc.path, h1, tc.want)
		}
	}
	// The player loaded its timeline from the cache: no error is shown.
	if msg := eval[string](t, ctx, `new Promise((ok) => setTimeout(() => ok(document.getElementById('load-error').hidden ? '' : document.getElementById('load-error').textContent), 300))`); msg != "" {
		t.Errorf("offline player shows %q", msg)
	}
}
