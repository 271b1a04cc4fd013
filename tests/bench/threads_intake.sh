#!/usr/bin/env bash
# Where each server's CPU goes, thread by thread: the reference
# (mediation_reference) then mediationd, under the same load generator,
# interleaved, each round on fresh stores.
#
# Each run's line gives its rate and p99, the server's CPU per request as
# the load generator reads it, the CPU per request of RocksDB's background
# threads (flushes and compactions), the store's size after the run, and
# the mean time a request spent in the server beside the mean latency the
# load generator sees (requests in flight over rate): the rest is spent in
# the client and between the two. The time in the server is mediationd's
# handling-time histogram (from the call's start in gRPC to its status) and
# the reference's counters (from its handler's call to its answer).
# For mediationd it adds what its metrics endpoint says of its writes:
# writes per second, deposits per write, the mean time of a write
# (memtables, WAL and sync).
#
# Then, per server, for every thread name (threads of one name summed), the
# medians over the rounds of its CPU per request and its context switches
# per request (voluntary: it slept; involuntary: it was preempted), read
# from /proc/<pid>/task/*/{stat,status} before and after the load
# generator's run. "threads gone" is the CPU of threads that ended during
# the run (the process's total less its live threads'), "all threads" the
# process's total.
#
# The per-thread tables of RESULTS.md from 2026-12-07 (third session) on
# come from this script; earlier ones, from scratch scripts doing the same
# measure. They say what a deposit costs on each of mediationd's threads
# beside the reference's, and how that cost grows as fewer requests share
# each wake-up, or as the store grows.
#
#   [REFERENCE_IN_FLIGHT=N] [SAME_STORE=1] tests/bench/threads_intake.sh \
#       [BUILD_DIR] [ROUNDS] [DURATION] [CONCURRENCY]
#   (defaults: build 2 8s 64). REFERENCE_IN_FLIGHT runs the reference at N
#   requests in flight instead (at 16 it runs at about mediationd's rate at
#   64). SAME_STORE=1 keeps each server and its store from one round to the
#   next, as compare_intake.sh does: the rounds then show what the store's
#   growth costs. The CPU is counted in the kernel's ticks (getconf
#   CLK_TCK, 10 ms here): a thread with a few ticks in a run is only roughly
#   measured.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$REPO/build} ROUNDS=${2:-2} DURATION=${3:-8s} CONCURRENCY=${4:-64}
REFERENCE_IN_FLIGHT=${REFERENCE_IN_FLIGHT:-$CONCURRENCY}
WORK=$(mktemp -d)
REF_PID="" MED_PID=""
trap '[ -n "$REF_PID" ] && kill "$REF_PID" 2>/dev/null
      [ -n "$MED_PID" ] && kill "$MED_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
# shellcheck source=tests/bench/intake_lib.sh
source "$REPO/tests/bench/intake_lib.sh"
setup_intake "$BUILD" "$REPO" "$WORK"
HZ=$(getconf CLK_TCK)

# One line per live thread of `pid`: "<tid> <name> <CPU ticks> <voluntary>
# <involuntary>" (spaces in a name become "_"), then "total <ticks>": the
# process's CPU, exited threads included.
thread_sample() {
  local pid=$1 task stat fields name
  for task in /proc/"$pid"/task/*; do
    # A thread may end between the listing and the reading.
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    name=$(tr ' ' '_' <"$task/comm" 2>/dev/null) || continue
    # The fields after the ")" that closes the name: the 3rd field first,
    # so utime (14th) and stime (15th) are the 12th and 13th here.
    read -ra fields <<<"${stat##*) }"
    awk -v tid="${task##*/}" -v name="$name" -v ticks=$((fields[11] + fields[12])) \
      '/^voluntary_ctxt_switches/{v = $2} /^nonvoluntary_ctxt_switches/{n = $2}
       END{print tid, name, ticks, v, n}' "$task/status" 2>/dev/null || true
  done
  stat=$(cat "/proc/$pid/stat")
  read -ra fields <<<"${stat##*) }"
  echo "total $((fields[11] + fields[12]))"
}

# The sums of mediationd's metrics: "<deposits answered> <seconds in the
# server> <writes> <deposits written> <seconds writing>".
server_metrics() {
  curl -sf "http://127.0.0.1:$1/metrics" | awk '
    /^grpc_server_handling_seconds_count\{.*grpc_method="DeposerSaisine"/{n = $2}
    /^grpc_server_handling_seconds_sum\{.*grpc_method="DeposerSaisine"/{t = $2}
    /^mediation_write_group_appends_count /{w = $2}
    /^mediation_write_group_appends_sum /{d = $2}
    /^mediation_write_group_seconds_sum /{s = $2}
    END{print n + 0, t + 0, w + 0, d + 0, s + 0}'
}

# The reference's counters (SIGUSR1, reference_server.cc): "<requests
# answered> <seconds in the server>".
reference_counters() {
  local lines
  lines=$(grep -c '^answered ' "$WORK/ref.log" || true)
  kill -USR1 "$1"
  for _ in $(seq 1 100); do
    [ "$(grep -c '^answered ' "$WORK/ref.log" || true)" -gt "$lines" ] && break
    sleep 0.05
  done
  grep '^answered ' "$WORK/ref.log" | tail -1 | awk '{print $2, $4}'
}

# Runs the load generator against `server` (pid `pid`, port in
# `port_file`, store in `store`) at `in_flight`, and appends to $WORK/rows
# one line per thread name: "<server> <round> <name> <threads>
# <µs/request> <voluntary/request> <involuntary/request>". Prints the run's
# line; for mediationd (metrics port `metrics`), with its metrics.
measure_threads() {
  local server=$1 pid=$2 port_file=$3 log=$4 store=$5 in_flight=$6 metrics=${7:-} out
  local before_metrics after_metrics
  if [ -n "$metrics" ]; then
    before_metrics=$(server_metrics "$metrics")
  else
    before_metrics=$(reference_counters "$pid")
  fi
  thread_sample "$pid" >"$WORK/before"
  out=$(run_loadgen "$(cat "$port_file")" "$pid" "$in_flight" "$DURATION") ||
    { cat "$log" >&2; exit 1; }
  thread_sample "$pid" >"$WORK/after"
  if [ -n "$metrics" ]; then
    after_metrics=$(server_metrics "$metrics")
  else
    after_metrics=$(reference_counters "$pid")
  fi
  local answers rate p99 cores
  read -r rate p99 cores _ < <(intake_figures <<<"$out")
  answers=$(awk '/^intake /{print $2}' <<<"$out")
  awk -v server="$server" -v round="$round" -v hz="$HZ" -v answers="$answers" '
    FNR == NR {if ($1 == "total") total0 = $2; else {t[$1] = $3; v[$1] = $4; n[$1] = $5}; next}
    $1 == "total" {total1 = $2; next}
    {name = $2; threads[name]++
     ticks[name] += $3 - t[$1]; vol[name] += $4 - v[$1]; invol[name] += $5 - n[$1]
     live += $3 - t[$1]}
    END{
      if (answers <= 0) exit
      for (name in threads)
        printf "%s %s %s %d %.1f %.2f %.2f\n", server, round, name, threads[name],
          ticks[name] * 1e6 / hz / answers, vol[name] / answers, invol[name] / answers
      gone = total1 - total0 - live
      printf "%s %s threads_gone 0 %.1f 0 0\n", server, round, (gone > 0 ? gone : 0) * 1e6 / hz / answers
      printf "%s %s ALL 0 %.1f 0 0\n", server, round, (total1 - total0) * 1e6 / hz / answers
    }' "$WORK/before" "$WORK/after" >>"$WORK/rows"
  # The load generator's own reading of the server's CPU is a check on the
  # threads' sum (scripts_smoke_test.sh).
  printf '%-6s %-11s %3s in flight: %s/s, p99 %s ms, %s answers, %s µs a request' \
    "$round" "$server" "$in_flight" "$rate" "$p99" "$answers" "$(per_request "$cores" "$rate")"
  awk -v s="$server" -v r="$round" '$1 == s && $2 == r && $3 ~ /^rocksdb:/ {us += $5}
    END{printf ", RocksDB'"'"'s background threads %.1f µs a request", us}' "$WORK/rows"
  # Files' sizes, not their blocks: RocksDB preallocates its WAL files. A
  # file a compaction deletes meanwhile is left out.
  printf ', store %s MB' "$({ du -sm --apparent-size "$store" 2>/dev/null || true; } | cut -f1)"
  # Both servers' counters begin with the requests answered and their time
  # in the server; mediationd's go on with its writes.
  awk -v before="$before_metrics" -v after="$after_metrics" -v in_flight="$in_flight" \
    -v rate="$rate" -v answers="$answers" 'BEGIN{
      k = split(before, b, " "); split(after, a, " ")
      n = a[1] - b[1]; t = a[2] - b[2]
      if (k == 5) {
        w = a[3] - b[3]; d = a[4] - b[4]; s = a[5] - b[5]
        if (w > 0 && rate > 0)
          printf "; %d writes/s, %.1f deposits a write, %.2f ms a write", w * rate / answers, d / w, s * 1000 / w
      }
      if (n > 0 && rate > 0)
        printf "; mean latency %.2f ms, of which %.2f ms in the server", in_flight * 1000 / rate, t * 1000 / n
    }'
  echo
}

start_ref() {
  rm -rf "$WORK/ref" "$WORK/ref.port"
  start_reference "$BUILD/tests/bench/mediation_reference" "$WORK/ref" "$WORK/ref.port" \
    "$WORK/ref.log"
  REF_PID=$SERVER_PID
  wait_port "$WORK/ref.port" || { cat "$WORK/ref.log" >&2; exit 1; }
}

start_med() {
  rm -rf "$WORK/med" "$WORK/med.port" "$WORK/metrics.port"
  start_mediationd "$BUILD/cmd/mediationd/mediationd" "$WORK/med" "$WORK/med.port" \
    "$WORK/med.log" --metrics_listen=127.0.0.1:0 --metrics_port_file="$WORK/metrics.port"
  MED_PID=$SERVER_PID
  wait_port "$WORK/med.port" && wait_port "$WORK/metrics.port" ||
    { cat "$WORK/med.log" >&2; exit 1; }
}

stop() {
  local -n pid=$1
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

: >"$WORK/rows"
if [ "${SAME_STORE:-0}" = 1 ]; then
  start_ref
  start_med
fi
for round in $(seq 1 "$ROUNDS"); do
  [ "${SAME_STORE:-0}" = 1 ] || start_ref
  measure_threads reference "$REF_PID" "$WORK/ref.port" "$WORK/ref.log" "$WORK/ref" \
    "$REFERENCE_IN_FLIGHT"
  [ "${SAME_STORE:-0}" = 1 ] || stop REF_PID
  [ "${SAME_STORE:-0}" = 1 ] || start_med
  measure_threads mediationd "$MED_PID" "$WORK/med.port" "$WORK/med.log" "$WORK/med" \
    "$CONCURRENCY" "$(cat "$WORK/metrics.port")"
  [ "${SAME_STORE:-0}" = 1 ] || stop MED_PID
done
[ -z "$REF_PID" ] || stop REF_PID
[ -z "$MED_PID" ] || stop MED_PID

# Per server, each thread name's medians over the rounds, costliest first.
for server in reference mediationd; do
  in_flight=$CONCURRENCY
  [ "$server" = reference ] && in_flight=$REFERENCE_IN_FLIGHT
  echo "$server, $in_flight in flight, per request (medians over $ROUNDS round(s); threads idle throughout not shown):"
  printf '  %-18s %7s %11s %18s %20s\n' thread threads "CPU µs" "voluntary switches" "involuntary switches"
  for name in $(awk -v s="$server" '$1 == s {print $3}' "$WORK/rows" | sort -u); do
    values() { awk -v s="$server" -v n="$name" -v c="$1" '$1 == s && $3 == n {print $c}' "$WORK/rows"; }
    # shellcheck disable=SC2046 # one value per round
    printf '%s %s %s %s %s\n' "$name" "$(median $(values 4))" "$(median $(values 5))" \
      "$(median $(values 6))" "$(median $(values 7))"
  done | sort -k3,3 -g -r | awk '{
      name = ($1 == "ALL" ? "all threads" : ($1 == "threads_gone" ? "threads gone" : $1))
      threads = ($2 > 0 ? $2 : "")
      if ($1 == "ALL") {all = sprintf("  %-18s %7s %11.1f\n", name, threads, $3); next}
      if ($1 == "threads_gone") {gone = sprintf("  %-18s %7s %11.1f\n", name, threads, $3); next}
      if ($3 > 0 || $4 > 0 || $5 > 0) printf "  %-18s %7s %11.1f %18.2f %20.2f\n", name, threads, $3, $4, $5}
    END{printf "%s%s", gone, all}'
done
