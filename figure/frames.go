package figure

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"backcare"
)

// Frames returns the figures of a pose's movement: the figure as written
// (the start) and, when it moves, the figure at the end of the movement,
// whose angles are the start's with the Moves laid over them. The arrows
// of reach are drawn on the end only.
func Frames(f backcare.Figure) []backcare.Figure {
	if len(f.Moves) == 0 {
		return []backcare.Figure{f}
	}
	end := f
	end.Moves = nil
	end.Angles = make(map[string]float64, len(f.Angles)+len(f.Moves))
	for k, v := range f.Angles {
		end.Angles[k] = v
	}
	for k, v := range f.Moves {
		end.Angles[k] = v
	}
	// The arrows of reach show where the movement goes: they belong to
	// its end.
	start := f
	start.Moves, start.Reach = nil, nil
	// A turn path turns the way the movement does, which the frames,
	// without their moves, no longer know.
	// A path written "at start" or "at end" belongs to that frame only
	// (the Pelvic Tilt: the turn of the pelvis on the arched start, the
	// press of the small of the back on the flat end).
	if len(f.Paths) > 0 {
		start.Paths, end.Paths = nil, nil
		for _, p := range f.Paths {
			p, frame := pathFrame(p)
			// A square at the end of the movement is drawn with the tip
			// at its top corner, the start's at its bottom one: the
			// square stays where it is and the tip goes round it.
			if fl := strings.Fields(p); len(fl) == 2 && fl[0] == "square" && frame == "" {
				start.Paths = append(start.Paths, p)
				end.Paths = append(end.Paths, p+" top")
				continue
			}
			if fl := strings.Fields(p); len(fl) == 2 && fl[0] == "turn" {
				if turnsCCW(f, pathKey(fl[1])) {
					p += " ccw"
				} else {
					p += " cw"
				}
			}
			// A lower path goes the way the movement takes the limb's
			// tip: the Dead Bug's far arm, up and leaning a little toward
			// the feet, lowers back over the head, not on the way it leans.
			if fl := strings.Fields(p); len(fl) == 2 && fl[0] == "lower" {
				if ccw, ok := lowersCCW(f.Angles, end.Angles, fl[1]); ok {
					p += map[bool]string{true: " ccw", false: " cw"}[ccw]
				}
			}
			if frame != "end" {
				start.Paths = append(start.Paths, p)
			}
			if frame != "start" {
				end.Paths = append(end.Paths, p)
			}
		}
	}
	return []backcare.Figure{start, end}
}

// checkFrames checks every frame of a figure. A problem of the end frame
// names the moves: "moves.near.knee" for an angle the moves set, else
// "moves".
func checkFrames(f backcare.Figure) error {
	frames := Frames(f)
	// Every frame is checked among the props as the drawing places them,
	// once for all the frames; a frame that cannot be placed with the
	// others (the end's moves out of range) is checked alone.
	scenes, err := placeFrames(frames)
	check := func(i int) error {
		if err != nil {
			return checkOne(frames[i])
		}
		return scenes[i].check()
	}
	errs := []error{check(0)}
	for i, p := range f.Paths {
		if _, frame := pathFrame(p); frame != "" && len(f.Moves) == 0 {
			errs = append(errs, problem(fmt.Sprintf("paths.%d", i), fmt.Sprintf("the path %q is for the %s of a movement, but the figure does not move", p, frame),
				"leave out \"at "+frame+"\", or give the movement's end under moves"))
		}
	}
	if len(frames) == 2 {
		// Place's problems are reported by the frames' checks; only
		// frames that can be placed are compared.
		if err == nil {
			errs = append(errs, framesDiffer(scenes[0], scenes[1]))
		}
		if err := check(1); err != nil {
			for _, e := range flattenErr(err) {
				var be *backcare.Error
				if !errors.As(e, &be) {
					errs = append(errs, e)
					continue
				}
				moved := *be
				key := strings.TrimPrefix(be.Where, "angles.")
				if _, ok := f.Moves[key]; ok && key != be.Where {
					moved.Where = "moves." + key
				} else {
					moved.Where = "moves"
				}
				moved.Message = "at the end of the movement, " + be.Message
				errs = append(errs, &moved)
			}
		}
	}
	return errors.Join(errs...)
}

// minFrameMove is how far, in the drawing, some joint of a movement's end
// frame must be from where it is at the start: about 3 cm. Less, and the
// two frames look the same, so the picture does not show the movement.
const minFrameMove = 0.018

// A movement must also show at the size the chart prints it, where each
// picture is fitted to its box: some joint of the end frame moves at
// least minFrameShare of the picture's larger side (5%: about 13 pixels
// of a picture 260 pixels wide, 5 mm of one 10 cm wide on paper), or some
// body part drawn at least minTurnLength long turns by minFrameTurn or
// more in the picture (an angle reads at any size: the curl-up's head
// nods 30°, the pelvic tilt's lower back 18°). The Bird Dog with Squares
// once moved its fist 9 cm in a picture 2.8 m wide (3%), its arm and leg
// turning 6°: at chart size its two frames were the same picture.
const (
	minFrameShare = 0.05
	minFrameTurn  = 12.0
	minTurnLength = 0.06
)

// framesDiffer reports a movement whose end frame looks like its start:
// the moves turn joints whose turns cancel out (the pelvis tips and the
// lower back bends back by as much), move a part the view sees end-on, or
// move it too little to see at the size the chart prints the picture.
// Of two views, one showing the movement is enough: the Knee Sway is seen
// level from the side, where the knees tipping toward and away from the
// camera hardly move, and from above, where they swing side to side.
func framesDiffer(a, b *Scene) error {
	err := framesDifferIn(a, b, view{a.yaw, a.pitch})
	if err != nil && a.second != nil {
		if framesDifferIn(a, b, *a.second) == nil {
			return nil
		}
	}
	return err
}

// framesDifferIn is framesDiffer for one view.
func framesDifferIn(a, b *Scene, v view) error {
	pr := newProjector(v.yaw, v.pitch)
	most := mostMoved(a, b, pr, pr)
	if most < minFrameMove {
		return problem("moves", fmt.Sprintf("the end of the movement looks the same as its start: no joint moves more than %.0f cm in the picture", most*170),
			"change the moves so that the part that moves shows it (a tilt of the pelvis turns the pelvis and the thighs, a curl lifts the head)")
	}
	d := a.Drawing(backcare.Right)
	size := max(d.Max.X-d.Min.X, d.Max.Y-d.Min.Y)
	turn, part := mostTurned(a, b, pr)
	if most < minFrameShare*size && turn < minFrameTurn {
		return problem("moves", fmt.Sprintf("the end of the movement looks nearly the same as its start at the size the chart prints it: the joint that moves most moves %.0f cm, %.1f%% of the picture's %.0f cm, and the part that turns most, the %s, turns %.0f°",
			most*170, 100*most/size, size*170, strings.ReplaceAll(part, ".", " "), turn),
			fmt.Sprintf("make the movement larger: some joint should move %.0f%% of the picture's size, or some part turn %.0f° or more in the picture", 100*minFrameShare, minFrameTurn))
	}
	return nil
}

// mostTurned is the largest angle by which a body part drawn at least
// minTurnLength long in both frames turns from the start's drawing to the
// end's, in degrees, and that part; the head counts as the line from the
// base of the neck to the crown.
func mostTurned(a, b *Scene, pr projector) (float64, string) {
	best, name := 0.0, ""
	for _, sg := range append(a.Body.segments, segment{name: "head", from: "c7", to: "crown"}) {
		a0, a1 := pr.point(a.Body.Joints[sg.from]), pr.point(a.Body.Joints[sg.to])
		b0, b1 := pr.point(b.Body.Joints[sg.from]), pr.point(b.Body.Joints[sg.to])
		if min(math.Hypot(a1.X-a0.X, a1.Y-a0.Y), math.Hypot(b1.X-b0.X, b1.Y-b0.Y)) < minTurnLength {
			continue
		}
		d := math.Abs(math.Atan2(b1.Y-b0.Y, b1.X-b0.X)-math.Atan2(a1.Y-a0.Y, a1.X-a0.X)) * 180 / math.Pi
		if d > 180 {
			d = 360 - d
		}
		if d > best {
			best, name = d, sg.name
		}
	}
	return best, name
}

// placeFrames places the frames of a movement (Frames): each body on its
// own, and the props once for them all, so that every frame has the same
// props in the same place (placeProps).
func placeFrames(frames []backcare.Figure) ([]*Scene, error) {
	var scenes []*Scene
	var names map[string]string
	for _, fr := range frames {
		s, n, err := placeBody(fr)
		if err != nil {
			return nil, err
		}
		scenes, names = append(scenes, s), n
	}
	if err := placeProps(scenes, names); err != nil {
		return nil, err
	}
	return scenes, nil
}

func checkOne(f backcare.Figure) error {
	s, err := Place(f)
	if err != nil {
		return err
	}
	return s.check()
}

func flattenErr(err error) []error {
	if m, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range m.Unwrap() {
			out = append(out, flattenErr(e)...)
		}
		return out
	}
	return []error{err}
}

// DrawFrames places, checks and draws every frame of a figure for one
// side: one drawing for a still pose, the start and the end for one that
// moves. The frames share one box (Min, Max), so that shown in the same
// place one after the other, the body moves and the floor stays put.
func DrawFrames(f backcare.Figure, side backcare.Side) ([]*Drawing, error) {
	if err := checkFrames(f); err != nil {
		return nil, err
	}
	if f.Works == "far" && side != backcare.NoSide {
		// The side the pose names works on the far side as written: each
		// side's picture is the other's.
		side = side.Other()
	}
	scenes, err := placeFrames(Frames(f))
	if err != nil {
		return nil, err
	}
	// Each view is drawn in every frame first, and its floor and box made
	// one for all the frames, so that the second of two views side by side
	// stands at the same place in every frame too.
	var views [][]*Drawing // [frame][view]
	for _, s := range scenes {
		views = append(views, s.viewDrawings(side))
	}
	for v := range views[0] {
		var col []*Drawing
		for _, fr := range views {
			col = append(col, fr[v])
		}
		shareFloor(col)
		shareBox(col)
	}
	var out []*Drawing
	for i, s := range scenes {
		out = append(out, s.joinViews(views[i], side))
	}
	shareBox(out)
	return out, nil
}

// shareBox gives drawings, the frames of a movement, one box: the box
// round them all.
func shareBox(ds []*Drawing) {
	if len(ds) < 2 {
		return
	}
	lo, hi := ds[0].Min, ds[0].Max
	for _, d := range ds {
		lo = Point{min(lo.X, d.Min.X), min(lo.Y, d.Min.Y)}
		hi = Point{max(hi.X, d.Max.X), max(hi.Y, d.Max.Y)}
	}
	for _, d := range ds {
		d.Min, d.Max = lo, hi
	}
}

// shareFloor gives the drawings of one view in the frames of a movement
// one floor line: each spans the floors of every frame (a floor as wide
// as its frame's body and props once grew under the Single-Leg Hip
// Hinge's leg reaching back).
func shareFloor(ds []*Drawing) {
	if len(ds) < 2 {
		return
	}
	flo, fhi := math.Inf(1), math.Inf(-1)
	for _, d := range ds {
		for _, sh := range d.Shapes {
			if sh.Class == Ground && sh.Part == "floor" {
				for _, p := range sh.Points {
					flo, fhi = min(flo, p.X), max(fhi, p.X)
				}
			}
		}
	}
	for _, d := range ds {
		for i, sh := range d.Shapes {
			if sh.Class != Ground || sh.Part != "floor" {
				continue
			}
			pts := make([]Point, len(sh.Points))
			for k, p := range sh.Points {
				pts[k] = p
				if math.Abs(p.X-flo) < math.Abs(p.X-fhi) {
					pts[k].X = flo
				} else {
					pts[k].X = fhi
				}
			}
			d.Shapes[i].Points = pts
		}
		d.bounds()
	}
}

// sequenceGap is the room between two frames drawn side by side, where
// the arrow from one to the next goes.
const sequenceGap = 0.3

// Sequence lays frames out side by side, from left to right, with an
// arrow from each to the next: the start and the end of a movement on
// paper, where nothing can move.
func Sequence(frames []*Drawing) *Drawing {
	if len(frames) == 1 {
		return frames[0]
	}
	out := &Drawing{}
	x := 0.0
	for i, d := range frames {
		dx := x - d.Min.X
		if i > 0 {
			// The arrow, at mid-height, in the gap before this frame: a
			// dashed shaft and an open chevron in the floor's colour, so
			// that "then" does not read as one of the red arrows of
			// reach or of a path, which show where a part moves.
			y := (d.Min.Y + d.Max.Y) / 2
			a, b := Point{x - sequenceGap + 0.06, y}, Point{x - 0.08, y}
			for k := 0; k < 3; k++ {
				t0, t1 := float64(k)/3, float64(k)/3+0.2
				out.Shapes = append(out.Shapes, Shape{Class: Ground, Part: "then", Width: 0.014,
					Points: []Point{{a.X + (b.X-a.X)*t0, y}, {a.X + (b.X-a.X)*t1, y}}})
			}
			out.Shapes = append(out.Shapes,
				Shape{Class: Ground, Part: "then", Width: 0.014, Points: []Point{{b.X - 0.045, y + 0.04}, b, {b.X - 0.045, y - 0.04}}})
		}
		lo, hi := contentSpan(d)
		for _, sh := range d.Shapes {
			floor := sh.Class == Ground && sh.Part == "floor"
			pts := make([]Point, len(sh.Points))
			for k, p := range sh.Points {
				if floor {
					p.X = max(lo-0.06, min(hi+0.06, p.X))
				}
				pts[k] = Point{p.X + dx, p.Y}
			}
			sh.Points = pts
			out.Shapes = append(out.Shapes, sh)
		}
		x += d.Max.X - d.Min.X + sequenceGap
	}
	out.bounds()
	return out
}

// contentSpan is how far across a drawing its shapes other than the
// floor reach. Side by side on paper, nothing moves from one frame to the
// next, and each frame's floor spans only its own body and props (the
// props the same in every frame): a floor as wide as the other frame's
// leg reaching back left a bare stretch of floor beside the Single-Leg
// Hip Hinge's start, and the chart drew the pair under twice its old
// size.
func contentSpan(d *Drawing) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, sh := range d.Shapes {
		if sh.Class == Gap || sh.Class == Hidden || sh.Class == Ground && sh.Part == "floor" {
			continue
		}
		pad := sh.Width / 2
		if sh.Radius > 0 {
			pad = sh.Radius
		}
		for _, p := range sh.Points {
			lo, hi = min(lo, p.X-pad), max(hi, p.X+pad)
		}
	}
	return lo, hi
}

// mostMoved is how far the joint that differs most is from one scene's
// drawing to the other's, each seen through its own camera.
func mostMoved(a, b *Scene, pa, pb projector) float64 {
	most := 0.0
	for name, p := range a.Body.Joints {
		q := pb.point(b.Body.Joints[name])
		s := pa.point(p)
		most = max(most, math.Hypot(q.X-s.X, q.Y-s.Y))
	}
	return most
}

// MinVariantChange is how far, in units of the person's height, some
// joint of a pose's picture must be from where it is in the picture of
// its easier or harder variant, in at least one frame: about 8 cm. Less,
// and a person cannot tell the two apart from the pictures.
const MinVariantChange = 0.05

// Unlike measures how different two figures look, such as a pose and its
// harder variant: of their frames side by side (the start with the start,
// the end with the end; a still figure with each frame of one that
// moves), the largest distance a joint lies from its place in the other
// picture, each drawn from its own first view, in units of the person's
// height. The figures must be sound (Check).
func Unlike(a, b backcare.Figure) (float64, error) {
	fa, fb := Frames(a), Frames(b)
	most := 0.0
	for i := range max(len(fa), len(fb)) {
		sa, err := Place(fa[min(i, len(fa)-1)])
		if err != nil {
			return 0, err
		}
		sb, err := Place(fb[min(i, len(fb)-1)])
		if err != nil {
			return 0, err
		}
		most = max(most, mostMoved(sa, sb, newProjector(sa.yaw, sa.pitch), newProjector(sb.yaw, sb.pitch)))
	}
	return most, nil
}
