package web

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"

	"backcare"
)

// addAuthenticator gives the tab a virtual passkey authenticator (CDP's
// WebAuthn domain): a platform authenticator that keeps discoverable
// credentials and verifies the user at once.
func addAuthenticator(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, webauthn.Enable, webauthn.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{
			Options: &webauthn.VirtualAuthenticatorOptions{
				Protocol: webauthn.AuthenticatorProtocolCtap2, Ctap2version: webauthn.Ctap2versionCtap21,
				Transport: webauthn.AuthenticatorTransportInternal, HasResidentKey: true, HasUserVerification: true,
				IsUserVerified: true, AutomaticPresenceSimulation: true,
			}})
		return err
	}))
	if err != nil {
		t.Fatalf("add a virtual authenticator: %v", err)
	}
}

// waitPath waits until the tab's location has the path.
func waitPath(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && strings.HasSuffix(strings.SplitN(loc, "?", 2)[0], path) && !strings.HasSuffix(strings.SplitN(loc, "?", 2)[0], "x"+path) {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === 'complete'`)); err == nil {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page did not reach %s: it is at %s", path, loc)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// text returns the text of the first element the selector finds.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return s
}

// newPerson opens a separate browser context: another person's browser,
// with cookies of its own.
func newPerson(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	c, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(c); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSignInInBrowser signs up and in as people would, in Chromium: with
// a passkey (a virtual authenticator) and with a password, into the
// throttle and out again in fake time, out everywhere, and onto a phone
// with a one-time pairing code.
func TestSignInInBrowser(t *testing.T) {
	clock := &manualClock{t: testNow}
	ts := httptest.NewUnstartedServer(nil)
	port := ts.Listener.Addr().(interface{ String() string }).String()
	port = port[strings.LastIndexByte(port, ':')+1:]
	base := "http://localhost:" + port
	j := newMemJournal()
	d := testDeps(t, j)
	d.Now = clock.now
	d.Hosts = []string{"localhost:" + port, "127.0.0.1:" + port}
	d.SignUp, d.Loopback = true, false
	d.PasskeyRPID, d.PasskeyOrigins = "localhost", []string{base}
	d.PhoneURL = base
	ts.Config.Handler = NewServer(d)
	ts.Start()
	t.Cleanup(ts.Close)

	ctx := newBrowser(t)
	addAuthenticator(t, ctx)

	t.Run("passkey sign-up, sign-out, sign-in", func(t *testing.T) {
		mustDo(t, ctx, chromedp.Navigate(base+"/"))
		waitPath(t, ctx, "/signin")
		mustDo(t, ctx, chromedp.Navigate(base+"/signup"), chromedp.WaitVisible(chromedp.CSS("#passkey-signup:not([disabled])")),
			chromedp.SendKeys(chromedp.CSS("#name"), "Maria"), chromedp.Click(chromedp.CSS("#passkey-signup")),
			chromedp.WaitVisible(chromedp.CSS("#recovery-section")))
		if code := text(t, ctx, "#recovery-code"); len(backcare.NormalizeRecoveryCode(code)) != 32 {
			t.Errorf("recovery code shown = %q, want 32 letters and digits", code)
		}
		a, err := j.AccountByName(t.Context(), "maria")
		if err != nil {
			t.Fatalf("the account was not made: %v", err)
		}
		if keys, _ := j.Passkeys(t.Context(), a.ID); len(keys) != 1 {
			t.Fatalf("passkeys = %d, want 1", len(keys))
		}
		mustDo(t, ctx, chromedp.Navigate(base+"/account"), chromedp.WaitVisible(chromedp.CSS("#signout")))
		if got := text(t, ctx, "#passkeys"); !strings.Contains(got, "Chrome") {
			t.Errorf("the account page does not list the passkey: %q", got)
		}
		mustDo(t, ctx, chromedp.Click(chromedp.CSS("#signout")))
		waitPath(t, ctx, "/signin")
		mustDo(t, ctx, chromedp.Navigate(base+"/journal"))
		waitPath(t, ctx, "/signin")
		mustDo(t, ctx, chromedp.WaitVisible(chromedp.CSS("#passkey-signin:not([disabled])")), chromedp.Click(chromedp.CSS("#passkey-signin")))
		waitPath(t, ctx, "/journal")
		keys, _ := j.Passkeys(t.Context(), a.ID)
		if len(keys) != 1 || keys[0].LastUsedAt.IsZero() {
			t.Errorf("the passkey's last use was not kept: %+v", keys)
		}
	})

	sam := newPerson(t, ctx)
	t.Run("password sign-up and sign-in", func(t *testing.T) {
		mustDo(t, sam, chromedp.Navigate(base+"/signup"), chromedp.WaitVisible(chromedp.CSS("#password")),
			chromedp.SendKeys(chromedp.CSS("#name"), "sam"), chromedp.SendKeys(chromedp.CSS("#password"), "quiet river stone"),
			chromedp.Submit(chromedp.CSS("#password")), chromedp.WaitVisible(chromedp.CSS("#recovery-code")))
		mustDo(t, sam, chromedp.Navigate(base+"/account"), chromedp.WaitVisible(chromedp.CSS("#signout")), chromedp.Click(chromedp.CSS("#signout")))
		waitPath(t, sam, "/signin")
		mustDo(t, sam, chromedp.SendKeys(chromedp.CSS("#name"), "sam"), chromedp.SendKeys(chromedp.CSS("#password"), "quiet river stone"),
			chromedp.Submit(chromedp.CSS("#password")))
		waitPath(t, sam, "/")
		mustDo(t, sam, chromedp.WaitVisible(chromedp.CSS("nav a[href='/account']")))
	})

	t.Run("throttled after wrong passwords, in fake time", func(t *testing.T) {
		guesser := newPerson(t, ctx)
		mustDo(t, guesser, chromedp.Navigate(base+"/signin"))
		try := func(password string) string {
			mustDo(t, guesser, chromedp.WaitVisible(chromedp.CSS("#password")), chromedp.SetValue(chromedp.CSS("#name"), "sam"),
				chromedp.SetValue(chromedp.CSS("#password"), password), chromedp.Submit(chromedp.CSS("#password")),
				chromedp.WaitReady(chromedp.CSS("main h1")))
			s, _ := chromedp.Run(guesser, chromedp.Text(chromedp.CSS("main")))
			return s
		}
		for i := range maxFailAccount {
			if got := try("guess number " + string(rune('1'+i))); !strings.Contains(got, "match an account") {
				t.Fatalf("wrong try %d shows %q", i+1, got)
			}
		}
		if got := try("quiet river stone"); !strings.Contains(got, "too many wrong tries") {
			t.Fatalf("the right password while paused shows %q, want the pause explained", got)
		}
		clock.add(failWindow + time.Second)
		try("quiet river stone")
		waitPath(t, guesser, "/")
	})

	t.Run("sign out everywhere ends another browser's sign-in", func(t *testing.T) {
		laptop := newPerson(t, ctx)
		mustDo(t, laptop, chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.CSS("#password")),
			chromedp.SendKeys(chromedp.CSS("#name"), "sam"), chromedp.SendKeys(chromedp.CSS("#password"), "quiet river stone"),
			chromedp.Submit(chromedp.CSS("#password")))
		waitPath(t, laptop, "/")
		mustDo(t, sam, chromedp.Navigate(base+"/account"), chromedp.WaitVisible(chromedp.CSS("#signout-all")), chromedp.Click(chromedp.CSS("#signout-all")))
		waitPath(t, sam, "/signin")
		mustDo(t, laptop, chromedp.Navigate(base+"/journal"))
		waitPath(t, laptop, "/signin")
	})

	t.Run("a phone pairs once, and never again", func(t *testing.T) {
		mustDo(t, ctx, chromedp.Navigate(base+"/pair"), chromedp.WaitVisible(chromedp.CSS("#pair-make")), chromedp.Click(chromedp.CSS("#pair-make")),
			chromedp.WaitVisible(chromedp.CSS("img.qr")))
		link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.link-text').textContent`))
		if err != nil || !strings.HasPrefix(link, base+"/signin/link?token=") {
			t.Fatalf("pairing link = %q (%v)", link, err)
		}
		phone := newPerson(t, ctx)
		mustDo(t, phone, chromedp.Navigate(link))
		waitPath(t, phone, "/")
		mustDo(t, phone, chromedp.Navigate(base+"/account"), chromedp.WaitVisible(chromedp.CSS("#signout")))
		if got := text(t, phone, "main .lead"); !strings.Contains(got, "maria") {
			t.Errorf("the phone is signed in as %q, want maria", got)
		}
		thief := newPerson(t, ctx)
		mustDo(t, thief, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("main .warn")))
		if got := text(t, thief, "main"); !strings.Contains(got, "been used already") {
			t.Errorf("the second use shows %q", got)
		}
		mustDo(t, thief, chromedp.Navigate(base+"/journal"))
		waitPath(t, thief, "/signin")
	})
}
