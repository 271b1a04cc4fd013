#!/usr/bin/env bash
# A/B of a rebuild of the projections: each round runs store_bench A, then
# B, on a fresh store of SIZE saisines (BM_RebuildProjections/SIZE: 666667
# makes a 1M-event log; the fill takes ~25 s), three passes each. Prints
# each pass (events per second, µs of process CPU per event, peak RSS),
# then per binary the median and the spread of the passes, and B's median
# over A's.
#
# On a shared 2-core machine a pass varies by a third from one run to the
# next, and the machine's speed drifts over minutes: a change is a gain
# only when B leads over several rounds, not when one median beats the
# other (RESULTS.md, 2026-12-05 night).
#
#   [PASSES=N] tests/bench/ab_rebuild.sh STORE_BENCH_A STORE_BENCH_B [ROUNDS] [SIZE]
#   (defaults: 3 passes a run, 3 rounds, 666667). Each round also gives
#   B's median over A's within the round, and the last line the median of
#   those ratios: paired within a round, they follow the machine's drift
#   less than the medians over all passes do (PASSES=1 and more rounds
#   pair A and B closest in time). Keep a copy of the binary before a
#   change (cp build/tests/bench/store_bench /tmp/store_bench-a): the build
#   directory holds only the latest.
set -euo pipefail

A=$1 B=$2 ROUNDS=${3:-3} SIZE=${4:-666667} PASSES=${PASSES:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The passes of one run: "<events/s> <µs CPU/event> <peak RSS MB>" each.
passes() {
  local binary=$1 out
  # store_bench makes its stores under the temporary directory.
  if ! out=$(TMPDIR=$WORK "$binary" \
    --benchmark_filter="^BM_RebuildProjections/$SIZE/" \
    --benchmark_repetitions="$PASSES" --benchmark_report_aggregates_only=false 2>&1); then
    echo "$binary failed:" >&2
    echo "$out" >&2
    exit 1
  fi
  rm -rf "${WORK:?}"/*
  awk '/^BM_RebuildProjections\// && !/_(mean|median|stddev|cv) / {
         rate = cpu = rss = ""
         for (i = 1; i <= NF; ++i) {
           if ($i ~ /^items_per_second=/) { rate = substr($i, 18) }
           if ($i ~ /^process_cpu_us_per_event=/) { cpu = substr($i, 26) }
           if ($i ~ /^peak_rss_mb=/) { rss = substr($i, 13) }
         }
         if (rate ~ /k\/s$/) rate = substr(rate, 1, length(rate) - 3) * 1000
         else if (rate ~ /M\/s$/) rate = substr(rate, 1, length(rate) - 3) * 1e6
         else sub(/\/s$/, "", rate)
         printf "%.0f %.2f %.0f\n", rate, cpu, rss
       }' <<<"$out"
}

# shellcheck source=tests/bench/intake_lib.sh
source "$(dirname "$0")/intake_lib.sh"  # median, spread

printf '%-6s %-2s %12s %14s %12s\n' round "" "events/s" "µs CPU/event" "peak RSS MB"
A_RATES=() B_RATES=() ROUND_RATIOS=()
for round in $(seq 1 "$ROUNDS"); do
  round_a=() round_b=()
  for run in A B; do
    binary=$A
    [ "$run" = B ] && binary=$B
    while read -r rate cpu rss; do
      printf '%-6s %-2s %12s %14s %12s\n' "$round" "$run" "$rate" "$cpu" "$rss"
      if [ "$run" = A ]; then
        A_RATES+=("$rate") round_a+=("$rate")
      else
        B_RATES+=("$rate") round_b+=("$rate")
      fi
    done < <(passes "$binary")
  done
  ratio=$(awk -v a="$(median "${round_a[@]}")" -v b="$(median "${round_b[@]}")" \
    'BEGIN{printf "%.3f", (a > 0 ? b / a : 0)}')
  ROUND_RATIOS+=("$ratio")
  echo "round $round: B/A $ratio"
done
[ "${#A_RATES[@]}" -gt 0 ] && [ "${#B_RATES[@]}" -gt 0 ] ||
  { echo "no pass measured" >&2; exit 1; }
for run in A B; do
  if [ "$run" = A ]; then rates=("${A_RATES[@]}"); else rates=("${B_RATES[@]}"); fi
  echo "$run: median $(median "${rates[@]}") events/s ($(spread "${rates[@]}")) over ${#rates[@]} passes"
done
a=$(median "${A_RATES[@]}") b=$(median "${B_RATES[@]}")
awk -v a="$a" -v b="$b" 'BEGIN{printf "B/A: %.2f\n", (a > 0 ? b / a : 0)}'
echo "B/A within rounds: median $(median "${ROUND_RATIOS[@]}") ($(spread "${ROUND_RATIOS[@]}")) over $ROUNDS rounds"
