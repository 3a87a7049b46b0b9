package tui

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"backcare"
	"backcare/player"
)

// textCols is the least width the text beside a figure keeps: the big
// countdown fits it, and a pose's name wraps on two or three lines.
const textCols = 30

// figureBody lays out the segment's text with the pose's figure: beside
// the text, in two fifths of the width, for a pose that stands or
// kneels. A pose that is long and low gets more room, whichever draws it
// larger, by half as much again at least: across the whole width, above
// a compact text (a pose lying on the floor, which beside the text would
// be a smear of a few rows), or beside the text in all but the narrow
// column the text needs (a pose on the floor that is nearly as tall as
// long: a dead bug, a bird dog), or where that shows both views of a
// pose drawn in two. The figure is cropped to what it draws and scaled
// up to fill its panel.
func (m *model) figureBody(seg player.Segment, text segmentText, w, rows int, paused bool) string {
	figCols := 0
	if w >= 60 {
		figCols = min(max(w*2/5, 24), 70)
	}
	if figCols == 0 || (m.cfg.Figure == nil && m.cfg.Drawings == nil) {
		return m.segmentBody(seg, text, w, rows, paused)
	}
	beside := m.movementFrame(m.fitted(seg, figCols, rows))
	if len(beside) == 0 {
		return m.segmentBody(seg, text, w, rows, paused)
	}
	// A pose drawn in two views shows both, in the room that draws them
	// largest: beside the text in all the width it can spare (one over
	// the other, or side by side), or across the window over the text
	// packed in a line or two. Where neither draws them large enough to
	// read, it is laid out as a pose in one view, which may show its
	// first view alone. Beside the text in two fifths of the width, the
	// Child's Pose with Side Reach was two blobs 32 columns across, and
	// across the window its side view went alone, without the reach.
	if m.viewsOf(seg) == 2 {
		packedBody := m.segmentBody(seg, text, w, minTextRows-1, paused)
		var across bothViews
		if packed := rows - lipgloss.Height(packedBody) - 1; packed > 0 {
			across = m.both(seg, w, packed)
		}
		wide := m.both(seg, w-2-textCols, rows)
		switch {
		case wide.scale >= across.scale && wide.readable():
			f := m.movementFrame(wide.frames)
			return m.besideText(seg, text, f, width(f), w, rows, paused)
		case across.scale > wide.scale && across.readable():
			f := m.movementFrame(across.frames)
			return strings.Join(centred(m.paint(f), width(f), w), "\n") + "\n\n" + packedBody
		}
	}
	if len(beside) < rows-1 {
		var across, wide frame
		// Across the window, as tall as the room the compact text under
		// it leaves, and at least half the rows. A blank line parts the
		// figure from the text, but for a figure on the floor: its floor
		// line does.
		room := rows - lipgloss.Height(m.segmentBody(seg, text, w, 11, paused)) - 1
		sep := 1
		f := m.movementFrame(m.fitted(seg, w, max(room, rows/2)))
		if endsOnFloor(f) {
			sep = 0
			if g := m.movementFrame(m.fitted(seg, w, max(room+1, rows/2))); endsOnFloor(g) {
				f = g
			}
		}
		// Over the text packed in a line or two, where that draws the
		// figure larger by packedGain (a bridge, a dead bug: 7 rows over
		// the compact text, beside it 12 rows in 46 columns). The packed
		// text still shows the countdown, the pose's name and its step;
		// held to a third larger, the Bird Dog and the Child's Pose kept
		// two rows under the compact text that their figures needed.
		textRows := max(rows-len(f)-sep, minTextRows)
		packedBody := m.segmentBody(seg, text, w, minTextRows-1, paused)
		if packed := rows - lipgloss.Height(packedBody) - 1; packed > room {
			g, gsep := m.movementFrame(m.fitted(seg, w, packed)), 1
			if endsOnFloor(g) {
				gsep = 0
				if h := m.movementFrame(m.fitted(seg, w, packed+1)); endsOnFloor(h) {
					g = h
				}
			}
			if float64(area(g)) >= packedGain*float64(area(f)) {
				f, sep, textRows = g, gsep, minTextRows-1
			}
		}
		if len(f) > len(beside) && area(f) >= 3*area(beside)/2 {
			across = f
		}
		// Beside the text, in all the width it can spare: when that draws
		// the figure larger, or shows both of its views where two fifths
		// had room for one (the Figure-Four's two views need more room
		// than the countdown beside them).
		if wideCols := w - 2 - textCols; wideCols > figCols {
			f := m.movementFrame(m.fitted(seg, wideCols, rows))
			if area(f) >= 3*area(beside)/2 || m.viewsShown(seg, wideCols, rows) > m.viewsShown(seg, figCols, rows) {
				wide = f
			}
		}
		switch {
		case across != nil && area(across) >= area(wide):
			below := m.segmentBody(seg, text, w, textRows, paused)
			return strings.Join(centred(m.paint(across), width(across), w), "\n") + strings.Repeat("\n", 1+sep) + below
		case wide != nil:
			beside, figCols = wide, width(wide)
		}
	}
	return m.besideText(seg, text, beside, figCols, w, rows, paused)
}

// packedGain is how much larger, in cells, a figure across the window
// must be drawn over the text packed in a line or two than over the
// compact text to be drawn there: a row or two more, not a column.
const packedGain = 1.1

// minBothScale is the least scale (dots to the person's height) two
// views drawn together are given in the rooms figureBody weighs for
// them, unless the first view alone would be drawn at most a quarter
// larger there (bothGain): at 60 a person lying down is some 4 rows high
// and 30 columns long, the least a view of a lying pose reads at. The
// Knee Sway's two views side by side across an 80x14 body are drawn at
// 72, the Child's Pose with Side Reach's at 80; the Low Lunge with Side
// Reach's, beside the text at 80x24, at 49, where its side view alone
// (without the side bend) was drawn at 57.
const (
	minBothScale = 60
	bothGain     = 0.8
)

// besideText lays out a segment's text beside a figure's frame, the
// figure centred in a panel figCols wide at the left.
func (m *model) besideText(seg player.Segment, text segmentText, f frame, figCols, w, rows int, paused bool) string {
	right := m.segmentBody(seg, text, w-figCols-2, rows, paused)
	left := lipgloss.NewStyle().Width(figCols).Render(strings.Join(centred(m.paint(f), width(f), figCols), "\n"))
	return lipgloss.JoinHorizontal(lipgloss.Top, left, "  ", right)
}

// both draws the two views of the pose of a segment together in cols x
// rows, with the scale they are drawn at: 0, and no frames, where there
// is no room for both. Cached as figure's drawings are.
func (m *model) both(seg player.Segment, cols, rows int) bothViews {
	k, ok := m.figureKey(seg, cols, rows)
	if !ok || m.cfg.Drawings == nil || cols <= 0 || rows <= 0 {
		return bothViews{}
	}
	if d, ok := m.pairs[k]; ok {
		return d
	}
	fs, scale, solo := drawBoth(m.cfg.Drawings(k.pose, k.side), cols, rows)
	if m.pairs == nil {
		m.pairs = map[figureKey]bothViews{}
	}
	m.pairs[k] = bothViews{fs, scale, solo}
	return m.pairs[k]
}

// bothViews is a drawing of both views of a pose together, the scale
// they are drawn at, and the scale the first view would be drawn at
// alone in the same room.
type bothViews struct {
	frames      []frame
	scale, solo float64
}

// readable reports whether both views are drawn large enough to read
// (minBothScale), or nearly as large as the first view would be alone
// (bothGain), in pairRows rows at the least: in fewer, a view seen from
// above has no room for its mat's box round the body, and at 64x20 the
// Child's Pose with Side Reach went across the window in 5 rows, its
// body over the box's edges (nearly as large as its side view alone in
// those 5 rows, which says nothing).
func (b bothViews) readable() bool {
	return len(b.frames) > 0 && len(b.frames[0]) >= pairRows && (b.scale >= minBothScale || b.scale >= bothGain*b.solo)
}

// centred puts a figure's painted lines, each cols cells wide, in the
// middle of a panel panelCols wide: a figure narrower than its panel
// (the frames of a movement share one box, as wide as the widest) is
// indented by half the room it leaves.
func centred(lines []string, cols, panelCols int) []string {
	pad := (panelCols - cols) / 2
	if pad <= 0 {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.Repeat(" ", pad) + l
	}
	return out
}

// endsOnFloor reports whether a frame's last row is a floor line.
func endsOnFloor(f frame) bool {
	if len(f) == 0 {
		return false
	}
	for _, c := range f[len(f)-1] {
		if c.kind == floorCell || c.kind == matCell {
			return true
		}
	}
	return false
}

// width is how many cells wide a frame's drawing is.
func width(f frame) int {
	w := 0
	for _, row := range f {
		w = max(w, len(row))
	}
	return w
}

// area is how many cells a frame's drawing spans.
func area(f frame) int { return width(f) * len(f) }

// frameTime is how long each frame of a movement shows.
const frameTime = 2 * time.Second

// movementFrame picks the frame to show now from the frames of a
// movement: they take turns, frameTime each, from the start of the
// segment (the movement's start first), as its clock runs; they stand
// still while it is paused.
func (m *model) movementFrame(frames []frame) frame {
	if len(frames) == 0 {
		return nil
	}
	return frames[int(max(m.p.Elapsed(), 0)/frameTime)%len(frames)]
}

// cellKind is what a cell of a figure draws, which sets its glyph and its
// colour: the body near and far, an arrow, a prop or the floor.
type cellKind uint8

const (
	blankCell   cellKind = iota
	propCell             // a prop's outline: a dotted line of middle dots
	floorCell            // the floor: a line
	matCell              // a mat on the floor: a double line in the floor's row
	matBoxCell           // a mat seen from above: a box of double lines
	dividerCell          // the line between two views of a pose
	farCell              // the far limbs: lighter braille
	arrowCell            // the arrows of reach and paths: braille in red
	nearCell             // the trunk, head and near limbs: braille
	handCell             // a hand on the body or under it: braille in a colour of its own
)

// cell is one terminal cell of a figure.
type cell struct {
	r    rune
	kind cellKind
}

// frame is one frame of a figure, row by row.
type frame [][]cell

// brailleBlank is the empty braille cell.
const brailleBlank = 0x2800

func blankRune(r rune) bool { return r == brailleBlank || r == ' ' || r == 0 }

// figureRune reports whether a rune is one a figure draws with: braille,
// or the glyph of a prop, the floor, a mat or the line between two views.
func figureRune(r rune) bool {
	switch r {
	case propGlyph, floorGlyph, matGlyph, matSideGlyph, dividerGlyph, matCorners[0], matCorners[1], matCorners[2], matCorners[3]:
		return true
	}
	return r >= brailleBlank && r <= brailleBlank+0xff
}

// fromText reads a drawing given as text (Config.Figure), every mark a
// part of the body.
func fromText(s string) frame {
	var f frame
	for _, l := range strings.Split(s, "\n") {
		var row []cell
		for _, r := range l {
			k := nearCell
			if blankRune(r) {
				k = blankCell
			}
			row = append(row, cell{r, k})
		}
		f = append(f, row)
	}
	return f
}

// crop cuts the frames of a figure to the rows and columns where any of
// them draws, so that a movement stays in place as its frames take turns.
func crop(frames []frame) []frame {
	first, last := -1, -1
	left, right := -1, -1
	for _, f := range frames {
		for i, row := range f {
			for k, c := range row {
				if c.kind == blankCell {
					continue
				}
				if first < 0 || i < first {
					first = i
				}
				last = max(last, i)
				if left < 0 || k < left {
					left = k
				}
				right = max(right, k)
			}
		}
	}
	if first < 0 {
		return nil
	}
	out := make([]frame, len(frames))
	for n, f := range frames {
		for i := first; i <= last; i++ {
			var row []cell
			if i < len(f) {
				row = f[i]
			}
			if left >= len(row) {
				out[n] = append(out[n], nil)
				continue
			}
			out[n] = append(out[n], row[left:min(right+1, len(row))])
		}
	}
	return out
}

// size is the width and height of cropped frames.
func size(frames []frame) (w, h int) {
	for _, f := range frames {
		h = max(h, len(f))
		for _, row := range f {
			w = max(w, len(row))
		}
	}
	return w, h
}

// fitted draws the pose of a segment cropped to what it draws and as
// large as it fits in cols x rows. Drawings are fitted exactly (the
// frames of a movement together); a drawing given as text is asked for
// again, larger, until its marks fill the room: the bounds it was
// fitted by may hold more than its marks.
func (m *model) fitted(seg player.Segment, cols, rows int) []frame {
	if m.cfg.Drawings != nil {
		return m.figure(seg, cols, rows)
	}
	best := crop(m.figure(seg, cols, rows))
	w, h := size(best)
	if w == 0 || h == 0 {
		return nil
	}
	s := min(float64(cols)/float64(w), float64(rows)/float64(h))
	for try := 0; try < 6 && s > 1.04; try++ {
		c, r := int(float64(cols)*s), int(float64(rows)*s)
		next := crop(m.figure(seg, c, r))
		nw, nh := size(next)
		if nw <= cols && nh <= rows {
			if nw*nh > w*h {
				best = next
			}
			break
		}
		s = 1 + (s-1)*0.6
	}
	return best
}

// paint turns a frame into lines of text, each kind of cell in its style.
func (m *model) paint(f frame) []string {
	out := make([]string, len(f))
	for i, row := range f {
		var b strings.Builder
		for k := 0; k < len(row); {
			j := k
			var run strings.Builder
			for j < len(row) && row[j].kind == row[k].kind {
				run.WriteRune(row[j].r)
				j++
			}
			if st, ok := m.st.figure[row[k].kind]; ok {
				b.WriteString(st.Render(run.String()))
			} else {
				b.WriteString(run.String())
			}
			k = j
		}
		out[i] = b.String()
	}
	return out
}

// figure draws the frames of the pose of a segment, or of the pose that
// comes next during a rest between poses, cached by pose, side and size.
func (m *model) figure(seg player.Segment, cols, rows int) []frame {
	k, ok := m.figureKey(seg, cols, rows)
	if !ok {
		return nil
	}
	if f, ok := m.figures[k]; ok {
		return f
	}
	f, views := m.draw(k.pose, k.side, cols, rows)
	m.figures[k] = f
	if m.views == nil {
		m.views = map[figureKey]int{}
	}
	m.views[k] = views
	return f
}

// figureKey is the pose and side a segment shows (the pose that comes
// next, during a rest between poses) at a size; false for none.
func (m *model) figureKey(seg player.Segment, cols, rows int) (figureKey, bool) {
	pose, side := seg.Pose, seg.Side
	if pose == "" {
		for _, s := range m.cfg.Timeline.Segments[seg.Index:] {
			if s.Pose != "" {
				pose, side = s.Pose, s.Side
				break
			}
		}
	}
	return figureKey{pose, side, cols, rows}, pose != ""
}

// viewsShown is how many views of its pose the figure of a segment
// shows in cols x rows: two, or one where two would not be legible.
func (m *model) viewsShown(seg player.Segment, cols, rows int) int {
	if len(m.figure(seg, cols, rows)) == 0 {
		return 0
	}
	k, _ := m.figureKey(seg, cols, rows)
	return m.views[k]
}

// viewsOf is how many views the pose of a segment is drawn in: two, or
// one. It is cached with the drawings' views, at no size.
func (m *model) viewsOf(seg player.Segment) int {
	k, ok := m.figureKey(seg, -1, -1)
	if !ok || m.cfg.Drawings == nil {
		return 1
	}
	if n, ok := m.views[k]; ok {
		return n
	}
	n := 1
	if ds := m.cfg.Drawings(k.pose, k.side); len(ds) > 0 && len(splitViews(ds)) == 2 {
		n = 2
	}
	if m.views == nil {
		m.views = map[figureKey]int{}
	}
	m.views[k] = n
	return n
}

// draw draws the frames of a pose from its drawings, or from the text of
// Config.Figure, and says how many views of the pose they show.
func (m *model) draw(pose string, side backcare.Side, cols, rows int) ([]frame, int) {
	var out []frame
	if m.cfg.Drawings != nil {
		fs, boxes := drawViews(m.cfg.Drawings(pose, side), cols, rows)
		return fs, len(boxes)
	}
	s := m.cfg.Figure(pose, side, cols, rows)
	if s == "" {
		return nil, 0
	}
	for _, f := range strings.Split(s, "\f") {
		out = append(out, fromText(f))
	}
	return out, 1
}
