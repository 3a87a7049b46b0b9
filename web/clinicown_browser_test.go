package web

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"backcare"
)

// TestClinicLibraryInBrowser is the clinic's own poses and routines in
// Chromium: a clinician writes a pose with mistakes, sees each problem at
// its field, puts them right and saves; builds a routine of it and a
// built-in pose; assigns it; and the patient, in a browser of their own,
// sees it on Today and opens it in the player. It saves the list and the
// editor with its problems at two phones' sizes and a desktop's under
// $BACKCARE_SHOTS (default /tmp/clinic-shots) for a person to look at.
func TestClinicLibraryInBrowser(t *testing.T) {
	ts := httptest.NewUnstartedServer(nil)
	port := ts.Listener.Addr().String()
	port = port[strings.LastIndexByte(port, ':')+1:]
	base := "http://localhost:" + port
	j := newMemJournal()
	d := testDeps(t, j)
	d.Hosts = []string{"localhost:" + port, "127.0.0.1:" + port}
	d.Loopback = false
	ts.Config.Handler = NewServer(d)
	ts.Start()
	t.Cleanup(ts.Close)

	ctx := t.Context()
	clinic := &backcare.Clinic{Name: "Riverside Physio", CreatedAt: testNow}
	if err := j.AddClinic(ctx, clinic); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, p := range []struct {
		name string
		role backcare.Role
		in   backcare.ClinicRole
	}{{"dr.lee", backcare.RoleClinician, backcare.InClinicClinician}, {"maria", backcare.RolePerson, backcare.InClinicPatient}} {
		hash, err := hashPassword(ctx, p.name+" pass phrase")
		if err != nil {
			t.Fatal(err)
		}
		a := &backcare.Account{ID: backcare.NewID(), Name: p.name, Role: p.role, CreatedAt: testNow, PasswordHash: hash}
		if err := j.AddAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := j.AddMember(ctx, &backcare.ClinicMember{ClinicID: clinic.ID, AccountID: a.ID, Role: p.in, JoinedAt: testNow}); err != nil {
			t.Fatal(err)
		}
		ids[p.name] = a.ID
	}
	j.openGateFor(ids["maria"])
	dir := os.Getenv("BACKCARE_SHOTS")
	if dir == "" {
		dir = "/tmp/clinic-shots"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// axe-core audits each page shot, when BACKCARE_AXE names it (see
	// TestPagesInBrowser).
	axe := ""
	if p := os.Getenv("BACKCARE_AXE"); p != "" {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("BACKCARE_AXE: %v", err)
		}
		axe = string(b)
	}
	// shoot saves the page as it is, at each size, without loading it
	// again (the editor with its problems is the answer to a POST).
	shoot := func(t *testing.T, ctx context.Context, name string) {
		t.Helper()
		if axe != "" {
			audit(t, ctx, axe)
		}
		for _, sz := range []struct {
			name          string
			width, height int64
			mobile, dark  bool
		}{{"phone", 390, 844, true, false}, {"phone-dark", 390, 844, true, true}, {"phone-320", 320, 640, true, false}, {"desktop", 1280, 800, false, false}} {
			opts := []chromedp.EmulateViewportOption{}
			if sz.mobile {
				opts = append(opts, chromedp.EmulateMobile)
			}
			scheme := "light"
			if sz.dark {
				scheme = "dark"
			}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				// No motion: the buttons' colour transitions would be caught
				// half way by the audit just after the change of scheme.
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}, {Name: "prefers-reduced-motion", Value: "reduce"}}}); err != nil {
				t.Fatal(err)
			}
			mustDo(t, ctx, chromedp.EmulateViewport(sz.width, sz.height, opts...), chromedp.WaitReady(chromedp.CSS("main")))
			if axe != "" && sz.dark {
				audit(t, ctx, axe) // the colours' contrast in dark mode too
			}
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
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}}}); err != nil {
			t.Fatal(err)
		}
		mustDo(t, ctx, chromedp.EmulateViewport(1280, 800))
	}
	signIn := func(ctx context.Context, name string) {
		mustDo(t, ctx, chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.CSS("#password")),
			chromedp.SendKeys(chromedp.CSS("#name"), name), chromedp.SendKeys(chromedp.CSS("#password"), name+" pass phrase"),
			chromedp.Submit(chromedp.CSS("#password")))
		waitPath(t, ctx, "/")
	}
	doc := newBrowser(t)
	signIn(doc, "dr.lee")

	// From the dashboard to the clinic's poses and routines, then a new
	// pose, with a hold written in words.
	mustDo(t, doc, chromedp.Navigate(base+"/clinic"), chromedp.WaitVisible(chromedp.CSS("#library-"+clinic.ID)),
		chromedp.Click(chromedp.CSS("#library-"+clinic.ID)), chromedp.WaitVisible(chromedp.CSS("#new-pose")),
		chromedp.Click(chromedp.CSS("#new-pose")), chromedp.WaitVisible(chromedp.CSS("#f-id")))
	mustDo(t, doc,
		chromedp.SendKeys(chromedp.CSS("#f-id"), "wall-slide"),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Wall slide"),
		chromedp.SendKeys(chromedp.CSS("#f-why"), "It eases the long muscles beside the spine."),
		chromedp.SetValue(chromedp.CSS("#f-hold"), "a minute"),
		chromedp.SendKeys(chromedp.CSS("#f-steps"), "Stand facing a wall, your hands on it at shoulder height.\nSlide your hands down the wall a little as you hinge at the hips, back long."),
		chromedp.SendKeys(chromedp.CSS("#f-feel"), "A gentle stretch along your lower back."),
		chromedp.SendKeys(chromedp.CSS("#f-stop_signs"), "Sharp or shooting pain"),
		chromedp.SendKeys(chromedp.CSS("#f-targets"), "erector spinae"),
		chromedp.SendKeys(chromedp.CSS("#f-easier"), "zombie-crwl"),
		chromedp.SetValue(chromedp.CSS("#f-picture"), "wall-hip-hinge"),
		chromedp.Click(chromedp.CSS("#save-doc")), chromedp.WaitVisible(chromedp.CSS("#f-hold-error")))
	if got := text(t, doc, "#f-easier-error"); !strings.Contains(got, `Did you mean "zombie-crawl"?`) {
		t.Errorf("the variant's problem reads %q", got)
	}
	if got := text(t, doc, "#f-hold-error"); !strings.Contains(got, `You wrote "a minute"`) {
		t.Errorf("the hold's problem reads %q", got)
	}
	if got := eval[string](t, doc, `document.querySelector('#f-hold').getAttribute('aria-invalid') + ' ' + document.querySelector('#f-hold').getAttribute('aria-describedby')`); !strings.Contains(got, "true f-hold-error") {
		t.Errorf("the hold is not marked invalid and described by its problem: %q", got)
	}
	if got := eval[string](t, doc, `document.querySelector('#f-steps').value`); !strings.Contains(got, "hinge at the hips") {
		t.Errorf("the steps typed are gone after the refused save: %q", got)
	}
	if n, _ := j.ClinicDocs(ctx, clinic.ID); len(n) != 0 {
		t.Errorf("the refused pose was saved: %+v", n)
	}
	// The picture chosen is drawn beside the steps: as the page came
	// (the choice sent), and again as the choice changes; No picture is
	// a plain box that says so.
	preview := `(() => { const p = document.getElementById('f-picture-preview'); return (p.querySelector('svg title')?.textContent ?? p.textContent).trim(); })()`
	if got := eval[string](t, doc, preview); got != "Wall Hip Hinge" {
		t.Errorf("the picture's preview as sent = %q, want the Wall Hip Hinge", got)
	}
	if got := text(t, doc, "#save-status"); !strings.Contains(got, "Not saved") {
		t.Errorf("the save bar's status after a refused save = %q, want Not saved", got)
	}
	shoot(t, doc, "library-editor-errors")
	pick := func(id string) {
		mustDo(t, doc, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('f-picture'); s.value = '`+id+`'; s.dispatchEvent(new Event('change')); })()`))
	}
	pick("zombie-crawl")
	if got := eval[string](t, doc, preview); got != "Zombie Crawl" {
		t.Errorf("the picture's preview after choosing the crawl = %q", got)
	}
	pick("")
	if got := eval[string](t, doc, preview); !strings.Contains(got, "No picture") {
		t.Errorf("the picture's preview after choosing none = %q", got)
	}
	mustDo(t, doc, chromedp.ScrollIntoView(chromedp.CSS("#f-steps")))
	shoot(t, doc, "library-editor-no-picture")
	pick("wall-hip-hinge")

	// Put right, it saves.
	mustDo(t, doc, chromedp.SetValue(chromedp.CSS("#f-hold"), "60"), chromedp.SetValue(chromedp.CSS("#f-easier"), "zombie-crawl"),
		chromedp.Click(chromedp.CSS("#save-doc")))
	waitPath(t, doc, "/clinic-library/"+clinic.ID)
	mustDo(t, doc, chromedp.WaitVisible(chromedp.CSS("#pose-wall-slide")))

	// A routine of the new pose and a built-in one.
	mustDo(t, doc, chromedp.Click(chromedp.CSS("#new-routine")), chromedp.WaitVisible(chromedp.CSS("#f-id")),
		chromedp.SendKeys(chromedp.CSS("#f-id"), "wall-and-crawl"),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Wall and crawl"),
		chromedp.SendKeys(chromedp.CSS("#f-purpose"), "Gentle stretches for the end of a working day."),
		chromedp.SetValue(chromedp.CSS("#f-pose-0"), "wall-slide"),
		chromedp.SetValue(chromedp.CSS("#f-pose-1"), "zombie-crawl"),
		chromedp.SetValue(chromedp.CSS("#f-hold-1"), "45"))
	// Choosing a pose shows its own dose in its row: in words, and as the
	// placeholders of the fields left empty; a side is offered only for a
	// pose done on each side.
	choose := func(n, pose string) {
		mustDo(t, doc, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('f-pose-`+n+`'); s.value = '`+pose+`'; s.dispatchEvent(new Event('change')); })()`))
	}
	choose("0", "wall-slide")
	choose("1", "zombie-crawl")
	choose("2", "standing-psoas-lunge")
	if got := eval[string](t, doc, `['hold-1', 'sets-1', 'intensity-1', 'hold-2'].map((f) => document.getElementById('f-' + f).placeholder).join(' ')`); got != "60 none 5 60" {
		t.Errorf("the rows' placeholders = %q, want the poses' own doses: 60 none 5 60", got)
	}
	if got := text(t, doc, "#f-pose-2-help"); !strings.Contains(got, "hold 1 minute on each side") || !strings.Contains(got, "An empty field keeps it") {
		t.Errorf("the lunge's row says %q, want its own dose", got)
	}
	if got := eval[string](t, doc, `[0, 1, 2].map((n) => document.getElementById('f-side-' + n).closest('.field').hidden).join(' ')`); got != "true true false" {
		t.Errorf("the rows' sides hidden = %s, want only the lunge's shown", got)
	}
	mustDo(t, doc, chromedp.SetValue(chromedp.CSS("#f-side-2"), "left"))
	shoot(t, doc, "library-routine-editor")
	// A row's problem is a line across the row, under the field: the
	// row's fields keep their places and widths.
	rowBoxes := `(() => {
	  const row = document.getElementById('f-hold-1').closest('.pose-fields'), r = row.getBoundingClientRect();
	  const hold = document.getElementById('f-hold-1').getBoundingClientRect();
	  return [...row.querySelectorAll('input, select')].map((e) => {
	    const b = e.getBoundingClientRect();
	    return e.id + ' ' + Math.round(b.left - r.left) + (Math.abs(b.top - hold.top) < 1 ? ',' + Math.round(b.top - r.top) : '') + ' ' + Math.round(b.width);
	  }).join('; ');
	})()`
	before := eval[string](t, doc, rowBoxes)
	mustDo(t, doc, chromedp.SetValue(chromedp.CSS("#f-hold-1"), "soon"),
		chromedp.Click(chromedp.CSS("#save-doc")), chromedp.WaitVisible(chromedp.CSS("#f-hold-1-error")))
	if after := eval[string](t, doc, rowBoxes); after != before {
		t.Errorf("the crawl's row changed with its problem:\n before %s\n after  %s", before, after)
	}
	if w := eval[float64](t, doc, `(() => { const e = document.getElementById('f-hold-1-error'); return e.getBoundingClientRect().width / e.closest('.pose-fields').getBoundingClientRect().width; })()`); w < 0.99 {
		t.Errorf("the hold's problem is %.0f%% of the row's width, want all of it", 100*w)
	}
	if got := eval[string](t, doc, `document.getElementById('f-side-2').value + ' ' + document.getElementById('f-hold-2').placeholder`); got != "left 60" {
		t.Errorf("the refused form's lunge row = %q, want the left side kept and its own hold shown", got)
	}
	shoot(t, doc, "library-routine-errors")
	mustDo(t, doc, chromedp.SetValue(chromedp.CSS("#f-hold-1"), "45"), chromedp.Click(chromedp.CSS("#save-doc")))
	waitPath(t, doc, "/clinic-library/"+clinic.ID)
	mustDo(t, doc, chromedp.WaitVisible(chromedp.CSS("#routine-wall-and-crawl")))
	if d, err := j.ClinicDoc(ctx, clinic.ID, backcare.ClinicRoutine, "wall-and-crawl"); err != nil || !strings.Contains(d.Text, "pose: \"standing-psoas-lunge\"\n        side: \"left\"") {
		t.Errorf("the saved routine = %+v, %v; want the lunge on the left side", d, err)
	}
	shoot(t, doc, "library-list")

	// Assigned to maria.
	mustDo(t, doc, chromedp.Navigate(base+"/clinic/patients/"+ids["maria"]+"/programme"), chromedp.WaitVisible(chromedp.CSS("#r-wall-and-crawl")),
		chromedp.Click(chromedp.CSS("#r-wall-and-crawl")), chromedp.Click(chromedp.CSS("#save-programme")))
	waitPath(t, doc, "/clinic/patients/"+ids["maria"])
	if got := text(t, doc, "main"); !strings.Contains(got, "The programme is saved") || !strings.Contains(got, "Wall and crawl") {
		t.Fatalf("the patient page after saving shows %q", got)
	}

	// maria sees it on Today, and the player opens it.
	pat := newPerson(t, doc)
	signIn(pat, "maria")
	mustDo(t, pat, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#from-clinician")))
	if got := text(t, pat, "#from-clinician"); !strings.Contains(got, "Wall and crawl") || !strings.Contains(got, "Wall slide") || !strings.Contains(got, "dr.lee") {
		t.Errorf("Today's programme from the clinician shows %q", got)
	}
	shoot(t, pat, "library-patient-today")
	mustDo(t, pat, chromedp.Navigate(base+"/play/wall-and-crawl"), chromedp.WaitVisible(chromedp.CSS(`input[name="pain_before"][value="2"]`)),
		chromedp.Click(chromedp.CSS(`input[name="pain_before"][value="2"]`)), chromedp.Click(chromedp.CSS(`#checkin-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("play")))
	if got := text(t, pat, "#seg-title"); !strings.Contains(got, "Wall slide") {
		t.Errorf("the player of the clinic's routine starts with %q, want the clinic's Wall slide", got)
	}
	shoot(t, pat, "library-patient-player")

	// Without scripts the routine editor still works: a row with no pose
	// is its choice alone; choosing a pose shows the row's dose fields,
	// and the dose typed there is saved.
	t.Run("routine-editor-without-scripts", func(t *testing.T) {
		c := newPerson(t, doc)
		signIn(c, "dr.lee")
		if _, err := chromedp.Call(c, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		mustDo(t, c, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
			chromedp.Navigate(base+"/clinic-library/"+clinic.ID+"/new?kind=routine"), chromedp.WaitReady(chromedp.ID("f-pose-0")))
		shown := `['hold', 'sets', 'reps', 'rest', 'intensity', 'side'].filter((f) => document.getElementById('f-' + f + '-0').checkVisibility()).join(' ')`
		if got := eval[string](t, c, shown); got != "" {
			t.Errorf("the dose fields shown in a row with no pose = %q, want none", got)
		}
		if got := eval[bool](t, c, `document.getElementById('f-pose-0').checkVisibility()`); !got {
			t.Errorf("the row's choice of a pose is not shown")
		}
		png, err := chromedp.Run(c, chromedp.FullScreenshot(90))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "library-routine-without-scripts-phone.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		mustDo(t, c, chromedp.SendKeys(chromedp.ID("f-id"), "crawl-only"),
			chromedp.SendKeys(chromedp.ID("f-name"), "Crawl only"),
			chromedp.SendKeys(chromedp.ID("f-purpose"), "One gentle pose for a short break."),
			chromedp.SetValue(chromedp.ID("f-pose-0"), "zombie-crawl"))
		if got := eval[string](t, c, shown); got != "hold sets reps rest intensity side" {
			t.Errorf("the dose fields shown once a pose is chosen = %q, want all of them", got)
		}
		mustDo(t, c, chromedp.SendKeys(chromedp.ID("f-hold-0"), "40"), chromedp.Click(chromedp.ID("save-doc")))
		waitPath(t, c, "/clinic-library/"+clinic.ID)
		if d, err := j.ClinicDoc(ctx, clinic.ID, backcare.ClinicRoutine, "crawl-only"); err != nil || !strings.Contains(d.Text, "hold: 40") {
			t.Errorf("the routine saved without scripts = %+v, %v; want the crawl held 40 seconds", d, err)
		}
	})
}
