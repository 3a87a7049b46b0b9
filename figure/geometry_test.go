package figure

import (
	"errors"
	"math"
	"strings"
	"testing"

	"backcare"
	"backcare/catalog"
)

func builtinPoses(t *testing.T) []backcare.Pose {
	t.Helper()
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return cat.Poses()
}

func place(t *testing.T, p backcare.Pose) *Scene {
	t.Helper()
	s, err := Place(p.Figure)
	if err != nil {
		t.Fatalf("Place(%s) = %v", p.ID, err)
	}
	return s
}

// TestNothingBelowTheFloor checks every point of every built-in figure's
// surface against the floor (or the mat it lies on).
func TestNothingBelowTheFloor(t *testing.T) {
	for _, p := range builtinPoses(t) {
		s := place(t, p)
		ground := 0.0
		if s.mat {
			ground = matTop
		}
		lowest := math.Inf(1)
		for _, b := range s.Body.allBlobs() {
			lowest = min(lowest, b.p.Y-b.r)
		}
		if lowest < ground-sinkTol {
			t.Errorf("%s: lowest surface = %.3f H, want at least %.3f (the floor)", p.ID, lowest, ground-sinkTol)
		}
		if lowest > ground+touchTol {
			t.Errorf("%s: lowest surface = %.3f H, want the body on the floor at %.3f", p.ID, lowest, ground)
		}
	}
}

// TestSupportedPartsTouch checks that hands (and every other part) resting
// on a counter, chair, wall or the floor touch it.
func TestSupportedPartsTouch(t *testing.T) {
	supported := 0
	for _, p := range builtinPoses(t) {
		s := place(t, p)
		for part, target := range p.Figure.Rests {
			for _, m := range bodyParts[part] {
				blobs := s.Body.blobs(m)
				var gap float64
				switch target {
				case "floor", "mat":
					gap = lowest(blobs) - map[bool]float64{true: matTop, false: 0}[s.mat]
				case "wall":
					w := s.prop("wall")
					switch w.place {
					case "ahead":
						gap = w.plane - extreme(blobs, func(b blob) float64 { return b.p.X + b.r }, math.Max)
					case "behind":
						gap = extreme(blobs, func(b blob) float64 { return b.p.X - b.r }, math.Min) - w.plane
					case "beside":
						gap = extreme(blobs, func(b blob) float64 { return b.p.Z - b.r }, math.Min) - w.plane
					}
				default:
					gap = lowest(blobs) - s.prop(target).top
					if strings.Contains(part, "hand") {
						supported++
					}
				}
				if math.Abs(gap) > touchTol {
					t.Errorf("%s: %s on the %s: gap = %.3f H, want within %.3f", p.ID, memberName(part, m), target, gap, touchTol)
				}
			}
		}
	}
	if supported == 0 {
		t.Error("no built-in pose rests its hands on a counter or chair; the test checked nothing")
	}
}

func lowest(bs []blob) float64 {
	return extreme(bs, func(b blob) float64 { return b.p.Y - b.r }, math.Min)
}

func extreme(bs []blob, f func(blob) float64, pick func(a, b float64) float64) float64 {
	v := f(bs[0])
	for _, b := range bs[1:] {
		v = pick(v, f(b))
	}
	return v
}

// TestSegmentLengths checks that the skeleton keeps its proportions in every
// pose: posing only turns joints.
func TestSegmentLengths(t *testing.T) {
	want := Pose(nil).SegmentLengths()
	if len(want) != 19 {
		t.Fatalf("the skeleton has %d segments, want 19", len(want))
	}
	if got := want["near.thigh"]; math.Abs(got-thighLen) > 1e-12 {
		t.Errorf("standing thigh = %v, want %v", got, thighLen)
	}
	for _, p := range builtinPoses(t) {
		got := place(t, p).Body.SegmentLengths()
		for name, l := range want {
			if math.Abs(got[name]-l) > 1e-9 {
				t.Errorf("%s: %s = %.6f H, want %.6f", p.ID, name, got[name], l)
			}
		}
	}
}

// TestSidesMirror checks that the two sides of a sided pose are exact
// mirror images, shape by shape, with near and far kept.
func TestSidesMirror(t *testing.T) {
	sided := 0
	for _, p := range builtinPoses(t) {
		if !p.Sided {
			continue
		}
		sided++
		s := place(t, p)
		r, l := s.Drawing(backcare.Right), s.Drawing(backcare.Left)
		if len(r.Shapes) != len(l.Shapes) {
			t.Fatalf("%s: %d shapes on the right, %d on the left", p.ID, len(r.Shapes), len(l.Shapes))
		}
		for i := range r.Shapes {
			a, b := r.Shapes[i], l.Shapes[i]
			if a.Class != b.Class || a.Part != b.Part || a.Width != b.Width || a.Radius != b.Radius || len(a.Points) != len(b.Points) {
				t.Fatalf("%s: shape %d = %+v on the right, %+v on the left", p.ID, i, a, b)
			}
			for k := range a.Points {
				if a.Points[k].X != -b.Points[k].X || a.Points[k].Y != b.Points[k].Y {
					t.Fatalf("%s: shape %d (%s) point %d = %v on the right, %v on the left, want a mirror image", p.ID, i, a.Part, k, a.Points[k], b.Points[k])
				}
			}
		}
		if r.Min.X != -l.Max.X || r.Max.X != -l.Min.X {
			t.Errorf("%s: bounds %v-%v on the right, %v-%v on the left", p.ID, r.Min, r.Max, l.Min, l.Max)
		}
	}
	if sided == 0 {
		t.Fatal("no sided pose in the catalog")
	}
}

// TestNearFarShading checks that far limbs get their own class and are
// painted before the near ones in side view.
func TestNearFarShading(t *testing.T) {
	s, err := Place(backcare.Figure{View: "side"})
	if err != nil {
		t.Fatal(err)
	}
	d := s.Drawing(backcare.NoSide)
	first := map[string]int{}
	for i, sh := range d.Shapes {
		if _, ok := first[sh.Part]; !ok {
			first[sh.Part] = i
		}
		wantFar := strings.HasPrefix(sh.Part, "far.")
		if (sh.Class == Far) != wantFar && (sh.Class == Far || sh.Class == Near) {
			t.Errorf("%s class = %s", sh.Part, sh.Class)
		}
	}
	for _, pair := range [][2]string{{"far.thigh", "trunk"}, {"trunk", "near.thigh"}, {"far.upperarm", "near.upperarm"}} {
		if first[pair[0]] >= first[pair[1]] {
			t.Errorf("%s painted at %d, after %s at %d", pair[0], first[pair[0]], pair[1], first[pair[1]])
		}
	}
}

// TestCheckProblems checks that a bad figure is refused with the field at
// fault and a hint.
func TestCheckProblems(t *testing.T) {
	stand := map[string]float64{}
	tests := []struct {
		name  string
		fig   backcare.Figure
		where string
		msg   string
	}{
		{"unknown joint", backcare.Figure{Angles: map[string]float64{"near.kne": 10}}, "angles.near.kne", `"near.kne" is not a joint`},
		{"angle out of range", backcare.Figure{Angles: map[string]float64{"knees": 200}}, "angles.knees", "outside what a body can do"},
		{"unknown view", backcare.Figure{View: "top", Angles: stand}, "view", "not side, front or three-quarter"},
		{"unknown prop", backcare.Figure{Props: []string{"sofa"}}, "props.0", `"sofa" is not a prop`},
		{"unknown part", backcare.Figure{Rests: map[string]string{"paws": "floor"}}, "rests.paws", "not a body part"},
		{"rest on a missing prop", backcare.Figure{Rests: map[string]string{"hands": "counter"}}, "rests.hands", "not in the props"},
		{"counter with nothing on it", backcare.Figure{Props: []string{"counter"}}, "rests", "nothing rests on the counter"},
		{"hands do not reach the floor", backcare.Figure{Rests: map[string]string{"feet": "floor", "hands": "floor"}}, "rests.hands", "should rest on the floor"},
		{"counter too low", backcare.Figure{Props: []string{"counter"}, Rests: map[string]string{"hands": "counter", "feet": "floor"}}, "rests", "high"},
		{"leg through the floor", backcare.Figure{Rests: map[string]string{"near.foot": "floor"}, Angles: map[string]float64{"near.knee": 60}}, "angles", "below the floor"},
		{"unknown highlight", backcare.Figure{Highlight: []string{"spleen"}}, "highlight.0", "not a body part"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(tt.fig)
			if err == nil {
				t.Fatal("Check = nil, want a problem")
			}
			var found bool
			for _, e := range flatten(err) {
				var be *backcare.Error
				if errors.As(e, &be) && be.Where == tt.where && strings.Contains(be.Message, tt.msg) && be.Hint != "" && be.Code == backcare.EINVALID {
					found = true
				}
			}
			if !found {
				t.Errorf("Check = %v, want a problem at %s containing %q, with a hint", err, tt.where, tt.msg)
			}
		})
	}
	if err := Check(backcare.Figure{View: "side", Rests: map[string]string{"feet": "floor"}}); err != nil {
		t.Errorf("Check(standing) = %v, want nil", err)
	}
}

func flatten(err error) []error {
	if m, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range m.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// TestJointTypoHint checks the "did you mean" hint.
func TestJointTypoHint(t *testing.T) {
	err := Check(backcare.Figure{Angles: map[string]float64{"near.sholder": 90}})
	if err == nil || !strings.Contains(err.Error(), `did you mean "near.shoulder"`) {
		t.Errorf("Check = %v, want a hint naming near.shoulder", err)
	}
}

// TestBraille checks the terminal drawing's size and that it draws.
func TestBraille(t *testing.T) {
	d, err := Draw(backcare.Figure{Rests: map[string]string{"feet": "floor"}}, backcare.NoSide)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{40, 12}, {10, 4}, {1, 1}} {
		out := d.Braille(size[0], size[1])
		lines := strings.Split(out, "\n")
		if len(lines) != size[1] {
			t.Errorf("Braille(%d, %d) has %d lines, want %d", size[0], size[1], len(lines), size[1])
		}
		dots := 0
		for _, l := range lines {
			if n := len([]rune(l)); n != size[0] {
				t.Errorf("Braille(%d, %d) line has %d cells, want %d", size[0], size[1], n, size[0])
			}
			for _, r := range l {
				if r < 0x2800 || r > 0x28ff {
					t.Fatalf("Braille drew %q, not a braille cell", r)
				}
				if r != 0x2800 {
					dots++
				}
			}
		}
		if dots == 0 {
			t.Errorf("Braille(%d, %d) is blank", size[0], size[1])
		}
	}
	if got := d.Braille(0, 5); got != "" {
		t.Errorf("Braille(0, 5) = %q, want empty", got)
	}
}
