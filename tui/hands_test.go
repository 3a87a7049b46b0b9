package tui

import (
	"strings"
	"testing"

	"backcare/figure"
)

// handOnBody reports whether a drawing has a hand that rests on the body
// or under it (restsOnBody; TestHandMarkOnlyWhereTheHandRests checks it
// against the poses' rests).
func handOnBody(d *figure.Drawing) bool {
	for _, s := range d.Shapes {
		if isBody(s) && strings.HasSuffix(s.Part, ".hand") && restsOnBody(d, s) {
			return true
		}
	}
	return false
}

// TestHandsOnTheBodyAreSolid draws every captured pose in every panel
// and checks that where a hand lies on the body or under it (on the
// belly, on a shin, under the small of the back), it is drawn as a hand:
// cells of its own, each solid with the hand's dots. Drawn as the body,
// the Curl-Up's, the Knee to Chest's and the Abdominal Brace's hands
// were outlines of cut-out dots inside the body, or hidden under it.
func TestHandsOnTheBodyAreSolid(t *testing.T) {
	seen := 0
	eachDrawnFrame(t, func(where string, f frame, d *figure.Drawing) {
		if d == nil || !handOnBody(d) {
			return
		}
		seen++
		hand := map[[2]int]bool{}
		for _, d := range cellDots(f, handCell) {
			hand[[2]int{int(d.x), int(d.y)}] = true
		}
		if len(hand) < 4 {
			t.Errorf("%s: a hand on the body is drawn in %d dots of its own, want it drawn as a hand:\n%s", where, len(hand), strings.Join(text(f), "\n"))
			return
		}
		// Solid: each hand one patch of touching dots, not a scatter
		// (two hands, two patches at the most).
		if n := patches(hand); n > 2 {
			t.Errorf("%s: the hands on the body are %d patches of dots, want one a hand:\n%s", where, n, strings.Join(text(f), "\n"))
		}
	})
	if seen == 0 {
		t.Error("no pose has a hand on the body, want the Curl-Up's, the Knee to Chest's and more")
	}
}

// patches counts the groups of touching dots (corners included).
func patches(dots map[[2]int]bool) int {
	seen := map[[2]int]bool{}
	n := 0
	for d := range dots {
		if seen[d] {
			continue
		}
		n++
		stack := [][2]int{d}
		seen[d] = true
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					k := [2]int{c[0] + dx, c[1] + dy}
					if dots[k] && !seen[k] {
						seen[k] = true
						stack = append(stack, k)
					}
				}
			}
		}
	}
	return n
}
