package player

import (
	"strings"
	"testing"
	"time"

	"backcare"
)

// TestRepsCues checks the cues of sets of held reps: one count per rep, a
// "relax" after every hold (the first rep of a set included, which once
// lost its "relax" when its count also had to say the pose's name), and a
// rest between sets.
func TestRepsCues(t *testing.T) {
	pose := backcare.Pose{ID: "curl-up", Name: "Curl-Up", Kind: backcare.Strength, Steps: []string{"Lie on your back."}}
	tests := []struct {
		name    string
		dose    backcare.Dose
		prepare time.Duration
		counts  []int // reps in each set
	}{
		{"pyramid with prepare", backcare.Dose{Reps: []int{4, 3, 2}, Hold: 10 * time.Second, Rep: 14 * time.Second, Rest: 20 * time.Second, Intensity: 5}, 15 * time.Second, []int{4, 3, 2}},
		{"pyramid without prepare", backcare.Dose{Reps: []int{3, 2}, Hold: 10 * time.Second, Rep: 14 * time.Second, Rest: 20 * time.Second, Intensity: 5}, 0, []int{3, 2}},
		{"long holds", backcare.Dose{Reps: []int{3}, Hold: 30 * time.Second, Rep: 45 * time.Second, Intensity: 5}, 15 * time.Second, []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := backcare.Routine{ID: "r", Name: "R", Prepare: tt.prepare, Entries: []backcare.Entry{{Pose: pose, Dose: tt.dose}}}
			tl, err := Compile(r, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var sets []Segment
			rests := 0
			for _, s := range tl.Segments {
				switch s.Kind {
				case Reps:
					sets = append(sets, s)
				case Rest:
					rests++
				}
			}
			if len(sets) != len(tt.counts) {
				t.Fatalf("sets = %d, want %d", len(sets), len(tt.counts))
			}
			if rests != len(tt.counts)-1 {
				t.Errorf("rests = %d, want %d", rests, len(tt.counts)-1)
			}
			for i, s := range sets {
				if s.Reps != tt.counts[i] {
					t.Errorf("set %d Reps = %d, want %d", i+1, s.Reps, tt.counts[i])
				}
				if want := time.Duration(tt.counts[i]) * tt.dose.Rep; s.Duration != want {
					t.Errorf("set %d Duration = %v, want %v", i+1, s.Duration, want)
				}
				relax, counts := 0, 0
				for _, c := range s.Cues {
					if strings.Contains(c.Text, "elax") {
						relax++
						if c.At%tt.dose.Rep < tt.dose.Hold {
							t.Errorf("set %d: %q at %v comes before the hold ends", i+1, c.Text, c.At)
						}
					}
					if c.Tone == Start {
						counts++
					}
				}
				if relax != tt.counts[i] {
					t.Errorf("set %d: %d relax cues, want one per rep (%d); cues %v", i+1, relax, tt.counts[i], s.Cues)
				}
				if counts != tt.counts[i] {
					t.Errorf("set %d: %d counts, want %d", i+1, counts, tt.counts[i])
				}
			}
		})
	}
}
