#!/usr/bin/env bash
# Durable intake of mediationd against the minimal gRPC + RocksDB reference
# (mediation_reference), under the same load generator, interleaved: each
# round measures the reference and mediationd, the reference first in odd
# rounds and mediationd first in even ones, so that both see the same
# machine and neither always runs in the wake of the other's background
# work. Prints each run in the order run, then the medians and their ratio
# (issue 13: target >= 0.7), and the load generator's own CPU (small beside
# the servers'). Both serve plaintext on loopback and sync before answering;
# mediationd checks its tokens as in production.
#
#   tests/bench/compare_intake.sh [BUILD_DIR] [ROUNDS] [DURATION] [CONCURRENCY]
#   (defaults: build 3 10s 64; run on an idle machine: a build beside it
#   halves both figures)
#
# With POSTGRES=1 (Debian's postgresql-15 installed; run as root), each round
# also measures PostgreSQL 15's bare event insert, the issue's other yardstick:
# pgbench with as many clients as requests in flight, one INSERT of one event
# row (primary key, unique stream and version) per transaction, synchronous
# commit and fsync on, in a fresh cluster on the same disk. Its server cores
# are those of the whole cluster (the postmaster, its backends and auxiliary
# processes), its client cores pgbench's. PostgreSQL syncs far more often
# than the two batching servers, so its rate follows the disk's sync time:
# the script first prints the mean time of a synced 4 KiB write there.
#
# With REFERENCE_ENTRIES=mediationd, each round also measures the reference
# writing what mediationd writes for a deposit (mediation_reference
# --entries=mediationd: the same entries, key shapes and value sizes, in
# mediationd's column families and RocksDB options), between the two
# others, and the script prints its median and two ratios: it to the
# reference (what the storage work of a deposit costs a minimal server) and
# mediationd to it (what mediationd costs beyond that storage work). With
# REFERENCE_ENTRIES=mediationd-one-family, the same entries in one family
# with RocksDB's default options. REFERENCE_ENTRIES_FLAGS gives that
# reference more flags (--projections_after_answer, say).
#
# With ISOLATED=kept, each server runs only for its own measures: started
# before each (on its store from the rounds before), stopped after, so that
# no server's flushes and compactions run in another's measure. With
# ISOLATED=fresh, on a fresh store each time as well: the rates of a store's
# first seconds (entry_costs.sh measures so). Without, the three servers run
# throughout, each store growing round after round.
#
# With REFERENCE_ALSO_AT=N, each round also measures the reference at N
# requests in flight, and the script prints its median rate and CPU per
# request apart (the ratio stays the one at CONCURRENCY). At N = 16 the
# reference runs at about mediationd's rate at 64: what a request costs it
# then says how much of the gap in CPU per request comes from the rate
# itself, as fewer requests share each wake-up (RESULTS.md, 2026-12-07,
# second session).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$REPO/build} ROUNDS=${2:-3} DURATION=${3:-10s} CONCURRENCY=${4:-64}
WORK=$(mktemp -d)
REF_PID="" FULL_PID="" MED_PID="" PG_BIN=/usr/lib/postgresql/15/bin
pg_stop() {
  [ -d "$WORK/pg" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1
  return 0
}
trap '[ -n "$REF_PID" ] && kill "$REF_PID" 2>/dev/null
      [ -n "$FULL_PID" ] && kill "$FULL_PID" 2>/dev/null
      [ -n "$MED_PID" ] && kill "$MED_PID" 2>/dev/null; pg_stop; wait 2>/dev/null; rm -rf "$WORK"' EXIT
# shellcheck source=tests/bench/intake_lib.sh
source "$REPO/tests/bench/intake_lib.sh"
setup_intake "$BUILD" "$REPO" "$WORK"

# Starts the server `name` (ref, full: the reference with mediationd's
# entries, med) on its store, and waits for its port.
up() {
  local name=$1
  rm -f "$WORK/$name.port"
  [ "${ISOLATED:-}" = fresh ] && rm -rf "${WORK:?}/$name"
  case $name in
    ref)
      start_reference "$BUILD/tests/bench/mediation_reference" "$WORK/ref" "$WORK/ref.port" "$WORK/ref.log"
      REF_PID=$SERVER_PID ;;
    full)
      # shellcheck disable=SC2086  # REFERENCE_ENTRIES_FLAGS: flags, split on spaces.
      start_reference "$BUILD/tests/bench/mediation_reference" "$WORK/full" "$WORK/full.port" \
        "$WORK/full.log" --entries="$REFERENCE_ENTRIES" ${REFERENCE_ENTRIES_FLAGS:-}
      FULL_PID=$SERVER_PID ;;
    med)
      start_mediationd "$BUILD/cmd/mediationd/mediationd" "$WORK/med" "$WORK/med.port" "$WORK/med.log"
      MED_PID=$SERVER_PID ;;
  esac
  wait_port "$WORK/$name.port"
}
# Stops the server `name` (SIGTERM), and fails if it does not stop cleanly.
down() {
  local -n pid=${1^^}_PID  # REF_PID, FULL_PID or MED_PID.
  stop_server "$pid" "$WORK/$1.log" || exit 1
  pid=""
}
case ${ISOLATED:-} in
  "")
    up ref
    [ -n "${REFERENCE_ENTRIES:-}" ] && up full
    up med ;;
  kept | fresh) ;;
  *) echo "ISOLATED: kept or fresh, not '$ISOLATED'" >&2; exit 2 ;;
esac
# With ISOLATED, the server `name` started before each of its measures and
# stopped after; without, all run throughout.
up_if_isolated() { [ -z "${ISOLATED:-}" ] || up "$1"; }
down_if_isolated() { [ -z "${ISOLATED:-}" ] || down "$1"; }

# One measure: "<per second> <p99 ms> <server cores> <client cores>", at
# CONCURRENCY in flight or `in_flight`; on a failure, the server's log on
# stderr too (`log`), and the script ends.
measure() {
  local port=$1 pid=$2 log=$3 in_flight=${4:-$CONCURRENCY} out
  if ! out=$(measure_intake "$port" "$pid" "$in_flight" "$DURATION"); then
    echo "$log:" >&2
    cat "$log" >&2
    exit 1
  fi
  echo "$out"
}

if [ "${POSTGRES:-0}" = 1 ]; then
  chmod 755 "$WORK"
  mkdir "$WORK/pg" && chown postgres "$WORK/pg"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -A trust >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -w -l "$WORK/pg/server.log" \
    -o "-k $WORK/pg -p 54329 -c listen_addresses='' -c max_connections=$((CONCURRENCY + 20)) -c synchronous_commit=on -c fsync=on" \
    start >/dev/null
  runuser -u postgres -- psql -h "$WORK/pg" -p 54329 -d postgres -q -c \
    "CREATE TABLE events (position bigserial PRIMARY KEY, stream_id text NOT NULL,
       stream_version int NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(),
       payload bytea NOT NULL, UNIQUE (stream_id, stream_version))"
  cat >"$WORK/pg/insert.sql" <<'SQL'
\set id random(1, 9000000000000)
INSERT INTO events (stream_id, stream_version, payload)
  VALUES ('saisine-' || :id, 1, decode(repeat('ab', 300), 'hex'))
  ON CONFLICT DO NOTHING;
SQL
  chown postgres "$WORK/pg/insert.sql"
fi

# CPU ticks (user + system) the PostgreSQL cluster has used: the postmaster,
# the children it has reaped, and those alive.
pg_ticks() {
  local postmaster total child
  postmaster=$(head -1 "$WORK/pg/postmaster.pid")
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")
  for child in $(pgrep -P "$postmaster"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# One PostgreSQL measure: "<per second> <p99 ms> <server cores> <client
# cores>", the cores over pgbench's run.
measure_postgres() {
  local seconds=${DURATION%s}
  rm -f "$WORK"/pg/pgbench_log.*
  local out before after start end
  before=$(pg_ticks)
  start=$(date +%s.%N)
  # pgbench's own CPU: its shell's reaped children, read once it has exited.
  out=$(cd "$WORK/pg" && runuser -u postgres -- bash -c \
    'pgbench "$@" 2>&1; echo "client ticks $(cut -d" " -f16,17 /proc/$$/stat)"' _ \
    -h "$WORK/pg" -p 54329 -n -c "$CONCURRENCY" -j 2 -T "$seconds" -M prepared -l \
    -f insert.sql postgres)
  end=$(date +%s.%N)
  sleep 0.5  # The backends exit with pgbench's connections; let them be reaped.
  after=$(pg_ticks)
  local rate p99 hz
  hz=$(getconf CLK_TCK)
  rate=$(awk '/^tps = /{printf "%d", $3}' <<<"$out")
  p99=$(cat "$WORK"/pg/pgbench_log.* | awk '{print $3}' | sort -n |
    awk '{a[NR]=$1} END{printf "%.2f", a[int(NR*0.99)]/1000}')
  awk -v rate="$rate" -v p99="$p99" -v server=$((after - before)) -v hz="$hz" \
    -v start="$start" -v end="$end" '/^client ticks /{client = $3 + $4}
    END{d = end - start; printf "%s %s %.2f %.2f\n", rate, p99, server / hz / d, client / hz / d}' <<<"$out"
}

# The disk's sync time: 500 synced writes of 4 KiB, beside the stores.
dd if=/dev/zero of="$WORK/sync-probe" bs=4k count=500 oflag=dsync 2>&1 |
  awk '/copied/{for (i = 1; i <= NF; i++) if ($i == "s,") printf "disk: a synced 4 KiB write takes %.3f ms on average\n", $(i-1) * 1000 / 500}'
rm -f "$WORK/sync-probe"
printf '%-6s %-12s %10s %8s %12s %12s\n' round server "per second" "p99 ms" "server cores" "client cores"
# Per server (PG, REF, MED): each round's rate, and its server's and
# client's µs of CPU per request.
PG_RATES=() PG_US=() PG_CLIENT_US=()
REF_RATES=() REF_US=() REF_CLIENT_US=()
REFN_RATES=() REFN_US=() REFN_CLIENT_US=()
FULL_RATES=() FULL_US=() FULL_CLIENT_US=()
MED_RATES=() MED_US=() MED_CLIENT_US=()
# Prints one run's row ("<per second> <p99 ms> <server cores> <client
# cores>" on stdin) under `name`, and keeps its figures under `prefix`.
record() {
  local name=$1 prefix=$2 rate p99 cpu client
  local -n rates=${prefix}_RATES us=${prefix}_US client_us=${prefix}_CLIENT_US
  read -r rate p99 cpu client
  printf '%-6s %-12s %10s %8s %12s %12s\n' "$round" "$name" "$rate" "$p99" "$cpu" "$client"
  rates+=("$rate") us+=("$(per_request "$cpu" "$rate")") client_us+=("$(per_request "$client" "$rate")")
}
# One run of each server, recorded. A failed measure ends the script (set -e
# on the assignment).
run_reference() {
  up_if_isolated ref
  out=$(measure "$(cat "$WORK/ref.port")" "$REF_PID" "$WORK/ref.log")
  record reference REF <<<"$out"
  down_if_isolated ref
}
run_full() {
  [ -n "${REFERENCE_ENTRIES:-}" ] || return 0
  up_if_isolated full
  out=$(measure "$(cat "$WORK/full.port")" "$FULL_PID" "$WORK/full.log")
  record ref-entries FULL <<<"$out"
  down_if_isolated full
}
run_mediationd() {
  up_if_isolated med
  out=$(measure "$(cat "$WORK/med.port")" "$MED_PID" "$WORK/med.log")
  record mediationd MED <<<"$out"
  down_if_isolated med
}
for round in $(seq 1 "$ROUNDS"); do
  if [ "${POSTGRES:-0}" = 1 ]; then
    record postgresql PG < <(measure_postgres)
  fi
  if ((round % 2)); then
    run_reference; run_full; run_mediationd
  else
    run_mediationd; run_full; run_reference
  fi
  if [ -n "${REFERENCE_ALSO_AT:-}" ]; then
    up_if_isolated ref
    out=$(measure "$(cat "$WORK/ref.port")" "$REF_PID" "$WORK/ref.log" "$REFERENCE_ALSO_AT")
    record "reference@$REFERENCE_ALSO_AT" REFN <<<"$out"
    down_if_isolated ref
  fi
done
ref=$(median "${REF_RATES[@]}")
med=$(median "${MED_RATES[@]}")
echo "median: reference $ref/s, mediationd $med/s, ratio $(awk -v m="$med" -v r="$ref" 'BEGIN{printf "%.2f", m/r}') ($CONCURRENCY in flight, $DURATION x $ROUNDS, interleaved${ISOLATED:+, isolated, $ISOLATED stores})"
if [ "${POSTGRES:-0}" = 1 ]; then
  pg=$(median "${PG_RATES[@]}")
  echo "median: postgresql $pg/s, mediationd $med/s, ratio $(awk -v m="$med" -v p="$pg" 'BEGIN{printf "%.2f", m/p}')"
fi
if [ -n "${REFERENCE_ENTRIES:-}" ]; then
  full=$(median "${FULL_RATES[@]}")
  echo "median: reference with mediationd's entries ($REFERENCE_ENTRIES${REFERENCE_ENTRIES_FLAGS:+ $REFERENCE_ENTRIES_FLAGS}) $full/s: $(awk -v f="$full" -v r="$ref" 'BEGIN{printf "%.2f", f/r}') x the reference; mediationd $(awk -v m="$med" -v f="$full" 'BEGIN{printf "%.2f", m/f}') x it"
fi
# Both processes share the machine's cores: a client that costs more per
# request leaves less to its server (pgbench is not the gRPC load generator).
cpu_line="CPU per request (medians, µs): reference $(median "${REF_US[@]}") + client $(median "${REF_CLIENT_US[@]}")"
cpu_line+="; mediationd $(median "${MED_US[@]}") + client $(median "${MED_CLIENT_US[@]}")"
if [ -n "${REFERENCE_ENTRIES:-}" ]; then
  cpu_line+="; reference with mediationd's entries $(median "${FULL_US[@]}") + client $(median "${FULL_CLIENT_US[@]}")"
fi
if [ "${POSTGRES:-0}" = 1 ]; then
  cpu_line+="; postgresql $(median "${PG_US[@]}") + pgbench $(median "${PG_CLIENT_US[@]}")"
fi
echo "$cpu_line"
if [ -n "${REFERENCE_ALSO_AT:-}" ]; then
  echo "reference at $REFERENCE_ALSO_AT in flight: median $(median "${REFN_RATES[@]}")/s, CPU per request (medians, µs) $(median "${REFN_US[@]}") + client $(median "${REFN_CLIENT_US[@]}")"
fi
