package web

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

var saveBodies = []string{
	`{"status":"in_progress","segments":[{"index":0,"kind":"prepare","pose":"standing-psoas-lunge","side":"left","planned_ms":15000,"held_ms":15000,"skipped":false},{"index":1,"kind":"hold","pose":"standing-psoas-lunge","side":"left","planned_ms":60000,"held_ms":60000,"skipped":false}]}`,
	`{"status":"completed","segments":[],"pain_after":2,"intensity":null,"note":"Easier today. \"Much\" better\nthan Monday \\o/ – ça va <3 & more"}`,
	` { "note" : "a\tb\/c" , "status" : "abandoned" , "pain_after" : -0 } `,
	`{"status":"in_progress","segments":null}`,
	`{}`,
	`{"status":"in_progress","Status":"completed"}`,                 // case-insensitive key: encoding/json
	`{"status":"in_progress","status":"completed"}`,                 // repeated key
	`{"status":"in_progress","segments":[{"index":1.0}]}`,           // a fraction
	`{"status":"in_progress","pain_after":99999999999999999999}`,    // too big
	`{"status":"\u00e9"}`,                                           // \u escape
	`{"status":"in_progress","note":null}`,                          // null string
	`{"status":"in_progress","wat":1}`,                              // unknown field
	`{"status":"in_progress"} {}`,                                   // two objects
	`{"status":"in_progress",}`,                                     // trailing comma
	`{"status":"in_progress","segments":[{"index":0,"skipped":1}]}`, // wrong type
	"{\"note\":\"\xff\"}",                                           // not UTF-8
	`[]`,
	``,
}

// TestParseSave: the fast reading gives what encoding/json gives, and
// leaves to it what it does not read exactly alike.
func TestParseSave(t *testing.T) {
	fast := 0
	for _, body := range saveBodies {
		if checkParseSave(t, body) {
			fast++
		}
	}
	if fast < 5 {
		t.Errorf("the fast path read %d of the bodies, want the 5 plain ones", fast)
	}
}

// checkParseSave reports whether the fast path read body, and fails the
// test if it read it otherwise than encoding/json.
func checkParseSave(t *testing.T, body string) bool {
	t.Helper()
	var got saveRequest
	if !parseSave([]byte(body), &got) {
		return false
	}
	var want saveRequest
	if err := decodeFrom(strings.NewReader(body), &want); err != nil {
		t.Fatalf("the fast path read %q, encoding/json refuses it: %v", body, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: fast path read %#v, encoding/json %#v", body, got, want)
	}
	return true
}

func FuzzSaveRequest(f *testing.F) {
	for _, b := range saveBodies {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body string) { checkParseSave(t, body) })
}

// TestAppendSession: sessions are written byte for byte as encoding/json
// writes them.
func TestAppendSession(t *testing.T) {
	ended := time.Date(2026, 3, 2, 18, 35, 10, 120e6, time.UTC)
	pain := func(n int) *int { return &n }
	tests := []sessionJSON{
		{ID: "a1", RoutineID: "lower-back-relief", RoutineName: "Lower back relief", StartedAt: ended.Add(-5 * time.Minute),
			Status: "in_progress", Segments: []segmentJSON{{Index: 0, Kind: "prepare", Pose: "cat-cow", Side: "left", PlannedMS: 15000, HeldMS: 15000}},
			PainBefore: pain(4)},
		{ID: "b2", RoutineName: "Café <strong> & \"stretch\"", StartedAt: ended, EndedAt: &ended, Status: "completed",
			Segments: []segmentJSON{}, PainBefore: pain(0), PainAfter: pain(10), Intensity: pain(5), Note: "line\nline\u2028 ok"},
		{ID: "c3", StartedAt: time.Date(2026, 3, 2, 18, 35, 10, 0, time.FixedZone("X", 3600))},
	}
	for _, x := range tests {
		checkAppendSession(t, x)
	}
}

func checkAppendSession(t *testing.T, x sessionJSON) {
	t.Helper()
	var want bytes.Buffer
	if err := json.NewEncoder(&want).Encode(x); err != nil {
		t.Fatal(err)
	}
	if got := appendSession(nil, x); string(got) != want.String() {
		t.Errorf("appendSession =\n%s\nwant\n%s", got, want.String())
	}
}

func FuzzSessionJSON(f *testing.F) {
	f.Add("id", "Lower back relief", "a note", "hold", "cat-cow", "left", int64(1772476510120), 4, 2, true)
	f.Add("", "<&>", "\x00\xff\u2028", "", "", "", int64(0), -1, 11, false)
	f.Fuzz(func(t *testing.T, id, name, note, kind, pose, side string, ms int64, a, b int, skipped bool) {
		at := time.UnixMilli(ms % (1 << 45)).UTC()
		x := sessionJSON{ID: id, RoutineID: id, RoutineName: name, StartedAt: at, Status: kind, Note: note,
			Segments:   []segmentJSON{{Index: a, Kind: kind, Pose: pose, Side: side, PlannedMS: ms, HeldMS: int64(b), Skipped: skipped}},
			PainBefore: &a, PainAfter: &b}
		if skipped {
			x.EndedAt, x.Intensity, x.Segments = &at, &a, nil
		}
		checkAppendSession(t, x)
	})
}
