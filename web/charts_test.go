package web

import (
	"strings"
	"testing"
	"time"

	"backcare"
)

// TestChartDatesInThePersonsZone checks that chart dates are the person's
// (Deps.Location), not the server's: a clinic server may run in UTC.
func TestChartDatesInThePersonsZone(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	pain := 3
	late := backcare.SessionSummary{StartedAt: time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC), PainBefore: &pain, PainAfter: &pain}
	for _, tt := range []struct {
		loc  *time.Location
		want string
	}{
		{time.UTC, ">1 Mar<"},
		{paris, ">2 Mar<"}, // 00:30 the next day in Paris
	} {
		if got := string(painChart([]backcare.SessionSummary{late}, tt.loc)); !strings.Contains(got, tt.want) {
			t.Errorf("painChart in %s lacks %q", tt.loc, tt.want)
		}
		intensity := 5
		late.Intensity = &intensity
		if got := string(stretchChart([]backcare.SessionSummary{late}, tt.loc)); !strings.Contains(got, tt.want) {
			t.Errorf("stretchChart in %s lacks %q", tt.loc, tt.want)
		}
	}
}
