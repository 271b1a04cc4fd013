#!/usr/bin/env bash
# A store written before issue 10 (tests/compat/store-v1, made by
# make_store_v1.sh at commit e3c13db) opens, verifies and serves with
# today's code: the hash chain verifies offline (the projections, of an
# older format, are reported and left as they are), then
# mediationd serves each saisine at the version and status it had, and its
# history with the same event types.
#
#   old_store_test.sh MEDIATIOND MEDIATIONCTL REPO
set -euo pipefail
MEDIATIOND=$1 CTL=$2 REPO=$3
FIXTURE="$REPO/tests/compat/store-v1"
WORK=$(mktemp -d)
trap '[ -n "${SERVER_PID:-}" ] && kill -9 "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
source "$REPO/tests/lib/serveur.sh"
ctl() { "$CTL" --server="$ADDR" --credentials="$CREDS" "$@"; }

# The fixture stays as committed: the test works on a copy.
cp -r "$FIXTURE/data" "$WORK/data"
out=$("$CTL" --credentials="$CREDS" verifier "$WORK/data" 2>"$WORK/verifier.err") ||
  fail "the old store does not verify: $out $(cat "$WORK/verifier.err")"
[ "$(jq -r .evenements_verifies <<<"$out")" = 22 ] || fail "verifier: $out"
# Its projections are of an older format: the offline check says so and
# leaves them to mediationd, which rebuilds them as it starts (below).
grep -q "not compared, and left as they are" "$WORK/verifier.err" ||
  fail "verifier: nothing said of the old projections: $(cat "$WORK/verifier.err")"

DATA="$WORK/data" start_server
while read -r line; do
  id=$(jq -r .saisine_id <<<"$line")
  got=$(ctl get "$id" | jq -c '{saisine_id, version, statut}') ||
    fail "saisine $id of the old store not served"
  [ "$got" = "$line" ] || fail "saisine $id: expected $line, got $got"
done <"$FIXTURE/expected.jsonl"
first=$(head -1 "$FIXTURE/expected.jsonl" | jq -r .saisine_id)
types=$(ctl historique "$first" --as=auditeur | jq -c '[.evenements[].type]')
[ "$types" = "$(cat "$FIXTURE/history_a.json")" ] || fail "history: $types"
# Old payloads are read as structures too.
premier=$(ctl historique "$first" --as=auditeur |
  jq -r '.evenements[0].contenu.date_reception')
[ "$premier" = 2025-03-10 ] || fail "old payload: $premier"
[ "$(ctl integrite --as=auditeur | jq -r .intact)" = true ] ||
  fail "the old log's hash chain"
stop_server
echo "PASS: a store written by the previous API opens, verifies and serves"
