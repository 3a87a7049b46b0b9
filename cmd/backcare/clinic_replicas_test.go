package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"backcare"
)

// postgresEnv is an environment whose journal is a fresh schema of the
// BACKCARE_TEST_POSTGRES database, dropped when the test ends.
func postgresEnv(t *testing.T) map[string]string {
	t.Helper()
	dsn := os.Getenv("BACKCARE_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("BACKCARE_TEST_POSTGRES is not set; run .ci/start-postgres (as root) and export its DSN to test replicas on PostgreSQL")
	}
	return map[string]string{"BACKCARE_DATABASE": pgSchema(t, dsn), "TZ": "UTC", "BACKCARE_CATALOG": t.TempDir()}
}

// replicaPerson is one person's browser, its requests going to the two
// replicas in turn.
type replicaPerson struct {
	t        *testing.T
	c        *http.Client
	replicas []*running
	n        int
}

// next is the replica the next request goes to.
func (p *replicaPerson) next() string {
	r := p.replicas[p.n%len(p.replicas)]
	p.n++
	return r.base
}

func (p *replicaPerson) do(method, path, ctype, body string) (int, string, string) {
	p.t.Helper()
	req, err := http.NewRequest(method, p.next()+strings.TrimPrefix(path, "/"), strings.NewReader(body))
	if err != nil {
		p.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := p.c.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

func (p *replicaPerson) get(path string) (int, string) {
	code, _, body := p.do(http.MethodGet, path, "", "")
	return code, body
}

func (p *replicaPerson) post(path string, form url.Values) (int, string, string) {
	return p.do(http.MethodPost, path, "application/x-www-form-urlencoded", form.Encode())
}

// TestClinicOnTwoReplicas runs clinic mode with every request going to
// the other of two `serve` processes on one PostgreSQL: sign-in,
// invitations, the programme, a session stopped for pain, the dashboard's
// flag and its acknowledgement. Nothing a replica needs may live in the
// other's memory.
func TestClinicOnTwoReplicas(t *testing.T) {
	env := postgresEnv(t)
	codeRE := regexp.MustCompile(`(?m)^    ([a-z2-7]{4}(?:-[a-z2-7]{4}){7})$`)
	recovery := func(args ...string) string {
		t.Helper()
		r := runT(t, env, args...)
		m := codeRE.FindStringSubmatch(r.stdout)
		if r.code != 0 || m == nil {
			t.Fatalf("%q: code %d: %s %s", args, r.code, r.stdout, r.stderr)
		}
		return m[1]
	}
	docCode := recovery("account", "add", "dr.lee", "--role", "clinician")
	patCode := recovery("account", "add", "maria")
	for _, args := range [][]string{{"clinic", "add", "Riverside Physio"}, {"clinic", "clinician", "add", "Riverside Physio", "dr.lee"}} {
		if r := runT(t, env, args...); r.code != 0 {
			t.Fatalf("%q: %s", args, r.stderr)
		}
	}
	a, b := startServer(t, env), startServer(t, env)
	if a.base == b.base {
		t.Fatalf("the two replicas share an address: %s", a.base)
	}
	t.Logf("replicas at %s and %s", a.base, b.base)
	person := func(name, code string) *replicaPerson {
		p := &replicaPerson{t: t, c: a.client(t), replicas: []*running{a, b}}
		code2, loc, body := p.post("/signin/recover", url.Values{"name": {name}, "code": {code}, "password": {name + " long pass phrase"}})
		if code2 != http.StatusOK && code2 != http.StatusSeeOther {
			t.Fatalf("%s signs in with the recovery code: %d %s %.300s", name, code2, loc, body)
		}
		if c, _ := p.get("/account"); c != http.StatusOK {
			t.Fatalf("%s is not signed in on the other replica: %d", name, c)
		}
		return p
	}
	doc, pat := person("dr.lee", docCode), person("maria", patCode)

	j := openEnvJournal(t, env)
	clinic, err := j.ClinicByName(context.Background(), "Riverside Physio")
	if err != nil {
		t.Fatal(err)
	}
	maria, err := j.AccountByName(context.Background(), "maria")
	if err != nil {
		t.Fatal(err)
	}

	// An invitation made on one replica is accepted on the other.
	code, body := doc.get("/clinic")
	if code != http.StatusOK || !strings.Contains(body, "Riverside Physio") {
		t.Fatalf("dashboard = %d", code)
	}
	_, _, body = doc.post("/clinic/"+clinic.ID+"/invites", nil)
	invite := regexp.MustCompile(`id="invite-code">([A-Z0-9-]+)<`).FindStringSubmatch(body)
	if invite == nil {
		t.Fatalf("no invitation code shown: %.500s", body)
	}
	if code, body := pat.get("/join?code=" + invite[1]); code != http.StatusOK || !strings.Contains(body, "Riverside Physio invites you") {
		t.Fatalf("the invitation on the other replica = %d: %.300s", code, body)
	}
	if code, loc, _ := pat.post("/join", url.Values{"code": {invite[1]}}); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/my-clinic") {
		t.Fatalf("join = %d to %q", code, loc)
	}
	if code, _, _ := pat.post("/safety", safetyNo()); code != http.StatusSeeOther && code != http.StatusOK {
		t.Fatalf("safety answers = %d", code)
	}
	// Today, kept by each replica, then the programme saved on one: both
	// show it at once.
	pat.get("/")
	pat.get("/")
	prog := url.Values{"routine": {"lower-back-relief"}, "days": {"5"}, "start": {"2020-01-01"}, "note": {"Half a minute, gently."},
		"pose-standing-psoas-lunge": {"1"}, "hold-standing-psoas-lunge": {"30"}}
	if code, _, body := doc.post("/clinic/patients/"+maria.ID+"/programme", prog); code != http.StatusSeeOther {
		t.Fatalf("save the programme = %d: %.300s", code, body)
	}
	for i := 0; i < 2; i++ {
		if _, body := pat.get("/"); !strings.Contains(body, "Half a minute, gently.") {
			t.Errorf("Today on replica %d does not show the new programme", pat.n%2)
		}
	}
	if _, body := pat.get("/api/routines/lower-back-relief/timeline"); !strings.Contains(body, `"dose":"hold 30 seconds"`) {
		t.Errorf("the timeline lacks the 30 s lunge: %.300s", body)
	}
	// A session started on one replica, stopped for pain on the other.
	code, _, body = pat.do(http.MethodPost, "/api/sessions", "application/json", `{"routine_id":"lower-back-relief","pain_before":4}`)
	id := regexp.MustCompile(`"id":"([0-9a-f]+)"`).FindStringSubmatch(body)
	if code != http.StatusCreated && code != http.StatusOK || id == nil {
		t.Fatalf("start a session = %d: %.300s", code, body)
	}
	if code, _, body := pat.do(http.MethodPut, "/api/sessions/"+id[1], "application/json", `{"status":"stopped_for_pain","segments":[]}`); code != http.StatusOK {
		t.Fatalf("stop for pain = %d: %.300s", code, body)
	}
	_, body = doc.get("/clinic")
	if !strings.Contains(body, "flag-stopped_for_pain") {
		t.Fatalf("the dashboard shows no stop for pain: %.2000s", body)
	}
	if code, _, _ := doc.post("/clinic/patients/"+maria.ID+"/flags", url.Values{"kind": {"stopped_for_pain"}, "ref": {id[1]}, "note": {"Phoned."}}); code != http.StatusSeeOther {
		t.Fatalf("acknowledge = %d", code)
	}
	if _, body := doc.get("/clinic"); strings.Contains(body, "flag-stopped_for_pain") {
		t.Errorf("the other replica still shows the acknowledged flag")
	}
	if _, body := pat.get("/my-clinic"); !strings.Contains(body, "<strong>dr.lee</strong> acknowledged a flag: stopped for pain") || !strings.Contains(body, "<strong>dr.lee</strong> changed your programme") {
		t.Errorf("Your clinic does not list dr.lee's looks: %.1500s", body)
	}
}

// safetyNo answers every safety question no.
func safetyNo() url.Values {
	v := url.Values{}
	for id := range noAnswers() {
		v.Set(id, "no")
	}
	return v
}

// openEnvJournal opens the journal env names, closed when the test ends.
func openEnvJournal(t *testing.T, env map[string]string) backcare.Journal {
	t.Helper()
	a := &app{ctx: context.Background(), getenv: func(k string) string { return env[k] }, database: env["BACKCARE_DATABASE"]}
	j, err := a.journal()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	return j
}

// TestClinicInChromiumOnTwoReplicas is the clinic's end-to-end test in
// Chromium with every page loaded from the other of two replicas on one
// PostgreSQL: the admin makes a clinic and its clinician; the clinician
// invites; the patient joins in a browser of their own; the clinician
// assigns the article's routine with a 30-second lunge; the patient plays
// it (0:30 on the clock) and stops for pain; the dashboard shows the flag
// and the clinician acknowledges it.
func TestClinicInChromiumOnTwoReplicas(t *testing.T) {
	env := postgresEnv(t)
	root := chromium(t)
	if err := chromedp.Do(root); err != nil { // the browser, before its contexts
		t.Fatal(err)
	}
	codeRE := regexp.MustCompile(`(?m)^    ([a-z2-7]{4}(?:-[a-z2-7]{4}){7})$`)
	r := runT(t, env, "account", "add", "boss", "--role", "admin")
	m := codeRE.FindStringSubmatch(r.stdout)
	if r.code != 0 || m == nil {
		t.Fatalf("account add: %s %s", r.stdout, r.stderr)
	}
	bossCode := m[1]
	replicas := []*running{startServer(t, env, "--signup"), startServer(t, env, "--signup")}
	n := 0
	// next is the other replica's address for the next page (the same
	// host name, so the browsers' cookies go to both).
	next := func(path string) string {
		n++
		return "http://127.0.0.1:" + replicas[n%2].port + path
	}
	browser := func() context.Context {
		c, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
		t.Cleanup(cancel)
		if err := chromedp.Do(c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	do := func(ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}
	textOf := func(ctx context.Context, sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return s
	}
	recoverAs := func(ctx context.Context, name, code string) {
		t.Helper()
		do(ctx, chromedp.Navigate(next("/signin/recover")), chromedp.WaitVisible(chromedp.CSS("#code")),
			chromedp.SendKeys(chromedp.CSS("#name"), name), chromedp.SendKeys(chromedp.CSS("#code"), code),
			chromedp.SendKeys(chromedp.CSS("#password"), name+" long pass phrase"), chromedp.Submit(chromedp.CSS("#password")),
			chromedp.WaitNotPresent(chromedp.CSS("#code")))
	}

	admin := browser()
	recoverAs(admin, "boss", bossCode)
	do(admin, chromedp.Navigate(next("/admin/clinics")), chromedp.WaitVisible(chromedp.CSS("#clinic-name")),
		chromedp.SendKeys(chromedp.CSS("#clinic-name"), "Riverside Physio"), chromedp.Click(chromedp.CSS("#clinic-add")),
		chromedp.WaitVisible(chromedp.CSS("input[id^='doc-']")))
	do(admin, chromedp.Navigate(next("/admin/clinics")), chromedp.WaitVisible(chromedp.CSS("input[id^='doc-']")),
		chromedp.SendKeys(chromedp.CSS("input[id^='doc-']"), "dr.lee"), chromedp.Submit(chromedp.CSS("input[id^='doc-']")),
		chromedp.WaitVisible(chromedp.CSS("#recovery-code")))
	docCode := textOf(admin, "#recovery-code")

	doc := browser()
	recoverAs(doc, "dr.lee", docCode)
	do(doc, chromedp.Navigate(next("/clinic")), chromedp.WaitVisible(chromedp.CSS("button[id^='invite-']")),
		chromedp.Click(chromedp.CSS("button[id^='invite-']")), chromedp.WaitVisible(chromedp.CSS("#invite-code")))
	invite := textOf(doc, "#invite-code")

	pat := browser()
	// A desktop window: on a phone's, the player keeps "This hurts" at
	// the bottom of the screen, over Skip, where a scripted click on Skip
	// lands on it.
	do(pat, chromedp.EmulateViewport(1280, 800))
	do(pat, chromedp.Navigate(next("/signup")), chromedp.WaitVisible(chromedp.CSS("#password")),
		chromedp.SendKeys(chromedp.CSS("#name"), "maria"), chromedp.SendKeys(chromedp.CSS("#password"), "quiet river stone"),
		chromedp.Submit(chromedp.CSS("#password")), chromedp.WaitVisible(chromedp.CSS("#recovery-code")))
	do(pat, chromedp.Navigate(next("/join?code="+invite)), chromedp.WaitVisible(chromedp.CSS("#join")),
		chromedp.Click(chromedp.CSS("#join")), chromedp.WaitVisible(chromedp.CSS("#looked-h")))
	// The safety questions, all no, as anyone new answers them first.
	do(pat, chromedp.Navigate(next("/safety")), chromedp.WaitVisible(chromedp.CSS(`form[action="/safety"]`)))
	if _, err := chromedp.Run(pat, chromedp.Evaluate[int](`(() => { const r = document.querySelectorAll('form[action="/safety"] input[value="no"]'); r.forEach((x) => x.click()); return r.length; })()`)); err != nil {
		t.Fatal(err)
	}
	do(pat,
		chromedp.Click(chromedp.CSS(`form[action="/safety"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#verdict.verdict-go_ahead`)))

	j := openEnvJournal(t, env)
	maria, err := j.AccountByName(context.Background(), "maria")
	if err != nil {
		t.Fatal(err)
	}
	do(doc, chromedp.Navigate(next("/clinic/patients/"+maria.ID+"/programme")), chromedp.WaitVisible(chromedp.CSS("#r-lower-back-relief")),
		chromedp.Click(chromedp.CSS("#r-lower-back-relief")), chromedp.SetValue(chromedp.CSS("#hold-standing-psoas-lunge"), "30"),
		chromedp.Click(chromedp.CSS("#save-programme")), chromedp.WaitVisible(chromedp.CSS("#edit-programme")))

	do(pat, chromedp.Navigate(next("/")), chromedp.WaitVisible(chromedp.CSS("#from-clinician")))
	if got := textOf(pat, "#from-clinician"); !strings.Contains(got, "Standing Psoas Lunge: hold 30 seconds") {
		t.Errorf("Today's programme from the clinician shows %q", got)
	}
	do(pat, chromedp.Navigate(next("/play/lower-back-relief")), chromedp.WaitVisible(chromedp.CSS(`input[name="pain_before"][value="4"]`)),
		chromedp.Click(chromedp.CSS(`input[name="pain_before"][value="4"]`)), chromedp.Click(chromedp.CSS(`#checkin-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#play")))
	for deadline := time.Now().Add(20 * time.Second); ; {
		title := textOf(pat, "#seg-title")
		if strings.Contains(title, "Lunge") && !strings.HasPrefix(title, "Get ready") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the player did not come to the lunge's hold: at %q; the page says %q", title, textOf(pat, "main"))
		}
		if strings.HasPrefix(title, "Get ready") {
			do(pat, chromedp.Click(chromedp.CSS("#skip")))
		}
		time.Sleep(200 * time.Millisecond)
	}
	if count := strings.TrimSpace(textOf(pat, "#count")); !regexp.MustCompile(`^0:(30|29|28)$`).MatchString(count) {
		t.Errorf("the lunge's hold starts at %q, want 0:30", count)
	}
	do(pat, chromedp.Click(chromedp.CSS("#hurts")), chromedp.WaitVisible(chromedp.CSS("#stopped")))
	for deadline := time.Now().Add(10 * time.Second); ; {
		ss, _ := j.History(context.Background(), maria.ID, backcare.Filter{})
		if len(ss) > 0 && ss[0].Status == backcare.StoppedForPain {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the session was not saved as stopped for pain: %+v", ss)
		}
		time.Sleep(100 * time.Millisecond)
	}
	flag := "#p-" + maria.ID + " .flag-stopped_for_pain"
	do(doc, chromedp.Navigate(next("/clinic")), chromedp.WaitVisible(chromedp.CSS(flag)),
		chromedp.SendKeys(chromedp.CSS(flag+" input[name='note']"), "Phoned."), chromedp.Click(chromedp.CSS(flag+" button")),
		chromedp.WaitVisible(chromedp.CSS("main .ok")))
	do(doc, chromedp.Navigate(next("/clinic")), chromedp.WaitVisible(chromedp.CSS("main h1")))
	left, err := chromedp.Run(doc, chromedp.Evaluate[int](`document.querySelectorAll('`+flag+`').length`))
	if err != nil {
		t.Fatal(err)
	}
	if left != 0 {
		t.Errorf("the other replica still shows the acknowledged flag")
	}
}
