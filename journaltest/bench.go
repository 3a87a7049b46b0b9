package journaltest

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"backcare"
)

// BenchSaveSession records one finished session (eight segments) per
// iteration, each a new session, as the player does at the end of one.
func BenchSaveSession(b *testing.B, open Opener) {
	j := open(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s := NewSession("bench", Base.Add(time.Duration(i)*time.Minute), 4, 3)
		if err := j.SaveSession(ctx, s); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sessions/s")
}

// BenchSaveSessionConcurrent is BenchSaveSession from 32 goroutines at
// once, as a busy server saves: journals that commit concurrent writes
// together (group commit) record many more sessions a second this way.
func BenchSaveSessionConcurrent(b *testing.B, open Opener) {
	j := open(b)
	b.ReportAllocs()
	b.SetParallelism(max(1, 32/runtime.GOMAXPROCS(0)))
	var n atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			s := NewSession("bench", Base.Add(time.Duration(i)*time.Minute), 4, 3)
			if err := j.SaveSession(ctx, s); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sessions/s")
}

// FillDaily imports n daily sessions for user, one a day back from Base.
func FillDaily(tb testing.TB, j backcare.Journal, user string, n int) {
	tb.Helper()
	a := &backcare.Archive{UserID: user}
	for i := range n {
		s := NewSession(user, Base.Add(-time.Duration(i)*24*time.Hour), 2+i%5, 1+i%4)
		s.ID = fmt.Sprintf("day-%05d", i)
		a.Sessions = append(a.Sessions, s)
	}
	if _, err := j.Import(ctx, a); err != nil {
		tb.Fatal(err)
	}
}

// BenchHistory loads the history of n daily sessions and works out the
// weekly pain trend from it, as the journal page and the programme do.
func BenchHistory(b *testing.B, open Opener, n int) {
	j := open(b)
	FillDaily(b, j, "bench", n)
	b.ReportAllocs()
	for b.Loop() {
		hs, err := j.History(ctx, "bench", backcare.Filter{})
		if err != nil {
			b.Fatal(err)
		}
		if len(hs) != n {
			b.Fatalf("len(History) = %d, want %d", len(hs), n)
		}
		if w := WeeklyPain(hs); len(w) < n/7 {
			b.Fatalf("%d weeks, want at least %d", len(w), n/7)
		}
	}
}

// Week is one week of a pain trend.
type Week struct {
	Start         time.Time // Monday, UTC
	Before, After float64   // mean pain before and after sessions
	Sessions      int
}

// WeeklyPain averages the pain before and after sessions by ISO week,
// oldest week first: the shape of data a pain trend chart draws. Sessions
// without both answers are left out.
func WeeklyPain(hs []backcare.SessionSummary) []Week {
	var out []Week
	for i := len(hs) - 1; i >= 0; i-- {
		h := hs[i]
		if h.PainBefore == nil || h.PainAfter == nil {
			continue
		}
		d := h.StartedAt.Truncate(24 * time.Hour)
		monday := d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
		if len(out) == 0 || !out[len(out)-1].Start.Equal(monday) {
			out = append(out, Week{Start: monday})
		}
		w := &out[len(out)-1]
		w.Sessions++
		w.Before += (float64(*h.PainBefore) - w.Before) / float64(w.Sessions)
		w.After += (float64(*h.PainAfter) - w.After) / float64(w.Sessions)
	}
	return out
}
