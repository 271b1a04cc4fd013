#!/usr/bin/env bash
# Disk full: mediationd keeps its data on a small tmpfs, nearly filled by a
# ballast file (24 MiB left above the reserve), and keeps 64 MiB free
# (--reserve_disque_mo). The load
# generator deposits until the space runs out:
#   - every refused deposit is UNAVAILABLE, and nothing else fails;
#   - reads go on while writes are refused;
#   - once the ballast is removed (space returns), deposits succeed again
#     without a restart;
#   - every acknowledged deposit is found at its version, and the store
#     verifies (hash chain, projections equal to a replay).
# Needs root (mount); fails, not skips, without it.
#
#   disk_full_test.sh MEDIATIOND MEDIATIONCTL LOADGEN REPO_DIR
set -euo pipefail

MEDIATIOND=$1 CTL=$2 LOADGEN=$3 REPO=$4
WORK=$(mktemp -d)
MNT="$WORK/disque"
trap '[ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null
      umount "$MNT" 2>/dev/null; rm -rf "$WORK"' EXIT
source "$REPO/tests/lib/serveur.sh"

mkdir -p "$MNT"
mount -t tmpfs -o size=256m tmpfs "$MNT" ||
  fail "cannot mount a tmpfs for the data (the test runs as root)"
DATA="$MNT/data"
SERVER_FLAGS="--reserve_disque_mo=64"
start_server

# Leave 24 MiB above the reserve.
avail=$(df -B1 --output=avail "$MNT" | tail -1)
fallocate -l $((avail - (64 + 24) * 1024 * 1024)) "$MNT/lest"

lg() { "$LOADGEN" --server="$ADDR" --credentials="$CREDS" --caisses=5 "$@"; }

# 1. Fill the disk: deposit by slices of 5 s (up to 2 min on a slow
#    machine) until deposits are refused.
: >"$WORK/plein.out"
for slice in $(seq 1 24); do
  lg --concurrency=16 --duration=5s --acquittements="$WORK/acked" \
    --tolerer_erreurs --run_id="plein$slice" >"$WORK/tranche.out" 2>&1 ||
    fail "load generator: $(cat "$WORK/tranche.out")"
  cat "$WORK/tranche.out" >>"$WORK/plein.out"
  grep -q '^errors: intake code 14 ' "$WORK/tranche.out" && break
done
cat "$WORK/plein.out"
grep -q '^errors: intake code 14 ' "$WORK/plein.out" ||
  fail "the disk never filled: no UNAVAILABLE"
if grep '^errors: ' "$WORK/plein.out" | grep -vq ' code 14 '; then
  fail "refusals other than UNAVAILABLE"
fi
grep -q 'disk almost full' "$WORK/plein.out" ||
  fail "the refusal does not say the disk is full"
[ -s "$WORK/acked" ] || fail "nothing was acknowledged before the disk filled"

# 2. Reads go on (the auditor's check of a saisine's chain).
saisine=$(head -1 "$WORK/acked" | cut -d' ' -f3)
"$CTL" --server="$ADDR" --credentials="$CREDS" --as=operateur integrite \
  "$saisine" >/dev/null || fail "reads fail while the disk is full"

# 3. Space returns: deposits succeed again, with no restart.
rm -f "$MNT/lest"
ok=""
for _ in $(seq 1 30); do
  if lg --concurrency=4 --duration=1s --acquittements="$WORK/acked" \
       --run_id=retour >"$WORK/retour.out" 2>&1; then
    ok=1
    break
  fi
  sleep 1
done
[ -n "$ok" ] || fail "deposits still refused once space returned: $(cat "$WORK/retour.out")"
cat "$WORK/retour.out"

# 4. Nothing acknowledged is lost; the store verifies.
lg --verifier="$WORK/acked" >"$WORK/verifier.out" 2>&1 ||
  fail "acknowledged deposits lost: $(tail -25 "$WORK/verifier.out")"
stop_server
"$CTL" --credentials="$CREDS" verifier "$DATA" >/dev/null || fail "the store does not verify"
echo "PASS: UNAVAILABLE when the disk is full, reads served, writes back when"
echo "      space returns, $(wc -l <"$WORK/acked") acknowledged deposits found, store verified"
