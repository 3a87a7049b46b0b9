package web

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"backcare"
)

// TestOffline opens the app once, stops the server, and checks that pages
// and the player (with its timeline) still open from the service worker,
// saying that they are the copy kept on the device.
func TestOffline(t *testing.T) {
	ts, _ := newTestServer(t)
	ctx := newBrowser(t)
	signInBrowser(t, ctx, ts.URL)
	mustDo(t, ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitReady(chromedp.CSS("main")))
	waitCached(t, ctx)
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
		note := waitFor[string](t, ctx, `(() => { const n = document.getElementById('net'); return n && !n.hidden ? n.textContent : ''; })()`)
		if !strings.Contains(note, "copy kept on this device, from") {
			t.Errorf("offline %s: the page says %q, want it to say it is the kept copy and how old", tc.path, note)
		}
	}
	// The player loaded its timeline from the cache: no error is shown.
	if msg := eval[string](t, ctx, `new Promise((ok) => setTimeout(() => ok(document.getElementById('load-error').hidden ? '' : document.getElementById('load-error').textContent), 300))`); msg != "" {
		t.Errorf("offline player shows %q", msg)
	}
}

// waitCached waits until the service worker is active and has kept the
// pages and the timeline the player needs offline.
func waitCached(t *testing.T, ctx context.Context) {
	t.Helper()
	if got := eval[string](t, ctx, `navigator.serviceWorker.ready.then((r) => r.active.state)`); got != "activated" && got != "activating" {
		t.Fatalf("service worker state = %q, want activated", got)
	}
	waitFor[bool](t, ctx, `(async () => !!(await caches.match('/play/lower-back-relief')) && !!(await caches.match('/api/routines/lower-back-relief/timeline')) && !!(await caches.match('/')))()`)
}

// waitFor evaluates js (an expression, possibly a promise) until it gives
// a truthy value, and returns that value. It waits on the condition, not
// on the clock: the test's own deadline bounds it.
func waitFor[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Poll[T](js, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(2*time.Minute)))
	if err != nil {
		t.Fatalf("wait for %s: %v", firstLine(js), err)
	}
	return v
}

// liveServer is the web app on a fixed address that can be stopped and
// started again, as a person's backcare is: the pages, the service worker
// and the device's saved data belong to the address.
type liveServer struct {
	t    *testing.T
	h    http.Handler
	addr string
	srv  *httptest.Server
}

func newLiveServer(t *testing.T, j *memJournal, ts *httptest.Server) *liveServer {
	l := &liveServer{t: t, h: ts.Config.Handler, addr: ts.Listener.Addr().String(), srv: ts}
	t.Cleanup(l.stop)
	return l
}

func (l *liveServer) url() string { return "http://" + l.addr }

func (l *liveServer) stop() {
	if l.srv != nil {
		l.srv.CloseClientConnections()
		l.srv.Close()
		l.srv = nil
	}
}

func (l *liveServer) start() {
	l.t.Helper()
	ln, err := net.Listen("tcp", l.addr)
	if err != nil {
		l.t.Fatalf("listen on %s again: %v", l.addr, err)
	}
	l.srv = &httptest.Server{Listener: ln, Config: &http.Server{Handler: l.h}}
	l.srv.Start()
}

// newOfflineServer is the test server on the real clock, which the
// browser's is (a session played offline carries the device's times), and
// with the article's routine quick to play: holds of 2 s, 1 s to get ready
// and to switch sides. Its sign-in was seen just now.
func newOfflineServer(t *testing.T) (*httptest.Server, *memJournal) {
	ts, j := newTestServer(t, func(d *Deps) { d.Now = time.Now })
	j.mu.Lock()
	j.now = time.Now
	j.mu.Unlock()
	j.openGate()
	// The fixture's sign-in was last seen at testNow; on the real clock it
	// would have idled out once testNow is weeks behind.
	if err := j.TouchSignIn(context.Background(), "test-browser", time.Now()); err != nil {
		t.Fatal(err)
	}
	_ = j.SaveSettings(context.Background(), backcare.LocalUser, backcare.Settings{Hold: 2 * time.Second, Prepare: time.Second})
	return ts, j
}

// checkIn answers the check-in with pain and starts the session.
func checkIn(t *testing.T, ctx context.Context, pain string) {
	t.Helper()
	mustDo(t, ctx, chromedp.WaitVisible(chromedp.ID("checkin-form")),
		chromedp.Click(chromedp.CSS(`input[name="pain_before"][value="`+pain+`"]`)),
		chromedp.Click(chromedp.CSS(`#checkin-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("play")))
}

// checkOut answers the check-out and returns what the page then says: the
// saved screen, or the form's error.
func checkOut(t *testing.T, ctx context.Context, pain, note string) string {
	t.Helper()
	waitFor[bool](t, ctx, `!document.getElementById('checkout').hidden`)
	mustDo(t, ctx, chromedp.Click(chromedp.CSS(`input[name="pain_after"][value="`+pain+`"]`)),
		chromedp.SendKeys(chromedp.ID("note"), note))
	press(t, ctx, "checkout-submit")
	return waitFor[string](t, ctx, `(() => { const s = document.getElementById('saved'), e = document.getElementById('checkout-error');
		return !s.hidden ? s.textContent : !e.hidden ? 'error: ' + e.textContent : ''; })()`)
}

// press presses a button the way a keyboard user does: a click by mouse
// lands wherever the button is drawn at that moment, and a note that
// appears above it (offline-note) may have moved it.
func press(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	eval[bool](t, ctx, `(() => { document.getElementById('`+id+`').click(); return true; })()`)
}

// pending is what the device's outbox still holds.
func pending(t *testing.T, ctx context.Context) int {
	t.Helper()
	return eval[int](t, ctx, `backcareOutbox.list().then((l) => l.length)`)
}

// onlySession waits until the journal holds a session and returns it,
// failing if it holds more than one.
func onlySession(t *testing.T, j *memJournal, ended bool) *backcare.Session {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		all, _ := j.Sessions(context.Background(), backcare.LocalUser, backcare.Filter{})
		if len(all) > 1 {
			t.Fatalf("the journal has %d sessions, want one", len(all))
		}
		if len(all) == 1 && (!ended || (all[0].Status != backcare.InProgress && all[0].PainAfter != nil)) {
			return all[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("the session did not reach the journal (it has %d)", len(all))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestOfflineSession: open the app, stop the server, play the article's
// routine to the end, close the browser, open it again with the same
// profile, start the server: the session arrives exactly once, with every
// segment and the check-in and check-out answers.
func TestOfflineSession(t *testing.T) {
	ts, j := newOfflineServer(t)
	live := newLiveServer(t, j, ts)
	profile := t.TempDir()
	ctx, quit := newBrowserIn(t, profile)
	signInBrowser(t, ctx, live.url())
	mustDo(t, ctx, chromedp.Navigate(live.url()+"/"), chromedp.WaitReady(chromedp.CSS("main")))
	waitCached(t, ctx)

	live.stop()
	mustDo(t, ctx, chromedp.Navigate(live.url()+"/play/lower-back-relief"), chromedp.WaitReady(chromedp.CSS("main h1")))
	checkIn(t, ctx, "6")
	waitFor[bool](t, ctx, `!document.getElementById('offline-note').hidden`)
	saved := checkOut(t, ctx, "3", "Played offline.")
	if !strings.Contains(saved, "Saved on this device") || !strings.Contains(saved, "journal when backcare is back") {
		t.Errorf("the saved screen says %q, want it to say the session is on this device until backcare is back", saved)
	}
	if n := pending(t, ctx); n != 1 {
		t.Fatalf("the outbox holds %d sessions, want 1", n)
	}
	tl := eval[int](t, ctx, `fetch('/api/routines/lower-back-relief/timeline').then((r) => r.json()).then((tl) => tl.segments.length)`)
	quit()
	if all, _ := j.Sessions(context.Background(), backcare.LocalUser, backcare.Filter{}); len(all) != 0 {
		t.Fatalf("the journal has %d sessions while the server was down", len(all))
	}

	live.start()
	ctx, _ = newBrowserIn(t, profile)
	mustDo(t, ctx, chromedp.Navigate(live.url()+"/"), chromedp.WaitReady(chromedp.CSS("main")))
	onlySession(t, j, true)
	waitFor[bool](t, ctx, `backcareOutbox.list().then((l) => l.length === 0)`)
	// Open the app again: nothing more is sent, nothing is doubled.
	mustDo(t, ctx, chromedp.Navigate(live.url()+"/journal"), chromedp.WaitReady(chromedp.CSS("main")))
	waitFor[bool](t, ctx, `backcareOutbox.flush()`)
	got := onlySession(t, j, true)
	if got.Status != backcare.Completed || len(got.Segments) != tl || got.Note != "Played offline." ||
		got.PainBefore == nil || *got.PainBefore != 6 || got.PainAfter == nil || *got.PainAfter != 3 {
		t.Errorf("the journal has %s, %d of %d segments, pain %v -> %v, note %q; want completed, every segment, 6 -> 3 and the note",
			got.Status, len(got.Segments), tl, deref(got.PainBefore), deref(got.PainAfter), got.Note)
	}
	for _, r := range got.Segments {
		if r.Skipped || r.Held != r.Planned {
			t.Errorf("segment %d: held %v of %v, skipped %v: want it played in full", r.Index, r.Held, r.Planned, r.Skipped)
		}
	}
	if d := time.Since(got.StartedAt); d < 0 || d > 10*time.Minute {
		t.Errorf("the session started at %v, want the device's start moments ago", got.StartedAt)
	}
	body := eval[string](t, ctx, `document.querySelector('main').textContent`)
	if strings.Contains(body, "saved on this device") {
		t.Errorf("the journal page still says something waits on the device: %q", body)
	}
}

// TestOfflineMidSession: the server goes away in the middle of a session
// and comes back before its end. The progress saved meanwhile waits on the
// device and follows; the session is saved once, whole.
func TestOfflineMidSession(t *testing.T) {
	ts, j := newOfflineServer(t)
	live := newLiveServer(t, j, ts)
	ctx, _ := newBrowserIn(t, t.TempDir())
	signInBrowser(t, ctx, live.url())
	mustDo(t, ctx, chromedp.Navigate(live.url()+"/play/lower-back-relief"), chromedp.WaitReady(chromedp.CSS("main h1")))
	waitCached(t, ctx)
	checkIn(t, ctx, "5")
	started := onlySession(t, j, false) // started online
	waitFor[bool](t, ctx, `Number(document.getElementById('player').dataset.segment) >= 1`)

	live.stop()
	// Pause in the middle, while the server is away: the progress is kept
	// on the device.
	waitFor[bool](t, ctx, `Number(document.getElementById('player').dataset.segment) >= 2`)
	press(t, ctx, "pause")
	waitFor[bool](t, ctx, `document.getElementById('pause').textContent === 'Resume'`)
	waitFor[bool](t, ctx, `backcareOutbox.list().then((l) => l.length === 1)`)
	waitFor[bool](t, ctx, `!document.getElementById('offline-note').hidden`)
	at := eval[int](t, ctx, `Number(document.getElementById('player').dataset.segment)`)

	live.start()
	press(t, ctx, "pause") // resume
	waitFor[bool](t, ctx, `backcareOutbox.list().then((l) => l.length === 0)`)
	mid, err := j.Session(context.Background(), backcare.LocalUser, started.ID)
	if err != nil {
		t.Fatal(err)
	}
	if mid.Status == backcare.InProgress && len(mid.Segments) < at {
		t.Errorf("after the server came back the journal has %d segments, want at least the %d played while it was away", len(mid.Segments), at)
	}
	saved := checkOut(t, ctx, "2", "Wi-Fi came and went.")
	if !strings.Contains(saved, "It is in your journal") {
		t.Errorf("the saved screen says %q, want it in the journal", saved)
	}
	got := onlySession(t, j, true)
	tl := eval[int](t, ctx, `fetch('/api/routines/lower-back-relief/timeline').then((r) => r.json()).then((tl) => tl.segments.length)`)
	if got.ID != started.ID || got.Status != backcare.Completed || len(got.Segments) != tl || got.Note != "Wi-Fi came and went." {
		t.Errorf("the journal has %s %s with %d of %d segments and note %q, want the session started online, completed, whole", got.ID, got.Status, len(got.Segments), tl, got.Note)
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestOutboxKeepsAccountsApart: a session kept on a shared device for one
// account never reaches another account's journal. Someone else signed in
// on the same browser sees nothing of it and sends nothing; when its owner
// signs in again, it goes to theirs.
func TestOutboxKeepsAccountsApart(t *testing.T) {
	ts, j := newOfflineServer(t)
	live := newLiveServer(t, j, ts)
	if err := j.AddAccount(t.Context(), &backcare.Account{ID: "other-id", Name: "other", Role: backcare.RolePerson, CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := j.AddSignIn(t.Context(), &backcare.SignIn{ID: "other-browser", AccountID: "other-id", TokenHash: backcare.TokenHash(otherToken),
		CreatedAt: time.Now(), LastSeenAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	ctx, _ := newBrowserIn(t, t.TempDir())
	signInBrowser(t, ctx, live.url())
	mustDo(t, ctx, chromedp.Navigate(live.url()+"/"), chromedp.WaitReady(chromedp.CSS("main")))

	// The server is away: the local account's session waits on the device.
	live.stop()
	eval[bool](t, ctx, `(async () => {
		const id = backcareOutbox.newID();
		await backcareOutbox.start({id, routine_id: 'lower-back-relief', pain_before: 4, offline: true,
			started_at: new Date().toISOString()}, {routine: 'Lower back relief', started: Date.now()});
		return true;
	})()`)
	if n := pending(t, ctx); n != 1 {
		t.Fatalf("the outbox holds %d sessions, want 1", n)
	}

	// Back, with another person signed in on this browser. The page still
	// open was loaded for the local account, and it tries again now (as
	// its timer or the browser's "online" event would at any moment): the
	// server sees the other person's cookie and keeps it out of their
	// journal (CI once caught that timer racing this test).
	live.start()
	signInBrowserWith(t, ctx, live.url(), otherToken)
	if sentAll := eval[bool](t, ctx, `backcareOutbox.flush()`); sentAll {
		t.Error("the page open for the local account sent its session with another account signed in")
	}
	if n := pending(t, ctx); n != 1 {
		t.Errorf("after trying with another account signed in, the outbox holds %d sessions, want it still waiting", n)
	}
	if all, _ := j.Sessions(t.Context(), "other-id", backcare.Filter{}); len(all) != 0 {
		t.Fatalf("the page open for the local account sent %d sessions into the other account's journal, want none", len(all))
	}
	mustDo(t, ctx, chromedp.Navigate(live.url()+"/"), chromedp.WaitReady(chromedp.CSS("main")))
	if got := eval[string](t, ctx, `document.querySelector('meta[name="backcare-account"]').content`); got != "other" {
		t.Fatalf("the page is signed in as %q, want other", got)
	}
	waitFor[bool](t, ctx, `backcareOutbox.flush()`)
	if n := pending(t, ctx); n != 0 {
		t.Errorf("another account's page lists %d of the local account's sessions, want none", n)
	}
	if all, _ := j.Sessions(t.Context(), "other-id", backcare.Filter{}); len(all) != 0 {
		t.Fatalf("the other account's journal got %d sessions, want none", len(all))
	}
	if all, _ := j.Sessions(t.Context(), backcare.LocalUser, backcare.Filter{}); len(all) != 0 {
		t.Fatalf("the local journal got %d sessions while someone else was signed in", len(all))
	}

	// Its owner signs in again: it goes to their journal.
	signInBrowser(t, ctx, live.url())
	mustDo(t, ctx, chromedp.Navigate(live.url()+"/"), chromedp.WaitReady(chromedp.CSS("main")))
	onlySession(t, j, false)
	waitFor[bool](t, ctx, `backcareOutbox.list().then((l) => l.length === 0)`)
}
