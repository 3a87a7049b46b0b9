package player_test

import (
	"testing"
	"testing/synctest"
	"time"

	"backcare"
	"backcare/player"
)

// twoPoses is prepare 10s, hold 30s (a), prepare 10s, hold 30s (b).
func twoPoses(t *testing.T) *player.Timeline {
	t.Helper()
	r := routine(10*time.Second, 10*time.Second, 0, pose("a", false, hold(30*time.Second)), pose("b", false, hold(30*time.Second)))
	tl, err := player.Compile(r, player.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

func held(p *player.Player) map[int]time.Duration {
	out := map[int]time.Duration{}
	for _, r := range p.Results() {
		out[r.Index] = r.Held
	}
	return out
}

func TestPlayToTheEnd(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := twoPoses(t)
		p := player.New(tl, time.Now)
		start := time.Now()
		events := p.Start()
		cues := 0
		for _, e := range events {
			if e.Kind == player.CueEvent {
				cues++
			}
		}
		// Sleep until each event exactly, as a front end does.
		for p.State() == player.Playing {
			next, ok := p.Next()
			if !ok {
				t.Fatal("Next() = false while playing")
			}
			time.Sleep(time.Until(next))
			for _, e := range p.Update() {
				switch e.Kind {
				case player.CueEvent:
					cues++
					want := start.Add(tl.Segments[e.Segment].Start + e.Cue.At)
					if !e.At.Equal(want) || !time.Now().Equal(want) {
						t.Errorf("cue %q fired at %v (now %v), want %v", e.Cue.Text, e.At.Sub(start), time.Since(start), want.Sub(start))
					}
				case player.SegmentEvent:
					if got, want := e.At.Sub(start), tl.Segments[e.Segment].Start; got != want {
						t.Errorf("segment %d began at %v, want %v", e.Segment, got, want)
					}
				}
			}
		}
		if p.Reason() != player.Finished {
			t.Errorf("Reason = %q, want finished", p.Reason())
		}
		if got := time.Since(start); got != tl.Total {
			t.Errorf("played for %v, want %v", got, tl.Total)
		}
		total := 0
		for _, s := range tl.Segments {
			total += len(s.Cues)
		}
		if cues != total {
			t.Errorf("fired %d cues, want every one of %d", cues, total)
		}
		for i, r := range p.Results() {
			if r.Held != tl.Segments[i].Duration || r.Skipped {
				t.Errorf("segment %d: Held = %v, Skipped = %v; want %v, false", i, r.Held, r.Skipped, tl.Segments[i].Duration)
			}
		}
		if got := p.Held(); got != time.Minute {
			t.Errorf("Held() = %v, want 1m (two 30 s holds)", got)
		}
		if got := player.Finished.Status(); got != backcare.Completed {
			t.Errorf("Finished.Status() = %q", got)
		}
	})
}

func TestPauseIsNotCounted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := player.New(twoPoses(t), time.Now)
		p.Start()
		time.Sleep(15 * time.Second) // 5 s into the first hold
		p.Pause()
		time.Sleep(time.Hour)
		if ev := p.Update(); len(ev) != 0 {
			t.Errorf("Update() while paused = %v, want nothing", ev)
		}
		if got := p.Elapsed(); got != 5*time.Second {
			t.Errorf("Elapsed() after a pause = %v, want 5s", got)
		}
		p.Resume()
		time.Sleep(25 * time.Second) // the hold's last 25 s
		p.Update()
		if got := p.Segment(); got != 2 {
			t.Fatalf("Segment() = %d, want 2 (the hold is over)", got)
		}
		if got := held(p)[1]; got != 30*time.Second {
			t.Errorf("held in the first hold = %v, want 30s (the hour paused not counted)", got)
		}
	})
}

func TestSkipRecordsThePartialHold(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := player.New(twoPoses(t), time.Now)
		p.Start()
		time.Sleep(22 * time.Second) // 12 s into the first hold
		p.Skip()
		if got := p.Segment(); got != 2 {
			t.Fatalf("Segment() after skip = %d, want 2", got)
		}
		r := p.Results()[1]
		if r.Held != 12*time.Second || !r.Skipped {
			t.Errorf("first hold: Held = %v, Skipped = %v; want 12s, true", r.Held, r.Skipped)
		}
		// The next segment starts from its beginning, now.
		if got := p.Elapsed(); got != 0 {
			t.Errorf("Elapsed() after skip = %v, want 0", got)
		}
		// Skipping the last segment finishes the session.
		p.Skip()
		events := p.Skip()
		if p.State() != player.Stopped || p.Reason() != player.Finished {
			t.Errorf("after skipping the last segment: State = %q, Reason = %q", p.State(), p.Reason())
		}
		if len(events) == 0 || events[len(events)-1].Kind != player.FinishedEvent {
			t.Errorf("last events = %v, want a FinishedEvent", events)
		}
	})
}

func TestBackReplaysASegment(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := twoPoses(t)
		p := player.New(tl, time.Now)
		p.Start()
		time.Sleep(30 * time.Second) // 20 s into the first hold
		p.Update()
		events := p.Back()
		if got := p.Segment(); got != 1 {
			t.Fatalf("Segment() after back = %d, want 1 (restart the hold)", got)
		}
		// Restarting replays the segment's opening cue.
		if len(events) < 2 || events[1].Kind != player.CueEvent || events[1].Cue.At != 0 {
			t.Errorf("events after back = %+v, want the segment and its first cue", events)
		}
		time.Sleep(30 * time.Second) // the whole hold again
		p.Update()
		if got := held(p)[1]; got != 50*time.Second {
			t.Errorf("held in the first hold = %v, want 50s (20 s, then all 30 s again)", got)
		}
		// Back within the first seconds goes to the previous segment.
		time.Sleep(time.Second)
		p.Back()
		if got := p.Segment(); got != 1 {
			t.Errorf("Segment() after an early back = %d, want 1", got)
		}
		if r := p.Results()[1]; r.Skipped {
			t.Errorf("a replayed, completed hold is marked skipped")
		}
	})
}

func TestStopForPain(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := player.New(twoPoses(t), time.Now)
		start := time.Now()
		p.Start()
		time.Sleep(18 * time.Second)
		p.Stop(player.StoppedForPain)
		if p.State() != player.Stopped || p.Reason() != player.StoppedForPain {
			t.Errorf("State = %q, Reason = %q", p.State(), p.Reason())
		}
		if got := p.EndedAt().Sub(start); got != 18*time.Second {
			t.Errorf("EndedAt = +%v, want +18s", got)
		}
		results := p.Results()
		if len(results) != 2 {
			t.Fatalf("len(Results()) = %d, want 2 (only segments reached)", len(results))
		}
		if r := results[1]; r.Held != 8*time.Second || !r.Skipped {
			t.Errorf("hold: Held = %v, Skipped = %v; want 8s, true", r.Held, r.Skipped)
		}
		if got := player.StoppedForPain.Status(); got != backcare.StoppedForPain {
			t.Errorf("Status() = %q", got)
		}
		// Nothing happens after a stop.
		time.Sleep(time.Minute)
		if ev := p.Update(); ev != nil {
			t.Errorf("Update() after stop = %v", ev)
		}
		if ev := p.Skip(); ev != nil || p.Segment() != 1 {
			t.Errorf("Skip() after stop moved playback")
		}
	})
}

func TestLateUpdateCatchesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := twoPoses(t)
		p := player.New(tl, time.Now)
		start := time.Now()
		p.Start()
		time.Sleep(65 * time.Second) // a sleeping laptop: far past several deadlines
		events := p.Update()
		if got := p.Segment(); got != 3 {
			t.Fatalf("Segment() = %d, want 3", got)
		}
		if got := p.Elapsed(); got != 15*time.Second {
			t.Errorf("Elapsed() = %v, want 15s (segment 3 began at 50 s)", got)
		}
		var last time.Time
		for _, e := range events {
			if e.At.Before(last) {
				t.Errorf("events out of order")
			}
			last = e.At
			if e.At.After(start.Add(65 * time.Second)) {
				t.Errorf("event stamped in the future: %+v", e)
			}
		}
	})
}

func TestPausedSkipAndResume(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := player.New(twoPoses(t), time.Now)
		p.Start()
		time.Sleep(12 * time.Second)
		p.Pause()
		p.Skip() // skipping while paused stays paused
		if p.State() != player.Paused || p.Segment() != 2 {
			t.Fatalf("State = %q, Segment = %d; want paused at 2", p.State(), p.Segment())
		}
		time.Sleep(time.Minute)
		if got := p.Elapsed(); got != 0 {
			t.Errorf("Elapsed() while paused = %v, want 0", got)
		}
		p.Resume()
		time.Sleep(time.Second)
		ev := p.Update()
		if len(ev) == 0 || ev[0].Kind != player.CueEvent || ev[0].Cue.Tone != player.GetReady {
			t.Errorf("first events after resume = %+v, want the segment's get-ready cue", ev)
		}
		if got := p.Elapsed(); got != time.Second {
			t.Errorf("Elapsed() = %v, want 1s", got)
		}
	})
}
