package backcare

import (
	"fmt"
	"strings"
	"time"
)

// Kind says what a pose trains. The article's healing rests on all three.
type Kind string

// The kinds of pose.
const (
	Stretch  Kind = "stretch"
	Strength Kind = "strength"
	Balance  Kind = "balance"
)

// Side names the side of the body a sided pose works. For a stretch it is
// the side that is stretched (in the Standing Psoas Lunge, the side of the
// back leg).
type Side string

// The sides. A pose that is not sided uses NoSide.
const (
	NoSide Side = ""
	Left   Side = "left"
	Right  Side = "right"
	// BothSides is only a clinician's choice in a DoseChange: both sides,
	// where the routine plays one. A timeline never holds it.
	BothSides Side = "both"
)

// Other returns the opposite side.
func (s Side) Other() Side {
	switch s {
	case Left:
		return Right
	case Right:
		return Left
	}
	return NoSide
}

// Pose is one exercise of the catalog: a stretch, a strength or a balance
// exercise, with everything a person needs to do it safely.
type Pose struct {
	ID        string
	Name      string
	Kind      Kind
	Summary   string   // one line: what the pose is
	Why       string   // one line tying the pose to the anatomy it serves
	Targets   []string // muscles and structures, e.g. "psoas"
	Equipment []string // e.g. "wall", "countertop"; empty means none
	Sided     bool     // done on each side in turn
	SideStep  string   // for sided poses: the set-up for one side, with {side} and {other}
	Dose      Dose
	Steps     []string // how to get into the pose, in order
	Feel      string   // what the person should feel
	Cautions  []string // how to keep it gentle
	StopSigns []string // when to stop at once
	Easier    []string // ids of easier variants
	Harder    []string // ids of harder variants
	Figure    Figure
}

// Dose is how much of a pose to do: either a timed hold, or sets of
// repetitions (optionally with a short hold in each).
type Dose struct {
	// Hold is the length of a timed hold, or the pause held in each
	// repetition when Reps is set.
	Hold time.Duration
	// Reps lists the repetitions of each set in order: [10, 10] is two sets
	// of ten, [6, 4, 2] a descending pyramid. Empty means a timed hold.
	Reps []int
	// Rep is how long one repetition takes, the hold included. Compile
	// estimates it when zero.
	Rep time.Duration
	// Rest is the rest between sets.
	Rest time.Duration
	// Intensity is the target effort from 0 to 10: for a stretch, how strong
	// the stretch should feel (never pain).
	Intensity int
}

// Timed reports whether the dose is a single timed hold.
func (d Dose) Timed() bool { return len(d.Reps) == 0 }

// String describes the dose in plain words, for example "hold 1 minute",
// "2 sets of 10" or "6-4-2 reps with a 10-second hold".
func (d Dose) String() string {
	if d.Timed() {
		return "hold " + HumanDuration(d.Hold)
	}
	same := true
	for _, r := range d.Reps {
		if r != d.Reps[0] {
			same = false
		}
	}
	var s string
	switch {
	case len(d.Reps) == 1:
		s = fmt.Sprintf("%d reps", d.Reps[0])
	case same:
		s = fmt.Sprintf("%d sets of %d", len(d.Reps), d.Reps[0])
	default:
		parts := make([]string, len(d.Reps))
		for i, r := range d.Reps {
			parts[i] = fmt.Sprint(r)
		}
		s = strings.Join(parts, "-") + " reps"
	}
	if d.Hold > 0 {
		// "with a 10-second hold" rather than "hold 10 seconds each", which
		// reads badly before "each side".
		s += " with a " + lengthAdjective(d.Hold) + " hold"
	}
	return s
}

// lengthAdjective writes d as it stands before a noun: "10-second",
// "1-minute", "90-second".
func lengthAdjective(d time.Duration) string {
	secs := int(d.Round(time.Second) / time.Second)
	if secs > 0 && secs%60 == 0 {
		return fmt.Sprintf("%d-minute", secs/60)
	}
	return fmt.Sprintf("%d-second", secs)
}

// HumanDuration writes d the way a person says it: "1 minute", "90 seconds",
// "2 minutes 30 seconds".
func HumanDuration(d time.Duration) string {
	secs := int(d.Round(time.Second) / time.Second)
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case secs < 60 || (secs < 120 && secs%60 != 0):
		return plural(secs, "second")
	case secs%60 == 0:
		return plural(secs/60, "minute")
	default:
		return plural(secs/60, "minute") + " " + plural(secs%60, "second")
	}
}

// Figure describes the picture of a pose as data: the view, the joint angles
// of the skeleton, the props around it, what rests on what, and optional
// markers. The figure package turns it into geometry; docs/figures.md
// describes every joint, part and prop.
type Figure struct {
	// View is "side" (the default), "front", "three-quarter" or "far side",
	// optionally followed by "from above", or "above" (docs/figures.md).
	View string
	// Angles maps a joint ("near.knee", "pelvis", "hips.out") to degrees.
	// Joints left out stay at zero: standing upright, arms by the sides.
	Angles map[string]float64
	// Props are drawn with the figure: "counter", "counter beside", "chair",
	// "table", "mat", "wall" (ahead), "wall beside", "wall behind". The
	// floor is always there.
	Props []string
	// Rests says which body part rests on which prop ("feet" -> "floor",
	// "hands" -> "counter"). The figure is placed so that these touch.
	Rests map[string]string
	// Reach lists body parts that get an arrow showing the direction of reach.
	Reach []string
	// Highlight lists body parts where the stretch is felt.
	Highlight []string
	// Shows lists the body parts that define the pose (the bent shins of a
	// side bridge from the knees, the hands on the belly): the view must
	// show them, neither hidden behind other parts nor seen end-on.
	Shows []string
	// Hidden lists the parts the pose puts out of sight, under or behind
	// the body (the Curl-Up's hand under the small of the back): each is
	// drawn as a dashed outline over the body where it lies, as an
	// illustrator shows a hidden part, and must in fact be hidden.
	Hidden []string
	// Moves, for a pose that moves (a curl-up, a bridge, a bird dog), is
	// the angles that change, as they are at the end of the movement; the
	// figure as written is its start. The picture moves between the two.
	Moves map[string]float64
	// Paths lists the paths a part moves along, each written "KIND PART":
	// "turn pelvis" (a curved arrow round the joint, the way the
	// movement turns it), "square near.hand" (a small dashed square with
	// an arrowhead, traced by the fist or the heel), "sway knees" (a
	// curved two-way arrow: the part tips to one side and the other).
	Paths []string
	// Eyes is "closed" for a pose done with the eyes closed (a balance
	// held without looking): the face is drawn with a closed lid. Empty
	// is open, as every other figure.
	Eyes string
	// Works, for a sided pose, is the side of the figure as written that
	// the pose's side names: "near" (the default: the right side's
	// picture has the right limbs near) or "far", for a pose whose
	// working limbs can only be drawn on the far side (the forearm on a
	// wall beside the body): then the right side's picture is the mirror
	// image of the figure as written, and the left side's the figure.
	Works string
}

// IsZero reports whether the pose has no figure.
func (f Figure) IsZero() bool {
	return f.View == "" && len(f.Angles) == 0 && len(f.Props) == 0 && len(f.Rests) == 0
}

// Routine is an ordered set of poses with the timing between them.
type Routine struct {
	ID      string
	Name    string
	Purpose string // one or two sentences: who it is for and what it does
	Entries []Entry
	// Prepare is the time to get into position before each pose.
	Prepare time.Duration
	// Switch is the time to change sides in a sided pose.
	Switch time.Duration
	// Transition is an extra rest after each pose but the last (often zero:
	// the next pose's prepare time is the transition).
	Transition time.Duration
}

// Entry is one pose in a routine, resolved by the catalog.
type Entry struct {
	Pose Pose
	// Dose is the pose's dose in this routine: the pose's own dose unless
	// the routine overrides it.
	Dose Dose
	// Side, for a sided pose, plays only that side (the routine's
	// "side:", or a clinician's choice, see Assignment); NoSide plays
	// both.
	Side Side
}

// ForSide fills the placeholders of a sided text: {side} and {other} become
// "left" and "right" (or the reverse), {Side} and {Other} the same with a
// capital letter.
func ForSide(text string, s Side) string {
	if s == NoSide {
		return text
	}
	o := s.Other()
	return strings.NewReplacer(
		"{side}", string(s), "{other}", string(o),
		"{Side}", capitalize(string(s)), "{Other}", capitalize(string(o)),
	).Replace(text)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
