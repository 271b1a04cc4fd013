#!/usr/bin/env bash
# The reference's --entries=mediationd (compare_intake.sh with
# REFERENCE_ENTRIES=mediationd) writes, per deposit, what mediationd writes,
# with its projections in the acknowledged write and with
# --projections_after_answer: each server takes deposits for a second, is
# stopped, and store_shape reads its store. Per column family and kind of
# key (counter tables aside, whose number follows how deposits were grouped
# into writes): the same kinds, the same entries per deposit, mean key
# sizes within 3 % and a byte, mean value sizes within 5 % and two bytes.
# When mediationd comes to write another entry for a deposit, or a larger
# one, this fails until the reference writes it too, so that the ratios
# RESULTS.md reads against it keep their meaning. With --omit=version,r,counters
# (entry_costs.sh), the kinds left out are missing and the others the same.
#
#   reference_shape_test.sh BUILD_DIR REPO
set -euo pipefail
BUILD=$1 REPO=$2
WORK=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# shellcheck source=tests/bench/intake_lib.sh
source "$REPO/tests/bench/intake_lib.sh"
setup_intake "$BUILD" "$REPO" "$WORK"
SHAPE=$BUILD/tests/bench/store_shape

# What the server started by `start` (start_mediationd or start_reference,
# and the flags that follow) holds after a second of deposits, per deposit,
# in `name`.per: "<family> <kind> <entries per deposit> <key bytes> <value
# bytes>", "-" for the counter tables' figures.
shape_after_deposits() {
  local name=$1 start=$2
  "$start" "$3" "$WORK/$name" "$WORK/$name.port" "$WORK/$name.log" "${@:4}"
  PID=$SERVER_PID
  wait_port "$WORK/$name.port"
  run_loadgen "$(cat "$WORK/$name.port")" "$PID" 8 1s | grep '^intake '
  stop_server "$PID" "$WORK/$name.log" || fail "$name did not stop cleanly"
  PID=""
  "$SHAPE" "$WORK/$name" | grep -v '^default ' >"$WORK/$name.shape"
  echo "$name:" && cat "$WORK/$name.shape"
  [ "$(awk '$1 == "events" {print $3}' "$WORK/$name.shape")" -ge 100 ] ||
    fail "$name took fewer than 100 deposits"
  awk '$1 == "events" {deposits = $3} {line[NR] = $0}
       END{for (i = 1; i <= NR; i++) {split(line[i], f, " ");
             if (f[2] == "s/<table>") print f[1], f[2], "-", "-", "-";
             else printf "%s %s %.3f %s %s\n", f[1], f[2], f[3] / deposits, f[4], f[5]}}' \
    "$WORK/$name.shape" >"$WORK/$name.per"
}

# Fails unless `name`.per matches mediationd's, or the file `expected`
# (read twice: not a pipe) when given.
same_as_mediationd() {
  local name=$1 expected=${2:-$WORK/mediationd.per}
  diff <(awk '{print $1, $2}' "$expected") <(awk '{print $1, $2}' "$WORK/$name.per") ||
    fail "the kinds of entries differ (<: mediationd, >: $name)"
  paste -d' ' "$expected" "$WORK/$name.per" | awk -v name="$name" '
    function near(a, b, tolerance) { return a - b <= tolerance && b - a <= tolerance }
    $3 == "-" {next}
    !near($3, $8, 0.01) {print $1, $2 ": " $3 " entries per deposit, " name " " $8; bad = 1}
    !near($4, $9, 0.03 * $4 + 1) {print $1, $2 ": keys of " $4 " bytes, " name " " $9; bad = 1}
    !near($5, $10, 0.05 * $5 + 2) {print $1, $2 ": values of " $5 " bytes, " name " " $10; bad = 1}
    END{exit bad}' || fail "$name does not write what mediationd writes"
}

REFERENCE=$BUILD/tests/bench/mediation_reference
shape_after_deposits mediationd start_mediationd "$BUILD/cmd/mediationd/mediationd"
shape_after_deposits reference start_reference "$REFERENCE" --entries=mediationd
same_as_mediationd reference
shape_after_deposits reference-after start_reference "$REFERENCE" --entries=mediationd \
  --projections_after_answer
same_as_mediationd reference-after
shape_after_deposits reference-omit start_reference "$REFERENCE" --entries=mediationd \
  --omit=version,r,counters
grep -v -e '^streams v ' -e '^projections r/ ' -e '^projections s/<table> ' \
  "$WORK/mediationd.per" >"$WORK/mediationd-omit.per"
same_as_mediationd reference-omit "$WORK/mediationd-omit.per"
echo "PASS"
