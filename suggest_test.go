package backcare_test

import (
	"testing"

	"backcare"
)

func TestClosest(t *testing.T) {
	known := []string{"lower-back-relief", "zombie-crawl", "sphinx", "poses", "purpose", "near.knee"}
	tests := []struct {
		in, want string
	}{
		{"lower-back-releif", "lower-back-relief"},
		{"zombie-crawll", "zombie-crawl"},
		{"sphynx", "sphinx"},
		{"poes", "poses"},
		{"purpos", "purpose"},
		{"near.kne", "near.knee"},
		{"cat-cow", ""}, // nothing near
		{"", ""},        // nothing to match
		{"zombie-crawl", "zombie-crawl"},
	}
	for _, tt := range tests {
		if got := backcare.Closest(tt.in, known); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
