package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"backcare"
)

func sessionsOf(t *testing.T, j *memJournal) []*backcare.Session {
	t.Helper()
	all, err := j.Sessions(context.Background(), backcare.LocalUser, backcare.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func form(v url.Values) *strings.Reader { return strings.NewReader(v.Encode()) }

const formType = "application/x-www-form-urlencoded"

// TestYourData: download everything, import it into an empty journal,
// change a session, delete one, delete everything.
func TestYourData(t *testing.T) {
	ts, j := newTestServer(t)
	seedJournal(j, testNow)
	n := len(sessionsOf(t, j))

	res, archive := do(t, ts, "GET", "/export/journal.json", "", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(archive, `"format": "backcare-journal"`) {
		t.Fatalf("export JSON: %d %v %.200s", res.StatusCode, res.Header, archive)
	}
	res, table := do(t, ts, "GET", "/export/journal.csv", "", nil)
	rows, err := csv.NewReader(strings.NewReader(table)).ReadAll()
	if res.StatusCode != http.StatusOK || err != nil || len(rows) != n+1 || rows[0][0] != "id" {
		t.Fatalf("export CSV: %d, %d rows (%v), want a header and %d sessions", res.StatusCode, len(rows), err, n)
	}

	// Import into another, empty journal: everything arrives; again: nothing.
	ts2, j2 := newTestServer(t)
	importFile := func(data string, shift bool) (int, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		fw, _ := mw.CreateFormFile("file", "journal.json")
		_, _ = fw.Write([]byte(data))
		if shift {
			_ = mw.WriteField("shift", "on")
		}
		_ = mw.Close()
		res, body := do(t, ts2, "POST", "/settings/import", mw.FormDataContentType(), &b)
		return res.StatusCode, body
	}
	if code, body := importFile(archive, false); code != 200 || !strings.Contains(body, "Imported: 14 sessions") {
		t.Fatalf("import: %d %s", code, pick(body, "role=\"alert\""))
	}
	if got := len(sessionsOf(t, j2)); got != n {
		t.Errorf("after the import the journal has %d sessions, want %d", got, n)
	}
	if code, body := importFile(archive, false); code != 200 || !strings.Contains(body, "already in your journal") {
		t.Errorf("second import: %d %s", code, pick(body, "Imported"))
	}
	if code, body := importFile(`{"format":"something else"}`, false); code != 400 || !strings.Contains(body, "is not") {
		t.Errorf("import of another file: %d %s", code, pick(body, "didn't work"))
	}

	// Change one session's answers.
	x := sessionsOf(t, j)[0]
	res, _ = do(t, ts, "POST", "/sessions/"+x.ID+"/edit", formType, form(url.Values{"pain_before": {"6"}, "pain_after": {"2"}, "intensity": {"5"}, "note": {"  Typed later.  "}}))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	got, _ := j.Session(context.Background(), backcare.LocalUser, x.ID)
	if *got.PainBefore != 6 || *got.PainAfter != 2 || got.Note != "Typed later." || len(got.Segments) != len(x.Segments) || got.Status != x.Status {
		t.Errorf("after the edit: %+v", got)
	}
	if res, body := do(t, ts, "POST", "/sessions/"+x.ID+"/edit", formType, form(url.Values{"pain_after": {"11"}})); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "from 0 to 10") {
		t.Errorf("edit with pain 11: %d", res.StatusCode)
	}

	// Delete one: only with the box ticked.
	if res, body := do(t, ts, "POST", "/sessions/"+x.ID+"/delete", formType, form(url.Values{})); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Nothing was deleted") {
		t.Errorf("delete without the box: %d", res.StatusCode)
	}
	if res, _ := do(t, ts, "POST", "/sessions/"+x.ID+"/delete", formType, form(url.Values{"confirm": {"yes"}})); res.StatusCode != http.StatusSeeOther {
		t.Errorf("delete: %d", res.StatusCode)
	}
	if got := len(sessionsOf(t, j)); got != n-1 {
		t.Errorf("after the delete: %d sessions, want %d", got, n-1)
	}

	// Delete everything: only with the words typed.
	if res, body := do(t, ts, "POST", "/settings/delete", formType, form(url.Values{"confirm": {"yes"}})); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Nothing was deleted") {
		t.Errorf("delete everything without the words: %d", res.StatusCode)
	}
	if got := len(sessionsOf(t, j)); got != n-1 {
		t.Fatalf("a refused delete everything deleted: %d sessions left", got)
	}
	res, _ = do(t, ts, "POST", "/settings/delete", formType, form(url.Values{"confirm": {"  Delete   Everything "}}))
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/settings?deleted=") {
		t.Fatalf("delete everything: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if got := len(sessionsOf(t, j)); got != 0 {
		t.Errorf("after delete everything: %d sessions", got)
	}
	if _, body := do(t, ts, "GET", res.Header.Get("Location"), "", nil); !strings.Contains(body, "Everything is deleted") {
		t.Errorf("the settings page does not say everything is deleted")
	}
}

// TestUnfinishedList: every unfinished session in one list, with finish or
// discard for each and for all; sessions that ended are left alone.
func TestUnfinishedList(t *testing.T) {
	ts, j := newTestServer(t)
	ids := []string{startSession(t, ts), startSession(t, ts), startSession(t, ts)}
	done := startSession(t, ts)
	if res, body := do(t, ts, "PUT", "/api/sessions/"+done, "application/json", strings.NewReader(`{"status":"completed","pain_after":2}`)); res.StatusCode != http.StatusOK {
		t.Fatalf("end a session: %d %s", res.StatusCode, body)
	}
	_, page := do(t, ts, "GET", "/sessions/unfinished", "", nil)
	if c := strings.Count(page, `name="id"`); c != 3 || !strings.Contains(page, "All 3 at once") {
		t.Fatalf("the list shows %d sessions, want 3 and the actions for all", c)
	}
	if _, today := do(t, ts, "GET", "/", "", nil); !strings.Contains(today, "See all 3 unfinished") {
		t.Errorf("Today does not link the list")
	}
	if res, _ := do(t, ts, "POST", "/sessions/unfinished", formType, form(url.Values{"action": {"discard"}, "id": {ids[0]}})); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("discard one: %d", res.StatusCode)
	}
	if _, err := j.Session(context.Background(), backcare.LocalUser, ids[0]); backcare.ErrorCode(err) != backcare.ENOTFOUND {
		t.Errorf("a discarded session is still there: %v", err)
	}
	if res, _ := do(t, ts, "POST", "/sessions/unfinished", formType, form(url.Values{"action": {"finish"}})); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("finish all: %d", res.StatusCode)
	}
	for _, x := range sessionsOf(t, j) {
		want := backcare.Abandoned
		if x.ID == done {
			want = backcare.Completed
		}
		if x.Status != want {
			t.Errorf("session %s is %s, want %s", x.ID, x.Status, want)
		}
	}
	if len(sessionsOf(t, j)) != 3 {
		t.Errorf("%d sessions left, want 3", len(sessionsOf(t, j)))
	}
}

// pick returns the line of body around what, for failure messages.
func pick(body, what string) string {
	i := strings.Index(body, what)
	if i < 0 {
		return "(no " + what + ")"
	}
	return body[max(0, i-100):min(len(body), i+200)]
}
