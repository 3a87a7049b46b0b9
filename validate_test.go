package backcare

import (
	"strings"
	"testing"
	"time"
)

func intp(v int) *int { return &v }

func goodSession() *Session {
	start := time.Date(2026, 3, 2, 18, 30, 0, 0, time.UTC)
	return &Session{
		ID: "ab12", UserID: LocalUser, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
		StartedAt: start, EndedAt: start.Add(5 * time.Minute), Status: Completed,
		PainBefore: intp(4), PainAfter: intp(3), Intensity: intp(5),
		Segments: []SegmentResult{
			{Index: 0, Kind: "prepare", PoseID: "zombie-crawl", Planned: 15 * time.Second, Held: 15 * time.Second},
			{Index: 1, Kind: "hold", PoseID: "standing-psoas-lunge", Side: Left, Planned: time.Minute, Held: time.Minute},
		},
	}
}

func TestSessionValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *Session)
		want   string // part of the message; "" for valid
	}{
		{"good", func(s *Session) {}, ""},
		{"in progress without end", func(s *Session) { s.Status = InProgress; s.EndedAt = time.Time{} }, ""},
		{"no pain asked", func(s *Session) { s.PainBefore, s.PainAfter, s.Intensity = nil, nil, nil }, ""},
		{"pain after 11", func(s *Session) { s.PainAfter = intp(11) }, "pain_after 11 is outside 0-10"},
		{"pain before -1", func(s *Session) { s.PainBefore = intp(-1) }, "pain_before -1 is outside 0-10"},
		{"intensity 12", func(s *Session) { s.Intensity = intp(12) }, "intensity 12 is outside 0-10"},
		{"no id", func(s *Session) { s.ID = "" }, "id is missing"},
		{"bad id", func(s *Session) { s.ID = "a b" }, `id "a b" is not an id`},
		{"no user", func(s *Session) { s.UserID = "" }, "user_id is missing"},
		{"no routine", func(s *Session) { s.RoutineID = "" }, "routine_id is missing"},
		{"bad status", func(s *Session) { s.Status = "done" }, `status "done" is not one of`},
		{"completed without end", func(s *Session) { s.EndedAt = time.Time{} }, "ended_at is missing"},
		{"ends before start", func(s *Session) { s.EndedAt = s.StartedAt.Add(-time.Second) }, "is before started_at"},
		{"two days", func(s *Session) { s.EndedAt = s.StartedAt.Add(48 * time.Hour) }, "longer than a day"},
		{"no start", func(s *Session) { s.StartedAt = time.Time{} }, "started_at is missing"},
		{"1970", func(s *Session) { s.StartedAt = time.Unix(0, 0) }, "not a plausible date"},
		{"segment kind", func(s *Session) { s.Segments[1].Kind = "nap" }, `segments[1]: kind "nap"`},
		{"segment side", func(s *Session) { s.Segments[1].Side = "up" }, `side "up"`},
		{"segment held negative", func(s *Session) { s.Segments[1].Held = -time.Second }, "held_ms -1000 is negative"},
		{"segment order", func(s *Session) { s.Segments[1].Index = 0 }, "index 0 does not follow 0"},
		{"note with control", func(s *Session) { s.Note = "ok\x00" }, "control character"},
		{"note not utf8", func(s *Session) { s.Note = "\xff" }, "not valid UTF-8"},
		{"note too long", func(s *Session) { s.Note = strings.Repeat("a", MaxNoteLen+1) }, "more than 4000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := goodSession()
			tt.change(s)
			err := s.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want %q", tt.want)
			}
			if got := ErrorCode(err); got != EINVALID {
				t.Errorf("code = %s, want %s", got, EINVALID)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestOtherValidate(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		rec  interface{ Validate() error }
		want string
	}{
		{"peg good", &PEG{ID: "p1", UserID: "u", At: at, Pain: 5, Enjoyment: 0, Activity: 10}, ""},
		{"peg pain 11", &PEG{ID: "p1", UserID: "u", At: at, Pain: 11}, "pain 11 is outside 0-10"},
		{"peg activity -2", &PEG{ID: "p1", UserID: "u", At: at, Activity: -2}, "activity -2 is outside"},
		{"peg no time", &PEG{ID: "p1", UserID: "u"}, "at is missing"},
		{"screening good", &Screening{ID: "s1", UserID: "u", At: at, Reason: ScreenFirst, Verdict: GoAhead, Answers: map[string]bool{"saddle-numbness": false}}, ""},
		{"screening verdict", &Screening{ID: "s1", UserID: "u", At: at, Reason: ScreenFirst, Verdict: "fine"}, `verdict "fine"`},
		{"screening reason", &Screening{ID: "s1", UserID: "u", At: at, Reason: "bored", Verdict: Doctor}, `reason "bored"`},
		{"screening cleared before", &Screening{ID: "s1", UserID: "u", At: at, Reason: ScreenFlare, Verdict: Doctor, ClearedAt: at.Add(-time.Hour)}, "cleared_at is before"},
		{"screening bad question", &Screening{ID: "s1", UserID: "u", At: at, Reason: ScreenFlare, Verdict: Doctor, Answers: map[string]bool{"": true}}, "question is missing"},
		{"phase good", &PhaseChange{ID: "c1", UserID: "u", At: at, From: 0, To: 1, Reason: "start"}, ""},
		{"phase same", &PhaseChange{ID: "c1", UserID: "u", At: at, From: 2, To: 2}, "both 2"},
		{"phase to 0", &PhaseChange{ID: "c1", UserID: "u", At: at, From: 1, To: 0}, "to 0 is not a phase"},
		{"settings default", DefaultSettings(), ""},
		{"settings hold 90s", Settings{Hold: 90 * time.Second}, ""},
		{"settings hold half second", Settings{Hold: 500 * time.Millisecond}, "hold 500ms"},
		{"settings hold an hour", Settings{Hold: time.Hour}, "hold 1h0m0s"},
		{"settings prepare negative", Settings{Prepare: -time.Second}, "prepare -1s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rec.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Validate() = %v, want nil", err)
			case tt.want != "" && err == nil:
				t.Fatalf("Validate() = nil, want %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("Validate() = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	zone := time.FixedZone("IST", 5*3600+1800)
	s := goodSession()
	s.StartedAt = time.Date(2026, 3, 2, 23, 59, 59, 123456789, zone)
	s.Segments[0].Held = 1500*time.Microsecond + 7
	s.Normalize()
	if want := time.Date(2026, 3, 2, 18, 29, 59, 123000000, time.UTC); !s.StartedAt.Equal(want) || s.StartedAt.Location() != time.UTC {
		t.Errorf("StartedAt = %v, want %v", s.StartedAt, want)
	}
	if got, want := s.Segments[0].Held, time.Millisecond; got != want {
		t.Errorf("Held = %v, want %v", got, want)
	}
}

func TestSummary(t *testing.T) {
	s := goodSession()
	s.Segments = append(s.Segments, SegmentResult{Index: 2, Kind: "hold", Planned: time.Minute, Held: 20 * time.Second, Skipped: true},
		SegmentResult{Index: 3, Kind: "rest", Planned: time.Minute, Held: time.Minute})
	sum := s.Summary()
	if sum.Held != 80*time.Second {
		t.Errorf("Held = %v, want 1m20s", sum.Held)
	}
	if sum.Holds != 2 || sum.Skipped != 1 {
		t.Errorf("Holds, Skipped = %d, %d, want 2, 1", sum.Holds, sum.Skipped)
	}
}
