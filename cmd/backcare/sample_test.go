package main

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/player"
	"backcare/safety"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// samplePath is the sample journal that tests, screenshots and demos use.
var samplePath = filepath.Join("..", "..", "testdata", "sample-journal.json")

// sampleJournal makes eight weeks of one person's journal with the article's
// routine, played on the real timeline: most evenings a session, a weekly
// PEG check-in on Sundays, a first screening, a flare in week four (pain up
// by 2 after one session, a stop for pain two days later, a flare
// screening) and a steady recovery after it. It is deterministic.
func sampleJournal(t *testing.T) *backcare.Archive {
	t.Helper()
	cat := catalog.Builtin()
	r, err := cat.Routine("lower-back-relief")
	if err != nil {
		t.Fatal(err)
	}
	tl, err := player.Compile(r, player.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2026, 1))
	id := func() string { return fmt.Sprintf("%016x%016x", rng.Uint64(), rng.Uint64()) }
	user := backcare.LocalUser
	day0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) // a Monday
	at := func(d, h, m int) time.Time {
		return day0.AddDate(0, 0, d).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	n := func(v int) *int { return &v }
	a := &backcare.Archive{UserID: user}

	// Before the first session: the red-flag questions, all answered no.
	screen := func(when time.Time, reason string) {
		ans := map[string]bool{}
		for _, q := range safety.Questions() {
			ans[q.ID] = false
		}
		a.Screenings = append(a.Screenings, &backcare.Screening{ID: id(), UserID: user, At: when, Reason: reason, Answers: ans, Verdict: backcare.GoAhead})
	}
	screen(at(0, 18, 12), backcare.ScreenFirst)
	a.PhaseChanges = append(a.PhaseChanges, &backcare.PhaseChange{ID: id(), UserID: user, At: at(0, 18, 14), From: 0, To: 1,
		Reason: "Starting with three gentle stretches for a sore lower back."})

	// session plays the timeline up to segment stop (all if -1), leaving
	// the last reached segment after cut of it when cut > 0.
	session := func(start time.Time, status backcare.Status, stop int, cut time.Duration, before, after, intensity *int, note string) {
		s := &backcare.Session{ID: id(), UserID: user, RoutineID: r.ID, RoutineName: r.Name, StartedAt: start,
			Status: status, PainBefore: before, PainAfter: after, Intensity: intensity, Note: note}
		elapsed := time.Duration(0)
		for i, seg := range tl.Segments {
			if stop >= 0 && i > stop {
				break
			}
			res := backcare.SegmentResult{Index: seg.Index, Kind: string(seg.Kind), PoseID: seg.Pose, Side: seg.Side,
				Planned: seg.Duration, Held: seg.Duration}
			if i == stop && cut > 0 {
				res.Held, res.Skipped = cut, true
			} else if seg.Kind == player.Hold && status == backcare.Completed && rng.IntN(12) == 0 {
				// Now and then a hold is let go a little early.
				res.Held, res.Skipped = seg.Duration-time.Duration(5+rng.IntN(15))*time.Second, true
			}
			elapsed += res.Held
			s.Segments = append(s.Segments, res)
		}
		// Pauses are not counted in held time; the clock ran on.
		s.EndedAt = start.Add(elapsed + time.Duration(rng.IntN(40))*time.Second)
		a.Sessions = append(a.Sessions, s)
	}

	pegs := [8][3]int{{6, 5, 6}, {5, 5, 5}, {5, 4, 4}, {6, 6, 6}, {5, 4, 5}, {4, 3, 3}, {3, 2, 3}, {2, 2, 2}}
	for d := range 56 {
		week, weekday := d/7, d%7
		hour, minute := 18, rng.IntN(50)
		if weekday >= 5 {
			hour = 9 // weekend mornings
		}
		start := at(d, hour, minute)
		switch {
		case d == 23:
			session(start, backcare.Completed, -1, 0, n(4), n(6), n(5),
				"Moved a sofa yesterday. The lunge made the ache worse tonight.")
		case d == 25:
			session(start, backcare.StoppedForPain, 5, 22*time.Second, n(6), n(7), n(3),
				"Sharp pain low on the right in the zombie crawl, so I stopped.")
			screen(start.Add(9*time.Minute), backcare.ScreenFlare)
		case d == 24 || d == 26 || d == 27:
			// Resting the flare.
		case d == 10:
			session(start, backcare.Abandoned, 4, 6*time.Second, n(5), nil, n(5), "The phone rang; finished for today.")
		case weekday == 2 && d < 21, weekday == 6 && week != 3 && rng.IntN(2) == 0:
			// A day off now and then.
		default:
			var before int
			switch {
			case d < 23: // easing off over the first three weeks
				before = 6 - d/8
			default: // coming back from the flare
				before = max(2, 6-(d-28)/5)
			}
			after := before - 1
			if rng.IntN(4) == 0 {
				after = max(0, before-2)
			}
			if d >= 28 && d < 31 {
				after = before // careful first days back
			}
			intensity := 4 + rng.IntN(3)
			if d >= 28 && d < 35 {
				intensity = 3 + rng.IntN(2)
			}
			note := ""
			switch d {
			case 0:
				note = "First time. The hip hinge felt lovely."
			case 28:
				note = "Back at it, gently. Stretches at about 3 out of 10."
			case 41:
				note = "Sat at a desk all day and it still eased off afterwards."
			case 55:
				note = "Hardly any ache this week."
			}
			session(start, backcare.Completed, -1, 0, n(before), n(after), n(intensity), note)
		}
		if weekday == 6 {
			p := pegs[week]
			a.PEGs = append(a.PEGs, &backcare.PEG{ID: id(), UserID: user, At: at(d, 20, 0), Pain: p[0], Enjoyment: p[1], Activity: p[2]})
		}
		if d == 53 {
			screen(at(d, 9, 2), backcare.ScreenPeriodic)
		}
	}
	a.Normalize()
	a.Sort()
	if err := a.Validate(); err != nil {
		t.Fatalf("the sample journal breaks a rule: %v", err)
	}
	return a
}

// TestSampleJournal keeps testdata/sample-journal.json what sampleJournal
// makes (go test ./cmd/backcare -run TestSampleJournal -update rewrites
// it) and checks it tells the story the tests and demos rely on.
func TestSampleJournal(t *testing.T) {
	want, err := sampleJournal(t).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(samplePath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not what sampleJournal makes: run go test ./cmd/backcare -run TestSampleJournal -update", samplePath)
	}
	a, err := backcare.ParseArchive(got)
	if err != nil {
		t.Fatalf("ParseArchive: %v", err)
	}
	first, last := a.Sessions[0].StartedAt, a.Sessions[len(a.Sessions)-1].StartedAt
	if span := last.Sub(first); span < 7*7*24*time.Hour || span > 8*7*24*time.Hour {
		t.Errorf("sessions span %v, want eight weeks", span)
	}
	if len(a.PEGs) != 8 {
		t.Errorf("%d PEG entries, want one a week for eight weeks", len(a.PEGs))
	}
	reasons := map[string]bool{}
	for _, s := range a.Screenings {
		if err := safety.CheckScreening(s); err != nil {
			t.Errorf("screening %s does not match the safety questions: %v", s.ID, err)
		}
		reasons[s.Reason] = true
	}
	if !reasons[backcare.ScreenFirst] || !reasons[backcare.ScreenFlare] {
		t.Errorf("screening reasons = %v, want a first one and one after the flare", reasons)
	}
	var rise, stopped int
	var flareAt time.Time
	for _, s := range a.Sessions {
		if s.PainBefore != nil && s.PainAfter != nil && *s.PainAfter-*s.PainBefore >= 2 {
			rise++
			if flareAt.IsZero() {
				flareAt = s.StartedAt
			}
		}
		if s.Status == backcare.StoppedForPain {
			stopped++
		}
	}
	if rise == 0 || stopped == 0 {
		t.Errorf("%d sessions with pain up by 2 or more and %d stopped for pain, want a flare with both", rise, stopped)
	}
	mean := func(from, to time.Time) float64 {
		sum, k := 0, 0
		for _, s := range a.Sessions {
			if !s.StartedAt.Before(from) && s.StartedAt.Before(to) && s.PainAfter != nil {
				sum += *s.PainAfter
				k++
			}
		}
		return float64(sum) / float64(max(k, 1))
	}
	flare := mean(flareAt, flareAt.Add(4*24*time.Hour))
	lastWeek := mean(last.Add(-7*24*time.Hour), last.Add(time.Hour))
	if lastWeek >= flare-2 {
		t.Errorf("mean pain after sessions: %.1f in the flare, %.1f in the last week; want a clear recovery", flare, lastWeek)
	}
}
