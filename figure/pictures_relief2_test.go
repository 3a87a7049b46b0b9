package figure

import (
	"math"
	"strings"
	"testing"

	"backcare/catalog"
)

// lowestOver is how far (cm) the lowest point of a body part's member is
// above the surface it rests on: the mat's top, or the floor.
func lowestOver(p picture, part string, m []string) float64 {
	g := 0.0
	if p.s.mat {
		g = matTop
	}
	low := math.Inf(1)
	for _, b := range p.s.Body.blobs(m) {
		low = min(low, b.p.Y-b.r)
	}
	return (low - g) * 170
}

// TestPicturesSphinxOnTheMat checks that the Sphinx lies on the mat: the
// belly, the thighs, the shins and the tops of the feet down on it with
// the forearms, none floating (the belly and thighs were drawn 0.8 cm
// above it, a line of white under them), and the elbows under the
// shoulders (they were 7 cm ahead).
func TestPicturesSphinxOnTheMat(t *testing.T) {
	p := pictures(t, "sphinx")[0]
	for _, part := range []string{"belly", "thighs", "shins", "toes", "forearms"} {
		for _, m := range bodyParts[part] {
			if d := lowestOver(p, part, m); math.Abs(d) > 0.3 {
				t.Errorf("%s is %.1f cm off the mat, want it on it (0.3 cm or less)", memberName(part, m), d)
			}
		}
	}
	j := p.s.Body.Joints
	for _, side := range []string{"near", "far"} {
		if d := math.Abs(j[side+".elbow"].X-j[side+".shoulder"].X) * 170; d > 4 {
			t.Errorf("the %s elbow is %.0f cm from under its shoulder, want 4 or less", side, d)
		}
	}
}

// inside reports whether q lies inside the convex polygon pts.
func inside(q Point, pts []Point) bool {
	sign := 0.0
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		c := (b.X-a.X)*(q.Y-a.Y) - (b.Y-a.Y)*(q.X-a.X)
		if c == 0 {
			continue
		}
		if sign == 0 {
			sign = c
		} else if sign*c < 0 {
			return false
		}
	}
	return true
}

// TestReachArrowsStopBeforeWall checks, for every drawn view of every
// built-in pose with a wall, that no reach arrow is drawn into the wall:
// the Standing Psoas Lunge's raised hand, on the wall, had its arrow's
// tip across it from the front.
func TestReachArrowsStopBeforeWall(t *testing.T) {
	n := 0
	for _, id := range builtinIDs(t) {
		for i, p := range everyView(t, id) {
			d := p.viewDrawing()
			walls := propShapes(d, "wall")
			if len(walls) == 0 {
				continue
			}
			for _, sh := range d.Shapes {
				if sh.Class != Reach {
					continue
				}
				n++
				for _, q := range sh.Points {
					for _, w := range walls {
						if inside(q, w.Points) {
							t.Errorf("%s view %d: the %s's reach arrow is drawn into the wall", id, i, sh.Part)
						}
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no reach arrow drawn beside a wall")
	}
}

// TestPicturesLungeHandOnHip checks that from the front the Standing
// Psoas Lunge's other hand reads as a hand on the hip: the elbow out
// beyond the shoulder, clear of the wall, the arm bent round a space
// beside the waist. With the shoulder leant on the wall, the elbow was
// drawn under the shoulder, squeezed against the wall, and the arm was a
// grey triangle.
func TestPicturesLungeHandOnHip(t *testing.T) {
	front := everyView(t, "standing-psoas-lunge")[1]
	face := math.Inf(1)
	for _, sh := range propShapes(front.viewDrawing(), "wall") {
		for _, q := range sh.Points {
			face = min(face, q.X)
		}
	}
	cm := func(v float64) float64 { return v * 170 }
	el, sh, wr := front.at("far.elbow"), front.at("far.shoulder"), front.at("far.wrist")
	if d := cm(el.X - sh.X); d < 2 {
		t.Errorf("from the front the far elbow is drawn %.0f cm out past the shoulder, want 2 or more (akimbo)", d)
	}
	if d := cm(face - el.X - upperArmR); d < 1 {
		t.Errorf("from the front the far elbow is drawn %.0f cm from the wall, want it clear of it (1 or more)", d)
	}
	// The forearm comes back in to the waist: the wrist well inside the
	// elbow.
	if d := cm(el.X - wr.X); d < 12 {
		t.Errorf("from the front the far wrist is drawn %.0f cm in from the elbow, want 12 or more", d)
	}
}

// TestPicturesFaceDownHead checks that from straight above the
// Face-Down Reach's head reads as a head face down, not a ball: its ears
// show either side, and it lies between the arms, not painted over the
// near one; and that the forehead, the belly and the thighs lie on the
// mat (the head and thighs floated nearly 2 cm above it).
func TestPicturesFaceDownHead(t *testing.T) {
	p := pictures(t, "face-down-reach")[0]
	d := p.viewDrawing()
	c := p.at("head")
	ears := 0
	for _, sh := range d.Shapes {
		if sh.Part != "ears" || sh.Class == Gap {
			continue
		}
		far := 0.0
		for _, q := range sh.Points {
			far = max(far, math.Hypot(q.X-c.X, q.Y-c.Y)+sh.Width/2-headR)
		}
		if far*170 >= 2 {
			ears++
		}
	}
	if ears != 2 {
		t.Errorf("from above the face-down head shows %d ears past its outline, want 2", ears)
	}
	for _, sh := range d.Shapes {
		if sh.Class == Gap || (sh.Part != "near.upperarm" && sh.Part != "near.forearm") {
			continue
		}
		_, _, dist := closest2D(sh.Points[0], sh.Points[1], c, c)
		if gap := (dist - sh.Width/2 - headR) * 170; gap < 0 {
			t.Errorf("from above the head is drawn %.1f cm over the %s, want it clear beside it", -gap, sh.Part)
		}
	}
	for _, part := range []string{"belly", "thighs", "head"} {
		for _, m := range bodyParts[part] {
			if dd := lowestOver(p, part, m); math.Abs(dd) > 0.7 {
				t.Errorf("%s is %.1f cm off the mat, want it on it (0.7 cm or less)", memberName(part, m), dd)
			}
		}
	}
}

// builtinIDs are the ids of every built-in pose.
func builtinIDs(t *testing.T) []string {
	t.Helper()
	var ids []string
	for _, p := range catalog.Builtin().Poses() {
		ids = append(ids, p.ID)
	}
	return ids
}

// TestPicturesZombieKneesLifted checks how the Zombie Crawl's lifted
// knees are drawn, in the crawl and at the end of the Diagonal Reach:
// seen from a little above, a lift arrow stands on the mat under the near
// knee and reaches up to the leg, 5 cm or more long in the picture, and
// no space under the leg is filled. Filled, the space was a bright blue
// block under the thighs that read as a cushion they lay on, the most
// obvious thing in the picture at chart size; before that, the straight
// leg lifted 8 cm at the knee lay over the mat as if down on it, with
// no arrow.
func TestPicturesZombieKneesLifted(t *testing.T) {
	for _, c := range []struct {
		id    string
		frame int
	}{{"zombie-crawl", 0}, {"zombie-crawl-diagonal-reach", 0}, {"zombie-crawl-diagonal-reach", 1}} {
		p := pictures(t, c.id)[c.frame]
		knee := p.at("near.knee")
		long := 0.0
		for _, sh := range p.viewDrawing().Shapes {
			if sh.Class == Space {
				t.Errorf("%s frame %d: the space under the %s is filled (it reads as a cushion)", c.id, c.frame+1, sh.Part)
			}
			if sh.Class == Reach && sh.Part == "near.knee" && !sh.Closed && len(sh.Points) == 2 {
				a, b := sh.Points[0], sh.Points[1]
				if math.Abs(a.X-knee.X) < 2.0/170 && b.Y > a.Y {
					long = max(long, b.Y-a.Y)
				}
			}
		}
		if long*170 < 5 {
			t.Errorf("%s frame %d: the lift arrow under the near knee is drawn %.1f cm long, want 5 or more", c.id, c.frame+1, long*170)
		}
	}
}

// TestHandArrowsAlongTheMat checks that a hand down on the mat reaching
// past the head has its arrow drawn along the mat: in the Zombie Crawl
// and at the end of the Diagonal Reach, seen from a little above, each
// hand's reach arrow runs level in the picture (within 4 degrees), the
// way the body lies, and its head is drawn no lower than the mat's near
// top edge. From the shoulder through the fingertips, with the elbows
// lifted and the near arm swung out toward the camera, both arrows
// sloped down some 16 degrees and the near one pointed below the mat's
// top, into the floor.
func TestHandArrowsAlongTheMat(t *testing.T) {
	for _, c := range []struct {
		id    string
		frame int
		want  int
	}{{"zombie-crawl", 0, 2}, {"zombie-crawl-diagonal-reach", 1, 1}} {
		p := pictures(t, c.id)[c.frame]
		var near float64 // the mat's near top edge, where it is drawn lowest
		near = math.Inf(1)
		for _, pp := range p.s.props {
			if pp.name != "mat" {
				continue
			}
			for _, b := range pp.boxes {
				near = min(near, p.pr.point(vec{b.max.X, b.max.Y, b.max.Z}).Y)
			}
		}
		n := 0
		for _, sh := range p.viewDrawing().Shapes {
			if sh.Class != Reach || !strings.Contains(sh.Part, "hand") || sh.Closed {
				continue
			}
			n++
			a, b := sh.Points[0], sh.Points[len(sh.Points)-1]
			if slope := math.Atan2(b.Y-a.Y, b.X-a.X) * 180 / math.Pi; math.Abs(slope) > 4 && math.Abs(math.Abs(slope)-180) > 4 {
				t.Errorf("%s frame %d: a hand's arrow is drawn sloping %.0f degrees, want level (4 or less)", c.id, c.frame+1, slope)
			}
			if low := min(a.Y, b.Y); low < near {
				t.Errorf("%s frame %d: a hand's arrow is drawn %.1f cm below the mat's near top edge, want on or above it", c.id, c.frame+1, (near-low)*170)
			}
		}
		if n != c.want {
			t.Errorf("%s frame %d: %d hand arrows drawn, want %d", c.id, c.frame+1, n, c.want)
		}
	}
}

// TestDiagonalReachArrowsSayWhichLimbs checks that both frames of the
// Zombie Crawl, Diagonal Reach say which arm reaches and which heel
// presses back: in each, the only hand and heel arrows are the far
// (reaching) hand's, starting just past its fingertips and clear of the
// other hand's, and the near heel's, starting just past it. The start
// once had no arrows, and looked like the end; a `reach PART at start`
// path draws them there.
func TestDiagonalReachArrowsSayWhichLimbs(t *testing.T) {
	for frame, p := range pictures(t, "zombie-crawl-diagonal-reach") {
		got := map[string]int{}
		for _, sh := range p.viewDrawing().Shapes {
			if sh.Class != Reach || sh.Closed || len(sh.Points) != 2 || !strings.Contains(sh.Part, "hand") && !strings.Contains(sh.Part, "heel") {
				continue
			}
			got[sh.Part]++
			// The joint the arrow starts at, and the other side's.
			ends := map[string][2]string{"far.hand": {"far.fingertips", "near.fingertips"}, "near.heel": {"near.heel", ""}}[sh.Part]
			tip, other := ends[0], ends[1]
			if tip == "" {
				continue
			}
			a, q := sh.Points[0], p.at(tip)
			if d := math.Hypot(a.X-q.X, a.Y-q.Y) * 170; d > 12 {
				t.Errorf("frame %d: the %s arrow starts %.0f cm from the %s, want 12 or less", frame+1, sh.Part, d, tip)
			}
			if other != "" {
				o := p.at(other)
				if d := math.Hypot(a.X-o.X, a.Y-o.Y) * 170; d < 15 {
					t.Errorf("frame %d: the %s arrow starts %.0f cm from the %s, want 15 or more (it says which hand)", frame+1, sh.Part, d, other)
				}
			}
		}
		if len(got) != 2 || got["far.hand"] != 1 || got["near.heel"] != 1 {
			t.Errorf("frame %d: hand and heel arrows %v, want one for the far hand and one for the near heel", frame+1, got)
		}
	}
}

// TestDiagonalReachArmSlidesOn checks what changes between the two frames
// of the Zombie Crawl, Diagonal Reach: the far (reaching) hand is drawn
// 10 cm or more further forward at the end than at the start, its elbow
// lifted in both, drawn 3 cm or more above the line from its shoulder to
// its wrist and at the end no lower, in the picture and off the floor,
// than at the start; and the near heel's arrow points the same way in
// both (within 2 degrees), the foot on its tucked toes throughout. A
// fresh reviewer once saw start and end nearly alike: the reaching hand
// went 9 cm further, its elbow, peaked at the start, lay flat at the
// end (the wrong way round), and the heel's arrow turned 11 degrees for
// a foot flexed at the end alone.
func TestDiagonalReachArmSlidesOn(t *testing.T) {
	pics := pictures(t, "zombie-crawl-diagonal-reach")
	if len(pics) != 2 {
		t.Fatalf("frames = %d, want 2", len(pics))
	}
	start, end := pics[0], pics[1]
	cm := func(v float64) float64 { return v / 170 }
	if d := end.at("far.fingertips").X - start.at("far.fingertips").X; d < cm(10) {
		t.Errorf("the reaching hand is drawn %.0f cm further forward at the end than at the start, want 10 or more", d*170)
	}
	above := func(p picture) float64 {
		s, e, w := p.at("far.shoulder"), p.at("far.elbow"), p.at("far.wrist")
		return ((w.X-s.X)*(e.Y-s.Y) - (w.Y-s.Y)*(e.X-s.X)) / math.Hypot(w.X-s.X, w.Y-s.Y)
	}
	for i, p := range pics {
		if a := above(p); a < cm(3) {
			t.Errorf("frame %d: the reaching elbow is drawn %.1f cm above the line from its shoulder to its wrist, want 3 or more (lifted)", i+1, a*170)
		}
	}
	if d := end.at("far.elbow").Y - start.at("far.elbow").Y; d < -cm(0.5) {
		t.Errorf("the reaching elbow is drawn %.1f cm lower at the end than at the start, want no lower (it stays lifted)", -d*170)
	}
	if d := end.s.Body.Joints["far.elbow"].Y - start.s.Body.Joints["far.elbow"].Y; d < -cm(0.5) {
		t.Errorf("the reaching elbow is %.1f cm lower off the floor at the end than at the start, want no lower", -d*170)
	}
	var angle [2]float64
	for i, p := range pics {
		n := 0
		for _, sh := range p.viewDrawing().Shapes {
			if sh.Class == Reach && sh.Part == "near.heel" && !sh.Closed && len(sh.Points) == 2 {
				a, b := sh.Points[0], sh.Points[1]
				angle[i] = math.Atan2(b.Y-a.Y, b.X-a.X) * 180 / math.Pi
				n++
			}
		}
		if n != 1 {
			t.Fatalf("frame %d: %d near heel arrows, want 1", i+1, n)
		}
	}
	if d := math.Abs(angle[1] - angle[0]); d > 2 {
		t.Errorf("the near heel's arrow turns %.0f degrees between the frames (%.0f, then %.0f), want 2 or less", d, angle[0], angle[1])
	}
}

// TestHeelArrowsAlongTheShin checks that a heel over a foot standing on
// its tucked toes presses back along the leg: in the Zombie Crawl and
// both frames of the Diagonal Reach, each heel's reach arrow is drawn
// within 2 degrees of the line of its shin, from the knee toward the
// ankle, pointing back toward the feet. From the knee through the heel,
// which the upright foot holds above the ankle, the arrows pointed up and
// back some 6 degrees off the leg (a fresh reviewer: "the heel's arrow
// points up").
func TestHeelArrowsAlongTheShin(t *testing.T) {
	for _, id := range []string{"zombie-crawl", "zombie-crawl-diagonal-reach"} {
		for frame, p := range pictures(t, id) {
			n := 0
			for _, sh := range p.viewDrawing().Shapes {
				if sh.Class != Reach || sh.Closed || len(sh.Points) != 2 || !strings.Contains(sh.Part, "heel") {
					continue
				}
				a, b := sh.Points[0], sh.Points[1]
				// The heel whose arrow this is: the one near its start that
				// its line passes through (it starts past its heel, the way
				// it points; the two heels lie a few cm apart).
				dx, dy := b.X-a.X, b.Y-a.Y
				side, best := "", math.Inf(1)
				for _, sd := range []string{"near", "far"} {
					h := p.at(sd + ".heel")
					off := math.Abs((h.X-a.X)*dy-(h.Y-a.Y)*dx) / math.Hypot(dx, dy)
					if math.Hypot(a.X-h.X, a.Y-h.Y) < 12.0/170 && off < best {
						side, best = sd, off
					}
				}
				if side != "" {
					n++
					k, ank := p.at(side+".knee"), p.at(side+".ankle")
					shin := math.Atan2(ank.Y-k.Y, ank.X-k.X) * 180 / math.Pi
					arrow := math.Atan2(b.Y-a.Y, b.X-a.X) * 180 / math.Pi
					if d := math.Abs(math.Remainder(arrow-shin, 360)); d > 2 {
						t.Errorf("%s frame %d: the %s heel's arrow is drawn at %.0f degrees, %.0f off the line of its shin (%.0f), want 2 or less", id, frame+1, side, arrow, d, shin)
					}
					if b.X >= a.X {
						t.Errorf("%s frame %d: the %s heel's arrow points toward the head, want back toward the feet", id, frame+1, side)
					}
				}
			}
			if n == 0 {
				t.Errorf("%s frame %d: no heel arrow drawn", id, frame+1)
			}
		}
	}
}

// TestDiagonalReachHeelPressesBack checks that the Diagonal Reach's near
// heel presses back in the body, not in its arrow alone: at the end the
// near heel is drawn 2 cm or more further back (toward the feet) than at
// the start, over toes that stay down on the mat. Once the foot stayed
// as it was and only the arrow said the heel pressed.
func TestDiagonalReachHeelPressesBack(t *testing.T) {
	pics := pictures(t, "zombie-crawl-diagonal-reach")
	if len(pics) != 2 {
		t.Fatalf("frames = %d, want 2", len(pics))
	}
	if d := (pics[0].at("near.heel").X - pics[1].at("near.heel").X) * 170; d < 2 {
		t.Errorf("the near heel is drawn %.1f cm further back at the end than at the start, want 2 or more", d)
	}
	for i, p := range pics {
		j := p.s.Body.Joints
		if up := (j["near.toetip"].Y - toesR - p.s.ground()) * 170; up > 2 {
			t.Errorf("frame %d: the near toes are %.0f cm off the mat, want down on it (tucked)", i+1, up)
		}
	}
}

// TestZombieShadowsShowTheLift checks that the Zombie Crawls show, seen
// from a little above, their lifted knees and elbows off the mat in the
// picture itself: under the near knee and the near elbow a shadow lies
// on the mat, with 2 cm
// or more of mat drawn between the limb's underside and its shadow. Seen
// from a little above, the straight leg lifted 8 cm at the knee lay over
// the mat as if down on it (a fresh reviewer: "the knee lift is only an
// arrow"), and the near elbow was drawn in line with its arm ("the near
// elbow lies flat").
func TestZombieShadowsShowTheLift(t *testing.T) {
	for _, c := range []struct {
		id     string
		joints []string
	}{
		{"zombie-crawl", []string{"near.knee", "near.elbow"}},
		// The far elbow lifts past the mat's far edge, where no shadow is
		// drawn: peaked, it shows its lift by itself.
		{"zombie-crawl-diagonal-reach", []string{"near.knee", "near.elbow"}},
	} {
		for frame, p := range pictures(t, c.id) {
			shadows := p.shadows()
			for _, j := range c.joints {
				r := shinR
				if strings.HasSuffix(j, "elbow") {
					r = forearmR
				}
				// The shadow straight under the joint, and its top edge
				// where it is drawn: a circle r round on the mat, seen
				// from a little above, is r times the pitch's sine tall.
				down := p.s.Body.Joints[j]
				down.Y = p.s.ground()
				under := p.pr.point(down)
				shaded := false
				for _, sh := range shadows {
					shaded = shaded || inPolygon(under, sh.Points)
				}
				if !shaded {
					t.Errorf("%s frame %d: no shadow on the mat under the %s", c.id, frame+1, strings.ReplaceAll(j, ".", " "))
					continue
				}
				gap := (p.at(j).Y - r - (under.Y + r*p.pr.psin)) * 170
				if gap < 2 {
					t.Errorf("%s frame %d: the mat between the %s and its shadow is drawn %.1f cm high, want 2 or more", c.id, frame+1, strings.ReplaceAll(j, ".", " "), gap)
				}
			}
		}
	}
}
