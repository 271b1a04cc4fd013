#!/usr/bin/env bash
# Crash test: concurrent writers deposit saisines while mediationd (WAL
# synced, the default) is killed with SIGKILL at random moments, 20 times.
# Afterwards every acknowledged deposit must be there at its acknowledged
# version, and the store must verify offline: hash chain intact, projections
# equal to a replay of the log (so nothing unacknowledged is half-written).
#
# The writers are mediationctl processes (a deposit each), not yet the C++
# load generator of issue 6.
#
#   crash_test.sh MEDIATIOND MEDIATIONCTL REPO_DIR [KILLS]
set -euo pipefail

MEDIATIOND=$1 CTL=$2 REPO=$3 KILLS=${4:-20}
WRITERS=4
WORK=$(mktemp -d)
trap '[ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null; pkill -P $$ 2>/dev/null || true; rm -rf "$WORK"' EXIT
source "$REPO/tests/lib/serveur.sh"

ctl() { "$CTL" --server="$ADDR" --credentials="$CREDS" --as=accueil "$@"; }

# Deposits until killed; records "request_id saisine_id version" of each
# acknowledged one (only after the answer arrived).
writer() {
  local round=$1 writer=$2 n=0 out
  while true; do
    n=$((n + 1))
    local id="r$round-w$writer-$n"
    if out=$(ctl deposer "$REPO/tests/e2e/saisine.json" --request_id="$id" \
               --timeout_seconds=5 2>/dev/null); then
      echo "$id $(jq -r '.saisine_id + " " + .version' <<<"$out")" \
        >>"$WORK/acked-$writer"
    fi
  done
}

for round in $(seq 1 "$KILLS"); do
  start_server
  pids=()
  for w in $(seq 1 "$WRITERS"); do writer "$round" "$w" & pids+=($!); done
  # A random moment between 0.5 and 2 s of load.
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 0.5 + (r % 150) / 100 }')"
  kill -9 "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
done
cat "$WORK"/acked-* >"$WORK/acked"
acked=$(wc -l <"$WORK/acked")
[ "$acked" -gt 0 ] || fail "no deposit was acknowledged"

# Offline: the log's chain and the projections.
"$CTL" verifier "$WORK/data" >/dev/null || fail "the store does not verify after $KILLS kills"

# Online: each acknowledged deposit, retried under its request id, answers
# the same saisine at the same version, appending nothing.
start_server
check() {
  local id=$1 saisine=$2 version=$3 out
  out=$(ctl deposer "$REPO/tests/e2e/saisine.json" --request_id="$id" 2>/dev/null) ||
    { echo "LOST $id"; return; }
  [ "$(jq -r '.saisine_id + " " + .version + " " + (.rejoue|tostring)' <<<"$out")" = \
    "$saisine $version true" ] || echo "LOST $id $out"
}
export -f check ctl
export ADDR CTL CREDS REPO
lost=$(xargs -P 4 -L 1 bash -c 'check "$@"' _ <"$WORK/acked" | grep -c LOST || true)
stop_server
[ "$lost" = 0 ] || fail "$lost acknowledged deposits lost or changed"
"$CTL" verifier "$WORK/data" >/dev/null || fail "the store does not verify at the end"
echo "PASS: $KILLS SIGKILLs under $WRITERS concurrent writers, $acked acknowledged"
echo "      deposits all found at their version, log and projections verify"
