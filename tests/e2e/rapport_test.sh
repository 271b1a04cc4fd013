#!/usr/bin/env bash
# The activity report and the CLI, end to end: a year of saisines loaded
# through the API (deposits and acts from mediationctl's flags and stdin),
# `mediationctl rapport` for caisse 591, and its HTML, CSVs and PDF checked
# against an independent count of what was sent; headless Chromium renders
# the page (DOM text and a screenshot) and prints the PDF. The same report
# and the dashboard served by mediationd over HTTPS (tokens, client
# certificates, scopes), rendered by Chromium. Also: every RPC has a command
# with its own help, `journal --nombre` ends at the log's end, the CSV
# export, and the three letters.
#
#   rapport_test.sh MEDIATIOND MEDIATIONCTL REPO
#
# Skipped (77) when Debian's chromium or pdftotext is not installed. With
# RAPPORT_GARDER=DIR, the report and the screenshot are copied to DIR (the
# README's image of a first page comes from there).
set -euo pipefail

MEDIATIOND=$1 CTL=$2 REPO=$3
for tool in chromium pdftotext node; do
  command -v "$tool" >/dev/null || { echo "SKIP: no $tool"; exit 77; }
done
WORK=$(mktemp -d)
trap '[ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
source "$REPO/tests/lib/serveur.sh"
ctl() { "$CTL" --server="$ADDR" --credentials="$CREDS" "$@"; }

SERVER_FLAGS="--pages_listen=127.0.0.1:0 --pages_port_file=$WORK/pages.port"
start_server

# 1. A year of saisines, drawn from a fixed seed; what is sent is written to
#    $WORK/envoi.tsv, the independent count the report is checked against.
RANDOM=2025
canaux=(CANAL_COURRIER CANAL_MAIL CANAL_ACCUEIL_PHYSIQUE CANAL_TELEPHONE)
libelles_canal=(Courrier Mail "Accueil physique" Téléphone)
origines=(ORIGINE_REQUERANT_DIRECT ORIGINE_SERVICE_CAISSE ORIGINE_DIRECTION_CAISSE ORIGINE_DEFENSEUR_DES_DROITS)
communes=(Valenciennes Cambrai Denain "Crèvecoeur-sur-l'Escaut" Anzin Caudry)
issues=(explications-donnees paiement-recu accord-amiable decision-maintenue)
libelles_issue=("Résolution par explications données" "Paiement reçu / droit accordé" "Accord amiable / solution trouvée" "Décision maintenue")
nir() { # a valid NIR for order number $1
  local base=$((2690559000000 + $1))
  printf '%013d%02d' "$base" $((97 - base % 97))
}
deposit() { # year month day i canal origine commune processus
  jq -cn --arg date "$(printf '%04d-%02d-%02d' "$1" "$2" "$3")" \
    --arg nir "$(nir "$4")" --arg canal "$5" --arg origine "$6" \
    --arg commune "$7" --arg processus "$8" --arg id "rapport-$1-$4" '{
      request_id: $id, caisse: "591", canal: $canal, origine: $origine,
      date_reception: $date,
      requerant: {type: "TYPE_REQUERANT_ASSURE", nom: "Martin",
                  prenom: "Louise", nir: $nir, commune: $commune},
      objet: {processus: $processus, sous_processus: "Maladie",
              description: "Indemnités journalières non versées."},
      reclamation_prealable: {date: $date, repondue: true, date_reponse: $date}}'
}
: >"$WORK/deposits.ndjson"
: >"$WORK/envoi.tsv"
for i in $(seq 1 60); do
  month=$((RANDOM % 12 + 1)) day=$((RANDOM % 20 + 1))
  c=$((RANDOM % 4)) o=$((RANDOM % 4)) m=$((RANDOM % 6))
  deposit 2025 "$month" "$day" "$i" "${canaux[$c]}" "${origines[$o]}" \
    "${communes[$m]}" PROCESSUS_PRESTATIONS_EN_ESPECES >>"$WORK/deposits.ndjson"
  printf '%d\t%d\t%s\t%s\t%s\n' "$month" "$day" "${libelles_canal[$c]}" \
    "${origines[$o]}" "${communes[$m]}" >>"$WORK/envoi.tsv"
done
# Twelve in 2024, for the evolution across years.
for i in $(seq 101 112); do
  deposit 2024 $((i - 100)) 10 "$i" CANAL_MAIL ORIGINE_REQUERANT_DIRECT Anzin \
    PROCESSUS_PRESTATIONS_EN_NATURE >>"$WORK/deposits.ndjson"
done
# Many requests on stdin, one per line; one answer per line.
ctl deposer - <"$WORK/deposits.ndjson" >"$WORK/deposits.out" 2>"$WORK/deposits.err" ||
  fail "deposits: $(head -5 "$WORK/deposits.err")"
[ "$(wc -l <"$WORK/deposits.out")" = 72 ] || fail "72 answers expected: $(wc -l <"$WORK/deposits.out")"
mapfile -t ids < <(jq -r .saisine_id "$WORK/deposits.out" | head -60)

# Another caisse's saisines must not count in 591's report.
ctl jeton --signing_key="$CREDS/jeton-signature.key" --role=mediateur \
  --caisse_jeton=621 --sujet=mediateur-621 >"$WORK/621.jeton"
for i in 1 2 3; do
  deposit 2025 3 3 $((200 + i)) CANAL_MAIL ORIGINE_REQUERANT_DIRECT Valenciennes \
    PROCESSUS_AUTRE | jq -c '.caisse = "621"'
done | ctl deposer - --token_file="$WORK/621.jeton" >/dev/null 2>&1 ||
  fail "deposits in 621"

# Acts from flags: two in three recevable, then closed with an outcome
# after 5 to 44 days; durations counted here with date(1).
: >"$WORK/clos.tsv"
n=0
while IFS=$'\t' read -r month day canal origine commune; do
  id=${ids[$n]}
  n=$((n + 1))
  [ $((n % 3)) = 0 ] && continue
  reception=$(printf '2025-%02d-%02d' "$month" "$day")
  case $origine in
    ORIGINE_DIRECTION_CAISSE | ORIGINE_DEFENSEUR_DES_DROITS) fondement=saisine-particuliere ;;
    *) fondement=apres-reclamation ;;
  esac
  ctl recevable "$id" --fondement="$fondement" \
    --date="$(date -d "$reception + 2 days" +%F)" >/dev/null 2>"$WORK/act.err" ||
    fail "recevable $id: $(cat "$WORK/act.err")"
  jours=$((RANDOM % 40 + 5)) k=$((RANDOM % 4))
  ctl cloturer "$id" --issue="${issues[$k]}" \
    --date="$(date -d "$reception + $jours days" +%F)" >/dev/null 2>"$WORK/act.err" ||
    fail "cloturer $id: $(cat "$WORK/act.err")"
  printf '%s\t%d\t%s\n' "$fondement" "$jours" "${libelles_issue[$k]}" >>"$WORK/clos.tsv"
done <"$WORK/envoi.tsv"

# A closed saisine shows its outcome and basis.
got=$(ctl get "${ids[0]}" --output=table)
grep -q "^cloture.issue  *ISSUE_CLOTURE_" <<<"$got" || fail "get --output=table: $got"

# 2. The report.
ctl rapport --perimetre=caisse:591 --annee=2025 --sortie="$WORK/rapport" \
  >"$WORK/rapport.out" 2>"$WORK/rapport.err" || fail "rapport: $(cat "$WORK/rapport.err")"
R=$WORK/rapport
for f in rapport.html rapport.pdf chiffres_cles.csv par_mois.csv par_canal.csv \
  par_commune.csv par_issue.csv par_competence.csv evolution_annuelle.csv; do
  [ -s "$R/$f" ] || fail "rapport: no $f"
done
csv() { # file key -> the value of the line whose first field is key
  awk -F';' -v k="$2" '$1 == k { print $2; exit }' "$R/$1"
}
expect() { # what got wanted
  [ "$2" = "$3" ] || fail "rapport: $1 is '$2', the count of what was sent is '$3'"
}
expect "saisines" "$(csv chiffres_cles.csv 'Saisines reçues')" 60
closed=$(wc -l <"$WORK/clos.tsv")
expect "terminées" "$(csv chiffres_cles.csv 'Saisines terminées')" "$closed"
mean=$(awk -F'\t' '{ s += $2 } END { printf "%.1f", s / NR }' "$WORK/clos.tsv" | tr . ,)
expect "délai moyen" "$(csv chiffres_cles.csv 'Délai de traitement moyen (jours)')" "$mean"
on_time=$(awk -F'\t' '$2 <= 21 { n++ } END { printf "%.2f", 100 * n / NR }' "$WORK/clos.tsv" | tr . ,)
expect "terminées dans les 21 jours" "$(csv chiffres_cles.csv 'Terminées dans les 21 jours (%)')" "$on_time"
mois=(janvier février mars avril mai juin juillet août septembre octobre novembre décembre)
for m in $(seq 1 12); do
  want=$(awk -F'\t' -v m="$m" '$1 == m { n++ } END { print n + 0 }' "$WORK/envoi.tsv")
  expect "${mois[$((m - 1))]}" "$(csv par_mois.csv "${mois[$((m - 1))]}")" "$want"
done
for label in "${libelles_canal[@]}"; do
  want=$(awk -F'\t' -v c="$label" '$3 == c { n++ } END { print n + 0 }' "$WORK/envoi.tsv")
  expect "canal $label" "$(csv par_canal.csv "$label")" "$want"
done
for commune in "${communes[@]}"; do
  want=$(awk -F'\t' -v c="$commune" '$5 == c { n++ } END { print n + 0 }' "$WORK/envoi.tsv")
  [ "$want" = 0 ] && continue
  expect "commune $commune" "$(csv par_commune.csv "$commune")" "$want"
done
for label in "${libelles_issue[@]}"; do
  want=$(awk -F'\t' -v c="$label" '$3 == c { n++ } END { print n + 0 }' "$WORK/clos.tsv")
  expect "suite $label" "$(csv par_issue.csv "$label")" "$want"
done
want=$(awk -F'\t' '$1 == "saisine-particuliere" { n++ } END { print n + 0 }' "$WORK/clos.tsv")
expect "saisines particulières" "$(csv par_competence.csv 'Saisine particulière')" "$want"
expect "2024" "$(csv evolution_annuelle.csv 2024)" 12
expect "2025" "$(csv evolution_annuelle.csv 2025)" 60

# 3. In a real browser: the page's text, once rendered, holds the figures;
#    a screenshot is taken; the PDF's text holds them too. No NIR anywhere.
sandbox=()
[ "$(id -u)" = 0 ] && sandbox=(--no-sandbox)
browser() {
  timeout 120 chromium --headless --disable-gpu --no-first-run \
    --user-data-dir="$WORK/profil" "${sandbox[@]}" "$@" 2>>"$WORK/chromium.log"
}
browser --dump-dom "file://$R/rapport.html" >"$WORK/dom.html" || fail "chromium --dump-dom"
grep -q "<td>Saisines reçues</td><td>60</td>" "$WORK/dom.html" || fail "DOM: saisines"
grep -q "<td>Mail</td><td>$(csv par_canal.csv Mail)</td>" "$WORK/dom.html" || fail "DOM: canal"
grep -q "<svg" "$WORK/dom.html" || fail "DOM: no chart"
browser --screenshot="$WORK/page.png" --window-size=900,1300 \
  "file://$R/rapport.html" >/dev/null || fail "chromium --screenshot"
[ "$(head -c 8 "$WORK/page.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  fail "the screenshot is not a PNG"
[ "$(stat -c %s "$WORK/page.png")" -gt 20000 ] || fail "the screenshot is blank"
pdftotext -layout "$R/rapport.pdf" "$WORK/rapport.txt"
grep -q "Rapport d'activité de la médiation" "$WORK/rapport.txt" || fail "PDF: title"
grep -q "60 saisines reçues" "$WORK/rapport.txt" || fail "PDF: saisines"
grep -Eq "Délai de traitement moyen \(jours\) +$mean" "$WORK/rapport.txt" ||
  fail "PDF: mean delay $mean"
for i in 1 7 60; do
  if grep -rq "$(nir "$i")" "$R" "$WORK/dom.html" "$WORK/rapport.txt"; then
    fail "a NIR appears in the report"
  fi
done

# 4. A region, and the national direction drilling down to a caisse.
ctl rapport --as=national --perimetre=region:Hauts-de-France --annee=2025 \
  --pdf=false --sortie="$WORK/region" >/dev/null 2>"$WORK/region.err" ||
  fail "region: $(cat "$WORK/region.err")"
awk -F';' '$1 == "Saisines reçues" && $2 == 63 { ok = 1 } END { exit !ok }' \
  "$WORK/region/chiffres_cles.csv" || fail "region: 63 saisines expected"
# A caisse's mediator does not see another caisse's report.
if ctl rapport --perimetre=caisse:621 --annee=2025 --pdf=false \
  --sortie="$WORK/621" 2>"$WORK/621.err"; then
  fail "a mediator of 591 made 621's report"
fi
grep -q PERMISSION_DENIED "$WORK/621.err" || fail "621: $(cat "$WORK/621.err")"

# 4b. The same report and the dashboard, served over HTTPS.
PAGES="https://127.0.0.1:$(cat "$WORK/pages.port")"
page() { # role path -> the body in $WORK/page.out, prints the HTTP status
  local auth=()
  [ "$1" != - ] && auth=(-H "Authorization: Bearer $(cat "$CREDS/jetons/$1.jeton")")
  curl -sS --cacert "$CREDS/ca.pem" "${auth[@]}" -o "$WORK/page.out" \
    -w '%{http_code}' "$PAGES$2"
}
[ "$(page mediateur '/rapport?perimetre=caisse:591&annee=2025')" = 200 ] ||
  fail "served report: $(head -c 300 "$WORK/page.out")"
cp "$WORK/page.out" "$WORK/servi.html"
grep -q "<td>Saisines reçues</td><td>60</td>" "$WORK/servi.html" || fail "served report: figures"
[ "$(page mediateur '/rapport/par_canal.csv?perimetre=caisse:591&annee=2025')" = 200 ] ||
  fail "served CSV"
cmp -s "$WORK/page.out" "$R/par_canal.csv" || fail "the served CSV differs from mediationctl's"
[ "$(page - '/tableau-de-bord')" = 401 ] || fail "a page without credentials"
[ "$(page mediateur '/rapport?perimetre=caisse:621&annee=2025')" = 403 ] ||
  fail "591's mediator saw 621's report"
[ "$(page mediateur '/rapport?annee=20x5')" = 400 ] || fail "a bad year"
# A client certificate authenticates (mutual TLS): the front office's role
# is identified, and may not read statistics.
status=$(curl -sS --cacert "$CREDS/ca.pem" --cert "$CREDS/clients/accueil-591.pem" \
  --key "$CREDS/clients/accueil-591.key" -o "$WORK/page.out" -w '%{http_code}' \
  "$PAGES/tableau-de-bord")
[ "$status" = 403 ] || fail "client certificate: $status $(head -c 300 "$WORK/page.out")"
grep -q "role accueil" "$WORK/page.out" || fail "client certificate: $(cat "$WORK/page.out")"
status=$(curl -sS --cacert "$CREDS/ca.pem" --cert "$CREDS/clients/national.pem" \
  --key "$CREDS/clients/national.key" -o "$WORK/page.out" -w '%{http_code}' \
  "$PAGES/tableau-de-bord?annee=2025")
[ "$status" = 200 ] || fail "national certificate: $status"
grep -q "CPAM Pas-de-Calais" "$WORK/page.out" || fail "national certificate: dashboard"
# The national direction compares caisses and regions, and drills down.
[ "$(page national '/tableau-de-bord?annee=2025')" = 200 ] ||
  fail "national dashboard: $(head -c 300 "$WORK/page.out")"
cp "$WORK/page.out" "$WORK/tableau.html"
tr -d '\n' <"$WORK/tableau.html" >"$WORK/tableau.flat"
grep -Eq '<td class="n">1</td><td><a href="/rapport\?perimetre=caisse%3A591&amp;annee=2025">CPAM Nord</a></td> *<td>Hauts-de-France</td><td class="n">60</td>' "$WORK/tableau.flat" ||
  fail "dashboard: 591 first with 60"
grep -Eq '<td class="n">2</td><td><a [^>]*>CPAM Pas-de-Calais</a></td> *<td>Hauts-de-France</td><td class="n">3</td>' "$WORK/tableau.flat" ||
  fail "dashboard: 621 second with 3"
grep -Eq '>Hauts-de-France</a></td><td class="n">63</td>' "$WORK/tableau.flat" ||
  fail "dashboard: the region's 63"
[ "$(page national '/rapport?perimetre=caisse%3A591&annee=2025')" = 200 ] ||
  fail "national drill-down to 591"
grep -q "<td>Saisines reçues</td><td>60</td>" "$WORK/page.out" || fail "drill-down figures"
# A caisse's mediator sees its caisse only.
[ "$(page mediateur '/tableau-de-bord?annee=2025')" = 200 ] || fail "591's dashboard"
grep -q ">CPAM Nord</a>" "$WORK/page.out" || fail "591's dashboard: its caisse"
if grep -q "Pas-de-Calais\|<h2>Régions" "$WORK/page.out"; then
  fail "591's dashboard shows another caisse"
fi
# Headless Chromium loads the pages from mediationd, with a token, renders
# them (the text a person reads) and takes a screenshot.
navigateur() { # url token-file|- png -> status line, then the page's text
  timeout 120 node "$REPO/tests/e2e/navigateur.js" "$@" 2>>"$WORK/chromium.log"
}
navigateur "$PAGES/tableau-de-bord?annee=2025" "$CREDS/jetons/national.jeton" \
  "$WORK/tableau.png" >"$WORK/tableau.txt" || fail "chromium: the dashboard did not load"
[ "$(head -1 "$WORK/tableau.txt")" = 200 ] || fail "chromium: dashboard $(head -1 "$WORK/tableau.txt")"
grep -q $'^1\tCPAM Nord\tHauts-de-France\t60\t' "$WORK/tableau.txt" ||
  fail "chromium: the dashboard's text: $(grep CPAM "$WORK/tableau.txt" | head -3)"
grep -q $'^2\tCPAM Pas-de-Calais\tHauts-de-France\t3\t' "$WORK/tableau.txt" ||
  fail "chromium: 621 in the dashboard's text"
[ "$(stat -c %s "$WORK/tableau.png")" -gt 20000 ] || fail "the dashboard screenshot is blank"
navigateur "$PAGES/rapport?perimetre=caisse:591&annee=2025" \
  "$CREDS/jetons/mediateur.jeton" "$WORK/servi.png" >"$WORK/servi.txt" ||
  fail "chromium: the report did not load"
[ "$(head -1 "$WORK/servi.txt")" = 200 ] || fail "chromium: report $(head -1 "$WORK/servi.txt")"
grep -q $'^Saisines reçues\t60$' "$WORK/servi.txt" || fail "chromium: the report's text"
navigateur "$PAGES/tableau-de-bord" - "$WORK/anonyme.png" >"$WORK/anonyme.txt" ||
  fail "chromium: the refusal did not load"
[ "$(head -1 "$WORK/anonyme.txt")" = 401 ] || fail "chromium without a token: $(head -1 "$WORK/anonyme.txt")"
grep -q "Identification requise" "$WORK/anonyme.txt" || fail "chromium: the refusal's text"
for i in 1 7 60; do
  if grep -q "$(nir "$i")" "$WORK/servi.html" "$WORK/tableau.html" \
    "$WORK/servi.txt" "$WORK/tableau.txt"; then
    fail "a NIR in a served page"
  fi
done

# 4c. The CSV export: one line per saisine, as the role may see them.
ctl export --caisse=591 --depuis=2025-01-01 --jusqu_au=2025-12-31 \
  --sortie="$WORK/export.csv" 2>/dev/null || fail "export"
[ "$(($(wc -l <"$WORK/export.csv") - 1))" = 60 ] || fail "export: $(wc -l <"$WORK/export.csv") lines"
closed_export=$(awk -F';' 'NR > 1 && $3 == "Clôturée" { n++ } END { print n + 0 }' "$WORK/export.csv")
expect "export: clôturées" "$closed_export" "$closed"
grep -q "$(nir 1)" "$WORK/export.csv" || fail "export: the mediator sees the NIR"
ctl export --as=national --caisse=591 --depuis=2025-01-01 --jusqu_au=2025-12-31 \
  --sortie="$WORK/export-national.csv" 2>/dev/null || fail "national export"
if grep -q "$(nir 1)" "$WORK/export-national.csv"; then
  fail "export: the national direction sees a NIR"
fi

# 5. The CLI: every RPC has a command with its own help; bad enum values
#    are named with the valid ones; the journal ends at the log's end.
for method in $(grep -ho "rpc [A-Za-z]*" "$REPO"/proto/mediation/v1/*.proto | cut -d' ' -f2); do
  command=$(sed -E 's/([A-Z])/-\1/g; s/^-//' <<<"$method" | tr 'A-Z' 'a-z')
  "$CTL" "$command" --help >"$WORK/help.txt" || fail "no help for $command"
  grep -q "mediation.v1.[A-Za-z]*Service.$method" "$WORK/help.txt" || fail "help of $command"
done
"$CTL" cloturer --help | grep -q "ISSUE_CLOTURE_EXPLICATIONS_DONNEES" || fail "help lists no enum values"
if ctl recevable "${ids[2]}" --fondement=nimporte --date=2025-06-01 2>"$WORK/enum.err"; then
  fail "an unknown fondement was accepted"
fi
grep -q "FONDEMENT_RECEVABILITE_PREMIERE_INTENTION" "$WORK/enum.err" || fail "$(cat "$WORK/enum.err")"
# 72 + 3 deposits, 2 events per recevable (suspension) at most, 1 per
# closure: the log holds more than 100 events; --nombre=5 stops at 5, and
# without --nombre the journal stops at the end instead of waiting.
got=$(timeout 30 "$CTL" --server="$ADDR" --credentials="$CREDS" --as=auditeur journal --nombre=5 | wc -l)
[ "$got" = 5 ] || fail "journal --nombre=5 gave $got events"
total=$(timeout 60 "$CTL" --server="$ADDR" --credentials="$CREDS" --as=auditeur journal | wc -l) ||
  fail "journal did not stop at the log's end"
[ "$total" -gt 100 ] || fail "journal gave $total events"
# --suivre waits for what comes next: the next deposit arrives through it.
timeout 30 "$CTL" --server="$ADDR" --credentials="$CREDS" --as=auditeur journal \
  --suivre --depuis_position=$((total + 1)) --nombre=1 >"$WORK/suivi.out" &
follower=$!
sleep 1
deposit 2025 12 1 300 CANAL_MAIL ORIGINE_REQUERANT_DIRECT Anzin PROCESSUS_AUTRE |
  ctl deposer - >/dev/null 2>&1 || fail "deposit while following"
wait "$follower" || fail "journal --suivre did not return after its event"
grep -q SaisineRecue "$WORK/suivi.out" || fail "journal --suivre: $(cat "$WORK/suivi.out")"

# 6. The three letters, for saisines taken through their life.
jq -c '.request_id = "lettre-1" | .date_reception = "2025-03-10" |
  .decision_contestee = {date_notification: "2025-02-03",
    recours_mentionne: "RECOURS_CRA", voies_et_delais_mentionnes: true}' \
  "$REPO/tests/e2e/saisine.json" >"$WORK/lettre.json"
L=$(ctl deposer "$WORK/lettre.json" | jq -r .saisine_id)
ctl recevable "$L" --fondement=premiere-intention --motif=absence-revenu \
  --date=2025-03-12 >/dev/null 2>&1 || fail "recevable $L"
ctl lettre recevabilite "$L" --sortie="$WORK/lettres" >/dev/null 2>"$WORK/lettre.err" ||
  fail "lettre recevabilite: $(cat "$WORK/lettre.err")"
pdftotext "$WORK/lettres/lettre-recevabilite.pdf" - | tr '\n' ' ' >"$WORK/l1.txt"
grep -q "recevable (Compétence en première intention) depuis le 12 mars 2025" "$WORK/l1.txt" ||
  fail "accusé de recevabilité: $(cat "$WORK/l1.txt")"
grep -q "3 février 2025 est suspendu" "$WORK/l1.txt" || fail "no suspension in the acknowledgement"
if ctl lettre cloture "$L" --pdf=false --sortie="$WORK/lettres" 2>"$WORK/lettre.err"; then
  fail "a closing letter for an open saisine"
fi
ctl recommander "$L" --type=demande-revision --texte="Les IJ sont dues." \
  --date=2025-03-20 >/dev/null 2>&1 || fail "recommander"
ctl conclure "$L" --date=2025-03-25 >/dev/null 2>&1 || fail "conclure"
ctl cloturer "$L" --issue=revisee --date=2025-03-26 >/dev/null 2>&1 || fail "cloturer"
expiration=$(ctl echeances "$L" | jq -r .recours.expiration)
[ -n "$expiration" ] && [ "$expiration" != null ] || fail "no appeal deadline"
IFS=- read -r y m d <<<"$expiration"
longue="$((10#$d)) ${mois[$((10#$m - 1))]} $y"
[ "$((10#$d))" = 1 ] && longue="1er ${mois[$((10#$m - 1))]} $y"
ctl lettre cloture "$L" --sortie="$WORK/lettres" >/dev/null 2>"$WORK/lettre.err" ||
  fail "lettre cloture: $(cat "$WORK/lettre.err")"
pdftotext "$WORK/lettres/lettre-cloture.pdf" - | tr '\n' ' ' >"$WORK/l2.txt"
grep -q "Suite donnée : Décision révisée" "$WORK/l2.txt" || fail "closing letter: outcome"
grep -q "Les IJ sont dues." "$WORK/l2.txt" || fail "closing letter: recommandation"
grep -q "jusqu'au $longue" "$WORK/l2.txt" || fail "closing letter: appeal until $longue: $(cat "$WORK/l2.txt")"
jq -c '.request_id = "lettre-2" | del(.reclamation_prealable)' \
  "$REPO/tests/e2e/saisine.json" >"$WORK/lettre2.json"
I=$(ctl deposer "$WORK/lettre2.json" | jq -r .saisine_id)
ctl irrecevable "$I" --motif=sans-reclamation --orientation=reclamations \
  --explication="Adressez d'abord votre réclamation au service concerné." \
  --date=2025-03-11 >/dev/null 2>"$WORK/act.err" || fail "irrecevable: $(cat "$WORK/act.err")"
ctl lettre irrecevabilite "$I" --sortie="$WORK/lettres" >/dev/null 2>"$WORK/lettre.err" ||
  fail "lettre irrecevabilite: $(cat "$WORK/lettre.err")"
pdftotext "$WORK/lettres/lettre-irrecevabilite.pdf" - | tr '\n' ' ' >"$WORK/l3.txt"
grep -q "aucune réclamation préalable" "$WORK/l3.txt" || fail "irrecevabilité: motif"
grep -q "le service des réclamations" "$WORK/l3.txt" || fail "irrecevabilité: orientation"
if grep -rq "269054958815780" "$WORK/lettres"; then fail "a NIR in a letter"; fi

if [ -n "${RAPPORT_GARDER:-}" ]; then
  mkdir -p "$RAPPORT_GARDER"
  cp -r "$R" "$WORK/page.png" "$WORK/tableau.png" "$RAPPORT_GARDER/"
fi
stop_server
echo "PASS: report of 60 saisines equal to the count sent, PDF and browser render, CLI, letters"
