package web

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's Chromium with chromedp. They skip, saying
// why, where Chromium is missing; CI installs it.

// chromiumPath finds the browser: $BACKCARE_CHROMIUM, then the usual names.
func chromiumPath() string {
	if p := os.Getenv("BACKCARE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// throttleFlags are the flags chromedp's default options (like puppeteer's)
// add to switch background throttling off. A test of timing in a hidden tab
// must run without them, so the options below are built from scratch rather
// than from chromedp.DefaultExecAllocatorOptions.
var throttleFlags = []string{
	"disable-background-timer-throttling",
	"disable-backgrounding-occluded-windows",
	"disable-renderer-backgrounding",
}

// browserFlags are the flags every browser test starts Chromium with: the
// ones this machine needs (no sandbox as root, no network but loopback),
// and nothing that changes how a hidden tab is throttled.
func browserFlags(t *testing.T) map[string]any {
	return map[string]any{
		"headless":                      true,
		"no-sandbox":                    true,
		"disable-gpu":                   true,
		"disable-background-networking": true,
		"disable-component-update":      true,
		"disable-sync":                  true,
		"no-first-run":                  true,
		"no-default-browser-check":      true,
		"disable-dev-shm-usage":         true,
		"hide-scrollbars":               true,
		"autoplay-policy":               "no-user-gesture-required",
		"user-data-dir":                 t.TempDir(),
	}
}

// newBrowser starts Chromium for one test and returns a context for its
// first tab.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	ctx, _ := newBrowserIn(t, t.TempDir())
	return ctx
}

// newBrowserIn starts Chromium with the profile in dir, as a person's
// browser keeps its data from one start to the next, and returns a context
// for its first tab and a function that closes the browser (as quitting
// it would), which the test's end also does.
func newBrowserIn(t *testing.T, dir string) (context.Context, func()) {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Skip("Chromium not found: install Debian's chromium (or set BACKCARE_CHROMIUM) to run the browser tests")
	}
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	flags := browserFlags(t)
	flags["user-data-dir"] = dir
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.WindowSize(1280, 800)}
	names := make([]string, 0, len(flags))
	for name := range flags {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if slices.Contains(throttleFlags, name) {
			t.Fatalf("browser flag %s switches background throttling off; the hidden-tab test would prove nothing", name)
		}
		opts = append(opts, chromedp.Flag(name, flags[name]))
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	browserCtx := ctx
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	var once sync.Once
	quit := func() {
		once.Do(func() {
			// Closing the first tab's context closes the browser, which
			// writes what it keeps to the profile, then the allocator
			// waits for its process to end.
			_ = chromedp.Cancel(browserCtx)
			cancelT()
			cancel()
			cancelA()
		})
	}
	t.Cleanup(quit)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx, quit
}

// eval runs JavaScript in the page and returns its result.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", firstLine(js), err)
	}
	return v
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}

// setWindow minimizes the tab's window (the page becomes hidden and
// Chromium throttles its main thread) or restores it.
func setWindow(t *testing.T, ctx context.Context, state browser.WindowState) {
	t.Helper()
	w, err := chromedp.Call(ctx, browser.GetWindowForTarget, browser.GetWindowForTargetParams{})
	if err != nil {
		t.Fatalf("get window: %v", err)
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetWindowBounds, browser.SetWindowBoundsParams{WindowID: w.WindowID, Bounds: &browser.Bounds{WindowState: state}}); err != nil {
		t.Fatalf("set window %s: %v", state, err)
	}
}

// signInBrowser gives the browser the test sign-in cookie for the server
// at base, as if it had signed in there.
func signInBrowser(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	signInBrowserWith(t, ctx, base, signInCookie.Value)
}

// signInBrowserWith is signInBrowser with another sign-in's token.
func signInBrowserWith(t *testing.T, ctx context.Context, base, token string) {
	t.Helper()
	httpOnly := true
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		// A lasting cookie, as the app sets: it outlives a browser closed
		// and opened again with the same profile.
		expires := cdp.TimeSinceEpoch(float64(time.Now().Add(24 * time.Hour).Unix()))
		_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{
			Name: signInCookie.Name, Value: token, URL: base, HTTPOnly: &httpOnly, Expires: expires})
		return err
	})); err != nil {
		t.Fatalf("sign the browser in: %v", err)
	}
}
