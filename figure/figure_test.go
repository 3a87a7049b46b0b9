package figure_test

import (
	"flag"
	"os"
	"path/filepath"
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
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
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
				sc, err := figure.Place(p.Figure)
				if err != nil {
					t.Fatal(err)
				}
				d := sc.Drawing(side)
				if *render == "" {
					continue
				}
				name := p.ID
				if side != backcare.NoSide {
					name += "-" + string(side)
				}
				f, err := os.Create(filepath.Join(*render, name+".png"))
				if err != nil {
					t.Fatal(err)
				}
				if err := d.PNG(f, 480, 360); err != nil {
					t.Fatal(err)
				}
				f.Close()
				tiles = append(tiles, tile{name, d.Image(480, 360, figure.Paper)})
				if err := os.WriteFile(filepath.Join(*render, name+".txt"), []byte(d.Braille(40, 12)+"\n"), 0o644); err != nil {
					t.Fatal(err)
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
					f.Close()
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
	if err := contactSheet(sheet, append(tiles, pages...), 4, 480, 360+0); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", sheet)
}
