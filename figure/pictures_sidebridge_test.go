package figure

import (
	"math"
	"testing"
)

// TestPicturesSideBridges checks the Side Bridge from the Knees and from
// the Feet against their steps, as drawn. Both move: at the start the
// person lies on the side on the bottom forearm, the hips down on the mat;
// at the end the hips are lifted until the body is one straight line from
// the knees (or the feet) to the head. In both frames the forearm lies on
// the mat under the shoulder, and the top hand rests on the waist, its
// elbow up, clear of the top leg (lying along the side, the light arm and
// the light leg tangled into one grey shape). From the knees the shins go
// back behind the body, drawn up the picture from the knees (seen level
// from the front they were hidden and the figure read as a plank on
// straight legs); from the feet the top leg lies along the bottom one, its
// foot a little in front, and the feet point along the legs (swung 25°
// forward, the top leg crossed the body and ended deep in the mat; flexed,
// the feet were drawn toes down and the figure read as a one-arm plank).
func TestPicturesSideBridges(t *testing.T) {
	cm := func(v float64) float64 { return v / 170 }
	deg := func(a, b Point) float64 { return math.Atan2(b.Y-a.Y, b.X-a.X) * 180 / math.Pi }
	for _, tt := range []struct {
		pose string
		end  string // the joint at the foot end of the straight line
	}{
		{"side-bridge-knees", "near.knee"},
		{"side-bridge-feet", "near.ankle"},
	} {
		ps := pictures(t, tt.pose)
		if len(ps) != 2 {
			t.Errorf("%s: %d frames, want 2: the hips down at the start, lifted at the end", tt.pose, len(ps))
			continue
		}
		// How far the underside of the hips is above the mat.
		hips := func(p picture) float64 {
			_, low := p.s.liftGap("pelvis")
			return (low - matTop) * 170
		}
		if h := hips(ps[0]); h > 4 {
			t.Errorf("%s: at the start the hips are %.0f cm above the mat, want them down on it (4 or less)", tt.pose, h)
		}
		if h := hips(ps[1]); h < 10 {
			t.Errorf("%s: at the end the hips are %.0f cm above the mat, want them lifted 10 or more", tt.pose, h)
		}
		end := ps[1]
		if b := end.bend(tt.end, "pelvis", "c7"); b > 8 {
			t.Errorf("%s: at the end the line from the %s through the hips to the shoulders turns %.0f° at the hips, want 8 or less", tt.pose, tt.end, b)
		}
		for i, p := range ps {
			j := p.s.Body.Joints
			for _, k := range []string{"near.elbow", "near.wrist"} {
				if up := (j[k].Y - forearmR - matTop) * 170; up > 3 {
					t.Errorf("%s, frame %d: the underside of the forearm at the %s is %.0f cm above the mat, want 3 or less: down on it", tt.pose, i+1, k, up)
				}
			}
			// The top hand by the hip, the elbow up: the elbow and the
			// fingertips drawn clear of the top thigh, the elbow above the hand.
			if d := math.Hypot(j["far.wrist"].X-j["far.hip"].X, j["far.wrist"].Z-j["far.hip"].Z) * 170; d > 20 {
				t.Errorf("%s, frame %d: the top wrist is %.0f cm from the hip across the floor, want 20 or less", tt.pose, i+1, d)
			}
			if d := distToSegment(p.at("far.elbow"), p.at("far.hip"), p.at("far.knee")); d < cm(20) {
				t.Errorf("%s, frame %d: the top elbow is drawn %.0f cm from the top thigh, want 20 or more", tt.pose, i+1, d*170)
			}
			if d := distToSegment(p.at("far.fingertips"), p.at("far.hip"), p.at("far.knee")) - thighR - handR; d < cm(4) {
				t.Errorf("%s, frame %d: the top fingertips are drawn %.0f cm from the top thigh, want 4 or more (apart from it)", tt.pose, i+1, d*170)
			}
			if up := (p.at("far.elbow").Y - p.at("far.wrist").Y) * 170; up < 10 {
				t.Errorf("%s, frame %d: the top elbow is drawn %.0f cm above the hand, want 10 or more (the elbow up)", tt.pose, i+1, up)
			}
		}
	}

	for i, p := range pictures(t, "side-bridge-knees") {
		for _, side := range []string{"near", "far"} {
			knee, ankle := p.at(side+".knee"), p.at(side+".ankle")
			if shin, thigh := pdist(knee, ankle), p.length(side+".hip", side+".knee"); shin < 0.6*thigh {
				t.Errorf("knees, frame %d: the %s shin is drawn %.0f%% as long as its thigh, want 60%% or more", i+1, side, 100*shin/thigh)
			}
			// Back behind the body: up the picture from the knee, not
			// on along the line of the thigh.
			if a := deg(knee, ankle); a < 60 || a > 120 {
				t.Errorf("knees, frame %d: the %s shin is drawn at %.0f° from the knee, want 60 to 120 (up the picture: back)", i+1, side, a)
			}
		}
	}

	for i, p := range pictures(t, "side-bridge-feet") {
		j := p.s.Body.Joints
		near := deg(p.at("near.hip"), p.at("near.ankle"))
		far := deg(p.at("far.hip"), p.at("far.ankle"))
		if d := math.Abs(near - far); d > 15 {
			t.Errorf("feet, frame %d: the top leg is drawn %.0f° off the bottom one, want 15 or less (along it)", i+1, d)
		}
		if d := (j["far.ankle"].X - j["near.ankle"].X) * 170; d < 3 || d > 20 {
			t.Errorf("feet, frame %d: the top foot is %.0f cm in front of the bottom one, want 3 to 20", i+1, d)
		}
		for _, side := range []string{"near", "far"} {
			if a := deg(p.at(side+".ankle"), p.at(side+".toetip")); a < -50 || a > 30 {
				t.Errorf("feet, frame %d: the %s foot is drawn at %.0f° from the ankle, want -50 to 30 (along the leg, not toes down)", i+1, side, a)
			}
		}
	}
}
