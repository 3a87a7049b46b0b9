#!/usr/bin/env bash
# Plays each pose that is done lying, kneeling or on all fours in a real
# terminal (tmux, 80x24 unless COLS and ROWS say otherwise) and saves what
# the screen shows mid-hold, one text file per pose: OUT/<pose>.txt, and
# the same with its colours, OUT/<pose>.ansi (`cat` it in a terminal).
# A pose that moves shows its frames in turn: each frame is saved,
# OUT/<pose>-start.txt and OUT/<pose>-end.txt (and .ansi).
# Read them: the figure must fill its panel, centred in it, and read as
# the pose; the far limbs grey braille, the arrows red and one dot thin
# (their heads too, a short one still an arrow with its tip clear of the
# limb, never over a mat's edges), never in the two columns next to either
# edge, props a
# line of middle dots (·), the floor an unbroken line (─) with the hands,
# feet or body resting on it (in the lowest dots of the row above), a mat
# on the floor a double line (═) in it, a mat seen from a little above the
# side a strip (a line ─ over a double line ═, no corners) as long as the
# arrows over it (none runs past its ends), and a mat seen
# from straight above a box of double lines (╔═╗ ║ ╚═╝) holding the body
# and the arrows that start on it (grown where the body reaches past the
# mat), an arrow crossing a mat's edge drawn whole over it, never along
# it. The strip's back edge runs behind the trunk, no higher than its
# middle. A loop of arrows (squares) is one thin outline, its one head ending
# it a gap before it starts again (a ↻, no + on an edge). A hand on the body or
# under it (on the belly, a shin, under the small of the back) is a solid
# cyan mark, not an outline. A pose drawn in two views shows both, side by
# side with a line (│) between them or one over the other, or, where they
# would be too small, the view that shows what defines the pose alone; a
# moving pose keeps what stays still (a resting head) in the same cells
# from frame to frame. In a set of held reps the clock counts the hold of
# the moment (REP n OF m: HOLD), the set's time under it.
#
#   bash bench/tui-figures.sh [OUT]     # default OUT: /tmp/backcare-tui-figures
#   COLS=120 ROWS=40 bash bench/tui-figures.sh /tmp/tui-120x40
#   POSES="figure-four knee-sway" bash bench/tui-figures.sh   # only these
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "bench/tui-figures.sh: tmux is not installed" >&2; exit 1; }
out=${1:-/tmp/backcare-tui-figures}
cols=${COLS:-80}
rows=${ROWS:-24}
mkdir -p "$out"
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
cleanup() { tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
go build -o "$tmp/backcare" ./cmd/backcare

poses=(zombie-crawl zombie-crawl-diagonal-reach face-down-reach sphinx curl-up abdominal-brace curl-up-elbows-up side-bridge-knees
	side-bridge-feet bird-dog bird-dog-leg-slide bird-dog-squares glute-bridge pelvic-tilt single-leg-bridge
	dead-bug-hold dead-bug childs-pose-side-reach childs-pose supine-twist knee-sway figure-four knee-to-chest
	low-lunge-side-reach)
if [ -n "${POSES:-}" ]; then read -ra poses <<<"$POSES"; fi
mkdir -p "$tmp/catalog"
{
	echo "routines:"
	for p in "${poses[@]}"; do
		echo "  - id: only-$p"
		echo "    name: Only $p"
		echo "    purpose: One pose, to see its figure in the terminal."
		echo "    poses:"
		echo "      - $p"
	done
} >"$tmp/catalog/only.yaml"

env_common=(HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
	BACKCARE_CATALOG="$tmp/catalog" TERM=xterm-256color LANG=C.UTF-8 SSH_CONNECTION= SSH_TTY=)
screen() { tmux -S "$sock" capture-pane -p -t play; }
wait_for() {
	for _ in $(seq 300); do
		screen | grep -qE -- "$1" && return 0
		sleep 0.1
	done
	echo "bench/tui-figures.sh: '$1' never appeared; the screen shows:" >&2
	screen >&2
	return 1
}
for p in "${poses[@]}"; do
	tmux -S "$sock" kill-server 2>/dev/null || true
	sock="$tmp/tmux-$p.sock" # a fresh server for each play: no race with a dying one
	tmux -S "$sock" new-session -d -s play -x "$cols" -y "$rows" env "${env_common[@]}" "$tmp/backcare" start "only-$p" --hold 30s --prepare 2s
	sleep 0.5
	while screen | grep -qF "Safety check"; do
		tmux -S "$sock" send-keys -t play n
		sleep 0.2
	done
	if screen | grep -qF "continue to the session"; then tmux -S "$sock" send-keys -t play Enter; fi
	wait_for "How much does your back hurt right now?"
	tmux -S "$sock" send-keys -t play 2 Enter
	wait_for "HOLD|REPS|SET [0-9]+ OF"
	sleep 1
	rm -f "$out/$p".txt "$out/$p".ansi "$out/$p"-start.* "$out/$p"-end.*
	screen >"$tmp/a.txt"
	tmux -S "$sock" capture-pane -e -p -t play >"$tmp/a.ansi"
	# The player changes frame every 2 s: look again a frame later, and
	# keep both when the figure (its braille and glyphs) differs.
	sleep 2.1
	screen >"$tmp/b.txt"
	tmux -S "$sock" capture-pane -e -p -t play >"$tmp/b.ansi"
	figure() { perl -CSD -pe 's/[^\x{2800}-\x{28FF}\x{B7}\x{2500}\x{2502}\x{2550}\x{2551}\x{2554}\x{2557}\x{255A}\x{255D}]//g' "$1"; }
	if [ "$(figure "$tmp/a.txt")" = "$(figure "$tmp/b.txt")" ]; then
		mv "$tmp/a.txt" "$out/$p.txt"
		mv "$tmp/a.ansi" "$out/$p.ansi"
		echo "captured $p"
	else
		# The first frame shown is the start of the movement.
		mv "$tmp/a.txt" "$out/$p-start.txt"
		mv "$tmp/a.ansi" "$out/$p-start.ansi"
		mv "$tmp/b.txt" "$out/$p-end.txt"
		mv "$tmp/b.ansi" "$out/$p-end.ansi"
		echo "captured $p: start and end"
	fi
	tmux -S "$sock" kill-server 2>/dev/null || true
done
echo "captures in $out"
