#!/usr/bin/env bash
# Durable intake of two mediationd binaries (a change against the code before
# it), under the same load generator, interleaved: each round measures A and
# B, each on a fresh store, A first in odd rounds and B first in even ones
# (so that what a run leaves behind, the writeback of the store just
# removed, say, weighs on both alike). Prints each run (deposits per second,
# p99, server CPU per deposit) in the order run, then per binary the median
# and the spread, B's median over A's, and the rounds paired: in how many B
# was ahead, the two-sided sign test's p-value for that count (the chance of
# a count at least as lopsided if neither binary were faster), and the
# median and spread of each round's B/A.
#
# On a shared 2-core machine one binary varies by a quarter from one run to
# the next, and by a third within the hour. The same binary against itself
# (RESULTS.md, 2026-12-07, fourth session) gave B/A from 0.90 to 1.09 over
# 10 rounds of 8 s, and once a p-value of 0.021 (B ahead in 1 of 10), which
# the same series with A and B swapped did not repeat. So a change is a gain
# only when B is ahead in most rounds (a p-value under 0.05 needs 6 rounds
# of 6, 9 of 10, 10 of 12) in two series, not when one median beats the
# other. The server's CPU per deposit moves with the machine's speed too
# (95 and 88 µs in that series): it is no steadier a measure than the rate.
#
#   [A_FLAGS=...] [B_FLAGS=...] tests/bench/ab_intake.sh BUILD_DIR \
#       MEDIATIOND_A MEDIATIOND_B [ROUNDS] [DURATION] [CONCURRENCY]
#   A_FLAGS and B_FLAGS: more mediationd flags for A's or B's runs (split
#   on spaces), printed with its summary; e.g. the same binary twice with
#   B_FLAGS=--sync=false measures what the sync costs (RESULTS.md,
#   2026-12-06).
#   (defaults: 6 rounds of 5s, 64 in flight). Keep a copy of the binary
#   before the change: cp build/cmd/mediationd/mediationd /tmp/mediationd-a
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 BUILD_DIR MEDIATIOND_A MEDIATIOND_B [ROUNDS] [DURATION] [CONCURRENCY]" >&2
  exit 2
fi
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$1 A=$2 B=$3 ROUNDS=${4:-6} DURATION=${5:-5s} CONCURRENCY=${6:-64}
for binary in "$A" "$B"; do
  [ -x "$binary" ] || { echo "not an executable: $binary" >&2; exit 2; }
done
WORK=$(mktemp -d)
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
# shellcheck source=tests/bench/intake_lib.sh
source "$REPO/tests/bench/intake_lib.sh"
setup_intake "$BUILD" "$REPO" "$WORK"

read -ra A_EXTRA <<<"${A_FLAGS:-}"
read -ra B_EXTRA <<<"${B_FLAGS:-}"

# One measure of `binary` (with the flags after it) on a fresh store:
# "<per second> <p99 ms> <µs/deposit>".
measure() {
  local binary=$1 rate p99 cpu out
  rm -rf "$WORK/data" "$WORK/port"
  start_mediationd "$binary" "$WORK/data" "$WORK/port" "$WORK/server.log" "${@:2}"
  # This runs in a subshell, which the EXIT trap does not cover.
  fail() {
    echo "$binary's log:" >&2
    cat "$WORK/server.log" >&2
    kill "$SERVER_PID" 2>/dev/null
    exit 1
  }
  wait_port "$WORK/port" || fail
  out=$(measure_intake "$(cat "$WORK/port")" "$SERVER_PID" "$CONCURRENCY" "$DURATION") || fail
  read -r rate p99 cpu _ <<<"$out"
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  echo "$rate $p99 $(printf '%.0f' "$(per_request "$cpu" "$rate")")"
}

printf '%-6s %-2s %10s %8s %12s\n' round "" "per second" "p99 ms" "µs/deposit"
A_RATES=() B_RATES=() A_CPU=() B_CPU=()
# Measures binary A or B (its label) and records the run.
run() {
  local label=$1 rate p99 cpu
  if [ "$label" = A ]; then
    read -r rate p99 cpu < <(measure "$A" "${A_EXTRA[@]}")
    A_RATES+=("$rate") A_CPU+=("$cpu")
  else
    read -r rate p99 cpu < <(measure "$B" "${B_EXTRA[@]}")
    B_RATES+=("$rate") B_CPU+=("$cpu")
  fi
  printf '%-6s %-2s %10s %8s %12s\n' "$round" "$label" "$rate" "$p99" "$cpu"
}

for round in $(seq 1 "$ROUNDS"); do
  if ((round % 2)); then run A; run B; else run B; run A; fi
done
a=$(median "${A_RATES[@]}") b=$(median "${B_RATES[@]}")
echo "A $A${A_FLAGS:+ $A_FLAGS}: median $a/s ($(spread "${A_RATES[@]}")), $(median "${A_CPU[@]}") µs/deposit ($(spread "${A_CPU[@]}"))"
echo "B $B${B_FLAGS:+ $B_FLAGS}: median $b/s ($(spread "${B_RATES[@]}")), $(median "${B_CPU[@]}") µs/deposit ($(spread "${B_CPU[@]}"))"
echo "B/A: $(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", (a > 0 ? b / a : 0)}') ($CONCURRENCY in flight, $DURATION x $ROUNDS, interleaved)"
paired_rounds "${A_RATES[*]}" "${B_RATES[*]}"
