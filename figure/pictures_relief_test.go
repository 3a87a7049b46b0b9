package figure

import (
	"math"
	"testing"

	"backcare"
)

// propShapes are the shapes a view draws of the named prop.
func propShapes(d *Drawing, name string) []Shape { return shapesOf(d, Prop, name) }

// shapesOf are the shapes of class a drawing draws of the named part.
func shapesOf(d *Drawing, class Class, part string) []Shape {
	var out []Shape
	for _, sh := range d.Shapes {
		if sh.Class == class && sh.Part == part {
			out = append(out, sh)
		}
	}
	return out
}

// viewDrawing is one view of a picture drawn alone.
func (p picture) viewDrawing() *Drawing {
	yaw := math.Atan2(p.pr.sin, p.pr.cos) * 180 / math.Pi
	pitch := math.Atan2(p.pr.psin, p.pr.pcos) * 180 / math.Pi
	return p.s.drawView(backcare.Right, view{math.Round(yaw), math.Round(pitch)})
}

// TestWallBesideDrawnEdgeOn checks that a wall beside the body is drawn
// only in a view that sees it edge on, where the figure has one: seen
// across, from the side or turned toward the front, it is a panel behind
// the whole body and read as a wall behind the person (the Standing Psoas
// Lunge's first view, before). A figure with no such view still draws it.
func TestWallBesideDrawnEdgeOn(t *testing.T) {
	ps := everyView(t, "standing-psoas-lunge")
	if len(ps) != 2 {
		t.Fatalf("views = %d, want 2", len(ps))
	}
	if n := len(propShapes(ps[0].viewDrawing(), "wall")); n != 0 {
		t.Errorf("turned toward the front, the wall beside is drawn (%d shapes), want it left to the front view", n)
	}
	front := ps[1].viewDrawing()
	walls := propShapes(front, "wall")
	if len(walls) == 0 {
		t.Fatal("from the front the wall beside is not drawn")
	}
	// Edge on, a strip beside the body, not a panel behind it.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, sh := range walls {
		for _, q := range sh.Points {
			lo, hi = min(lo, q.X), max(hi, q.X)
		}
	}
	if w := (hi - lo) * 170; w > 6 {
		t.Errorf("from the front the wall is drawn %.0f cm wide, want a strip of 6 cm or less", w)
	}
	for _, j := range []string{"near.hip", "far.hip", "c7", "head"} {
		if x := ps[1].at(j).X; x > lo {
			t.Errorf("from the front the %s is drawn past the wall's face", j)
		}
	}
	// One view alone, seen across: the wall is drawn, there is no other.
	f := backcare.Figure{View: "side", Props: []string{"wall beside"}, Rests: map[string]string{"feet": "floor"}}
	s, err := Place(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(propShapes(s.Drawing(backcare.Right), "wall")) == 0 {
		t.Error("a figure seen only from the side does not draw its wall beside")
	}
}

// TestPicturesReliefLunge checks what the Standing Psoas Lunge's front view
// must show against its steps: the trunk leaning in toward the wall, the
// raised hand over the head and on the wall, the front foot turned out
// toward it, and the other hand on its hip (on the front thigh, from the
// front it was a grey stick across the trunk).
func TestPicturesReliefLunge(t *testing.T) {
	ps := everyView(t, "standing-psoas-lunge")
	front := ps[1]
	walls := propShapes(front.viewDrawing(), "wall")
	face := math.Inf(1)
	for _, sh := range walls {
		for _, q := range sh.Points {
			face = min(face, q.X)
		}
	}
	cm := func(v float64) float64 { return v * 170 }
	// The lean: the base of the neck drawn toward the wall from the pelvis.
	if d := cm(front.at("c7").X - front.at("pelvis").X); d < 8 {
		t.Errorf("from the front the trunk leans %.0f cm toward the wall, want 8 or more", d)
	}
	// Up over the head and in to the wall.
	if front.at("near.fingertips").Y < front.at("crown").Y {
		t.Error("from the front the raised hand is drawn below the crown, want it over the head")
	}
	if d := cm(face - front.at("near.fingertips").X); d > cm(handR)+2 {
		t.Errorf("from the front the raised fingertips are drawn %.0f cm from the wall, want them on it", d)
	}
	// The front foot turned out toward the wall: drawn along the floor,
	// toes toward the wall, not seen end on.
	heel, ball := front.at("far.heel"), front.at("far.ball")
	if d := cm(ball.X - heel.X); d < 12 {
		t.Errorf("from the front the front foot is drawn %.0f cm long toward the wall, want 12 or more (turned out 45°)", d)
	}
	// The other hand on its hip: the wrist by the side of the waist,
	// above the hip joint, the elbow out beside the trunk toward the wall.
	j := front.s.Body.Joints
	if d := cm(j["far.wrist"].dist(j["far.waist"])); d > 15 {
		t.Errorf("the far wrist is %.0f cm from the side of the waist, want it on the hip (15 or less)", d)
	}
	if j["far.wrist"].Y < j["far.hip"].Y {
		t.Error("the far wrist is below the hip, want it on the hip")
	}
	if front.at("far.elbow").X <= front.at("far.waist").X {
		t.Error("from the front the far elbow is drawn inside the waist, want it out beside the trunk")
	}
}
