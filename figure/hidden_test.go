package figure

import (
	"bytes"
	"image/color"
	"math"
	"regexp"
	"strings"
	"testing"

	"backcare"
	"backcare/catalog"
)

// TestHiddenHandsDashed checks that the poses with the hands under the
// small of the back draw the hand as a dashed outline over the trunk,
// in the SVG (a mask's dashed path, class bc-hidden) and on the raster:
// seen from the side the hand is under the body, and drawn as the arm
// going down to the hip it read as a hand by the side.
func TestHiddenHandsDashed(t *testing.T) {
	dashed := regexp.MustCompile(`(?s)<g class="bc-hidden"[^>]*stroke-dasharray="[0-9.]+ [0-9.]+"[^>]*>\n.*?<path data-part="near.hand" d="M[^"Z]+" fill="none" stroke-width="[0-9.]+"/>\n</g>`)
	for _, id := range []string{"curl-up", "curl-up-elbows-up"} {
		p, err := catalog.Builtin().Pose(id)
		if err != nil {
			t.Fatal(err)
		}
		frames, err := DrawFrames(p.Figure, backcare.Right)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := SVGFrames(&b, frames, SVGOptions{Title: p.Name, ID: id}); err != nil {
			t.Fatal(err)
		}
		if n := len(dashed.FindAllString(b.String(), -1)); n != len(frames) {
			t.Errorf("%s: %d dashed outlines of the near hand in the SVG, want one in each of its %d frames", id, n, len(frames))
		}
		for i, d := range frames {
			var outline Shape
			for _, sh := range d.Shapes {
				if sh.Class == Hidden && sh.Part == "near.hand" {
					outline = sh
				}
			}
			if len(outline.Points) == 0 {
				t.Errorf("%s frame %d: no hidden outline of the near hand", id, i+1)
				continue
			}
			// On the raster, the body over the hand is lighter than the
			// body round it: cut by the dashes and seen through.
			img := d.Image(1200, 900, Paper)
			f := d.fit(1200, 900, math.Max(2, 0.03*900))
			light := 0
			for _, q := range outline.Points {
				x, y := f.px(q)
				if c := img.RGBAAt(int(x), int(y)); luma(color.NRGBA{c.R, c.G, c.B, 0xff}) > luma(Paper.Near)+40 {
					light++
				}
			}
			if light < len(outline.Points)/3 {
				t.Errorf("%s frame %d: %d of the hand outline's %d corners are drawn lighter than the body, want a third or more", id, i+1, light, len(outline.Points))
			}
		}
	}
}

func luma(c color.NRGBA) int { return (299*int(c.R) + 587*int(c.G) + 114*int(c.B)) / 1000 }

// TestHiddenMustBeHidden checks that Check refuses a part named hidden
// that shows: drawn dashed as though under the body, and solid too.
func TestHiddenMustBeHidden(t *testing.T) {
	p, err := catalog.Builtin().Pose("abdominal-brace")
	if err != nil {
		t.Fatal(err)
	}
	f := p.Figure
	f.Hidden = []string{"near.hand"} // on the belly, in plain view
	err = Check(f)
	if err == nil || !strings.Contains(err.Error(), "named hidden") {
		t.Errorf("the Abdominal Brace's hand on the belly named hidden: Check says %v, want that it shows", err)
	}
	f.Hidden = []string{"near.wrist.bone"}
	if err := Check(f); err == nil || !strings.Contains(err.Error(), "not a body part") {
		t.Errorf("hidden: [near.wrist.bone]: Check says %v, want that it is not a body part", err)
	}
	c, err := catalog.Builtin().Pose("curl-up")
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(c.Figure); err != nil {
		t.Errorf("the Curl-Up with its hand hidden under the back: %v", err)
	}
}

// TestDashes checks how a hidden outline is cut into dashes: round-ended
// dashes HiddenDash long, HiddenSpace apart, along its points only,
// never across the edge that closes it.
func TestDashes(t *testing.T) {
	line := Shape{Class: Hidden, Width: HiddenWidth, Closed: true, Points: []Point{{0, 0}, {0.3, 0}, {0.3, 0.1}}}
	ds := line.Dashes()
	period := HiddenDash + HiddenSpace
	want := int(math.Ceil(0.4 / period))
	if len(ds) < want-1 || len(ds) > want {
		t.Errorf("%d dashes along an outline 0.4 long, want about %d", len(ds), want)
	}
	for _, d := range ds {
		var l float64
		for k := 1; k < len(d.Points); k++ {
			l += math.Hypot(d.Points[k].X-d.Points[k-1].X, d.Points[k].Y-d.Points[k-1].Y)
		}
		if l > HiddenDash-HiddenWidth+1e-9 {
			t.Errorf("a dash is %.4f long between its round ends, want %.4f at most", l, HiddenDash-HiddenWidth)
		}
		for _, q := range d.Points {
			if q.X < 0.3-1e-9 && q.Y > 1e-9 {
				t.Errorf("a dash at %v, on the edge that closes the outline", q)
			}
		}
	}
	if got := (Shape{Class: Near, Points: []Point{{0, 0}, {1, 0}}}).Dashes(); len(got) != 1 {
		t.Errorf("a solid shape cut into %d dashes, want it as it is", len(got))
	}
}
