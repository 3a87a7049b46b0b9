package sqlite

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"backcare"
)

// segmentsJSON is the column as encoding/json writes it.
func segmentsJSON(t testing.TB, segs []backcare.SegmentResult) string {
	s, err := encodeSegmentsJSON(segs)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSegmentsColumn(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name string
		segs []backcare.SegmentResult
	}{
		{"none", []backcare.SegmentResult{}},
		{"a session", []backcare.SegmentResult{
			{Index: 0, Kind: "prepare", PoseID: "standing-psoas-lunge", Side: backcare.Left, Planned: 15000 * ms, Held: 15000 * ms},
			{Index: 1, Kind: "hold", PoseID: "standing-psoas-lunge", Side: backcare.Left, Planned: 60000 * ms, Held: 41250 * ms, Skipped: true},
			{Index: 7, Kind: "rest", Planned: 5000 * ms},
		}},
		{"large and negative numbers", []backcare.SegmentResult{{Index: 1 << 40, Kind: "hold", Planned: -5 * ms, Held: time.Duration(1<<40) * ms}}},
		{"a quote and a backslash", []backcare.SegmentResult{{Kind: `ho"ld`, PoseID: `a\b`}}},
		{"HTML characters", []backcare.SegmentResult{{Kind: "hold", PoseID: "<b>&"}}},
		{"control characters and Unicode", []backcare.SegmentResult{{Kind: "hold\n", PoseID: "étirement\u2028"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := encodeSegments(tt.segs)
			if err != nil {
				t.Fatal(err)
			}
			if want := segmentsJSON(t, tt.segs); got != want {
				t.Errorf("encodeSegments = %s, want %s (as encoding/json writes it)", got, want)
			}
			back, err := decodeSegments([]byte(got))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, tt.segs) {
				t.Errorf("decodeSegments(encodeSegments(x)) = %+v, want %+v", back, tt.segs)
			}
		})
	}
}

// TestSegmentsOtherForms: JSON in another form than encodeSegments writes
// (spaces, another key order, escapes, a missing key) reads as encoding/json
// reads it; what is not JSON fails.
func TestSegmentsOtherForms(t *testing.T) {
	tests := []struct {
		name, data string
		fast       bool // the fast path reads it
		bad        bool
	}{
		{"exact", `[{"index":2,"kind":"hold","pose":"p","side":"left","planned_ms":1,"held_ms":0,"skipped":false}]`, true, false},
		{"spaces", `[ {"index": 2, "kind": "hold", "pose": "p", "side": "left", "planned_ms": 1, "held_ms": 0, "skipped": false} ]`, false, false},
		{"key order", `[{"kind":"hold","index":2,"pose":"p","side":"left","planned_ms":1,"held_ms":0,"skipped":true}]`, false, false},
		{"escaped", `[{"index":2,"kind":"ho\u006cd","pose":"p","side":"","planned_ms":1,"held_ms":0,"skipped":false}]`, false, false},
		{"missing key", `[{"index":2,"kind":"hold"}]`, false, false},
		{"leading zero", `[{"index":02,"kind":"hold","pose":"p","side":"","planned_ms":1,"held_ms":0,"skipped":false}]`, false, true},
		{"trailing data", `[]x`, false, true},
		{"not JSON", `[{"index":`, false, true},
		{"empty", `[]`, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fast := parseSegments([]byte(tt.data))
			if fast != tt.fast {
				t.Errorf("fast path read it = %v, want %v", fast, tt.fast)
			}
			got, err := decodeSegments([]byte(tt.data))
			if (err != nil) != tt.bad {
				t.Fatalf("decodeSegments error = %v, want an error: %v", err, tt.bad)
			}
			if tt.bad {
				return
			}
			var in []segmentJSON
			if err := json.Unmarshal([]byte(tt.data), &in); err != nil {
				t.Fatal(err)
			}
			want := make([]backcare.SegmentResult, len(in))
			for i, r := range in {
				want[i] = segment(r.Index, r.Kind, r.Pose, r.Side, r.PlannedMS, r.HeldMS, r.Skipped)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decodeSegments = %+v, want %+v as encoding/json reads it", got, want)
			}
		})
	}
}

// FuzzSegments: whatever the fast path reads, encoding/json reads the same.
func FuzzSegments(f *testing.F) {
	f.Add(`[{"index":0,"kind":"prepare","pose":"cat-cow","side":"","planned_ms":15000,"held_ms":15000,"skipped":false}]`)
	f.Add(`[{"index":-1,"kind":"","pose":"","side":"","planned_ms":-0,"held_ms":9223372036854775807,"skipped":true},{"index":1,"kind":"a","pose":"b","side":"c","planned_ms":1,"held_ms":2,"skipped":false}]`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, data string) {
		got, ok := parseSegments([]byte(data))
		if !ok {
			return
		}
		var in []segmentJSON
		if err := json.Unmarshal([]byte(data), &in); err != nil {
			t.Fatalf("the fast path read %q, encoding/json says %v", data, err)
		}
		if len(in) != len(got) {
			t.Fatalf("fast path read %d segments, encoding/json %d", len(got), len(in))
		}
		for i, r := range in {
			if want := segment(r.Index, r.Kind, r.Pose, r.Side, r.PlannedMS, r.HeldMS, r.Skipped); got[i] != want {
				t.Fatalf("segment %d = %+v, encoding/json reads %+v", i, got[i], want)
			}
		}
	})
}
