package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"backcare"
	"backcare/journaltest"
)

// The journal's benchmarks, each beside a reference measured in the same
// run on the same kind of file (same DSN, same pragmas): the ratio is what
// to report. Run: go test -run '^$' -bench . -count 6 ./sqlite

func BenchmarkSaveSession(b *testing.B) { journaltest.BenchSaveSession(b, openTemp) }

// BenchmarkSaveSessionConcurrent saves from 32 goroutines at once: the
// writer commits what waits together, one fsync for many sessions.
func BenchmarkSaveSessionConcurrent(b *testing.B) {
	journaltest.BenchSaveSessionConcurrent(b, openTemp)
}

// BenchmarkSaveSessionNormal is BenchmarkSaveSession with
// synchronous=NORMAL: commits reach the write-ahead log but are not synced
// one by one. It shows what the fsync of synchronous=FULL costs here.
func BenchmarkSaveSessionNormal(b *testing.B) {
	journaltest.BenchSaveSession(b, func(tb testing.TB) backcare.Journal {
		path := filepath.Join(tb.TempDir(), "journal.db")
		d, err := open(context.Background(), dsn(path, "NORMAL"), path, 0)
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { _ = d.Close() })
		return d
	})
}

// BenchmarkRefBareInsert is the reference for BenchmarkSaveSession: one
// row of two columns inserted and committed per iteration.
func BenchmarkRefBareInsert(b *testing.B) {
	db, err := sql.Open("sqlite", DSN(filepath.Join(b.TempDir(), "bare.db")))
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	if _, err := db.Exec(`CREATE TABLE t (id TEXT PRIMARY KEY, v INTEGER) STRICT`); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		if _, err := db.Exec(`INSERT INTO t VALUES (?, ?)`, fmt.Sprint(i), i); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkHistory(b *testing.B) {
	for _, n := range []int{365, 3650} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { journaltest.BenchHistory(b, openTemp, n) })
	}
}

// BenchmarkRefBareSelect is the reference for BenchmarkHistory: the same
// number of rows of two integers read from one table into a slice.
func BenchmarkRefBareSelect(b *testing.B) {
	for _, n := range []int{365, 3650} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			d := openTemp(b).(*DB)
			journaltest.FillDaily(b, d, "bench", n)
			ctx := context.Background()
			for b.Loop() {
				rows, err := d.db.QueryContext(ctx, `SELECT started_at, pain_after FROM sessions`)
				if err != nil {
					b.Fatal(err)
				}
				type row struct{ at, pain int64 }
				var out []row
				for rows.Next() {
					var r row
					if err := rows.Scan(&r.at, &r.pain); err != nil {
						b.Fatal(err)
					}
					out = append(out, r)
				}
				_ = rows.Close()
				if len(out) != n {
					b.Fatalf("%d rows, want %d", len(out), n)
				}
			}
		})
	}
}
