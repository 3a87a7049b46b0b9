package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"html"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"backcare"
)

// lockedBuffer is an io.Writer the server goroutine writes while the test
// reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// running is a running `backcare serve` as a test sees it.
type running struct {
	base   string // the printed link's scheme, host and port, with a final slash
	link   string // the one-time sign-in link, the first URL printed
	port   string
	roots  *x509.CertPool // the certificate to trust over HTTPS, or nil
	stdout *lockedBuffer
	stderr *lockedBuffer
}

// startServer runs `backcare serve` as main would, on a free port, and
// returns it once /healthz answers. The server stops, gracefully, when
// the test ends; the test checks that it said so.
func startServer(t *testing.T, env map[string]string, args ...string) *running {
	t.Helper()
	return startRun(t, env, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
}

// listensOn finds the listener's address, printed behind a proxy.
var listensOn = regexp.MustCompile(`listens on (https?://\S+/) for the reverse proxy`)

// firstURL is the first URL in serve's output.
var firstURL = regexp.MustCompile(`https?://\S+`)

// startRun runs backcare with args, expecting it to serve the web app.
func startRun(t *testing.T, env map[string]string, args ...string) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &running{stdout: &lockedBuffer{}, stderr: &lockedBuffer{}}
	done := make(chan error, 1)
	getenv := func(k string) string { return env[k] }
	go func() {
		done <- run(ctx, args, getenv, strings.NewReader(""), s.stdout, s.stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
			if !strings.Contains(s.stdout.String(), "backcare stopped") {
				t.Errorf("serve did not say it stopped: %s", s.stdout.String())
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop within 15s of Ctrl-C")
		}
	})
	urlRE := regexp.MustCompile(`running at (https?://\S+)`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("serve ended early: %v\n%s", err, s.stderr.String())
		default:
		}
		if m := urlRE.FindStringSubmatch(s.stdout.String()); m != nil && strings.Contains(s.stdout.String(), "Ctrl-C") {
			u, err := url.Parse(m[1])
			if err != nil {
				t.Fatal(err)
			}
			s.link, s.base, s.port = m[1], u.Scheme+"://"+u.Host+"/", u.Port()
			listener := s.base
			// Behind a reverse proxy the link is the public URL's; the
			// listener is printed after it.
			if l := listensOn.FindStringSubmatch(s.stdout.String()); l != nil {
				listener = l[1]
				if lu, err := url.Parse(l[1]); err == nil {
					s.port = lu.Port()
				}
			}
			if u.Scheme == "https" {
				s.roots = testRoots
			}
			res, err := s.client(t).Get(listener + "healthz")
			if err == nil {
				_ = res.Body.Close()
				if res.StatusCode == http.StatusOK {
					return s
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("serve did not answer /healthz within 20s; stdout: %s; stderr: %s", s.stdout.String(), s.stderr.String())
	return nil
}

// testRoots trusts the certificate of the HTTPS tests.
var testRoots *x509.CertPool

// client returns a browser-like HTTP client that keeps cookies and does
// not follow redirects (the tests look at them). Whatever host a URL
// names (localhost, or a foreign name), it connects to 127.0.0.1: the only
// address the tests may reach.
func (s *running) client(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	var d net.Dialer
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			_, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			return d.DialContext(ctx, "tcp4", net.JoinHostPort("127.0.0.1", port))
		},
		TLSClientConfig: &tls.Config{RootCAs: s.roots},
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Jar: jar, Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signIn opens the printed one-time link as a person would: the page with
// its button, then what the button's form posts. It returns the client,
// signed in, and the cookie it got.
func (s *running) signIn(t *testing.T) (*http.Client, *http.Cookie) {
	t.Helper()
	c := s.client(t)
	res, body := get(t, c, s.link)
	m := regexp.MustCompile(`<form method="post" action="(/signin/link)"[^>]*>\s*<input type="hidden" name="token" value="([^"]+)">`).FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("GET the sign-in link = %d, without its form:\n%s", res.StatusCode, body)
	}
	token := html.UnescapeString(m[2])
	if want := mustQuery(t, s.link, "token"); token != want {
		t.Fatalf("the link's form posts the token %q, want the link's %q", token, want)
	}
	res, body = post(t, c, s.base+strings.TrimPrefix(m[1], "/"), url.Values{"token": {token}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Fatalf("POST the link's form = %d to %q, want 303 to /:\n%s", res.StatusCode, res.Header.Get("Location"), body)
	}
	var cookie *http.Cookie
	for _, ck := range res.Cookies() {
		if strings.HasSuffix(ck.Name, "backcare") && ck.Value != "" {
			cookie = ck
		}
	}
	if cookie == nil {
		t.Fatalf("the sign-in set no cookie: %q", res.Header.Values("Set-Cookie"))
	}
	return c, cookie
}

func mustQuery(t *testing.T, raw, key string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get(key)
}

// TestBareBackcareServes checks that `backcare` with no command serves the
// web app (the first thing README.md tells a person to run), to the person
// who opens the link it prints.
func TestBareBackcareServes(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{
		"BACKCARE_ADDR":     "127.0.0.1:0",
		"BACKCARE_DATABASE": filepath.Join(dir, "journal.db"),
		"BACKCARE_CATALOG":  filepath.Join(dir, "catalog"),
	}
	s := startRun(t, env)
	c, _ := s.signIn(t)
	res, body := get(t, c, s.base)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "backcare") {
		t.Errorf("GET / = %d, want the Today page", res.StatusCode)
	}
}

// chromium starts Debian's Chromium for a test, or skips saying why.
func chromium(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("BACKCARE_CHROMIUM")
	if path == "" {
		path, _ = exec.LookPath("chromium")
	}
	if path == "" {
		t.Skip("Chromium not found: install Debian's chromium (or set BACKCARE_CHROMIUM) to run the end-to-end test")
	}
	if testing.Short() {
		t.Skip("the end-to-end test is skipped in -short mode")
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.WindowSize(390, 844), chromedp.UserDataDir(t.TempDir())}
	for _, f := range []string{"headless", "no-sandbox", "disable-gpu", "disable-background-networking",
		"disable-component-update", "disable-sync", "no-first-run", "disable-dev-shm-usage"} {
		opts = append(opts, chromedp.Flag(f, true))
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelT(); cancel(); cancelA() })
	return ctx
}

// TestEndToEnd serves the app on a temporary SQLite journal, opens the
// home page, plays the article's routine from check-in to check-out with
// a short hold, and finds the session on the Journal page and in the
// database.
func TestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "journal.db")
	env := map[string]string{"BACKCARE_CATALOG": filepath.Join(dir, "catalog"), "XDG_DATA_HOME": dir, "XDG_CONFIG_HOME": dir, "HOME": dir}
	ctx := chromium(t)
	srv := startServer(t, env, "--database", db)
	// The printed link, at 127.0.0.1 (the only address tests may reach;
	// the server answers it as it does localhost).
	base := "http://127.0.0.1:" + srv.port + "/"
	link := strings.Replace(srv.link, "//localhost:", "//127.0.0.1:", 1)

	do := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}
	// Without the link, the sign-in page; the link's page signs this
	// browser in by itself and opens the home page.
	do(chromedp.Navigate(base), chromedp.WaitVisible(chromedp.CSS(`#link-h`)))
	do(chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`a[href="/safety"].button.primary`)))

	// The safety questions come first, as for anyone new: all "no".
	do(chromedp.Navigate(base), chromedp.WaitVisible(chromedp.CSS(`a[href="/safety"].button.primary`)),
		chromedp.Click(chromedp.CSS(`a[href="/safety"].button.primary`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/safety"]`)))
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(() => { const r = document.querySelectorAll('form[action="/safety"] input[value="no"]'); r.forEach((x) => x.click()); return r.length; })()`))
	if err != nil || n < 5 {
		t.Fatalf("answered %d safety questions (%v), want them all", n, err)
	}
	do(chromedp.Click(chromedp.CSS(`form[action="/safety"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#verdict.verdict-go_ahead`)))

	// Short holds and prepare times, set the way a person would.
	do(chromedp.Navigate(base+"settings"),
		chromedp.SetValue(chromedp.ID("hold"), "2"),
		chromedp.SetValue(chromedp.ID("prepare"), "1"),
		chromedp.Click(chromedp.CSS(`#settings-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.ok[role="status"]`)))

	// The home page says what to do; Start opens the player.
	do(chromedp.Navigate(base), chromedp.WaitVisible(chromedp.CSS(`a.button.primary.big`)))
	start, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`a.button.primary.big`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(start, "Start") {
		t.Errorf("the home page's main button says %q, want Start", start)
	}
	do(chromedp.Click(chromedp.CSS(`a.button.primary.big`)), chromedp.WaitVisible(chromedp.ID("checkin-form")))

	// Check in, play, and skip only the fifteen-second side switch (the
	// routine's own, which settings do not shorten).
	do(chromedp.Click(chromedp.CSS(`#checkin-form input[name="pain_before"][value="5"]`)),
		chromedp.Click(chromedp.CSS(`#checkin-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("play")))
	skipped := false
	deadline := time.Now().Add(60 * time.Second)
	for {
		title, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('checkout').hidden ? document.getElementById('seg-title').textContent : 'CHECKOUT'`))
		if err != nil {
			t.Fatal(err)
		}
		if title == "CHECKOUT" {
			break
		}
		if strings.HasPrefix(title, "Switch sides") && !skipped {
			do(chromedp.KeyEvent(kb.ArrowRight)) // the key that skips
			skipped = true
		}
		if time.Now().After(deadline) {
			t.Fatalf("the routine did not finish within 60s; it is at %q", title)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if !skipped {
		t.Error("the player never showed the side switch")
	}

	// Check out: pain now, how strong the stretch felt, a note.
	do(chromedp.Click(chromedp.CSS(`#checkout-form input[name="pain_after"][value="3"]`)),
		chromedp.Click(chromedp.CSS(`#checkout-form input[name="intensity"][value="5"]`)),
		chromedp.SendKeys(chromedp.ID("note"), "Hips looser."),
		chromedp.Click(chromedp.CSS(`#checkout-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("saved")))
	summary, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("saved-summary")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(summary, "Pain before: 5") || !strings.Contains(summary, "Pain now: 3") {
		t.Errorf("saved summary = %q, want pain 5 before and 3 now", summary)
	}

	// The journal page lists it.
	do(chromedp.Navigate(base+"journal"), chromedp.WaitVisible(chromedp.CSS("table.history")))
	row, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("table.history tbody tr")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Lower back relief", "Hips looser.", "5 → 3", "5/10", "Completed"} {
		if !strings.Contains(row, want) {
			t.Errorf("journal row %q lacks %q", row, want)
		}
	}

	// And the database holds it, with every segment's result.
	a := &app{ctx: context.Background(), getenv: func(k string) string { return env[k] }, database: db}
	j, err := a.journal()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = j.Close() }()
	sessions, err := j.Sessions(context.Background(), backcare.LocalUser, backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sessions) != 1 {
		t.Fatalf("the database holds %d sessions, want 1", len(sessions))
	}
	s := sessions[0]
	if s.Status != backcare.Completed || s.RoutineID != "lower-back-relief" || *s.PainBefore != 5 || *s.PainAfter != 3 || *s.Intensity != 5 || s.Note != "Hips looser." {
		t.Errorf("saved session = %+v", s)
	}
	if len(s.Segments) != 8 {
		t.Errorf("saved %d segment results, want the timeline's 8", len(s.Segments))
	}
	for _, r := range s.Segments {
		if r.Kind == "hold" && (r.Skipped || r.Held != 2*time.Second) {
			t.Errorf("hold %d: held %s, skipped %v; want the full 2s", r.Index, r.Held, r.Skipped)
		}
		if r.Kind == "switch" && !r.Skipped {
			t.Errorf("switch %d was not recorded as skipped", r.Index)
		}
	}
}
