#!/usr/bin/env bash
# End-to-end: the real mediationd over TLS with development credentials,
# called by mediationctl (tokens, mutual TLS) and by a generic
# reflection-based client, stopped and restarted on the same data.
#
#   e2e_test.sh MEDIATIOND MEDIATIONCTL GRPC_REFLECT_CALL E2E_DIR TAMPER_EVENT
set -euo pipefail

MEDIATIOND=$1 CTL=$2 REFLECT=$3 HERE=$4 TAMPER=$5
REPO="$HERE/../.."
WORK=$(mktemp -d)
IDP_PID=""
trap '[ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null
      [ -n "$IDP_PID" ] && kill "$IDP_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
source "$REPO/tests/lib/serveur.sh"

ctl() { "$CTL" --server="$ADDR" --credentials="$CREDS" "$@"; }
reflect() { "$REFLECT" --ca="$CREDS/ca.pem" --token="$CREDS/jetons/mediateur.jeton" "$ADDR" "$@"; }
json_field() { jq -r ".$1" <<<"$2"; }

start_server
ctl health >/dev/null || fail "health is not SERVING"
# Files at rest are the service user's only (umask 077 at start).
[ "$(stat -c %a "$WORK/data")" = 700 ] || fail "data dir mode $(stat -c %a "$WORK/data")"
[ "$(stat -c %a "$WORK/data/PAGE_TOKEN_KEY")" = 600 ] || fail "key file mode"
[ "$(stat -c %a "$CREDS/jeton-signature.key")" = 600 ] || fail "signing key mode"

# 1. A generic client that knows nothing of our protos, through reflection.
services=$(reflect list)
grep -qx mediation.v1.AccueilService <<<"$services" || fail "reflection: $services"
request=$(jq -c '. + {request_id: "e2e-generic-1"}' "$HERE/saisine.json")
out=$(reflect call mediation.v1.AccueilService/DeposerSaisine "$request")
GENERIC_ID=$(json_field saisine_id "$out")
[ -n "$GENERIC_ID" ] && [ "$GENERIC_ID" != null ] || fail "generic deposit: $out"

# 2. mediationctl, and a retry under the same request id.
out=$(ctl deposer "$HERE/saisine.json" --request_id=e2e-ctl-1)
CTL_ID=$(json_field saisine_id "$out")
out=$(ctl deposer "$HERE/saisine.json" --request_id=e2e-ctl-1)
[ "$(json_field saisine_id "$out")" = "$CTL_ID" ] || fail "retry gave another saisine"
[ "$(json_field rejoue "$out")" = true ] || fail "retry not flagged as replayed: $out"

# 3. A NIR with a wrong key: INVALID_ARGUMENT naming the field, nothing written.
bad=$(jq '.requerant.nir = "269054958815781"' "$HERE/saisine.json")
echo "$bad" >"$WORK/bad.json"
if ctl deposer "$WORK/bad.json" --request_id=e2e-bad-1 2>"$WORK/bad.err"; then
  fail "a wrong NIR key was accepted"
fi
grep -q "INVALID_ARGUMENT: requerant.nir" "$WORK/bad.err" || fail "$(cat "$WORK/bad.err")"
count=$(ctl list | jq '.saisines | length')
[ "$count" = 2 ] || fail "expected 2 saisines before restart, found $count"

# 4. Security: no credentials, another caisse, mutual TLS, masking, journal.
if ctl get "$CTL_ID" --token_file=/dev/null 2>"$WORK/anon.err"; then
  fail "read without credentials"
fi
grep -q UNAUTHENTICATED "$WORK/anon.err" || fail "$(cat "$WORK/anon.err")"
jq '.caisse = "751"' "$HERE/saisine.json" >"$WORK/751.json"
if ctl deposer "$WORK/751.json" --request_id=e2e-751 2>"$WORK/751.err"; then
  fail "a mediator of 591 registered a saisine of 751"
fi
grep -q PERMISSION_DENIED "$WORK/751.err" || fail "$(cat "$WORK/751.err")"
out=$(ctl deposer "$HERE/saisine.json" --request_id=e2e-mtls-1 --token_file=/dev/null \
  --client_cert="$CREDS/clients/accueil-591.pem" --client_key="$CREDS/clients/accueil-591.key")
MTLS_ID=$(json_field saisine_id "$out")
acteur=$(ctl historique "$MTLS_ID" --as=auditeur | jq -r '.evenements[0].acteur')
[ "$acteur" = accueil:guichet-591@591 ] || fail "mTLS actor: $acteur"
# Attack: a certificate naming two principals (a national one beside the
# front office's) names none: UNAUTHENTICATED, nothing registered.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
  -out "$WORK/deux.key" 2>/dev/null
openssl req -new -key "$WORK/deux.key" -subj /CN=deux -out "$WORK/deux.csr"
openssl x509 -req -in "$WORK/deux.csr" -CA "$CREDS/ca.pem" -CAkey "$CREDS/ca.key" \
  -CAcreateserial -days 1 -out "$WORK/deux.pem" 2>/dev/null -extfile <(printf '%s\n' \
  "subjectAltName=URI:urn:mediation:accueil:591:g,URI:urn:mediation:national:*:n" \
  "extendedKeyUsage=clientAuth")
if ctl deposer "$HERE/saisine.json" --request_id=e2e-deux-uri --token_file=/dev/null \
  --client_cert="$WORK/deux.pem" --client_key="$WORK/deux.key" 2>"$WORK/deux.err"; then
  fail "a certificate with two principals was accepted"
fi
grep -q UNAUTHENTICATED "$WORK/deux.err" || fail "two URIs: $(cat "$WORK/deux.err")"
[ "$(ctl get "$CTL_ID" --as=national | jq -r .requerant.nir)" = "***" ] ||
  fail "the national direction sees the NIR"
journal=$(ctl consultations "$CTL_ID" --as=auditeur)
jq -e '[.consultations[].acteur] | index("mediateur:dev-mediateur@591")' \
  <<<"$journal" >/dev/null || fail "consultation not journaled: $journal"
if "$MEDIATIOND" --listen=0.0.0.0:0 --insecure_loopback --data_dir="$WORK/other" \
  --cle_index_nir="$CREDS/index-nir.key" \
  2>"$WORK/plain.err"; then
  fail "plaintext accepted on a non-loopback address"
fi
grep -q "loopback only" "$WORK/plain.err" || fail "$(cat "$WORK/plain.err")"

# 5. The mediator's path: recevable (suspends the CRA deadline: notified
#    15 January + 2 months = Saturday 15 March, run to Monday 17), a
#    recommandation, conclusions (suspended 12 -> 25 March, 13 days; the raw
#    end moves: 15 + 13 = Friday 28 March), clôture.
file=$(ctl file)
jq -e --arg id "$CTL_ID" '[.saisines[].saisine.saisine_id] | index($id)' \
  <<<"$file" >/dev/null || fail "queue: $file"
out=$(ctl acte DeclarerRecevable "$HERE/actes/recevable.json" --saisine="$CTL_ID" \
  --request_id=e2e-recevable)
[ "$(json_field version "$out")" = 3 ] || fail "recevable: $out"  # + suspension
out=$(ctl acte DeclarerRecevable "$HERE/actes/recevable.json" --saisine="$CTL_ID" \
  --request_id=e2e-recevable)
[ "$(json_field rejoue "$out")" = true ] || fail "retried act not replayed: $out"
[ "$(ctl echeances "$CTL_ID" | jq -r .recours.suspendu)" = true ] || fail "not suspended"
ctl acte EmettreRecommandation "$HERE/actes/recommandation.json" --saisine="$CTL_ID" 2>/dev/null >/dev/null
if ctl acte Cloturer "$HERE/actes/cloture.json" --saisine="$CTL_ID" --as=accueil \
  2>"$WORK/role.err" >/dev/null; then
  fail "the front office closed a saisine"
fi
grep -q PERMISSION_DENIED "$WORK/role.err" || fail "$(cat "$WORK/role.err")"
ctl acte CommuniquerConclusions "$HERE/actes/conclusions.json" --saisine="$CTL_ID" 2>/dev/null >/dev/null
ctl acte Cloturer "$HERE/actes/cloture.json" --saisine="$CTL_ID" 2>/dev/null >/dev/null
delais=$(ctl echeances "$CTL_ID")
[ "$(jq -r .statut <<<"$delais")" = STATUT_CLOTUREE ] || fail "$delais"
[ "$(jq -r .recours.expiration <<<"$delais")" = 2025-03-28 ] || fail "$delais"
[ "$(jq -r .duree_traitement_jours <<<"$delais")" = 16 ] || fail "$delais"
if ctl acte Cloturer "$HERE/actes/cloture.json" --saisine="$CTL_ID" \
  2>"$WORK/closed.err" >/dev/null; then
  fail "a closed saisine was closed again"
fi
grep -q "FAILED_PRECONDITION: the saisine is cloturee" "$WORK/closed.err" ||
  fail "$(cat "$WORK/closed.err")"

# 6. Restart on the same data: everything is still there.
stop_server
start_server
out=$(ctl get "$GENERIC_ID") || fail "saisine $GENERIC_ID lost after restart"
[ "$(json_field statut "$out")" = STATUT_RECUE ] || fail "bad state: $out"
out=$(ctl get "$CTL_ID") || fail "saisine $CTL_ID lost after restart"
[ "$(json_field statut "$out")" = STATUT_CLOTUREE ] || fail "bad state: $out"
[ "$(json_field version "$out")" = 7 ] || fail "bad version: $out"
out=$(reflect call mediation.v1.AccueilService/GetSaisine \
  "{\"saisine_id\": \"$GENERIC_ID\"}")
[ "$(json_field saisine.caisse "$out")" = 591 ] || fail "generic get: $out"
history=$(ctl historique "$CTL_ID")
[ "$(jq -r '.evenements[0].acteur' <<<"$history")" = mediateur:dev-mediateur@591 ] ||
  fail "actor not from the token: $history"
[ "$(jq '.evenements | length' <<<"$history")" = 7 ] || fail "history: $history"
[ "$(jq -r '.evenements[0].type' <<<"$history")" = SaisineRecue ] || fail "$history"
[ "$(jq -r '.evenements[0].request_id' <<<"$history")" = e2e-ctl-1 ] || fail "$history"
count=$(ctl list --caisse=591 | jq '.saisines | length')
[ "$count" = 3 ] || fail "expected 3 saisines after restart, found $count"
if ctl get does-not-exist 2>"$WORK/nf.err"; then fail "unknown id found"; fi
grep -q NOT_FOUND "$WORK/nf.err" || fail "$(cat "$WORK/nf.err")"
stop_server

# 6b. Backup while deposits arrive, restore into a new directory (verified
#     offline), serve the copy: it answers the same.
start_server
( for i in $(seq 1 20); do
    ctl deposer "$HERE/saisine.json" --as=accueil --request_id="charge-$i" >/dev/null 2>&1
  done ) &
LOAD_PID=$!
backup=$(ctl sauvegarder e2e-sauvegarde --as=operateur)
wait "$LOAD_PID"
BACKUP_DIR=$(json_field repertoire "$backup")
stop_server
restored=$("$CTL" --credentials="$CREDS" restaurer "$BACKUP_DIR" "$WORK/restaure") || fail "restore: $restored"
DATA="$WORK/restaure" start_server
out=$(ctl get "$CTL_ID") || fail "restored copy lacks $CTL_ID"
[ "$(json_field statut "$out")" = STATUT_CLOTUREE ] || fail "restored: $out"
[ "$(json_field version "$out")" = 7 ] || fail "restored: $out"
[ "$(ctl integrite --as=auditeur | jq -r .intact)" = true ] || fail "restored log"
stop_server

# 7. Audit: replay as known before the acts, the log as a stream, integrity;
#    then an event altered on disk while the server is stopped is named.
start_server
before=$(ctl rejouer "$CTL_ID" --as=auditeur --position=3)
[ "$(jq -r .saisine.statut <<<"$before")" = STATUT_RECUE ] || fail "replay: $before"
journal=$(ctl journal --as=auditeur --types=SaisineCloturee --nombre=1)
[ "$(jq -r .saisine_id <<<"$journal")" = "$CTL_ID" ] || fail "journal: $journal"
report=$(ctl integrite --as=auditeur)
[ "$(jq -r .intact <<<"$report")" = true ] || fail "integrity: $report"
# The operator anchors the head on demand; every stop anchored it too.
anchor=$(ctl ancrer --as=operateur --motif="avant l'audit")
[ "$(jq -r .position <<<"$anchor")" -gt 2 ] || fail "anchor: $anchor"
report=$(ctl integrite --as=auditeur)
[ "$(jq -r .ancres_verifiees <<<"$report")" -ge 2 ] || fail "anchors: $report"
stop_server
cp -r "$WORK/data" "$WORK/data-reecrite"
"$TAMPER" "$WORK/data" 2 "$CREDS/index-nir.key" || fail "could not tamper"
start_server
report=$(ctl integrite --as=auditeur)
[ "$(jq -r .intact <<<"$report")" = false ] || fail "tampering not detected: $report"
[ "$(jq -r .position_invalide <<<"$report")" = 2 ] || fail "not named: $report"
stop_server
# A forger who rehashes every event from the altered one to the end keeps
# the chain whole; the first signed anchor past the alteration no longer
# matches. The RPC and the offline verifier name the same event.
"$TAMPER" "$WORK/data-reecrite" 2 "$CREDS/index-nir.key" --rehash ||
  fail "could not forge"
if offline=$("$CTL" --credentials="$CREDS" verifier "$WORK/data-reecrite"); then
  fail "the offline verifier accepted a rewritten log: $offline"
fi
DATA="$WORK/data-reecrite" start_server
report=$(ctl integrite --as=auditeur)
stop_server
[ "$(jq -r .intact <<<"$report")" = false ] || fail "rewrite not detected: $report"
jq -e '.raison | test("rewritten")' <<<"$report" >/dev/null || fail "$report"
same='{position_invalide, saisine_invalide, version_invalide}'
[ "$(jq -c "$same" <<<"$report")" = "$(jq -c "$same" <<<"$offline")" ] ||
  fail "the RPC ($report) and the offline verifier ($offline) differ"

# 8. The national direction and the CRA, by mediationctl and by the generic
#    reflection client (unary RPCs of both services).
start_server
stats=$(ctl statistiques --as=national --perimetre=caisse:591 \
  --depuis_mois=2025-01 --jusqu_au_mois=2025-12)
# 3 deposits, and 20 made while the backup was taken.
[ "$(jq -r .saisines <<<"$stats")" = 23 ] || fail "statistics: $stats"
[ "$(jq -r .terminees <<<"$stats")" = 1 ] || fail "statistics: $stats"
[ "$(jq -r .duree_moyenne_jours <<<"$stats")" = 16 ] || fail "statistics: $stats"
# A calendar year is the same twelve months; no period is the command's
# mistake, said in its own flags before any call.
[ "$(ctl statistiques --as=national --perimetre=caisse:591 --annee=2025)" = "$stats" ] ||
  fail "statistics of --annee=2025 differ from those of its months"
rc=0
out=$(ctl statistiques --as=national --perimetre=caisse:591 2>&1) || rc=$?
[ "$rc" = 2 ] || fail "no period: exit code $rc, not 2: $out"
grep -q -- "--annee=YYYY, or --depuis_mois=YYYY-MM and --jusqu_au_mois=YYYY-MM" <<<"$out" ||
  fail "no period: $out"
national() { "$REFLECT" --ca="$CREDS/ca.pem" --token="$CREDS/jetons/national.jeton" "$ADDR" "$@"; }
cra() { "$REFLECT" --ca="$CREDS/ca.pem" --token="$CREDS/jetons/cra.jeton" "$ADDR" "$@"; }
out=$(national call mediation.v1.NationalService/ListSaisinesNationales '{"region": "Hauts-de-France"}')
[ "$(jq '.saisines | length' <<<"$out")" = 23 ] || fail "national list: $out"
out=$(national call mediation.v1.NationalService/TransmettreSaisine \
  "$(jq -c '. + {request_id: "e2e-national-1"}' "$HERE/saisine.json")")
NAT_ID=$(json_field saisine_id "$out")
out=$(national call mediation.v1.NationalService/EmettreRecommandationNationale \
  "{\"commun\": {\"request_id\": \"e2e-nat-reco\", \"saisine_id\": \"$NAT_ID\"},
    \"acte\": {\"texte\": \"Réexaminer\", \"date\": \"2025-03-12\"}}")
[ "$(json_field version "$out")" = 2 ] || fail "national recommandation: $out"
out=$(cra call mediation.v1.CraService/TransmettreDossier \
  "$(jq -c '. + {request_id: "e2e-cra-1"}' "$HERE/saisine.json")")
CRA_ID=$(json_field saisine_id "$out")
out=$(cra call mediation.v1.CraService/DeclarerRecoursPrealable \
  "{\"commun\": {\"request_id\": \"e2e-cra-rp\", \"saisine_id\": \"$CRA_ID\"},
    \"acte\": {\"reference\": \"CRA-1\", \"date_saisine_cra\": \"2025-03-11\", \"date\": \"2025-03-12\"}}")
out=$(cra call mediation.v1.CraService/ConsulterSuspension \
  "{\"par_requerant\": {\"nir\": \"269054958815780\", \"date_notification\": \"2025-01-15\"}}")
[ "$(jq '.saisines | length' <<<"$out")" -ge 1 ] || fail "suspension: $out"
jq -e --arg id "$CTL_ID" '[.saisines[].saisine_id] | index($id)' <<<"$out" >/dev/null ||
  fail "suspension by requester: $out"
out=$(cra call mediation.v1.CraService/EnregistrerMaintienOuDesistement \
  "{\"commun\": {\"request_id\": \"e2e-cra-md\", \"saisine_id\": \"$CRA_ID\"},
    \"acte\": {\"maintenu\": true, \"date\": \"2025-03-13\"}}" 2>&1) &&
  fail "a choice before the conclusions was accepted: $out"
grep -q "status 9" <<<"$out" || fail "expected FAILED_PRECONDITION: $out"
suivi=$(ctl suivi-cra --as=cra --nombre=2)
# Both first deposits contest a decision whose recourse is the CRA.
[ "$(jq -r .saisine_id <<<"$suivi" | tr '\n' ' ')" = "$GENERIC_ID $CTL_ID " ] ||
  fail "cra follow-up: $suivi"
# The CRA's decision, notified Wednesday 12 March 2025 (seized the 11th):
# the tribunal deadline runs from it, 12 May, and carries the suspension
# the mediation of the saisine on the same decision (the ctl one, 12 -> 25
# March, 13 days) put on it: Sunday 25 May, so Monday 26 May.
sed 's/2025-04-14/2025-03-12/' "$HERE/actes/decision_cra.json" >"$WORK/decision_cra.json"
ctl acte EnregistrerDecisionCra "$WORK/decision_cra.json" --saisine="$CRA_ID" \
  --as=cra 2>/dev/null >/dev/null || fail "CRA decision refused"
delais=$(ctl echeances "$CRA_ID")
[ "$(jq -r .suite_du_recours.date_decision <<<"$delais")" = 2025-03-12 ] || fail "$delais"
[ "$(jq -r .suite_du_recours.tribunal.expiration <<<"$delais")" = 2025-05-26 ] ||
  fail "tribunal deadline: $delais"
# Oriented at once, the dossier waits until its take-up is confirmed.
echo '{"acte": {"destination": "DESTINATION_RECLAMATIONS", "date": "2025-03-13"}}' \
  >"$WORK/orientation.json"
ctl acte Orienter "$WORK/orientation.json" --saisine="$CRA_ID" 2>/dev/null >/dev/null ||
  fail "orientation refused"
[ "$(ctl orientations | jq -r '.saisines[0].orientations[0]')" = 2025-03-13 ] ||
  fail "orientation not awaiting: $(ctl orientations)"
ctl acte ConfirmerPriseEnCharge "$HERE/actes/prise_en_charge.json" --saisine="$CRA_ID" \
  2>/dev/null >/dev/null || fail "confirmation refused"
[ "$(ctl orientations | jq '.saisines | length')" = 0 ] ||
  fail "still awaiting: $(ctl orientations)"
stop_server

# 9. The identity provider publishes its keys over HTTPS (openssl s_server
#    plays it, serving the JWKS file): mediationd fetches them at start,
#    checking the provider's certificate, and tokens verify against them.
(cd "$CREDS" && exec openssl s_server -WWW -accept 127.0.0.1:0 \
  -cert server.pem -key server.key >"$WORK/idp.log" 2>&1) &
IDP_PID=$!
for _ in $(seq 1 100); do
  grep -q ACCEPT "$WORK/idp.log" 2>/dev/null && break
  sleep 0.1
done
IDP_PORT=$(grep -o 'ACCEPT .*' "$WORK/idp.log" | grep -o '[0-9]*$') ||
  fail "the HTTPS identity provider did not start"
SERVER_FLAGS="--jwks=https://localhost:$IDP_PORT/jwks.json \
  --jwks_ca=$CREDS/ca.pem" start_server
out=$(ctl list --as=mediateur --page_size=1) || fail "JWKS over HTTPS: $out"
[ "$(jq '.saisines | length' <<<"$out")" = 1 ] || fail "JWKS over HTTPS: $out"
stop_server
kill "$IDP_PID"
IDP_PID=""

# 10. Personal data never reaches the log.
if grep -q -e 269054958815780 -e 269054958815781 "$WORK/server.log"; then
  fail "a NIR appears in the server log"
fi
grep -q "stopped cleanly" "$WORK/server.log" || fail "no clean shutdown logged"
echo "PASS: end-to-end over TLS (deposit by reflection, token and mutual TLS,"
echo "      idempotent retry, wrong NIR refused, unauthenticated and cross-caisse"
echo "      refused, NIR masked and its reads journaled, the mediator's acts"
echo "      from recevable to clôture with hand-worked deadlines, replay at a"
echo "      position, log stream, tampering detected, national statistics and"
echo "      listing, transmission and recommandation, the CRA's dossier, appeal,"
echo "      suspension by requester and follow-up; backup under load, restore,"
echo "      the copy serves the same; restart keeps everything; a rewritten log"
echo "      caught at its signed anchor by the RPC and offline alike; token keys"
echo "      fetched over HTTPS; no NIR in the log)"
