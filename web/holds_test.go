package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
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
	const notATime = "A hold is a number of seconds, like 30, or minutes and seconds, like 1:30"
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
