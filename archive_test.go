package backcare

import (
	"bytes"
	"encoding/csv"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func sampleArchive() *Archive {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s1 := goodSession()
	s2 := goodSession()
	s2.ID, s2.StartedAt, s2.EndedAt, s2.Status, s2.PainAfter, s2.Note = "cd34", at, at.Add(time.Minute), StoppedForPain, nil, "sharp twinge, \"left\" side"
	s3 := goodSession()
	s3.ID, s3.Status, s3.EndedAt, s3.Segments = "ef56", InProgress, time.Time{}, []SegmentResult{}
	s3.StartedAt = at.Add(24 * time.Hour)
	return &Archive{
		UserID:     LocalUser,
		Settings:   &Settings{Hold: 45 * time.Second, Prepare: 10 * time.Second, Voice: true, VoiceName: "en-gb", Beeps: false},
		Sessions:   []*Session{s1, s2, s3},
		PEGs:       []*PEG{{ID: "p1", UserID: LocalUser, At: at, Pain: 5, Enjoyment: 4, Activity: 6}},
		Screenings: []*Screening{{ID: "x1", UserID: LocalUser, At: at, Reason: ScreenFlare, Verdict: Doctor, Answers: map[string]bool{"night-pain": true, "fever": false}, ClearedAt: at.Add(48 * time.Hour)}},
		PhaseChanges: []*PhaseChange{
			{ID: "c1", UserID: LocalUser, At: at, From: 0, To: 1, Reason: "Starting gently."},
		},
	}
}

func TestArchiveRoundTrip(t *testing.T) {
	a := sampleArchive()
	a.Normalize()
	first, err := a.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseArchive(first)
	if err != nil {
		t.Fatalf("ParseArchive: %v\n%s", err, first)
	}
	a.Sort()
	if !reflect.DeepEqual(a, b) {
		t.Errorf("ParseArchive(MarshalJSON(a)) differs from a:\ngot  %+v\nwant %+v", b, a)
	}
	second, err := b.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("second export differs:\n%s\n---\n%s", first, second)
	}
	if !strings.Contains(string(first), "\n    {\"id\":\"ab12\"") {
		t.Errorf("export does not put one record a line:\n%s", first)
	}
}

func TestParseArchiveEmptyLists(t *testing.T) {
	a, err := ParseArchive([]byte(`{"format":"backcare-journal","version":1,"user_id":"local","sessions":[],"pegs":[],"screenings":[],"phase_changes":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	if a.Settings != nil || len(a.Sessions) != 0 {
		t.Errorf("archive = %+v, want an empty one", a)
	}
}

func TestParseArchiveErrors(t *testing.T) {
	good, err := sampleArchive().MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		from, to string // replace in the good archive
		want     string
	}{
		{"pain 11", `"pain_after":3`, `"pain_after":11`, "sessions[1] (id ab12): pain_after 11 is outside 0-10"},
		{"pain as text", `"pain_after":3`, `"pain_after":"3"`, "sessions[1] (id ab12): pain_after should be a number, not a JSON string"},
		{"unknown field", `"pain_after":3`, `"pain_after":3,"mood":1`, `sessions[1] (id ab12): unknown field "mood"`},
		{"bad status", `"status":"in_progress"`, `"status":"paused"`, `sessions[2] (id ef56): status "paused"`},
		{"bad time", `"started_at":"2026-03-02T18:30:00.000Z"`, `"started_at":"yesterday"`, `sessions[1] (id ab12): started_at "yesterday" is not a time`},
		{"segment kind", `"kind":"prepare"`, `"kind":"nap"`, `sessions[0] (id cd34): segments[0]: kind "nap"`},
		{"segment index missing", `{"index":0,`, `{`, `sessions[0] (id cd34): segments[0]: index is missing`},
		{"duplicate id", `"id":"cd34"`, `"id":"ab12"`, "sessions[1] (id ab12): the id is used twice, here and in sessions[0]"},
		{"peg item 12", `"enjoyment":4`, `"enjoyment":12`, "pegs[0] (id p1): enjoyment 12 is outside 0-10"},
		{"peg item missing", `"enjoyment":4,`, ``, "pegs[0] (id p1): enjoyment is missing"},
		{"verdict", `"verdict":"doctor"`, `"verdict":"maybe"`, `screenings[0] (id x1): verdict "maybe"`},
		{"phase", `"to":1`, `"to":0`, "phase_changes[0] (id c1): to 0 is not a phase"},
		{"settings", `"hold_ms":45000`, `"hold_ms":-5`, "settings: hold -5ms"},
		{"newer version", `"version": 1`, `"version": 2`, "version 2 of the journal format"},
		{"other format", `"format": "backcare-journal"`, `"format": "diary"`, `format "diary" is not`},
		{"broken json", `"pegs": [`, `"pegs": [[`, "the JSON is broken at line"},
		{"trailing", "  ]\n}\n", "  ]\n}\n{}", "more after the end"},
		{"missing segments", `,"segments":[]`, ``, "sessions[2] (id ef56): segments is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Replace(string(good), tt.from, tt.to, 1)
			if in == string(good) {
				t.Fatalf("%q is not in the archive", tt.from)
			}
			_, err := ParseArchive([]byte(in))
			if err == nil {
				t.Fatalf("ParseArchive = nil, want %q", tt.want)
			}
			if ErrorCode(err) != EINVALID {
				t.Errorf("code = %s, want %s", ErrorCode(err), EINVALID)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseArchive = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestArchiveValidateUser(t *testing.T) {
	a := sampleArchive()
	a.PEGs[0].UserID = "someone-else"
	err := a.Validate()
	if err == nil || !strings.Contains(err.Error(), `pegs[0] (id p1): user_id "someone-else" is not the archive's user "local"`) {
		t.Errorf("Validate = %v, want the foreign user named", err)
	}
	a.ForUser("clinic-7")
	if err := a.Validate(); err != nil {
		t.Errorf("after ForUser, Validate = %v, want nil", err)
	}
}

func TestWriteCSV(t *testing.T) {
	a := sampleArchive()
	a.Sessions[0].Note = "=HYPERLINK(\"x\")"
	var rows []SessionSummary
	for _, s := range a.Sessions {
		rows = append(rows, s.Summary())
	}
	var b bytes.Buffer
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	if err := WriteCSV(&b, rows, berlin); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("rows = %d, want 4 (header and three sessions)", len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	r := recs[1]
	for name, want := range map[string]string{
		"date": "2026-03-02", "time": "19:30", "started_at_utc": "2026-03-02T18:30:00.000Z",
		"minutes_held": "1.0", "pain_before": "4", "pain_after": "3", "pain_change": "-1",
		"status": "completed", "note": "'=HYPERLINK(\"x\")",
	} {
		if got := r[col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if got := recs[2][col["pain_after"]]; got != "" {
		t.Errorf("pain_after of a session without one = %q, want empty", got)
	}
}

func FuzzParseArchive(f *testing.F) {
	good, err := sampleArchive().MarshalJSON()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	if sample, err := os.ReadFile("testdata/sample-journal.json"); err == nil {
		f.Add(sample)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"format":"backcare-journal","version":1,"user_id":"local","sessions":[{"id":"a"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseArchive(data)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("code = %s, want %s for %v", ErrorCode(err), EINVALID, err)
			}
			return
		}
		first, err := a.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		b, err := ParseArchive(first)
		if err != nil {
			t.Fatalf("an accepted archive does not read back: %v\n%s", err, first)
		}
		second, err := b.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Fatalf("not stable:\n%s\n---\n%s", first, second)
		}
	})
}

// TestParseArchiveRefusesCSV checks that a CSV export given to import is
// recognised and refused with a sentence, not a JSON parser's complaint.
func TestParseArchiveRefusesCSV(t *testing.T) {
	header := strings.Join(CSVHeader, ",") + "\n"
	tests := []struct {
		name, in string
	}{
		{"backcare's CSV export", header + "ab12,2026-03-02,18:30,2026-03-02T18:30:00Z,,lower-back-relief,Lower back relief,completed,3,3,0,4,2,-2,5,\n"},
		{"with a byte-order mark", "\ufeff" + header},
		{"another spreadsheet", "date,pain\n2026-03-02,4\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseArchive([]byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), "CSV") || strings.Contains(err.Error(), "JSON is broken") {
				t.Errorf("ParseArchive = %v, want it to say this is a CSV file", err)
			}
			if ErrorCode(err) != EINVALID {
				t.Errorf("code = %s, want %s", ErrorCode(err), EINVALID)
			}
		})
	}
}

func TestShiftToNow(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	a := &Archive{UserID: "u",
		Sessions:   []*Session{{StartedAt: at("2026-01-05 08:00"), EndedAt: at("2026-01-05 08:06")}, {StartedAt: at("2026-03-01 18:30")}},
		PEGs:       []*PEG{{At: at("2026-02-27 09:00")}},
		Screenings: []*Screening{{At: at("2026-01-04 20:00"), ClearedAt: at("2026-01-06 10:00")}},
	}
	d := a.ShiftToNow(at("2026-06-10 21:00"), loc)
	if got := a.Sessions[1].StartedAt.In(loc).Format("2006-01-02 15:04 Mon"); got != "2026-06-10 18:30 Wed" {
		t.Errorf("newest session moved to %s, want today at the same time", got)
	}
	if got := a.Sessions[0].EndedAt.Sub(a.Sessions[0].StartedAt); got != 6*time.Minute {
		t.Errorf("a session lasts %v after the shift, want 6 minutes", got)
	}
	if got := a.Screenings[0].ClearedAt.In(loc).Format("15:04"); got != "10:00" {
		t.Errorf("clearance at %s after the shift, want 10:00", got)
	}
	if d%(24*time.Hour) != 0 {
		t.Errorf("shift = %v, want whole days", d)
	}
	// Later than now's time of day today: one day less, never the future.
	b := &Archive{UserID: "u", Sessions: []*Session{{StartedAt: at("2026-03-01 22:30")}}}
	b.ShiftToNow(at("2026-06-10 21:00"), loc)
	if got := b.Sessions[0].StartedAt.In(loc).Format("2006-01-02 15:04"); got != "2026-06-09 22:30" {
		t.Errorf("a late session moved to %s, want yesterday", got)
	}
	if d := b.ShiftToNow(at("2026-06-09 23:00"), loc); d != 0 {
		t.Errorf("an archive already recent moved by %v, want 0", d)
	}
}
