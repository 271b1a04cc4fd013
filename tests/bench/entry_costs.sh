#!/usr/bin/env bash
# What each of a deposit's entries costs the intake: the minimal reference,
# the reference writing all of mediationd's entries (--entries=mediationd),
# and that reference with kinds of entries left out (--omit), each measured
# under the same load generator. A price list for issue 13's choice of what
# a deposit could do without: each variant's rate against all the entries'
# and the reference's, and its server CPU per request.
#
#   tests/bench/entry_costs.sh [BUILD_DIR] [ROUNDS] [DURATION] [CONCURRENCY]
#   (defaults: build 3 8s 64; run on an idle machine)
#
# VARIANTS (space-separated; each one --omit value, kinds joined by commas:
# head, version, state, r, u, x_cs, x_s, counters) replaces the default list:
# the cuts a deposit could conceivably take, alone and together, then every
# projection (the state, the four index keys, the counters: the bound of any
# cut of the projections). Each has its price:
#   version   a stream's events found from its head by back-links instead
#             (a change of the store's format);
#   x_s       the national list by status read from the lists by caisse
#             and status, one seek per caisse (slower national lists);
#   counters  the statistics out of the acknowledged write (which issue 13's
#             guarantee forbids) or counted when asked (which its
#             statistics target forbids).
#
# Each measure starts its server on a fresh store and stops it after, so
# that no server's flushes and compactions run in another's measure. Every
# server other than "all" is measured right beside a run of "all", before
# it in one round and after it in the next: the ratios to "all" are taken
# per round, between runs seconds apart, since this machine's rates drift by
# a fifth over minutes; the ratio to the reference is that median times the
# median of "all" to the reference, per round. The rates are those of a
# store's first seconds (compare_intake.sh's ISOLATED=fresh).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$REPO/build} ROUNDS=${2:-3} DURATION=${3:-8s} CONCURRENCY=${4:-64}
VARIANTS=${VARIANTS:-"version x_s counters version,x_s,counters state,r,u,x_cs,x_s,counters"}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
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
# cores> <client cores>". Run in a subshell (a command substitution): it
# stops its server itself, and on a failure prints the server's log on
# stderr and fails.
measure() {
  local name=$1 dir=$WORK/run out pid
  rm -rf "$dir" "$WORK/port"
  # shellcheck disable=SC2046  # flags_of: flags, split on spaces.
  start_reference "$REFERENCE" "$dir" "$WORK/port" "$WORK/log" $(flags_of "$name")
  pid=$SERVER_PID
  if ! wait_port "$WORK/port" ||
    ! out=$(measure_intake "$(cat "$WORK/port")" "$pid" "$CONCURRENCY" "$DURATION"); then
    kill "$pid" 2>/dev/null
    cat "$WORK/log" >&2
    return 1
  fi
  stop_server "$pid" "$WORK/log" || return 1
  echo "$out"
}

# Each round measures every other server right beside a run of "all"
# (before it in one round, after it in the next, and the other way round
# from one server to the next), so that each ratio to "all" compares two
# runs seconds apart: this machine's rates drift by a fifth over minutes.
declare -A RATES US PAIRED_ALL
printf '%-6s %-40s %10s %8s %12s %12s\n' round server "per second" "p99 ms" "server cores" "client cores"
# Measures `name` and keeps its figures; LAST: its rate.
run() {
  local name=$1 out rate p99 cpu client
  out=$(measure "$name")
  read -r rate p99 cpu client <<<"$out"
  printf '%-6s %-40s %10s %8s %12s %12s\n' "$round" "$name" "$rate" "$p99" "$cpu" "$client"
  RATES[$name]+=" $rate"
  US[$name]+=" $(per_request "$cpu" "$rate")"
  LAST=$rate
}
for round in $(seq 1 "$ROUNDS"); do
  for ((i = 0; i < ${#NAMES[@]}; i++)); do
    name=${NAMES[$i]}
    [ "$name" = all ] && continue
    # Not in an && list, where a failed measure would not end the script.
    if (((round + i) % 2)); then
      run all
      beside=$LAST
      run "$name"
    else
      run "$name"
      run all
      beside=$LAST
    fi
    PAIRED_ALL[$name]+=" $beside"
  done
done

# The ratio of `name` to the run of "all" beside it, round by round: "<median>
# (<lowest>-<highest>), ahead in <k> of <n>".
paired_to_all() {
  local line
  line=$(paired_rounds "${PAIRED_ALL[$1]}" "${RATES[$1]}")
  sed -E 's/^paired: B ahead in ([0-9]+) of ([0-9]+) rounds.*median ([0-9.]+) \(([0-9.]+)-([0-9.]+)\)$/\3 (\4-\5), ahead in \1 of \2/' <<<"$line"
}
echo "medians ($CONCURRENCY in flight, $DURATION x $ROUNDS, each on a fresh store; x all: to the run of all the entries beside it, per round):"
printf '%-36s %10s %10s %-34s %12s\n' server "per second" µs/request "x all, per round" "x reference"
# all / reference, per round: what every other ratio to the reference is
# taken through.
all_to_ref=$(paired_rounds "${RATES[reference]}" "${PAIRED_ALL[reference]}" | sed -E 's/.*median ([0-9.]+) .*/\1/')
for name in "${NAMES[@]}"; do
  # shellcheck disable=SC2086  # The series: numbers, split on spaces.
  rate=$(median ${RATES[$name]}) us=$(median ${US[$name]})
  case $name in
    reference) to_all=$(paired_to_all reference) to_ref=1.00 ;;
    all) to_all=1.00 to_ref=$all_to_ref ;;
    *) to_all=$(paired_to_all "$name")
       to_ref=$(awk -v a="${to_all%% *}" -v r="$all_to_ref" 'BEGIN{printf "%.2f", a * r}') ;;
  esac
  printf '%-36s %10s %10s %-34s %12s\n' "$name" "$rate" "$us" "$to_all" "$to_ref"
done
