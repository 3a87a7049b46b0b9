#!/usr/bin/env bash
# Times the pose chart: `backcare chart` (the whole process) against printing
# an equivalent HTML chart through headless Chromium, in the same run, and
# prints both, their ratio, the file sizes and the in-process Go benchmark.
#
#   bash bench/chart.sh            # needs hyperfine, chromium, python3
#   RUNS=20 bash bench/chart.sh
#
# The machine is shared: rerun, and read the medians and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in hyperfine chromium python3; do
	command -v "$tool" >/dev/null || { echo "bench/chart.sh: $tool is not installed" >&2; exit 1; }
done

go build -o "$tmp/backcare" ./cmd/backcare
go test ./pdf -run '^TestHTMLChart$' -count=1 -html "$tmp/chart.html" >/dev/null
export SOURCE_DATE_EPOCH=1773480600 BACKCARE_CATALOG="$tmp/none"

chrome=(chromium --headless --no-sandbox --disable-gpu --disable-background-networking
	--disable-component-update --disable-sync --no-first-run --no-pdf-header-footer
	--user-data-dir="$tmp/profile" --print-to-pdf="$tmp/chromium.pdf" "file://$tmp/chart.html")

hyperfine --style basic --warmup 2 --runs "$RUNS" --export-json "$tmp/times.json" \
	-n "backcare chart" "$tmp/backcare chart -o $tmp/backcare.pdf" \
	-n "chromium --print-to-pdf" "${chrome[*]} 2>/dev/null" >/dev/null

python3 - "$tmp/times.json" "$tmp/backcare.pdf" "$tmp/chromium.pdf" <<'PY'
import json, os, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
b, c = res["backcare chart"], res["chromium --print-to-pdf"]
ms = lambda r: r["median"] * 1000
print(f"backcare chart (whole process): median {ms(b):8.1f} ms  (min {b['min']*1000:.1f}, max {b['max']*1000:.1f})")
print(f"chromium --print-to-pdf:        median {ms(c):8.1f} ms  (min {c['min']*1000:.1f}, max {c['max']*1000:.1f})")
print(f"ratio: backcare is {c['median']/b['median']:.0f}x faster (target: at least 50x)")
print(f"file size: backcare {os.path.getsize(sys.argv[2])/1024:.1f} KB (target: under 60 KB), chromium {os.path.getsize(sys.argv[3])/1024:.1f} KB")
PY

echo "in-process (go test -bench, target under 5 ms per chart):"
go test ./pdf -run '^$' -bench '^BenchmarkChart$' -benchtime 100x -count 5 | grep '^Benchmark'
