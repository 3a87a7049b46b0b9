package tui

import (
	"io"
	"strings"
	"testing"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/player"
)

// TestCaptionFitsAndLooksAhead plays poses with a short get-ready, as
// bench/tui-figures.sh does, whose long get-ready cue ("Next: Leg Slide
// on All Fours, left side: 6-4-2 reps ...") is still the last cue when
// the set begins. The set's screen showed it cut off with "…", and named
// the exercise being done as the next one, over the real "Next:" line.
// Now a cue that announced what comes is not shown once it has come, the
// set counts its reps instead, and a long cue wraps onto a second line.
func TestCaptionFitsAndLooksAhead(t *testing.T) {
	for _, id := range []string{"bird-dog-leg-slide", "side-bridge-knees", "bird-dog-squares", "side-bridge-feet"} {
		t.Run(id, func(t *testing.T) {
			p, err := catalog.Builtin().Pose(id)
			if err != nil {
				t.Fatal(err)
			}
			tl, err := player.Compile(backcare.Routine{ID: "one", Name: "One", Entries: []backcare.Entry{{Pose: p, Dose: p.Dose}}},
				player.Options{Hold: 30 * time.Second, Prepare: 2 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			now := time.Unix(0, 0)
			m := newModel(t.Context(), Config{Timeline: tl}, io.Discard, newStyles())
			m.width, m.height = 80, 24
			m.p = player.New(tl, func() time.Time { return now })
			m.handle(m.p.Start())
			m.phase = phasePlaying
			// The get-ready: its cue in full, on two lines.
			cue := m.caption
			screen := plain(m.render())
			if !strings.HasPrefix(cue, "Next: ") || len(cue) < 80 {
				t.Fatalf("the get-ready's cue is %q, want a long one that looks ahead", cue)
			}
			if got := strings.Join(strings.Fields(screen), " "); !strings.Contains(got, "» "+cue) {
				t.Errorf("the get-ready's screen does not show its cue %q in full:\n%s", cue, screen)
			}
			// A second into the set.
			now = now.Add(tl.Segments[1].Start + time.Second)
			m.handle(m.p.Update())
			seg := tl.Segments[m.p.Segment()]
			if seg.Kind != player.Reps {
				t.Fatalf("segment %d is a %v, want a set of reps", seg.Index, seg.Kind)
			}
			screen = plain(m.render())
			next := 0
			for _, l := range strings.Split(screen, "\n") {
				if strings.HasSuffix(l, "…") {
					t.Errorf("a line is cut off: %q", l)
				}
				if strings.Contains(l, "Next: ") {
					next++
				}
			}
			if next != 1 {
				t.Errorf("%d lines say what comes next, want 1:\n%s", next, screen)
			}
			if strings.Contains(screen, "Next: "+strings.SplitN(seg.Title, ":", 2)[0]+":") {
				t.Errorf("the set of %s names itself as the next exercise:\n%s", seg.Title, screen)
			}
			if !strings.Contains(screen, "Rep 1 of ") {
				t.Errorf("the set does not count its reps:\n%s", screen)
			}
		})
	}
}
