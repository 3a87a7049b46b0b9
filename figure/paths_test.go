package figure

import (
	"math"
	"strings"
	"testing"

	"backcare"
	"backcare/catalog"
)

// TestPaths checks the paths a figure may draw: which are accepted, and
// that each draws marks of class reach.
func TestPaths(t *testing.T) {
	lying := backcare.Figure{View: "side", Props: []string{"mat"}, Rests: map[string]string{"pelvis": "mat", "feet": "mat"},
		Angles: map[string]float64{"pelvis": -90, "hips": 47, "knees": 100, "ankles": -36}}
	tests := []struct {
		path  string
		moves map[string]float64
		bad   string // part of the problem, "" when accepted
	}{
		{"turn pelvis", map[string]float64{"neck": 25}, ""},
		{"turn pelvis ccw", nil, ""},
		{"square near.hand", nil, ""},
		{"square far.heel", nil, ""},
		{"sway knees", map[string]float64{"neck": 25}, ""},
		{"press lumbar", nil, ""},
		{"lift knees", nil, ""},
		{"lift near.elbow", nil, "should lift off the floor"},
		{"lift pelvis", nil, "should lift off the floor"},
		{"space lumbar", nil, "should be off the floor, with a space under it"},
		{"press lumbar at end", map[string]float64{"neck": 25}, "draws no path"},
		{"turn pelvis at start", map[string]float64{"neck": 25}, "draws no path"},
		{"press lumbar at end", nil, "does not move"},
		{"press lumbar at noon", nil, "is not a path"},
		{"spin pelvis", nil, "is not a path"},
		{"turn", nil, "is not a path"},
		{"square nose", nil, "a path can be drawn at"},
		{"square left.hand", nil, "a path can be drawn at"},
		{"reach near.hand", nil, ""},
		{"reach near.heel at end", map[string]float64{"neck": 25}, "draws no path"},
		{"reach far.hand at start", map[string]float64{"neck": 25}, "draws no path"},
		{"reach knees", nil, "a reach path is drawn at the hands"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			f := lying
			f.Paths, f.Moves = []string{tt.path}, tt.moves
			if strings.HasPrefix(tt.path, "sway") {
				// A sway arrow goes across the body: it is drawn in a
				// view from the foot end (TestSwaySeenEdgeOn).
				f = kneeSway(t)
			}
			frames, err := DrawFrames(f, backcare.Right)
			if tt.bad == "draws no path" {
				// A path for one frame of the movement: drawn on that
				// frame, and on the other not.
				if err != nil {
					t.Fatal(err)
				}
				want := 0
				if strings.HasSuffix(tt.path, "at start") {
					want = 1
				}
				for i, d := range frames {
					n := 0
					for _, sh := range d.Shapes {
						if sh.Class == Reach {
							n++
						}
					}
					if got := n > 0; got != (i != want) {
						t.Errorf("frame %d draws the path = %v, want %v", i+1, got, i != want)
					}
				}
				return
			}
			if tt.bad != "" {
				if err == nil || !strings.Contains(err.Error(), tt.bad) || !strings.Contains(err.Error(), "paths.0") {
					t.Fatalf("DrawFrames = %v, want a problem at paths.0 saying %q", err, tt.bad)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, d := range frames {
				n := 0
				for _, sh := range d.Shapes {
					if sh.Class == Reach {
						n++
					}
				}
				if n == 0 {
					t.Errorf("frame %d draws no path", i+1)
				}
			}
		})
	}
}

// TestSwaySeenEdgeOn checks that a sway arrow, an arc across the body, is
// drawn in the view from the foot end and left out of the side view, where
// it is seen edge-on as a straight up-and-down arrow that reads as the
// knees lifting: the knee sway, seen from the side and from the foot end
// (as it was drawn once; now from above and from the foot end), draws one
// sway arrow (its arc and two heads), not two.
func TestSwaySeenEdgeOn(t *testing.T) {
	f := kneeSway(t)
	f.View = "side and front"
	frames, err := DrawFrames(f, backcare.Right)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range frames {
		if got, want := len(shapesOf(d, Reach, "knees")), 3; got != want {
			t.Errorf("frame %d: sway arrow shapes = %d, want %d", i+1, got, want)
		}
	}
}

// TestSwayArcRoundTheFeet checks that the sway arrow seen from the foot
// end is an arc round the feet the knees stand on, the same in both frames
// of the movement: centred under the knees, it moved with them from frame
// to frame, one end well short of the knees that leaned toward it, and
// reached out past the mat on the side they leaned to, which made the
// Knee Sway's view from the foot end a tenth wider.
func TestSwayArcRoundTheFeet(t *testing.T) {
	f := kneeSway(t)
	f.View = "above and front"
	scenes, err := placeFrames(Frames(f))
	if err != nil {
		t.Fatal(err)
	}
	var arcs [][]Point
	for i, s := range scenes {
		front := view{90, 0}
		d := s.drawView(backcare.Right, front)
		for _, sh := range shapesOf(d, Reach, "knees") {
			if !sh.Closed {
				arcs = append(arcs, sh.Points)
			}
		}
		if len(arcs) != i+1 {
			t.Fatalf("frame %d: %d sway arcs, want 1", i+1, len(arcs)-i)
		}
		// The arc's middle over the middle of the feet.
		pr := newProjector(front.yaw, front.pitch)
		feet := pr.point(s.Body.Joints["near.heel"].add(s.Body.Joints["far.heel"]).scale(0.5))
		a := arcs[i]
		if mid := (a[0].X + a[len(a)-1].X) / 2; math.Abs(mid-feet.X)*170 > 1 {
			t.Errorf("frame %d: the sway arc is centred %.0f cm across from the middle of the feet, want 1 or less", i+1, (mid-feet.X)*170)
		}
	}
	if len(arcs) != 2 {
		t.Fatalf("frames = %d, want 2", len(arcs))
	}
	for k := range arcs[0] {
		if d := math.Hypot(arcs[0][k].X-arcs[1][k].X, arcs[0][k].Y-arcs[1][k].Y) * 170; d > 3 {
			t.Fatalf("the sway arc's point %d moves %.1f cm from the start to the end, want 3 or less: it stays put", k, d)
		}
	}
}

// kneeSway is the built-in knee sway's figure.
func kneeSway(t *testing.T) backcare.Figure {
	t.Helper()
	p, err := catalog.Builtin().Pose("knee-sway")
	if err != nil {
		t.Fatal(err)
	}
	return p.Figure
}

// TestTurnFollowsTheMoves checks that a turn arrow turns the way the
// movement turns its joint: the pelvis rolling back (its angle more
// negative) turns counter-clockwise, seen from the near side.
func TestTurnFollowsTheMoves(t *testing.T) {
	f := backcare.Figure{Angles: map[string]float64{"pelvis": -80}, Moves: map[string]float64{"pelvis": -98}, Paths: []string{"turn pelvis"}}
	for i, fr := range Frames(f) {
		if got := fr.Paths[0]; got != "turn pelvis ccw" {
			t.Errorf("frame %d path = %q, want turn pelvis ccw", i+1, got)
		}
	}
	f.Moves["pelvis"] = -60
	if got := Frames(f)[1].Paths[0]; got != "turn pelvis cw" {
		t.Errorf("path = %q, want turn pelvis cw", got)
	}
}

// TestLiftLeftOutFromStraightAbove checks that a lift arrow, which points
// up from the floor, is left out of a view from straight above, where it
// points at the camera and is drawn as a red dash on the part (the
// Diagonal Reach, once seen from straight above and from the side), and
// drawn in the view from a little above. The Diagonal Reach is now seen
// from a little above alone; its figure is drawn here in both views.
func TestLiftLeftOutFromStraightAbove(t *testing.T) {
	p, err := catalog.Builtin().Pose("zombie-crawl-diagonal-reach")
	if err != nil {
		t.Fatal(err)
	}
	f := p.Figure
	f.View = "above and side from above"
	s, err := Place(f)
	if err != nil {
		t.Fatal(err)
	}
	if s.second == nil {
		t.Fatalf("view = %q, want two views", f.View)
	}
	for _, tt := range []struct {
		name string
		v    view
		want bool
	}{
		{"from straight above", view{s.yaw, s.pitch}, false},
		{"from a little above", *s.second, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lifts := 0
			for _, sh := range s.drawView(backcare.Right, tt.v).Shapes {
				if sh.Class == Reach && (sh.Part == "near.knee" || sh.Part == "near.elbow") {
					lifts++
				}
			}
			if got := lifts > 0; got != tt.want {
				t.Errorf("lift arrows drawn = %v (%d shapes), want %v", got, lifts, tt.want)
			}
		})
	}
}

// TestShadowSeenFromALittleAbove checks that the body's shadow (the
// Zombie Crawl's) is drawn on the mat only in a view from a little
// above, where a lifted limb otherwise lies over the mat as if down on
// it: seen level the gap under the limb shows by itself, and from
// straight above the shadow would lie right under the body.
func TestShadowSeenFromALittleAbove(t *testing.T) {
	p, err := catalog.Builtin().Pose("zombie-crawl")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		view string
		want bool
	}{{"side from above", true}, {"side", false}, {"above", false}} {
		t.Run(tt.view, func(t *testing.T) {
			f := p.Figure
			f.View = tt.view
			s, err := Place(f)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, sh := range s.Drawing(backcare.Right).Shapes {
				if sh.Class == Shadow {
					n++
				}
			}
			if got := n > 0; got != tt.want {
				t.Errorf("shadows drawn = %v (%d shapes), want %v", got, n, tt.want)
			}
		})
	}
}
