#!/usr/bin/env bash
# Web app throughput and latency with wrk on loopback, each against a bare
# net/http handler that answers 204, measured in the same run (the machine is
# shared, so only the ratios mean much). Also the idle memory of
# `backcare serve`. Writes bench/out/web.txt.
#
#   bench/web.sh [DURATION] [ROUNDS]     (defaults: 10s, 3)
#
# Targets (issue 5): Today >= 0.3x the bare handler's requests/s, p99 < 15 ms;
# idle RSS < 25 MB. Saving a session (issue 15, with encoding/json, the one
# JSON path): >= 0.15x, p99 < 15 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-10s}
rounds=${2:-3}
out=bench/out
mkdir -p "$out"
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

CGO_ENABLED=0 go build -o "$tmp/backcare" ./cmd/backcare # static, as released
# The reference: the cheapest possible net/http server, answering 204.
cat >"$tmp/bare204.go" <<'GO'
// bare204 is the reference for bench/web.sh: the cheapest possible net/http
// server, answering every request with 204 No Content. Run with
// bench/web.sh, which writes and builds it.
package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	log.Fatal(http.ListenAndServe(os.Args[1], http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})))
}
GO
go build -o "$tmp/bare204" "$tmp/bare204.go"
BARE=127.0.0.1:18204
APP=127.0.0.1:18080
"$tmp/bare204" "$BARE" & pids+=($!)
"$tmp/backcare" serve --addr "$APP" --database "$tmp/journal.db" >"$tmp/serve.log" 2>&1 & app=$!; pids+=($app)
for _ in $(seq 50); do curl -sf "http://$APP/healthz" >/dev/null && break; sleep 0.1; done

sleep 2
rss_idle=$(awk '/VmRSS/{print $2}' /proc/$app/status)

# Sign in as the person who started it. Every request below carries the
# cookie, as a signed-in browser's do, so the numbers include the sign-in
# check.
. bench/signin.sh
signin_cookie "$tmp/serve.log"
curl() { command curl -H "Cookie: $COOKIE" "$@"; }

# Answer the safety questions (all no), as a person does first, then make a
# session to save progress into, the way the player makes one.
answers=$(curl -sf "http://$APP/safety" | grep -o 'name="[^"]*" value="no"' | sed -E 's/name="([^"]*)".*/\1=no/' | paste -sd'&')
curl -sf -o /dev/null -d "$answers" "http://$APP/safety"
id=$(curl -sf -H 'Content-Type: application/json' -d '{"routine_id":"lower-back-relief","pain_before":4}' \
  "http://$APP/api/sessions" | sed -E 's/.*"id":"([0-9a-f]+)".*/\1/')
export SESSION_PATH=/api/sessions/$id

run() { # name url [script]
  local name=$1 url=$2 script=${3:-}
  local args=(-t2 -c32 -d"$dur" --latency -H "Cookie: $COOKIE")
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" "$url" >"$tmp/$name.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/{print $2}' "$tmp/$name.txt")
  p99=$(awk '$1=="99%"{print $2}' "$tmp/$name.txt")
  echo "$name $rps $p99"
}

{
  echo "# backcare web benchmark, $(date -u +%FT%TZ), wrk -t2 -c32 -d$dur, $rounds rounds"
  echo "# round name requests/s p99 ratio-to-bare"
  for r in $(seq "$rounds"); do
    read -r _ bare_rps bare_p99 < <(run bare "http://$BARE/")
    echo "$r bare $bare_rps $bare_p99 1.00"
    read -r _ rps p99 < <(run today "http://$APP/")
    echo "$r today $rps $p99 $(awk -v a="$rps" -v b="$bare_rps" 'BEGIN{printf "%.2f", a/b}')"
    read -r _ rps p99 < <(run save "http://$APP$SESSION_PATH" bench/save-session.lua)
    echo "$r save-session $rps $p99 $(awk -v a="$rps" -v b="$bare_rps" 'BEGIN{printf "%.2f", a/b}')"
  done
  echo "# idle RSS of backcare serve after start: ${rss_idle} kB"
  echo "# RSS after the runs: $(awk '/VmRSS/{print $2}' /proc/$app/status) kB"
} | tee "$out/web.txt"
