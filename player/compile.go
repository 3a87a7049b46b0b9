package player

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"backcare"
)

// Options are the person's settings that change a compiled timeline.
type Options struct {
	// Hold replaces the length of every timed hold when it is above zero
	// (the "hold length" setting: 30, 45, 60, 90 seconds or any value).
	Hold time.Duration
	// Prepare replaces the routine's time to get ready before each pose,
	// and to switch sides, when it is above zero.
	Prepare time.Duration
}

// RepLift is how long a held rep's lift (or press, or reach) takes before
// its hold begins: the hold's "relax" comes RepLift and the hold after the
// rep's count.
const RepLift = 1500 * time.Millisecond

// Limits on the options, checked because they come from people.
const (
	MaxHold    = 10 * time.Minute
	MaxPrepare = 5 * time.Minute
	countIn    = 3 // spoken "3, 2, 1" before a hold ends and before it starts
)

// Cue priorities. Each form of a cue has its own: the short form that
// names the pose outranks a countdown, but the long form that adds the first
// step does not. Forms are placed most important first and never displace
// one already placed; a cue keeps the longest form that fits.
const (
	prioHalf     = 1 // "halfway"
	prioDetail   = 2 // the long form of "hold for 1 minute ..."
	prioRelax    = 2 // "relax" inside a rep
	prioSteps    = 3 // the first step added to "next: ...", or the side set-up
	prioRest     = 4 // "rest"
	prioFixed    = 5 // countdowns, rep counts, "hold.", "release": their moment is their meaning
	prioPoseName = 6 // "next: Zombie Crawl", "switch sides"
	prioRelease  = 7 // "release", "done": the end of effort, said on the dot
)

// form is one wording of a cue and how much it matters.
type form struct {
	text string
	prio int
}

// candidate is a cue before overlaps are resolved.
type candidate struct {
	seg    int           // owning segment
	at     time.Duration // preferred time, from the start of the timeline
	latest time.Duration // latest acceptable start, from the start of the timeline
	forms  []form        // longest first
	tone   Tone
}

// compiler builds one timeline.
type compiler struct {
	tl    *Timeline
	cands []candidate
	now   time.Duration // end of the last segment added
}

// Compile turns a routine into a timeline. The routine must come from the
// catalog (which resolves and checks it); the options come from the person
// and are checked here.
func Compile(r backcare.Routine, o Options) (*Timeline, error) {
	if len(r.Entries) == 0 {
		return nil, backcare.Errorf(backcare.EINVALID, "the routine %q has no poses", r.ID).
			WithHint("add at least one pose under poses:")
	}
	if o.Hold < 0 || o.Hold > MaxHold || (o.Hold > 0 && o.Hold < time.Second) {
		return nil, backcare.Errorf(backcare.EINVALID, "a hold of %s is not possible", o.Hold).
			WithHint("choose a hold from 1s to %s, such as 30s, 45s, 60s or 90s", MaxHold)
	}
	if o.Prepare < 0 || o.Prepare > MaxPrepare {
		return nil, backcare.Errorf(backcare.EINVALID, "a prepare time of %s is not possible", o.Prepare).
			WithHint("choose from 0s to %s; the default is 15s", MaxPrepare)
	}
	prepare, switchTime := r.Prepare, r.Switch
	if o.Prepare > 0 {
		// The time to get ready is also the time to change sides: someone
		// who needs 2 s to get into a pose needs no 15 s to switch.
		prepare = o.Prepare
		if switchTime > 0 {
			switchTime = o.Prepare
		}
	}
	c := &compiler{tl: &Timeline{
		Version: SchemaVersion,
		Routine: RoutineInfo{ID: r.ID, Name: r.Name, Purpose: r.Purpose},
	}}
	seen := map[string]bool{}
	for i, e := range r.Entries {
		dose := e.Dose
		if o.Hold > 0 && dose.Timed() {
			dose.Hold = o.Hold
		}
		if !seen[e.Pose.ID] {
			seen[e.Pose.ID] = true
			c.tl.Poses = append(c.tl.Poses, poseInfo(e.Pose, dose))
		}
		c.entry(e.Pose, dose, e.Side, prepare, switchTime)
		if r.Transition > 0 && i < len(r.Entries)-1 {
			next := r.Entries[i+1].Pose.Name
			s := c.add(Segment{Kind: Rest, Duration: r.Transition, Title: "Rest", Step: "Next: " + next + "."})
			c.say(s, 0, r.Transition, Start, form{"Rest. Next: " + next + ".", prioSteps}, form{"Rest.", prioRest})
			c.countdown(s)
		}
	}
	c.finalCue()
	c.resolve()
	c.tl.Total = c.now
	return c.tl, nil
}

func poseInfo(p backcare.Pose, d backcare.Dose) PoseInfo {
	return PoseInfo{
		ID: p.ID, Name: p.Name, Kind: p.Kind, Sided: p.Sided,
		Dose: d.String(), Intensity: d.Intensity,
		Steps: p.Steps, Feel: p.Feel, StopSigns: p.StopSigns,
	}
}

// entry adds the segments of one pose.
func (c *compiler) entry(p backcare.Pose, d backcare.Dose, only backcare.Side, prepare, switchTime time.Duration) {
	sides := []backcare.Side{backcare.NoSide}
	switch {
	case p.Sided && (only == backcare.Left || only == backcare.Right):
		sides = []backcare.Side{only}
	case p.Sided:
		sides = []backcare.Side{backcare.Left, backcare.Right}
	}
	named := false // whether a cue has already said the pose's name
	if prepare > 0 {
		c.prepare(p, d, sides[0], prepare)
		named = true
	}
	sets := 1
	if !d.Timed() {
		sets = len(d.Reps)
	}
	for set := 1; set <= sets; set++ {
		for k, side := range sides {
			if k > 0 && switchTime > 0 {
				c.switchSides(p, side, switchTime)
				named = true
			}
			if d.Timed() {
				c.hold(p, d, side, named)
			} else {
				c.reps(p, d, side, set, named)
			}
			named = false
		}
		if set < sets && d.Rest > 0 {
			title := "Rest"
			step := fmt.Sprintf("Next: set %d of %d, %d reps.", set+1, sets, d.Reps[set])
			s := c.add(Segment{Kind: Rest, Pose: p.ID, Set: set, Sets: sets, Duration: d.Rest, Title: title, Step: step})
			c.say(s, 0, d.Rest, Start, form{fmt.Sprintf("Rest. Next, set %d of %d.", set+1, sets), prioSteps}, form{"Rest.", prioRest})
			c.countdown(s)
		}
	}
}

// add appends a segment at the current end and returns its index.
func (c *compiler) add(s Segment) int {
	s.Index = len(c.tl.Segments)
	s.Start = c.now
	c.now += s.Duration
	c.tl.Segments = append(c.tl.Segments, s)
	return s.Index
}

// say proposes a cue at offset at in segment seg, movable up to latest,
// with its wordings longest first.
func (c *compiler) say(seg int, at, latest time.Duration, tone Tone, forms ...form) {
	start := c.tl.Segments[seg].Start
	c.cands = append(c.cands, candidate{seg: seg, at: start + at, latest: start + max(at, latest), forms: forms, tone: tone})
}

// countdown proposes "3", "2", "1" in the last seconds of a segment.
func (c *compiler) countdown(seg int) {
	d := c.tl.Segments[seg].Duration
	for n := countIn; n >= 1; n-- {
		at := d - time.Duration(n)*time.Second
		if at < time.Second { // too short a segment: count only what fits
			continue
		}
		c.say(seg, at, at, Countdown, form{fmt.Sprint(n), prioFixed})
	}
}

func sideName(name string, side backcare.Side) string {
	if side == backcare.NoSide {
		return name
	}
	return name + ", " + string(side) + " side"
}

func (c *compiler) prepare(p backcare.Pose, d backcare.Dose, side backcare.Side, prepare time.Duration) {
	name := sideName(p.Name, side)
	step := p.Steps[0]
	if side != backcare.NoSide && p.SideStep != "" {
		step = backcare.ForSide(p.SideStep, side)
	}
	what := ""
	if !d.Timed() {
		what = ": " + d.String()
	}
	s := c.add(Segment{Kind: Prepare, Pose: p.ID, Side: side, Duration: prepare, Title: "Get ready: " + name, Step: step})
	c.say(s, 0, prepare, GetReady,
		form{"Next: " + name + what + ". " + p.Steps[0], prioSteps},
		form{"Next: " + name + what + ".", prioSteps},
		form{"Next: " + p.Name + ".", prioPoseName})
	c.countdown(s)
}

func (c *compiler) switchSides(p backcare.Pose, side backcare.Side, d time.Duration) {
	step := "Change to the " + string(side) + " side."
	if p.SideStep != "" {
		step = backcare.ForSide(p.SideStep, side)
	}
	s := c.add(Segment{Kind: Switch, Pose: p.ID, Side: side, Duration: d, Title: "Switch sides: " + sideName(p.Name, side), Step: step})
	c.say(s, 0, d, GetReady,
		form{"Switch sides. " + step, prioSteps},
		form{"Switch to the " + string(side) + " side.", prioSteps},
		form{"Switch sides.", prioPoseName})
	c.countdown(s)
}

// intensityWords says the target intensity the way the kind of pose means it.
func intensityWords(p backcare.Pose, d backcare.Dose) string {
	switch p.Kind {
	case backcare.Stretch:
		return fmt.Sprintf("about %d out of 10", d.Intensity)
	case backcare.Strength:
		return fmt.Sprintf("an effort of about %d out of 10", d.Intensity)
	}
	return ""
}

func (c *compiler) hold(p backcare.Pose, d backcare.Dose, side backcare.Side, named bool) {
	step := "Hold and breathe."
	if w := intensityWords(p, d); w != "" && p.Kind == backcare.Stretch {
		step = "Hold gently: a stretch of " + w + ", never pain. Breathe."
	}
	s := c.add(Segment{Kind: Hold, Pose: p.ID, Side: side, Duration: d.Hold, Title: sideName(p.Name, side), Step: step})
	long := "Hold for " + backcare.HumanDuration(d.Hold) + "."
	if w := intensityWords(p, d); w != "" {
		long += " Gently: " + w + "."
	}
	if named {
		c.say(s, 0, time.Second, Start, form{long, prioDetail}, form{"Hold.", prioFixed})
	} else {
		// No prepare or switch segment said the name: the hold must.
		name := sideName(p.Name, side)
		c.say(s, 0, time.Second, Start,
			form{name + ". " + p.Steps[0] + " " + long, prioDetail},
			form{name + ". " + long, prioDetail},
			form{name + ".", prioSteps},
			form{p.Name + ".", prioPoseName})
	}
	if d.Hold >= 20*time.Second {
		half := d.Hold / 2
		c.say(s, half, half+3*time.Second, Half, form{"Halfway. Keep breathing.", prioHalf}, form{"Halfway.", prioHalf})
	}
	c.countdown(s)
	c.say(s, d.Hold, d.Hold, End, form{"Release.", prioRelease})
}

// repTime is how long one repetition takes: the movement plus any hold.
func repTime(d backcare.Dose) time.Duration {
	if d.Rep > 0 {
		return d.Rep
	}
	return d.Hold + 3*time.Second
}

func (c *compiler) reps(p backcare.Pose, d backcare.Dose, side backcare.Side, set int, named bool) {
	n := d.Reps[set-1]
	rt := repTime(d)
	sets := len(d.Reps)
	title := sideName(p.Name, side)
	if sets > 1 {
		title += fmt.Sprintf(": set %d of %d", set, sets)
	}
	step := fmt.Sprintf("%d reps", n)
	if d.Hold > 0 {
		step += ", holding each for " + backcare.HumanDuration(d.Hold)
	}
	step += ". Stop before your form slips."
	s := c.add(Segment{Kind: Reps, Pose: p.ID, Side: side, Set: set, Sets: sets, Reps: n, Duration: time.Duration(n) * rt, Title: title, Step: step})
	for j := 1; j <= n; j++ {
		at := time.Duration(j-1) * rt
		text := fmt.Sprint(j)
		switch {
		case j == 1 && !named:
			c.say(s, 0, 0, Start, form{sideName(p.Name, side) + ". 1", prioPoseName}, form{"1", prioFixed})
		case j == n && n > 1:
			c.say(s, at, at, Start, form{"Last one", prioFixed})
		default:
			c.say(s, at, at, Start, form{text, prioFixed})
		}
		if d.Hold >= 5*time.Second {
			// Relax comes after the lift and the hold.
			rel := at + RepLift + d.Hold
			c.say(s, rel, rel+500*time.Millisecond, End, form{"And relax.", prioRelax}, form{"Relax.", prioRelax})
		}
	}
	end := c.tl.Segments[s].Duration
	c.say(s, end, end, End, form{"Done.", prioRelease})
}

// finalCue turns the very last end cue into a short word of thanks.
func (c *compiler) finalCue() {
	for i := len(c.cands) - 1; i >= 0; i-- {
		if c.cands[i].tone == End && c.cands[i].seg == len(c.tl.Segments)-1 && c.cands[i].at == c.now {
			word := "Release."
			if c.tl.Segments[c.cands[i].seg].Kind == Reps {
				word = "Done."
			}
			c.cands[i].forms = []form{
				{word + " Well done: that's the whole routine.", prioSteps},
				{word + " Well done.", prioSteps},
				{word, prioRelease},
			}
			return
		}
	}
}

// Speech estimates: people speak cue-like phrases at about 150 words a
// minute; speech engines run a little faster. Estimating slowly keeps
// cues apart even with a slow voice.
const (
	wordsPerSecond = 2.4
	speechLead     = 300 * time.Millisecond // an engine's start-up and the final pause
	shiftStep      = 100 * time.Millisecond
)

// SpeechTime estimates how long text takes to say.
func SpeechTime(text string) time.Duration {
	words := len(strings.Fields(text))
	return speechLead + time.Duration(float64(words)/wordsPerSecond*float64(time.Second))
}

type span struct{ from, to time.Duration }

func (a span) overlaps(b span) bool { return a.from < b.to && b.from < a.to }

// resolve places the cues so that no two overlap, and stores them in their
// segments. Every form of every cue becomes a request at its own priority;
// requests are served most important first (then earliest first). A request
// places its cue if the cue has no place yet, or lengthens it if a longer
// form now fits; nothing already placed is ever moved or dropped.
func (c *compiler) resolve() {
	type request struct {
		cand  int
		prio  int
		texts []string // longest first
	}
	var reqs []request
	for i, cand := range c.cands {
		for _, f := range cand.forms {
			if n := len(reqs); n > 0 && reqs[n-1].cand == i && reqs[n-1].prio == f.prio {
				reqs[n-1].texts = append(reqs[n-1].texts, f.text)
				continue
			}
			reqs = append(reqs, request{cand: i, prio: f.prio, texts: []string{f.text}})
		}
	}
	sort.SliceStable(reqs, func(a, b int) bool {
		if reqs[a].prio != reqs[b].prio {
			return reqs[a].prio > reqs[b].prio
		}
		return c.cands[reqs[a].cand].at < c.cands[reqs[b].cand].at
	})
	placed := make(map[int]span)   // candidate -> when it is spoken
	chosen := make(map[int]string) // candidate -> what it says
	dropped := make(map[int]bool)  // its most important form found no room
	find := func(self int, text string) (span, bool) {
		cand := c.cands[self]
		d := SpeechTime(text)
	next:
		for at := cand.at; at <= cand.latest; at += shiftStep {
			s := span{at, at + d}
			for j, p := range placed {
				if j != self && s.overlaps(p) {
					continue next
				}
			}
			return s, true
		}
		return span{}, false
	}
	for _, r := range reqs {
		if dropped[r.cand] {
			continue
		}
		_, has := placed[r.cand]
		for _, text := range r.texts {
			if has && len(text) <= len(chosen[r.cand]) {
				break // no longer than what it already says
			}
			if s, ok := find(r.cand, text); ok {
				placed[r.cand], chosen[r.cand] = s, text
				has = true
				break
			}
		}
		if !has {
			dropped[r.cand] = true
		}
	}
	for i, s := range placed {
		cand := c.cands[i]
		seg := &c.tl.Segments[cand.seg]
		seg.Cues = append(seg.Cues, Cue{At: s.from - seg.Start, Text: chosen[i], Tone: cand.tone})
	}
	for i := range c.tl.Segments {
		cues := c.tl.Segments[i].Cues
		sort.SliceStable(cues, func(a, b int) bool { return cues[a].At < cues[b].At })
		if cues == nil {
			c.tl.Segments[i].Cues = []Cue{}
		}
	}
}
