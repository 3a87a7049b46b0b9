package figure

import (
	"errors"
	"strings"
	"testing"

	"backcare"
)

// TestSeenChecks runs the checks of what the picture shows on figures as
// they were written before those checks existed (copied from the catalog
// of that time), each of which a person could not copy from the picture,
// and on the same poses mended.
func TestSeenChecks(t *testing.T) {
	a := func(kv ...any) map[string]float64 {
		m := map[string]float64{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = float64(kv[i+1].(int))
		}
		return m
	}
	oldCurlUp := backcare.Figure{View: "side", Props: []string{"mat"},
		Angles: a("elbows", 91, "far.hip", -2, "lumbar", -5, "near.ankle", 40, "near.hip", 47, "near.knee", 100, "neck", 5, "pelvis", -90, "shoulders", 3, "shoulders.out", 30, "shoulders.turn", -90, "thoracic", 20),
		Rests:  map[string]string{"far.heel": "mat", "near.foot": "mat", "pelvis": "mat"}, Highlight: []string{"belly"}}
	oldChairHinge := backcare.Figure{View: "side", Props: []string{"chair"},
		Angles: a("ankles", 15, "hips", 125, "knees", 45, "neck", 15, "pelvis", 95, "shoulders", 150, "wrists", 40),
		Rests:  map[string]string{"feet": "floor", "hands": "chair"}, Highlight: []string{"back", "near.upperarm", "near.thigh"}}
	oldChildSideReach := backcare.Figure{View: "three-quarter", Props: []string{"mat"},
		Angles: a("ankles", -80, "far.shoulder", 178, "hips", 150, "knees", 144, "lumbar", 10, "lumbar.side", -12, "near.shoulder", 182, "neck", 0, "pelvis", 90, "thoracic", 4, "thoracic.side", -14),
		Rests:  map[string]string{"hands": "mat", "shins": "mat"}, Reach: []string{"hands"}, Highlight: []string{"near.side"}}
	oldPelvicTilt := backcare.Figure{View: "side", Props: []string{"mat"},
		Angles: a("ankles", -36, "hips", 47, "knees", 100, "lumbar", 5, "pelvis", -90, "shoulders", 0),
		Rests:  map[string]string{"feet": "mat", "pelvis": "mat"}, Highlight: []string{"lumbar"}}
	sideBridge := backcare.Figure{View: "front", Props: []string{"mat"},
		Angles: a("far.elbow", 75, "far.hip.out", -10, "far.shoulder.out", 45, "far.shoulder.turn", -90, "knees", 100, "near.elbow", 90, "near.shoulder.out", 66, "pelvis.side", 68),
		Rests:  map[string]string{"near.forearm": "mat", "near.knee": "mat"}, Highlight: []string{"near.side"}, Shows: []string{"shins"}}
	oldFaceDown := backcare.Figure{View: "side", Props: []string{"mat"},
		Angles: a("ankles", -75, "hips", 3, "knees", 3, "neck", -15, "pelvis", 90, "shoulders", 175),
		Rests:  map[string]string{"belly": "mat", "forearms": "mat", "head": "mat", "thighs": "mat"}, Reach: []string{"hands", "feet"}, Highlight: []string{"lumbar"}}
	mended := func(f backcare.Figure, edit func(*backcare.Figure)) backcare.Figure {
		f.Angles = maps(f.Angles)
		edit(&f)
		return f
	}

	tests := []struct {
		name  string
		fig   backcare.Figure
		where string // "" when the figure is sound
		msg   string
	}{
		{"foot stands up on its heel (old curl-up)", oldCurlUp, "rests.near.foot", "should stand flat on the mat"},
		{"highlight painted over the face (old chair-seat hinge)", oldChairHinge, "highlight", "painted over the head"},
		{"arrows point into the floor (old child's pose with side reach)", oldChildSideReach, "reach", "points into the floor"},
		{"arm hides the highlight (old pelvic tilt)", oldPelvicTilt, "highlight.0", "is hidden"},
		{"front view shows the bent shins end-on (side bridge from the knees)", sideBridge, "shows.0", "seen end-on"},
		{"forearm touches the mat with its wrist only (old face-down reach)", oldFaceDown, "rests.forearms", "should lie along the mat"},
		{"side bridge from the knees, seen from the front and from above", mended(sideBridge, func(f *backcare.Figure) { f.View = "front and above" }), "", ""},
		{"child's pose with side reach, seen from above", mended(oldChildSideReach, func(f *backcare.Figure) { f.View = "above" }), "", ""},
		{"chair-seat hinge without the arm's highlight", mended(oldChairHinge, func(f *backcare.Figure) { f.Highlight = []string{"back", "near.thigh"} }), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(tt.fig)
			if tt.where == "" {
				if err != nil {
					t.Fatalf("Check = %v, want nil", err)
				}
				return
			}
			for _, e := range flatten(err) {
				var be *backcare.Error
				if errors.As(e, &be) && be.Where == tt.where && strings.Contains(be.Message, tt.msg) && be.Hint != "" {
					return
				}
			}
			t.Errorf("Check = %v, want a problem at %s containing %q", err, tt.where, tt.msg)
		})
	}
}

func maps(m map[string]float64) map[string]float64 {
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
