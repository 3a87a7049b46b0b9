package web

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"backcare"
)

// TestClinicInBrowser is clinic mode end to end in Chromium, each person
// in a browser of their own: the admin makes a clinic and its clinician;
// the clinician signs in with the code and invites a patient; the patient
// makes an account and joins with the invitation's link; the clinician
// assigns the article's routine with a 30-second lunge; the patient plays
// it (30 seconds on the clock) and stops for pain; the clinician's
// dashboard shows the flag, and the clinician acknowledges it. On the way
// it saves the dashboard, the patient page and the programme editor at
// phone and desktop size under $BACKCARE_SHOTS (default
// /tmp/clinic-shots) for a person to look at.
func TestClinicInBrowser(t *testing.T) {
	ts := httptest.NewUnstartedServer(nil)
	port := ts.Listener.Addr().String()
	port = port[strings.LastIndexByte(port, ':')+1:]
	base := "http://localhost:" + port
	j := newMemJournal()
	d := testDeps(t, j)
	d.Hosts = []string{"localhost:" + port, "127.0.0.1:" + port}
	d.SignUp, d.Loopback = true, false
	ts.Config.Handler = NewServer(d)
	ts.Start()
	t.Cleanup(ts.Close)

	hash, err := hashPassword(t.Context(), "admin pass phrase")
	if err != nil {
		t.Fatal(err)
	}
	if err := j.AddAccount(t.Context(), &backcare.Account{ID: backcare.NewID(), Name: "boss", Role: backcare.RoleAdmin, CreatedAt: testNow, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("BACKCARE_SHOTS")
	if dir == "" {
		dir = "/tmp/clinic-shots"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	shoot := func(t *testing.T, ctx context.Context, name string) {
		t.Helper()
		for _, sz := range []struct {
			name          string
			width, height int64
			mobile        bool
		}{{"phone", 390, 844, true}, {"desktop", 1280, 800, false}} {
			opts := []chromedp.EmulateViewportOption{}
			if sz.mobile {
				opts = append(opts, chromedp.EmulateMobile)
			}
			mustDo(t, ctx, chromedp.EmulateViewport(sz.width, sz.height, opts...), chromedp.Reload(), chromedp.WaitReady(chromedp.CSS("main")))
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name+"-"+sz.name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
			if w := eval[int64](t, ctx, `document.documentElement.scrollWidth`); w > sz.width {
				t.Errorf("%s is %d px wide at a %d px screen", name, w, sz.width)
			}
		}
		mustDo(t, ctx, chromedp.EmulateViewport(1280, 800))
	}

	admin := newBrowser(t)
	signIn := func(ctx context.Context, name, password string) {
		mustDo(t, ctx, chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.CSS("#password")),
			chromedp.SendKeys(chromedp.CSS("#name"), name), chromedp.SendKeys(chromedp.CSS("#password"), password),
			chromedp.Submit(chromedp.CSS("#password")))
		waitPath(t, ctx, "/")
	}

	// The admin makes the clinic and its clinician.
	signIn(admin, "boss", "admin pass phrase")
	mustDo(t, admin, chromedp.Navigate(base+"/admin/clinics"), chromedp.WaitVisible(chromedp.CSS("#clinic-name")),
		chromedp.SendKeys(chromedp.CSS("#clinic-name"), "Riverside Physio"), chromedp.Click(chromedp.CSS("#clinic-add")))
	waitPath(t, admin, "/admin/clinics")
	mustDo(t, admin, chromedp.WaitVisible(chromedp.CSS("input[id^='doc-']")),
		chromedp.SendKeys(chromedp.CSS("input[id^='doc-']"), "dr.lee"), chromedp.Submit(chromedp.CSS("input[id^='doc-']")),
		chromedp.WaitVisible(chromedp.CSS("#recovery-code")))
	code := text(t, admin, "#recovery-code")

	// The clinician signs in with the code, then invites a patient.
	doc := newPerson(t, admin)
	mustDo(t, doc, chromedp.Navigate(base+"/signin/recover"), chromedp.WaitVisible(chromedp.CSS("#code")),
		chromedp.SendKeys(chromedp.CSS("#name"), "dr.lee"), chromedp.SendKeys(chromedp.CSS("#code"), code),
		chromedp.SendKeys(chromedp.CSS("#password"), "clinic pass phrase"), chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitNotPresent(chromedp.CSS("#code")))
	if got := text(t, doc, "main"); !strings.Contains(got, "signed in as dr.lee") {
		t.Fatalf("signing in with the recovery code shows %q", got)
	}
	mustDo(t, doc, chromedp.Navigate(base+"/clinic"), chromedp.WaitVisible(chromedp.CSS("button[id^='invite-']")),
		chromedp.Click(chromedp.CSS("button[id^='invite-']")), chromedp.WaitVisible(chromedp.CSS("#invite-code")))
	link := regexp.MustCompile(`http://localhost:\d+/join\?code=[A-Z0-9-]+`).FindString(text(t, doc, ".handout"))
	if link == "" {
		t.Fatalf("the invitation shows no link: %q", text(t, doc, ".handout"))
	}
	shoot(t, doc, "invite")

	// The patient makes an account and joins with the link.
	pat := newPerson(t, admin)
	mustDo(t, pat, chromedp.Navigate(base+"/signup"), chromedp.WaitVisible(chromedp.CSS("#password")),
		chromedp.SendKeys(chromedp.CSS("#name"), "maria"), chromedp.SendKeys(chromedp.CSS("#password"), "quiet river stone"),
		chromedp.Submit(chromedp.CSS("#password")), chromedp.WaitVisible(chromedp.CSS("#recovery-code")))
	mustDo(t, pat, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#join")), chromedp.Click(chromedp.CSS("#join")))
	waitPath(t, pat, "/my-clinic")
	if got := text(t, pat, "main"); !strings.Contains(got, "Riverside Physio") || !strings.Contains(got, "dr.lee") {
		t.Errorf("Your clinic after joining shows %q", got)
	}
	maria, err := j.AccountByName(t.Context(), "maria")
	if err != nil {
		t.Fatal(err)
	}
	j.openGateFor(maria.ID) // the safety questions are not this test's subject

	// The clinician assigns the article's routine with a 30-second lunge.
	mustDo(t, doc, chromedp.Navigate(base+"/clinic"), chromedp.WaitVisible(chromedp.CSS("#p-"+maria.ID+" h3 a")),
		chromedp.Click(chromedp.CSS("#p-"+maria.ID+" h3 a")))
	waitPath(t, doc, "/clinic/patients/"+maria.ID)
	mustDo(t, doc, chromedp.Click(chromedp.CSS("#edit-programme")))
	waitPath(t, doc, "/programme")
	mustDo(t, doc, chromedp.Click(chromedp.CSS("#r-lower-back-relief")), chromedp.SetValue(chromedp.CSS("#hold-standing-psoas-lunge"), "30"),
		chromedp.SetValue(chromedp.CSS("#note"), "Half a minute each side for now, gently."))
	shoot(t, doc, "programme-editor")
	mustDo(t, doc, chromedp.Click(chromedp.CSS("#r-lower-back-relief")), chromedp.SetValue(chromedp.CSS("#hold-standing-psoas-lunge"), "30"),
		chromedp.SetValue(chromedp.CSS("#note"), "Half a minute each side for now, gently."))
	if checked := eval[bool](t, doc, `document.querySelector('#r-lower-back-relief').checked`); !checked {
		mustDo(t, doc, chromedp.Click(chromedp.CSS("#r-lower-back-relief")))
	}
	mustDo(t, doc, chromedp.Click(chromedp.CSS("#save-programme")))
	waitPath(t, doc, "/clinic/patients/"+maria.ID)
	if got := text(t, doc, "main"); !strings.Contains(got, "The programme is saved") || !strings.Contains(got, "hold 30 seconds") {
		t.Fatalf("the patient page after saving shows %q", got)
	}

	// The patient sees it on Today, plays it: 30 seconds on the clock.
	mustDo(t, pat, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#from-clinician")))
	if got := text(t, pat, "#from-clinician"); !strings.Contains(got, "dr.lee") || !strings.Contains(got, "Standing Psoas Lunge: hold 30 seconds") {
		t.Errorf("Today's programme from the clinician shows %q", got)
	}
	shoot(t, pat, "patient-today")
	mustDo(t, pat, chromedp.Navigate(base+"/play/lower-back-relief"), chromedp.WaitVisible(chromedp.CSS(`input[name="pain_before"][value="4"]`)),
		chromedp.Click(chromedp.CSS(`input[name="pain_before"][value="4"]`)), chromedp.Click(chromedp.CSS(`#checkin-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("play")))
	// Past the time to get ready, into the first hold.
	var count, title string
	deadline := time.Now().Add(20 * time.Second)
	for {
		title, count = text(t, pat, "#seg-title"), text(t, pat, "#count")
		if strings.Contains(title, "Lunge") && !strings.HasPrefix(title, "Get ready") {
			break
		}
		if time.Now().After(deadline) || !strings.HasPrefix(title, "Get ready") {
			t.Fatalf("the player did not come to the lunge's hold: at %q %q", title, count)
		}
		mustDo(t, pat, chromedp.Click(chromedp.ID("skip")))
		time.Sleep(200 * time.Millisecond)
	}
	if !regexp.MustCompile(`^0:(30|29|28)$`).MatchString(strings.TrimSpace(count)) {
		t.Errorf("the lunge's hold starts at %q, want 0:30 (the clinician's 30 seconds)", count)
	}
	time.Sleep(1500 * time.Millisecond)
	if later := strings.TrimSpace(text(t, pat, "#count")); later >= strings.TrimSpace(count) {
		t.Errorf("the clock did not run: %q then %q", count, later)
	}
	mustDo(t, pat, chromedp.Click(chromedp.ID("hurts")), chromedp.WaitVisible(chromedp.ID("stopped")))
	var stopped *backcare.Session
	for deadline := time.Now().Add(10 * time.Second); stopped == nil; {
		ss, _ := j.Sessions(t.Context(), maria.ID, backcare.Filter{})
		if len(ss) > 0 && ss[0].Status == backcare.StoppedForPain {
			stopped = ss[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("the session was not saved as stopped for pain: %+v", ss)
		}
		time.Sleep(100 * time.Millisecond)
	}

	// The dashboard shows the flag; the clinician acknowledges it.
	mustDo(t, doc, chromedp.Navigate(base+"/clinic"), chromedp.WaitVisible(chromedp.CSS("#p-"+maria.ID+" .flag-stopped_for_pain")))
	shoot(t, doc, "dashboard")
	mustDo(t, doc, chromedp.Navigate(base+"/clinic/patients/"+maria.ID), chromedp.WaitVisible(chromedp.CSS("#journal-h")))
	shoot(t, doc, "patient")
	mustDo(t, doc, chromedp.Navigate(base+"/clinic"), chromedp.WaitVisible(chromedp.CSS("#p-"+maria.ID+" .flag-stopped_for_pain")),
		chromedp.SendKeys(chromedp.CSS("#p-"+maria.ID+" .flag-stopped_for_pain input[name='note']"), "Phoned: tight, not hurt. Shorter hold."),
		chromedp.Click(chromedp.CSS("#p-"+maria.ID+" .flag-stopped_for_pain button")))
	waitPath(t, doc, "/clinic")
	mustDo(t, doc, chromedp.WaitVisible(chromedp.CSS("main .ok")))
	if n := eval[int](t, doc, `document.querySelectorAll('#p-`+maria.ID+` .flag-stopped_for_pain').length`); n != 0 {
		t.Errorf("the acknowledged flag is still shown")
	}
	clinic, err := j.ClinicByName(t.Context(), "Riverside Physio")
	if err != nil {
		t.Fatal(err)
	}
	acks, _ := j.FlagAcks(t.Context(), clinic.ID, maria.ID)
	if len(acks) != 1 || acks[0].Ref != stopped.ID || !strings.Contains(acks[0].Note, "Phoned") {
		t.Errorf("acknowledgements = %+v, want the stop for pain with the note", acks)
	}

	// The patient sees who looked.
	mustDo(t, pat, chromedp.Navigate(base+"/my-clinic"), chromedp.WaitVisible(chromedp.CSS("#looked-h")))
	shoot(t, pat, "your-clinic")
	if got := text(t, pat, ".looked"); !strings.Contains(got, "dr.lee opened your records") || !strings.Contains(got, "dr.lee changed your programme") || !strings.Contains(got, "dr.lee acknowledged a flag: stopped for pain") {
		t.Errorf("who looked = %q", got)
	}
}
