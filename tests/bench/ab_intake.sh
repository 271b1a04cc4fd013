#!/usr/bin/env bash
# Durable intake of two mediationd binaries (a change against the code before
# it), under the same load generator, interleaved: each round starts A on a
# fresh store and measures it, then B. Prints each run (deposits per second,
# p99, server CPU per deposit), then per binary the median and the spread,
# and B's median over A's.
#
# On a shared 2-core machine one binary varies by a quarter from one run to
# the next: a change is a gain only when B's spread clears A's over several
# rounds, not when one median beats the other. The server's CPU per deposit
# varies less than its rate: intake is bound by CPU there (RESULTS.md,
# 2026-12-05 evening).
#
#   tests/bench/ab_intake.sh BUILD_DIR MEDIATIOND_A MEDIATIOND_B \
#       [ROUNDS] [DURATION] [CONCURRENCY]
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
LOADGEN=$BUILD/tests/bench/mediation_loadgen
CREDS=$WORK/creds
bash "$REPO/deploy/make-dev-credentials.sh" "$CREDS" "$BUILD/cmd/mediationctl/mediationctl" >/dev/null

# One measure of `binary` on a fresh store: "<per second> <p99 ms> <µs/deposit>".
measure() {
  local binary=$1 data=$WORK/data port_file=$WORK/port out
  rm -rf "$data" "$port_file"
  "$binary" --listen=127.0.0.1:0 --insecure_loopback --port_file="$port_file" \
    --data_dir="$data" --jwks="$CREDS/jwks.json" --jwt_issuer=mediation-dev \
    --cle_index_nir="$CREDS/index-nir.key" --log_level=warning >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do [ -s "$port_file" ] && break; sleep 0.1; done
  [ -s "$port_file" ] || { echo "$binary did not start:" >&2; cat "$WORK/server.log" >&2; exit 1; }
  out=$("$LOADGEN" --server="127.0.0.1:$(cat "$port_file")" --insecure --credentials="$CREDS" \
    --concurrency="$CONCURRENCY" --duration="$DURATION" --server_pid="$SERVER_PID")
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  awk '/^intake /{rate=$4; p99=$6} /^server:/{for(i=1;i<=NF;i++) if($i=="CPU") cpu=$(i+1)}
       END{printf "%s %s %.0f\n", rate, p99, (rate > 0 ? cpu * 1e6 / rate : 0)}' <<<"$out"
}

printf '%-6s %-2s %10s %8s %12s\n' round "" "per second" "p99 ms" "µs/deposit"
A_RATES=() B_RATES=() A_CPU=() B_CPU=()
for round in $(seq 1 "$ROUNDS"); do
  read -r rate p99 cpu < <(measure "$A")
  printf '%-6s %-2s %10s %8s %12s\n' "$round" A "$rate" "$p99" "$cpu"
  A_RATES+=("$rate") A_CPU+=("$cpu")
  read -r rate p99 cpu < <(measure "$B")
  printf '%-6s %-2s %10s %8s %12s\n' "$round" B "$rate" "$p99" "$cpu"
  B_RATES+=("$rate") B_CPU+=("$cpu")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
spread() { printf '%s\n' "$@" | sort -n | awk 'NR==1{lo=$1} {hi=$1} END{print lo "-" hi}'; }
a=$(median "${A_RATES[@]}") b=$(median "${B_RATES[@]}")
echo "A $A: median $a/s ($(spread "${A_RATES[@]}")), $(median "${A_CPU[@]}") µs/deposit ($(spread "${A_CPU[@]}"))"
echo "B $B: median $b/s ($(spread "${B_RATES[@]}")), $(median "${B_CPU[@]}") µs/deposit ($(spread "${B_CPU[@]}"))"
echo "B/A: $(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", (a > 0 ? b / a : 0)}') ($CONCURRENCY in flight, $DURATION x $ROUNDS, interleaved)"
