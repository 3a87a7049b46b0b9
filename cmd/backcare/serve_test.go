package main

import (
	"bytes"
	"context"
	"net/http"
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

// startServer runs `backcare serve` as main would, on a free port, and
// returns its URL once /healthz answers. The server stops, gracefully, when
// the test ends; the test checks that it said so.
func startServer(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	return startRun(t, env, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
}

// startRun runs backcare with args, expecting it to serve the web app.
func startRun(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr lockedBuffer
	done := make(chan error, 1)
	getenv := func(k string) string { return env[k] }
	go func() {
		done <- run(ctx, args, getenv, strings.NewReader(""), &stdout, &stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
			if !strings.Contains(stdout.String(), "backcare stopped") {
				t.Errorf("serve did not say it stopped: %s", stdout.String())
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop within 15s of Ctrl-C")
		}
	})
	urlRE := regexp.MustCompile(`running at (http://\S+)`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("serve ended early: %v\n%s", err, stderr.String())
		default:
		}
		if m := urlRE.FindStringSubmatch(stdout.String()); m != nil {
			res, err := http.Get(m[1] + "healthz")
			if err == nil {
				_ = res.Body.Close()
				if res.StatusCode == http.StatusOK {
					return m[1]
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("serve did not answer /healthz within 20s; stdout: %s; stderr: %s", stdout.String(), stderr.String())
	return ""
}

// TestBareBackcareServes checks that `backcare` with no command serves the
// web app (the first thing README.md tells a person to run).
func TestBareBackcareServes(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{
		"BACKCARE_ADDR":     "127.0.0.1:0",
		"BACKCARE_DATABASE": filepath.Join(dir, "journal.db"),
		"BACKCARE_CATALOG":  filepath.Join(dir, "catalog"),
	}
	base := startRun(t, env)
	res, err := http.Get(base)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	body := new(bytes.Buffer)
	_, _ = body.ReadFrom(res.Body)
	if res.StatusCode != http.StatusOK || !strings.Contains(body.String(), "backcare") {
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
	base := startServer(t, env, "--database", db)

	do := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}
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

// TestServeSkipsABrokenFile checks that `backcare serve` starts with a
// broken file in the catalog folder, and lists it on the Routines page.
func TestServeSkipsABrokenFile(t *testing.T) {
	dir := t.TempDir()
	cat := filepath.Join(dir, "catalog")
	if err := os.MkdirAll(cat, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cat, "broken.yaml"), []byte("routines:\n  - id: x\n    nme: X\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := startServer(t, map[string]string{"BACKCARE_DATABASE": filepath.Join(dir, "journal.db"), "BACKCARE_CATALOG": cat})
	res, err := http.Get(base + "routines")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	body := new(bytes.Buffer)
	_, _ = body.ReadFrom(res.Body)
	for _, want := range []string{"broken.yaml:3:5", "Lower back relief"} {
		if res.StatusCode != http.StatusOK || !strings.Contains(body.String(), want) {
			t.Errorf("GET /routines = %d, want a page with %q", res.StatusCode, want)
		}
	}
}
