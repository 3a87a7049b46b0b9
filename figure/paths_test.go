package figure

import (
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
// drawn in the view from the foot end or from above and left out of the side view, where
// it is seen edge-on as a straight up-and-down arrow that reads as the
// knees lifting: the knee sway, seen from the side and from the foot end,
// draws one sway arrow (its arc and two heads), not two.
func TestSwaySeenEdgeOn(t *testing.T) {
	f := kneeSway(t)
	first, second, _ := strings.Cut(f.View, " and ")
	across := func(v string) bool { return strings.HasPrefix(v, "front") || v == "above" }
	sideFront := strings.HasPrefix(first, "side") && across(second)
	frontSide := across(first) && strings.HasPrefix(second, "side")
	if !sideFront && !frontSide && f.View != "above" {
		t.Fatalf("knee sway view = %q, want a side view and a front view or one from above, in either order, or the view from above alone", f.View)
	}
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
