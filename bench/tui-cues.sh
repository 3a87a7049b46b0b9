#!/usr/bin/env bash
# Cue timing of the terminal player: plays the article's routine in real
# time (five minutes) through the whole player and reports how late each cue
# sounded against the compiled schedule (p50, p99, max), next to a naive
# one-second countdown ticker measured in the same run.
#
#   bash bench/tui-cues.sh              # the full routine, about 5 minutes
#   HOLD=10s bash bench/tui-cues.sh     # shorter holds, for a quick look
#   COUNT=3 bash bench/tui-cues.sh      # three runs: read the medians
#
# The machine is shared: other work delays timers. Rerun when the numbers
# look odd, and compare against the naive ticker of the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
BACKCARE_BENCH_REALTIME=1 BACKCARE_BENCH_HOLD=${HOLD:-} \
	go test ./tui -run '^$' -bench '^BenchmarkCueTiming$' -benchtime 1x -count "${COUNT:-1}" -timeout 0 -v
