package catalog

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"backcare"
)

func clinicDoc(kind backcare.ClinicDocKind, id, text string) *backcare.ClinicDoc {
	return &backcare.ClinicDoc{Kind: kind, ID: id, Text: text}
}

// onePose is a catalog file of one sound pose; extra lines go at its end.
func onePose(id, extra string) string {
	return `poses:
  - id: ` + id + `
    name: Pose ` + id + `
    kind: stretch
    why: It helps.
    targets: [psoas]
    dose: {hold: 30s}
    steps: [Stand tall.]
    feel: A gentle stretch.
    stop_signs: [Sharp pain]
` + extra
}

func oneRoutine(id string, poses ...string) string {
	return "routines:\n  - id: " + id + "\n    name: Routine " + id + "\n    purpose: For a test.\n    poses: [" + strings.Join(poses, ", ") + "]\n"
}

// TestAddClinicDocs loads a clinic's own poses and routines: those that
// name each other load in any order, and one that no longer loads is left
// out with its problem while the others load.
func TestAddClinicDocs(t *testing.T) {
	tests := []struct {
		name       string
		docs       []*backcare.ClinicDoc
		poses      []string // the clinic's poses that load
		routines   []string
		broken     []string
		brokenText string
	}{
		{"variants named either way", []*backcare.ClinicDoc{
			clinicDoc(backcare.ClinicPose, "a-pose", onePose("a-pose", "    easier: [z-pose]\n")),
			clinicDoc(backcare.ClinicPose, "z-pose", onePose("z-pose", "    harder: [a-pose]\n")),
			clinicDoc(backcare.ClinicRoutine, "r", oneRoutine("r", "a-pose", "zombie-crawl")),
		}, []string{"a-pose", "z-pose"}, []string{"r"}, nil, ""},
		{"a pose whose variant was deleted", []*backcare.ClinicDoc{
			clinicDoc(backcare.ClinicPose, "a-pose", onePose("a-pose", "    easier: [gone]\n")),
			clinicDoc(backcare.ClinicPose, "b-pose", onePose("b-pose", "")),
			clinicDoc(backcare.ClinicRoutine, "r", oneRoutine("r", "a-pose")),
			clinicDoc(backcare.ClinicRoutine, "s", oneRoutine("s", "b-pose")),
		}, []string{"b-pose"}, []string{"s"}, []string{"pose/a-pose", "routine/r"}, `is not a known pose`},
		{"a pose that a built-in one's id took", []*backcare.ClinicDoc{
			clinicDoc(backcare.ClinicPose, "zombie-crawl", onePose("zombie-crawl", "")),
			clinicDoc(backcare.ClinicPose, "mine", onePose("mine", "")),
		}, []string{"mine"}, nil, []string{"pose/zombie-crawl"}, "already taken by the built-in pose"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Builtin().Clone()
			broken := c.AddClinicDocs(tt.docs)
			for _, id := range tt.poses {
				if _, err := c.Pose(id); err != nil {
					t.Errorf("Pose(%s): %v", id, err)
				}
			}
			for _, id := range tt.routines {
				if _, err := c.Routine(id); err != nil {
					t.Errorf("Routine(%s): %v", id, err)
				}
			}
			var keys []string
			for k, err := range broken {
				keys = append(keys, k)
				if !strings.Contains(err.Error(), tt.brokenText) {
					t.Errorf("the problem of %s = %v, want it to say %q", k, err, tt.brokenText)
				}
			}
			sort.Strings(keys)
			if !slices.Equal(keys, tt.broken) {
				t.Errorf("left out = %v, want %v", keys, tt.broken)
			}
			if _, err := Builtin().Pose("mine"); err == nil {
				t.Errorf("the built-in catalog was changed")
			}
		})
	}
}
