package player_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/player"
)

func pose(id string, sided bool, d backcare.Dose) backcare.Pose {
	return backcare.Pose{
		ID: id, Name: strings.ToUpper(id[:1]) + id[1:], Kind: backcare.Stretch, Sided: sided,
		SideStep: "{Side} foot forward.", Dose: d,
		Steps: []string{"Stand tall.", "Move slowly."},
	}
}

func routine(prepare, sw, transition time.Duration, poses ...backcare.Pose) backcare.Routine {
	r := backcare.Routine{ID: "r", Name: "R", Prepare: prepare, Switch: sw, Transition: transition}
	for _, p := range poses {
		r.Entries = append(r.Entries, backcare.Entry{Pose: p, Dose: p.Dose})
	}
	return r
}

// longStep gives a pose a first step so long that, said with the pose's
// name at the start of a 20 s hold, it runs past the halfway point.
func longStep(p backcare.Pose) backcare.Pose {
	p.Steps = []string{"Lie face down on a soft mat with your feet hip-width apart, your toes tucked under and your arms reaching long in front of you."}
	return p
}

func hold(d time.Duration) backcare.Dose { return backcare.Dose{Hold: d, Intensity: 5} }

// shape writes a timeline's segments compactly: kind/side/duration.
func shape(tl *player.Timeline) string {
	var parts []string
	for _, s := range tl.Segments {
		p := string(s.Kind)
		if s.Side != "" {
			p += "/" + string(s.Side)
		}
		if s.Reps > 0 {
			p += fmt.Sprintf("/set%d:%dx", s.Set, s.Reps)
		}
		parts = append(parts, fmt.Sprintf("%s %gs", p, s.Duration.Seconds()))
	}
	return strings.Join(parts, ", ")
}

func TestCompileShapes(t *testing.T) {
	tests := []struct {
		name  string
		r     backcare.Routine
		opts  player.Options
		shape string
		total time.Duration
	}{
		{
			name:  "one pose",
			r:     routine(15*time.Second, 15*time.Second, 0, pose("crawl", false, hold(time.Minute))),
			shape: "prepare 15s, hold 60s",
			total: 75 * time.Second,
		},
		{
			name:  "sided pose holds on both sides with a switch",
			r:     routine(15*time.Second, 10*time.Second, 0, pose("lunge", true, hold(time.Minute))),
			shape: "prepare/left 15s, hold/left 60s, switch/right 10s, hold/right 60s",
			total: 145 * time.Second,
		},
		{
			name:  "hold setting overrides every timed hold",
			r:     routine(15*time.Second, 10*time.Second, 0, pose("lunge", true, hold(time.Minute)), pose("crawl", false, hold(90*time.Second))),
			opts:  player.Options{Hold: 45 * time.Second},
			shape: "prepare/left 15s, hold/left 45s, switch/right 10s, hold/right 45s, prepare 15s, hold 45s",
			total: 175 * time.Second,
		},
		{
			name:  "prepare setting overrides the routine's",
			r:     routine(15*time.Second, 10*time.Second, 0, pose("crawl", false, hold(time.Minute))),
			opts:  player.Options{Prepare: 5 * time.Second},
			shape: "prepare 5s, hold 60s",
			total: 65 * time.Second,
		},
		{
			name:  "no prepare time",
			r:     routine(0, 10*time.Second, 0, pose("crawl", false, hold(time.Minute))),
			shape: "hold 60s",
			total: time.Minute,
		},
		{
			name:  "transition rests between poses, not after the last",
			r:     routine(10*time.Second, 10*time.Second, 20*time.Second, pose("a", false, hold(30*time.Second)), pose("b", false, hold(30*time.Second))),
			shape: "prepare 10s, hold 30s, rest 20s, prepare 10s, hold 30s",
			total: 100 * time.Second,
		},
		{
			name: "sets of reps with rests between sets",
			r: routine(10*time.Second, 10*time.Second, 0,
				pose("bridge", false, backcare.Dose{Reps: []int{10, 10}, Hold: 2 * time.Second, Rest: 30 * time.Second, Intensity: 6})),
			// a rep is the hold plus 3 s of movement: 10 x 5 s
			shape: "prepare 10s, reps/set1:10x 50s, rest 30s, reps/set2:10x 50s",
			total: 140 * time.Second,
		},
		{
			name: "pyramid of reps with an explicit rep time",
			r: routine(10*time.Second, 10*time.Second, 0,
				pose("curl-up", false, backcare.Dose{Reps: []int{6, 4, 2}, Hold: 10 * time.Second, Rep: 12 * time.Second, Rest: 20 * time.Second})),
			shape: "prepare 10s, reps/set1:6x 72s, rest 20s, reps/set2:4x 48s, rest 20s, reps/set3:2x 24s",
			total: 194 * time.Second,
		},
		{
			name: "sided reps: each set on both sides",
			r: routine(10*time.Second, 5*time.Second, 0,
				pose("bird-dog", true, backcare.Dose{Reps: []int{5, 5}, Rep: 4 * time.Second, Rest: 15 * time.Second})),
			shape: "prepare/left 10s, reps/left/set1:5x 20s, switch/right 5s, reps/right/set1:5x 20s, rest 15s, reps/left/set2:5x 20s, switch/right 5s, reps/right/set2:5x 20s",
			total: 115 * time.Second,
		},
		{
			name: "hold override leaves reps alone",
			r: routine(10*time.Second, 10*time.Second, 0,
				pose("bridge", false, backcare.Dose{Reps: []int{8}, Rep: 3 * time.Second})),
			opts:  player.Options{Hold: 90 * time.Second},
			shape: "prepare 10s, reps/set1:8x 24s",
			total: 34 * time.Second,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, err := player.Compile(tt.r, tt.opts)
			if err != nil {
				t.Fatalf("Compile() error = %v", err)
			}
			if got := shape(tl); got != tt.shape {
				t.Errorf("segments = %s\nwant       %s", got, tt.shape)
			}
			if tl.Total != tt.total {
				t.Errorf("Total = %v, want %v", tl.Total, tt.total)
			}
			checkTimeline(t, tl)
		})
	}
}

// checkTimeline checks the invariants every timeline keeps.
func checkTimeline(t *testing.T, tl *player.Timeline) {
	t.Helper()
	var at time.Duration
	for i, s := range tl.Segments {
		if s.Index != i {
			t.Errorf("segment %d: Index = %d", i, s.Index)
		}
		if s.Start != at {
			t.Errorf("segment %d: Start = %v, want %v (segments are back to back)", i, s.Start, at)
		}
		at += s.Duration
		if s.Title == "" || s.Step == "" {
			t.Errorf("segment %d: Title %q or Step %q is empty", i, s.Title, s.Step)
		}
		for j, c := range s.Cues {
			if c.At < 0 || c.At > s.Duration {
				t.Errorf("segment %d cue %d: At = %v, outside 0..%v", i, j, c.At, s.Duration)
			}
			if j > 0 && c.At < s.Cues[j-1].At {
				t.Errorf("segment %d: cues out of order", i)
			}
		}
	}
	if tl.Total != at {
		t.Errorf("Total = %v, want the sum of segments %v", tl.Total, at)
	}
	// No two cues overlap when spoken, across segment boundaries too.
	type spoken struct {
		from, to time.Duration
		text     string
	}
	var all []spoken
	for _, s := range tl.Segments {
		for _, c := range s.Cues {
			from := s.Start + c.At
			all = append(all, spoken{from, from + player.SpeechTime(c.Text), c.Text})
		}
	}
	for i := 1; i < len(all); i++ {
		if all[i].from < all[i-1].to {
			t.Errorf("cue %q at %v starts before %q (at %v) is spoken (ends %v)",
				all[i].text, all[i].from, all[i-1].text, all[i-1].from, all[i-1].to)
		}
	}
}

func cueTexts(s player.Segment) []string {
	var out []string
	for _, c := range s.Cues {
		out = append(out, c.Text)
	}
	return out
}

func TestCuesOfTheArticleRoutine(t *testing.T) {
	c := catalog.Builtin()
	r, _ := c.Routine(catalog.DefaultRoutine)
	tl, err := player.Compile(r, player.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTimeline(t, tl)
	if tl.Total != 5*time.Minute {
		t.Errorf("Total = %v, want 5m (4 one-minute holds, 3 prepares of 15 s, one switch of 15 s)", tl.Total)
	}
	if got := tl.Holds(); got != 4 {
		t.Errorf("Holds() = %d, want 4", got)
	}
	prep := tl.Segments[0]
	if first := prep.Cues[0]; first.Tone != player.GetReady || !strings.Contains(first.Text, "Standing Psoas Lunge") ||
		!strings.Contains(first.Text, "Stand side-on to a wall") {
		t.Errorf("first cue = %+v, want get-ready naming the pose and its first step", first)
	}
	hold := tl.Segments[1]
	wantTones := []player.Tone{player.Start, player.Half, player.Countdown, player.Countdown, player.Countdown, player.End}
	var tones []player.Tone
	for _, c := range hold.Cues {
		tones = append(tones, c.Tone)
	}
	if fmt.Sprint(tones) != fmt.Sprint(wantTones) {
		t.Errorf("hold cue tones = %v, want %v", tones, wantTones)
	}
	if got := cueTexts(hold); got[2] != "3" || got[3] != "2" || got[4] != "1" || got[5] != "Release." {
		t.Errorf("hold cues = %q, want 3, 2, 1, Release.", got)
	}
	if hold.Cues[1].At != 30*time.Second {
		t.Errorf("halfway At = %v, want 30s", hold.Cues[1].At)
	}
	sw := tl.Segments[2]
	if sw.Kind != player.Switch || !strings.HasPrefix(sw.Cues[0].Text, "Switch sides") {
		t.Errorf("segment 2 = %s %q, want a switch with a \"switch sides\" cue", sw.Kind, cueTexts(sw))
	}
	if !strings.Contains(sw.Step, "Left foot by the wall, right leg steps back") {
		t.Errorf("switch Step = %q, want the right side's set-up", sw.Step)
	}
	last := tl.Segments[len(tl.Segments)-1]
	if end := last.Cues[len(last.Cues)-1]; end.At != last.Duration || !strings.Contains(end.Text, "Well done") {
		t.Errorf("last cue = %+v, want a closing cue at the very end", end)
	}
}

func TestCueSpacing(t *testing.T) {
	lunge := pose("lunge", true, hold(time.Minute))
	lunge.Steps = []string{"Stand side-on to a wall with your feet hip-width apart and the foot nearest the wall close to it, then take a breath."}
	tests := []struct {
		name string
		r    backcare.Routine
		opts player.Options
		// checks on the resulting hold segment (index)
		seg      int
		want     []string // cue texts that must be present, in order
		dropHalf bool     // "Halfway" must not be there
	}{
		{
			name: "a short hold keeps its countdown and drops halfway",
			r:    routine(10*time.Second, 10*time.Second, 0, pose("crawl", false, hold(6*time.Second))),
			seg:  1, want: []string{"Hold.", "3", "2", "1"}, dropHalf: true,
		},
		{
			name: "the pose name wins over halfway when nothing else names it",
			r:    routine(0, 10*time.Second, 0, longStep(pose("crawl", false, hold(20*time.Second)))),
			seg:  0, want: []string{"Crawl. " + longStep(backcare.Pose{}).Steps[0] + " Hold for 20 seconds. Gently: about 5 out of 10.", "3", "2", "1"}, dropHalf: true,
		},
		{
			name: "a long get-ready cue shortens to fit before the countdown",
			r:    routine(6*time.Second, 10*time.Second, 0, lunge),
			seg:  0, want: []string{"Next: Lunge, left side.", "3", "2", "1"},
		},
		{
			name: "a very short prepare still names the pose",
			r:    routine(3*time.Second, 10*time.Second, 0, pose("crawl", false, hold(30*time.Second))),
			seg:  0, want: []string{"Next: Crawl. Stand tall.", "1"},
		},
		{
			name: "reps are counted and the last is called",
			r:    routine(10*time.Second, 10*time.Second, 0, pose("bridge", false, backcare.Dose{Reps: []int{4}, Rep: 3 * time.Second})),
			seg:  1, want: []string{"1", "2", "3", "Last one", "Done. Well done: that's the whole routine."},
		},
		{
			name: "long holds in reps get a relax cue",
			r:    routine(10*time.Second, 10*time.Second, 0, pose("curl", false, backcare.Dose{Reps: []int{2}, Hold: 10 * time.Second})),
			seg:  1, want: []string{"1", "And relax.", "Last one", "And relax."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, err := player.Compile(tt.r, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			checkTimeline(t, tl)
			got := cueTexts(tl.Segments[tt.seg])
			j := 0
			for _, g := range got {
				if j < len(tt.want) && g == tt.want[j] {
					j++
				}
				if tt.dropHalf && strings.HasPrefix(g, "Halfway") {
					t.Errorf("cues = %q, want no halfway", got)
				}
			}
			if j < len(tt.want) {
				t.Errorf("cues = %q, want in order %q", got, tt.want)
			}
		})
	}
}

func TestCompileRejectsBadOptions(t *testing.T) {
	r := routine(15*time.Second, 10*time.Second, 0, pose("crawl", false, hold(time.Minute)))
	tests := []struct {
		name string
		r    backcare.Routine
		opts player.Options
	}{
		{"negative hold", r, player.Options{Hold: -time.Second}},
		{"hold over ten minutes", r, player.Options{Hold: time.Hour}},
		{"hold under a second", r, player.Options{Hold: time.Millisecond}},
		{"negative prepare", r, player.Options{Prepare: -time.Second}},
		{"empty routine", backcare.Routine{ID: "empty"}, player.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := player.Compile(tt.r, tt.opts)
			if backcare.ErrorCode(err) != backcare.EINVALID {
				t.Errorf("Compile() error = %v, want an invalid error", err)
			}
		})
	}
}

func TestTimelineJSONRoundTrip(t *testing.T) {
	c := catalog.Builtin()
	r, _ := c.Routine(catalog.DefaultRoutine)
	tl, err := player.Compile(r, player.Options{Hold: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	var back player.Timeline
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(&back)
	if string(again) != string(data) {
		t.Errorf("JSON round trip changed the timeline:\n%s\n%s", data, again)
	}
	if back.Total != 3*time.Minute {
		t.Errorf("Total = %v, want 3m with 30 s holds", back.Total)
	}
}

// TestPrepareSetsSwitch: the setting for the time to get ready also sets
// the time to switch sides (a 2 s get-ready kept a 15 s switch).
func TestPrepareSetsSwitch(t *testing.T) {
	lunge := pose("lunge", true, hold(30*time.Second))
	for _, tt := range []struct {
		name    string
		prepare time.Duration
		want    time.Duration
	}{{"the routine's own", 0, 15 * time.Second}, {"2 s", 2 * time.Second, 2 * time.Second}, {"40 s", 40 * time.Second, 40 * time.Second}} {
		tl, err := player.Compile(routine(15*time.Second, 15*time.Second, 0, lunge), player.Options{Prepare: tt.prepare})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range tl.Segments {
			if s.Kind == player.Switch && s.Duration != tt.want {
				t.Errorf("prepare %s: switch = %v, want %v", tt.name, s.Duration, tt.want)
			}
		}
	}
}
