package web

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"backcare"
)

// The clinic fixture's own pose and routine, saved by doc.a for
// Riverside.
const (
	ownPose        = "riverside-wall-slide"
	ownPoseName    = "Riverside wall slide"
	ownRoutine     = "riverside-evening"
	ownRoutineName = "Riverside evening"
)

// ownPoseForm is the editor's form of a sound pose; id "" leaves the id
// out (the editor of a saved pose has it in the path).
func ownPoseForm(id string) url.Values {
	v := url.Values{"kind_of": {"pose"}, "name": {"A wall slide"}, "kind": {"stretch"}, "why": {"It eases the long muscles beside the spine."},
		"targets": {"erector spinae, quadratus lumborum"}, "hold": {"45"}, "intensity": {"5"},
		"steps": {"Stand with your back to a wall, feet a step forward.\nSlide down a little, then back up."},
		"feel":  {"A gentle stretch along your lower back."}, "stop_signs": {"Sharp or shooting pain\nNumbness in a leg"},
		"picture": {"countertop-hip-hinge"}}
	if id != "" {
		v.Set("id", id)
	}
	return v
}

// saveOwn saves Riverside's own pose and routine.
func (f *clinicFixture) saveOwn(t *testing.T) {
	t.Helper()
	for _, d := range []*backcare.ClinicDoc{
		{Kind: backcare.ClinicPose, ID: ownPose, Name: ownPoseName, Text: `poses:
  - id: ` + ownPose + `
    name: ` + ownPoseName + `
    kind: stretch
    why: It eases the muscles beside the spine.
    targets: [erector spinae]
    dose: {hold: 45s, intensity: 5}
    steps: ["Stand with your back to a wall.", "Slide down a little, then up."]
    feel: A gentle stretch along your back.
    stop_signs: ["Sharp or shooting pain"]
`},
		{Kind: backcare.ClinicRoutine, ID: ownRoutine, Name: ownRoutineName, Text: `routines:
  - id: ` + ownRoutine + `
    name: ` + ownRoutineName + `
    purpose: A short wind-down at the end of the day.
    poses:
      - pose: ` + ownPose + `
        hold: 40s
      - zombie-crawl
`},
	} {
		d.ClinicID, d.UpdatedBy, d.UpdatedAt = f.a.ID, f.ids["doc.a"], testNow
		if err := f.journal.SaveClinicDoc(t.Context(), d); err != nil {
			t.Fatal(err)
		}
	}
}

// ownFieldError finds the error shown at a field of the editor: the message
// with the id the field's aria-describedby names, and the field marked
// invalid.
func ownFieldError(t *testing.T, body, field string) string {
	t.Helper()
	id := "f-" + field
	m := regexp.MustCompile(`<p class="error" id="` + id + `-error">(.*?)</p>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	m[1] = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(m[1], "")
	ctl := regexp.MustCompile(`<(?:input|textarea|select)[^>]*id="` + id + `"[^>]*>`).FindString(body)
	if !strings.Contains(ctl, `aria-invalid="true"`) || !strings.Contains(ctl, id+"-error") {
		t.Errorf("the field %s shows an error but is not marked invalid and described by it: %s", field, ctl)
	}
	return html.UnescapeString(m[1])
}

// TestLibraryEditorErrors sends poses and routines with a mistake each:
// every one is refused with the problem at its field, in plain words, and
// nothing is saved.
func TestLibraryEditorErrors(t *testing.T) {
	f := newClinicFixture(t)
	lib := "/clinic-library/" + f.a.ID
	routine := func() url.Values {
		return url.Values{"kind_of": {"routine"}, "id": {"desk-break"}, "name": {"Desk break"}, "purpose": {"Two minutes away from the desk."},
			"rows": {"4"}, "pose-0": {ownPose}, "pose-1": {"zombie-crawl"}, "hold-1": {"30"}}
	}
	tests := []struct {
		name  string
		form  url.Values
		set   map[string]string
		field string // where the problem shows; "" for the list at the top
		text  string
	}{
		{"no name", ownPoseForm("wall-slide"), map[string]string{"name": ""}, "name", "Give it a name"},
		{"an id with capitals", ownPoseForm("Wall Slide"), nil, "id", "has characters an id cannot have"},
		{"no id", ownPoseForm(""), nil, "id", "Give it an id"},
		{"a built-in pose's id", ownPoseForm("zombie-crawl"), nil, "id", "already taken by the built-in pose"},
		{"the clinic's own pose's id", ownPoseForm(ownPose), nil, "id", "Your clinic has a pose with this id already"},
		{"a hold in words", ownPoseForm("wall-slide"), map[string]string{"hold": "a minute"}, "hold", `You wrote "a minute"`},
		{"a hold of an hour", ownPoseForm("wall-slide"), map[string]string{"hold": "60m"}, "hold", "too long"},
		{"sets in words", ownPoseForm("wall-slide"), map[string]string{"sets": "two", "reps": "8"}, "sets", "Write a whole number"},
		{"no dose", ownPoseForm("wall-slide"), map[string]string{"hold": "", "intensity": "4"}, "hold", "neither how long to hold nor how many reps"},
		{"a rest without reps", ownPoseForm("wall-slide"), map[string]string{"rest": "30"}, "hold", "The time of one rep or rest without reps"},
		{"sets without reps", ownPoseForm("wall-slide"), map[string]string{"sets": "2"}, "sets", "Sets needs reps beside it"},
		{"intensity 12", ownPoseForm("wall-slide"), map[string]string{"intensity": "12"}, "intensity", "outside 0 to 10"},
		{"no steps", ownPoseForm("wall-slide"), map[string]string{"steps": " \n "}, "steps", "Write at least one step"},
		{"nine steps", ownPoseForm("wall-slide"), map[string]string{"steps": "1\n2\n3\n4\n5\n6\n7\n8\n9"}, "steps", "at most 8"},
		{"no stop signs", ownPoseForm("wall-slide"), map[string]string{"stop_signs": ""}, "stop_signs", "Name at least one sign to stop"},
		{"a variant misspelt", ownPoseForm("wall-slide"), map[string]string{"easier": "zombie-crwl"}, "easier", `is not a known pose. Did you mean "zombie-crawl"?`},
		{"its own variant", ownPoseForm("wall-slide"), map[string]string{"harder": "wall-slide"}, "harder", "cannot be its own variant"},
		{"a side step of a pose on one side", ownPoseForm("wall-slide"), map[string]string{"side_step": "Turn round"}, "side_step", "Changing sides is only for poses done on each side. Add \"Done on each side\""},
		{"a picture that is none", ownPoseForm("wall-slide"), map[string]string{"picture": "a-cat"}, "picture", "Choose one of the pictures"},
		{"a routine without poses", routine(), map[string]string{"pose-0": "", "pose-1": ""}, "", "Choose at least one pose"},
		{"a routine naming no pose", routine(), map[string]string{"pose-0": "wall-slid"}, "pose-0", "not a known pose"},
		{"a routine's hold too long", routine(), map[string]string{"hold-1": "11m"}, "hold-1", "too long"},
		{"a routine without a purpose", routine(), map[string]string{"purpose": ""}, "purpose", "Say what the routine is for"},
		{"a routine with a built-in id", routine(), map[string]string{"id": "lower-back-relief"}, "id", "already taken by the built-in routine"},
	}
	// Several mistakes at once are all shown, each at its field.
	t.Run("every problem at once", func(t *testing.T) {
		form := ownPoseForm("wall-slide")
		form.Set("hold", "a minute")
		form.Set("rest", "soon")
		form.Set("sets", "two")
		form.Set("name", "")
		form.Set("intensity", "12")
		form.Set("easier", "zombie-crwl")
		code, _, body := f.post(t, "doc.a", lib, form)
		for field, want := range map[string]string{"hold": `You wrote "a minute"`, "rest": `You wrote "soon"`,
			"sets": "Write a whole number", "name": "Give it a name", "intensity": "outside 0 to 10", "easier": "Did you mean"} {
			if got := ownFieldError(t, body, field); code != http.StatusBadRequest || !strings.Contains(got, want) {
				t.Errorf("%s = %d %q, want 400 saying %q", field, code, got, want)
			}
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := f.clinicState(t)
			form := url.Values{}
			for k, v := range tt.form {
				form[k] = append([]string(nil), v...)
			}
			for k, v := range tt.set {
				form.Set(k, v)
			}
			code, _, body := f.post(t, "doc.a", lib, form)
			if code != http.StatusBadRequest {
				t.Fatalf("save = %d, want 400:\n%.600s", code, body)
			}
			got := ""
			if tt.field != "" {
				got = ownFieldError(t, body, tt.field)
			} else if m := regexp.MustCompile(`(?s)<div class="card warn" role="alert" id="problems">.*?</div>|<p class="error" id="poses-error">[^<]*</p>`).FindAllString(body, -1); m != nil {
				got = html.UnescapeString(strings.Join(m, " "))
			}
			if !strings.Contains(got, tt.text) {
				t.Errorf("the problem at %q = %q, want it to say %q", tt.field, got, tt.text)
			}
			if m := regexp.MustCompile(`\w: \p{Lu}\p{Ll}`).FindString(got); m != "" {
				t.Errorf("the problem %q has a capital after a colon (%q): a label and its sentence are two sentences", got, m)
			}
			if strings.Contains(got, "`backcare") || strings.Contains(got, ".yaml") {
				t.Errorf("the problem speaks of the command line or files: %q", got)
			}
			if tt.field != "" && !strings.Contains(body, `<li><a href="#f-`+tt.field+`">`) {
				t.Errorf("the list of problems at the top does not link to the field %s", tt.field)
			}
			if !strings.Contains(body, "Nothing was saved yet") {
				t.Errorf("the page does not say nothing was saved")
			}
			// What was typed is kept.
			if v := form.Get("name"); v != "" && !strings.Contains(body, `value="`+html.EscapeString(v)+`"`) {
				t.Errorf("the name typed, %q, is not in the form again", v)
			}
			if got := f.clinicState(t); got != before {
				t.Errorf("a refused %s wrote something: %s, want %s", tt.name, got, before)
			}
		})
	}
	// The clinic's saved pose is as it was.
	if d, err := f.j.ClinicDoc(t.Context(), f.a.ID, backcare.ClinicPose, ownPose); err != nil || d.Version != 1 {
		t.Errorf("the saved pose after refused saves = %+v, %v; want version 1", d, err)
	}
}

// TestLibrarySaveEditConflict writes a pose, opens it again, changes it,
// and then saves a change made to the version before: refused with 409 in
// plain words, keeping what was typed and what was saved.
func TestLibrarySaveEditConflict(t *testing.T) {
	f := newClinicFixture(t)
	lib := "/clinic-library/" + f.a.ID
	form := ownPoseForm("wall-slide")
	form.Set("sided", "1")
	form.Set("side_step", "Turn to face the other way.")
	form.Set("easier", ownPose)
	if code, loc, body := f.post(t, "doc.a", lib, form); code != http.StatusSeeOther || loc != lib+"?saved=saved" {
		t.Fatalf("save = %d to %q:\n%.800s", code, loc, body)
	}
	code, body := f.get(t, "doc.a", lib)
	if code != 200 || !strings.Contains(body, "A wall slide") || !strings.Contains(body, "saved by doc.a") || !strings.Contains(body, ownPoseName) {
		t.Errorf("the list = %d, want the new pose and who saved it:\n%.1500s", code, body)
	}
	// The editor shows what was saved, field by field.
	code, body = f.get(t, "doc.a", lib+"/pose/wall-slide")
	for _, want := range []string{`value="A wall slide"`, `value="45"`, "Slide down a little, then back up.", `value="` + ownPose + `"`,
		`<option value="countertop-hip-hinge" selected>`, `name="sided" value="1" checked`, `name="version" value="1"`, "readonly"} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("the editor of the saved pose = %d, lacks %q", code, want)
		}
	}
	// A second clinician of the clinic changes it.
	if err := f.j.AddMember(t.Context(), &backcare.ClinicMember{ClinicID: f.a.ID, AccountID: f.ids["doc.b"], Role: backcare.InClinicClinician, JoinedAt: testNow}); err != nil {
		t.Fatal(err)
	}
	theirs := ownPoseForm("")
	theirs.Set("version", "1")
	theirs.Set("name", "Wall slide, their way")
	if code, _, body := f.post(t, "doc.b", lib+"/pose/wall-slide", theirs); code != http.StatusSeeOther {
		t.Fatalf("doc.b's save = %d:\n%.500s", code, body)
	}
	mine := ownPoseForm("")
	mine.Set("version", "1")
	mine.Set("name", "Wall slide, my way")
	code, _, body = f.post(t, "doc.a", lib+"/pose/wall-slide", mine)
	if code != http.StatusConflict || !strings.Contains(body, "doc.b saved this pose") || !strings.Contains(body, `value="Wall slide, my way"`) {
		t.Errorf("a save of the version before = %d, want 409 saying doc.b saved it, with my name kept:\n%.1200s", code, body)
	}
	if d, _ := f.j.ClinicDoc(t.Context(), f.a.ID, backcare.ClinicPose, "wall-slide"); d.Name != "Wall slide, their way" || d.Version != 2 || d.UpdatedBy != f.ids["doc.b"] {
		t.Errorf("after the refused save the pose is %+v, want doc.b's version 2", d)
	}
	// Saving again, knowingly, puts mine in their place.
	if !strings.Contains(body, `name="version" value="2"`) {
		t.Fatalf("the conflict page does not offer to save over version 2")
	}
	mine.Set("version", "2")
	if code, _, body := f.post(t, "doc.a", lib+"/pose/wall-slide", mine); code != http.StatusSeeOther {
		t.Errorf("saving again = %d:\n%.500s", code, body)
	}
	if d, _ := f.j.ClinicDoc(t.Context(), f.a.ID, backcare.ClinicPose, "wall-slide"); d.Name != "Wall slide, my way" || d.Version != 3 || d.CreatedBy != f.ids["doc.a"] {
		t.Errorf("after saving again the pose is %+v, want mine, version 3, first written by doc.a", d)
	}
}

// TestLibraryAssignAndPlay assigns the clinic's own routine: the editor
// offers it, the patient's Today names it, and the player and its
// timeline play it, with the clinic's own pose; nobody outside the clinic
// can play it.
func TestLibraryAssignAndPlay(t *testing.T) {
	f := newClinicFixture(t)
	f.j.openGateFor(f.ids[patName])
	pat := f.ids[patName]
	_, body := f.get(t, "doc.a", "/clinic/patients/"+pat+"/programme")
	if !strings.Contains(body, `value="`+ownRoutine+`"`) || !strings.Contains(body, ownRoutineName) || !strings.Contains(body, ownPoseName) {
		t.Fatalf("the programme editor does not offer the clinic's routine:\n%.3000s", body)
	}
	form := url.Values{"routine": {ownRoutine}, "days": {"3"}, "start": {"2026-01-01"},
		"pose-" + ownPose: {"1"}, "hold-" + ownPose: {"50"}, "pose-zombie-crawl": {"1"}}
	if code, _, body := f.post(t, "doc.a", "/clinic/patients/"+pat+"/programme", form); code != http.StatusSeeOther {
		t.Fatalf("assign = %d:\n%.1500s", code, body)
	}
	if code, body := f.get(t, patName, "/"); code != 200 || !strings.Contains(body, ownRoutineName) || !strings.Contains(body, "/play/"+ownRoutine) {
		t.Errorf("Today = %d, want the clinic's routine to play:\n%.3000s", code, body)
	}
	if code, body := f.get(t, patName, "/routines"); code != 200 || !strings.Contains(body, ownRoutineName) {
		t.Errorf("the patient's Routines = %d, want the clinic's routine listed", code)
	}
	if code, body := f.get(t, patName, "/routines/"+ownRoutine); code != 200 || !strings.Contains(body, ownPoseName) {
		t.Errorf("the patient's page of the clinic's routine = %d, want its poses", code)
	}
	if _, body := f.get(t, "loner", "/routines"); strings.Contains(body, ownRoutineName) {
		t.Errorf("someone outside the clinic sees its routine in Routines")
	}
	if code, body := f.get(t, patName, "/play/"+ownRoutine); code != 200 || !strings.Contains(body, ownPoseName) {
		t.Errorf("the player = %d, want the clinic's pose:\n%.1000s", code, body)
	}
	code, _, body := send(t, f.base, route{method: "GET", path: "/api/routines/" + ownRoutine + "/timeline"}, token(patName), "")
	if code != 200 || !strings.Contains(body, ownPoseName) || !strings.Contains(body, `"dose":"hold 50 seconds"`) {
		t.Errorf("the timeline = %d, want the clinic's pose held 50 s:\n%.1000s", code, body)
	}
	code, _, body = send(t, f.base, route{method: "POST", path: "/api/sessions", ctype: "application/json",
		body: `{"routine_id":"` + ownRoutine + `","pain_before":2}`}, token(patName), "")
	if code != http.StatusCreated && code != http.StatusOK {
		t.Fatalf("starting a session of the clinic's routine = %d: %.300s", code, body)
	}
	var started struct{ ID string }
	if err := json.Unmarshal([]byte(body), &started); err != nil || started.ID == "" {
		t.Fatalf("the started session = %q (%v)", body, err)
	}
	code, _, body = send(t, f.base, route{method: "PUT", path: "/api/sessions/" + started.ID, ctype: "application/json",
		body: `{"status":"abandoned","segments":[]}`}, token(patName), "")
	if ss, _ := f.j.Sessions(t.Context(), pat, backcare.Filter{}); code != 200 || len(ss) == 0 || ss[0].RoutineID != ownRoutine || ss[0].Status != backcare.Abandoned {
		t.Errorf("saving the session of the clinic's routine = %d: %.300s", code, body)
	}
	if code, body := f.get(t, "doc.a", "/clinic/patients/"+pat+"/handout/"+ownRoutine); code != 200 || !strings.Contains(body, ownPose+": hold 50 seconds") {
		t.Errorf("the handout = %d:\n%s", code, body)
	}
	for _, who := range []string{"loner", "doc.b"} {
		if code, _, _ := send(t, f.base, route{method: "GET", path: "/api/routines/" + ownRoutine + "/timeline"}, token(who), ""); code != http.StatusNotFound {
			t.Errorf("%s's timeline of Riverside's routine = %d, want 404", who, code)
		}
		if code, _ := f.get(t, who, "/routines/"+ownRoutine); code != http.StatusNotFound {
			t.Errorf("%s's page of Riverside's routine = %d, want 404", who, code)
		}
		if code, _ := f.get(t, who, "/play/"+ownRoutine); code != http.StatusNotFound {
			t.Errorf("%s's player of Riverside's routine = %d, want 404", who, code)
		}
	}
}

// TestLibraryDelete refuses to delete a pose a routine uses, and deletes
// what nothing uses.
func TestLibraryDelete(t *testing.T) {
	f := newClinicFixture(t)
	lib := "/clinic-library/" + f.a.ID
	before := f.clinicState(t)
	code, _, body := f.post(t, "doc.a", lib+"/pose/"+ownPose+"/delete", url.Values{"version": {"1"}})
	if code != http.StatusConflict || !strings.Contains(body, "still used by the routine "+ownRoutineName) {
		t.Errorf("deleting a pose in use = %d, want 409 naming the routine:\n%.600s", code, body)
	}
	if _, body := f.get(t, "doc.a", lib+"/pose/"+ownPose); !strings.Contains(body, "can't be deleted while the routine "+ownRoutineName) {
		t.Errorf("the editor of a pose in use offers to delete it")
	}
	if code, _, _ := f.post(t, "doc.a", lib+"/routine/"+ownRoutine+"/delete", url.Values{"version": {"7"}}); code != http.StatusConflict {
		t.Errorf("deleting a version that is not the latest = %d, want 409", code)
	}
	if got := f.clinicState(t); got != before {
		t.Errorf("refused deletes wrote something")
	}
	// A routine in a patient's programme stays until the programme changes.
	a := &backcare.Assignment{ClinicID: f.a.ID, PatientID: f.ids["pat.a"], ClinicianID: f.ids["doc.a"], Routines: []string{ownRoutine}, DaysPerWeek: 3, Start: testNow, UpdatedAt: testNow}
	if err := f.j.SaveAssignment(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	before = f.clinicState(t)
	if code, _, body := f.post(t, "doc.a", lib+"/routine/"+ownRoutine+"/delete", url.Values{"version": {"1"}}); code != http.StatusConflict ||
		!strings.Contains(body, "is in the programme of pat.a") || !strings.Contains(body, "Change their programmes first") {
		t.Errorf("deleting a routine a patient plays = %d, want 409 naming them:\n%.600s", code, body)
	}
	if got := f.clinicState(t); got != before {
		t.Errorf("refused deletes wrote something")
	}
	a.Routines = []string{"lower-back-relief"}
	if err := f.j.SaveAssignment(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/routine/" + ownRoutine, "/pose/" + ownPose} {
		if code, loc, body := f.post(t, "doc.a", lib+p+"/delete", url.Values{"version": {"1"}}); code != http.StatusSeeOther || loc != lib+"?saved=deleted" {
			t.Errorf("delete %s = %d to %q: %.300s", p, code, loc, body)
		}
	}
	if _, body := f.get(t, "doc.a", lib); strings.Contains(body, ownPoseName) || strings.Contains(body, ownRoutineName) {
		t.Errorf("the list still shows what was deleted")
	}
}

// TestLibraryMoreRows checks that a routine's editor adds rows for more
// poses, keeping what was typed and saving nothing.
func TestLibraryMoreRows(t *testing.T) {
	f := newClinicFixture(t)
	lib := "/clinic-library/" + f.a.ID
	before := f.clinicState(t)
	form := url.Values{"kind_of": {"routine"}, "id": {"long-one"}, "name": {"A long one"}, "purpose": {"Many poses."},
		"rows": {"3"}, "pose-0": {ownPose}, "pose-1": {"zombie-crawl"}, "pose-2": {"sphinx"}, "more": {"1"}}
	code, _, body := f.post(t, "doc.a", lib, form)
	if code != http.StatusOK || !strings.Contains(body, `name="rows" value="6"`) || !strings.Contains(body, `name="pose-5"`) {
		t.Fatalf("more rows = %d, want the form with six rows:\n%.1500s", code, body)
	}
	if !strings.Contains(body, `value="A long one"`) || strings.Contains(body, `class="error"`) {
		t.Errorf("the form after more rows lost what was typed, or shows problems")
	}
	if got := f.clinicState(t); got != before {
		t.Errorf("asking for more rows saved something")
	}
}

// TestLibraryHostileForms sends the clinic library's editor bodies an
// attacker would: broken encodings, YAML written into a field, huge and
// repeated fields, many rows. None is a 5xx; one that is refused writes
// nothing; none makes a pose or routine other than the one named.
func TestLibraryHostileForms(t *testing.T) {
	f := newClinicFixture(t)
	lib := "/clinic-library/" + f.a.ID
	long := strings.Repeat("a", 200000)
	bodies := []string{
		"x=%zz",
		"kind_of=pose&name=%ff%fe&kind=stretch",
		"kind_of=pose&id=evil&name=A%0Aposes%3A%0A++-+id%3A+injected%0A++++name%3A+Injected&kind=stretch&why=x&steps=a&feel=b",
		"kind_of=routine&id=r1&name=R&purpose=p&rows=40&pose-0=zombie-crawl&hold-0=9999999999999999999&pose-1=%22%3A+%7B%7D",
		"kind_of=routine&id=r2&name=R&purpose=p&rows=-5&pose-0=sphinx",
		"kind_of=routine&id=r3&name=R&purpose=p&rows=99999999999999999999&pose-0=sphinx",
		"kind_of=pose&id=big&name=" + long + "&kind=stretch",
		"kind_of=pose&id=..%2F..%2Fetc&name=Path&kind=stretch&why=x&steps=a&feel=b",
		"kind_of=pose&id=standing-psoas-lunge&name=Mine&kind=stretch&why=x&steps=a&feel=b",
		"kind_of=routine&id=r4&name=R&purpose=p&rows=2&pose-0=zombie-crawl&pose-0=sphinx&more=1&more=1",
	}
	for i, body := range bodies {
		before := f.clinicState(t)
		docs, _ := f.journal.ClinicDocs(t.Context(), f.a.ID)
		code, _, page := send(t, f.base, route{method: "POST", path: lib, ctype: "application/x-www-form-urlencoded", body: body}, token("doc.a"), "")
		if code >= 500 {
			t.Errorf("body %d: status %d: %.300s", i, code, page)
		}
		if strings.Contains(page, "strconv.") || strings.Contains(page, "yaml:") || strings.Contains(page, "runtime error") {
			t.Errorf("body %d: the answer shows Go internals: %.300s", i, page)
		}
		after, _ := f.journal.ClinicDocs(t.Context(), f.a.ID)
		if code >= 400 && f.clinicState(t) != before {
			t.Errorf("body %d: refused with %d but something was written", i, code)
		}
		if len(after) > len(docs)+1 {
			t.Errorf("body %d: one form made %d documents", i, len(after)-len(docs))
		}
		for _, d := range after {
			if d.ID == "injected" || strings.Contains(d.ID, "/") {
				t.Errorf("body %d: a document %q was made from text written into a field", i, d.ID)
			}
		}
	}
}

// holdSides is the sides a timeline holds its pose in, in order: "left",
// "right", or "" for a pose done on both sides at once.
func holdSides(t *testing.T, body, pose string) []string {
	t.Helper()
	var tl struct {
		Segments []struct{ Kind, Side, Pose string }
	}
	if err := json.Unmarshal([]byte(body), &tl); err != nil {
		t.Fatalf("timeline: %v: %.300s", err, body)
	}
	var out []string
	for _, s := range tl.Segments {
		if s.Pose == pose && s.Kind == "hold" {
			out = append(out, s.Side)
		}
	}
	return out
}

// TestLibraryRoutineSides saves a routine whose lunge is done on the left
// only: the catalog file says so, the editor shows it again, the player
// holds the left side alone, and the programme editor offers it as the
// routine's, which a clinician may turn back to both sides. A side for a
// pose done on both sides at once, or a side that is none, is refused at
// its field.
func TestLibraryRoutineSides(t *testing.T) {
	f := newClinicFixture(t)
	f.j.openGateFor(f.ids[patName])
	lib := "/clinic-library/" + f.a.ID
	form := url.Values{"kind_of": {"routine"}, "id": {"left-lunge"}, "name": {"Left lunge"}, "purpose": {"The left hip, gently."},
		"rows": {"3"}, "pose-0": {"standing-psoas-lunge"}, "side-0": {"left"}, "pose-1": {"zombie-crawl"}, "side-1": {""}}
	for _, tt := range []struct{ name, pose, side, want string }{
		{"a side for a pose done on both sides at once", "zombie-crawl", "left", "done on both sides at once"},
		{"a side that is none", "standing-psoas-lunge", "up", "Choose Both sides, Left only or Right only"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bad := url.Values{}
			for k, v := range form {
				bad[k] = v
			}
			bad.Set("pose-1", tt.pose)
			bad.Set("side-1", tt.side)
			code, _, body := f.post(t, "doc.a", lib, bad)
			if got := ownFieldError(t, body, "side-1"); code != http.StatusBadRequest || !strings.Contains(got, tt.want) {
				t.Errorf("save = %d, the side's problem %q, want 400 saying %q", code, got, tt.want)
			}
		})
	}
	if code, _, body := f.post(t, "doc.a", lib, form); code != http.StatusSeeOther {
		t.Fatalf("save = %d, want 303:\n%.2000s", code, body)
	}
	d, err := f.j.ClinicDoc(t.Context(), f.a.ID, backcare.ClinicRoutine, "left-lunge")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "side: \"left\"") || strings.Count(d.Text, "side:") != 1 {
		t.Errorf("the catalog file = %q, want the lunge's side: left and no other side", d.Text)
	}
	_, body := f.get(t, "doc.a", lib+"/routine/left-lunge")
	if sel := regexp.MustCompile(`(?s)<select id="f-side-0".*?</select>`).FindString(body); !strings.Contains(sel, `<option value="left" selected>Left only`) {
		t.Errorf("the saved routine's row 1 sides = %s, want Left only chosen", sel)
	}
	if !regexp.MustCompile(`<div class="field dose" hidden>\s*<label for="f-side-1">`).MatchString(body) {
		t.Errorf("the zombie crawl's row offers a side, but it is done on both sides at once")
	}

	// The built-in routines play the lunge on both sides, this one on the
	// left: the programme editor keeps each routine's unless told, and
	// the patient then holds the left side alone.
	pat := f.ids[patName]
	prog := url.Values{"routine": {"left-lunge"}, "days": {"3"}, "start": {"2026-01-01"},
		"pose-standing-psoas-lunge": {"1"}, "pose-zombie-crawl": {"1"}}
	_, body = f.get(t, "doc.a", "/clinic/patients/"+pat+"/programme")
	if sel := regexp.MustCompile(`(?s)<select id="side-standing-psoas-lunge".*?</select>`).FindString(body); !strings.Contains(sel, `<option value="" selected>Each routine&#39;s</option><option value="both">Both sides</option>`) {
		t.Errorf("the programme editor's lunge sides = %s, want each routine's chosen, then both sides", sel)
	}
	if sel := regexp.MustCompile(`(?s)<select id="side-bird-dog".*?</select>`).FindString(body); !strings.Contains(sel, `<option value="both" selected>Both sides</option>`) {
		t.Errorf("the programme editor's bird dog sides = %s, want both sides, the routine's, chosen", sel)
	}
	for _, tt := range []struct {
		name, side string
		stored     backcare.Side
		want       []string
	}{
		{"each routine's side", "", backcare.NoSide, []string{"left"}},
		{"both sides", "both", backcare.BothSides, []string{"left", "right"}},
		{"the right instead", "right", backcare.Right, []string{"right"}},
		{"the left, as this routine", "left", backcare.Left, []string{"left"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			prog.Set("side-standing-psoas-lunge", tt.side)
			if code, _, body := f.post(t, "doc.a", "/clinic/patients/"+pat+"/programme", prog); code != http.StatusSeeOther {
				t.Fatalf("assign = %d:\n%.1500s", code, body)
			}
			a, err := f.j.Assignment(t.Context(), f.a.ID, pat)
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Doses["standing-psoas-lunge"].Side; got != tt.stored {
				t.Errorf("the stored side = %q, want %q", got, tt.stored)
			}
			if _, body := f.get(t, patName, "/routines/left-lunge"); tt.name == "each routine's side" && !strings.Contains(body, "hold 1 minute</strong> on the left side only") {
				t.Errorf("the patient's page of the routine does not say the lunge is on the left side only")
			}
			code, _, body := send(t, f.base, route{method: "GET", path: "/api/routines/left-lunge/timeline"}, token(patName), "")
			if got := holdSides(t, body, "standing-psoas-lunge"); code != 200 || !slices.Equal(got, tt.want) {
				t.Errorf("the timeline = %d, holds the lunge on %q, want %q", code, got, tt.want)
			}
		})
	}
}

// TestLibraryRowsShowOwnDose opens a saved routine: each row shows its
// pose's own dose in words and as its empty fields' placeholders, so an
// empty field plainly keeps it, and the row's own change stays its value.
func TestLibraryRowsShowOwnDose(t *testing.T) {
	f := newClinicFixture(t)
	_, body := f.get(t, "doc.a", "/clinic-library/"+f.a.ID+"/routine/"+ownRoutine)
	input := func(id string) string {
		return regexp.MustCompile(`<input id="` + id + `"[^>]*>`).FindString(body)
	}
	for _, tt := range []struct{ name, field, want string }{
		{"the row's own hold", "f-hold-0", `value="40" placeholder="45"`},
		{"the own pose's intensity", "f-intensity-0", `value="" placeholder="5"`},
		{"the crawl's hold", "f-hold-1", `value="" placeholder="60"`},
		{"the crawl's sets", "f-sets-1", `value="" placeholder="none"`},
	} {
		if got := input(tt.field); !strings.Contains(got, tt.want) || !strings.Contains(got, `aria-describedby="f-pose-`) {
			t.Errorf("%s: %s, want %s, described by the row's dose", tt.name, got, tt.want)
		}
	}
	if !strings.Contains(body, `<p class="small" id="f-pose-1-help">The pose&#39;s own dose: hold 1 minute, a stretch of about 5 out of 10. An empty field keeps it.</p>`) {
		t.Errorf("the crawl's row does not say its own dose:\n%s", regexp.MustCompile(`(?s)<fieldset class="pose-edit">.*?</fieldset>`).FindAllString(body, 2))
	}
	if !strings.Contains(body, `data-hold="60" data-sets="none"`) || !strings.Contains(body, "libraryedit.") {
		t.Errorf("the pose choices do not carry their own doses for the editor's script")
	}
}
