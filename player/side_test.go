package player_test

import (
	"testing"
	"time"

	"backcare"
	"backcare/player"
)

// TestCompileOneSide checks an entry a clinician limited to one side
// (backcare.Entry.Side): one prepare and one hold, on that side, no switch.
func TestCompileOneSide(t *testing.T) {
	tests := []struct {
		name string
		side backcare.Side
		want string
	}{
		{"both sides", backcare.NoSide, "prepare/left 10s, hold/left 30s, switch/right 5s, hold/right 30s"},
		{"left only", backcare.Left, "prepare/left 10s, hold/left 30s"},
		{"right only", backcare.Right, "prepare/right 10s, hold/right 30s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := routine(10*time.Second, 5*time.Second, 0, pose("lunge", true, hold(30*time.Second)))
			r.Entries[0].Side = tt.side
			tl, err := player.Compile(r, player.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := shape(tl); got != tt.want {
				t.Errorf("shape = %s, want %s", got, tt.want)
			}
		})
	}
}
