package figure

import (
	"errors"
	"math"
	"strings"
	"testing"

	"backcare"
)

// TestSeenChecks runs the checks of what the picture shows on figures as
// they were written before those checks existed (copied from the catalog
// of that time), each of which a person could not copy from the picture,
// and on the same poses mended.
func TestSeenChecks(t *testing.T) {
	a := func(kv ...any) map[string]float64 {
		m := map[string]float64{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = float64(kv[i+1].(int))
		}
		return m
	}
	oldCurlUp := backcare.Figure{View: "side", Props: []string{"mat"},
		Angles: a("elbows", 91, "far.hip", -2, "lumbar", -5, "near.ankle", 40, "near.hip", 47, "near.knee", 100, "neck", 5, "pelvis", -90, "shoulders", 3, "shoulders.out", 30, "shoulders.turn", -90, "thoracic", 20),
		Rests:  map[string]string{"far.heel": "mat", "near.foot": "mat", "pelvis": "mat"}, Highlight: []string{"belly"}}
	oldChairHinge := backcare.Figure{View: "side", Props: []string{"chair"},
		Angles: a("ankles", 15, "hips", 125, "knees", 45, "neck", 15, "pelvis", 95, "shoulders", 150, "wrists", 40),
		Rests:  map[string]string{"feet": "floor", "hands": "chair"}, Highlight: []string{"back", "near.upperarm", "near.thigh"}}
	oldChildSideReach := backcare.Figure{View: "three-quarter", Props: []string{"mat"},
		Angles: a("ankles", -80, "far.shoulder", 178, "hips", 150, "knees", 144, "lumbar", 10, "lumbar.side", -12, "near.shoulder", 182, "neck", 0, "pelvis", 90, "thoracic", 4, "thoracic.side", -14),
		Rests:  map[string]string{"hands": "mat", "shins": "mat"}, Reach: []string{"hands"}, Highlight: []string{"near.side"}}
	oldPelvicTilt := backcare.Figure{View: "side", Props: []string{"mat"},
		Angles: a("ankles", -36, "hips", 47, "knees", 100, "lumbar", 5, "pelvis", -90, "shoulders", 0),
		Rests:  map[string]string{"feet": "mat", "pelvis": "mat"}, Highlight: []string{"lumbar"}}
	sideBridge := backcare.Figure{View: "front", Props: []string{"mat"},
		Angles: a("far.elbow", 75, "far.hip.out", -10, "far.shoulder.out", 45, "far.shoulder.turn", -90, "knees", 100, "near.elbow", 90, "near.shoulder.out", 66, "pelvis.side", 68),
		Rests:  map[string]string{"near.forearm": "mat", "near.knee": "mat"}, Highlight: []string{"near.side"}, Shows: []string{"shins"}}
	oldFaceDown := backcare.Figure{View: "side", Props: []string{"mat"},
		Angles: a("ankles", -75, "hips", 3, "knees", 3, "neck", -15, "pelvis", 90, "shoulders", 175),
		Rests:  map[string]string{"belly": "mat", "forearms": "mat", "head": "mat", "thighs": "mat"}, Reach: []string{"hands", "feet"}, Highlight: []string{"lumbar"}}
	// Issue 13, second round: the frames of the pelvic tilt were the
	// same picture, and the curl-ups' hands floated over the belly.
	oldTiltMoves := backcare.Figure{View: "side from above", Props: []string{"mat"},
		Angles: a("pelvis", -90, "hips", 47, "knees", 100, "ankles", -36, "shoulders.out", 8, "shoulders", -6),
		Rests:  map[string]string{"pelvis": "mat", "thoracic": "mat", "head": "mat", "feet": "mat", "hands": "mat"},
		Moves:  a("pelvis", -98, "lumbar", 8, "hips", 39)}
	oldElbowsUp := backcare.Figure{View: "side from above", Props: []string{"mat"},
		Angles: a("pelvis", -90, "far.hip", -2, "near.hip", 47, "near.knee", 100, "near.ankle", -37, "shoulders", 28, "shoulders.out", 30, "shoulders.turn", -90, "elbows", 91),
		Rests:  map[string]string{"pelvis": "mat", "far.heel": "mat", "near.foot": "mat", "hands": "mat"}, Highlight: []string{"belly"}}
	oldWallBridge := backcare.Figure{View: "front", Props: []string{"wall beside"},
		Angles: a("pelvis.side", -20, "near.hip.out", 12, "far.hip.out", -20, "far.shoulder.out", 80, "far.elbow", 90),
		Rests:  map[string]string{"feet": "floor", "far.forearm": "wall"}, Highlight: []string{"far.side"}, Shows: []string{"far.forearm"}}
	// Issue 13, third round: an arm drawn through the head, a hand past
	// the mat's edge, the crossed ankle of the figure-four off the thigh.
	oldChildsPose := backcare.Figure{View: "side", Props: []string{"mat"},
		Angles: a("pelvis", 90, "hips", 150, "knees", 144, "ankles", -80, "lumbar", 10, "thoracic", 3, "neck", 0, "shoulders", 180),
		Rests:  map[string]string{"shins": "mat", "hands": "mat"}, Highlight: []string{"back"}}
	oldFigureFour := backcare.Figure{View: "far side", Props: []string{"mat"},
		Angles: a("pelvis", -90, "far.hip", 90, "far.knee", 90, "near.hip", 98, "near.hip.out", 30, "near.hip.turn", 60, "near.knee", 130, "near.ankle", -20),
		Rests:  map[string]string{"pelvis": "mat", "thoracic": "mat", "near.ankle": "far.thigh by the knee"}}
	handOnHead := backcare.Figure{View: "side", Rests: map[string]string{"feet": "floor", "near.hand": "head"},
		Angles: a("near.shoulder", 60, "near.elbow", 150)}
	// Issue 13, fourth round: arms drawn across the crown that hid only 4
	// to 7% of the head's disc, under the old limit of 8%.
	oldCountertop := backcare.Figure{View: "side", Props: []string{"counter"},
		Angles: a("pelvis", 82, "hips", 107, "knees", 35, "ankles", 10, "neck", 45, "shoulders", 180, "wrists", -8),
		Rests:  map[string]string{"feet": "floor", "hands": "counter"}, Highlight: []string{"back"}}
	oldDeadBug := backcare.Figure{View: "side", Props: []string{"mat"},
		Angles: a("pelvis", -90, "hips", 90, "knees", 90, "shoulders", 90),
		Rests:  map[string]string{"pelvis": "mat", "thoracic": "mat"}, Reach: []string{"near.hand", "far.heel"}, Highlight: []string{"belly"},
		Moves: a("near.shoulder", 130, "far.hip", 25, "far.knee", 10)}
	// The far arm of the face-down reach, lying on the mat at its far
	// edge, drawn past the edge from a little above: it read as lifted.
	oldFaceDownReach := backcare.Figure{View: "side from above", Props: []string{"mat"},
		Angles: a("shoulders.out", 15, "pelvis", 90, "hips", 3, "knees", 3, "ankles", -75, "neck", -15, "shoulders", 172, "elbows", 5, "wrists", 6),
		Rests:  map[string]string{"belly": "mat", "thighs": "mat", "head": "mat", "forearms": "mat"}, Reach: []string{"hands", "feet"}, Highlight: []string{"lumbar"}}
	// Issue 13, fifth round: the far arm of the face-down reach behind
	// the middle of the head; the zombie crawl's knees that did not show
	// lifted from above.
	faceDownCloser := mended(oldFaceDownReach, func(f *backcare.Figure) {
		f.Angles["shoulders.out"], f.Angles["shoulders"], f.Angles["elbows"], f.Angles["shoulders.turn"] = 12, 170, 10, -45
	})
	oldZombie := backcare.Figure{View: "side from above", Props: []string{"mat"},
		Angles: a("shoulders.out", 40, "pelvis", 90, "hips", -6, "ankles", 0, "toes", 80, "neck", -15, "shoulders", 190, "shoulders.turn", -120, "elbows", 60, "wrists", 0),
		Rests:  map[string]string{"toes": "mat", "belly": "mat", "nose": "mat", "fingertips": "mat"}, Reach: []string{"hands", "heels"}, Highlight: []string{"lumbar"}}
	// Seen from a little above, the near elbow out to the side toward the
	// camera, lifted a little, is drawn 8 cm below the line from its
	// shoulder to the hand in under the small of the back: a clear corner,
	// which the lift arrow points at.
	elbowsUp := backcare.Figure{View: "side from above", Props: []string{"mat"},
		Angles: a("pelvis", -90, "far.hip", -2, "near.hip", 47, "near.knee", 100, "near.ankle", -37, "shoulders.out", 35, "shoulders.turn", -100, "elbows", 100, "wrists", 30,
			"far.shoulder.out", 24),
		Rests: map[string]string{"pelvis": "mat", "far.heel": "mat", "near.foot": "mat", "hands": "mat"}, Highlight: []string{"belly"},
		Paths: []string{"lift near.elbow"}}
	oldCurlUpArm := mended(oldElbowsUp, func(f *backcare.Figure) {
		f.Angles["shoulders"] = 3
		f.Rests = map[string]string{"pelvis": "mat", "far.heel": "mat", "near.foot": "mat", "near.forearm": "mat"}
	})

	// Issue 13, sixth round: the bird dog with squares, its supporting
	// arm bent with the hand well ahead of the shoulder, and two frames
	// the same picture at chart size.
	oldSquares := backcare.Figure{View: "far side", Props: []string{"mat"},
		Angles: a("pelvis", 80, "near.hip", 78, "near.knee", 100, "near.ankle", -40, "near.toes", 60, "far.hip", -9, "far.knee", 0,
			"near.shoulder", 171, "far.shoulder", 80, "far.wrist", 75, "neck", 40, "far.elbow", 22),
		Rests: map[string]string{"far.hand": "mat", "near.knee": "mat", "near.toes": "mat"}, Reach: []string{"near.hand"}, Highlight: []string{"back"},
		Moves: a("near.shoulder", 177, "near.shoulder.out", 10, "far.hip", -15, "far.hip.out", -8), Paths: []string{"square near.hand", "square far.heel"}}
	tests := []struct {
		name  string
		fig   backcare.Figure
		where string // "" when the figure is sound
		msg   string
	}{
		{"foot stands up on its heel (old curl-up)", oldCurlUp, "rests.near.foot", "should stand flat on the mat"},
		{"highlight painted over the face (old chair-seat hinge)", oldChairHinge, "highlight", "painted over the head"},
		// Down on the mat, its hands reach along it (alongFloor,
		// TestHandArrowsAlongTheMat); held a little off it, they
		// point into the floor.
		{"arrows point into the floor (old child's pose with side reach, the hands held off the mat)", mended(oldChildSideReach, func(f *backcare.Figure) {
			f.Rests = map[string]string{"shins": "mat"}
			f.Angles["wrists"] = -20
		}), "reach", "points into the floor"},
		{"arm hides the highlight (old pelvic tilt)", oldPelvicTilt, "highlight.0", "is hidden"},
		{"front view shows the bent shins end-on (side bridge from the knees)", sideBridge, "shows.0", "seen end-on"},
		{"forearm touches the mat with its wrist only (old face-down reach)", oldFaceDown, "rests.forearms", "should lie along the mat"},
		{"the hand lies past the mat's front edge (old side bridge from the knees)", mended(sideBridge, func(f *backcare.Figure) { f.View = "front and above" }), "angles", "the near hand lies on the floor 11 cm past the mat's edge"},
		{"side bridge from the knees, the forearm toward the head, seen from the front and from above", mended(sideBridge, func(f *backcare.Figure) {
			f.View = "front and above"
			f.Angles["near.shoulder.turn"], f.Angles["pelvis.side"] = 60, 67
		}), "", ""},
		{"child's pose with side reach, seen from above, the hands on the floor beside the mat", mended(oldChildSideReach, func(f *backcare.Figure) {
			f.View = "above"
			f.Rests = map[string]string{"shins": "mat", "hands": "floor"}
		}), "", ""},
		{"the near arm is drawn through the head (old child's pose)", oldChildsPose, "angles", "the near upper arm is drawn across the head"},
		{"child's pose with the arms by the sides", mended(oldChildsPose, func(f *backcare.Figure) { f.Angles["shoulders"], f.Angles["elbows"] = 15, 20 }), "", ""},
		{"a hand over the face", mended(handOnHead, func(f *backcare.Figure) { f.Rests = map[string]string{"feet": "floor"} }), "angles", "the near hand is drawn across the head"},
		{"a hand that rests on the head may cover it", handOnHead, "", ""},
		{"the crossed ankle off the thigh (figure-four)", mended(oldFigureFour, func(f *backcare.Figure) { f.Angles["near.hip"] = 70 }), "rests.near.ankle", "should rest on the far thigh but is 12 cm away"},
		{"the crossed ankle on the thigh, far from the knee", mended(oldFigureFour, func(f *backcare.Figure) { f.Angles["near.knee"] = 150 }), "rests.near.ankle", "27 cm from the knee; it should be by the knee"},
		{"a rest on both thighs", mended(oldFigureFour, func(f *backcare.Figure) { f.Rests = map[string]string{"pelvis": "mat", "near.ankle": "thighs"} }), "rests.near.ankle", "names both sides"},
		{"a rest by an end the part does not have", mended(oldFigureFour, func(f *backcare.Figure) {
			f.Rests = map[string]string{"pelvis": "mat", "near.ankle": "far.thigh by the elbow"}
		}), "rests.near.ankle", "has no end at the elbow"},
		{"the end of the movement is the start's picture (old pelvic tilt)", oldTiltMoves, "moves", "looks the same as its start"},
		{"the hands float over the belly (old curl-up, elbows up)", oldElbowsUp, "rests.hands", "should rest on the mat"},
		{"the forearm crosses the belly (old curl-up)", oldCurlUpArm, "rests.near.forearm", "should rest on the mat"},
		{"only the elbow shows on the wall, the forearm end-on (old wall side bridge)", oldWallBridge, "shows.0", "seen end-on"},
		{"chair-seat hinge without the arm's highlight, the head hanging below the arms", mended(oldChairHinge, func(f *backcare.Figure) {
			f.Highlight = []string{"back", "near.thigh"}
			f.Angles["neck"], f.Angles["shoulders"], f.Angles["pelvis"], f.Angles["wrists"] = 70, 170, 100, 20
		}), "", ""},
		{"the arm is drawn over the face (old chair-seat hinge)", mended(oldChairHinge, func(f *backcare.Figure) { f.Highlight = nil }), "angles", "the near upper arm is drawn across the head"},
		{"the far arm lying on the mat drawn past its far edge (old face-down reach)", oldFaceDownReach, "view", "the far forearm lies down on the mat but is drawn 2 cm past its far edge"},
		{"the far arm passes behind the middle of the head (face-down reach, its arms closer in)", faceDownCloser, "angles", "the far arm passes behind the middle of the head"},
		{"the face-down reach seen from above, the head between the arms", mended(faceDownCloser, func(f *backcare.Figure) { f.View = "above" }), "", ""},
		{"the knees lift, but seen from above they lie on the mat (old zombie crawl)", oldZombie, "view", "seen from above it is drawn on the mat, where it reads as lying down"},
		{"the zombie crawl from level: the gap under the knees shows, but the near arm crosses the head", mended(oldZombie, func(f *backcare.Figure) { f.View = "side" }), "angles", "drawn across the head"},
		{"the zombie crawl's knees lift (lift path)", mended(oldZombie, func(f *backcare.Figure) { f.Paths = []string{"lift near.knee"} }), "", ""},
		{"a lift arrow under an elbow drawn in line with its arm (old zombie crawl)", mended(oldZombie, func(f *backcare.Figure) { f.Paths = []string{"lift near.knee", "lift near.elbow"} }), "paths", "the near elbow lifts off the floor, but its arm is drawn straight"},
		{"a lift arrow under an elbow drawn bent (the far elbow of the old zombie crawl)", mended(oldZombie, func(f *backcare.Figure) { f.Paths = []string{"lift near.knee", "lift far.elbow"} }), "", ""},
		{"a lift arrow under an elbow bent out toward the camera, its hand under the back (curl-up, elbows up)", elbowsUp, "", ""},
		{"the same elbow lifted, seen from straight above", mended(elbowsUp, func(f *backcare.Figure) { f.View = "above" }), "paths", "the near elbow lifts off the floor, but its arm is drawn straight"},
		{"a lift path on a part lying down", mended(oldZombie, func(f *backcare.Figure) { f.Paths = []string{"lift near.knee", "lift hands"} }), "paths.1", "the near fingertips should lift off the floor"},
		{"the arm across the crown, 5% of the head (old countertop hinge)", oldCountertop, "angles", "the near upper arm is drawn across the head"},
		{"the lowered arm across the head at the end (old dead bug)", oldDeadBug, "moves", "the near upper arm is drawn across the head"},
		{"the two frames alike at chart size (old bird dog with squares)", oldSquares, "moves", "looks nearly the same as its start at the size the chart prints it"},
		{"the supporting arm bent, its hand ahead of the shoulder (old bird dog with squares)", oldSquares, "rests.far.hand", "its elbow is bent 22°"},
		{"the head hangs below the back on all fours (old bird dog with squares)", oldSquares, "angles.neck", "on all fours the head hangs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(tt.fig)
			if tt.where == "" {
				if err != nil {
					t.Fatalf("Check = %v, want nil", err)
				}
				return
			}
			for _, e := range flatten(err) {
				var be *backcare.Error
				if errors.As(e, &be) && be.Where == tt.where && strings.Contains(be.Message, tt.msg) && be.Hint != "" {
					return
				}
			}
			t.Errorf("Check = %v, want a problem at %s containing %q", err, tt.where, tt.msg)
		})
	}
}

// mended returns a copy of a figure with an edit made to it.
func mended(f backcare.Figure, edit func(*backcare.Figure)) backcare.Figure {
	f.Angles = maps(f.Angles)
	edit(&f)
	return f
}

func maps(m map[string]float64) map[string]float64 {
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// TestFrames checks a pose that moves: two frames in one box, arrows only
// on the end, and a problem of the end frame named after the moves.
func TestFrames(t *testing.T) {
	lying := map[string]float64{"pelvis": -90, "hips": 47, "knees": 100, "ankles": -36}
	tests := []struct {
		name   string
		moves  map[string]float64
		frames int
		where  string // "" when sound
	}{
		{"still", nil, 1, ""},
		{"the head lifts", map[string]float64{"neck": 25}, 2, ""},
		{"a knee beyond what a body can do", map[string]float64{"knees": 170}, 0, "moves.knees"},
		{"an unknown joint", map[string]float64{"neckk": 10}, 0, "moves.neckk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := backcare.Figure{View: "side", Props: []string{"mat"}, Angles: lying, Rests: map[string]string{"pelvis": "mat", "feet": "mat"},
				Reach: []string{"head"}, Moves: tt.moves}
			frames, err := DrawFrames(f, backcare.NoSide)
			if tt.where != "" {
				var be *backcare.Error
				found := false
				for _, e := range flatten(err) {
					if errors.As(e, &be) && be.Where == tt.where && strings.Contains(be.Message, "end of the movement") {
						found = true
					}
				}
				if !found {
					t.Errorf("DrawFrames = %v, want a problem at %s about the end of the movement", err, tt.where)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(frames) != tt.frames {
				t.Fatalf("frames = %d, want %d", len(frames), tt.frames)
			}
			if tt.frames == 1 {
				return
			}
			if frames[0].Min != frames[1].Min || frames[0].Max != frames[1].Max {
				t.Errorf("frame boxes = %v-%v and %v-%v, want one box", frames[0].Min, frames[0].Max, frames[1].Min, frames[1].Max)
			}
			arrows := func(d *Drawing) (n int) {
				for _, sh := range d.Shapes {
					if sh.Class == Reach {
						n++
					}
				}
				return n
			}
			if a, b := arrows(frames[0]), arrows(frames[1]); a != 0 || b == 0 {
				t.Errorf("arrows = %d at the start and %d at the end, want none and some", a, b)
			}
			var buf strings.Builder
			if err := SVGFrames(&buf, frames, SVGOptions{ID: "x"}); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{`class="bc-figure bc-moves"`, `class="bc-frame bc-frame-1"`, `class="bc-frame bc-frame-2"`} {
				if !strings.Contains(buf.String(), want) {
					t.Errorf("the SVG lacks %s", want)
				}
			}
			seq := Sequence(frames)
			if seq.Max.X-seq.Min.X < 2*(frames[0].Max.X-frames[0].Min.X) {
				t.Errorf("Sequence is %.2f wide, want the two frames side by side", seq.Max.X-seq.Min.X)
			}
			then := 0
			for _, sh := range seq.Shapes {
				if sh.Part == "then" {
					then++
					if sh.Class == Reach {
						t.Errorf("the arrow from start to end is drawn as a reach arrow; want it distinct from the arrows of movement")
					}
				}
			}
			if then == 0 {
				t.Error("Sequence draws no arrow from the start to the end")
			}
		})
	}
}

// TestUnlike checks the measure of how different a pose's picture is from
// its variant's: the curl-up and the curl-up with elbows up as they were
// drawn in issue 13's second round look the same; lifting the elbows
// clear of the floor tells them apart.
func TestUnlike(t *testing.T) {
	curlUp := backcare.Figure{View: "side from above", Props: []string{"mat"},
		Angles: map[string]float64{"pelvis": -90, "far.hip": -2, "near.hip": 47, "near.knee": 100, "near.ankle": -37,
			"shoulders": -14, "shoulders.out": 40, "shoulders.turn": -86, "elbows": 114, "wrists": 4,
			"far.shoulder": -12, "far.shoulder.out": 30, "far.elbow": 108, "far.wrist": -1},
		Rests: map[string]string{"pelvis": "mat", "far.heel": "mat", "near.foot": "mat", "near.forearm": "mat", "near.hand": "mat"},
		Moves: map[string]float64{"thoracic": 7, "neck": 20}}
	oldElbowsUp := mended(curlUp, func(f *backcare.Figure) {
		for k, v := range map[string]float64{"shoulders": -5, "shoulders.out": 39, "shoulders.turn": -95, "elbows": 110, "wrists": 15,
			"far.shoulder": -4, "far.shoulder.turn": -96, "far.elbow": 105, "far.wrist": 10} {
			f.Angles[k] = v
		}
		f.Rests = map[string]string{"pelvis": "mat", "far.heel": "mat", "near.foot": "mat", "hands": "mat"}
	})
	elbowsUp := mended(oldElbowsUp, func(f *backcare.Figure) {
		f.View = "side"
		for k, v := range map[string]float64{"shoulders": 40, "shoulders.turn": -135, "elbows": 125, "wrists": 10,
			"far.shoulder": 40, "far.shoulder.turn": -135, "far.elbow": 125, "far.wrist": 10} {
			f.Angles[k] = v
		}
	})
	tests := []struct {
		name  string
		a, b  backcare.Figure
		alike bool
	}{
		{"a figure and itself", curlUp, curlUp, true},
		{"the curl-up and its old elbows-up variant", curlUp, oldElbowsUp, true},
		{"the curl-up and the elbows lifted off the floor", curlUp, elbowsUp, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Unlike(tt.a, tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if alike := got < MinVariantChange; alike != tt.alike {
				t.Errorf("Unlike = %.0f cm, alike = %v, want %v", got*170, alike, tt.alike)
			}
		})
	}
}

// TestShoulderOnWall checks that a shoulder resting on a wall touches it
// in the drawing too: the wall stood 3 cm off the drawn shoulder of the
// Standing Psoas Lunge, because the shoulder's surface was wider than the
// arm and trunk drawn round it.
func TestShoulderOnWall(t *testing.T) {
	f := backcare.Figure{View: "front", Props: []string{"wall beside"},
		Rests:  map[string]string{"feet": "floor", "far.shoulder": "wall"},
		Angles: map[string]float64{"far.shoulder.out": -20}}
	s, err := Place(f)
	if err != nil {
		t.Fatal(err)
	}
	wall := s.prop("wall").plane
	// The drawn outline nearest the wall: the far upper arm round the
	// shoulder joint, and the trunk round its shoulder edge.
	drawn := min(s.Body.Joints["far.shoulder"].Z-upperArmR, s.Body.Joints["far.shoulderedge"].Z-trunkR)
	if gap := (drawn - wall) * 170; math.Abs(gap) > 0.5 {
		t.Errorf("drawn shoulder to wall = %.1f cm, want 0", gap)
	}
}
