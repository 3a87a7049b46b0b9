package player

import (
	"time"

	"backcare"
)

// State is where playback is.
type State string

// The states of a Player.
const (
	Ready   State = "ready"   // compiled, not started
	Playing State = "playing" //
	Paused  State = "paused"  //
	Stopped State = "stopped" // finished, stopped for pain, or quit
)

// Reason says why playback stopped.
type Reason string

// The reasons playback stops.
const (
	Finished       Reason = "finished"
	StoppedForPain Reason = "stopped_for_pain"
	Quit           Reason = "quit"
)

// Status maps a stop reason to the status of the session in the journal.
func (r Reason) Status() backcare.Status {
	switch r {
	case Finished:
		return backcare.Completed
	case StoppedForPain:
		return backcare.StoppedForPain
	case Quit:
		return backcare.Abandoned
	}
	return backcare.InProgress
}

// Event is something that happened during playback, reported by Update.
type Event struct {
	Kind    EventKind
	Segment int // the segment it happened in
	Cue     Cue // for CueEvent
	At      time.Time
}

// EventKind is the kind of an Event.
type EventKind int

// The kinds of event.
const (
	CueEvent      EventKind = iota // a cue is due: say or sound it
	SegmentEvent                   // a new segment began
	FinishedEvent                  // the last segment ended
)

// BackRestart is how far into a segment "back" restarts it rather than
// going to the one before (as a music player does).
const BackRestart = 3 * time.Second

// Player plays a timeline on a clock. It is not safe for concurrent use;
// the front end that owns it calls its methods from one goroutine.
//
// Time is measured from absolute deadlines on the clock, never by counting
// ticks, so a late call to Update catches up exactly: every cue and segment
// change that fell due is reported, stamped with when it was due.
type Player struct {
	tl  *Timeline
	now func() time.Time

	state  State
	reason Reason
	seg    int

	// In the current segment: time played before the last resume, and when
	// playing resumed. Position = elapsed + (now - resumed) while playing.
	elapsed time.Duration
	resumed time.Time
	nextCue int // index in the segment's cues of the next cue to fire

	results []backcare.SegmentResult // one per segment reached, by index
	reached []bool
	startAt time.Time
	endAt   time.Time
}

// New returns a Player for tl that reads the time from now.
func New(tl *Timeline, now func() time.Time) *Player {
	p := &Player{tl: tl, now: now, state: Ready, reached: make([]bool, len(tl.Segments)), results: make([]backcare.SegmentResult, len(tl.Segments))}
	for i, s := range tl.Segments {
		p.results[i] = backcare.SegmentResult{Index: i, Kind: string(s.Kind), PoseID: s.Pose, Side: s.Side, Planned: s.Duration}
	}
	return p
}

// Timeline returns the timeline being played.
func (p *Player) Timeline() *Timeline { return p.tl }

// State returns the playback state.
func (p *Player) State() State { return p.state }

// Reason returns why playback stopped ("" until it has).
func (p *Player) Reason() Reason { return p.reason }

// Segment returns the index of the current segment.
func (p *Player) Segment() int { return p.seg }

// StartedAt returns when Start was called.
func (p *Player) StartedAt() time.Time { return p.startAt }

// EndedAt returns when playback stopped (zero until it has).
func (p *Player) EndedAt() time.Time { return p.endAt }

// Elapsed returns how far into the current segment playback is.
func (p *Player) Elapsed() time.Duration {
	if p.state == Playing {
		return min(p.elapsed+p.now().Sub(p.resumed), p.current().Duration)
	}
	return p.elapsed
}

// Remaining returns the time left in the current segment.
func (p *Player) Remaining() time.Duration { return p.current().Duration - p.Elapsed() }

// Progress returns the position in the whole timeline.
func (p *Player) Progress() time.Duration {
	if p.state == Stopped && p.reason == Finished {
		return p.tl.Total
	}
	return p.current().Start + p.Elapsed()
}

func (p *Player) current() Segment { return p.tl.Segments[p.seg] }

// Start begins playback at the first segment and returns its first events.
func (p *Player) Start() []Event {
	if p.state != Ready || len(p.tl.Segments) == 0 {
		return nil
	}
	p.startAt = p.now()
	p.state = Playing
	p.resumed = p.startAt
	return p.enter(0, p.startAt)
}

// Pause stops the clock; paused time is not counted as held.
func (p *Player) Pause() {
	if p.state != Playing {
		return
	}
	p.Update() // account for what fell due before the pause
	if p.state != Playing {
		return
	}
	p.elapsed += p.now().Sub(p.resumed)
	p.state = Paused
}

// Resume restarts the clock after Pause.
func (p *Player) Resume() {
	if p.state != Paused {
		return
	}
	p.resumed = p.now()
	p.state = Playing
}

// Toggle pauses or resumes.
func (p *Player) Toggle() {
	switch p.state {
	case Playing:
		p.Pause()
	case Paused:
		p.Resume()
	}
}

// Skip leaves the current segment now, recording it as skipped with the
// time held so far, and enters the next (or finishes after the last).
func (p *Player) Skip() []Event {
	if p.state != Playing && p.state != Paused {
		return nil
	}
	events := p.Update()
	if p.state == Stopped {
		return events
	}
	p.leave(true)
	if p.seg+1 >= len(p.tl.Segments) {
		return append(events, p.stop(Finished, p.now())...)
	}
	return append(events, p.enter(p.seg+1, p.now())...)
}

// Back restarts the current segment, or goes to the previous one when the
// current one has only just begun. Time already held is kept.
func (p *Player) Back() []Event {
	if p.state != Playing && p.state != Paused {
		return nil
	}
	events := p.Update()
	if p.state == Stopped {
		return events
	}
	target := p.seg
	if p.Elapsed() < BackRestart && p.seg > 0 {
		target = p.seg - 1
	}
	p.leave(false)
	return append(events, p.enter(target, p.now())...)
}

// Stop ends playback for the given reason and records the partial segment.
func (p *Player) Stop(r Reason) []Event {
	if p.state != Playing && p.state != Paused {
		return nil
	}
	events := p.Update()
	if p.state == Stopped {
		return events
	}
	p.leave(r != Finished)
	return append(events, p.stop(r, p.now())...)
}

// Update moves playback to the present: it fires every cue that is due and
// enters every segment whose start has passed, and reports them in order.
func (p *Player) Update() []Event {
	if p.state != Playing {
		return nil
	}
	var events []Event
	now := p.now()
	for p.state == Playing {
		seg := p.current()
		segStart := p.resumed.Add(-p.elapsed) // when this segment began, pauses removed
		// Cues that are due, including one at the very end of the segment.
		for p.nextCue < len(seg.Cues) {
			cue := seg.Cues[p.nextCue]
			due := segStart.Add(cue.At)
			if due.After(now) {
				break
			}
			events = append(events, Event{Kind: CueEvent, Segment: p.seg, Cue: cue, At: due})
			p.nextCue++
		}
		end := segStart.Add(seg.Duration)
		if end.After(now) {
			break
		}
		// The segment is over: it ended at its deadline, not at now, so the
		// next one starts exactly on time however late Update was called.
		p.elapsed = seg.Duration
		p.leave(false)
		if p.seg+1 >= len(p.tl.Segments) {
			events = append(events, p.stop(Finished, end)...)
			break
		}
		p.resumed = end
		events = append(events, p.enter(p.seg+1, end)...)
	}
	return events
}

// Next returns when the next cue or segment change falls due, so a front end
// can sleep exactly until then. ok is false when nothing is pending (paused
// or stopped).
func (p *Player) Next() (t time.Time, ok bool) {
	if p.state != Playing {
		return time.Time{}, false
	}
	seg := p.current()
	segStart := p.resumed.Add(-p.elapsed)
	if p.nextCue < len(seg.Cues) {
		return segStart.Add(seg.Cues[p.nextCue].At), true
	}
	return segStart.Add(seg.Duration), true
}

// enter starts segment i at time at.
func (p *Player) enter(i int, at time.Time) []Event {
	p.seg = i
	p.elapsed = 0
	p.resumed = at
	if p.state == Paused {
		p.resumed = time.Time{}
	}
	p.nextCue = 0
	p.reached[i] = true
	events := []Event{{Kind: SegmentEvent, Segment: i, At: at}}
	if p.state == Playing {
		// Cues at offset zero fire on entry.
		seg := p.current()
		for p.nextCue < len(seg.Cues) && seg.Cues[p.nextCue].At == 0 {
			events = append(events, Event{Kind: CueEvent, Segment: i, Cue: seg.Cues[p.nextCue], At: at})
			p.nextCue++
		}
	}
	return events
}

// leave records the time held in the current segment.
func (p *Player) leave(skipped bool) {
	held := p.Elapsed()
	r := &p.results[p.seg]
	r.Held += held
	if skipped && held < p.current().Duration {
		r.Skipped = true
	} else if held >= p.current().Duration {
		r.Skipped = false // completed on a replay after an earlier skip
	}
	p.elapsed = 0
	if p.state == Playing {
		p.resumed = p.now()
	}
}

func (p *Player) stop(r Reason, at time.Time) []Event {
	p.state = Stopped
	p.reason = r
	p.endAt = at
	if r == Finished {
		return []Event{{Kind: FinishedEvent, Segment: p.seg, At: at}}
	}
	return nil
}

// Results returns what happened in every segment reached, in timeline order.
func (p *Player) Results() []backcare.SegmentResult {
	var out []backcare.SegmentResult
	for i, r := range p.results {
		if p.reached[i] {
			out = append(out, r)
		}
	}
	return out
}

// Held returns the total time spent in holds and reps so far.
func (p *Player) Held() time.Duration {
	var d time.Duration
	for i, r := range p.results {
		if p.reached[i] && (r.Kind == string(Hold) || r.Kind == string(Reps)) {
			d += r.Held
		}
	}
	if p.state == Playing || p.state == Paused {
		if k := p.current().Kind; k == Hold || k == Reps {
			d += p.Elapsed()
		}
	}
	return d
}
