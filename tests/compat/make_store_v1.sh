#!/usr/bin/env bash
# How tests/compat/store-v1/ was made: a store written by mediationd at commit
# e3c13db (before the API's act commands, the store split and the layout of
# issue 10), with a saisine taken through each kind of act. Kept as the record
# of that fixture; it drives the API of that commit, so it is not run again.
# The test that opens the fixture with today's code is old_store_test.sh.
#
#   make_store_v1.sh MEDIATIOND MEDIATIONCTL OUT_DIR
set -euo pipefail
MEDIATIOND=$1 CTL=$2 OUT=$3
REPO=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$REPO/tests/e2e"
WORK=$(mktemp -d)
trap '[ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
source "$REPO/tests/lib/serveur.sh"
ctl() { "$CTL" --server="$ADDR" --credentials="$CREDS" "$@"; }
id_of() { jq -r .saisine_id <<<"$1"; }

start_server
# 1. Taken to clôture: recevable (suspends the CRA deadline), recommandation,
#    conclusions, clôture.
A=$(id_of "$(ctl deposer "$HERE/saisine.json" --request_id=compat-a)")
ctl acte DeclarerRecevable "$HERE/actes/recevable.json" --saisine="$A" >/dev/null
ctl acte EmettreRecommandation "$HERE/actes/recommandation.json" --saisine="$A" >/dev/null
ctl acte CommuniquerConclusions "$HERE/actes/conclusions.json" --saisine="$A" >/dev/null
ctl acte Cloturer "$HERE/actes/cloture.json" --saisine="$A" >/dev/null
ctl get "$A" >/dev/null  # A consultation in the journal.
# 2. Irrecevable, with its orientation.
B=$(id_of "$(ctl deposer "$HERE/saisine.json" --request_id=compat-b)")
echo '{"acte": {"motif": "MOTIF_IRRECEVABILITE_HORS_COMPETENCE", "explication": "Hors périmètre", "orientation": "DESTINATION_RECLAMATIONS", "date_notification": "2025-03-12"}}' >"$WORK/irr.json"
ctl acte DeclarerIrrecevable "$WORK/irr.json" --saisine="$B" >/dev/null
# 3. In instruction, with an exchange, a rectification and an orientation.
C=$(id_of "$(ctl deposer "$HERE/saisine.json" --request_id=compat-c)")
ctl acte DeclarerRecevable "$HERE/actes/recevable.json" --saisine="$C" >/dev/null
echo '{"acte": {"date": "2025-03-13", "interlocuteur": "INTERLOCUTEUR_SERVICE_CAISSE", "resume": "Appel au service IJ"}}' >"$WORK/echange.json"
ctl acte ConsignerEchange "$WORK/echange.json" --saisine="$C" >/dev/null
jq '{acte: {corrigee: (. + {requerant: (.requerant + {commune: "Maubeuge"})}), motif: "Commune erronée", date: "2025-03-14"}}' \
  "$HERE/saisine.json" >"$WORK/rectif.json"
ctl acte RectifierDonnees "$WORK/rectif.json" --saisine="$C" >/dev/null
echo '{"acte": {"destination": "DESTINATION_SERVICE_SOCIAL", "commentaire": "Accompagnement", "date": "2025-03-15"}}' >"$WORK/orient.json"
ctl acte Orienter "$WORK/orient.json" --saisine="$C" >/dev/null
# 4. Equité: a proposal and the director's decision, then a judicial recourse.
D=$(id_of "$(ctl deposer "$HERE/saisine.json" --request_id=compat-d)")
ctl acte DeclarerRecevable "$HERE/actes/recevable.json" --saisine="$D" >/dev/null
echo '{"acte": {"type": "TYPE_RECOMMANDATION_PROPOSITION_EQUITE", "texte": "Remise en équité", "date": "2025-03-16"}}' >"$WORK/equite.json"
ctl acte EmettreRecommandation "$WORK/equite.json" --saisine="$D" >/dev/null
echo '{"acte": {"acceptee": true, "motif": "Situation exceptionnelle", "date": "2025-03-17"}}' >"$WORK/decision.json"
ctl acte DeciderEquite "$WORK/decision.json" --saisine="$D" --as=direction >/dev/null 2>&1 ||
  ctl acte DeciderEquite "$WORK/decision.json" --saisine="$D" >/dev/null
echo '{"acte": {"date": "2025-03-18"}}' >"$WORK/contentieux.json"
ctl acte EnregistrerRecoursContentieux "$WORK/contentieux.json" --saisine="$D" >/dev/null
stop_server

mkdir -p "$OUT"
cp -r "$WORK/data" "$OUT/data"
SERVER_FLAGS="" start_server
for id in "$A" "$B" "$C" "$D"; do
  ctl get "$id" | jq -c '{saisine_id, version, statut}'
done >"$OUT/expected.jsonl"
ctl historique "$A" --as=auditeur | jq -c '[.evenements[].type]' >"$OUT/history_a.json"
stop_server
echo "fixture in $OUT"
