package figure

import (
	"math"
	"testing"

	"backcare"
)

// TestPicturesKneeSwayFromAbove checks that the Knee Sway is drawn first
// from straight above, where the person reads as lying on the back and
// the sway reads as the knees going to one side and then the other: both
// knees are drawn 12 cm or more to one side of their heels (across the
// line from the hips to the feet) at the start and to the other side at
// the end, over feet that
// stay where they are, and the face is drawn (the eyes), so that the
// person lies face up. Seen from the side and a little above, its first
// view once, the knees tipping toward the camera read as the legs
// lowering and the pale far leg as a second pair of legs, the start and
// the end looked alike; the view from the foot end beside it, two leaning
// legs, read as two blocks, not a person lying down.
func TestPicturesKneeSwayFromAbove(t *testing.T) {
	var above []picture
	for _, p := range everyView(t, "knee-sway") {
		if p.pr.psin > 0.99 {
			above = append(above, p)
		}
	}
	if len(above) != 2 {
		t.Fatalf("pictures from straight above = %d, want 2 (the start and the end)", len(above))
	}
	if first := pictures(t, "knee-sway")[0]; first.pr.psin < 0.99 {
		t.Errorf("the first view is not from straight above: the person lying on the back is seen first")
	}
	// How far each knee is drawn to the side of its own heel, across the
	// line from the pelvis to the middle of the heels, in cm.
	side := func(p picture, leg string) float64 {
		a := p.at("pelvis")
		nh, fh := p.at("near.heel"), p.at("far.heel")
		dx, dy := (nh.X+fh.X)/2-a.X, (nh.Y+fh.Y)/2-a.Y
		k, h := p.at(leg+".knee"), p.at(leg+".heel")
		return ((k.X-h.X)*dy - (k.Y-h.Y)*dx) / math.Hypot(dx, dy) * 170
	}
	var lean [2]float64
	for i, p := range above {
		n, f := side(p, "near"), side(p, "far")
		if n*f <= 0 || math.Abs(n) < 12 || math.Abs(f) < 12 {
			t.Errorf("frame %d: from above the knees are drawn %.0f and %.0f cm to the side of their heels, want both 12 or more to the same side", i+1, n, f)
		}
		lean[i] = n + f
	}
	if lean[0]*lean[1] >= 0 {
		t.Errorf("from above the knees lean to the same side at the start and the end, want one side, then the other")
	}
	for _, heel := range []string{"near.heel", "far.heel"} {
		a, b := above[0].at(heel), above[1].at(heel)
		if d := math.Hypot(a.X-b.X, a.Y-b.Y) * 170; d > 3 {
			t.Errorf("from above the %s moves %.0f cm from the start to the end, want 3 or less: the feet stay planted", heel, d)
		}
	}
	d := above[0].s.drawView(backcare.Right, view{above[0].s.yaw, above[0].s.pitch})
	if len(shapesOf(d, Gap, "eyes")) == 0 {
		t.Errorf("from above no eyes are drawn: the person does not read as lying face up")
	}
}

// TestPicturesChildsPoseHandsOnTheMat checks that the Child's Pose with
// Side Reach walks both hands over on the mat: seen from above each hand
// is drawn inside the mat, its fingertips 1 cm or more from the mat's
// long edges. Once both hands were walked on past the mat's edge to the
// floor, and the arms ran off the mat.
func TestPicturesChildsPoseHandsOnTheMat(t *testing.T) {
	p := pictures(t, "childs-pose-side-reach")[0]
	var mat *prop
	for i := range p.s.props {
		if p.s.props[i].name == "mat" {
			mat = &p.s.props[i]
		}
	}
	if mat == nil || len(mat.boxes) != 1 {
		t.Fatal("no mat")
	}
	b := mat.boxes[0]
	if r := p.s.fig.Rests["hands"]; r != "mat" {
		t.Errorf("the hands rest on the %q, want the mat", r)
	}
	for _, side := range []string{"near", "far"} {
		z := p.s.Body.Joints[side+".fingertips"].Z
		if in := min(z-b.min.Z, b.max.Z-z) * 170; in < 1 {
			t.Errorf("the %s fingertips lie %.0f cm inside the mat's long edges, want 1 or more: the hand is off the mat", side, in)
		}
	}
}
