package pdf

import (
	"image/color"
	"math"
	"slices"

	"backcare/figure"
)

// figure draws a pose's figure as vectors, fitted into the box, on the
// chart's tinted panel.
//
// A gap (figure.Gap) must erase the body parts painted before it and show
// what lies behind them: the panel, or a prop or the floor. PDF has no
// eraser, so the gap is painted in the colour of what is behind: first in
// the panel's colour, clipped to outside every prop and the floor, then
// in each prop's colour, clipped to that prop.
func (c *chart) figure(dr *figure.Drawing, x, y, w, h float64) {
	d := c.doc
	dw, dh := dr.Max.X-dr.Min.X, dr.Max.Y-dr.Min.Y
	s := min(w/dw, h/dh)
	ox := x + (w-dw*s)/2 - dr.Min.X*s
	oy := y + (h-dh*s)/2 + dr.Max.Y*s
	px := func(p figure.Point) (float64, float64) { return ox + p.X*s, oy - p.Y*s }
	pal := figure.Paper

	path := func(sh figure.Shape) {
		if sh.Radius > 0 {
			cx, cy := px(sh.Points[0])
			d.circle(cx, cy, sh.Radius*s)
			return
		}
		for i, p := range sh.Points {
			X, Y := px(p)
			if i == 0 {
				d.moveTo(X, Y)
			} else {
				d.lineTo(X, Y)
			}
		}
		if sh.Closed {
			d.op("h")
		}
	}
	// paint fills and strokes one shape in the current colours.
	paint := func(sh figure.Shape) {
		path(sh)
		switch {
		case sh.Radius > 0:
			d.op("f")
			return
		case sh.Width > 0:
			d.lineWidth(max(sh.Width*s, 0.01))
		}
		switch {
		case sh.Closed && sh.Width > 0:
			d.op("B")
		case sh.Closed:
			d.op("f")
		default:
			d.op("S")
		}
	}
	// behind are the props and the floor, which gaps must not erase.
	var behind []figure.Shape
	d.op("q")
	d.op("1 J 1 j")
	for i := 0; i < len(dr.Shapes); i++ {
		sh := dr.Shapes[i]
		switch sh.Class {
		case figure.Gap:
			j := i
			for j < len(dr.Shapes) && dr.Shapes[j].Class == figure.Gap {
				j++
			}
			c.gaps(dr.Shapes[i:j], behind, path, paint)
			i = j - 1
			continue
		case figure.Hidden:
			// A hidden part's window, what lies behind the body
			// painted over it partly (the body seen through), and its
			// dashed outline, cut into the body as a gap is, dash by
			// dash.
			if sh.Closed {
				win := sh
				win.Width = 0
				d.op("q")
				d.alpha(figure.HiddenSeeThrough)
				c.gaps([]figure.Shape{win}, behind, path, paint)
				d.op("Q")
			}
			c.gaps(sh.Dashes(), behind, path, paint)
			continue
		case figure.Highlight:
			// A run of highlight shapes is one translucent fill, so
			// that where two overlap (the Glute Bridge's two buttocks,
			// a lunge's hip) the page does not show a darker lens.
			j := i
			for j < len(dr.Shapes) && dr.Shapes[j].Class == figure.Highlight {
				j++
			}
			col := pal.Colour(figure.Highlight)
			d.op("q")
			d.alpha(float64(col.A) / 255)
			d.fill(colour(col))
			for _, h := range dr.Shapes[i:j] {
				c.outline(h, px, s)
			}
			d.op("f")
			d.op("Q")
			i = j - 1
			continue
		case figure.Prop, figure.Ground, figure.Shadow:
			behind = append(behind, sh)
		}
		col := colour(fillColour(sh))
		d.fill(col)
		d.stroke(col)
		if sh.Class == figure.Prop {
			d.stroke(colour(pal.PropEdge))
		}
		if a := pal.Colour(sh.Class).A; a < 0xff {
			d.op("q")
			d.alpha(float64(a) / 255)
			paint(sh)
			d.op("Q")
			continue
		}
		paint(sh)
	}
	d.op("Q")
}

// outline adds to the path the whole area a shape paints, filled and
// stroked, as sub-paths all wound one way (the way doc.circle winds), so
// that one fill with the nonzero rule paints their union once.
func (c *chart) outline(sh figure.Shape, px func(figure.Point) (float64, float64), scale float64) {
	d := c.doc
	if sh.Radius > 0 {
		x, y := px(sh.Points[0])
		d.circle(x, y, sh.Radius*scale)
		return
	}
	pts := make([][2]float64, len(sh.Points))
	for i, p := range sh.Points {
		x, y := px(p)
		pts[i] = [2]float64{x, y}
	}
	if sh.Closed && len(pts) >= 3 {
		polygonPath(d, pts)
	}
	r := sh.Width * scale / 2
	if r <= 0 {
		return
	}
	line := pts
	if sh.Closed {
		line = append(append([][2]float64(nil), pts...), pts[0])
	}
	for i := range line {
		d.circle(line[i][0], line[i][1], r)
		if i == 0 {
			continue
		}
		a, b := line[i-1], line[i]
		dx, dy := b[0]-a[0], b[1]-a[1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*r, dx/l*r
		polygonPath(d, [][2]float64{{a[0] + nx, a[1] + ny}, {b[0] + nx, b[1] + ny}, {b[0] - nx, b[1] - ny}, {a[0] - nx, a[1] - ny}})
	}
}

// polygonPath adds a polygon to the path, wound as doc.circle winds its
// circles (the signed area positive).
func polygonPath(d *doc, pts [][2]float64) {
	var area float64
	for i := range pts {
		j := (i + 1) % len(pts)
		area += pts[i][0]*pts[j][1] - pts[j][0]*pts[i][1]
	}
	if area < 0 {
		pts = append([][2]float64(nil), pts...)
		slices.Reverse(pts)
	}
	for i, p := range pts {
		if i == 0 {
			d.moveTo(p[0], p[1])
		} else {
			d.lineTo(p[0], p[1])
		}
	}
	d.op("h")
}

// colour is a palette colour as the PDF writer takes it.
func colour(c color.NRGBA) rgb { return rgb{int(c.R), int(c.G), int(c.B)} }

// fillColour is the colour a shape is filled with: its class's, but the
// outline's for the edge of a mat (figure.MatSide).
func fillColour(sh figure.Shape) color.NRGBA {
	if sh.Part == figure.MatSide {
		return figure.Paper.PropEdge
	}
	return figure.Paper.Colour(sh.Class)
}

// gaps paints a run of gap shapes in the colour of whatever lies behind
// the body: the panel outside the props and the floor, and each of those
// within its own outline.
func (c *chart) gaps(gaps, behind []figure.Shape, path, paint func(figure.Shape)) {
	d := c.doc
	fillAll := func(col rgb) {
		d.fill(col)
		d.stroke(col)
		for _, g := range gaps {
			paint(g)
		}
	}
	// Outside every prop: clip, one prop at a time, to a page-sized
	// rectangle minus the prop (even-odd).
	d.op("q")
	for _, b := range behind {
		d.moveTo(-1, -1)
		d.lineTo(d.w+1, -1)
		d.lineTo(d.w+1, d.h+1)
		d.lineTo(-1, d.h+1)
		d.op("h")
		path(b)
		d.op("W* n")
	}
	fillAll(panel)
	d.op("Q")
	for _, b := range behind {
		d.op("q")
		path(b)
		d.op("W n")
		fillAll(colour(fillColour(b)))
		d.op("Q")
	}
}

// stackGap is the room between two frames stacked one above the other,
// where the arrow from one to the next goes, in units of standing height.
const stackGap = 0.22

// stack lays a movement's frames out one above the other, from the top
// down, with a dashed grey arrow pointing down between each and the
// next: figure.Sequence turned on its side, for a page too narrow for
// the frames side by side. The frames share one box (figure.DrawFrames).
func stack(frames []*figure.Drawing) *figure.Drawing {
	lo, hi := frames[0].Min, frames[0].Max
	h := hi.Y - lo.Y
	out := &figure.Drawing{Min: lo, Max: hi}
	x := lo.X + 0.12
	for i, d := range frames {
		dy := -float64(i) * (h + stackGap)
		if i > 0 {
			// The arrow, near the left edge, in the gap above this frame.
			top, bottom := lo.Y+dy+h+stackGap-0.03, lo.Y+dy+h+0.05
			for k := 0; k < 3; k++ {
				t0, t1 := float64(k)/3, float64(k)/3+0.2
				out.Shapes = append(out.Shapes, figure.Shape{Class: figure.Ground, Part: "then", Width: 0.014,
					Points: []figure.Point{{X: x, Y: top + (bottom-top)*t0}, {X: x, Y: top + (bottom-top)*t1}}})
			}
			out.Shapes = append(out.Shapes, figure.Shape{Class: figure.Ground, Part: "then", Width: 0.014,
				Points: []figure.Point{{X: x - 0.04, Y: bottom + 0.045}, {X: x, Y: bottom}, {X: x + 0.04, Y: bottom + 0.045}}})
		}
		for _, sh := range d.Shapes {
			pts := make([]figure.Point, len(sh.Points))
			for k, p := range sh.Points {
				pts[k] = figure.Point{X: p.X, Y: p.Y + dy}
			}
			sh.Points = pts
			out.Shapes = append(out.Shapes, sh)
		}
		out.Min.Y = lo.Y + dy
	}
	return out
}
