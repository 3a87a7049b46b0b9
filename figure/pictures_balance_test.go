package figure

import (
	"math"
	"strings"
	"testing"

	"backcare"
)

// TestBalancePictures checks what a reviewer found wrong in the balance
// stances (all four graded B): measured in the picture, as drawn.
func TestBalancePictures(t *testing.T) {
	deg := func(a, b Point) float64 { // the slope of a to b from level
		return math.Abs(math.Atan2(b.Y-a.Y, math.Abs(b.X-a.X))) * 180 / math.Pi
	}
	for _, id := range []string{"single-leg-stance", "single-leg-stance-eyes-closed"} {
		t.Run(id, func(t *testing.T) {
			p := pictures(t, id)[0]
			// A little off the floor: the lifted knee was a high
			// marching lift, 18 cm above the standing knee.
			if up := (p.at("near.knee").Y - p.at("far.knee").Y) * 170; up > 8 {
				t.Errorf("the lifted knee is drawn %.0f cm above the standing knee, want 8 or less (a little off the floor, not a marching lift)", up)
			}
			// The standing knee soft, as the steps say.
			if b := p.bend("far.hip", "far.knee", "far.ankle"); b < 12 {
				t.Errorf("the standing knee is drawn bent %.0f°, want 12 or more (soft)", b)
			}
			// Beside the counter: the hand out beside the body, not
			// reaching a long way down to it (the counter's near end was
			// drawn 33 cm past the standing hip).
			if lo, _ := p.propSpan("counter"); (lo-p.at("far.hip").X)*170 > 25 {
				t.Errorf("the counter begins %.0f cm past the standing hip, want 25 or less (standing beside it)", (lo-p.at("far.hip").X)*170)
			}
		})
	}
	t.Run("single-leg-stance-eyes-closed hand ready over the counter", func(t *testing.T) {
		// The hand waits level over the counter, palm down: pointing down
		// at it, it read as reaching for it.
		p := pictures(t, "single-leg-stance-eyes-closed")[0]
		if s := deg(p.at("far.wrist"), p.at("far.fingertips")); s > 15 {
			t.Errorf("the hand over the counter slopes %.0f°, want 15 or less (level, ready over it)", s)
		}
	})
	t.Run("tandem-stance", func(t *testing.T) {
		p := pictures(t, "tandem-stance")[0]
		// One view: two panels had to be put together, and seen from
		// the back the feet merged into one blob.
		if p.s.second != nil {
			t.Errorf("drawn in two views, want one")
		}
		// Heel to toe: the front heel drawn against the back toes, the
		// feet one after the other, not side by side or one blob.
		if d := p.length("near.heel", "far.toetip") * 170; d > 8 {
			t.Errorf("the front heel is drawn %.0f cm from the back toes, want 8 or less (heel to toe)", d)
		}
		if d := (p.at("near.toetip").X - p.at("far.heel").X) * 170; d < 35 {
			t.Errorf("the two feet span %.0f cm across the picture, want 35 or more (one after the other)", d)
		}
		// Seen level from the side, the feet stand on the floor line
		// with the hand on the counter's top: seen from a little above,
		// the counter behind was drawn up the picture off the floor line,
		// the hand on its face, and the feet above the line.
		d := p.s.drawView(backcare.Right, view{p.s.yaw, p.s.pitch})
		floor := math.Inf(-1)
		for _, sh := range d.Shapes {
			if sh.Class == Ground {
				for _, pt := range sh.Points {
					floor = max(floor, pt.Y+sh.Width/2)
				}
			}
		}
		for _, part := range []string{"near.heel", "near.toetip", "far.heel", "far.toetip"} {
			if h := (p.at(part).Y - floor) * 170; h > 4 {
				t.Errorf("the %s is drawn %.0f cm above the floor line, want 4 or less (standing on it)", part, h)
			}
		}
		// In one line: the back toes drawn level with the front heel,
		// and the back heel level with the front toes, not one higher up
		// the picture (beside the other).
		for _, pr := range [][2]string{{"near.heel", "far.toetip"}, {"far.heel", "near.toetip"}} {
			if d := math.Abs(p.at(pr[0]).Y-p.at(pr[1]).Y) * 170; d > 3 {
				t.Errorf("the %s is drawn %.0f cm above or below the %s, want 3 or less (the feet in one line)", pr[0], d, pr[1])
			}
		}
		// Each foot seen side-on, at most of its length.
		for _, side := range []string{"near", "far"} {
			drawn := p.length(side+".heel", side+".toetip")
			a, b := p.s.Body.Joints[side+".heel"], p.s.Body.Joints[side+".toetip"]
			if true3 := math.Sqrt((a.X-b.X)*(a.X-b.X) + (a.Y-b.Y)*(a.Y-b.Y) + (a.Z-b.Z)*(a.Z-b.Z)); drawn < 0.8*true3 {
				t.Errorf("the %s foot is drawn at %.0f%% of its length, want 80%% or more (side-on)", side, 100*drawn/true3)
			}
		}
		// The eyes open, so that which way the person faces, and so
		// which foot is in front, shows.
		if n, round := eyeShapes(p); n == 0 || !round {
			t.Errorf("eyes drawn %d, round %v: want open eyes (which way the face looks)", n, round)
		}
		// No two orange discs at the hips: they read as buttocks.
		for _, sh := range d.Shapes {
			if sh.Class == Highlight && strings.Contains(sh.Part, "hip") {
				t.Errorf("a highlight is drawn on the %s, want none at the hips (two discs read as buttocks)", sh.Part)
			}
		}
		// Beside the counter, the hand resting on its top: the counter
		// drawn behind the person, not ahead of the trunk (faced).
		if lo, _ := p.propSpan("counter"); (lo-p.at("far.hip").X)*170 > 25 {
			t.Errorf("the counter begins %.0f cm past the hip, want 25 or less (standing beside it)", (lo-p.at("far.hip").X)*170)
		}
	})
	t.Run("single-leg-hip-hinge", func(t *testing.T) {
		ps := pictures(t, "single-leg-hip-hinge")
		if len(ps) != 2 {
			t.Fatalf("frames = %d, want 2", len(ps))
		}
		start, end := ps[0], ps[1]
		// Standing tall at the start: the free foot just off the floor
		// under the hip, not bent up behind like a kick back.
		if up := (start.at("far.heel").Y - start.at("near.heel").Y) * 170; up > 8 {
			t.Errorf("at the start the free heel is drawn %.0f cm up, want 8 or less", up)
		}
		if b := start.bend("far.hip", "far.knee", "far.ankle"); b > 40 {
			t.Errorf("at the start the free knee is drawn bent %.0f°, want 40 or less (standing tall)", b)
		}
		// The standing knee soft in both frames.
		for i, p := range ps {
			if b := p.bend("near.hip", "near.knee", "near.ankle"); b < 12 {
				t.Errorf("frame %d: the standing knee is drawn bent %.0f°, want 12 or more (soft)", i+1, b)
			}
		}
		// At the end the back and the free leg in one straight line:
		// the trunk tipped 35° from level against a level leg did not.
		trunk := math.Atan2(end.at("c7").Y-end.at("pelvis").Y, end.at("c7").X-end.at("pelvis").X) * 180 / math.Pi
		leg := math.Atan2(end.at("far.hip").Y-end.at("far.heel").Y, end.at("far.hip").X-end.at("far.heel").X) * 180 / math.Pi
		if d := math.Abs(trunk - leg); d > 15 {
			t.Errorf("at the end the back rises %.0f° and the free leg %.0f° toward the head, %.0f° apart, want 15 or less (one line)", trunk, leg, d)
		}
		// The free arm hangs straight down: bent across the standing
		// thigh, it made a loop that read as an extra limb.
		if b := end.bend("near.shoulder", "near.elbow", "near.wrist"); b > 12 {
			t.Errorf("at the end the free elbow is drawn bent %.0f°, want 12 or less (hanging straight)", b)
		}
		if s := deg(end.at("near.shoulder"), end.at("near.wrist")); s < 70 {
			t.Errorf("at the end the free arm is drawn %.0f° from level, want 70 or more (hanging down)", s)
		}
	})
}
