package figure

import (
	"math"
	"testing"
)

// TestCurlUpsRead checks what a reviewer could not read off the two
// curl-ups (issue 13): the straight leg lies on the mat with its foot
// relaxed, not standing up on its heel toward the ceiling; at the end the
// head and the shoulders lift just off the floor, the waist staying down,
// and the head's curl is large enough to tell the end from the start; the
// Curl-Up, Elbows Up's near elbow peaks clearly above the trunk, where the
// Curl-Up's stays down on the mat.
func TestCurlUpsRead(t *testing.T) {
	for _, id := range []string{"curl-up", "curl-up-elbows-up"} {
		t.Run(id, func(t *testing.T) {
			ps := pictures(t, id)
			if len(ps) != 2 {
				t.Fatalf("frames = %d, want 2", len(ps))
			}
			for i, p := range ps {
				// The far foot is drawn lying back along the mat: the
				// line from its heel to its toes tips 50° or less from
				// level. Upright at the ankle (0°) it stood up off the
				// end of a pale bar and read as a foot pointing at the
				// ceiling.
				h, toe := p.at("far.heel"), p.at("far.toetip")
				if a := math.Atan2(math.Abs(toe.Y-h.Y), math.Abs(toe.X-h.X)) * 180 / math.Pi; a > 50 {
					t.Errorf("frame %d: the far foot is drawn tipped %.0f° from level, want 50 or less, lying relaxed along the mat", i+1, a)
				}
			}
			j0, j1 := ps[0].s.Body.Joints, ps[1].s.Body.Joints
			// Head and shoulders just off the floor: the base of the
			// neck rises 3.5 to 8 cm, the waist stays down.
			if up := (j1["c7"].Y - j0["c7"].Y) * 170; up < 3.5 || up > 8 {
				t.Errorf("the base of the neck rises %.1f cm at the end, want 3.5 to 8: the shoulders just off the floor", up)
			}
			if up := math.Abs(j1["l1"].Y-j0["l1"].Y) * 170; up > 1.5 {
				t.Errorf("the waist moves %.1f cm up or down at the end, want 1.5 or less: it stays on the floor", up)
			}
			// The head curls: its line from the base of the neck to the
			// crown turns 40° or more in the picture (35° it did not read
			// on the chart).
			dir := func(p picture) float64 {
				a, b := p.at("c7"), p.at("crown")
				return math.Atan2(b.Y-a.Y, b.X-a.X) * 180 / math.Pi
			}
			if d := math.Abs(dir(ps[1]) - dir(ps[0])); d < 40 {
				t.Errorf("the head's line turns %.0f° in the picture from the start to the end, want 40 or more", d)
			}
			// The elbows: down on the mat in the Curl-Up, lifted well
			// clear of the trunk's outline at the end of the Elbows Up.
			p := ps[1]
			top := (p.at("near.elbow").Y - (p.at("near.waist").Y + trunkR)) * 170
			switch id {
			case "curl-up":
				if up := (j1["near.elbow"].Y - forearmR - matTop) * 170; up > 2 {
					t.Errorf("at the end the near elbow is %.0f cm off the mat, want it down (2 or less)", up)
				}
			case "curl-up-elbows-up":
				if top < 7 {
					t.Errorf("at the end the near elbow is drawn %.0f cm above the top of the trunk beside it, want 7 or more, clear of it", top)
				}
			}
		})
	}
}
