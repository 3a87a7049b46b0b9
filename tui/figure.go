package tui

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"backcare/player"
)

// figureBody lays out the segment's text with the pose's figure: beside
// the text for a pose that stands or kneels; across the whole width, above
// the text, for a pose lying on the floor, which beside the text would be
// a smear of a few rows (when across it gets at least two rows more). The figure is cropped to what it draws, so it fills
// its panel rather than floating in blank cells.
func (m *model) figureBody(seg player.Segment, text segmentText, w, rows int, paused bool) string {
	figCols := 0
	if w >= 60 {
		figCols = min(max(w*2/5, 24), 70)
	}
	if figCols == 0 || m.cfg.Figure == nil {
		return m.segmentBody(seg, text, w, rows, paused)
	}
	beside := m.movementFrame(crop(m.figure(seg, figCols, rows)))
	if len(beside) == 0 {
		return m.segmentBody(seg, text, w, rows, paused)
	}
	// A lying pose: draw it across the window, leaving the text at least
	// half the rows (the compact countdown needs no more).
	if len(beside) < rows/2 {
		across := m.movementFrame(crop(m.figure(seg, w, rows/2)))
		if len(across) >= len(beside)+2 {
			below := m.segmentBody(seg, text, w, rows-len(across)-1, paused)
			return strings.Join(across, "\n") + "\n\n" + below
		}
	}
	right := m.segmentBody(seg, text, w-figCols-2, rows, paused)
	left := lipgloss.NewStyle().Width(figCols).Render(strings.Join(beside, "\n"))
	return lipgloss.JoinHorizontal(lipgloss.Top, left, "  ", right)
}

// frameTime is how long each frame of a movement shows.
const frameTime = 2 * time.Second

// movementFrame picks the frame to show now from the frames of a movement: they
// take turns, frameTime each, as the clock runs (and stand still when it
// is paused).
func (m *model) movementFrame(frames [][]string) []string {
	if len(frames) == 0 {
		return nil
	}
	i := int(m.p.Remaining()/frameTime) % len(frames)
	// The clock counts down: the first frame comes first.
	return frames[len(frames)-1-i]
}

// crop cuts the frames of a braille drawing (separated by form feeds) to
// the rows and columns where any of them has dots, so that a movement
// stays in place as its frames take turns.
func crop(fig string) [][]string {
	if fig == "" {
		return nil
	}
	var frames [][]string
	for _, f := range strings.Split(fig, "\f") {
		frames = append(frames, strings.Split(f, "\n"))
	}
	blank := func(r rune) bool { return r == 0x2800 || r == ' ' }
	first, last := -1, -1
	left, right := -1, -1
	for _, lines := range frames {
		for i, l := range lines {
			for k, r := range []rune(l) {
				if blank(r) {
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
	out := make([][]string, len(frames))
	for n, lines := range frames {
		for i := first; i <= last; i++ {
			var rs []rune
			if i < len(lines) {
				rs = []rune(lines[i])
			}
			if left >= len(rs) {
				out[n] = append(out[n], "")
				continue
			}
			out[n] = append(out[n], string(rs[left:min(right+1, len(rs))]))
		}
	}
	return out
}

// figure draws the pose of a segment, or of the pose that comes next during
// a rest between poses, cached by pose, side and size.
func (m *model) figure(seg player.Segment, cols, rows int) string {
	pose, side := seg.Pose, seg.Side
	if pose == "" {
		for _, s := range m.cfg.Timeline.Segments[seg.Index:] {
			if s.Pose != "" {
				pose, side = s.Pose, s.Side
				break
			}
		}
	}
	if pose == "" {
		return ""
	}
	k := figureKey{pose, side, cols, rows}
	if f, ok := m.figures[k]; ok {
		return f
	}
	f := m.cfg.Figure(pose, side, cols, rows)
	m.figures[k] = f
	return f
}
