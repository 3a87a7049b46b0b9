package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"backcare"
	"backcare/catalog"
)

// TestHoldsTypedAlike types the same holds into the programme editor and
// the clinic library's pose editor: both read every form a person would
// type, both refuse anything else with the same plain words, and both
// refuse a hold beyond their limits in plain words too. Both say how a
// hold is typed in the same words.
func TestHoldsTypedAlike(t *testing.T) {
	f := newClinicFixture(t)
	pat := f.ids[patName]
	programme := "/clinic/patients/" + pat + "/programme"
	lib := "/clinic-library/" + f.a.ID
	const notATime = "write a hold as a number of seconds, like 30, or minutes and seconds, like 1:30"
	tests := []struct {
		name, hold string
		want       time.Duration // 0: refused
		text       string        // the problem, when refused
	}{
		{"bare seconds", "30", 30 * time.Second, ""},
		{"seconds with s", "30s", 30 * time.Second, ""},
		{"seconds in words", "45 sec", 45 * time.Second, ""},
		{"go style", "1m30s", 90 * time.Second, ""},
		{"a clock", "1:30", 90 * time.Second, ""},
		{"minutes and seconds in words", "1 min 30", 90 * time.Second, ""},
		{"a sentence", "half a minute", 0, notATime},
		{"negative", "-5", 0, notATime},
		{"a typo", "30 sex", 0, notATime},
		{"a clock beyond the limit", "20:00", 0, "at most 10 minutes"},
		{"an hour", "60 min", 0, "at most 10 minutes"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The programme editor.
			form := url.Values{"routine": {"lower-back-relief"}, "days": {"3"}, "start": {"2026-03-01"},
				"pose-standing-psoas-lunge": {"1"}, "hold-standing-psoas-lunge": {tt.hold}}
			code, _, body := f.post(t, "doc.a", programme, form)
			if tt.want > 0 {
				a, err := f.journal.Assignment(t.Context(), f.a.ID, pat)
				if code != http.StatusSeeOther || err != nil || a.Doses["standing-psoas-lunge"].Hold != tt.want {
					t.Errorf("programme with hold %q = %d, %v; want saved as %v:\n%.300s", tt.hold, code, err, tt.want, body)
				}
			} else {
				m := regexp.MustCompile(`<p class="error" id="hold-standing-psoas-lunge-error">([^<]*)</p>`).FindStringSubmatch(body)
				if code != http.StatusBadRequest || m == nil || !strings.Contains(html.UnescapeString(m[1]), tt.text) {
					t.Errorf("programme with hold %q = %d %q, want 400 saying %q", tt.hold, code, m, tt.text)
				}
			}
			// The library's pose editor.
			id := "hold-pose-" + strconv.Itoa(i)
			pose := ownPoseForm(id)
			pose.Set("hold", tt.hold)
			code, _, body = f.post(t, "doc.a", lib, pose)
			if tt.want > 0 {
				_, page := f.get(t, "doc.a", lib+"/pose/"+id)
				if code != http.StatusSeeOther || !strings.Contains(page, `id="f-hold" name="hold" type="text" value="`+strconv.Itoa(int(tt.want/time.Second))+`"`) {
					t.Errorf("pose with hold %q = %d, want saved as %v:\n%.300s", tt.hold, code, tt.want, body)
				}
			} else if got := ownFieldError(t, body, "hold"); code != http.StatusBadRequest || !strings.Contains(got, tt.text) {
				t.Errorf("pose with hold %q = %d %q, want 400 saying %q", tt.hold, code, got, tt.text)
			}
		})
	}
	// Both editors say how a hold is typed, in the same words.
	_, prog := f.get(t, "doc.a", programme)
	_, pose := f.get(t, "doc.a", lib+"/new?kind=pose")
	_, routine := f.get(t, "doc.a", lib+"/new?kind=routine")
	for name, body := range map[string]string{"programme": prog, "pose": pose, "routine": routine} {
		if !strings.Contains(body, html.EscapeString(timeHint)) {
			t.Errorf("the %s editor does not say %q", name, timeHint)
		}
	}
	if !strings.Contains(prog, `id="hold-standing-psoas-lunge" name="hold-standing-psoas-lunge" type="text"`) {
		t.Errorf("the programme editor's hold is not a text field, so 1:30 cannot be typed")
	}
}

// TestProgrammePosesUnderTheirRoutine checks that the programme editor
// puts each routine's poses right under the routine's own choice, open
// when it is chosen, and a pose of two routines under the first chosen
// one, the other routine linking to it.
func TestProgrammePosesUnderTheirRoutine(t *testing.T) {
	f := newClinicFixture(t)
	pat := f.ids[patName]
	path := "/clinic/patients/" + pat + "/programme"
	// block is the part of the page that is the routine's: its choice and
	// its poses, up to the next routine's.
	block := func(t *testing.T, body, id string) string {
		t.Helper()
		i := strings.Index(body, `<div class="routine-choice" id="routine-`+id+`"`)
		if i < 0 {
			t.Fatalf("no routine %s in the editor", id)
		}
		rest := body[i+1:]
		if j := strings.Index(rest, `<div class="routine-choice"`); j >= 0 {
			rest = rest[:j]
		} else if j := strings.Index(rest, "</fieldset>"); j >= 0 {
			rest = rest[:j]
		}
		return rest
	}
	// Two routines that share a pose.
	var first, second, shared string
	rts := catalog.Builtin().Routines()
	for i, a := range rts {
		for _, b := range rts[i+1:] {
			for _, e := range a.Entries {
				if slices.ContainsFunc(b.Entries, func(x backcare.Entry) bool { return x.Pose.ID == e.Pose.ID }) && shared == "" {
					first, second, shared = a.ID, b.ID, e.Pose.ID
				}
			}
		}
	}
	if shared == "" {
		t.Fatal("no two built-in routines share a pose")
	}
	tests := []struct {
		name   string
		chosen []string
		home   string // the routine the shared pose's fields are under
	}{
		{"the first chosen", []string{first}, first},
		{"the second chosen", []string{second}, second},
		{"both chosen", []string{first, second}, first},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := f.journal.SaveAssignment(t.Context(), &backcare.Assignment{ClinicID: f.a.ID, PatientID: pat, ClinicianID: f.ids["doc.a"],
				Routines: tt.chosen, DaysPerWeek: 3, Start: testNow, UpdatedAt: testNow}); err != nil {
				t.Fatal(err)
			}
			code, body := f.get(t, "doc.a", path)
			if code != http.StatusOK {
				t.Fatalf("GET %s = %d", path, code)
			}
			for _, id := range []string{first, second} {
				b := block(t, body, id)
				here := strings.Contains(b, `<div class="pose-edit" id="pose-`+shared+`"`)
				if here != (id == tt.home) {
					t.Errorf("the fields of %s under %s = %v, want %v", shared, id, here, id == tt.home)
				}
				if !here && !strings.Contains(b, `<a href="#pose-`+shared+`">`) {
					t.Errorf("%s does not link to where %s's dose is set", id, shared)
				}
				open := strings.Contains(b, `id="poses-`+id+`" open>`)
				if open != slices.Contains(tt.chosen, id) {
					t.Errorf("the poses of %s open = %v, want %v (chosen)", id, open, !open)
				}
			}
			// Every pose of the chosen routine is under it, not elsewhere.
			rt, _ := catalog.Builtin().Routine(tt.chosen[0])
			b := block(t, body, tt.chosen[0])
			for _, e := range rt.Entries {
				if !strings.Contains(b, `data-pose="`+e.Pose.ID+`"`) {
					t.Errorf("the pose %s is not under its routine %s", e.Pose.ID, rt.ID)
				}
			}
		})
	}
}

// TestPosePicture checks that the library's pose editor shows the
// picture chosen beside the steps, offers no picture at all, and that a
// pose without a picture is shown to patients with a plain stand-in, not
// a person standing that its steps do not describe.
func TestPosePicture(t *testing.T) {
	f := newClinicFixture(t)
	lib := "/clinic-library/" + f.a.ID
	preview := regexp.MustCompile(`(?s)<div class="figure picture-preview" id="f-picture-preview"[^>]*>(.*?)</div>\s*</div>`)
	tests := []struct {
		name, picture string
		want          string // in the preview
	}{
		{"a built-in pose's picture", "countertop-hip-hinge", "<title"},
		{"no picture", "", "No picture"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := "picture-pose-" + strconv.Itoa(i)
			form := ownPoseForm(id)
			form.Set("picture", tt.picture)
			if code, _, body := f.post(t, "doc.a", lib, form); code != http.StatusSeeOther {
				t.Fatalf("save = %d:\n%.500s", code, body)
			}
			_, body := f.get(t, "doc.a", lib+"/pose/"+id)
			m := preview.FindStringSubmatch(body)
			if m == nil || !strings.Contains(m[1], tt.want) {
				t.Fatalf("the editor's preview = %q, want it to show %q", m, tt.want)
			}
			if tt.picture != "" && !strings.Contains(m[1], "Countertop Hip Hinge") {
				t.Errorf("the preview is not the countertop hip hinge's picture: %.300s", m[1])
			}
			// The preview is beside the steps: the field after them.
			steps, pic := strings.Index(body, `id="f-steps"`), strings.Index(body, `id="f-picture"`)
			if steps < 0 || pic < steps || strings.Contains(body[steps:pic], "<fieldset") {
				t.Errorf("the picture is not right after the steps, in their group")
			}
			if got, want := strings.Contains(body, `<option value="" selected>No picture</option>`), tt.picture == ""; got != want {
				t.Errorf("the picture field's No picture selected = %v, want %v", got, want)
			}
			// Every picture on offer is on the page, for the script to
			// show when the choice changes.
			if !strings.Contains(body, `<template id="pictures">`) || !strings.Contains(body, `data-picture="zombie-crawl"`) || !strings.Contains(body, `data-picture=""`) {
				t.Errorf("the editor lacks the pictures for the script")
			}
		})
	}
	// Riverside's own pose has no picture: the player, the routine's page
	// and the Routines list show the stand-in.
	f.j.openGateFor(f.ids[patName])
	if err := f.journal.SaveAssignment(t.Context(), &backcare.Assignment{ClinicID: f.a.ID, PatientID: f.ids[patName], ClinicianID: f.ids["doc.a"],
		Routines: []string{ownRoutine}, DaysPerWeek: 3, Start: testNow, UpdatedAt: testNow}); err != nil {
		t.Fatal(err)
	}
	src := regexp.MustCompile(`(?s)<div class="figure-src" data-pose="` + ownPose + `"[^>]*>(.*?)</div>\s*(?:<div class="figure-src"|</div>)`)
	_, body := f.get(t, patName, "/play/"+ownRoutine)
	m := src.FindStringSubmatch(body)
	if m == nil || !strings.Contains(m[1], `class="no-figure"`) || strings.Contains(m[1], "<svg") {
		t.Errorf("the player's picture of the pose without one = %q, want the plain stand-in", m)
	}
	for _, path := range []string{"/routines/" + ownRoutine, "/routines"} {
		if _, body := f.get(t, patName, path); !strings.Contains(body, `<div class="no-figure"><p>No picture<span class="no-figure-more"> of `+ownPoseName+".") {
			t.Errorf("%s does not say the pose has no picture", path)
		}
	}
}
