package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// scale is a 0-10 answer: pain now, or how strong the stretch felt. Digits
// choose directly ("1" then "0" makes 10), arrows move, enter confirms.
type scale struct {
	value int  // -1 until the person chooses
	one   bool // the last key was "1", so a "0" now means 10
}

func newScale() scale { return scale{value: -1} }

// key handles a key press and reports whether it changed the answer.
func (s *scale) key(msg tea.KeyPressMsg) bool {
	k := msg.String()
	switch {
	case len(k) == 1 && k[0] >= '0' && k[0] <= '9':
		d := int(k[0] - '0')
		if d == 0 && s.one && s.value == 1 {
			s.value, s.one = 10, false
			return true
		}
		s.value, s.one = d, d == 1
		return true
	case key.Matches(msg, keys.Less):
		s.one = false
		if s.value < 0 {
			s.value = 0
		} else if s.value > 0 {
			s.value--
		}
		return true
	case key.Matches(msg, keys.More):
		s.one = false
		if s.value < 10 {
			s.value++
		}
		return true
	}
	return false
}

// answer returns the chosen value, or nil if none was chosen.
func (s scale) answer() *int {
	if s.value < 0 {
		return nil
	}
	v := s.value
	return &v
}

// render draws the eleven values with the chosen one in brackets (and
// highlighted), and the meaning of both ends underneath. mark, when 0-10,
// is labelled under its value (the stretch target).
func (s scale) render(st styles, low, high string, mark int, markLabel string) string {
	var b strings.Builder
	const cell = 5
	for v := 0; v <= 10; v++ {
		label := fmt.Sprint(v)
		if v == s.value {
			b.WriteString(st.chosen.Render(fmt.Sprintf("%*s", cell-1, "["+label+"]")) + " ")
			continue
		}
		b.WriteString(fmt.Sprintf("%*s ", cell-2, label) + " ")
	}
	width := 10*cell + 3 // to the end of "10"
	ends := low + strings.Repeat(" ", max(1, width-len(low)-len(high))) + high
	lines := []string{strings.TrimRight(b.String(), " "), st.faint.Render(ends)}
	if mark >= 0 && mark <= 10 {
		pos := mark*cell + cell/2 - len(markLabel)/2
		lines = append(lines[:1], st.faint.Render(strings.Repeat(" ", max(0, pos))+markLabel), lines[1])
	}
	return strings.Join(lines, "\n")
}
