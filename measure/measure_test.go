package measure

import (
	"strings"
	"testing"
	"time"

	"backcare"
)

func ip(n int) *int { return &n }

func TestPEGScore(t *testing.T) {
	tests := []struct {
		name    string
		p, e, g int
		want    float64
		shown   string
	}{
		{"all zero", 0, 0, 0, 0, "0.0"},
		{"all ten", 10, 10, 10, 10, "10.0"},
		{"whole mean", 4, 5, 6, 5, "5.0"},
		{"a third rounds down", 5, 5, 6, 5.3, "5.3"},
		{"two thirds rounds up", 5, 6, 6, 5.7, "5.7"},
		{"low", 0, 0, 1, 0.3, "0.3"},
		{"high", 9, 10, 10, 9.7, "9.7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PEGScore(backcare.PEG{Pain: tt.p, Enjoyment: tt.e, Activity: tt.g})
			if got != tt.want {
				t.Errorf("PEGScore = %v, want %v", got, tt.want)
			}
			if s := FormatScore(got); s != tt.shown {
				t.Errorf("FormatScore = %q, want %q", s, tt.shown)
			}
		})
	}
}

func TestNewPEGRefusesBadInput(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		items PEGItems
		want  string // in the message; empty for valid input
	}{
		{"valid", PEGItems{ip(3), ip(4), ip(5)}, ""},
		{"edges", PEGItems{ip(0), ip(10), ip(0)}, ""},
		{"pain missing", PEGItems{nil, ip(4), ip(5)}, "missing: pain"},
		{"two missing", PEGItems{ip(1), nil, nil}, "missing: enjoyment, activity"},
		{"above ten", PEGItems{ip(3), ip(11), ip(5)}, "enjoyment is 11"},
		{"negative", PEGItems{ip(-1), ip(4), ip(5)}, "pain is -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPEG("u", at, tt.items)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("NewPEG error = %v, want nil", err)
				}
				if p.ID == "" || p.UserID != "u" || !p.At.Equal(at) {
					t.Errorf("NewPEG = %+v, want an id, user u and the time", p)
				}
				if err := CheckPEG(p); err != nil {
					t.Errorf("CheckPEG = %v, want nil", err)
				}
				return
			}
			if p != nil {
				t.Errorf("NewPEG returned %+v with an error; want nothing to save", p)
			}
			if backcare.ErrorCode(err) != backcare.EINVALID {
				t.Errorf("code = %q, want %q", backcare.ErrorCode(err), backcare.EINVALID)
			}
			if msg := backcare.ErrorMessage(err); !strings.Contains(msg, tt.want) || !strings.Contains(msg, "nothing was saved") {
				t.Errorf("message = %q, want it to contain %q and say nothing was saved", msg, tt.want)
			}
		})
	}
}

func TestParseScore(t *testing.T) {
	tests := []struct {
		in   string
		want int
		err  string
	}{
		{"0", 0, ""},
		{" 7 ", 7, ""},
		{"10", 10, ""},
		{"11", 0, "not 11"},
		{"-2", 0, "not -2"},
		{"", 0, "missing"},
		{"four", 0, `not "four"`},
		{"4.5", 0, `not "4.5"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseScore("pain", tt.in)
			if tt.err == "" {
				if err != nil || got != tt.want {
					t.Errorf("ParseScore(%q) = %d, %v, want %d, nil", tt.in, got, err, tt.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseScore(%q) error = %v, want one containing %q", tt.in, err, tt.err)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name       string
		from, to   float64
		meaningful bool
		dir        Direction
		words      string
	}{
		{"no change", 5, 5, false, Same, "no change"},
		{"one point down is noise", 5, 4, false, Same, "down 1 point: about the same"},
		{"one point up is noise", 5, 6, false, Same, "up 1 point: about the same"},
		{"1.9 up is noise", 4.1, 6, false, Same, "up 1.9 points: about the same"},
		{"two points down", 6, 4, true, Better, "down 2 points: a real improvement"},
		{"two points up", 3, 5, true, Worse, "up 2 points: a real rise"},
		{"thirty percent fall of 1.5", 5, 3.5, true, Better, "down 1.5 points: a real improvement"},
		{"a fall from 3 to 2 is 33 percent", 3, 2, true, Better, "down 1 point: a real improvement"},
		{"a 50 percent fall under a point is noise", 0.4, 0.2, false, Same, "down 0.2 points: about the same"},
		{"a 29 percent fall of 1.4 is noise", 4.9, 3.5, false, Same, "down 1.4 points: about the same"},
		{"a rise of 30 percent is not meaningful", 3, 4, false, Same, "up 1 point: about the same"},
		{"from zero", 0, 2, true, Worse, "up 2 points: a real rise"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Compare(tt.from, tt.to)
			if c.Meaningful != tt.meaningful {
				t.Errorf("Meaningful = %v, want %v", c.Meaningful, tt.meaningful)
			}
			if c.Direction != tt.dir {
				t.Errorf("Direction = %q, want %q", c.Direction, tt.dir)
			}
			if w := c.Words(); !strings.HasPrefix(w, tt.words) {
				t.Errorf("Words = %q, want it to start %q", w, tt.words)
			}
		})
	}
}

func TestFlare(t *testing.T) {
	tests := []struct {
		name          string
		status        backcare.Status
		before, after *int
		want          bool
	}{
		{"calm session", backcare.Completed, ip(4), ip(3), false},
		{"up one", backcare.Completed, ip(4), ip(5), false},
		{"up two", backcare.Completed, ip(4), ip(6), true},
		{"up three", backcare.Completed, ip(2), ip(5), true},
		{"stopped for pain without scores", backcare.StoppedForPain, nil, nil, true},
		{"abandoned, no scores", backcare.Abandoned, nil, nil, false},
		{"only before", backcare.Completed, ip(4), nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &backcare.Session{Status: tt.status, PainBefore: tt.before, PainAfter: tt.after}
			if got := Flare(s); got != tt.want {
				t.Errorf("Flare = %v, want %v", got, tt.want)
			}
			if why := FlareWhy(s); (why != "") != tt.want {
				t.Errorf("FlareWhy = %q, want text only for a flare", why)
			}
		})
	}
}

func TestTrendAndMean(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, 1+d, 9, 0, 0, 0, time.UTC) }
	sessions := []*backcare.Session{
		{StartedAt: day(3), PainBefore: ip(4)},
		{StartedAt: day(0), PainBefore: ip(6)},
		{StartedAt: day(1), PainBefore: ip(6)},
		{StartedAt: day(2)}, // no pain recorded
		{StartedAt: day(8), PainBefore: ip(3)},
	}
	pts := PainPoints(sessions)
	if len(pts) != 4 || !pts[0].At.Equal(day(0)) || !pts[3].At.Equal(day(8)) {
		t.Fatalf("PainPoints = %v, want 4 points oldest first", pts)
	}
	m, n := Mean(pts, day(0), day(7))
	if m != 5.3 || n != 3 {
		t.Errorf("Mean = %v, %d, want 5.3, 3", m, n)
	}
	if _, n := Mean(pts, day(20), day(27)); n != 0 {
		t.Errorf("Mean over an empty window counted %d points", n)
	}
	tr := TrendOf(pts, 0)
	if tr.N != 4 || tr.SinceFirst.Direction != Better || tr.SinceLast.Direction != Same {
		t.Errorf("TrendOf = %+v, want 4 points, better since first (6 to 3), same since last (4 to 3)", tr)
	}
	pegs := []*backcare.PEG{
		{At: day(7), Pain: 4, Enjoyment: 4, Activity: 4},
		{At: day(0), Pain: 7, Enjoyment: 6, Activity: 6},
	}
	pt := TrendOf(PEGPoints(pegs), PEGGap)
	if pt.First.Value != 6.3 || pt.Latest.Value != 4 || !pt.SinceLast.Meaningful {
		t.Errorf("PEG trend = %+v, want 6.3 to 4.0, meaningful", pt)
	}
}

// TestPEGComparedAWeekApart checks that a new PEG is compared with one
// about a week older or more, never with one from minutes before.
func TestPEGComparedAWeekApart(t *testing.T) {
	mon := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	peg := func(at time.Time, v int) *backcare.PEG {
		return &backcare.PEG{At: at, Pain: v, Enjoyment: v, Activity: v}
	}
	tests := []struct {
		name     string
		pegs     []*backcare.PEG
		hasPrev  bool
		prev     float64
		dir      Direction
		sinceDir Direction
	}{
		{
			name: "two PEGs 15 ms apart are not compared",
			pegs: []*backcare.PEG{peg(mon, 6), peg(mon.Add(15*time.Millisecond), 4)},
		},
		{
			name: "three days apart are not compared",
			pegs: []*backcare.PEG{peg(mon, 6), peg(mon.AddDate(0, 0, 3), 3)},
		},
		{
			name:    "the same time next week is compared",
			pegs:    []*backcare.PEG{peg(mon, 6), peg(mon.AddDate(0, 0, 7), 4)},
			hasPrev: true, prev: 6, dir: Better, sinceDir: Better,
		},
		{
			name:    "half a day early still counts as a week",
			pegs:    []*backcare.PEG{peg(mon, 6), peg(mon.AddDate(0, 0, 7).Add(-11*time.Hour), 6)},
			hasPrev: true, prev: 6, dir: Same, sinceDir: Same,
		},
		{
			name:    "a re-answer minutes later is compared with last week, not with itself",
			pegs:    []*backcare.PEG{peg(mon, 3), peg(mon.AddDate(0, 0, 7), 6), peg(mon.AddDate(0, 0, 7).Add(10*time.Minute), 5)},
			hasPrev: true, prev: 3, dir: Worse, sinceDir: Worse,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := TrendOf(PEGPoints(tt.pegs), PEGGap)
			if tr.HasPrevious != tt.hasPrev {
				t.Fatalf("HasPrevious = %v, want %v (previous %+v)", tr.HasPrevious, tt.hasPrev, tr.Previous)
			}
			if !tt.hasPrev {
				if tr.SinceLast.Meaningful || tr.SinceFirst.Meaningful {
					t.Errorf("SinceLast = %+v, SinceFirst = %+v, want no comparison", tr.SinceLast, tr.SinceFirst)
				}
				return
			}
			if tr.Previous.Value != tt.prev {
				t.Errorf("Previous.Value = %v, want %v", tr.Previous.Value, tt.prev)
			}
			if tr.SinceLast.Direction != tt.dir {
				t.Errorf("SinceLast.Direction = %s, want %s", tr.SinceLast.Direction, tt.dir)
			}
			if tr.SinceFirst.Direction != tt.sinceDir {
				t.Errorf("SinceFirst.Direction = %s, want %s", tr.SinceFirst.Direction, tt.sinceDir)
			}
		})
	}
}
