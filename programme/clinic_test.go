package programme_test

import (
	"reflect"
	"testing"
	"time"

	"backcare"
	"backcare/programme"
)

func summary(id string, at time.Time, st backcare.Status, before, after int) backcare.SessionSummary {
	s := backcare.SessionSummary{ID: id, RoutineName: "Relief", StartedAt: at, Status: st}
	if before >= 0 {
		s.PainBefore = &before
	}
	if after >= 0 {
		s.PainAfter = &after
	}
	return s
}

func TestFlags(t *testing.T) {
	now := time.Date(2026, 3, 12, 18, 0, 0, 0, time.UTC)
	day := func(n int) time.Time { return now.AddDate(0, 0, -n) }
	tests := []struct {
		name       string
		sessions   []backcare.SessionSummary
		screenings []*backcare.Screening
		since      time.Time
		want       []string // kind ref
	}{
		{"a good week", []backcare.SessionSummary{summary("a", day(1), backcare.Completed, 4, 3)}, nil, day(30), nil},
		{"stopped for pain", []backcare.SessionSummary{summary("a", day(1), backcare.StoppedForPain, 4, -1)}, nil, day(30),
			[]string{"stopped_for_pain a"}},
		{"a flare", []backcare.SessionSummary{summary("a", day(2), backcare.Completed, 3, 6)}, nil, day(30), []string{"flare a"}},
		{"a rise of 1 is no flare", []backcare.SessionSummary{summary("a", day(2), backcare.Completed, 3, 4)}, nil, day(30), nil},
		{"a stop for pain last year", []backcare.SessionSummary{summary("old", day(300), backcare.StoppedForPain, 4, -1), summary("a", day(1), backcare.Completed, 2, 2)}, nil, day(400), nil},
		{"no session for 7 days", []backcare.SessionSummary{summary("a", day(7), backcare.Completed, 2, 2)}, nil, day(30), []string{"no_practice a"}},
		{"an unfinished session is no practice", []backcare.SessionSummary{summary("a", day(8), backcare.Completed, 2, 2), summary("b", day(1), backcare.Abandoned, 2, -1)}, nil, day(30), []string{"no_practice a"}},
		{"joined 6 days ago, no session yet", nil, nil, day(6), nil},
		{"joined 7 days ago, no session yet", nil, nil, day(7), []string{"no_practice none"}},
		{"a new programme restarts the count", []backcare.SessionSummary{summary("a", day(20), backcare.Completed, 2, 2)}, nil, day(3), nil},
		{"see a doctor, not cleared", []backcare.SessionSummary{summary("a", day(1), backcare.Completed, 2, 2)}, []*backcare.Screening{{ID: "s", At: day(3), Verdict: backcare.Doctor}}, day(30), []string{"red_flag s"}},
		{"get help today", []backcare.SessionSummary{summary("a", day(1), backcare.Completed, 2, 2)}, []*backcare.Screening{{ID: "s", At: day(3), Verdict: backcare.Urgent}}, day(30), []string{"red_flag s"}},
		{"cleared", []backcare.SessionSummary{summary("a", day(1), backcare.Completed, 2, 2)}, []*backcare.Screening{{ID: "s", At: day(3), Verdict: backcare.Doctor, ClearedAt: day(2)}}, day(30), nil},
		{"newest first", []backcare.SessionSummary{summary("a", day(9), backcare.StoppedForPain, 5, -1)}, []*backcare.Screening{{ID: "s", At: day(8), Verdict: backcare.Doctor}}, day(30),
			[]string{"red_flag s", "stopped_for_pain a", "no_practice a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range programme.Flags(tt.sessions, tt.screenings, tt.since, now) {
				got = append(got, string(f.Kind)+" "+f.Ref)
				if f.Why == "" {
					t.Errorf("flag %s %s has no Why", f.Kind, f.Ref)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Flags = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUnacknowledged(t *testing.T) {
	flags := []programme.Flag{{Kind: backcare.FlagStoppedForPain, Ref: "a"}, {Kind: backcare.FlagNoPractice, Ref: "a"}, {Kind: backcare.FlagRedFlag, Ref: "s"}}
	acks := []*backcare.FlagAck{{Kind: backcare.FlagStoppedForPain, Ref: "a"}, {Kind: backcare.FlagNoPractice, Ref: "older"}}
	got := programme.Unacknowledged(flags, acks)
	if len(got) != 2 || got[0].Kind != backcare.FlagNoPractice || got[1].Kind != backcare.FlagRedFlag {
		t.Errorf("Unacknowledged = %+v, want no practice and red flag", got)
	}
}

func TestWeekAdherence(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	// Thursday 12 March 2026, 18:00 UTC: already Friday in Tokyo.
	now := time.Date(2026, 3, 12, 18, 0, 0, 0, time.UTC)
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		name     string
		sessions []backcare.SessionSummary
		now      time.Time
		want     int
	}{
		{"none", nil, now, 0},
		{"two on one day count once", []backcare.SessionSummary{summary("a", at(10, 8), backcare.Completed, 2, 2), summary("b", at(10, 20), backcare.Completed, 2, 2)}, now, 1},
		{"a stop for pain counts", []backcare.SessionSummary{summary("a", at(11, 8), backcare.StoppedForPain, 2, -1)}, now, 1},
		{"an abandoned one does not", []backcare.SessionSummary{summary("a", at(11, 8), backcare.Abandoned, 2, -1)}, now, 0},
		{"last Sunday is last week", []backcare.SessionSummary{summary("a", at(8, 20), backcare.Completed, 2, 2), summary("b", at(10, 12), backcare.Completed, 2, 2)}, now, 1},
		// Sunday 8 March 20:00 UTC is Monday 9 March 05:00 in Tokyo.
		{"in the patient's zone", []backcare.SessionSummary{summary("a", at(8, 20), backcare.Completed, 2, 2), summary("b", at(10, 12), backcare.Completed, 2, 2)}, now.In(tokyo), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := programme.WeekAdherence(tt.sessions, 5, tt.now)
			if got.Days != tt.want || got.Plan != 5 {
				t.Errorf("WeekAdherence = %+v, want %d of 5", got, tt.want)
			}
		})
	}
}
