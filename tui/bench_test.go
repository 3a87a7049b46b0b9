package tui

import (
	"context"
	"io"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"backcare"
	"backcare/catalog"
	"backcare/player"
)

// BenchmarkCueTiming plays the article routine in real time through the
// whole player (Bubble Tea's event loop and renderer at 80x24, the bell,
// espeak-ng when installed) and measures, for every cue, how late it
// sounded against the compiled schedule. For reference it runs, in the
// same run and against the same schedule, a naive one-second countdown
// ticker that fires each cue at the first tick at or after it, and a bare
// timer that sleeps until each cue and does nothing else: the floor the
// machine's scheduler sets (on a busy shared machine, tens of
// milliseconds now and then).
//
// The routine takes five minutes, so the benchmark is opt-in:
//
//	BACKCARE_BENCH_REALTIME=1 go test ./tui -run '^$' -bench CueTiming -benchtime 1x
//
// (bench/tui-cues.sh does this). BACKCARE_BENCH_HOLD=10s shortens the
// holds for a quick look.
func BenchmarkCueTiming(b *testing.B) {
	if os.Getenv("BACKCARE_BENCH_REALTIME") == "" {
		b.Skip("plays a whole routine in real time (about five minutes): set BACKCARE_BENCH_REALTIME=1, or run bench/tui-cues.sh")
	}
	var opts player.Options
	if h := os.Getenv("BACKCARE_BENCH_HOLD"); h != "" {
		d, err := time.ParseDuration(h)
		if err != nil {
			b.Fatal(err)
		}
		opts.Hold = d
	}
	cat := catalog.Builtin()
	r, err := cat.Routine("lower-back-relief")
	if err != nil {
		b.Fatal(err)
	}
	tl, err := player.Compile(r, opts)
	if err != nil {
		b.Fatal(err)
	}
	var ours, naive, bare []time.Duration
	voice := "off"
	for range b.N {
		o, n, r, v := playRealTime(b, tl)
		ours, naive, bare, voice = append(ours, o...), append(naive, n...), append(bare, r...), v
	}
	po, pn, pb := percentiles(ours), percentiles(naive), percentiles(bare)
	b.ReportMetric(ms(po[1]), "p99-ms")
	b.ReportMetric(ms(po[0]), "p50-ms")
	b.ReportMetric(ms(po[2]), "max-ms")
	b.ReportMetric(ms(pn[1]), "naive-p99-ms")
	b.ReportMetric(ms(pn[1])/ms(po[1]), "naive/ours-p99")
	b.ReportMetric(ms(pb[1]), "bare-timer-p99-ms")
	b.Logf("routine %s, %s, %d cues per run, voice %s", tl.Routine.ID, backcare.HumanDuration(tl.Total), len(ours)/b.N, voice)
	b.Logf("cue lateness      p50        p99        max")
	b.Logf("player (Next)     %-10s %-10s %s", po[0], po[1], po[2])
	b.Logf("naive 1 s ticker  %-10s %-10s %s", pn[0], pn[1], pn[2])
	b.Logf("bare timer        %-10s %-10s %s", pb[0], pb[1], pb[2])
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// percentiles returns the 50th, 99th and 100th percentiles (nearest rank).
func percentiles(ds []time.Duration) [3]time.Duration {
	if len(ds) == 0 {
		return [3]time.Duration{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := func(p float64) time.Duration {
		i := int(p*float64(len(s))+0.999999) - 1
		return s[min(max(i, 0), len(s)-1)]
	}
	return [3]time.Duration{rank(0.50), rank(0.99), s[len(s)-1]}
}

// playRealTime plays tl once and returns how late each cue sounded, from
// the player and from the naive ticker.
func playRealTime(b *testing.B, tl *player.Timeline) (ours, naive, bare []time.Duration, voice string) {
	b.Helper()
	keys, typing := io.Pipe()
	var (
		mu      sync.Mutex
		start   time.Time
		started = make(chan time.Time, 1)
		ended   = make(chan struct{})
		endOnce sync.Once
		summary = make(chan struct{})
		sumOnce sync.Once
	)
	cfg := Config{
		Timeline: tl,
		Bell:     true,
		Save:     func(context.Context, *backcare.Session) error { return nil },
		OnCue: func(e player.Event, sounded time.Time) {
			mu.Lock()
			defer mu.Unlock()
			if start.IsZero() {
				start = e.At // the first cue falls due the moment playing starts
				started <- start
			}
			due := start.Add(tl.Segments[e.Segment].Start + e.Cue.At)
			ours = append(ours, sounded.Sub(due))
		},
		OnScreen: func(s Screen, _ string) {
			switch s {
			case ScreenCheckOut:
				endOnce.Do(func() { close(ended) })
			case ScreenSummary:
				sumOnce.Do(func() { close(summary) })
			}
		},
	}
	voice = "off (espeak-ng not installed)"
	if sp, err := NewEspeak(""); err == nil {
		cfg.Voice, voice = sp, "espeak-ng"
	}
	term := Terminal{In: keys, Out: io.Discard, Env: []string{"TERM=xterm-256color"}, Width: 80, Height: 24,
		Options: []tea.ProgramOption{tea.WithoutSignalHandler()}}
	done := make(chan error, 1)
	go func() {
		_, err := Run(context.Background(), cfg, term)
		done <- err
	}()
	if _, err := io.WriteString(typing, "3\r"); err != nil {
		b.Fatal(err)
	}
	// The naive countdown: a one-second ticker from the same start, each
	// cue fired at the first tick at or after it falls due.
	t0 := <-started
	ticker := time.NewTicker(time.Second)
	var due []time.Duration
	for _, s := range tl.Segments {
		for _, c := range s.Cues {
			due = append(due, s.Start+c.At)
		}
	}
	// The bare timer sleeps until each cue, alongside.
	bareDone := make(chan []time.Duration)
	go func() {
		var late []time.Duration
		for _, d := range due {
			at := t0.Add(d)
			time.Sleep(time.Until(at))
			late = append(late, time.Since(at))
		}
		bareDone <- late
	}()
	next := 0
	for next < len(due) && due[next] == 0 {
		naive = append(naive, 0) // fired at the start, as the player does
		next++
	}
	for ticks := 1; next < len(due); ticks++ {
		now := <-ticker.C
		counted := time.Duration(ticks) * time.Second // a countdown counts ticks
		for next < len(due) && due[next] <= counted {
			naive = append(naive, now.Sub(t0.Add(due[next])))
			next++
		}
	}
	ticker.Stop()
	bare = <-bareDone
	<-ended
	// Skip both check-out questions and the note, then close the summary.
	if _, err := io.WriteString(typing, "ss\r"); err != nil {
		b.Fatal(err)
	}
	<-summary
	if _, err := io.WriteString(typing, "\r"); err != nil {
		b.Fatal(err)
	}
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	_ = typing.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(ours) != len(due) {
		b.Fatalf("%d cues sounded, want %d", len(ours), len(due))
	}
	return ours, naive, bare, voice
}
