# Sourced by the bench scripts that drive `backcare serve`: sign in as the
# person who started it, with the one-time link it printed (as the link's
# page does), and export the sign-in cookie as COOKIE ("backcare=...").
# Needs APP (host:port) and the serve log's path as its first argument.
signin_cookie() {
  local log=$1 token
  for _ in $(seq 50); do grep -q 'token=' "$log" && break; sleep 0.1; done
  token=$(grep -o 'token=[A-Za-z0-9_-]*' "$log" | head -1 | cut -d= -f2)
  COOKIE=$(command curl -sf -o /dev/null -D - -d "token=$token" "http://$APP/signin/link" | tr -d '\r' |
    sed -nE 's/^[Ss]et-[Cc]ookie: (backcare=[^;]*).*/\1/p')
  [ -n "$COOKIE" ] || { echo "$0: could not sign in with the link backcare printed" >&2; exit 1; }
  export COOKIE
}
