package figure

import (
	"math"
	"testing"

	"backcare"
	"backcare/catalog"
)

// picture is one frame of a built-in pose, placed, with its first view's
// projection and the height of its drawing.
type picture struct {
	s  *Scene
	pr projector
	h  float64 // the drawing's height, in standing heights
}

// pictures places every frame of a built-in pose.
func pictures(t *testing.T, id string) []picture {
	t.Helper()
	p, err := catalog.Builtin().Pose(id)
	if err != nil {
		t.Fatal(err)
	}
	var out []picture
	for _, fr := range Frames(p.Figure) {
		s, err := Place(fr)
		if err != nil {
			t.Fatal(err)
		}
		d := s.drawView(backcare.Right, view{s.yaw, s.pitch})
		out = append(out, picture{s, newProjector(s.yaw, s.pitch), d.Max.Y - d.Min.Y})
	}
	return out
}

// at is a joint where the picture draws it.
func (p picture) at(joint string) Point { return p.pr.point(p.s.Body.Joints[joint]) }

// bend is how far, in degrees, the drawn line a-b-c turns at b.
func (p picture) bend(a, b, c string) float64 {
	pa, pb, pc := p.at(a), p.at(b), p.at(c)
	t1 := math.Atan2(pb.Y-pa.Y, pb.X-pa.X)
	t2 := math.Atan2(pc.Y-pb.Y, pc.X-pb.X)
	d := math.Abs(t2-t1) * 180 / math.Pi
	if d > 180 {
		d = 360 - d
	}
	return d
}

// TestPicturesShowThePose checks, for the poses a reviewer could not copy
// from the picture (issue 13), the one thing each picture must show, as
// it is drawn: measured in the picture, not in the model.
func TestPicturesShowThePose(t *testing.T) {
	cm := func(v float64) float64 { return v / 170 }
	// liftedFoot is how high the lifted foot's lowest point is drawn
	// above the standing foot's, as a share of the picture's height.
	liftedFoot := func(p picture) float64 {
		low := func(side string) float64 {
			l := math.Inf(1)
			for _, j := range []string{".heel", ".ball", ".toetip"} {
				l = min(l, p.at(side+j).Y)
			}
			return l
		}
		n, f := low("near"), low("far")
		return (max(n, f) - min(n, f)) / p.h
	}
	// below is how far the joint is drawn on the left of the line from a
	// to b, looking from a to b (below it, for a line going up to the
	// left), in standing heights; negative on its right.
	below := func(p picture, joint, a, b string) float64 {
		pj, pa, pb := p.at(joint), p.at(a), p.at(b)
		dx, dy := pb.X-pa.X, pb.Y-pa.Y
		return ((pj.Y-pa.Y)*dx - (pj.X-pa.X)*dy) / math.Hypot(dx, dy)
	}
	tests := []struct {
		name string
		pose string
		ok   func(t *testing.T, p picture, frame int)
	}{
		{"side bridge from the knees: one line from the knees to the head", "side-bridge-knees", func(t *testing.T, p picture, _ int) {
			if b := p.bend("near.knee", "pelvis", "c7"); b > 12 {
				t.Errorf("the line knee-hips-shoulders turns %.0f° at the hips, want at most 12", b)
			}
			if b := p.bend("pelvis", "c7", "crown"); b > 20 {
				t.Errorf("the line hips-shoulders-head turns %.0f° at the shoulders, want at most 20", b)
			}
		}},
		{"single-leg stance: the lifted foot clearly off the floor", "single-leg-stance", func(t *testing.T, p picture, _ int) {
			if f := liftedFoot(p); f < 0.06 {
				t.Errorf("the lifted foot is drawn %.0f%% of the picture's height above the floor, want 6%% or more", f*100)
			}
			if k := max(p.s.fig.Angles["near.knee"], p.s.fig.Angles["far.knee"]); k > 75 {
				t.Errorf("the lifted knee is bent %.0f°, want 75 or less (the knee bent high behind reads as a kick)", k)
			}
		}},
		{"single-leg stance, eyes closed: the lifted foot clearly off the floor", "single-leg-stance-eyes-closed", func(t *testing.T, p picture, _ int) {
			if f := liftedFoot(p); f < 0.06 {
				t.Errorf("the lifted foot is drawn %.0f%% of the picture's height above the floor, want 6%% or more", f*100)
			}
		}},
		{"bird dog with squares: arm and leg end near the level of the back", "bird-dog-squares", func(t *testing.T, p picture, frame int) {
			j := p.s.Body.Joints
			if up := j["near.fingertips"].Y - j["near.shoulder"].Y; up > cm(12) {
				t.Errorf("frame %d: the fist is %.0f cm above the shoulder, want 12 or less", frame, up*170)
			}
			if up := j["far.heel"].Y - j["far.hip"].Y; up > cm(12) {
				t.Errorf("frame %d: the heel is %.0f cm above the hip, want 12 or less", frame, up*170)
			}
		}},
		{"abdominal brace: the far elbow low beside the waist", "abdominal-brace", func(t *testing.T, p picture, _ int) {
			if y := p.s.Body.Joints["far.elbow"].Y; y > cm(16) {
				t.Errorf("the far elbow is %.0f cm above the floor, want 16 or less", y*170)
			}
		}},
		{"heel-to-toe stance: the hand on the counter in front of the body from the side", "tandem-stance", func(t *testing.T, p picture, _ int) {
			// Seen from the side, a hand straight out to the side is
			// behind the trunk; reaching a little forward it shows.
			if dx := p.at("far.fingertips").X - p.at("far.shoulder").X; dx < cm(15) {
				t.Errorf("the hand on the counter is drawn %.0f cm ahead of the shoulder, want 15 or more", dx*170)
			}
		}},
		{"figure-four: the crossed knee drawn clear of the trunk", "figure-four", func(t *testing.T, p picture, _ int) {
			// Drawn over the trunk, dark on dark, the crossed thigh
			// vanished and its shin read as an arm from the chest.
			if d := below(p, "near.knee", "pelvis", "c7"); d < cm(12) {
				t.Errorf("the crossed knee is drawn %.0f cm below the line from the hips to the shoulders, want 12 or more", d*170)
			}
		}},
		{"child's pose with side reach: sitting back over the heels, both hands to one side", "childs-pose-side-reach", func(t *testing.T, p picture, _ int) {
			// Seen only from above, the fold over the knees did not
			// show: the back is drawn arched high over the head, the
			// hips over the heels.
			if up := p.at("l1").Y - p.at("crown").Y; up < cm(15) {
				t.Errorf("the small of the back is drawn %.0f cm above the crown, want 15 or more", up*170)
			}
			if dx := math.Abs(p.at("pelvis").X - p.at("near.heel").X); dx > cm(15) {
				t.Errorf("the hips are drawn %.0f cm along the mat from the heels, want 15 or less", dx*170)
			}
			j := p.s.Body.Joints
			near, far := j["near.fingertips"].Z-j["pelvis"].Z, j["far.fingertips"].Z-j["pelvis"].Z
			if near*far <= 0 || math.Abs(near) < cm(15) || math.Abs(far) < cm(15) {
				t.Errorf("the hands are %.0f and %.0f cm to the side of the hips, want both 15 or more to the same side", near*170, far*170)
			}
		}},
		{"knee to chest: the hugged shin slopes down from the knee, the foot no higher than it", "knee-to-chest", func(t *testing.T, p picture, _ int) {
			// The foot drawn above the knee read as a kick.
			knee := p.at("near.knee").Y
			if d := knee - p.at("near.ankle").Y; d < cm(5) {
				t.Errorf("the hugged ankle is drawn %.0f cm below the knee, want 5 or more", d*170)
			}
			if d := knee - p.at("near.toetip").Y; d < cm(5) {
				t.Errorf("the hugged foot's toes are drawn %.0f cm below the knee, want 5 or more", d*170)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i, p := range pictures(t, tt.pose) {
				tt.ok(t, p, i+1)
			}
		})
	}
}
