package web

import (
	"context"
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

// seedClinic gives Riverside more patients, each as a clinician meets
// them: one on track with improving PEGs, one whose pain rose after three
// sessions, one who has not practised for nine days, one who joined today.
func seedClinic(t *testing.T, f *clinicFixture) {
	t.Helper()
	ctx := t.Context()
	pain := func(n int) *int { return &n }
	for i, name := range []string{"amara.o", "ben.k", "chen.w", "dana.r"} {
		a := &backcare.Account{ID: backcare.NewID(), Name: name, Role: backcare.RolePerson, CreatedAt: testNow.AddDate(0, -3, 0)}
		if i == 2 {
			a.Zone = "America/New_York"
		}
		if err := f.j.AddAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		f.ids[name] = a.ID
		joined := testNow.AddDate(0, 0, -40)
		if i == 3 {
			joined = testNow.Add(-2 * time.Hour)
		}
		if err := f.j.AddMember(ctx, &backcare.ClinicMember{ClinicID: f.a.ID, AccountID: a.ID, Role: backcare.InClinicPatient, JoinedAt: joined, InvitedBy: f.ids["doc.a"]}); err != nil {
			t.Fatal(err)
		}
		if i < 3 {
			if err := f.j.SaveAssignment(ctx, &backcare.Assignment{ClinicID: f.a.ID, PatientID: a.ID, ClinicianID: f.ids["doc.a"],
				Routines: []string{"lower-back-relief"}, DaysPerWeek: 4, Start: joined, UpdatedAt: joined}); err != nil {
				t.Fatal(err)
			}
		}
		var days []int
		switch i {
		case 0:
			days = []int{0, 1, 2, 3, 5, 7, 8, 10, 12}
		case 1:
			days = []int{1, 2, 4, 6}
		case 2:
			days = []int{9, 11, 13}
		case 3:
			days = []int{0}
		}
		for k, d := range days {
			at := testNow.AddDate(0, 0, -d).Add(-10 * time.Hour)
			if i == 3 {
				at = testNow.Add(-time.Hour)
			}
			s := &backcare.Session{ID: backcare.NewID(), UserID: a.ID, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
				StartedAt: at, EndedAt: at.Add(7 * time.Minute), Status: backcare.Completed, PainBefore: pain(2 + k/3), PainAfter: pain(1 + k/3),
				Segments: []backcare.SegmentResult{}}
			if i == 1 && k < 3 {
				s.PainBefore, s.PainAfter = pain(3), pain(6)
			}
			if err := f.j.SaveSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if i == 0 {
			for w, p := range []int{7, 6, 5, 4} {
				if err := f.j.AddPEG(ctx, &backcare.PEG{ID: backcare.NewID(), UserID: a.ID, At: testNow.AddDate(0, 0, -7*(3-w)-1), Pain: p, Enjoyment: p - 1, Activity: p}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// rowFieldBoxes is the place and size of each field of the programme
// editor's first pose (the lunge), in CSS pixels from the row's own
// corner: across, and, for the fields on the hold's line, down too (the
// lines below make room for the hold's problem, under its line).
const rowFieldBoxes = `(() => {
  const row = document.querySelector('#pose-standing-psoas-lunge .pose-fields'), r = row.getBoundingClientRect();
  const hold = document.getElementById('hold-standing-psoas-lunge').getBoundingClientRect();
  return [...row.querySelectorAll('input, select')].map((e) => {
    const b = e.getBoundingClientRect();
    const down = Math.abs(b.top - hold.top) < 1 ? ',' + Math.round(b.top - r.top) : '';
    return e.id + ' ' + Math.round(b.left - r.left) + down + ' ' + Math.round(b.width) + 'x' + Math.round(b.height);
  }).join('; ');
})()`

// chartTextOffSize lists the texts of the page's charts drawn under 12.5
// or over 19 CSS pixels (the font size in the chart's units times its
// scale), with the size they are drawn at: about the body's 18 px
// at every width, however far the chart is scaled.
const chartTextOffSize = `[...document.querySelectorAll('svg.chart text')].flatMap((e) => {
  const px = parseFloat(getComputedStyle(e).fontSize) * e.ownerSVGElement.getScreenCTM().a;
  return px < 12.5 || px > 19 ? [e.textContent + ' ' + px.toFixed(1) + 'px at ' + innerWidth] : [];
})`

// smallTargets lists the page's controls, and the dashboard's patient
// names, that are under 44 CSS pixels high or wide where they are shown
// (a checkbox's label is its target, and a link inside a sentence is not
// counted).
const smallTargets = `[...document.querySelectorAll('main a.button, main button, main summary, main select, .patient-head h3 a, ` +
	`main input:not([type=checkbox]):not([type=radio]):not([type=hidden])')].flatMap((e) => {
  if (!e.checkVisibility()) return [];
  const r = e.getBoundingClientRect();
  return r.height < 44 || r.width < 44 ? [(e.id || e.textContent.trim().slice(0, 30)) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height)] : [];
})`

// weekLabelsMeet lists the week labels under the page's charts, as shown,
// that run into the next one or out of their chart.
const weekLabelsMeet = `[...document.querySelectorAll('svg.chart')].flatMap((svg) => {
  const box = svg.getBoundingClientRect();
  const ls = [...svg.querySelectorAll('text.tick')].filter((e) => e.getAttribute('y') === '288' && getComputedStyle(e).display !== 'none')
    .map((e) => [e.textContent, e.getBoundingClientRect()]).sort((a, b) => a[1].left - b[1].left);
  return ls.flatMap(([t, r], i) => {
    if (r.left < box.left - 1 || r.right > box.right + 1) return [t + ' leaves the chart'];
    if (i + 1 < ls.length && r.right + 2 > ls[i + 1][1].left) return [t + ' meets ' + ls[i + 1][0]];
    return [];
  });
})`

// checkSaveBar checks the editor's save bar as it stands at the foot of
// the screen: one line, no taller than 64 CSS pixels on a phone (80 on a
// desktop), at the foot of the screen,
// its status saying want.
func checkSaveBar(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	mustDo(t, ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	got := eval[[]float64](t, ctx, `(() => {
	  const bar = document.querySelector('.sticky-save').getBoundingClientRect();
	  const b = document.querySelector('.sticky-save .button').getBoundingClientRect();
	  const st = document.getElementById('save-status').getBoundingClientRect();
	  return [bar.height, bar.bottom, innerHeight, b.top, st.top, st.bottom, bar.top];
	})()`)
	// On a phone, one line of a 44 px button; on a desktop, a larger one.
	most := 64.0
	if eval[int64](t, ctx, `innerWidth`) > 480 {
		most = 80
	}
	if h := got[0]; h > most {
		t.Errorf("the save bar is %.0f px high, want at most %.0f", h, most)
	}
	if got[1] > got[2]+1 || got[1] < got[2]-1 {
		t.Errorf("the save bar ends at %.0f, want at the foot of the %.0f px screen", got[1], got[2])
	}
	if want != "" && (got[4] < got[6] || got[5] > got[1]) {
		t.Errorf("the save bar's status is not on its line: %v", got)
	}
	if status := text(t, ctx, "#save-status"); status != want {
		t.Errorf("the save bar's status = %q, want %q", status, want)
	}
	// A field that sits under the bar, reached with Tab or a tap (focus
	// scrolls it into view), is not left under it.
	hidden := eval[string](t, ctx, `(() => {
	  const f = [...document.querySelectorAll('form input:not([type=hidden]), form select')]
	    .find((e) => e.offsetParent && e.getBoundingClientRect().top > innerHeight);
	  if (!f) return '';
	  const top = document.querySelector('.sticky-save').getBoundingClientRect().top;
	  window.scrollBy(0, f.getBoundingClientRect().top - top - 4);
	  f.focus();
	  const r = f.getBoundingClientRect(), bar = document.querySelector('.sticky-save').getBoundingClientRect();
	  const out = r.bottom > bar.top + 1 ? (f.name || f.id) + ' ends at ' + Math.round(r.bottom) + ', the bar starts at ' + Math.round(bar.top) : '';
	  f.blur();
	  window.scrollTo(0, 0);
	  return out;
	})()`)
	if hidden != "" {
		t.Errorf("a field focused under the save bar stays under it: %s", hidden)
	}
}

// shootViewport saves what the screen shows (not the whole page), under
// the size's name, to see the sticky save bar where it stands.
func shootViewport(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	w := eval[int64](t, ctx, `innerWidth`)
	h := eval[int64](t, ctx, `innerHeight`)
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(screensDir(t), fmt.Sprintf("%s-%dx%d.png", name, w, h)), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestClinicPagesInBrowser opens the clinic's pages as their people see
// them, each in a browser of their own, at a phone's size and a desktop's,
// in light and dark: the clinician's dashboard, patient page, programme
// editor (and its errors) and invitations; the patient's Today and Your
// clinic; the admin's clinics; an invitation to join. It runs axe-core's
// WCAG 2 A and AA rules on each (BACKCARE_AXE, as TestPagesInBrowser) and
// writes screenshots named clinic-* beside that test's.
func TestClinicPagesInBrowser(t *testing.T) {
	f := newClinicFixture(t)
	seedClinic(t, f)
	axe, dir := axeSource(t), screensDir(t)
	root := newBrowser(t)
	browsers := map[string]context.Context{}
	for _, who := range []string{"doc.a", patName, "admin", "loner"} {
		c := newPerson(t, root)
		signInBrowserWith(t, c, f.base, token(who))
		browsers[who] = c
	}
	pat := f.ids[patName]
	views := []struct {
		name, who, path string
		then            func(t *testing.T, ctx context.Context)
	}{
		{"clinic-dashboard", "doc.a", "/clinic", nil},
		{"clinic-patient", "doc.a", "/clinic/patients/" + pat, nil},
		{"clinic-patient-flares", "doc.a", "/clinic/patients/" + f.ids["ben.k"], nil},
		// One session: its scores written out, a clear mark, a note.
		{"clinic-patient-one-session", "doc.a", "/clinic/patients/" + f.ids["dana.r"], func(t *testing.T, ctx context.Context) {
			got := eval[string](t, ctx, `(() => {
			  const c = document.querySelector('svg.chart[aria-labelledby^="pain-t"]');
			  const dot = c.querySelector('circle.dot.after').getBoundingClientRect();
			  return [c.querySelector('text.score')?.textContent, Math.round(dot.width) >= 8 ? 'clear' : 'speck ' + dot.width,
			    c.nextElementSibling?.classList.contains('chart-note') ? 'note' : 'no note'].join(' | ');
			})()`)
			if want := "2 → 1 | clear | note"; got != want {
				t.Errorf("the pain chart of one session = %q, want %q", got, want)
			}
		}},
		{"clinic-programme", "doc.a", "/clinic/patients/" + pat + "/programme", func(t *testing.T, ctx context.Context) {
			checkSaveBar(t, ctx, "")
			shootViewport(t, ctx, "clinic-programme-top")
		}},
		{"clinic-programme-choose", "doc.a", "/clinic/patients/" + pat + "/programme", func(t *testing.T, ctx context.Context) {
			// Ticking a routine opens its poses, right under it; a pose of
			// two routines has its fields under the first chosen one.
			if got := eval[bool](t, ctx, `document.getElementById('poses-core-foundation').open`); got {
				t.Errorf("the poses of a routine not chosen are open")
			}
			mustDo(t, ctx, chromedp.Click(chromedp.ID("r-core-foundation")))
			got := eval[string](t, ctx, `(() => {
			  const box = document.getElementById('poses-core-foundation');
			  const first = box.querySelector('.pose-slot');
			  const choice = document.getElementById('r-core-foundation').closest('.field').getBoundingClientRect();
			  const next = document.getElementById('routine-core-foundation').nextElementSibling;
			  const under = box.getBoundingClientRect().top >= choice.bottom - 1 && (!next || box.getBoundingClientRect().bottom <= next.getBoundingClientRect().top + 1);
			  return [box.open, first.querySelector('.pose-edit') ? 'fields' : 'elsewhere', under ? 'under' : 'apart'].join(' ');
			})()`)
			if got != "true fields under" {
				t.Errorf("after ticking Core foundation its poses = %q, want true fields under (open, with the fields, between its choice and the next routine)", got)
			}
			// A pose in two routines, both chosen, moves to the first.
			shared := eval[string](t, ctx, `(() => {
			  const seen = new Map();
			  for (const s of document.querySelectorAll('.pose-slot')) {
			    const r = s.closest('.routine-choice').id;
			    if (seen.has(s.dataset.pose) && seen.get(s.dataset.pose) !== r) return s.dataset.pose + ' ' + seen.get(s.dataset.pose) + ' ' + r;
			    seen.set(s.dataset.pose, r);
			  }
			  return '';
			})()`)
			if parts := strings.Fields(shared); len(parts) == 3 {
				for _, r := range parts[1:] {
					mustDo(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const b = document.querySelector('#`+r+` input[name="routine"]'); if (!b.checked) b.click(); })()`))
				}
				if got := eval[string](t, ctx, `document.getElementById('pose-`+parts[0]+`').closest('.routine-choice').id`); got != parts[1] {
					t.Errorf("the fields of %s, in two chosen routines, are under %s, want %s", parts[0], got, parts[1])
				}
				if got := eval[string](t, ctx, `document.querySelector('#`+parts[2]+` .pose-slot[data-pose="`+parts[0]+`"] .pose-elsewhere a')?.getAttribute('href') ?? ''`); got != "#pose-"+parts[0] {
					t.Errorf("the other routine's place for %s links to %q", parts[0], got)
				}
			}
			if got := text(t, ctx, "#save-status"); got != "Not saved yet" {
				t.Errorf("the save bar's status after a change = %q, want Not saved yet", got)
			}
		}},
		{"clinic-programme-errors", "doc.a", "/clinic/patients/" + pat + "/programme", func(t *testing.T, ctx context.Context) {
			before := eval[string](t, ctx, rowFieldBoxes)
			mustDo(t, ctx, chromedp.SetValue(chromedp.ID("days"), "9"), chromedp.SetValue(chromedp.ID("hold-standing-psoas-lunge"), "0"),
				chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('input[type=number]').forEach((e) => e.removeAttribute('min'))`),
				chromedp.Click(chromedp.ID("save-programme")), chromedp.WaitVisible(chromedp.ID("days-error")),
				chromedp.WaitVisible(chromedp.ID("hold-standing-psoas-lunge-error")))
			// The hold's problem is a line of its own across the row: every
			// field of the row keeps its place and width.
			if after := eval[string](t, ctx, rowFieldBoxes); after != before {
				t.Errorf("the lunge's fields moved or changed width with the hold's problem:\n before %s\n after  %s", before, after)
			}
			if w := eval[float64](t, ctx, `(() => { const e = document.getElementById('hold-standing-psoas-lunge-error'), r = e.parentElement.getBoundingClientRect(); return e.getBoundingClientRect().width / r.width; })()`); w < 0.99 {
				t.Errorf("the hold's problem is %.0f%% of the row's width, want all of it", 100*w)
			}
			checkSaveBar(t, ctx, "Not saved: 2 to fix")
			shootViewport(t, ctx, "clinic-programme-errors-top")
		}},
		{"clinic-invites", "doc.a", "/clinic/invites/" + f.a.ID, nil},
		{"clinic-today", patName, "/", nil},
		{"clinic-my-clinic", patName, "/my-clinic", nil},
		// The clinic's own pose has no picture: a plain box says so.
		{"clinic-own-routine", patName, "/routines/" + ownRoutine, func(t *testing.T, ctx context.Context) {
			if got := text(t, ctx, ".no-figure"); !strings.Contains(got, "No picture of "+ownPoseName) {
				t.Errorf("the routine's pose without a picture shows %q", got)
			}
		}},
		{"clinic-routines", patName, "/routines", nil},
		{"clinic-admin", "admin", "/admin/clinics", nil},
		{"clinic-admin-remove", "admin", "/admin/clinics/" + f.a.ID + "/clinicians/" + f.ids["doc.a"] + "/remove", nil},
		{"clinic-join", "loner", "/join?code=" + f.inviteCode, nil},
	}
	sizes := []struct {
		name          string
		width, height int64
		dark, mobile  bool
	}{
		{"390x844", 390, 844, false, true},
		{"390x844-dark", 390, 844, true, true},
		{"1280x800", 1280, 800, false, false},
		{"320x640", 320, 640, false, true},
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
		for _, c := range browsers {
			mustDo(t, c, chromedp.EmulateViewport(sz.width, sz.height, opts...))
			if _, err := chromedp.Call(c, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
				t.Fatal(err)
			}
		}
		for _, v := range views {
			t.Run(v.name+"/"+sz.name, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(browsers[v.who], 30*time.Second)
				defer cancel()
				mustDo(t, ctx, chromedp.Navigate(f.base+v.path), chromedp.WaitReady(chromedp.CSS("main")))
				if v.then != nil {
					v.then(t, ctx)
				}
				// Every chart's letters are about body-text size as drawn,
				// however far the chart is scaled.
				if off := eval[[]string](t, ctx, chartTextOffSize); len(off) > 0 {
					t.Errorf("chart text not 12.5-19 px: %q", off)
				}
				if small := eval[[]string](t, ctx, smallTargets); len(small) > 0 {
					t.Errorf("tap targets under 44 px: %q", small)
				}
				if axe != "" {
					audit(t, ctx, axe)
				}
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%s.png", v.name, sz.name)), png, 0o644); err != nil {
					t.Fatal(err)
				}
				if w := eval[int64](t, ctx, `document.documentElement.scrollWidth`); w > sz.width {
					t.Log(eval[string](t, ctx, `[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > innerWidth).map((e) => e.tagName + '#' + e.id + '.' + e.className + ' ' + e.getBoundingClientRect().right).slice(0, 8).join('; ')`))
					t.Errorf("page is %d px wide at a %d px screen", w, sz.width)
				}
				// Cards keep to the page's column: none reaches past the
				// right edge of the column's text.
				if over := eval[string](t, ctx, `(() => {
					const main = document.querySelector('main'), cs = getComputedStyle(main);
					const right = main.getBoundingClientRect().right - parseFloat(cs.paddingRight) + 1;
					for (const el of main.querySelectorAll('.card')) {
						if (el.closest('.diagram') || el.querySelector(':scope > .diagram')) continue;
						const r = el.getBoundingClientRect();
						if (r.right > right) return (el.id || el.className) + ' ends at ' + Math.round(r.right) + ', the column at ' + Math.round(right);
					}
					return '';
				})()`); over != "" {
					t.Errorf("a card runs past the page's column: %s", over)
				}
			})
		}
	}

	// The charts' letters at widths between a phone's and a desktop's.
	t.Run("clinic-chart-letters", func(t *testing.T) {
		ctx := browsers["doc.a"]
		mustDo(t, ctx, chromedp.Navigate(f.base+"/clinic/patients/"+pat), chromedp.WaitReady(chromedp.CSS("main")))
		for _, w := range []int64{320, 360, 390, 430, 480, 540, 600, 680, 760, 840, 1024, 1280, 1600} {
			mustDo(t, ctx, chromedp.EmulateViewport(w, 800))
			if off := eval[[]string](t, ctx, chartTextOffSize); len(off) > 0 {
				t.Errorf("chart text not 12.5-19 px at %d: %q", w, off)
			}
			if met := eval[[]string](t, ctx, weekLabelsMeet); len(met) > 0 {
				t.Errorf("week labels meet or leave their chart at %d: %q", w, met)
			}
		}
	})

	// Without scripts the programme editor still works: a routine not
	// chosen is ticked, its poses opened by hand, a hold typed, saved.
	t.Run("clinic-programme-without-scripts", func(t *testing.T) {
		c := newPerson(t, root)
		signInBrowserWith(t, c, f.base, token("doc.a"))
		if _, err := chromedp.Call(c, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		mustDo(t, c, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
			chromedp.Navigate(f.base+"/clinic/patients/"+pat+"/programme"), chromedp.WaitReady(chromedp.ID("r-balance-basics")),
			chromedp.Click(chromedp.ID("r-balance-basics")), chromedp.Click(chromedp.CSS("#poses-balance-basics > summary")),
			chromedp.WaitVisible(chromedp.ID("hold-tandem-stance")),
			chromedp.SendKeys(chromedp.ID("hold-tandem-stance"), "1 min 30"))
		png, err := chromedp.Run(c, chromedp.FullScreenshot(90))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "clinic-programme-without-scripts-390x844.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		mustDo(t, c, chromedp.Click(chromedp.ID("save-programme")))
		waitPath(t, c, "/clinic/patients/"+pat)
		a, err := f.journal.Assignment(t.Context(), f.a.ID, pat)
		if err != nil || !slices.Contains(a.Routines, "balance-basics") || a.Doses["tandem-stance"].Hold != 90*time.Second {
			t.Errorf("saved without scripts = %+v, %v; want balance basics with a 90 s tandem stance", a, err)
		}
	})
}
