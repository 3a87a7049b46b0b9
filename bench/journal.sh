#!/usr/bin/env bash
# Journal benchmarks on SQLite (and PostgreSQL when BACKCARE_TEST_POSTGRES is
# set), each beside a reference measured in the same run: prints the median
# of each benchmark over COUNT runs and the ratios the targets are judged by.
#
#   bench/journal.sh            # COUNT=6 by default
#   COUNT=10 bench/journal.sh
#
# Targets (issue 4): recording a finished session at least 1,000 per second
# on SQLite; the history and pain trend of 365 daily sessions under 5 ms, of
# 3,650 under 20 ms. The machine is shared, so numbers are noisy: the
# ratios to the references move less than the raw times.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${COUNT:-6}
mkdir -p bench/out
out=bench/out/journal.txt
go test -run '^$' -bench 'SaveSession|RefBareInsert|History|RefBareSelect' -count "$count" ./sqlite ./postgres | tee "$out" >/dev/null
awk '
/^pkg:/ { pkg = $2; sub(/.*\//, "", pkg) }
/^Benchmark/ {
	name = pkg "." $1; sub(/-[0-9]+$/, "", name)
	n[name]++; v[name, n[name]] = $3
}
function median(name,   i, j, k, t, a) {
	k = n[name]
	for (i = 1; i <= k; i++) a[i] = v[name, i]
	for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
	return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
END {
	for (name in n) med[name] = median(name)
	printf "%-46s %14s %12s\n", "benchmark (median of runs)", "ns/op", "per second"
	for (name in med) printf "%-46s %14.0f %12.0f\n", name, med[name], 1e9 / med[name] | "sort"
	close("sort")
	print ""
	s = "sqlite.BenchmarkSaveSession"; r = "sqlite.BenchmarkRefBareInsert"
	if ((s in med) && (r in med)) printf "SaveSession / bare INSERT (FULL sync both): %.2f  -> %.0f sessions/s (target >= 1000)\n", med[s] / med[r], 1e9 / med[s]
	s = "sqlite.BenchmarkSaveSessionNormal"
	if (s in med) printf "SaveSession with synchronous=NORMAL:         %.0f sessions/s\n", 1e9 / med[s]
	s = "sqlite.BenchmarkSaveSessionConcurrent"
	if (s in med) printf "SaveSession from 32 goroutines (group commit): %.0f sessions/s\n", 1e9 / med[s]
	split("365 3650", ns, " "); split("5 20", lim, " ")
	for (i = 1; i <= 2; i++) {
		h = "sqlite.BenchmarkHistory/" ns[i]; r = "sqlite.BenchmarkRefBareSelect/" ns[i]
		if ((h in med) && (r in med)) printf "History+trend %5d / bare SELECT of 2 columns: %.2f  -> %.2f ms (target < %d ms)\n", ns[i], med[h] / med[r], med[h] / 1e6, lim[i]
		h = "postgres.BenchmarkHistory/" ns[i]
		if (h in med) printf "PostgreSQL History+trend %5d:               %.2f ms\n", ns[i], med[h] / 1e6
	}
	if ("postgres.BenchmarkSaveSession" in med) printf "PostgreSQL SaveSession:                       %.0f sessions/s\n", 1e9 / med["postgres.BenchmarkSaveSession"]
}' "$out"
