#!/usr/bin/env bash
# The reference's --entries=mediationd (compare_intake.sh with
# REFERENCE_ENTRIES=mediationd) writes, per deposit, what mediationd writes:
# each server takes deposits for a second, is stopped, and store_shape reads
# both stores. Per column family and kind of key (counter tables aside,
# whose number follows how deposits were grouped into writes): the same
# kinds, the same entries per deposit, mean key sizes within 3 % and a
# byte, mean value sizes within 5 % and two bytes. When mediationd comes to write another entry for a deposit, or a
# larger one, this fails until the reference writes it too, so that the
# ratio RESULTS.md reads against it keeps its meaning.
#
#   reference_shape_test.sh BUILD_DIR REPO
set -euo pipefail
BUILD=$1 REPO=$2
WORK=$(mktemp -d)
MED_PID="" REF_PID=""
trap '[ -n "$MED_PID" ] && kill "$MED_PID" 2>/dev/null
      [ -n "$REF_PID" ] && kill "$REF_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# shellcheck source=tests/bench/intake_lib.sh
source "$REPO/tests/bench/intake_lib.sh"
setup_intake "$BUILD" "$REPO" "$WORK"

start_mediationd "$BUILD/cmd/mediationd/mediationd" "$WORK/med" "$WORK/med.port" "$WORK/med.log"
MED_PID=$SERVER_PID
start_reference "$BUILD/tests/bench/mediation_reference" "$WORK/ref" "$WORK/ref.port" \
  "$WORK/ref.log" --entries=mediationd
REF_PID=$SERVER_PID
wait_port "$WORK/med.port"
wait_port "$WORK/ref.port"
run_loadgen "$(cat "$WORK/med.port")" "$MED_PID" 8 1s | grep '^intake '
run_loadgen "$(cat "$WORK/ref.port")" "$REF_PID" 8 1s | grep '^intake '
for pid in "$MED_PID" "$REF_PID"; do
  kill -TERM "$pid"
  wait "$pid" || fail "a server did not stop cleanly (pid $pid)"
done
MED_PID="" REF_PID=""

SHAPE=$BUILD/tests/bench/store_shape
"$SHAPE" "$WORK/med" | grep -v '^default ' >"$WORK/med.shape"
"$SHAPE" "$WORK/ref" | grep -v '^default ' >"$WORK/ref.shape"
echo "mediationd:" && cat "$WORK/med.shape"
echo "reference --entries=mediationd:" && cat "$WORK/ref.shape"

# Per deposit: the entries of each kind over the events'.
per_deposit() {
  awk '$1 == "events" {deposits = $3} {line[NR] = $0}
       END{for (i = 1; i <= NR; i++) {split(line[i], f, " ");
             if (f[2] == "s/<table>") print f[1], f[2], "-", "-", "-";
             else printf "%s %s %.3f %s %s\n", f[1], f[2], f[3] / deposits, f[4], f[5]}}' "$1"
}
per_deposit "$WORK/med.shape" >"$WORK/med.per"
per_deposit "$WORK/ref.shape" >"$WORK/ref.per"
[ "$(awk '$1 == "events" {print $3}' "$WORK/med.shape")" -ge 100 ] ||
  fail "mediationd took fewer than 100 deposits"
diff <(awk '{print $1, $2}' "$WORK/med.per") <(awk '{print $1, $2}' "$WORK/ref.per") ||
  fail "the kinds of entries differ (<: mediationd, >: the reference)"
paste -d' ' "$WORK/med.per" "$WORK/ref.per" | awk '
  function near(a, b, tolerance) { return a - b <= tolerance && b - a <= tolerance }
  $3 == "-" {next}
  !near($3, $8, 0.01) {print $1, $2 ": " $3 " entries per deposit, the reference " $8; bad = 1}
  !near($4, $9, 0.03 * $4 + 1) {print $1, $2 ": keys of " $4 " bytes, the reference " $9; bad = 1}
  !near($5, $10, 0.05 * $5 + 2) {print $1, $2 ": values of " $5 " bytes, the reference " $10; bad = 1}
  END{exit bad}' || fail "the reference does not write what mediationd writes"
echo "PASS"
