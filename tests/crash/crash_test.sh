#!/usr/bin/env bash
# Crash test: the load generator (16 requests in flight: deposits and
# mediator acts at their expected version) writes while mediationd (WAL
# synced, the default) is killed with SIGKILL at random moments, KILLS times,
# and restarted on the same port; the load generator waits for it and goes
# on. It records every acknowledged write (request id, saisine, version).
# Afterwards:
#   - offline, the store verifies: hash chain intact, projections equal to a
#     replay of the log (nothing unacknowledged is half-written);
#   - online, every acknowledged write, sent again under its request id,
#     answers the same saisine at the same version as a replay;
#   - an online backup taken under the load (mediationctl sauvegarder, half
#     way) restores, verifies, serves, and holds every write acknowledged
#     before it began.
#
#   crash_test.sh MEDIATIOND MEDIATIONCTL LOADGEN REPO_DIR [KILLS]
set -euo pipefail

MEDIATIOND=$1 CTL=$2 LOADGEN=$3 REPO=$4 KILLS=${5:-20}
WORK=$(mktemp -d)
LG_PID=""
trap '[ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null
      [ -n "$LG_PID" ] && kill -9 "$LG_PID" 2>/dev/null
      rm -rf "$WORK"' EXIT
source "$REPO/tests/lib/serveur.sh"

start_server
PORT=${ADDR##*:}  # Restarts take the same port: the clients reconnect.

"$LOADGEN" --server="$ADDR" --credentials="$CREDS" --concurrency=16 \
  --duration=3600s --mix=intake:60,acte:40 --caisses=5 --run_id=crash \
  --acquittements="$WORK/acked" --tolerer_erreurs >"$WORK/loadgen.out" 2>&1 &
LG_PID=$!

for round in $(seq 1 "$KILLS"); do
  if [ "$round" = $((KILLS / 2)) ]; then
    # An online backup under the load: every write acknowledged before it
    # began must be in it.
    sleep 0.5
    head -n "$(wc -l <"$WORK/acked")" "$WORK/acked" >"$WORK/acked-avant-sauvegarde"
    backup=$("$CTL" --server="$ADDR" --credentials="$CREDS" --as=operateur \
               sauvegarder sous-charge) || fail "backup under load: $backup"
    BACKUP_DIR=$(jq -r .repertoire <<<"$backup")
  fi
  # A random moment between 0.5 and 2 s of load.
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 0.5 + (r % 150) / 100 }')"
  kill -0 "$LG_PID" 2>/dev/null || fail "the load generator stopped: $(cat "$WORK/loadgen.out")"
  kill -9 "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  start_server
done
sleep 1
kill -TERM "$LG_PID"
wait "$LG_PID" || fail "load generator: $(cat "$WORK/loadgen.out")"
LG_PID=""
stop_server

acked=$(wc -l <"$WORK/acked")
intakes=$(grep -c '^intake ' "$WORK/acked" || true)
acts=$((acked - intakes))
[ "$intakes" -gt 0 ] && [ "$acts" -gt 0 ] ||
  fail "too little was acknowledged to test anything ($intakes deposits, $acts acts)"

# Offline: the log's chain and the projections.
"$CTL" --credentials="$CREDS" verifier "$WORK/data" >/dev/null ||
  fail "the store does not verify after $KILLS kills"

# Online: every acknowledged write answers as acknowledged.
start_server
"$LOADGEN" --server="$ADDR" --credentials="$CREDS" --caisses=5 \
  --verifier="$WORK/acked" >"$WORK/verifier.out" 2>&1 ||
  fail "acknowledged writes lost or changed: $(tail -25 "$WORK/verifier.out")"
stop_server
"$CTL" --credentials="$CREDS" verifier "$WORK/data" >/dev/null || fail "the store does not verify at the end"

# The backup taken under load restores (verified), serves, and has every
# write acknowledged before it began.
restored=$("$CTL" --credentials="$CREDS" restaurer "$BACKUP_DIR" "$WORK/restaure") || fail "restore: $restored"
DATA="$WORK/restaure" start_server
"$LOADGEN" --server="$ADDR" --credentials="$CREDS" --caisses=5 \
  --verifier="$WORK/acked-avant-sauvegarde" >"$WORK/verifier-sauvegarde.out" 2>&1 ||
  fail "backup lacks acknowledged writes: $(tail -25 "$WORK/verifier-sauvegarde.out")"
stop_server
echo "PASS: $KILLS SIGKILLs under load; $intakes acknowledged deposits and $acts"
echo "      acknowledged acts all found at their version; log and projections verify;"
echo "      the backup taken under load restores with its $(wc -l <"$WORK/acked-avant-sauvegarde") earlier writes"
grep -E "^(intake|acte|errors)" "$WORK/loadgen.out" | sed 's/^/      /'
