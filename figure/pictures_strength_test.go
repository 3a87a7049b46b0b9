package figure

import (
	"math"
	"testing"

	"backcare"
)

// drawn is a picture's drawing, of its first view.
func (p picture) drawn() *Drawing {
	return p.s.drawView(backcare.Right, view{math.Atan2(p.pr.sin, p.pr.cos) * 180 / math.Pi, math.Atan2(p.pr.psin, p.pr.pcos) * 180 / math.Pi})
}

// shownShare is the share of the line from joint a to joint b that shows
// in the picture as one of the shapes own, of 13 points along it.
func (p picture) shownShare(a, b string, own []string, r float64) float64 {
	return p.drawn().seenAlong(p.at(a), p.at(b), r, own, "") / 13
}

// pdist is how far apart two points of a picture are drawn.
func pdist(a, b Point) float64 { return math.Hypot(b.X-a.X, b.Y-a.Y) }

// TestPicturesStrengthDeadBug checks the Dead Bug Hold and the Dead Bug
// against their steps, as drawn: the far arm and the far leg show beside
// the near ones (seen from a little above, with the arms both straight up
// and the knees both over the hips, the far upper arm and the far thigh
// were hidden right behind the near ones: one arm, one leg); the dead bug
// lowers one arm back over the head and the opposite leg toward the
// floor, the others staying where they are, and each arrow turns the way
// its limb goes.
func TestPicturesStrengthDeadBug(t *testing.T) {
	cm := func(v float64) float64 { return v * 170 }
	farShows := func(t *testing.T, name string, p picture) {
		t.Helper()
		for _, limb := range []struct {
			name, a, b string
			own        []string
			r          float64
		}{
			{"far arm", "far.shoulder", "far.wrist", []string{"far.upperarm", "far.forearm"}, upperArmR},
			{"far thigh", "far.hip", "far.knee", []string{"far.thigh"}, thighR},
		} {
			if sh := p.shownShare(limb.a, limb.b, limb.own, limb.r); sh < 0.45 {
				t.Errorf("%s: %.0f%% of the %s shows, want 45%% or more, beside the near one", name, 100*sh, limb.name)
			}
		}
	}
	hold := pictures(t, "dead-bug-hold")
	farShows(t, "dead bug hold", hold[0])
	bug := pictures(t, "dead-bug")
	if len(bug) != 2 {
		t.Fatalf("dead bug: frames = %d, want 2", len(bug))
	}
	farShows(t, "dead bug, start", bug[0])
	start, end := bug[0], bug[1]
	// One arm lowers back over the head: at the end its hand is drawn
	// well past the head, toward the head end; the other stays up.
	lowArm, upArm := "", ""
	for _, side := range []string{"near", "far"} {
		if end.at(side+".fingertips").X < end.at("head").X-headR {
			lowArm = side
		} else {
			upArm = side
		}
	}
	if lowArm == "" || upArm == "" {
		t.Fatalf("dead bug: at the end no one arm is lowered past the head (near hand at %.0f cm, far at %.0f, the head's far edge at %.0f)",
			cm(end.at("near.fingertips").X), cm(end.at("far.fingertips").X), cm(end.at("head").X-headR))
	}
	if d := cm(start.at(upArm+".fingertips").Y - end.at(upArm+".fingertips").Y); math.Abs(d) > 2 {
		t.Errorf("dead bug: the %s hand, which stays up, moves %.0f cm", upArm, d)
	}
	// The opposite leg lowers toward the floor, the other stays bent.
	lowLeg := map[string]string{"near": "far", "far": "near"}[lowArm]
	if d := cm(start.at(lowLeg+".heel").Y - end.at(lowLeg+".heel").Y); d < 8 {
		t.Errorf("dead bug: the %s heel, opposite the lowered arm, lowers %.0f cm, want 8 or more", lowLeg, d)
	}
	if d := pdist(start.at(lowArm+".heel"), end.at(lowArm+".heel")); cm(d) > 2 {
		t.Errorf("dead bug: the %s heel, on the side of the lowered arm, moves %.0f cm, want it to stay", lowArm, cm(d))
	}
	// Each arrow at the start goes the way its limb's tip does: the far
	// arm, up and leaning a little toward the head, lowers back over it.
	n := 0
	for _, sh := range start.drawn().Shapes {
		if sh.Class != Reach || sh.Closed || len(sh.Points) < 3 {
			continue
		}
		j := map[string]string{"near.hand": "near.fingertips", "far.hand": "far.fingertips", "near.heel": "near.heel", "far.heel": "far.heel"}[sh.Part]
		if j == "" {
			continue
		}
		n++
		a, b := sh.Points[0], sh.Points[len(sh.Points)-1]
		from, to := start.at(j), end.at(j)
		if (b.X-a.X)*(to.X-from.X)+(b.Y-a.Y)*(to.Y-from.Y) <= 0 {
			t.Errorf("dead bug: the arrow of the %s turns away from where it lowers to", sh.Part)
		}
	}
	if n != 2 {
		t.Errorf("dead bug: %d arrows at the start, want 2 (the lowering arm and leg)", n)
	}
}
