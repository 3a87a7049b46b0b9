package figure

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strings"

	"golang.org/x/image/vector"
)

// Palette is the colour of each class for the raster renderers and the PDF.
type Palette struct {
	Background color.NRGBA
	Ground     color.NRGBA
	Prop       color.NRGBA // fill
	PropEdge   color.NRGBA // outline
	Near       color.NRGBA
	Far        color.NRGBA
	Highlight  color.NRGBA // drawn with its alpha over the body
	Reach      color.NRGBA
	Space      color.NRGBA
	Shadow     color.NRGBA // drawn with its alpha over what it lies on
}

// Paper is the palette for print and review: a dark figure on white.
var Paper = Palette{
	Background: color.NRGBA{0xff, 0xff, 0xff, 0xff},
	Ground:     color.NRGBA{0x8a, 0x80, 0x72, 0xff},
	Prop:       color.NRGBA{0xe9, 0xe4, 0xda, 0xff},
	PropEdge:   color.NRGBA{0xa8, 0x9e, 0x8e, 0xff},
	Near:       color.NRGBA{0x26, 0x3a, 0x4f, 0xff},
	Far:        color.NRGBA{0x93, 0xa6, 0xba, 0xff},
	Highlight:  color.NRGBA{0xf0, 0x7a, 0x22, 0xc8},
	Reach:      color.NRGBA{0xc2, 0x37, 0x2b, 0xff},
	Space:      color.NRGBA{0x4a, 0xa3, 0xdf, 0xff},
	Shadow:     color.NRGBA{0x5c, 0x50, 0x40, 0x58},
}

// Colour returns the palette's colour for a class.
func (p Palette) Colour(c Class) color.NRGBA {
	switch c {
	case Ground:
		return p.Ground
	case Prop:
		return p.Prop
	case Far:
		return p.Far
	case Highlight:
		return p.Highlight
	case Reach:
		return p.Reach
	case Space:
		return p.Space
	case Shadow:
		return p.Shadow
	}
	return p.Near
}

// fit maps drawing coordinates into a w x h pixel box with a margin,
// keeping the aspect ratio and centring the drawing.
type fit struct {
	scale, ox, oy float64
}

func (d *Drawing) fit(w, h, margin float64) fit {
	dw, dh := d.Max.X-d.Min.X, d.Max.Y-d.Min.Y
	s := math.Min((w-2*margin)/dw, (h-2*margin)/dh)
	return fit{
		scale: s,
		ox:    (w-dw*s)/2 - d.Min.X*s,
		oy:    (h-dh*s)/2 + d.Max.Y*s,
	}
}

func (f fit) px(p Point) (float32, float32) {
	return float32(f.ox + p.X*f.scale), float32(f.oy - p.Y*f.scale)
}

// Image renders the drawing into a new w x h image.
func (d *Drawing) Image(w, h int, pal Palette) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(pal.Background), image.Point{}, draw.Src)
	f := d.fit(float64(w), float64(h), math.Max(2, 0.03*float64(min(w, h))))
	// The body is painted on a layer of its own, so that gaps erase earlier
	// body parts and never the props or the floor behind them.
	var layer *image.RGBA
	flush := func() {
		if layer != nil {
			draw.Draw(img, img.Bounds(), layer, image.Point{}, draw.Over)
			layer = nil
		}
	}
	for i := 0; i < len(d.Shapes); i++ {
		s := d.Shapes[i]
		col := pal.Colour(s.Class)
		switch s.Class {
		case Near, Far, Gap, Hidden, Highlight:
			if layer == nil {
				layer = image.NewRGBA(img.Bounds())
			}
			switch s.Class {
			case Hidden:
				// A hidden part's dashes are cut into the body, as a
				// gap is.
				if s.Closed {
					win := s
					win.Width = 0
					r := vector.NewRasterizer(w, h)
					r.DrawOp = draw.Over
					addShape(r, f, win, false)
					erase(layer, r, HiddenSeeThrough)
				}
				r := vector.NewRasterizer(w, h)
				r.DrawOp = draw.Over
				for _, dash := range s.Dashes() {
					addShape(r, f, f.minLine(dash), false)
				}
				erase(layer, r, 1)
			case Gap:
				// One body part's gap is its shapes' outline together.
				r := vector.NewRasterizer(w, h)
				r.DrawOp = draw.Over
				for ; i < len(d.Shapes) && d.Shapes[i].Class == Gap; i++ {
					addShape(r, f, f.minGap(d.Shapes[i]), false)
				}
				i--
				erase(layer, r, 1)
			case Highlight:
				// A highlight lies on the body it marks (the parts in
				// front of it are painted later, over it). Translucent
				// shapes in a run are painted as one, so overlaps do not
				// darken.
				b := img.Bounds()
				r := vector.NewRasterizer(b.Dx(), b.Dy())
				r.DrawOp = draw.Over
				for ; i < len(d.Shapes) && d.Shapes[i].Class == Highlight; i++ {
					addShape(r, f, d.Shapes[i], false)
				}
				i--
				r.Draw(layer, b, image.NewUniform(col), image.Point{})
			default:
				d.paint(layer, f, s, col, false)
			}
			continue
		}
		flush()
		if s.Class == Prop {
			if s.Part == MatSide {
				col = pal.PropEdge
			}
			d.paint(img, f, s, col, false)
			edge := s
			edge.Closed, edge.Points = false, append(append([]Point(nil), s.Points...), s.Points[0])
			d.paint(img, f, edge, pal.PropEdge, true)
			continue
		}
		d.paint(img, f, s, col, false)
	}
	flush()
	return img
}

// erase clears dst (premultiplied RGBA) where the rasterizer's shapes are,
// in proportion to their coverage, times share (1 clears it all).
func erase(dst *image.RGBA, r *vector.Rasterizer, share float64) {
	b := dst.Bounds()
	m := image.NewAlpha(b)
	r.Draw(m, b, image.NewUniform(color.Alpha{uint8(math.Round(255 * share))}), image.Point{})
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := dst.Pix[dst.PixOffset(b.Min.X, y):]
		mrow := m.Pix[m.PixOffset(b.Min.X, y):]
		for x := 0; x < b.Dx(); x++ {
			a := mrow[x]
			if a == 0 {
				continue
			}
			keep := uint32(255 - a)
			for k := 0; k < 4; k++ {
				row[4*x+k] = uint8(uint32(row[4*x+k]) * keep / 255)
			}
		}
	}
}

// minGap widens a gap shape so that it is at least about a pixel wide at
// this scale: thinner, it would blur into nothing.
func (f fit) minGap(s Shape) Shape {
	extra := max(0, 1.1/f.scale-GapWidth)
	if s.Radius > 0 {
		s.Radius += extra
	} else {
		s.Width += 2 * extra
	}
	return s
}

// minLine widens a line so that it is at least about a pixel wide at
// this scale.
func (f fit) minLine(s Shape) Shape {
	s.Width = max(s.Width, 1.1/f.scale)
	return s
}

// PNG writes the drawing as a w x h PNG on white.
func (d *Drawing) PNG(w io.Writer, width, height int) error {
	if err := png.Encode(w, d.Image(width, height, Paper)); err != nil {
		return fmt.Errorf("figure: png: %w", err)
	}
	return nil
}

// paint fills one shape. strokeOnly draws a closed shape's outline alone.
func (d *Drawing) paint(dst draw.Image, f fit, s Shape, col color.NRGBA, strokeOnly bool) {
	b := dst.Bounds()
	r := vector.NewRasterizer(b.Dx(), b.Dy())
	r.DrawOp = draw.Over
	addShape(r, f, s, strokeOnly)
	r.Draw(dst, b, image.NewUniform(col), image.Point{})
}

// addShape adds a shape's outline to the rasterizer, every sub-path wound
// the same way so that overlaps add up rather than cancel.
func addShape(r *vector.Rasterizer, f fit, s Shape, strokeOnly bool) {
	w := s.Width * f.scale
	if s.Radius > 0 {
		x, y := f.px(s.Points[0])
		circle(r, x, y, float32(s.Radius*f.scale))
		return
	}
	pts := make([][2]float32, len(s.Points))
	for i, p := range s.Points {
		x, y := f.px(p)
		pts[i] = [2]float32{x, y}
	}
	if s.Closed && !strokeOnly && len(pts) >= 3 {
		polygon(r, pts)
	}
	if w <= 0 {
		return
	}
	hw := float32(w / 2)
	line := pts
	if s.Closed && !strokeOnly {
		line = append(append([][2]float32(nil), pts...), pts[0])
	}
	for i := range line {
		circle(r, line[i][0], line[i][1], hw)
		if i > 0 {
			quad(r, line[i-1], line[i], hw)
		}
	}
}

// polygon adds pts wound counter-clockwise on screen.
func polygon(r *vector.Rasterizer, pts [][2]float32) {
	var area float32
	for i := range pts {
		j := (i + 1) % len(pts)
		area += pts[i][0]*pts[j][1] - pts[j][0]*pts[i][1]
	}
	if area < 0 {
		rev := make([][2]float32, len(pts))
		for i := range pts {
			rev[i] = pts[len(pts)-1-i]
		}
		pts = rev
	}
	r.MoveTo(pts[0][0], pts[0][1])
	for _, p := range pts[1:] {
		r.LineTo(p[0], p[1])
	}
	r.ClosePath()
}

func quad(r *vector.Rasterizer, a, b [2]float32, hw float32) {
	dx, dy := b[0]-a[0], b[1]-a[1]
	n := float32(math.Hypot(float64(dx), float64(dy)))
	if n < 1e-3 {
		return
	}
	nx, ny := -dy/n*hw, dx/n*hw
	polygon(r, [][2]float32{{a[0] + nx, a[1] + ny}, {b[0] + nx, b[1] + ny}, {b[0] - nx, b[1] - ny}, {a[0] - nx, a[1] - ny}})
}

func circle(r *vector.Rasterizer, x, y, rad float32) {
	if rad <= 0 {
		return
	}
	n := max(12, int(rad*1.5))
	pts := make([][2]float32, n)
	for i := range pts {
		s, c := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		pts[i] = [2]float32{x + rad*float32(c), y + rad*float32(s)}
	}
	polygon(r, pts)
}

// Braille draws the figure in cols x rows terminal cells of braille
// characters (each cell holds 2 x 4 dots), one line per row. The floor
// and props are dotted outlines (one dot in three), so the body and
// the solid arrows stand out from them; the far limbs are drawn with every
// other dot, so they read as lighter, and gaps keep a limb in front apart
// from what it crosses.
func (d *Drawing) Braille(cols, rows int) string {
	if cols <= 0 || rows <= 0 {
		return ""
	}
	w, h := cols*2, rows*4
	f := d.fit(float64(w), float64(h), 0.5)
	minW := 1.2 / f.scale // no line thinner than about one dot
	// Each dot is 0 (empty), or what covers it: the outline of a prop or
	// the floor, an arrow, or the near or far body.
	const (
		empty uint8 = iota
		line
		arrow
		far
		near
	)
	dots := make([]uint8, w*h)
	mark := func(s Shape, v uint8, onlyBody bool) {
		r := vector.NewRasterizer(w, h)
		addShape(r, f, s, false)
		m := image.NewAlpha(image.Rect(0, 0, w, h))
		r.Draw(m, m.Bounds(), image.Opaque, image.Point{})
		for k, a := range m.Pix {
			if a < 0x60 {
				continue
			}
			if onlyBody && dots[k] != far && dots[k] != near {
				continue
			}
			dots[k] = v
		}
	}
	for _, s := range d.Shapes {
		switch s.Class {
		case Highlight, Shadow:
			continue
		case Gap:
			// At this size a gap of one dot is the least that shows.
			mark(f.minGap(s), empty, true)
			continue
		case Hidden:
			// A hidden part's outline: its dashes cut into the body,
			// a dot wide.
			for _, dash := range s.Dashes() {
				mark(f.minLine(dash), empty, true)
			}
			continue
		case Prop, Ground:
			edge := s
			edge.Closed, edge.Width = false, minW
			edge.Points = append(append([]Point(nil), s.Points...), s.Points[0])
			if s.Class == Ground {
				edge.Points = s.Points[:2]
			}
			s = edge
		}
		if s.Width > 0 && s.Width < minW {
			s.Width = minW
		}
		v := line
		switch s.Class {
		case Far:
			v = far
		case Near:
			v = near
		case Reach:
			v = arrow
		}
		mark(s, v, false)
	}
	// Dot order within a braille cell (Unicode): columns of 1 2 3 7 and 4 5 6 8.
	bits := [4][2]rune{{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}}
	var sb strings.Builder
	for cy := 0; cy < rows; cy++ {
		for cx := 0; cx < cols; cx++ {
			ch := rune(0x2800)
			for dy := 0; dy < 4; dy++ {
				for dx := 0; dx < 2; dx++ {
					x, y := cx*2+dx, cy*4+dy
					switch v := dots[y*w+x]; {
					case v == far && (x+y)%2 == 1:
						// a lighter shade: every other dot
					case v == line && (x+y)%3 != 0:
						// props and the floor dotted, one dot in three,
						// so that the solid arrows and the body stand
						// out from them
					case v != empty:
						ch |= bits[dy][dx]
					}
				}
			}
			sb.WriteRune(ch)
		}
		if cy < rows-1 {
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}
