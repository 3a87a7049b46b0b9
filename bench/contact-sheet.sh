#!/usr/bin/env bash
# Renders every built-in figure (both sides of sided poses) to PNG and
# braille text, prints the article's chart and a long chart of every pose,
# turns their pages into PNGs (pdftoppm), and puts it all on one contact
# sheet: OUT/contact-sheet.png. Look at it: each pose must be recognisable.
#
#   bash bench/contact-sheet.sh [OUT]     # default OUT: /tmp/backcare-contact-sheet
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/backcare-contact-sheet}
mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.txt "$out"/*.pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

command -v pdftoppm >/dev/null || { echo "contact-sheet.sh: pdftoppm is not installed (poppler-utils)" >&2; exit 1; }
go build -o "$tmp/backcare" ./cmd/backcare

# A routine of every built-in pose, from a catalog folder of its own.
mkdir -p "$tmp/catalog"
{
	echo "routines:"
	echo "  - id: every-pose"
	echo "    name: Every pose"
	echo "    purpose: Every built-in pose, to see how a long chart flows over pages."
	echo "    poses:"
	BACKCARE_CATALOG="$tmp/none" "$tmp/backcare" poses | awk 'NR > 1 && $1 ~ /^[a-z0-9-]+$/ { print "      - " $1 }'
} >"$tmp/catalog/every.yaml"

export SOURCE_DATE_EPOCH=1773480600
BACKCARE_CATALOG="$tmp/none" "$tmp/backcare" chart -o "$out/lower-back-relief-chart.pdf" >/dev/null
BACKCARE_CATALOG="$tmp/catalog" "$tmp/backcare" chart every-pose -o "$out/every-pose-chart.pdf" >/dev/null
pdftoppm -r 55 -png "$out/lower-back-relief-chart.pdf" "$out/chart-1-relief"
pdftoppm -r 55 -png "$out/every-pose-chart.pdf" "$out/chart-2-every"

go test ./figure -run '^TestBuiltinFigures$' -count=1 -render "$out" >/dev/null
echo "$out/contact-sheet.png"
