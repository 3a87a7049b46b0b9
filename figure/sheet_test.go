package figure_test

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"sort"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// tile is one picture of the contact sheet with its label.
type tile struct {
	label string
	img   image.Image
}

// contactSheet lays tiles out in rows of cols, each cell w x h plus a label
// line, and writes the sheet as a PNG.
func contactSheet(path string, tiles []tile, cols, w, h int) error {
	const label = 18
	rows := (len(tiles) + cols - 1) / cols
	sheet := image.NewRGBA(image.Rect(0, 0, cols*w, rows*(h+label)))
	draw.Draw(sheet, sheet.Bounds(), image.NewUniform(color.RGBA{0xf4, 0xf4, 0xf4, 0xff}), image.Point{}, draw.Src)
	for i, t := range tiles {
		x, y := (i%cols)*w, (i/cols)*(h+label)
		b := t.img.Bounds()
		// Centre the picture in its cell, shrinking it by whole steps if
		// it is larger than the cell.
		step := 1
		for b.Dx()/step > w-4 || b.Dy()/step > h-4 {
			step++
		}
		ox := x + (w-b.Dx()/step)/2
		oy := y + label + (h-b.Dy()/step)/2
		for py := 0; py < b.Dy()/step; py++ {
			for px := 0; px < b.Dx()/step; px++ {
				sheet.Set(ox+px, oy+py, t.img.At(b.Min.X+px*step, b.Min.Y+py*step))
			}
		}
		d := &font.Drawer{Dst: sheet, Src: image.Black, Face: basicfont.Face7x13, Dot: fixed.P(x+6, y+14)}
		d.DrawString(t.label)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, sheet); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// pagePNGs reads the chart pages that bench/contact-sheet.sh rendered with
// pdftoppm into dir (files named chart-*.png), in order.
func pagePNGs(dir string) ([]tile, error) {
	names, err := filepath.Glob(filepath.Join(dir, "chart-*.png"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []tile
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			return nil, err
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, tile{filepath.Base(n), img})
	}
	return out, nil
}
