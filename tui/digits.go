package tui

import (
	"fmt"
	"strings"
	"time"
)

// font is a 3x5 pixel font for the countdown: readable from a mat on the
// floor. Each pixel is drawn two cells wide, since a terminal cell is about
// twice as tall as it is wide.
var font = map[rune][5]string{
	'0': {"###", "# #", "# #", "# #", "###"},
	'1': {" # ", "## ", " # ", " # ", "###"},
	'2': {"###", "  #", "###", "#  ", "###"},
	'3': {"###", "  #", " ##", "  #", "###"},
	'4': {"# #", "# #", "###", "  #", "  #"},
	'5': {"###", "#  ", "###", "  #", "###"},
	'6': {"###", "#  ", "###", "# #", "###"},
	'7': {"###", "  #", "  #", " # ", " # "},
	'8': {"###", "# #", "###", "# #", "###"},
	'9': {"###", "# #", "###", "  #", "###"},
	':': {" ", "#", " ", "#", " "},
}

// bigHeight is the height of big text in rows.
const bigHeight = 5

// big draws s (digits and colons) in the big font, with one blank pixel
// column between glyphs, each pixel scale rows high and 2*scale cells wide.
func big(s string, scale int) string {
	scale = max(scale, 1)
	var rows [bigHeight]strings.Builder
	on, off := strings.Repeat("██", scale), strings.Repeat("  ", scale)
	gap := strings.Repeat(" ", scale)
	first := true
	for _, r := range s {
		g, ok := font[r]
		if !ok {
			continue
		}
		for i := range rows {
			if !first {
				rows[i].WriteString(gap)
			}
			for _, px := range g[i] {
				if px == '#' {
					rows[i].WriteString(on)
				} else {
					rows[i].WriteString(off)
				}
			}
		}
		first = false
	}
	out := make([]string, 0, bigHeight*scale)
	for i := range rows {
		for range scale {
			out = append(out, rows[i].String())
		}
	}
	return strings.Join(out, "\n")
}

// countdown writes the time left the way the big clock shows it: whole
// seconds rounded up (a hold shows 60 at its start and 1 in its last
// second), as "M:SS" from a minute up and plain seconds below.
func countdown(d time.Duration) string {
	secs := int((d + time.Second - 1) / time.Second)
	if secs < 0 {
		secs = 0
	}
	if secs >= 60 {
		return fmt.Sprintf("%d:%02d", secs/60, secs%60)
	}
	return fmt.Sprint(secs)
}

// clock writes a duration as M:SS, rounded down.
func clock(d time.Duration) string {
	secs := int(d / time.Second)
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}
