package figure

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"backcare"
)

// The checks in this file look at the drawing, not the model: a figure can
// be sound in three dimensions and still fail a person who copies it from
// the picture, because the view hides what defines the pose.

// Limits of what the picture must show of a part the pose names.
const (
	minDrawnLength = 0.55 // of a segment's true length: less and it is seen end-on
	minVisible     = 0.5  // of the points along a segment: less and it is hidden
	soleTol        = 0.012
)

// soleProblems reports a foot that rests on a flat surface with only its
// heel or only its toes: a foot named as resting on the floor stands on
// its whole sole (heel and ball both down). A foot on its toes rests as
// toes, a foot on its heel as heel.
func (s *Scene) soleProblems(part string, m []string, surface float64, what string) []error {
	side := ""
	for _, item := range m {
		if _, name, _ := strings.Cut(item, ":"); strings.HasSuffix(name, ".foot") {
			side, _, _ = strings.Cut(name, ".")
		}
	}
	if side == "" {
		return nil
	}
	heel := s.Body.Joints[side+".heel"].Y - footR - surface
	ball := s.Body.Joints[side+".ball"].Y - footR - surface
	if math.Abs(heel) <= soleTol && math.Abs(ball) <= soleTol {
		return nil
	}
	lift, high := "heel", heel
	if math.Abs(ball) > math.Abs(heel) {
		lift, high = "ball of the foot", ball
	}
	tilt := math.Atan2(math.Abs(heel-ball), heelBack+ballFwd) * 180 / math.Pi
	return []error{problem("rests."+part, fmt.Sprintf("the %s foot should stand flat on the %s, but its %s is %.0f cm %s it (the sole is tipped %.0f°)",
		side, what, lift, math.Abs(high)*170, map[bool]string{true: "above", false: "below"}[high > 0], tilt),
		"change the ankle angle so the sole lies flat, or rest the toes or the heel instead of the foot")}
}

// namedPart is a part a figure names, with the field it was named in.
type namedPart struct {
	field string // "highlight.0", "reach.1", "shows.0"
	part  string
	limb  bool // a reach: the whole limb reaches, not just its tip
}

func (s *Scene) namedParts() []namedPart {
	var out []namedPart
	for i, p := range s.fig.Highlight {
		out = append(out, namedPart{fmt.Sprintf("highlight.%d", i), p, false})
	}
	for i, p := range s.fig.Reach {
		out = append(out, namedPart{fmt.Sprintf("reach.%d", i), p, true})
	}
	for i, p := range s.fig.Shows {
		out = append(out, namedPart{fmt.Sprintf("shows.%d", i), p, false})
	}
	return out
}

// reachLimb widens a reaching tip to the limb that reaches: a hand reaches
// with the whole arm, a heel or the toes with the lower leg and foot.
func reachLimb(member []string) []string {
	var out []string
	for _, item := range member {
		kind, name, _ := strings.Cut(item, ":")
		side, base, ok := strings.Cut(name, ".")
		if !ok {
			out = append(out, item)
			continue
		}
		switch base {
		case "hand", "fingertips", "forearm", "wrist":
			out = append(out, "seg:"+side+".upperarm", "seg:"+side+".forearm", "seg:"+side+".hand")
		case "heel", "toes", "foot":
			out = append(out, "seg:"+side+".shin", "seg:"+side+".foot")
		default:
			out = append(out, kind+":"+name)
		}
	}
	return out
}

// ownShapes names the drawn shapes that belong to a model segment.
func ownShapes(seg string) []string {
	side, base, _ := strings.Cut(seg, ".")
	switch {
	case seg == "lumbar" || seg == "thoracic":
		return []string{"trunk", "back"}
	case seg == "neck":
		return []string{"neck", "head"}
	case base == "heel" || base == "foot":
		return []string{side + ".foot"}
	}
	return []string{seg}
}

// pointShapes names the drawn shapes that a named point lies on.
func pointShapes(pt string) []string {
	side, base, ok := strings.Cut(pt, ".")
	if !ok {
		return []string{pt}
	}
	switch base {
	case "hip", "hipedge", "waist", "shoulderedge":
		return []string{"trunk", "back", side + ".thigh", side + ".upperarm"}
	case "shoulder":
		return []string{"trunk", "back", side + ".upperarm"}
	case "knee":
		return []string{side + ".thigh", side + ".shin"}
	case "heel":
		return []string{side + ".foot", side + ".shin"}
	case "elbow":
		return []string{side + ".upperarm", side + ".forearm"}
	case "fingertips":
		return []string{side + ".hand"}
	}
	return []string{pt}
}

// top returns the index of the shape painted last at p, or -1 where only
// the background (or a gap) shows. A gap erases the body, so what shows
// through it is background.
func (d *Drawing) top(p Point) int {
	for i := len(d.Shapes) - 1; i >= 0; i-- {
		sh := d.Shapes[i]
		if !sh.contains(p) {
			continue
		}
		if sh.Class == Gap {
			return -1
		}
		if sh.Class == Hidden {
			continue // a dashed outline over the body hides nothing
		}
		return i
	}
	return -1
}

// contains reports whether p lies on the shape.
func (sh Shape) contains(p Point) bool {
	if sh.Radius > 0 {
		return math.Hypot(p.X-sh.Points[0].X, p.Y-sh.Points[0].Y) <= sh.Radius
	}
	if sh.Closed && inPolygon(p, sh.Points) {
		return true
	}
	pts := sh.Points
	if sh.Closed {
		pts = append(append([]Point(nil), pts...), pts[0])
	}
	for i := 0; i+1 < len(pts); i++ {
		if distToSegment(p, pts[i], pts[i+1]) <= sh.Width/2 {
			return true
		}
	}
	return len(pts) == 1 && math.Hypot(p.X-pts[0].X, p.Y-pts[0].Y) <= sh.Width/2
}

func inPolygon(p Point, poly []Point) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

func distToSegment(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := dx*dx + dy*dy
	t := 0.0
	if l > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l))
	}
	return math.Hypot(p.X-a.X-t*dx, p.Y-a.Y-t*dy)
}

// shows reports whether the shape painted on top at p is one of names, or
// the highlight of part.
func (d *Drawing) shows(p Point, names []string, part string) bool {
	i := d.top(p)
	if i < 0 {
		return false
	}
	sh := d.Shapes[i]
	if sh.Class == Highlight {
		return sh.Part == part
	}
	for _, n := range names {
		if sh.Part == n {
			return true
		}
	}
	return false
}

// seenAlong counts, of 13 points evenly along a drawn segment, those where
// the segment shows: at its centre line or either side of it, within
// its drawn half-width r.
func (d *Drawing) seenAlong(a, b Point, r float64, own []string, part string) float64 {
	l := math.Hypot(b.X-a.X, b.Y-a.Y)
	nx, ny := 0.0, 0.0
	if l > 1e-9 {
		nx, ny = -(b.Y-a.Y)/l, (b.X-a.X)/l
	}
	var n float64
	for k := 0; k <= 12; k++ {
		t := float64(k) / 12
		c := Point{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t}
		for _, o := range []float64{0, 0.6, -0.6} {
			if d.shows(Point{c.X + nx*o*r, c.Y + ny*o*r}, own, part) {
				n++
				break
			}
		}
	}
	return n
}

// seenProblems checks the drawing of the figure's right side (the left is
// its mirror image): every part the pose names (its highlight, its reach,
// the parts it shows) is drawn at near its true length and is mostly in
// view, in at least one of its views; no highlight covers the face; no
// reach arrow points into the floor.
func (s *Scene) seenProblems() []error {
	views := []view{{s.yaw, s.pitch}}
	if s.second != nil {
		views = append(views, *s.second)
	}
	var errs []error
	var named [][]error
	for _, v := range views {
		n, other := s.seenIn(s.drawView(backcare.Right, v), v)
		named = append(named, n)
		errs = append(errs, other...)
	}
	// A named part must show in one view: keep a problem only if every
	// view has it; so must a clear head.
	for i, e := range named[0] {
		if e == nil {
			continue
		}
		all := true
		for _, n := range named[1:] {
			all = all && n[i] != nil
		}
		if all {
			errs = append(errs, e)
		}
	}
	return errs
}

// seenIn checks one view's drawing. named has one entry per named part,
// nil where it shows, and two more for a highlight and a limb drawn over
// the head; other lists the rest of the problems.
func (s *Scene) seenIn(d *Drawing, v view) (named, errs []error) {
	pr := newProjector(v.yaw, v.pitch)
	for _, np := range s.namedParts() {
		// A part on both sides (hands, feet) shows when one of its members
		// does: in side view the far hand lies right behind the near one.
		var first error
		shown := false
		for _, m := range bodyParts[np.part] {
			name := memberName(np.part, m)
			if np.limb {
				m = reachLimb(m)
			}
			err := s.memberSeen(d, pr, np, m, name)
			if err == nil {
				shown = true
				break
			}
			if first == nil {
				first = err
			}
		}
		if shown {
			first = nil
		}
		named = append(named, first)
	}
	// A highlight over the head hides which end of the body is which and
	// which way the face looks.
	// Of two views, the head may be hidden behind the body in one (seen
	// from the foot end), so this too is kept with the named parts.
	var over error
	head := pr.point(s.Body.Joints["head"])
	for _, off := range []Point{{0, 0}, {0.5, 0}, {-0.5, 0}, {0, 0.5}, {0, -0.5}} {
		q := Point{head.X + off.X*headR, head.Y + off.Y*headR}
		if i := d.top(q); i >= 0 && d.Shapes[i].Class == Highlight {
			over = problem("highlight", fmt.Sprintf("the highlight of the %s is painted over the head", strings.ReplaceAll(d.Shapes[i].Part, ".", " ")),
				"the head must stay on top of a highlight; report this as a fault in backcare's drawing")
			break
		}
	}
	named = append(named, over)
	// A limb drawn over the head hides the face and which way it looks,
	// and reads as an arm through the head, unless the pose puts it there
	// (a hand resting on the forehead: rests: {near.hand: head}).
	// Of two views, one may hide the head (the Knee Sway seen from the
	// foot end, over the knees), so it is kept with the named parts: a
	// problem only where every view has it.
	var cover error
	if part, share, middle := d.headCover(s.mayCoverHead); share > maxHeadCover || middle > maxHeadMiddle {
		cover = problem("angles", fmt.Sprintf("the %s is drawn across the head, hiding %.0f%% of it (the face must stay clear: a limb may pass along the head's edge, not into it)", limbName(part), 100*share),
			"move the limb clear of the head in this view (drop or lift the head, swing the arm wider), choose a view in which they do not overlap, or, for a limb that rests on the head, say so in rests (near.hand: head)")
	}
	// A limb painted behind the head that crosses behind its middle
	// reads as a limb through the head just the same.
	if cover == nil {
		if limb, near := d.behindHead(s.mayCoverHead); limb != "" {
			cover = problem("angles", fmt.Sprintf("the %s passes behind the middle of the head (%.0f%% of its radius from the centre) and out on its other side, where it reads as a limb through the head", limbName(limb), 100*near),
				"move the limb clear of the head in this view (swing it wider, drop or lift the head), or choose a view in which it passes beside the head")
		}
	}
	named = append(named, cover)
	named = append(named, s.liftUnseen(pr, v))
	named = append(named, s.elbowDrawnFlat(pr, v))
	errs = append(errs, s.pastMatEdge(pr, v)...)
	errs = append(errs, s.hiddenShown(d, pr)...)
	if v.pitch == 0 {
		for _, sh := range d.Shapes {
			if sh.Class != Reach || !sh.Closed {
				continue
			}
			if tip := sh.Points[0]; tip.Y < -0.005 {
				errs = append(errs, problem("reach", fmt.Sprintf("the arrow for the %s points into the floor", strings.ReplaceAll(sh.Part, ".", " ")),
					"choose a view in which the reach runs along the floor or up, or leave the arrow out"))
			}
		}
	}
	return named, errs
}

// memberSeen checks one member of a named part.
func (s *Scene) memberSeen(d *Drawing, pr projector, np namedPart, m []string, what string) error {
	var drawn, full, seen, samples float64
	var ptSeen, ptAll int
	for _, item := range m {
		kind, name, _ := strings.Cut(item, ":")
		switch kind {
		case "seg":
			for sg := range s.Body.segmentsNamed(name) {
				a3, b3 := s.Body.Joints[sg.from], s.Body.Joints[sg.to]
				a, b := pr.point(a3), pr.point(b3)
				full += a3.dist(b3)
				drawn += math.Hypot(b.X-a.X, b.Y-a.Y)
				samples += 13
				seen += d.seenAlong(a, b, sg.radius, ownShapes(sg.name), np.part)
			}
		case "pt":
			ptAll++
			if d.shows(pr.point(s.Body.Joints[name]), pointShapes(name), np.part) {
				ptSeen++
			}
		default: // the whole trunk
			for _, seg := range []string{"lumbar", "thoracic"} {
				for sg := range s.Body.segmentsNamed(seg) {
					a, b := pr.point(s.Body.Joints[sg.from]), pr.point(s.Body.Joints[sg.to])
					samples += 13
					seen += d.seenAlong(a, b, sg.radius, ownShapes(seg), np.part)
				}
			}
		}
	}
	switch {
	case full > 0 && drawn < minDrawnLength*full:
		return problem(np.field, fmt.Sprintf("%s is seen end-on: %.0f cm of its %.0f cm show in this view", what, drawn*170, full*170),
			"choose the view that shows it side-on, or two views (view: side and front)")
	case samples > 0 && seen < minVisible*samples:
		return problem(np.field, fmt.Sprintf("%s is hidden: only %.0f%% of it shows in this view, the rest is behind other parts", what, 100*seen/samples),
			"choose a view from which it is in front, or two views (view: side and front)")
	case ptAll > 0 && ptSeen == 0:
		return problem(np.field, fmt.Sprintf("%s is hidden behind other parts in this view", what),
			"choose a view from which it is in front, or two views (view: side and front)")
	}
	return nil
}

// maxHeadCover is how much of the head's disc a limb painted over it may
// hide, and maxHeadMiddle how much of its middle (the inner three
// quarters of its radius): a limb may pass along the head's edge, as an
// arm beside the ear does, but one that reaches into the middle reads as
// an arm drawn across the head (the hip hinges' arms over the crown, the
// bird dog's reaching arm), however small a share of the disc it hides.
const (
	maxHeadCover  = 0.08
	maxHeadMiddle = 0.004
	headMiddle    = 0.75
)

// headCover measures how much of the head a limb painted over it hides:
// the share of points across the head's disc, and across its middle,
// where an arm or a leg (or the gap round it, which cuts through the head
// just the same) is on top. It returns the limb's part that hides most
// and the shares hidden by limbs in all. Limbs in allowed (the hand that
// rests on the forehead) are not counted.
func (d *Drawing) headCover(allowed func(part string) bool) (worst string, share, middle float64) {
	head := -1
	for i, sh := range d.Shapes {
		if sh.Part == "head" && sh.Radius > 0 && (sh.Class == Near || sh.Class == Far) {
			head = i
		}
	}
	if head < 0 {
		return "", 0, 0
	}
	c, r := d.Shapes[head].Points[0], d.Shapes[head].Radius
	by := map[string]int{}
	var all, covered, mid, midCovered int
	const n = 20
	for i := -n; i <= n; i++ {
		for k := -n; k <= n; k++ {
			p := Point{c.X + r*float64(i)/n, c.Y + r*float64(k)/n}
			dist := math.Hypot(p.X-c.X, p.Y-c.Y)
			if dist > 0.9*r {
				continue
			}
			inner := dist <= headMiddle*r
			all++
			if inner {
				mid++
			}
			for j := len(d.Shapes) - 1; j > head; j-- {
				sh := d.Shapes[j]
				if (sh.Class != Near && sh.Class != Far && sh.Class != Gap) || !sh.contains(p) {
					continue
				}
				if !strings.HasPrefix(sh.Part, "near.") && !strings.HasPrefix(sh.Part, "far.") {
					break // the head's own nose or lid
				}
				if !allowed(sh.Part) {
					covered++
					by[sh.Part]++
					if inner {
						midCovered++
					}
				}
				break
			}
		}
	}
	most := 0
	for part, m := range by {
		if m > most || (m == most && part < worst) {
			worst, most = part, m
		}
	}
	return worst, float64(covered) / float64(all), float64(midCovered) / float64(mid)
}

// mayCoverHead reports whether a drawn part may lie over the head: it
// belongs to a limb that rests on the head, or that the head rests on.
func (s *Scene) mayCoverHead(part string) bool {
	side, seg, _ := strings.Cut(part, ".")
	limb := side + ".leg"
	if slices.Contains([]string{"upperarm", "forearm", "hand"}, seg) {
		limb = side + ".arm"
	}
	for k, v := range s.fig.Rests {
		other := ""
		switch {
		case k == "head" || k == "nose":
			other = v
		case v == "head" || v == "nose":
			other = k
		default:
			continue
		}
		if slices.Contains(highlightGroups(other), limb) {
			return true
		}
	}
	return false
}

// limbName names a drawn limb part in words: "near.upperarm" -> "near upper arm".
func limbName(part string) string {
	r := strings.NewReplacer("upperarm", "upper arm", ".", " ")
	return r.Replace(part)
}

// downTol is how high off the mat a part may be and still count as down
// on it, and pastTol how far past the mat's far edge its middle may be
// drawn: about 3 cm and 2 cm.
const (
	downTol = 0.018
	pastTol = 0.012
)

// pastMatEdge reports a limb that lies down on the mat but, seen from
// above, is drawn past the mat's far edge: against the floor beyond the
// mat it reads as lifted off it (the far arm and leg of a face-down pose
// seen from a little above). Only a part that really is lifted may show
// there. Bring the limb in so that what lies down is drawn on the mat, or
// look from level.
func (s *Scene) pastMatEdge(pr projector, v view) []error {
	if v.pitch == 0 || v.pitch >= abovePitch {
		return nil
	}
	// The mat's top face as drawn, and its far edge: the one drawn
	// highest.
	bx, face, ok := s.matTop(pr)
	if !ok {
		return nil
	}
	past := map[string]float64{}
	for _, b := range s.Body.allBlobs() {
		side, _, ok := strings.Cut(b.name, ".")
		if !ok || (side != "near" && side != "far") || b.p.Y-b.r > bx.max.Y+downTol {
			continue
		}
		c := pr.point(b.p)
		top := c
		if inPolygon(top, face) {
			continue
		}
		// Only past the far edge: straight above some point of the
		// face (not beyond the mat's ends), and above it.
		edge := math.Inf(-1)
		for i := range face {
			a, e := face[i], face[(i+1)%len(face)]
			if (a.X-top.X)*(e.X-top.X) > 0 || a.X == e.X {
				continue
			}
			edge = max(edge, a.Y+(e.Y-a.Y)*(top.X-a.X)/(e.X-a.X))
		}
		if math.IsInf(edge, -1) || top.Y <= edge+pastTol {
			continue
		}
		past[b.name] = max(past[b.name], top.Y-edge)
	}
	var errs []error
	for _, name := range sortedKeys(past) {
		errs = append(errs, problem("view", fmt.Sprintf("the %s lies down on the mat but is drawn %.0f cm past its far edge, where it reads as lifted off the floor", limbName(name), past[name]*170),
			"bring the limb in so that what lies down is drawn on the mat, or look from level (view: side), where a lifted part shows its gap"))
	}
	return errs
}

// maxBehindHead is how near the head's centre, in head radii, a limb
// painted behind the head may pass on its way across it: one that goes
// behind the middle of the head and comes out on the other side reads as
// a limb through the head, just as one painted over it does (the far
// arm of the Face-Down Reach seen from a little above, once).
const maxBehindHead = 0.5

// behindHead returns the limb (arm or leg) painted behind the head that
// passes behind the head's middle and comes out on its other side, and
// how near the centre it passes, in head radii; "" if there is none. A
// limb that ends behind the head (a hand behind it) does not cross it.
func (d *Drawing) behindHead(allowed func(part string) bool) (limb string, near float64) {
	head := -1
	for i, sh := range d.Shapes {
		if sh.Part == "head" && sh.Radius > 0 && (sh.Class == Near || sh.Class == Far) {
			head = i
		}
	}
	if head < 0 {
		return "", 0
	}
	c, r := d.Shapes[head].Points[0], d.Shapes[head].Radius
	chains := map[string][]Point{}
	var order []string
	for _, sh := range d.Shapes[:head] {
		if (sh.Class != Near && sh.Class != Far) || len(sh.Points) != 2 || allowed(sh.Part) {
			continue
		}
		side, seg, ok := strings.Cut(sh.Part, ".")
		if !ok {
			continue
		}
		var kind string
		switch seg {
		case "upperarm", "forearm", "hand":
			kind = side + ".arm"
		case "thigh", "shin":
			kind = side + ".leg"
		default:
			continue
		}
		if _, ok := chains[kind]; !ok {
			order = append(order, kind)
		}
		chains[kind] = append(chains[kind], sh.Points...)
	}
	best := math.Inf(1)
	for _, kind := range order {
		pts := chains[kind]
		first, last := pts[0], pts[len(pts)-1]
		if math.Hypot(first.X-c.X, first.Y-c.Y) <= r || math.Hypot(last.X-c.X, last.Y-c.Y) <= r {
			continue
		}
		closest := math.Inf(1)
		for i := 0; i+1 < len(pts); i++ {
			closest = min(closest, distToSegment(c, pts[i], pts[i+1]))
		}
		if closest < maxBehindHead*r && closest/r < best {
			limb, best = kind, closest/r
		}
	}
	if limb == "" {
		return "", 0
	}
	return limb, best
}

// A straight limb lifted a little off the mat (between liftMin and
// maxUnseenLift at the knee or the elbow, bent less than
// maxUnseenBend), seen from a little above, is drawn on the mat's face
// and reads as lying on it: the Zombie Crawl's knees and near elbow,
// once. Its lift must be drawn (a lift path), or the view chosen so that
// the gap shows (from level).
const (
	maxUnseenLift = 0.12 // about 20 cm
	maxUnseenBend = 35.0 // degrees
)

// matTop is the mat's box and its top face as drawn, corner by corner;
// ok is false when the scene has no mat.
func (s *Scene) matTop(pr projector) (bx box, face []Point, ok bool) {
	m := s.prop("mat")
	if len(m.boxes) == 0 {
		return box{}, nil, false
	}
	bx = m.boxes[0]
	for _, c := range []vec{{bx.min.X, bx.max.Y, bx.min.Z}, {bx.max.X, bx.max.Y, bx.min.Z}, {bx.max.X, bx.max.Y, bx.max.Z}, {bx.min.X, bx.max.Y, bx.max.Z}} {
		face = append(face, pr.point(c))
	}
	return bx, face, true
}

// liftUnseen reports the first knee or elbow of a straight limb that is
// lifted off the mat but, seen from a little above, is drawn on the mat
// with no lift path to say so; nil if there is none.
func (s *Scene) liftUnseen(pr projector, v view) error {
	if v.pitch == 0 || v.pitch >= abovePitch {
		return nil
	}
	_, face, ok := s.matTop(pr)
	if !ok {
		return nil
	}
	lifted := map[string]bool{}
	for _, p := range s.fig.Paths {
		if kind, _, joints, err := parsePath(p); err == nil && kind == "lift" {
			for _, j := range joints {
				lifted[j] = true
			}
		}
	}
	j := s.Body.Joints
	for _, limb := range [][3]string{{"hip", "knee", "ankle"}, {"shoulder", "elbow", "wrist"}} {
		for _, side := range []string{"near.", "far."} {
			// One lift arrow tells for the pair: the other knee lies
			// right behind the one with the arrow.
			mid, other := side+limb[1], "near."+limb[1]
			if side == "near." {
				other = "far." + limb[1]
			}
			if lifted[mid] || (limb[1] == "knee" && lifted[other]) {
				continue
			}
			ground, low := s.liftGap(mid)
			if gap := low - ground; gap < liftMin || gap > maxUnseenLift {
				continue
			}
			a, b := j[mid].sub(j[side+limb[0]]), j[side+limb[2]].sub(j[mid])
			cos := a.dot(b) / math.Sqrt(a.dot(a)*b.dot(b))
			if bend := math.Acos(max(-1, min(1, cos))) * 180 / math.Pi; bend > maxUnseenBend {
				continue
			}
			if !inPolygon(pr.point(j[mid]), face) {
				continue // drawn past the mat's edge, where it reads as lifted
			}
			name := strings.ReplaceAll(mid, ".", " ")
			return problem("view", fmt.Sprintf("the %s is %.0f cm off the mat, but seen from above it is drawn on the mat, where it reads as lying down", name, (low-ground)*170),
				fmt.Sprintf("add paths: [lift %s] to draw its lift, or look from level (view: side), where the gap shows", mid))
		}
	}
	return nil
}

// How far off the straight line from the shoulder to the wrist a lifted
// elbow must be drawn for its arm to read as bent: above the line about
// 1.4 cm, so that the arm reads as bent up off the mat; below it (the
// elbow out toward the camera) about 4 cm, a clear corner, since a
// little below the line reads as a straight arm sagging (the old Zombie
// Crawl's near elbow, 2 cm below).
const (
	minElbowPeak   = 0.008
	minElbowCorner = 0.024
)

// elbowDrawnFlat reports an elbow that the figure lifts off the floor (a
// lift path) but that is drawn in line with its shoulder and wrist: its
// arm reads as lying flat, its lift arrow as pointing at nothing (the
// Zombie Crawl's near arm, once, its elbow bent toward the camera as much
// as up). An arm drawn bent reads as bent whichever way its elbow points
// in the picture: bent up, it shows the lift by itself; bent out toward
// the camera, seen from a little above (the Curl-Up, Elbows Up: the
// elbows out to the sides, the hands in under the small of the back), its
// elbow is a corner below the line, and the lift arrow, which a lift a
// little off the mat needs seen from above, points at that corner. Seen
// straight from above a lift never shows, so that view always reports
// it; of two views, one must show it.
func (s *Scene) elbowDrawnFlat(pr projector, v view) error {
	j := s.Body.Joints
	for _, p := range s.fig.Paths {
		kind, _, joints, err := parsePath(p)
		if err != nil || kind != "lift" {
			continue
		}
		for _, mid := range joints {
			side, base, _ := strings.Cut(mid, ".")
			if base != "elbow" {
				continue
			}
			a, e, w := pr.point(j[side+".shoulder"]), pr.point(j[mid]), pr.point(j[side+".wrist"])
			// The elbow's height above the line from shoulder to wrist,
			// up the picture.
			dx, dy := w.X-a.X, w.Y-a.Y
			l := math.Hypot(dx, dy)
			if l < 1e-9 {
				continue
			}
			peak := ((e.Y-a.Y)*dx - (e.X-a.X)*dy) / l
			if dx < 0 {
				peak = -peak
			}
			if v.pitch < abovePitch && (peak >= minElbowPeak || peak <= -minElbowCorner) {
				continue
			}
			name := strings.ReplaceAll(mid, ".", " ")
			return problem("paths", fmt.Sprintf("the %s lifts off the floor, but its arm is drawn straight (the elbow %.0f cm above the line from shoulder to wrist): it reads as lying flat", name, peak*170),
				"bend the elbow up, not toward the camera (shoulder.turn), or choose a view from which the bend shows")
		}
	}
	return nil
}

// maxHiddenSeen is the most of a part named hidden (Figure.Hidden) that
// may show in a view: a part drawn dashed as hidden under the body that
// in fact lies in view was drawn twice, solid and dashed.
const maxHiddenSeen = 0.25

// hiddenShown reports each member of a part named hidden that shows in
// the drawing of one view: more than maxHiddenSeen of it painted on top.
func (s *Scene) hiddenShown(d *Drawing, pr projector) []error {
	var errs []error
	for i, part := range s.fig.Hidden {
		for _, m := range bodyParts[part] {
			var seen, samples float64
			for _, item := range m {
				kind, name, _ := strings.Cut(item, ":")
				switch kind {
				case "seg":
					for sg := range s.Body.segmentsNamed(name) {
						a, b := pr.point(s.Body.Joints[sg.from]), pr.point(s.Body.Joints[sg.to])
						samples += 13
						seen += d.seenAlong(a, b, sg.radius, ownShapes(sg.name), part)
					}
				case "pt":
					samples++
					if d.shows(pr.point(s.Body.Joints[name]), pointShapes(name), part) {
						seen++
					}
				}
			}
			if samples > 0 && seen > maxHiddenSeen*samples {
				errs = append(errs, problem(fmt.Sprintf("hidden.%d", i), fmt.Sprintf("%s is named hidden, but %.0f%% of it shows in this view (a hidden part lies under or behind the body, drawn dashed over it)", memberName(part, m), 100*seen/samples),
					"leave it out of hidden, or change the angles or the view so that the body covers it"))
			}
		}
	}
	return errs
}
