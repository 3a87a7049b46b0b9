package web

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"backcare"
)

// TestPagesInBrowser opens every page in Chromium at a phone's size and a
// desktop's, in light and dark, runs axe-core's WCAG 2 A and AA rules on
// each, and writes a screenshot of each to a folder to look at.
//
// axe-core is an npm package: point BACKCARE_AXE at its axe.min.js (CI
// installs axe-core@4.14.1 with npm outside the repository). Without it the
// audit is skipped, saying so; the screenshots are still taken. They go to
// BACKCARE_SCREENS, or testdata/screens at the repository's root (ignored
// by git).
func TestPagesInBrowser(t *testing.T) {
	ts, j := newTestServer(t, withCalendar(&calendarRecorder{}), func(d *Deps) {
		d.SignUp, d.Loopback = true, true
		d.PhoneURL = "http://192.0.2.10:8080" // a documentation address: only drawn into the QR code
	})
	seedJournal(j, testNow)
	pegs := seedPEGs(testNow)
	unfinished := startSession(t, ts)
	ctx := newBrowser(t)
	signInBrowser(t, ctx, ts.URL)
	out := newPerson(t, ctx) // a browser that is not signed in

	axe := axeSource(t)
	dir := screensDir(t)

	type view struct {
		name string
		path string
		out  bool // seen by a browser that is not signed in
		// then, if set, runs in the page before the audit and screenshot
		then func(t *testing.T, ctx context.Context)
	}
	views := []view{
		{"today", "/", false, nil},
		{"routines", "/routines", false, nil},
		{"routine", "/routines/lower-back-relief", false, nil},
		{"player-checkin", "/play/lower-back-relief", false, nil},
		// The player's buttons are pressed as a script does: the banner
		// of what waits on the device comes and goes above them, and a
		// mouse click aimed a moment before can land beside the button.
		{"player-playing", "/play/lower-back-relief", false, func(t *testing.T, ctx context.Context) {
			startPlaying(t, ctx)
			mustDo(t, ctx, chromedp.Sleep(1200*time.Millisecond))
			press(t, ctx, "pause")
		}},
		{"player-stopped", "/play/lower-back-relief", false, func(t *testing.T, ctx context.Context) {
			startPlaying(t, ctx)
			press(t, ctx, "hurts")
			mustDo(t, ctx, chromedp.WaitVisible(chromedp.ID("stopped")))
		}},
		{"player-checkout", "/play/lower-back-relief", false, func(t *testing.T, ctx context.Context) {
			startPlaying(t, ctx)
			press(t, ctx, "hurts")
			mustDo(t, ctx, chromedp.WaitVisible(chromedp.ID("to-checkout")))
			press(t, ctx, "to-checkout")
			mustDo(t, ctx, chromedp.WaitVisible(chromedp.ID("checkout")))
		}},
		{"player-resume", "/play/lower-back-relief?resume=" + unfinished, false, nil},
		{"journal", "/journal", false, nil},
		{"learn", "/learn", false, nil},
		{"safety", "/safety", false, nil},
		{"settings", "/settings", false, nil},
		{"settings-errors", "/settings", false, func(t *testing.T, ctx context.Context) {
			mustDo(t, ctx, chromedp.SetValue(chromedp.ID("hold"), "9999"),
				chromedp.Click(chromedp.CSS(`#settings-form button[type="submit"]`)),
				chromedp.WaitVisible(chromedp.ID("hold-error")))
		}},
		{"finish", "/sessions/" + unfinished + "/finish", false, nil},
		{"peg", "/peg", false, nil},
		{"peg-errors", "/peg", false, func(t *testing.T, ctx context.Context) {
			mustDo(t, ctx, chromedp.Click(chromedp.CSS(`input[name="pain"][value="4"]`)),
				chromedp.Click(chromedp.CSS(`.peg-form button[type="submit"]`)),
				chromedp.WaitVisible(chromedp.ID("enjoyment-error")))
		}},
		{"peg-saved", "/peg", false, func(t *testing.T, ctx context.Context) {
			mustDo(t, ctx, chromedp.Click(chromedp.CSS(`input[name="pain"][value="3"]`)),
				chromedp.Click(chromedp.CSS(`input[name="enjoyment"][value="2"]`)),
				chromedp.Click(chromedp.CSS(`input[name="activity"][value="3"]`)),
				chromedp.Click(chromedp.CSS(`.peg-form button[type="submit"]`)),
				chromedp.WaitVisible(chromedp.ID("result")))
		}},
		{"calendar-errors", "/calendar.ics?at=25:00&weeks=0", false, nil},
		{"not-found", "/nowhere", false, nil},
		{"account", "/account", false, nil},
		{"pair", "/pair", false, nil},
		{"pair-code", "/pair", false, func(t *testing.T, ctx context.Context) {
			mustDo(t, ctx, chromedp.Click(chromedp.ID("pair-make")), chromedp.WaitVisible(chromedp.CSS("img.qr")))
		}},
		{name: "signin", path: "/signin", out: true},
		{name: "signin-wrong", path: "/signin", out: true, then: func(t *testing.T, ctx context.Context) {
			mustDo(t, ctx, chromedp.SetValue(chromedp.ID("name"), "local"), chromedp.SetValue(chromedp.ID("password"), "not the password"),
				chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.ID("signin-error")))
		}},
		{name: "signup", path: "/signup", out: true},
		{name: "signup-errors", path: "/signup", out: true, then: func(t *testing.T, ctx context.Context) {
			mustDo(t, ctx, chromedp.SetValue(chromedp.ID("name"), "two words"), chromedp.SetValue(chromedp.ID("password"), "password"),
				chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.ID("password-error")))
		}},
		{name: "recover", path: "/signin/recover", out: true},
		{name: "link-used", path: "/signin/link?token=used", out: true, then: func(t *testing.T, ctx context.Context) {
			mustDo(t, ctx, chromedp.WaitVisible(chromedp.CSS("main .warn")))
		}},
	}
	// The desktop in dark is checked on the pages that draw charts,
	// figures and forms of their own; the others only restyle those.
	darkDesktop := []string{"today", "routine", "journal", "peg", "peg-errors", "peg-saved", "settings", "calendar-errors",
		"account", "pair-code", "signin", "signup-errors"}
	sizes := []struct {
		name          string
		width, height int64
		dark, mobile  bool
		only          []string // the views to show at this size; nil for all
	}{
		{"390x844", 390, 844, false, true, nil},
		{"390x844-dark", 390, 844, true, true, nil},
		{"1280x800", 1280, 800, false, false, nil},
		{"1280x800-dark", 1280, 800, true, false, darkDesktop},
		{"320x640", 320, 640, false, true, nil},
	}
	for _, sz := range sizes {
		scheme := "light"
		if sz.dark {
			scheme = "dark"
		}
		opts := []chromedp.EmulateViewportOption{}
		if sz.mobile {
			opts = append(opts, chromedp.EmulateMobile)
		}
		for _, c := range []context.Context{ctx, out} {
			mustDo(t, c, chromedp.EmulateViewport(sz.width, sz.height, opts...))
			if _, err := chromedp.Call(c, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
				t.Fatal(err)
			}
		}
		for _, v := range views {
			if sz.only != nil && !slices.Contains(sz.only, v.name) {
				continue
			}
			t.Run(v.name+"/"+sz.name, func(t *testing.T) {
				j.openGate()    // a stop for pain in an earlier view asks the questions again
				j.setPEGs(pegs) // a check-in saved in an earlier view is taken back
				ctx := ctx
				if v.out {
					ctx = out
				}
				ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
				defer cancel()
				mustDo(t, ctx, chromedp.Navigate(ts.URL+v.path), chromedp.WaitReady(chromedp.CSS("main")))
				if v.then != nil {
					v.then(t, ctx)
				}
				if axe != "" {
					audit(t, ctx, axe)
				}
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				name := filepath.Join(dir, fmt.Sprintf("%s-%s.png", v.name, sz.name))
				if err := os.WriteFile(name, png, 0o644); err != nil {
					t.Fatal(err)
				}
				// Nothing may be wider than the screen: no sideways scrolling.
				if w := eval[int64](t, ctx, `document.documentElement.scrollWidth`); w > sz.width {
					t.Errorf("page is %d px wide at a %d px screen", w, sz.width)
				}
			})
		}
	}
}

// axeSource reads axe-core from BACKCARE_AXE, or says the audit is
// skipped and returns "".
func axeSource(t *testing.T) string {
	t.Helper()
	p := os.Getenv("BACKCARE_AXE")
	if p == "" {
		t.Log("BACKCARE_AXE is not set: skipping the accessibility audit (npm install axe-core@4.14.1 and point BACKCARE_AXE at node_modules/axe-core/axe.min.js)")
		return ""
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("BACKCARE_AXE: %v", err)
	}
	return string(b)
}

// screensDir is where the page tests write their screenshots:
// BACKCARE_SCREENS, or testdata/screens at the repository's root.
func screensDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("BACKCARE_SCREENS")
	if dir == "" {
		dir = filepath.Join("..", "testdata", "screens")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// startPlaying answers the player's check-in and waits for the session
// to play.
func startPlaying(t *testing.T, ctx context.Context) {
	t.Helper()
	mustDo(t, ctx, chromedp.Click(chromedp.CSS(`input[name="pain_before"][value="4"]`)),
		chromedp.Click(chromedp.CSS(`#checkin-form button[type="submit"]`)), chromedp.WaitVisible(chromedp.ID("play")))
}

func mustDo(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// audit runs axe-core's WCAG 2 A and AA rules on the page and fails on any
// violation.
func audit(t *testing.T, ctx context.Context, axeSource string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	raw := eval[string](t, ctx, `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})
		.then((r) => (window.axePasses = r.passes.length, r)).then((r) => JSON.stringify(r.violations.map((v) => ({id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary)}))))`)
	var violations []struct {
		ID    string   `json:"id"`
		Help  string   `json:"help"`
		Nodes []string `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(raw), &violations); err != nil {
		t.Fatal(err)
	}
	if passes := eval[int](t, ctx, `window.axePasses`); passes < 10 {
		t.Errorf("axe-core passed only %d rules: did it run?", passes)
	}
	for _, v := range violations {
		t.Errorf("axe %s: %s\n  %s", v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

// seedJournal adds a few weeks of sessions, so the journal's charts have
// something to draw.
func seedJournal(j *memJournal, now time.Time) {
	pain := func(n int) *int { return &n }
	for i := 0; i < 14; i++ {
		d := now.AddDate(0, 0, -2*i).Add(-time.Hour)
		st := backcare.Completed
		if i == 3 {
			st = backcare.StoppedForPain
		}
		x := &backcare.Session{ID: backcare.NewID(), UserID: backcare.LocalUser, RoutineID: "lower-back-relief",
			RoutineName: "Lower back relief", StartedAt: d, EndedAt: d.Add(6 * time.Minute), Status: st,
			PainBefore: pain(3 + i%4), PainAfter: pain(1 + i%3), Intensity: pain(4 + i%3),
			Segments: []backcare.SegmentResult{{Index: 1, Kind: "hold", PoseID: "zombie-crawl", Planned: time.Minute, Held: time.Minute}}}
		if i == 2 {
			x.Note = "Stiff after the drive, better afterwards."
		}
		_ = j.SaveSession(context.Background(), x)
	}
	_ = j.SaveScreening(context.Background(), &backcare.Screening{ID: backcare.NewID(), UserID: backcare.LocalUser, At: now.AddDate(0, 0, -30), Reason: "first", Answers: noFlags(), Verdict: backcare.GoAhead})
}

// seedPEGs are five weekly check-ins, the last eight days ago, so that
// the journal has a chart and Today asks for this week's.
func seedPEGs(now time.Time) []backcare.PEG {
	var out []backcare.PEG
	for i, a := range [][3]int{{7, 6, 7}, {6, 6, 6}, {6, 5, 5}, {5, 4, 5}, {4, 4, 5}} {
		out = append(out, backcare.PEG{ID: backcare.NewID(), UserID: backcare.LocalUser,
			At: now.AddDate(0, 0, -8-7*(4-i)), Pain: a[0], Enjoyment: a[1], Activity: a[2]})
	}
	return out
}

// TestPlayerControlsOnScreen checks that while a routine plays, Back,
// Pause, Skip and "This hurts – stop" are all on screen and uncovered,
// without scrolling, on small phones upright and on their side: on a
// 320 x 640 screen the stop button, kept on screen alone, had covered the
// others.
func TestPlayerControlsOnScreen(t *testing.T) {
	ts, _ := newTestServer(t)
	ctx := newBrowser(t)
	signInBrowser(t, ctx, ts.URL)
	for _, sz := range []struct{ w, h int64 }{{320, 568}, {320, 640}, {360, 640}, {390, 844}, {640, 360}, {1280, 800}} {
		mustDo(t, ctx, chromedp.EmulateViewport(sz.w, sz.h, chromedp.EmulateMobile), chromedp.Navigate(ts.URL+"/play/lower-back-relief"),
			chromedp.WaitVisible(chromedp.CSS("#checkin-form")))
		startPlaying(t, ctx)
		// While it gets ready for a pose, "Next" names what comes after
		// that pose, not the pose on screen.
		if title, next := eval[string](t, ctx, `document.getElementById('seg-title').textContent`), eval[string](t, ctx, `document.getElementById('next').textContent`); strings.HasPrefix(title, "Get ready: ") && next == "Next: "+strings.TrimPrefix(title, "Get ready: ") {
			t.Errorf("%dx%d: getting ready, %q says %q", sz.w, sz.h, title, next)
		}
		if next := eval[string](t, ctx, `document.getElementById('next').textContent`); strings.Contains(next, "Get ready") {
			t.Errorf("%dx%d: %q names a pose by its get-ready title, not its name", sz.w, sz.h, next)
		}
		for _, id := range []string{"back", "pause", "skip", "hurts"} {
			// The button's middle is inside the screen and it is what is
			// there: nothing painted over it.
			if !eval[bool](t, ctx, `(() => { const b = document.getElementById('`+id+`'); const r = b.getBoundingClientRect();
				const x = r.left + r.width / 2, y = r.top + r.height / 2;
				return r.width > 0 && y > 0 && y < innerHeight && x > 0 && x < innerWidth && b.contains(document.elementFromPoint(x, y)); })()`) {
				t.Errorf("%dx%d: #%s is not on screen, or something covers it", sz.w, sz.h, id)
			}
		}
	}
}
