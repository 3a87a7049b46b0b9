package figure

import (
	"fmt"
	"iter"
	"math"
	"sort"
	"strings"

	"backcare"
)

// Segment lengths as fractions of standing height H, after Drillis and
// Contini (1966) as drawn in D. A. Winter, "Biomechanics and Motor Control of
// Human Movement", 4th ed. (Wiley, 2009), figure 4.1: hip height 0.530H, knee
// 0.285H, ankle 0.039H, shoulder 0.818H, chin 0.870H, upper arm 0.186H,
// forearm 0.146H, hand 0.108H, foot length 0.152H, shoulder width 0.259H,
// hip width 0.191H. The split of the trunk into lumbar and thoracic parts and
// the joint centres' spacing are our own estimates from the same figure.
// The model's unit is H: a figure is one unit tall when standing.
const (
	lumbarLen    = 0.110 // hip centre to the thoracolumbar junction
	thoracicLen  = 0.190 // thoracolumbar junction to C7
	shoulderDrop = 0.012 // shoulder joints sit just below C7: 0.530+0.288 = 0.818
	neckLen      = 0.050 // C7 to the top of the neck (about chin height)
	headRise     = 0.065 // top of the neck to the head's centre
	headFwd      = 0.012 // the head's centre sits a little forward of the neck
	headR        = 0.072 // chin to crown 0.130H; drawn a little larger, as pictograms do, so the head reads at small sizes
	thighLen     = 0.245 // 0.530 - 0.285
	shinLen      = 0.246 // 0.285 - 0.039
	upperArmLen  = 0.186
	forearmLen   = 0.146
	handLen      = 0.108
	hipHalf      = 0.055 // half the distance between the hip joint centres, about 19 cm apart
	shoulderHalf = 0.100 // half the distance between the shoulder joint centres
	// The trunk's outline is drawn round three pairs of points at these
	// half-widths; with its radius trunkR it is 0.19H wide at the hips (the
	// hip width), 0.17H at the waist and 0.26H at the shoulders (the
	// shoulder width).
	hipEdgeHalf      = 0.035
	waistHalf        = 0.025
	shoulderEdgeHalf = 0.070
	heelBack         = 0.030 // foot: heel behind the ankle ...
	ballFwd          = 0.087 // ... ball of the foot ahead of it ...
	toeLen           = 0.035 // ... and the toes: 0.030+0.087+0.035 = 0.152
	soleDrop         = 0.022 // heel and ball below the ankle; with the sole's radius, 0.039
)

// Drawn half-thicknesses (radii) of the body parts, in H. They make the
// figure a solid pictogram rather than a stick figure, and they are the
// surfaces that touch the floor and the props.
const (
	trunkR    = 0.060
	neckR     = 0.026
	thighR    = 0.042
	shinR     = 0.032
	footR     = 0.017
	toesR     = 0.014
	upperArmR = 0.030
	forearmR  = 0.025
	handR     = 0.019
)

// vec is a point or direction in the model's space: x forward (the way the
// figure faces), y up, z toward the near side (the viewer, in side view).
type vec struct{ X, Y, Z float64 }

func (a vec) add(b vec) vec       { return vec{a.X + b.X, a.Y + b.Y, a.Z + b.Z} }
func (a vec) sub(b vec) vec       { return vec{a.X - b.X, a.Y - b.Y, a.Z - b.Z} }
func (a vec) scale(k float64) vec { return vec{a.X * k, a.Y * k, a.Z * k} }
func (a vec) dot(b vec) float64   { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }
func (a vec) length() float64     { return math.Sqrt(a.dot(a)) }
func (a vec) dist(b vec) float64  { return a.sub(b).length() }
func (a vec) cross(b vec) vec {
	return vec{a.Y*b.Z - a.Z*b.Y, a.Z*b.X - a.X*b.Z, a.X*b.Y - a.Y*b.X}
}

// rot is a rotation: its columns are a frame's x, y and z axes.
type rot [3][3]float64

func (m rot) mul(n rot) rot {
	var r rot
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				r[i][j] += m[i][k] * n[k][j]
			}
		}
	}
	return r
}

// apply turns a vector given in the frame's own axes into model space.
func (m rot) apply(v vec) vec {
	return vec{
		m[0][0]*v.X + m[0][1]*v.Y + m[0][2]*v.Z,
		m[1][0]*v.X + m[1][1]*v.Y + m[1][2]*v.Z,
		m[2][0]*v.X + m[2][1]*v.Y + m[2][2]*v.Z,
	}
}

func rad(deg float64) float64 { return deg * math.Pi / 180 }

// rotX turns y toward z; rotY turns z toward x; rotZ turns x toward y.
func rotX(deg float64) rot {
	s, c := math.Sincos(rad(deg))
	return rot{{1, 0, 0}, {0, c, -s}, {0, s, c}}
}

func rotY(deg float64) rot {
	s, c := math.Sincos(rad(deg))
	return rot{{c, 0, s}, {0, 1, 0}, {-s, 0, c}}
}

func rotZ(deg float64) rot {
	s, c := math.Sincos(rad(deg))
	return rot{{c, -s, 0}, {s, c, 0}, {0, 0, 1}}
}

// joint describes one angle a pose may set.
type joint struct {
	name    string
	lo, hi  float64
	meaning string // what a positive angle does, for docs and hints
}

// limbJoints are the joints of each limb, named "near.X" and "far.X", or
// "Xs" (plural) for both at once.
var limbJoints = []joint{
	{"hip", -40, 150, "thigh swings forward (flexion); negative swings it back"},
	{"hip.out", -30, 90, "thigh swings out to its own side (abduction)"},
	{"hip.turn", -45, 60, "knee and toes turn out (external rotation)"},
	{"knee", 0, 160, "knee bends (flexion)"},
	{"ankle", -80, 45, "toes come up toward the shin (dorsiflexion); negative points the foot"},
	{"ankle.turn", -30, 60, "foot turns out about the shin, toes away from the other foot"},
	{"toes", -30, 90, "toes bend up, as when tucked under (extension)"},
	{"shoulder", -60, 200, "arm swings forward and up (flexion); 180 is straight overhead"},
	{"shoulder.out", -20, 200, "arm swings out to its own side (abduction); past 180 it crosses over the head"},
	{"shoulder.turn", -180, 90, "arm turns out about its own length (external rotation); negative turns it in. Arms reaching overhead with the palms down need about -180 for the elbows to bend toward the floor side"},
	{"elbow", 0, 160, "elbow bends (flexion)"},
	{"wrist", -90, 80, "hand bends toward the palm, the way the elbow bends (flexion); negative bends it back, as when a palm presses flat on the floor"},
}

// spineJoints are the joints of the root and the spine.
var spineJoints = []joint{
	{"pelvis", -120, 120, "whole body tips forward from upright; 90 lies face down, -90 on the back"},
	{"pelvis.side", -90, 90, "whole body tips toward the near side; 90 lies on the near side"},
	{"pelvis.turn", -90, 90, "whole body turns to face the near side"},
	{"lumbar", -40, 70, "lower back bends forward (flexion); negative arches it"},
	{"lumbar.side", -40, 40, "lower back bends toward the near side"},
	{"lumbar.turn", -30, 30, "lower back twists toward the near side"},
	{"thoracic", -30, 60, "upper back bends forward; negative arches it"},
	{"thoracic.side", -40, 40, "upper back bends toward the near side"},
	{"thoracic.turn", -40, 40, "upper back twists toward the near side"},
	{"neck", -60, 70, "chin tucks toward the chest (flexion); negative looks up"},
	{"neck.side", -40, 40, "ear tips toward the near shoulder"},
	{"neck.turn", -70, 70, "face turns toward the near side"},
	{"head", -30, 30, "head nods forward"},
}

// jointTable maps every accepted angle name to its joint. It includes
// "near.knee", "far.knee" and the plural "knees".
var jointTable = func() map[string]joint {
	t := make(map[string]joint)
	for _, j := range spineJoints {
		t[j.name] = j
	}
	for _, j := range limbJoints {
		t["near."+j.name] = j
		t["far."+j.name] = j
		t[plural(j.name)] = j
	}
	return t
}()

// plural names a limb joint on both sides: "knee" -> "knees",
// "hip.out" -> "hips.out".
func plural(name string) string {
	base, rest, _ := strings.Cut(name, ".")
	if base != "toes" {
		base += "s"
	}
	if rest != "" {
		return base + "." + rest
	}
	return base
}

// JointNames lists every joint name an Angles map may use, sorted.
func JointNames() []string {
	names := make([]string, 0, len(jointTable))
	for n := range jointTable {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// angles reads a pose's angles with the plural names filled in.
type angles map[string]float64

// get returns the angle of a joint: its own value, else the plural's, else 0.
func (a angles) get(name string) float64 {
	if v, ok := a[name]; ok {
		return v
	}
	if side, j, ok := strings.Cut(name, "."); ok && (side == "near" || side == "far") {
		return a[plural(j)]
	}
	return 0
}

// frame is a position and an orientation.
type frame struct {
	at  vec
	rot rot
}

func (f frame) point(v vec) vec { return f.at.add(f.rot.apply(v)) }

// spine turns a spine joint's three angles into a rotation: forward bend,
// side bend toward the near side, twist toward the near side.
func spine(a angles, name string) rot {
	return rotZ(-a.get(name)).mul(rotX(a.get(name + ".side"))).mul(rotY(-a.get(name + ".turn")))
}

// limb turns a limb joint's angles into a rotation. sign is +1 for the near
// limb and -1 for the far one, so that "out" and "turn" mirror.
func limb(a angles, name string, sign float64) rot {
	return rotZ(a.get(name)).mul(rotX(-sign * a.get(name+".out"))).mul(rotY(-sign * a.get(name+".turn")))
}

// Body is a posed skeleton in model space (H = 1): every joint's position,
// before the figure is placed on its supports.
type Body struct {
	Joints   map[string]vec
	headRot  rot
	segments []segment
}

// segment is one drawn body part: a thick line between two joints.
type segment struct {
	name   string // "near.thigh", "lumbar"
	from   string // joint names
	to     string
	radius float64
	group  string // "near.leg", "far.arm", "trunk", "head"
}

// segmentsNamed is the body's segments of one name ("near.thigh"), in
// order: a named part's members list them by name.
func (b *Body) segmentsNamed(name string) iter.Seq[segment] {
	return func(yield func(segment) bool) {
		for _, sg := range b.segments {
			if sg.name == name && !yield(sg) {
				return
			}
		}
	}
}

// Segment names and the joints they join, in the order of the chain.
var (
	legSegments = []segment{
		{name: "thigh", from: "hip", to: "knee", radius: thighR},
		{name: "shin", from: "knee", to: "ankle", radius: shinR},
		{name: "heel", from: "ankle", to: "heel", radius: footR},
		{name: "foot", from: "heel", to: "ball", radius: footR},
		{name: "toes", from: "ball", to: "toetip", radius: toesR},
	}
	armSegments = []segment{
		{name: "upperarm", from: "shoulder", to: "elbow", radius: upperArmR},
		{name: "forearm", from: "elbow", to: "wrist", radius: forearmR},
		{name: "hand", from: "wrist", to: "fingertips", radius: handR},
	}
	trunkSegments = []segment{
		{name: "lumbar", from: "pelvis", to: "l1", radius: trunkR, group: "trunk"},
		{name: "thoracic", from: "l1", to: "c7", radius: trunkR, group: "trunk"},
		{name: "neck", from: "c7", to: "c1", radius: neckR, group: "head"},
	}
)

// Pose builds the skeleton for a set of angles. It does not check them;
// Check does.
func Pose(a map[string]float64) *Body {
	ang := angles(a)
	b := &Body{Joints: make(map[string]vec, 40)}
	set := func(name string, v vec) { b.Joints[name] = v }

	pelvis := frame{rot: spine(ang, "pelvis")}
	set("pelvis", pelvis.at)
	lumbar := frame{pelvis.at, pelvis.rot.mul(spine(ang, "lumbar"))}
	l1 := lumbar.point(vec{0, lumbarLen, 0})
	set("l1", l1)
	set("near.hipedge", pelvis.point(vec{0, 0, hipEdgeHalf}))
	set("far.hipedge", pelvis.point(vec{0, 0, -hipEdgeHalf}))
	set("near.waist", lumbar.point(vec{0, lumbarLen, waistHalf}))
	set("far.waist", lumbar.point(vec{0, lumbarLen, -waistHalf}))
	thorax := frame{l1, lumbar.rot.mul(spine(ang, "thoracic"))}
	c7 := thorax.point(vec{0, thoracicLen, 0})
	set("c7", c7)
	set("near.shoulderedge", thorax.point(vec{0, thoracicLen - shoulderDrop, shoulderEdgeHalf}))
	set("far.shoulderedge", thorax.point(vec{0, thoracicLen - shoulderDrop, -shoulderEdgeHalf}))
	neck := frame{c7, thorax.rot.mul(spine(ang, "neck"))}
	c1 := neck.point(vec{0, neckLen, 0})
	set("c1", c1)
	head := frame{c1, neck.rot.mul(rotZ(-ang.get("head")))}
	b.headRot = head.rot
	set("head", head.point(vec{headFwd, headRise, 0}))
	set("nose", head.point(vec{headFwd + headR + 0.004, headRise - 0.012, 0}))
	set("crown", head.point(vec{headFwd, headRise + headR, 0}))

	for _, side := range []struct {
		name string
		sign float64
	}{{"near", 1}, {"far", -1}} {
		s, sg := side.name+".", side.sign
		hip := frame{pelvis.point(vec{0, 0, sg * hipHalf}), pelvis.rot}
		thigh := frame{hip.at, hip.rot.mul(limb(ang, s+"hip", sg))}
		set(s+"hip", thigh.at)
		shin := frame{thigh.point(vec{0, -thighLen, 0}), thigh.rot.mul(rotZ(-ang.get(s + "knee")))}
		set(s+"knee", shin.at)
		foot := frame{shin.point(vec{0, -shinLen, 0}), shin.rot.mul(rotY(-sg * ang.get(s+"ankle.turn"))).mul(rotZ(ang.get(s + "ankle")))}
		set(s+"ankle", foot.at)
		set(s+"heel", foot.point(vec{-heelBack, -soleDrop, 0}))
		toes := frame{foot.point(vec{ballFwd, -soleDrop, 0}), foot.rot.mul(rotZ(ang.get(s + "toes")))}
		set(s+"ball", toes.at)
		set(s+"toetip", toes.point(vec{toeLen, 0, 0}))

		sh := frame{thorax.point(vec{0, thoracicLen - shoulderDrop, sg * shoulderHalf}), thorax.rot}
		arm := frame{sh.at, sh.rot.mul(limb(ang, s+"shoulder", sg))}
		set(s+"shoulder", arm.at)
		fore := frame{arm.point(vec{0, -upperArmLen, 0}), arm.rot.mul(rotZ(ang.get(s + "elbow")))}
		set(s+"elbow", fore.at)
		hand := frame{fore.point(vec{0, -forearmLen, 0}), fore.rot.mul(rotZ(ang.get(s + "wrist")))}
		set(s+"wrist", hand.at)
		set(s+"fingertips", hand.point(vec{0, -handLen, 0}))

		for _, list := range []struct {
			segs  []segment
			group string
		}{{legSegments, s + "leg"}, {armSegments, s + "arm"}} {
			for _, g := range list.segs {
				g.name, g.from, g.to, g.group = s+g.name, s+g.from, s+g.to, list.group
				b.segments = append(b.segments, g)
			}
		}
	}
	b.segments = append(b.segments, trunkSegments...)
	return b
}

// SegmentLengths returns the length of every segment of the skeleton, by
// name. They are the same in every pose.
func (b *Body) SegmentLengths() map[string]float64 {
	out := make(map[string]float64, len(b.segments))
	for _, s := range b.segments {
		out[s.name] = b.Joints[s.from].dist(b.Joints[s.to])
	}
	return out
}

// checkAngles reports unknown joints and angles outside their range. Each
// problem names its key as "angles.KEY" so the catalog can point at it.
func checkAngles(a map[string]float64) []error {
	var errs []error
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		j, ok := jointTable[k]
		if !ok {
			errs = append(errs, problem("angles."+k, fmt.Sprintf("%q is not a joint", k), jointHint(k)))
			continue
		}
		if v := a[k]; v < j.lo || v > j.hi || math.IsNaN(v) {
			errs = append(errs, problem("angles."+k, fmt.Sprintf("%s: %g° is outside what a body can do (%g° to %g°)", k, v, j.lo, j.hi),
				"a positive angle means: "+j.meaning))
		}
	}
	return errs
}

func jointHint(k string) string {
	if near := backcare.Closest(k, JointNames()); near != "" {
		return fmt.Sprintf("did you mean %q? docs/figures.md lists the joints", near)
	}
	return "joints are pelvis, lumbar, thoracic, neck, head and near./far. hip, knee, ankle, toes, shoulder, elbow, wrist; docs/figures.md lists them all"
}
