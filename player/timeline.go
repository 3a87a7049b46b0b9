package player

import (
	"encoding/json"
	"time"

	"backcare"
)

// SchemaVersion is the version of the timeline's JSON form.
const SchemaVersion = 1

// Kind is the kind of a segment.
type Kind string

// The kinds of segment.
const (
	Prepare Kind = "prepare" // getting into position
	Hold    Kind = "hold"    // a timed hold
	Switch  Kind = "switch"  // changing sides
	Rest    Kind = "rest"    // resting between sets or poses
	Reps    Kind = "reps"    // one set of repetitions
)

// Tone is what a cue sounds like when it is not spoken (and how a player
// may colour it).
type Tone string

// The tones of cues.
const (
	GetReady  Tone = "get-ready"
	Start     Tone = "start"
	Half      Tone = "half"
	Countdown Tone = "countdown"
	End       Tone = "end"
)

// Timeline is a routine compiled into segments with cues. Offsets are exact;
// Total is the sum of the segments' durations.
type Timeline struct {
	Version  int
	Routine  RoutineInfo
	Total    time.Duration
	Poses    []PoseInfo // each pose once, in order of first appearance
	Segments []Segment
}

// RoutineInfo names the routine a timeline was compiled from.
type RoutineInfo struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Purpose string `json:"purpose"`
}

// PoseInfo is what a player shows about a pose.
type PoseInfo struct {
	ID        string        `json:"id"`
	Name      string        `json:"name"`
	Kind      backcare.Kind `json:"kind"`
	Sided     bool          `json:"sided"`
	Dose      string        `json:"dose"`      // in words, e.g. "hold 1 minute"
	Intensity int           `json:"intensity"` // target, 0-10
	Steps     []string      `json:"steps"`
	Feel      string        `json:"feel"`
	StopSigns []string      `json:"stop_signs"`
}

// Segment is one stretch of time in which one thing happens.
type Segment struct {
	Index    int
	Kind     Kind
	Pose     string        // pose id; empty for a rest between poses
	Side     backcare.Side // for sided poses
	Set      int           // 1-based set number for reps and the rests between them
	Sets     int           // number of sets of the pose
	Reps     int           // repetitions in this set
	Start    time.Duration // from the start of the timeline
	Duration time.Duration
	Title    string // what the screen says, e.g. "Standing Psoas Lunge, left side"
	Step     string // the instruction to show now
	Cues     []Cue  // ordered by At
}

// End is when the segment ends, from the start of the timeline.
func (s Segment) End() time.Duration { return s.Start + s.Duration }

// Cue is something to say (or sound) at a moment in a segment.
type Cue struct {
	At   time.Duration // from the start of its segment; may equal the segment's Duration
	Text string
	Tone Tone
}

// Pose returns the PoseInfo with the given id.
func (t *Timeline) Pose(id string) (PoseInfo, bool) {
	for _, p := range t.Poses {
		if p.ID == id {
			return p, true
		}
	}
	return PoseInfo{}, false
}

// Holds counts the timed holds and sets of reps in the timeline.
func (t *Timeline) Holds() int {
	n := 0
	for _, s := range t.Segments {
		if s.Kind == Hold || s.Kind == Reps {
			n++
		}
	}
	return n
}

// JSON forms: durations are whole milliseconds, so that players in any
// language can use them without parsing.

type timelineJSON struct {
	Version  int           `json:"version"`
	Routine  RoutineInfo   `json:"routine"`
	TotalMS  int64         `json:"total_ms"`
	Poses    []PoseInfo    `json:"poses"`
	Segments []segmentJSON `json:"segments"`
}

type segmentJSON struct {
	Index      int           `json:"index"`
	Kind       Kind          `json:"kind"`
	Pose       string        `json:"pose,omitempty"`
	Side       backcare.Side `json:"side,omitempty"`
	Set        int           `json:"set,omitempty"`
	Sets       int           `json:"sets,omitempty"`
	Reps       int           `json:"reps,omitempty"`
	StartMS    int64         `json:"start_ms"`
	DurationMS int64         `json:"duration_ms"`
	Title      string        `json:"title"`
	Step       string        `json:"step"`
	Cues       []cueJSON     `json:"cues"`
}

type cueJSON struct {
	AtMS int64  `json:"at_ms"`
	Text string `json:"text"`
	Tone Tone   `json:"tone"`
}

func ms(d time.Duration) int64 { return d.Milliseconds() }

// MarshalJSON writes the documented JSON form.
func (t *Timeline) MarshalJSON() ([]byte, error) {
	out := timelineJSON{
		Version:  t.Version,
		Routine:  t.Routine,
		TotalMS:  ms(t.Total),
		Poses:    t.Poses,
		Segments: make([]segmentJSON, len(t.Segments)),
	}
	for i, s := range t.Segments {
		cues := make([]cueJSON, len(s.Cues))
		for j, c := range s.Cues {
			cues[j] = cueJSON{AtMS: ms(c.At), Text: c.Text, Tone: c.Tone}
		}
		out.Segments[i] = segmentJSON{
			Index: s.Index, Kind: s.Kind, Pose: s.Pose, Side: s.Side,
			Set: s.Set, Sets: s.Sets, Reps: s.Reps,
			StartMS: ms(s.Start), DurationMS: ms(s.Duration),
			Title: s.Title, Step: s.Step, Cues: cues,
		}
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads the documented JSON form.
func (t *Timeline) UnmarshalJSON(data []byte) error {
	var in timelineJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*t = Timeline{
		Version:  in.Version,
		Routine:  in.Routine,
		Total:    time.Duration(in.TotalMS) * time.Millisecond,
		Poses:    in.Poses,
		Segments: make([]Segment, len(in.Segments)),
	}
	for i, s := range in.Segments {
		cues := make([]Cue, len(s.Cues))
		for j, c := range s.Cues {
			cues[j] = Cue{At: time.Duration(c.AtMS) * time.Millisecond, Text: c.Text, Tone: c.Tone}
		}
		t.Segments[i] = Segment{
			Index: s.Index, Kind: s.Kind, Pose: s.Pose, Side: s.Side,
			Set: s.Set, Sets: s.Sets, Reps: s.Reps,
			Start:    time.Duration(s.StartMS) * time.Millisecond,
			Duration: time.Duration(s.DurationMS) * time.Millisecond,
			Title:    s.Title, Step: s.Step, Cues: cues,
		}
	}
	return nil
}
