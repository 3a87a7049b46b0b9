#!/usr/bin/env bash
# Plays `backcare start` in a real terminal (tmux, 80x24), pressing keys as a
# person would, and saves what the screen shows at the check-in, mid-hold,
# switching sides, paused and the summary; then the "this hurts" path, a
# NO_COLOR run, a wide window, and a run whose input is not a terminal.
# Short holds keep it to about two minutes.
#
#   bash bench/tui-tmux.sh [OUT]     # captures go to OUT (default: a temp folder)
#
# Read the captures (*.txt) before trusting a change to the player: this is
# what a person sees. espeak-ng is replaced by a logger on PATH, so
# spoken.log lists every cue with the second it was spoken.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "bench/tui-tmux.sh: tmux is not installed" >&2; exit 1; }

tmp=$(mktemp -d)
out=${1:-$tmp/captures}
mkdir -p "$out"
sock="$tmp/tmux.sock" # one server per play (a fresh socket each time), so no race with a dying one
cleanup() { tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp/home"; }
trap cleanup EXIT

go build -o "$tmp/backcare" ./cmd/backcare

# A stand-in for espeak-ng that writes down what it is asked to say.
mkdir -p "$tmp/bin"
cat >"$tmp/bin/espeak-ng" <<EOF
#!/bin/sh
[ "\$1" = "-q" ] && exit 0
printf '%s %s\n' "\$(date +%s.%N | cut -c1-14)" "\$(cat)" >> "$out/spoken.log"
EOF
chmod +x "$tmp/bin/espeak-ng"
: >"$out/spoken.log"

env_common=(HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
	PATH="$tmp/bin:$PATH" TERM=xterm-256color LANG=C.UTF-8 SSH_CONNECTION= SSH_TTY=)
flags=(--hold 6s --prepare 3s)

# play NAME WIDTH HEIGHT [ENV...] -- starts backcare start in a new window.
play() {
	local name=$1 w=$2 h=$3
	shift 3
	tmux -S "$sock" kill-server 2>/dev/null || true
	sock="$tmp/tmux-$name.sock"
	# remain-on-exit keeps the window, and what the program printed last,
	# after it ends.
	tmux -S "$sock" -f "$tmp/tmux.conf" new-session -d -s "$name" -x "$w" -y "$h" \
		env "${env_common[@]}" "$@" "$tmp/backcare" start "${flags[@]}"
}
echo "set -g remain-on-exit on" >"$tmp/tmux.conf"
screen() { tmux -S "$sock" capture-pane -p -t "$1" "${@:2}"; }
capture() { screen "$1" "${@:3}" >"$out/$2.txt"; echo "captured $2"; }
keys() { tmux -S "$sock" send-keys -t "$@"; }
# wait_for NAME TEXT: waits up to 40 s for TEXT on the screen.
wait_for() {
	for _ in $(seq 400); do
		screen "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
	done
	echo "bench/tui-tmux.sh: '$2' never appeared; the screen shows:" >&2
	screen "$1" >&2
	exit 1
}
# safety_first NAME [CAPTURE]: answers the safety questions "no" if they
# are asked, capturing the first question and the verdict when told to.
safety_first() {
	sleep 0.5
	if [ -n "${2:-}" ] && screen "$1" | grep -qF "Safety check"; then
		capture "$1" 0a-safety-question
	fi
	while screen "$1" | grep -qF "Safety check"; do
		keys "$1" n
		sleep 0.2
	done
	if screen "$1" | grep -qF "continue to the session"; then
		[ -n "${2:-}" ] && capture "$1" 0b-safety-verdict
		keys "$1" Enter
	fi
}

echo "== the whole routine, 80x24"
play main 80 24
safety_first main capture
wait_for main "How much does your back hurt right now?"
capture main 1-check-in
keys main 4 Enter
wait_for main "HOLD"
sleep 3
capture main 2-mid-hold
wait_for main "SWITCH SIDES"
sleep 1
capture main 3-switch-sides
keys main Space
wait_for main "PAUSED"
capture main 4-paused
sleep 2
keys main Space
wait_for main "How much does your back hurt now?"
keys main 2 Enter
wait_for main "How strong did the stretch feel?"
capture main 5-stretch-question
keys main 5 Enter
wait_for main "A note for yourself"
keys main -l "Easy today, the lunge felt good."
keys main Enter
wait_for main "Saved to your journal."
capture main 6-summary
keys main Enter
sleep 1
capture main 7-after-exit

echo "== this hurts"
play hurts 80 24
safety_first hurts
wait_for hurts "How much does your back hurt right now?"
keys hurts 3 Enter
wait_for hurts "HOLD"
sleep 2
keys hurts h
wait_for hurts "to stop"
capture hurts 8-this-hurts
keys hurts Enter
wait_for hurts "How much does your back hurt now?"
keys hurts 6 Enter
wait_for hurts "A note for yourself"
keys hurts Enter
wait_for hurts "Saved to your journal."
capture hurts 9-hurts-summary
keys hurts Enter

echo "== NO_COLOR, 80x24, mid-hold (with escape sequences)"
play nocolor 80 24 NO_COLOR=1
safety_first nocolor
wait_for nocolor "How much does your back hurt right now?"
keys nocolor 1 Enter
wait_for nocolor "HOLD"
capture nocolor 10-no-color -e
keys nocolor q n

echo "== a wide window, 140x40, then made small"
play wide 140 40
safety_first wide
wait_for wide "How much does your back hurt right now?"
keys wide 1 Enter
wait_for wide "HOLD"
sleep 2
capture wide 11-wide-mid-hold
tmux -S "$sock" resize-window -t wide -x 64 -y 20
sleep 1.5
capture wide 11b-resized-64x20
keys wide q n

echo "== input that is not a terminal"
set +e
echo | env "${env_common[@]}" "$tmp/backcare" start >"$out/12-not-a-terminal.txt" 2>&1
echo "exit code: $?" >>"$out/12-not-a-terminal.txt"
set -e

echo "== the journal"
env "${env_common[@]}" "$tmp/backcare" journal >"$out/13-journal.txt" 2>&1 || true

colours=$(grep -acE $'\e\\[[0-9;]*(3[0-7]|38|4[0-7]|48|9[0-7])[;m]' "$out/10-no-color.txt" || true)
echo "lines with colour codes under NO_COLOR: $colours"
echo "cues spoken: $(wc -l <"$out/spoken.log")"
echo "captures in $out:"
ls "$out"
