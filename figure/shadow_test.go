package figure

import "testing"

// TestShadowsShowWhatIsDown checks the shadows a body casts on a mat
// seen from a little above: under the parts down on the mat, not under a
// part lifted well off it, and apart from a part lifted a little, with
// mat between; and none seen level or from straight above, where a
// shadow straight under the body shows nothing.
func TestShadowsShowWhatIsDown(t *testing.T) {
	// under reports whether a shadow is drawn on the mat straight under a
	// joint.
	under := func(p picture, joint string) bool {
		at := p.s.Body.Joints[joint]
		at.Y = p.s.ground()
		pt := p.pr.point(at)
		for _, sh := range p.shadows() {
			if inPolygon(pt, sh.Points) {
				return true
			}
		}
		return false
	}
	bridge := pictures(t, "glute-bridge")
	if !under(bridge[0], "pelvis") || !under(bridge[0], "c7") {
		t.Error("glute-bridge start: no shadow under the pelvis and shoulders lying on the mat")
	}
	if under(bridge[1], "pelvis") {
		t.Error("glute-bridge end: a shadow under the lifted pelvis, as if it were still down")
	}
	if !under(bridge[1], "c7") {
		t.Error("glute-bridge end: no shadow under the shoulders still down on the mat")
	}

	crawl := pictures(t, "zombie-crawl")[0]
	if !under(crawl, "near.knee") {
		t.Fatal("zombie-crawl: no shadow under the near knee, lifted a little off the mat")
	}
	// The knee's shadow is drawn apart from the knee by its lift, seen
	// from a little above: the mat between them shows the lift.
	knee := crawl.s.Body.Joints["near.knee"]
	lift := knee.Y - shinR - crawl.s.ground()
	if apart := lift * crawl.pr.psin * 170; apart < 1.5 {
		t.Errorf("zombie-crawl: the near knee is drawn %.1f cm from its shadow, want 1.5 or more", apart)
	}

	for _, id := range []string{"sphinx", "supine-twist"} {
		for _, p := range pictures(t, id) {
			for _, sh := range p.s.drawView("", view{p.s.yaw, p.s.pitch}).Shapes {
				if sh.Class == Shadow {
					t.Errorf("%s: a shadow drawn in a view level or from straight above", id)
					break
				}
			}
		}
	}
}

// shadows are the shadows a picture's body casts on its mat.
func (p picture) shadows() []Shape {
	for _, pp := range p.s.props {
		if pp.name == "mat" {
			return p.s.shadows(p.pr, pp.boxes[0])
		}
	}
	return nil
}
