package figure

import (
	"math"
	"testing"

	"backcare"
)

// footEnd is the view of a picture's scene level from the foot end, where
// it has one as its second view; else the picture itself.
func footEnd(p picture) picture {
	if v := p.s.second; v != nil && v.yaw == 90 {
		return picture{p.s, newProjector(v.yaw, v.pitch), p.h}
	}
	return p
}

// TestPicturesStrongerFigureFour checks that the Figure-Four reads as lying
// on the back with one ankle on the other knee: in its first view the
// trunk is drawn along the mat, the head no higher than the pelvis by more
// than a little (seen from the foot end and high above, the trunk rose up
// the picture and read as sitting up, the mat as a wall behind it); and
// seen level from the foot end the crossed ankle is drawn on the bottom
// thigh, by its knee.
func TestPicturesStrongerFigureFour(t *testing.T) {
	ps := everyView(t, "figure-four")
	cm := func(v float64) float64 { return v * 170 }
	first := ps[0]
	up := first.at("crown").Y - first.at("pelvis").Y
	along := math.Abs(first.at("crown").X - first.at("pelvis").X)
	if up > along/2 {
		t.Errorf("the crown is drawn %.0f cm above the pelvis and %.0f cm along from it, want it along the mat (up no more than half of along): the trunk reads as sitting up", cm(up), cm(along))
	}
	if len(ps) != 2 {
		t.Fatalf("views = %d, want 2 (lying, and the 4 from the foot end)", len(ps))
	}
	end := ps[1]
	if math.Abs(end.pr.sin) < 0.99 || end.pr.psin > 0.1 {
		t.Fatalf("the second view is not level from the foot end")
	}
	crossed, bottom := "near", "far"
	if _, ok := end.s.fig.Rests["far.ankle"]; ok {
		crossed, bottom = "far", "near"
	}
	a, h, k := end.at(crossed+".ankle"), end.at(bottom+".hip"), end.at(bottom+".knee")
	if d := distToSegment(a, h, k); d > thighR+shinR+cm(2) {
		t.Errorf("from the foot end the crossed ankle is drawn %.0f cm from the bottom thigh, want it on it", cm(d))
	}
	if d := math.Hypot(a.X-k.X, a.Y-k.Y); d > cm(18) {
		t.Errorf("from the foot end the crossed ankle is drawn %.0f cm from the bottom knee, want 18 or less (on the thigh by the knee)", cm(d))
	}
}

// TestPicturesStrongerKneeToChest checks that the Knee to Chest's hugged
// foot is drawn clear of the other leg: once its foot was drawn on the
// other knee, bent up under it.
func TestPicturesStrongerKneeToChest(t *testing.T) {
	p := pictures(t, "knee-to-chest")[0]
	hug := huggedLeg(p)
	other := map[string]string{"near": "far", "far": "near"}[hug]
	for _, j := range []string{".ankle", ".ball", ".toetip"} {
		q := p.at(hug + j)
		d := min(distToSegment(q, p.at(other+".hip"), p.at(other+".knee")), distToSegment(q, p.at(other+".knee"), p.at(other+".ankle")))
		if want := thighR + 0.06; d < want {
			t.Errorf("the hugged %s is drawn %.0f cm from the other leg, want %.0f or more: the foot reads as resting on it", j[1:], d*170, want*170)
		}
	}
	// The back and the head on the mat: the crown no higher than the
	// pelvis by more than a hand's width.
	if d := (p.at("crown").Y - p.at("pelvis").Y) * 170; d > 10 {
		t.Errorf("the crown is drawn %.0f cm above the pelvis, want the head down on the mat", d)
	}
}

// TestSwayDrawnFromAbove checks that a knee sway seen from straight above
// draws its sway arrow (an arc on the floor round the feet, with two
// heads) and that its movement, which shows only there and not level from
// the side, passes the check: once a sway seen from above had no arrow,
// and a movement of two views had to show in the first.
func TestSwayDrawnFromAbove(t *testing.T) {
	f := kneeSway(t)
	f.View = "side and above"
	if err := Check(f); err != nil {
		t.Fatalf("Check = %v", err)
	}
	f.View = "above"
	frames, err := DrawFrames(f, backcare.Right)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range frames {
		if n := len(shapesOf(d, Reach, "knees")); n != 3 {
			t.Errorf("frame %d: from above the sway arrow has %d shapes, want 3 (its arc and two heads)", i+1, n)
		}
	}
}

// TestPicturesStrongerKneeToChestHold checks the Knee to Chest against its
// steps, as drawn: the other leg is bent, its foot flat on the mat ("lie on
// your back with your knees bent and feet flat", "keep the other foot
// resting on the floor"), and the arms hold the hugged shin from below the
// top of the knee. Once the other leg lay long on the mat, its foot up on
// its heel, and the forearms stood up past the knee, the near hand's
// fingers drawn 4 cm above it: a wave, not a hold.
func TestPicturesStrongerKneeToChestHold(t *testing.T) {
	cm := func(v float64) float64 { return v * 170 }
	p := pictures(t, "knee-to-chest")[0]
	hug := huggedLeg(p)
	other := map[string]string{"near": "far", "far": "near"}[hug]
	// The other knee bent up: drawn 8 cm or more above the straight line
	// from its hip to its ankle.
	h, k, a := p.at(other+".hip"), p.at(other+".knee"), p.at(other+".ankle")
	line := h.Y + (a.Y-h.Y)*(k.X-h.X)/(a.X-h.X)
	if up := k.Y - line; up < 8.0/170 {
		t.Errorf("the other knee is drawn %.0f cm above the line from its hip to its ankle, want 8 or more: the leg reads as straight", up*170)
	}
	// Its foot flat: resting on the mat as a foot, heel and ball drawn
	// level within 3 cm.
	if r := p.s.fig.Rests[other+".foot"]; r != "mat" && p.s.fig.Rests["feet"] != "mat" {
		t.Errorf("the other foot rests on %q, want the mat (its sole flat, not its heel)", r)
	}
	if d := math.Abs(p.at(other+".heel").Y - p.at(other+".ball").Y); d > 3.0/170 {
		t.Errorf("the other foot's heel and ball are drawn %.0f cm apart in height, want 3 or less: the foot flat", cm(d))
	}
	// No part of either arm drawn above the top of the hugged knee.
	top := p.at(hug+".knee").Y + thighR
	for _, side := range []string{"near", "far"} {
		for _, j := range []string{".elbow", ".wrist", ".fingertips"} {
			if d := p.at(side+j).Y - top; d > 0 {
				t.Errorf("the %s arm's %s: drawn %.0f cm above the top of the hugged knee, want it no higher: the arm reads as raised, not holding the shin", side, j[1:], cm(d))
			}
		}
	}
}

// TestPicturesStrongerFigureFourFootAndHands checks the Figure-Four's
// crossed foot and hands as drawn from the foot end, where the "4" is
// read: the crossed foot points on past the bottom thigh, away from the
// crossed knee and near level, so that the ankle reads as lying across
// the thigh (once, flexed, it pointed up at the ceiling and read as a
// leg going up); and both hands show, holding the bottom thigh. In the
// first view the crossed knee is drawn clear of the trunk (seen turned
// toward the foot end from the crossed knee's side, it was drawn over
// the chest, dark on dark).
func TestPicturesStrongerFigureFourFootAndHands(t *testing.T) {
	cm := func(v float64) float64 { return v * 170 }
	ps := everyView(t, "figure-four")
	if len(ps) != 2 {
		t.Fatalf("views = %d, want 2", len(ps))
	}
	first, end := ps[0], footEnd(ps[0])
	crossed := "near"
	if _, ok := first.s.fig.Rests["far.ankle"]; ok {
		crossed = "far"
	}
	an, toe, kn := end.at(crossed+".ankle"), end.at(crossed+".toetip"), end.at(crossed+".knee")
	if (toe.X-an.X)*(an.X-kn.X) <= 0 {
		t.Errorf("from the foot end the crossed foot points back toward its knee (toes at %.0f cm, ankle at %.0f, knee at %.0f), want it on past the bottom thigh", cm(toe.X), cm(an.X), cm(kn.X))
	}
	if a := math.Atan2(math.Abs(toe.Y-an.Y), math.Abs(toe.X-an.X)) * 180 / math.Pi; a > 35 {
		t.Errorf("from the foot end the crossed foot is drawn %.0f° from level, want 35 or less: it reads as pointing up", a)
	}
	for _, side := range []string{"near", "far"} {
		if sh := end.shownShare(side+".wrist", side+".fingertips", []string{side + ".hand"}, handR); sh < 0.3 {
			t.Errorf("from the foot end %.0f%% of the %s hand shows, want 30%% or more", 100*sh, side)
		}
	}
	// First view: the crossed knee clear of the trunk's outline.
	k := first.at(crossed + ".knee")
	d := min(distToSegment(k, first.at("pelvis"), first.at("l1")), distToSegment(k, first.at("l1"), first.at("c7")))
	if d < trunkR+thighR {
		t.Errorf("in the first view the crossed knee is drawn %.0f cm from the line of the trunk, want %.0f or more: it lies over the trunk", cm(d), cm(trunkR+thighR))
	}
}
