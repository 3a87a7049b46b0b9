#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) of the
# Today page and the player, and the bytes the player page transfers with
# its figures. Needs npm's lighthouse@12.8.2 and Debian's chromium:
#
#   npm install --prefix "$HOME/.cache/backcare-npm" lighthouse@12.8.2
#   LIGHTHOUSE=$HOME/.cache/backcare-npm/node_modules/.bin/lighthouse bench/lighthouse.sh
#
# Targets (issue 5): every score >= 0.95 on both pages; the player < 150 KB.
set -euo pipefail
cd "$(dirname "$0")/.."
lh=${LIGHTHOUSE:-lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
out=bench/out
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'kill $app 2>/dev/null || true; rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -o "$tmp/backcare" ./cmd/backcare
APP=127.0.0.1:18081
"$tmp/backcare" serve --addr "$APP" --database "$tmp/journal.db" >"$tmp/serve.log" 2>&1 & app=$!
for _ in $(seq 50); do curl -sf "http://$APP/healthz" >/dev/null && break; sleep 0.1; done

# Sign in with the printed link; Lighthouse sends the cookie with every
# request (--extra-headers).
. bench/signin.sh
signin_cookie "$tmp/serve.log"
curl() { command curl -H "Cookie: $COOKIE" "$@"; }

# Answer the safety questions (all no), so the player offers a session.
answers=$(curl -sf "http://$APP/safety" | grep -o 'name="[^"]*" value="no"' | sed -E 's/name="([^"]*)".*/\1=no/' | paste -sd'&')
curl -sf -o /dev/null -d "$answers" "http://$APP/safety"

flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --user-data-dir=$tmp/profile"
{
  echo "# Lighthouse $($lh --version), $(date -u +%FT%TZ)"
  for page in / /play/lower-back-relief; do
    for form in mobile desktop; do
      extra=()
      [ "$form" = desktop ] && extra=(--preset=desktop)
      $lh "http://$APP$page" --quiet --output=json --output-path="$tmp/lh.json" \
        --only-categories=performance,accessibility,best-practices,seo "${extra[@]}" \
        --extra-headers="{\"Cookie\":\"$COOKIE\"}" --chrome-flags="$flags" >/dev/null 2>&1
      node -e '
        const r = require(process.argv[1]);
        const c = r.categories;
        const kb = (r.audits["total-byte-weight"].numericValue / 1024).toFixed(1);
        const s = (k) => c[k].score.toFixed(2);
        console.log(`${process.argv[2]} ${process.argv[3]}: performance ${s("performance")}, accessibility ${s("accessibility")}, best-practices ${s("best-practices")}, seo ${s("seo")}, transferred ${kb} KB`);
        for (const k of Object.keys(c)) for (const a of c[k].auditRefs) {
          const au = r.audits[a.id];
          if (a.weight > 0 && au.score !== null && au.score < 1) console.log(`   ${k}: ${a.id} ${au.score}`);
        }' "$tmp/lh.json" "$page" "$form"
    done
  done
} | tee "$out/lighthouse.txt"
