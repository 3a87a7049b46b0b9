package figure_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"backcare"
	"backcare/catalog"
	"backcare/figure"
)

var allViews = flag.Bool("views", false, "with -render, draw every figure from every view too")

var render = flag.String("render", "", "also write every built-in figure as PNG and braille text into this folder")

// sides returns the sides a pose is drawn for.
func sides(p backcare.Pose) []backcare.Side {
	if p.Sided {
		return []backcare.Side{backcare.Right, backcare.Left}
	}
	return []backcare.Side{backcare.NoSide}
}

// TestBuiltinFigures checks that every built-in pose has a valid, drawable
// figure.
func TestBuiltinFigures(t *testing.T) {
	cat := catalog.Builtin()
	if *render != "" {
		if err := os.MkdirAll(*render, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var tiles []tile
	for _, p := range cat.Poses() {
		t.Run(p.ID, func(t *testing.T) {
			if p.Figure.IsZero() {
				t.Fatalf("pose %s has no figure", p.ID)
			}
			if err := figure.Check(p.Figure); err != nil {
				t.Errorf("Check(%s) = %v", p.ID, err)
			}
			for _, side := range sides(p) {
				frames, err := figure.DrawFrames(p.Figure, side)
				if err != nil {
					t.Fatal(err)
				}
				if *render == "" {
					continue
				}
				for i, d := range frames {
					name := p.ID
					if side != backcare.NoSide {
						name += "-" + string(side)
					}
					if len(frames) > 1 {
						name += []string{"-start", "-end"}[i]
					}
					// At full size for the contact sheet, and at about the
					// size the chart prints it (60 mm per person's height
					// at 100 dpi).
					for _, size := range []struct {
						suffix string
						w, h   int
					}{{"", 480, 360}, {"-chart", 260, 200}} {
						f, err := os.Create(filepath.Join(*render, name+size.suffix+".png"))
						if err != nil {
							t.Fatal(err)
						}
						if err := d.PNG(f, size.w, size.h); err != nil {
							t.Fatal(err)
						}
						if err := f.Close(); err != nil {
							t.Fatal(err)
						}
					}
					tiles = append(tiles, tile{name, d.Image(480, 360, figure.Paper)})
					if err := os.WriteFile(filepath.Join(*render, name+".txt"), []byte(d.Braille(40, 12)+"\n"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				name := p.ID
				if side != backcare.NoSide {
					name += "-" + string(side)
				}
				if !*allViews {
					continue
				}
				for _, v := range []string{"side", "three-quarter", "front"} {
					fig := p.Figure
					fig.View = v
					sc, err := figure.Place(fig)
					if err != nil {
						t.Fatal(err)
					}
					f, err := os.Create(filepath.Join(*render, name+"-"+v+".png"))
					if err != nil {
						t.Fatal(err)
					}
					if err := sc.Drawing(side).PNG(f, 360, 300); err != nil {
						t.Fatal(err)
					}
					if err := f.Close(); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
	}
	if *render == "" || t.Failed() {
		return
	}
	pages, err := pagePNGs(*render)
	if err != nil {
		t.Fatal(err)
	}
	sheet := filepath.Join(*render, "contact-sheet.png")
	if err := contactSheet(sheet, append(tiles, pages...), 4, 480); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", sheet)
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGoldenSVG compares every built-in figure's SVG, with every frame of
// a movement, with testdata.
func TestGoldenSVG(t *testing.T) {
	cat := catalog.Builtin()
	for _, p := range cat.Poses() {
		t.Run(p.ID, func(t *testing.T) {
			side := backcare.NoSide
			if p.Sided {
				side = backcare.Right
			}
			frames, err := figure.DrawFrames(p.Figure, side)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := figure.SVGFrames(&buf, frames, figure.SVGOptions{ID: p.ID, Title: p.Name, Desc: p.Summary}); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			// The SVG must be well-formed XML with its title and description.
			var doc struct {
				XMLName xml.Name `xml:"svg"`
				Title   string   `xml:"title"`
				Desc    string   `xml:"desc"`
				Role    string   `xml:"role,attr"`
			}
			if err := xml.Unmarshal(got, &doc); err != nil {
				t.Fatalf("the SVG is not well-formed: %v", err)
			}
			if doc.Title != p.Name || doc.Desc != p.Summary || doc.Role != "img" {
				t.Errorf("title, desc, role = %q, %q, %q, want %q, %q, img", doc.Title, doc.Desc, doc.Role, p.Name, p.Summary)
			}
			// A strict Content-Security-Policy blocks style attributes
			// and <style> elements: the figure restyles by class only.
			if bytes.Contains(got, []byte(" style=")) || bytes.Contains(got, []byte("<style")) {
				t.Errorf("the SVG has a style attribute or element; pages restyle it by class")
			}
			golden := filepath.Join("testdata", p.ID+".svg")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./figure -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s; look at the figure (go test ./figure -run TestBuiltinFigures -render DIR) and rerun with -update if the change is right", p.ID, golden)
			}
		})
	}
}

// TestCatalogPointsAtTheJoint checks that, with the figure check wired in,
// the catalog reports an unknown joint at its own file:line:col.
func TestCatalogPointsAtTheJoint(t *testing.T) {
	dir := t.TempDir()
	src := `poses:
  - id: my-stretch
    name: My stretch
    kind: stretch
    summary: A test pose.
    why: To test the figure check.
    targets: [psoas]
    dose: {hold: 30s, intensity: 5}
    steps: [Stand tall.]
    feel: Nothing much.
    stop_signs: [Sharp pain]
    figure:
      view: side
      rests: {feet: floor}
      angles:
        near.hip: 10
        near.elbw: 20
        far.knee: 500
`
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := catalog.Load(dir, catalog.WithFigureCheck(figure.Check))
	if err == nil {
		t.Fatal("Load = nil, want problems with the figure")
	}
	for _, want := range []string{
		`mine.yaml:17:9: the figure: "near.elbw" is not a joint`,
		`did you mean "near.elbow"?`,
		`mine.yaml:18:9: the figure: far.knee: 500° is outside`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Load = %v\nwant it to contain %q", err, want)
		}
	}
	if code := backcare.ErrorCode(err); code != backcare.EINVALID {
		t.Errorf("ErrorCode = %q, want %q", code, backcare.EINVALID)
	}
}

// TestVariantsLookDifferent checks that every pose's picture differs from
// the pictures of its easier and harder variants by a real amount in at
// least one frame, so that a person can tell from the chart which one to
// do (the Curl-Up, Elbows Up once drew the Curl-Up again).
func TestVariantsLookDifferent(t *testing.T) {
	cat := catalog.Builtin()
	pairs := 0
	for _, p := range cat.Poses() {
		for _, id := range append(append([]string(nil), p.Easier...), p.Harder...) {
			v, err := cat.Pose(id)
			if err != nil {
				t.Fatalf("%s: variant %s: %v", p.ID, id, err)
			}
			pairs++
			got, err := figure.Unlike(p.Figure, v.Figure)
			if err != nil {
				t.Fatalf("Unlike(%s, %s) = %v", p.ID, id, err)
			}
			if got < figure.MinVariantChange {
				t.Errorf("Unlike(%s, %s) = %.0f cm, want at least %.0f cm: the two pictures look the same", p.ID, id, got*170, figure.MinVariantChange*170)
			}
		}
	}
	if pairs == 0 {
		t.Fatal("no pose has a variant; the test checked nothing")
	}
}

// TestWorksFar checks that a figure whose pose's side works on the far
// side (the wall side bridge: the forearm on a wall beside the body is
// drawn far) draws each side as the other's picture: the right side's
// picture has the right forearm on the wall.
func TestWorksFar(t *testing.T) {
	p, err := catalog.Builtin().Pose("wall-side-bridge")
	if err != nil {
		t.Fatal(err)
	}
	if p.Figure.Works != "far" {
		t.Fatalf("wall-side-bridge works %q, want far", p.Figure.Works)
	}
	asWritten := p.Figure
	asWritten.Works = ""
	for _, side := range []backcare.Side{backcare.Right, backcare.Left} {
		got, err := figure.DrawFrames(p.Figure, side)
		if err != nil {
			t.Fatal(err)
		}
		want, err := figure.DrawFrames(asWritten, side.Other())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("the %s side's picture is not the figure as written drawn for the %s side", side, side.Other())
		}
	}
	bad := asWritten
	bad.Works = "left"
	if err := figure.Check(bad); err == nil || !strings.Contains(err.Error(), "neither near nor far") {
		t.Errorf("Check(works: left) = %v, want it refused", err)
	}
}

// TestLimbKeepsItsColourInBothViews checks that a figure drawn from two
// views colours each limb the same in both: the Figure-Four's bottom leg
// was dark from the far side and light from the front, and read as the
// other leg.
func TestLimbKeepsItsColourInBothViews(t *testing.T) {
	for _, p := range catalog.Builtin().Poses() {
		if !strings.Contains(p.Figure.View, " and ") {
			continue
		}
		t.Run(p.ID, func(t *testing.T) {
			d, err := figure.Draw(p.Figure, backcare.Right)
			if err != nil {
				t.Fatal(err)
			}
			classes := map[string]figure.Class{}
			for _, sh := range d.Shapes {
				if sh.Class != figure.Near && sh.Class != figure.Far {
					continue
				}
				if c, ok := classes[sh.Part]; ok && c != sh.Class {
					t.Errorf("%s: class = %s in one view, want %s as in the other", sh.Part, sh.Class, c)
				}
				classes[sh.Part] = sh.Class
			}
		})
	}
}
