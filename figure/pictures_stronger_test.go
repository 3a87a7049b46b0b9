package figure

import (
	"math"
	"testing"

	"backcare"
)

// TestPicturesStrongerFigureFour checks the Figure-Four against its steps,
// as drawn in its two views, in both frames of its movement: first from
// the side a little above, the person lying along the mat, then level
// from the foot end, where the legs make the "4". Drawn in one view,
// turned from the crossed leg's side toward the foot end and seen from a
// little above, the crossed thigh opened toward the camera over the chest
// and the crossing was a knot, the flexed foot standing straight up over
// the bottom knee like a post (a fresh reviewer's D). Drawn with the
// bottom thigh pulled up and both feet in the air from every camera it
// was a knot of limbs; so the start is steps 1 and 2 (lying on the back,
// the bottom foot flat on the mat, its knee up, the other ankle resting on
// it by the knee, the foot flexed) and the end steps 3 and 4 (the bottom
// foot lifted, both hands holding behind the bottom thigh). In both frames
// the trunk lies along the mat (seen from the foot end and high above it
// rose up the picture and read as sitting up), the crossed leg is the
// near one, drawn dark (drawn pale, behind, it read as a separate leg
// raised), its ankle drawn on the bottom thigh by the knee, its foot
// flexed and drawn as a foot.
func TestPicturesStrongerFigureFour(t *testing.T) {
	cm := func(v float64) float64 { return v * 170 }
	in := func(c float64) float64 { return c / 170 }
	deg := func(r float64) float64 { return r * 180 / math.Pi }
	ps := everyView(t, "figure-four")
	if len(ps) != 4 {
		t.Fatalf("pictures = %d, want 4 (two views, from the side a little above and from the foot end, at the start and the end)", len(ps))
	}
	crossed, bottom := "near", "far"
	if _, ok := ps[0].s.fig.Rests[crossed+".ankle"]; !ok {
		t.Fatalf("the near ankle does not rest on the other thigh: the crossed leg is not the near one")
	}
	for i, p := range ps {
		frame := []string{"start", "end"}[i/2] + []string{" (from the side)", " (from the foot end)"}[i%2]
		d := p.drawn()
		if len(shapesOf(d, Near, crossed+".shin")) == 0 || len(shapesOf(d, Far, crossed+".shin")) > 0 {
			t.Errorf("%s: the crossed shin is not drawn dark, as a near limb", frame)
		}
		a, h, k := p.at(crossed+".ankle"), p.at(bottom+".hip"), p.at(bottom+".knee")
		if d := distToSegment(a, h, k); d > thighR+shinR+in(2) {
			t.Errorf("%s: the crossed ankle is drawn %.0f cm from the bottom thigh, want it on it", frame, cm(d))
		}
		if d := math.Hypot(a.X-k.X, a.Y-k.Y); d > in(18) {
			t.Errorf("%s: the crossed ankle is drawn %.0f cm from the bottom knee, want 18 or less (on the thigh by the knee)", frame, cm(d))
		}
		// The crossed foot drawn as a foot: 55% or more of its length
		// from the heel to the toes, turned 60 to 125 degrees from the
		// drawn line of its shin (the corner of a flexed foot at the end
		// of the shin), and 20 degrees or more off upright. Once it stood
		// straight up over the bottom knee, the bottom shin upright under
		// it, and read as a post.
		kn, he, toe := p.at(crossed+".knee"), p.at(crossed+".heel"), p.at(crossed+".toetip")
		footLen := heelBack + ballFwd + toeLen
		if l := math.Hypot(toe.X-he.X, toe.Y-he.Y); l < 0.55*footLen {
			t.Errorf("%s: the crossed foot is drawn %.0f cm long, want %.0f or more: it is seen end-on", frame, cm(l), cm(0.55*footLen))
		}
		turn := deg(math.Abs(math.Remainder(math.Atan2(toe.Y-a.Y, toe.X-a.X)-math.Atan2(a.Y-kn.Y, a.X-kn.X), 2*math.Pi)))
		if turn < 60 || turn > 125 {
			t.Errorf("%s: the crossed foot is drawn turned %.0f° from its shin, want 60 to 125: a flexed foot at the corner of the shin", frame, turn)
		}
		if off := deg(math.Atan2(math.Abs(toe.X-he.X), math.Abs(toe.Y-he.Y))); off < 20 {
			t.Errorf("%s: the crossed foot is drawn %.0f° off upright, want 20 or more: upright it reads as a post", frame, off)
		}
		if i%2 == 0 {
			// From the side: the trunk along the mat.
			up := p.at("crown").Y - p.at("pelvis").Y
			along := math.Abs(p.at("crown").X - p.at("pelvis").X)
			if up > along/2 {
				t.Errorf("%s: the crown is drawn %.0f cm above the pelvis and %.0f cm along from it, want it along the mat (up no more than half of along): the trunk reads as sitting up", frame, cm(up), cm(along))
			}
			continue
		}
		// From the foot end, the "4": the crossed shin drawn long and
		// near level across the bottom knee (its bar), the crossed thigh
		// slanting out from the hip to its knee, which opens out away
		// from the bottom leg (its slanting stroke).
		if l := math.Hypot(a.X-kn.X, a.Y-kn.Y); l < 0.6*shinLen {
			t.Errorf("%s: the crossed shin is drawn %.0f cm long, want %.0f or more: it is seen end-on", frame, cm(l), cm(0.6*shinLen))
		}
		if ang := deg(math.Atan2(math.Abs(a.Y-kn.Y), math.Abs(a.X-kn.X))); ang > 20 {
			t.Errorf("%s: the crossed shin is drawn %.0f° from level, want 20 or less: the bar of the 4 lying across the knee", frame, ang)
		}
		nh := p.at(crossed + ".hip")
		if out := math.Abs(kn.X-k.X) - math.Abs(nh.X-k.X); out < in(10) {
			t.Errorf("%s: the crossed knee is drawn %.0f cm further out from the bottom knee than its hip, want 10 or more: the knee opened out to the side", frame, cm(out))
		}
		if rise := kn.Y - nh.Y; rise < in(20) {
			t.Errorf("%s: the crossed knee is drawn %.0f cm above its hip, want 20 or more: the thigh slanting up to it", frame, cm(rise))
		}
	}
	// From the foot end at the start, the bottom shin stands upright on
	// the mat under the crossing (the upright of the 4).
	if p := ps[1]; true {
		k, a := p.at(bottom+".knee"), p.at(bottom+".ankle")
		if ang := deg(math.Atan2(math.Abs(k.X-a.X), k.Y-a.Y)); ang > 20 {
			t.Errorf("start (from the foot end): the bottom shin is drawn %.0f° from upright, want 20 or less", ang)
		}
	}
	start, end := ps[0], ps[2]
	j0, j1 := start.s.Body.Joints, end.s.Body.Joints
	top := func(s *Scene) float64 {
		for _, pr := range s.props {
			if pr.name == "mat" {
				return pr.top
			}
		}
		t.Fatal("no mat")
		return 0
	}
	low := func(s *Scene, part string) float64 {
		l := math.Inf(1)
		for _, m := range bodyParts[part] {
			for _, b := range s.Body.blobs(m) {
				l = min(l, b.p.Y-b.r)
			}
		}
		return l
	}
	// The start: the bottom foot flat on the mat, heel and ball down, its
	// knee up (drawn 8 cm or more above the line from its hip to its
	// ankle).
	for _, part := range []string{bottom + ".heel", bottom + ".toes"} {
		if d := low(start.s, part) - top(start.s); math.Abs(d) > in(2) {
			t.Errorf("start: the bottom %s is %.0f cm above the mat, want it down on it (the foot flat)", part, cm(d))
		}
	}
	h, k, a := start.at(bottom+".hip"), start.at(bottom+".knee"), start.at(bottom+".ankle")
	if up := k.Y - (h.Y + (a.Y-h.Y)*(k.X-h.X)/(a.X-h.X)); up < in(8) {
		t.Errorf("start: the bottom knee is drawn %.0f cm above the line from its hip to its ankle, want 8 or more: the knee up", cm(up))
	}
	// The end: the bottom foot lifted clear of the mat, its thigh drawn
	// toward the chest (20° or more nearer upright than at the start).
	if d := low(end.s, bottom+".foot") - top(end.s); d < in(8) {
		t.Errorf("end: the bottom foot is %.0f cm above the mat, want 8 or more: lifted off it", cm(d))
	}
	tilt := func(j map[string]vec) float64 {
		v := j[bottom+".knee"].sub(j[bottom+".hip"])
		return math.Atan2(v.Y, v.X) * 180 / math.Pi
	}
	if d := tilt(j1) - tilt(j0); d < 20 {
		t.Errorf("end: the bottom thigh is %.0f° nearer upright than at the start, want 20 or more: the legs drawn toward the chest", d)
	}
	// Both hands on the bottom thigh (within 2 cm of its surface), behind
	// it (on the head's side of it), each showing 30% or more.
	hip, knee := j1[bottom+".hip"], j1[bottom+".knee"]
	for _, side := range []string{"near", "far"} {
		m := j1[side+".wrist"].add(j1[side+".fingertips"]).scale(0.5)
		axis := knee.sub(hip)
		u := max(0, min(1, m.sub(hip).dot(axis)/axis.dot(axis)))
		on := hip.add(axis.scale(u))
		if d := m.dist(on) - thighR - handR; d > in(2) {
			t.Errorf("end: the %s hand is %.0f cm off the bottom thigh, want it holding it (2 or less)", side, cm(d))
		}
		if m.X > on.X {
			t.Errorf("end: the %s hand is on the front of the bottom thigh, want it behind it", side)
		}
		if sh := end.shownShare(side+".wrist", side+".fingertips", []string{side + ".hand"}, handR); sh < 0.3 {
			t.Errorf("end: %.0f%% of the %s hand shows, want 30%% or more", 100*sh, side)
		}
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
