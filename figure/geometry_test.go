package figure

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"

	"backcare"
	"backcare/catalog"
)

func builtinPoses(t *testing.T) []backcare.Pose {
	t.Helper()
	cat := catalog.Builtin()
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
		ground := s.ground()
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
		for part, target := range s.fig.Rests {
			if _, _, onBody := bodyRest(target); onBody {
				continue // a rest on a body part: TestRestOnBody
			}
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
				if math.Abs(gap-s.lift(part)) > touchTol {
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
		{"unknown view", backcare.Figure{View: "top", Angles: stand}, "view", "not side, front, three-quarter, far three-quarter, far side, back or above"},
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

// TestViews checks the view names a figure may use and the camera each
// gives.
func TestViews(t *testing.T) {
	tests := []struct {
		view       string
		yaw, pitch float64
		ok         bool
	}{
		{"", 0, 0, true},
		{"side", 0, 0, true},
		{"three-quarter", 40, 0, true},
		{"front", 90, 0, true},
		{"far side", 180, 0, true},
		{"far three-quarter from above", 140, raisedPitch, true},
		{"back", -90, 0, true},
		{"side from above", 0, raisedPitch, true},
		{"Three-Quarter  from above", 40, raisedPitch, true},
		{"three-quarter from high above", 40, highPitch, true},
		{"front  from high above", 90, highPitch, true},
		{"above", 0, abovePitch, true},
		{"above from above", 0, 0, false},
		{"above from high above", 0, 0, false},
		{"from high above", 0, 0, false},
		{"from above", 0, 0, false},
		{"top", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.view, func(t *testing.T) {
			yaw, pitch, ok := parseView(tt.view)
			if ok != tt.ok || (ok && (yaw != tt.yaw || pitch != tt.pitch)) {
				t.Errorf("parseView(%q) = %v, %v, %v, want %v, %v, %v", tt.view, yaw, pitch, ok, tt.yaw, tt.pitch, tt.ok)
			}
		})
	}
}

// standing is a person standing on the floor, arms by the sides.
var standing = backcare.Figure{View: "side", Rests: map[string]string{"feet": "floor"}}

func firstIndex(d *Drawing) map[string]int {
	first := map[string]int{}
	for i, sh := range d.Shapes {
		if _, ok := first[sh.Part]; !ok && (sh.Class == Near || sh.Class == Far) {
			first[sh.Part] = i
		}
	}
	return first
}

// TestGaps checks that every body part after the first painted is
// preceded by its gap, a little wider than the part, and that a thigh's
// or upper arm's gap leaves its joint with the trunk alone.
func TestGaps(t *testing.T) {
	d, err := Draw(standing, backcare.NoSide)
	if err != nil {
		t.Fatal(err)
	}
	var gaps, body int
	for i, sh := range d.Shapes {
		if sh.Class != Gap {
			if sh.Class == Near || sh.Class == Far {
				body++
			}
			continue
		}
		gaps++
		// The part the gap belongs to follows the run of gaps.
		k := i
		for k < len(d.Shapes) && d.Shapes[k].Class == Gap {
			k++
		}
		var part *Shape
		for j := k; j < len(d.Shapes); j++ {
			if d.Shapes[j].Part == sh.Part && d.Shapes[j].Class != Gap {
				part = &d.Shapes[j]
				break
			}
		}
		if part == nil {
			t.Fatalf("gap %d (%s) is not followed by its part", i, sh.Part)
		}
		if part.Radius > 0 {
			if sh.Radius != part.Radius+GapWidth {
				t.Errorf("%s gap radius = %v, want %v", sh.Part, sh.Radius, part.Radius+GapWidth)
			}
			continue
		}
		if sh.Width != part.Width+2*GapWidth {
			t.Errorf("%s gap width = %v, want %v", sh.Part, sh.Width, part.Width+2*GapWidth)
		}
		if strings.HasSuffix(sh.Part, ".thigh") || strings.HasSuffix(sh.Part, ".upperarm") {
			from := part.Points[0]
			if d := math.Hypot(sh.Points[0].X-from.X, sh.Points[0].Y-from.Y); d < trunkR {
				t.Errorf("%s gap starts %.3f H from the joint, want at least %.3f", sh.Part, d, trunkR)
			}
		}
	}
	if gaps == 0 || body == 0 {
		t.Fatalf("%d gaps, %d body shapes, want some of each", gaps, body)
	}
	// The first body part painted needs no gap.
	for _, sh := range d.Shapes {
		if sh.Class == Gap {
			t.Fatalf("the first body shape is a gap (%s)", sh.Part)
		}
		if sh.Class == Near || sh.Class == Far {
			break
		}
	}
}

// TestHeadByDepth checks that the head is painted after the trunk, and in
// depth order with the arms: lying face down with the arms overhead, the
// near arm passes in front of the head and the far arm behind it.
func TestHeadByDepth(t *testing.T) {
	for _, p := range builtinPoses(t) {
		d := place(t, p).Drawing(backcare.Right)
		first := firstIndex(d)
		if first["trunk"] > first["head"] {
			t.Errorf("%s: trunk painted at %d, after the head at %d", p.ID, first["trunk"], first["head"])
		}
	}
	// Seen from a little above, from the side, the near arm reaching past
	// the head is nearer than it, the far arm farther.
	for _, id := range []string{"zombie-crawl"} {
		p, err := catalog.Builtin().Pose(id)
		if err != nil {
			t.Fatal(err)
		}
		first := firstIndex(place(t, p).Drawing(backcare.Right))
		if near, head := first["near.upperarm"], first["head"]; near < head {
			t.Errorf("%s: near upper arm painted at %d, before the head at %d, want after (it is nearer)", id, near, head)
		}
		if far, head := first["far.upperarm"], first["head"]; far > head {
			t.Errorf("%s: far upper arm painted at %d, after the head at %d, want before", id, far, head)
		}
	}
	// Seen from straight above, the head, higher than the arms lying on
	// the mat beside it, is painted over both (the Face-Down Reach).
	p, err := catalog.Builtin().Pose("face-down-reach")
	if err != nil {
		t.Fatal(err)
	}
	first := firstIndex(place(t, p).Drawing(backcare.Right))
	for _, arm := range []string{"near.upperarm", "far.upperarm"} {
		if first[arm] > first["head"] {
			t.Errorf("face-down-reach: %s painted at %d, after the head at %d, want before (it lies lower)", arm, first[arm], first["head"])
		}
	}
}

// TestFarSideView checks that seen from the far side, the far limbs are
// the ones in front: drawn darker and painted over the near ones.
func TestFarSideView(t *testing.T) {
	fig := standing
	fig.View = "far side"
	d, err := Draw(fig, backcare.NoSide)
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range d.Shapes {
		switch {
		case strings.HasPrefix(sh.Part, "far.") && sh.Class != Gap && sh.Class != Near:
			t.Errorf("%s class = %s, want near (it faces the camera)", sh.Part, sh.Class)
		case strings.HasPrefix(sh.Part, "near.") && sh.Class != Gap && sh.Class != Far:
			t.Errorf("%s class = %s, want far", sh.Part, sh.Class)
		}
	}
	first := firstIndex(d)
	for _, pair := range [][2]string{{"near.thigh", "trunk"}, {"trunk", "far.thigh"}, {"near.upperarm", "far.upperarm"}} {
		if first[pair[0]] >= first[pair[1]] {
			t.Errorf("%s painted at %d, after %s at %d", pair[0], first[pair[0]], pair[1], first[pair[1]])
		}
	}
}

// TestOverlapDecidesOrder checks that where two body parts overlap, the
// one nearer there is painted later, even when the other is nearer on
// average.
func TestOverlapDecidesOrder(t *testing.T) {
	pr := newProjector(0, 0) // side view: depth is z
	// a crosses b in front of it (z 0.1 against 0), but a long tail far
	// behind (z -1) makes it the farther one on average.
	a := group{name: "a", depth: -0.45, caps: []capsule{
		{vec{-0.2, 0, 0.1}, vec{0.2, 0, 0.1}, 0.03},
		{vec{2, 2, -1}, vec{3, 2, -1}, 0.03},
	}}
	b := group{name: "b", depth: 0, caps: []capsule{{vec{0, -0.2, 0}, vec{0, 0.2, 0}, 0.03}}}
	got := paintOrder([]group{b, a}, pr)
	if got[0].name != "b" || got[1].name != "a" {
		t.Errorf("paint order = %s, %s, want b, a (a is in front where they cross)", got[0].name, got[1].name)
	}
	// Groups that do not overlap keep the mean-depth order.
	c := group{name: "c", depth: 1, caps: []capsule{{vec{5, 5, 1}, vec{6, 5, 1}, 0.03}}}
	got = paintOrder([]group{c, b}, pr)
	if got[0].name != "b" || got[1].name != "c" {
		t.Errorf("paint order = %s, %s, want b, c (by mean depth)", got[0].name, got[1].name)
	}
}

// TestGapsSparePropsInPNG checks that the PNG renderer's gaps erase body
// parts painted before, but never the props behind them: the Standing
// Psoas Lunge stands in front of a wall.
func TestGapsSparePropsInPNG(t *testing.T) {
	var lunge backcare.Pose
	for _, p := range builtinPoses(t) {
		if p.ID == "standing-psoas-lunge" {
			lunge = p
		}
	}
	d := place(t, lunge).Drawing(backcare.Right)
	noGaps := &Drawing{Min: d.Min, Max: d.Max}
	for _, sh := range d.Shapes {
		if sh.Class != Gap {
			noGaps.Shapes = append(noGaps.Shapes, sh)
		}
	}
	with, without := d.Image(480, 360, Paper), noGaps.Image(480, 360, Paper)
	is := func(px []uint8, c color.NRGBA) bool { return px[0] == c.R && px[1] == c.G && px[2] == c.B }
	var erased, propLost int
	for i := 0; i < len(with.Pix); i += 4 {
		w, o := with.Pix[i:i+3], without.Pix[i:i+3]
		if is(o, Paper.Near) && !is(w, Paper.Near) {
			erased++
		}
		if is(o, Paper.Prop) && !is(w, Paper.Prop) {
			propLost++
		}
	}
	if erased == 0 {
		t.Error("the gaps erased no body pixels")
	}
	if propLost > 0 {
		t.Errorf("the gaps erased %d pixels of the wall behind the body, want 0", propLost)
	}
}

// TestBrailleShadesFarLimbs checks that far limbs are drawn with fewer
// dots than near ones of the same shape.
func TestBrailleShadesFarLimbs(t *testing.T) {
	bar := func(c Class, x float64) Shape {
		return Shape{Class: c, Part: string(c), Points: []Point{{x, 0}, {x, 1}}, Width: 0.4}
	}
	d := &Drawing{Shapes: []Shape{bar(Far, 0), bar(Near, 1)}}
	d.bounds()
	out := d.Braille(20, 10)
	var left, right int
	for _, line := range strings.Split(out, "\n") {
		cells := []rune(line)
		for i, r := range cells {
			n := bitsSet(r - 0x2800)
			if i < len(cells)/2 {
				left += n
			} else {
				right += n
			}
		}
	}
	if right == 0 || left == 0 || float64(left) > 0.7*float64(right) {
		t.Errorf("far bar has %d dots, near bar %d; want the far one clearly lighter\n%s", left, right, out)
	}
}

func bitsSet(r rune) int {
	n := 0
	for ; r > 0; r >>= 1 {
		n += int(r & 1)
	}
	return n
}

// TestRaisedView checks a view from above: the near limbs, nearer the
// camera, are drawn lower than the far ones, and the floor is drawn along
// the front edge, below the whole body.
func TestRaisedView(t *testing.T) {
	fig := standing
	fig.Rests = map[string]string{"far.foot": "floor"}
	fig.Angles = map[string]float64{"near.hip": 30}
	fig.View = "side from above"
	d, err := Draw(fig, backcare.NoSide)
	if err != nil {
		t.Fatal(err)
	}
	level := fig
	level.View = "side"
	flat, err := Draw(level, backcare.NoSide)
	if err != nil {
		t.Fatal(err)
	}
	y := func(d *Drawing, part string) float64 {
		for _, sh := range d.Shapes {
			if sh.Part == part && sh.Class != Gap {
				return sh.Points[0].Y
			}
		}
		t.Fatalf("no %s", part)
		return 0
	}
	// The shoulders are level; seen from above the near one drops.
	if a, b := y(flat, "near.upperarm"), y(flat, "far.upperarm"); a != b {
		t.Fatalf("level view: shoulders at %v and %v, want level", a, b)
	}
	if a, b := y(d, "near.upperarm"), y(d, "far.upperarm"); a >= b {
		t.Errorf("from above: near shoulder at y %v, far at %v, want the near one lower", a, b)
	}
	var floor *Shape
	lowest := math.Inf(1)
	for i, sh := range d.Shapes {
		switch sh.Class {
		case Ground:
			floor = &d.Shapes[i]
		case Near, Far:
			for _, p := range sh.Points {
				lowest = min(lowest, p.Y-sh.Width/2-sh.Radius)
			}
		}
	}
	if floor == nil {
		t.Fatal("no floor drawn")
	}
	if top := floor.Points[0].Y; top > lowest+1e-9 {
		t.Errorf("floor top at %v, above the lowest body point %v", top, lowest)
	}
	// Looking straight down on a mat, the mat is the floor.
	fig.View, fig.Props = "above", []string{"mat"}
	top, err := Draw(fig, backcare.NoSide)
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range top.Shapes {
		if sh.Class == Ground {
			t.Error("view above draws a floor line; the mat shows the floor")
		}
	}
}

// TestBrailleArrowsStandOut checks that in the terminal an arrow is drawn
// solid while the floor and props beside it are dotted, so the two never
// read as the same thing.
func TestBrailleArrowsStandOut(t *testing.T) {
	bar := func(c Class, y float64) Shape {
		return Shape{Class: c, Part: string(c), Points: []Point{{0, y}, {1, y}}, Width: 0.02}
	}
	for _, c := range []Class{Ground, Prop} {
		t.Run(string(c), func(t *testing.T) {
			d := &Drawing{Shapes: []Shape{bar(c, 0), bar(Reach, 1)}}
			d.bounds()
			lines := strings.Split(d.Braille(20, 8), "\n")
			count := func(ls []string) (n int) {
				for _, l := range ls {
					for _, r := range l {
						n += bitsSet(r - 0x2800)
					}
				}
				return n
			}
			arrow, other := count(lines[:4]), count(lines[4:])
			if other == 0 || arrow < 2*other {
				t.Errorf("arrow has %d dots, the %s line %d; want the arrow at least twice as dense\n%s", arrow, c, other, strings.Join(lines, "\n"))
			}
		})
	}
}

// TestCounterBeside checks the counter beside the body: alongside it on
// the far side, under the hand that rests on it, clear of the body, and
// that only a counter can stand beside.
func TestCounterBeside(t *testing.T) {
	f := backcare.Figure{View: "front", Props: []string{"counter beside"},
		Rests:  map[string]string{"near.foot": "floor", "far.hand": "counter"},
		Angles: map[string]float64{"far.hip": 10, "far.knee": 50, "far.ankle": 25, "far.shoulder.out": 45, "far.elbow": 10}}
	if err := Check(f); err != nil {
		t.Fatalf("Check = %v, want nil", err)
	}
	s, err := Place(f)
	if err != nil {
		t.Fatal(err)
	}
	wrist := s.Body.Joints["far.wrist"]
	c := s.prop("counter")
	for i, b := range c.boxes {
		if b.max.Z > wrist.Z+0.03 {
			t.Errorf("box %d reaches z %.2f, want beside the hand (z %.2f) on the far side", i, b.max.Z, wrist.Z)
		}
		if wrist.X < b.min.X || wrist.X > b.max.X {
			t.Errorf("box %d runs x %.2f..%.2f, want it along the hand (x %.2f)", i, b.min.X, b.max.X, wrist.X)
		}
	}
	for _, bad := range []string{"table beside", "counter behind"} {
		g := f
		g.Props = []string{bad}
		if _, err := Place(g); err == nil || !strings.Contains(err.Error(), "is not a prop") {
			t.Errorf("Place with props [%s] = %v, want a problem saying it is not a prop", bad, err)
		}
	}
}

// TestClosedLids checks that closed eyes read from the side (one lid
// above the nose) and from the front (two lids side by side, not one
// dash down the face).
func TestClosedLids(t *testing.T) {
	for _, tt := range []struct {
		view string
		want int
	}{{"side", 1}, {"front", 2}} {
		f := backcare.Figure{View: tt.view, Eyes: "closed", Rests: map[string]string{"feet": "floor"}}
		d, err := Draw(f, backcare.NoSide)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, sh := range d.Shapes {
			if sh.Part == "eyes" {
				n++
				if a, b := sh.Points[0], sh.Points[len(sh.Points)-1]; math.Hypot(b.X-a.X, b.Y-a.Y) < 0.02 || math.Abs(b.Y-a.Y) > math.Abs(b.X-a.X) {
					t.Errorf("%s view: a lid from %v to %v, want a short line across the face, wider than tall", tt.view, a, b)
				}
			}
		}
		if n != tt.want {
			t.Errorf("%s view: %d lids, want %d", tt.view, n, tt.want)
		}
	}
}

// TestWallNoTallerThanNeeded checks that a wall ahead stands only a little above
// the highest point of the body, so that it does not shrink the figure in
// its box: the Wall Hip Hinge, under a wall 1.3 standing heights tall, was
// drawn at two thirds the scale of the other standing figures.
func TestWallNoTallerThanNeeded(t *testing.T) {
	for _, p := range builtinPoses(t) {
		if !slices.ContainsFunc(p.Figure.Props, func(pr string) bool { return pr == "wall" || pr == "wall ahead" }) {
			continue
		}
		t.Run(p.ID, func(t *testing.T) {
			s := place(t, p)
			_, hi := s.extent()
			// Behind a chair, the wall may stand a little above the
			// chair's back, so that it does not read as a second one.
			most, why := hi.Y+wallAbove, fmt.Sprintf("%.0f cm above the body's highest point, %.0f cm", wallAbove*170, hi.Y*170)
			for _, pr := range s.props {
				for _, b := range pr.boxes {
					if pr.name != "wall" && pr.name != "mat" && b.max.Y+wallOverProp > most {
						most, why = b.max.Y+wallOverProp, fmt.Sprintf("%.0f cm above the %s, %.0f cm", wallOverProp*170, pr.name, b.max.Y*170)
					}
				}
			}
			for _, pr := range s.props {
				if pr.name != "wall" || pr.place != "ahead" {
					continue
				}
				for _, b := range pr.boxes {
					if b.max.Y > most+1e-9 {
						t.Errorf("wall top = %.0f cm, want at most %.0f (%s)", b.max.Y*170, most*170, why)
					}
				}
			}
		})
	}
}

// TestSideHighlightLeavesTheTrunk checks that a highlight along the side
// of the trunk is a band narrower than half the trunk, so that the trunk's
// shape still shows beside it: turned toward the front, the Standing Psoas
// Lunge's side highlight once covered nearly all of its trunk.
func TestSideHighlightLeavesTheTrunk(t *testing.T) {
	for _, p := range builtinPoses(t) {
		if !slices.ContainsFunc(p.Figure.Highlight, func(h string) bool { return strings.HasSuffix(h, "side") }) {
			continue
		}
		t.Run(p.ID, func(t *testing.T) {
			d := place(t, p).Drawing(backcare.Right)
			trunk := 0.0
			for _, sh := range d.Shapes {
				if sh.Part == "trunk" && (sh.Class == Near || sh.Class == Far) {
					trunk = sh.Width
				}
			}
			for _, sh := range d.Shapes {
				if sh.Class == Highlight && strings.HasSuffix(sh.Part, "side") && sh.Width > trunk/2 {
					t.Errorf("%s highlight %.0f cm wide, want at most half the trunk's %.0f cm", sh.Part, sh.Width*170, trunk*170)
				}
			}
		})
	}
}

// TestEyesTurnWithTheFace checks that seen three-quarter the two eyes
// are drawn on the face's half of the head, closer together than from
// the front (centred on the head, as from the front, they looked at the
// camera from a body seen side-on), and that shut lids are thin lines,
// unlike round open eyes (thick lids read as open eyes on the chart, or
// as eyebrows).
func TestEyesTurnWithTheFace(t *testing.T) {
	eyes := func(view, state string) (head, nose Point, shapes []Shape) {
		f := backcare.Figure{View: view, Eyes: state, Rests: map[string]string{"feet": "floor"}}
		d, err := Draw(f, backcare.NoSide)
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range d.Shapes {
			switch sh.Part {
			case "eyes":
				shapes = append(shapes, sh)
			case "head":
				head = sh.Points[0]
			case "nose":
				nose = sh.Points[len(sh.Points)-1]
			}
		}
		if len(shapes) != 2 {
			t.Fatalf("%s view, eyes %s: %d eyes drawn, want 2", view, state, len(shapes))
		}
		return head, nose, shapes
	}
	mid := func(sh Shape) Point { return sh.Points[len(sh.Points)/2] }
	apart := func(s []Shape) float64 { a, b := mid(s[0]), mid(s[1]); return math.Hypot(a.X-b.X, a.Y-b.Y) }
	_, _, front := eyes("front", "open")
	head, nose, tq := eyes("three-quarter", "open")
	toward := Point{nose.X - head.X, nose.Y - head.Y}
	n := math.Hypot(toward.X, toward.Y)
	for i, sh := range tq {
		e := mid(sh)
		if along := ((e.X-head.X)*toward.X + (e.Y-head.Y)*toward.Y) / n; along < 0.05*headR {
			t.Errorf("three-quarter: eye %d is drawn %.2f head radii toward the face from the head's middle, want 0.05 or more (on the face's half)", i+1, along/headR)
		}
	}
	if a, f := apart(tq), apart(front); a > 0.85*f {
		t.Errorf("three-quarter: the eyes are drawn %.3f apart, from the front %.3f: want them closer together, as the face turns away", a, f)
	}
	for _, v := range []string{"side", "front", "three-quarter"} {
		f := backcare.Figure{View: v, Eyes: "open", Rests: map[string]string{"feet": "floor"}}
		d, err := Draw(f, backcare.NoSide)
		if err != nil {
			t.Fatal(err)
		}
		var open float64
		for _, sh := range d.Shapes {
			if sh.Part == "eyes" {
				open = sh.Width
			}
		}
		f.Eyes = "closed"
		d, err = Draw(f, backcare.NoSide)
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range d.Shapes {
			if sh.Part != "eyes" {
				continue
			}
			a, b := sh.Points[0], sh.Points[len(sh.Points)-1]
			if l := math.Hypot(b.X-a.X, b.Y-a.Y) + sh.Width; sh.Width > 0.6*open || l < 2.5*sh.Width {
				t.Errorf("%s view: a shut lid %.3f long and %.3f thick beside open eyes %.3f across, want it no thicker than 0.6 of an open eye and 2.5 times as long as thick (a thin line)", v, l, sh.Width, open)
			}
		}
	}
}
