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

// TestHeldRepsCountTheHold plays every built-in pose done in sets of
// held reps (the side bridges, the dead bug hold: holds of 10 or 30
// seconds, repeated) and checks that, inside a rep, the clock counts
// down that rep's hold to its "relax", then the breath to the next rep,
// and says which rep it is, the set's time still on screen: it counted
// only the set's 1:23, and a person holding the bridge had to count the
// hold's ten seconds in their head.
func TestHeldRepsCountTheHold(t *testing.T) {
	held := 0
	for _, p := range catalog.Builtin().Poses() {
		if p.Dose.Timed() || p.Dose.Hold < 5*time.Second {
			continue
		}
		held++
		t.Run(p.ID, func(t *testing.T) {
			tl, err := player.Compile(backcare.Routine{ID: "one", Name: "One", Entries: []backcare.Entry{{Pose: p, Dose: p.Dose}}}, player.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var seg player.Segment
			for _, s := range tl.Segments {
				if s.Kind == player.Reps && s.Reps >= 2 {
					seg = s
					break
				}
			}
			if seg.Reps < 2 {
				t.Skip("no set of two reps or more")
			}
			per := seg.Duration / time.Duration(seg.Reps)
			// The second rep's relax: its hold's end.
			relax := time.Duration(-1)
			for _, c := range seg.Cues {
				if c.Tone == player.End && c.At > per && c.At < 2*per {
					relax = c.At
				}
			}
			if relax < 0 {
				t.Fatalf("no relax cue in the second rep; cues %v", seg.Cues)
			}
			tests := []struct {
				name  string
				at    time.Duration // into the set
				words string        // on the line of the segment's kind
				left  time.Duration // the clock
			}{
				{"at the rep's count, before the lift", per, "REP 2 OF", relax - per - player.RepLift},
				{"during the lift: the whole hold", per + time.Second, "REP 2 OF", relax - per - player.RepLift},
				{"in the hold", per + player.RepLift + time.Second, "HOLD", relax - per - player.RepLift - time.Second},
				{"near its end", relax - 1500*time.Millisecond, "HOLD", 1500 * time.Millisecond},
				{"after the relax", relax + 200*time.Millisecond, "REST", 2*per - relax - 200*time.Millisecond},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					now := time.Unix(0, 0)
					m := newModel(t.Context(), Config{Timeline: tl}, io.Discard, newStyles())
					m.width, m.height = 80, 24
					m.p = player.New(tl, func() time.Time { return now })
					m.p.Start()
					m.phase = phasePlaying
					for m.p.Segment() != seg.Index {
						m.p.Skip()
					}
					now = now.Add(tt.at)
					// A small window writes the clock in figures.
					text := plain(m.segmentBody(seg, m.segmentText(seg, false), 60, 10, false))
					if want := countdown(tt.left) + " left"; !strings.Contains(text, want) {
						t.Errorf("%v into the set, the text = %q, want the hold's %q", tt.at, text, want)
					}
					if !strings.Contains(text, tt.words) {
						t.Errorf("%v into the set, the text = %q, want %q", tt.at, text, tt.words)
					}
					screen := plain(m.render())
					if want := "the set, " + countdown(seg.Duration-tt.at); tt.words != "REST" && !strings.Contains(screen, want) {
						t.Errorf("%v into the set, the screen shows no %q:\n%s", tt.at, want, screen)
					}
				})
			}
		})
	}
	if held < 2 {
		t.Errorf("%d built-in poses in held reps, want the side bridges and more", held)
	}
}

// TestRepNowWithoutHolds checks that a set of reps too short to be told
// when to relax (a 2-second hold) keeps the set's clock.
func TestRepNowWithoutHolds(t *testing.T) {
	seg := player.Segment{Kind: player.Reps, Reps: 10, Duration: 50 * time.Second,
		Cues: []player.Cue{{At: 0, Text: "1", Tone: player.Start}, {At: 5 * time.Second, Text: "2", Tone: player.Start}, {At: 50 * time.Second, Text: "Done.", Tone: player.End}}}
	for _, at := range []time.Duration{0, 3 * time.Second, 49 * time.Second} {
		if ph, ok := repNow(seg, at); ok {
			t.Errorf("repNow(%v) = %+v, want none: no rep is held", at, ph)
		}
	}
}
