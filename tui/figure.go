package tui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"backcare/player"
)

// figureBody lays out the segment's text with the pose's figure: beside
// the text for a pose that stands or kneels; across the whole width, above
// the text, for a pose lying on the floor, which beside the text would be
// a smear of two rows. The figure is cropped to what it draws, so it fills
// its panel rather than floating in blank cells.
func (m *model) figureBody(seg player.Segment, text segmentText, w, rows int, paused bool) string {
	figCols := 0
	if w >= 60 {
		figCols = min(max(w*2/5, 24), 70)
	}
	if figCols == 0 || m.cfg.Figure == nil {
		return m.segmentBody(seg, text, w, rows, paused)
	}
	beside := crop(m.figure(seg, figCols, rows))
	if len(beside) == 0 {
		return m.segmentBody(seg, text, w, rows, paused)
	}
	// A lying pose: draw it across the window, leaving the text at least
	// half the rows (the compact countdown needs no more).
	if len(beside) < rows/3 {
		across := crop(m.figure(seg, w, rows/2))
		if len(across) > len(beside) {
			below := m.segmentBody(seg, text, w, rows-len(across)-1, paused)
			return strings.Join(across, "\n") + "\n\n" + below
		}
	}
	right := m.segmentBody(seg, text, w-figCols-2, rows, paused)
	left := lipgloss.NewStyle().Width(figCols).Render(strings.Join(beside, "\n"))
	return lipgloss.JoinHorizontal(lipgloss.Top, left, "  ", right)
}

// crop cuts a braille drawing to the rows and columns that have dots.
func crop(fig string) []string {
	if fig == "" {
		return nil
	}
	lines := strings.Split(fig, "\n")
	blank := func(r rune) bool { return r == 0x2800 || r == ' ' }
	first, last := -1, -1
	left, right := -1, -1
	for i, l := range lines {
		for k, r := range []rune(l) {
			if blank(r) {
				continue
			}
			if first < 0 {
				first = i
			}
			last = i
			if left < 0 || k < left {
				left = k
			}
			right = max(right, k)
		}
	}
	if first < 0 {
		return nil
	}
	out := make([]string, 0, last-first+1)
	for _, l := range lines[first : last+1] {
		rs := []rune(l)
		if left >= len(rs) {
			out = append(out, "")
			continue
		}
		out = append(out, string(rs[left:min(right+1, len(rs))]))
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
