#!/usr/bin/env bash
# What each of a deposit's entries costs the intake: the minimal reference,
# the reference writing all of mediationd's entries (--entries=mediationd),
# and that reference with kinds of entries left out (--omit), each measured
# under the same load generator, in turn, round after round. A price list
# for issue 13's choice of what a deposit could do without: each variant's
# rate against the reference's and against all the entries', and the server
# CPU per request it saves.
#
#   tests/bench/entry_costs.sh [BUILD_DIR] [ROUNDS] [DURATION] [CONCURRENCY]
#   (defaults: build 3 8s 64; run on an idle machine)
#
# VARIANTS (space-separated; each one --omit value, kinds joined by commas:
# head, version, state, r, u, x_cs, x_s, counters) replaces the default list:
# each kind alone, the stream's head and version keys together, and every
# projection (the state, the four index keys, the counters).
#
# Each measure starts its server on a fresh store and stops it after, so
# that no server's flushes and compactions run in another's measure; the
# order of the servers turns by one each round. The rates are thus those of
# a store's first seconds, as in compare_intake.sh's first round.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$REPO/build} ROUNDS=${2:-3} DURATION=${3:-8s} CONCURRENCY=${4:-64}
VARIANTS=${VARIANTS:-"version head,version state r u x_cs x_s counters state,r,u,x_cs,x_s,counters"}
WORK=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
# shellcheck source=tests/bench/intake_lib.sh
source "$REPO/tests/bench/intake_lib.sh"
setup_intake "$BUILD" "$REPO" "$WORK"
REFERENCE=$BUILD/tests/bench/mediation_reference

# The servers measured: "reference", "all" (every entry), then one per
# variant, named by what it leaves out.
NAMES=(reference all)
for variant in $VARIANTS; do NAMES+=("-$variant"); done
# The reference's flags for the server `name`.
flags_of() {
  case $1 in
    reference) ;;
    all) echo --entries=mediationd ;;
    -*) echo "--entries=mediationd --omit=${1#-}" ;;
  esac
}

# One measure of `name` on a fresh store: "<per second> <p99 ms> <server
# cores> <client cores>". On a failure, the server's log on stderr, and the
# script ends.
measure() {
  local name=$1 dir=$WORK/run out
  rm -rf "$dir" "$WORK/port"
  # shellcheck disable=SC2046  # flags_of: flags, split on spaces.
  start_reference "$REFERENCE" "$dir" "$WORK/port" "$WORK/log" $(flags_of "$name")
  PID=$SERVER_PID
  wait_port "$WORK/port"
  if ! out=$(measure_intake "$(cat "$WORK/port")" "$PID" "$CONCURRENCY" "$DURATION"); then
    cat "$WORK/log" >&2
    exit 1
  fi
  kill -TERM "$PID"
  wait "$PID" || { cat "$WORK/log" >&2; exit 1; }
  PID=""
  echo "$out"
}

declare -A RATES US
printf '%-6s %-40s %10s %8s %12s %12s\n' round server "per second" "p99 ms" "server cores" "client cores"
for round in $(seq 1 "$ROUNDS"); do
  count=${#NAMES[@]}
  for ((i = 0; i < count; i++)); do
    name=${NAMES[$(((i + round - 1) % count))]}
    read -r rate p99 cpu client < <(measure "$name")
    printf '%-6s %-40s %10s %8s %12s %12s\n' "$round" "$name" "$rate" "$p99" "$cpu" "$client"
    RATES[$name]+=" $rate"
    US[$name]+=" $(per_request "$cpu" "$rate")"
  done
done

# shellcheck disable=SC2086  # The series: numbers, split on spaces.
ref=$(median ${RATES[reference]})
# shellcheck disable=SC2086
all=$(median ${RATES[all]}) all_us=$(median ${US[all]})
echo "medians ($CONCURRENCY in flight, $DURATION x $ROUNDS, each on a fresh store):"
printf '%-40s %10s %12s %10s %12s %16s\n' server "per second" "x reference" "x all" "µs/request" "µs saved vs all"
for name in "${NAMES[@]}"; do
  # shellcheck disable=SC2086
  rate=$(median ${RATES[$name]}) us=$(median ${US[$name]})
  awk -v n="$name" -v r="$rate" -v ref="$ref" -v all="$all" -v us="$us" -v all_us="$all_us" \
    'BEGIN{printf "%-40s %10s %12.2f %10.2f %12s %16.1f\n", n, r, r / ref, r / all, us, all_us - us}'
done
