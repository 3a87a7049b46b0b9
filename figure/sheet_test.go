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

// contactSheet lays tiles out in rows of cols cells w pixels wide, each
// row as tall as its tallest picture plus a label line, shrinking (by whole
// steps) any picture wider than a cell, and writes the sheet as a PNG.
func contactSheet(path string, tiles []tile, cols, w int) error {
	const label = 18
	step := func(t tile) int {
		s := 1
		for t.img.Bounds().Dx()/s > w-8 {
			s++
		}
		return s
	}
	var rowH []int
	for i, t := range tiles {
		if i%cols == 0 {
			rowH = append(rowH, 0)
		}
		rowH[len(rowH)-1] = max(rowH[len(rowH)-1], t.img.Bounds().Dy()/step(t)+label+8)
	}
	total := 0
	for _, h := range rowH {
		total += h
	}
	sheet := image.NewRGBA(image.Rect(0, 0, cols*w, total))
	draw.Draw(sheet, sheet.Bounds(), image.NewUniform(color.RGBA{0xdd, 0xdd, 0xdd, 0xff}), image.Point{}, draw.Src)
	y := 0
	for i, t := range tiles {
		if i > 0 && i%cols == 0 {
			y += rowH[i/cols-1]
		}
		x := (i % cols) * w
		b := t.img.Bounds()
		st := step(t)
		ox, oy := x+(w-b.Dx()/st)/2, y+label
		for py := 0; py < b.Dy()/st; py++ {
			for px := 0; px < b.Dx()/st; px++ {
				sheet.Set(ox+px, oy+py, t.img.At(b.Min.X+px*st, b.Min.Y+py*st))
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
		_ = f.Close() // the encoding error is the one to report
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
		_ = f.Close() // read only: closing cannot lose data
		if err != nil {
			return nil, err
		}
		out = append(out, tile{filepath.Base(n), img})
	}
	return out, nil
}
