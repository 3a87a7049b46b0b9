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
	// Prepare replaces the routine's time to get ready before each pose when
	// it is above zero.
	Prepare time.Duration
}

// Limits on the options, checked because they come from people.
const (
	MaxHold    = 10 * time.Minute
	MaxPrepare = 5 * time.Minute
	countIn    = 3 // spoken "3, 2, 1" before a hold ends and before it starts
)

// Cue priorities: when two cues would overlap, the higher one keeps its
// place and the lower one is shortened, moved later in its window, or
// dropped.
const (
	prioHalf     = 1 // "halfway"
	prioRelax    = 2 // "relax" inside a rep
	prioRest     = 3 // "rest"
	prioPoseName = 4 // "next: Zombie Crawl", "switch sides"
	prioStart    = 5 // "hold for 1 minute"
	prioFixed    = 6 // countdowns, rep counts, "release": their moment is their meaning
)

// candidate is a cue before overlaps are resolved.
type candidate struct {
	seg      int           // owning segment
	at       time.Duration // preferred time, from the start of the timeline
	latest   time.Duration // latest acceptable start, from the start of the timeline
	texts    []string      // long form first, then shorter forms
	tone     Tone
	priority int
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
	prepare := r.Prepare
	if o.Prepare > 0 {
		prepare = o.Prepare
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
		c.entry(e.Pose, dose, prepare, r.Switch)
		if r.Transition > 0 && i < len(r.Entries)-1 {
			next := r.Entries[i+1].Pose.Name
			s := c.add(Segment{Kind: Rest, Duration: r.Transition, Title: "Rest", Step: "Next: " + next + "."})
			c.say(s, 0, r.Transition, prioRest, Start, "Rest. Next: "+next+".", "Rest.")
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
func (c *compiler) entry(p backcare.Pose, d backcare.Dose, prepare, switchTime time.Duration) {
	sides := []backcare.Side{backcare.NoSide}
	if p.Sided {
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
			c.say(s, 0, d.Rest, prioRest, Start, fmt.Sprintf("Rest. Next, set %d of %d.", set+1, sets), "Rest.")
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

// say proposes a cue at offset at in segment seg, movable up to latest.
func (c *compiler) say(seg int, at, latest time.Duration, prio int, tone Tone, texts ...string) {
	start := c.tl.Segments[seg].Start
	c.cands = append(c.cands, candidate{seg: seg, at: start + at, latest: start + max(at, latest), texts: texts, tone: tone, priority: prio})
}

// countdown proposes "3", "2", "1" in the last seconds of a segment.
func (c *compiler) countdown(seg int) {
	d := c.tl.Segments[seg].Duration
	for n := countIn; n >= 1; n-- {
		at := d - time.Duration(n)*time.Second
		if at < time.Second { // too short a segment: count only what fits
			continue
		}
		c.say(seg, at, at, prioFixed, Countdown, fmt.Sprint(n))
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
	c.say(s, 0, prepare, prioPoseName, GetReady,
		"Next: "+name+what+". "+p.Steps[0],
		"Next: "+name+what+".",
		"Next: "+p.Name+".")
	c.countdown(s)
}

func (c *compiler) switchSides(p backcare.Pose, side backcare.Side, d time.Duration) {
	step := "Change to the " + string(side) + " side."
	if p.SideStep != "" {
		step = backcare.ForSide(p.SideStep, side)
	}
	s := c.add(Segment{Kind: Switch, Pose: p.ID, Side: side, Duration: d, Title: "Switch sides: " + sideName(p.Name, side), Step: step})
	c.say(s, 0, d, prioPoseName, GetReady, "Switch sides. "+step, "Switch to the "+string(side)+" side.", "Switch sides.")
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
		c.say(s, 0, time.Second, prioStart, Start, long, "Hold.")
	} else {
		// No prepare or switch segment said the name: the hold must.
		c.say(s, 0, time.Second, prioPoseName, Start, sideName(p.Name, side)+". "+long, sideName(p.Name, side)+".", p.Name+".")
	}
	if d.Hold >= 20*time.Second {
		half := d.Hold / 2
		c.say(s, half, half+3*time.Second, prioHalf, Half, "Halfway. Keep breathing.", "Halfway.")
	}
	c.countdown(s)
	c.say(s, d.Hold, d.Hold, prioFixed, End, "Release.")
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
			c.say(s, 0, 0, prioPoseName, Start, sideName(p.Name, side)+". 1", "1")
		case j == n && n > 1:
			c.say(s, at, at, prioFixed, Start, "Last one")
		default:
			c.say(s, at, at, prioFixed, Start, text)
		}
		if d.Hold >= 5*time.Second {
			// Relax comes after the lift (about 1.5 s) and the hold.
			rel := at + 1500*time.Millisecond + d.Hold
			c.say(s, rel, rel+500*time.Millisecond, prioRelax, End, "And relax.", "Relax.")
		}
	}
	end := c.tl.Segments[s].Duration
	c.say(s, end, end, prioFixed, End, "Done.")
}

// finalCue turns the very last end cue into a short word of thanks.
func (c *compiler) finalCue() {
	for i := len(c.cands) - 1; i >= 0; i-- {
		if c.cands[i].tone == End && c.cands[i].seg == len(c.tl.Segments)-1 {
			c.cands[i].texts = []string{"Release. Well done: that's the whole routine.", "Release. Well done.", "Release."}
			if c.tl.Segments[c.cands[i].seg].Kind == Reps {
				c.cands[i].texts = []string{"Done. Well done: that's the whole routine.", "Done. Well done.", "Done."}
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

// resolve places the candidates so that no two cues overlap, most important
// first, and stores them in their segments.
func (c *compiler) resolve() {
	order := make([]int, len(c.cands))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ca, cb := c.cands[order[a]], c.cands[order[b]]
		if ca.priority != cb.priority {
			return ca.priority > cb.priority
		}
		return ca.at < cb.at
	})
	var placed []span
	free := func(s span) bool {
		for _, p := range placed {
			if s.from < p.to && p.from < s.to {
				return false
			}
		}
		return true
	}
	for _, i := range order {
		cand := c.cands[i]
	texts:
		for _, text := range cand.texts {
			d := SpeechTime(text)
			for at := cand.at; at <= cand.latest; at += shiftStep {
				if free(span{at, at + d}) {
					placed = append(placed, span{at, at + d})
					seg := &c.tl.Segments[cand.seg]
					seg.Cues = append(seg.Cues, Cue{At: at - seg.Start, Text: text, Tone: cand.tone})
					break texts
				}
			}
		}
	}
	for i := range c.tl.Segments {
		cues := c.tl.Segments[i].Cues
		sort.SliceStable(cues, func(a, b int) bool { return cues[a].At < cues[b].At })
		if cues == nil {
			c.tl.Segments[i].Cues = []Cue{}
		}
	}
}
