#!/usr/bin/env bash
# Makes development credentials (never for production) in DIR:
#   ca.pem, ca.key                  a local CA
#   server.pem, server.key          mediationd's certificate (localhost,
#                                   127.0.0.1, ::1)
#   jeton-signature.key / .pub      the Ed25519 key pair of access tokens
#   index-nir.key                   the secret key of the requester index
#                                   (mediationd --cle_index_nir)
#   ancrage.key / .pub              the Ed25519 key pair of the log's signed
#                                   anchors (mediationd --cle_ancrage;
#                                   mediationctl verifier reads the .pub)
#   jwks.json                       its public key as a JWK Set (mediationd
#                                   --jwks; a real identity provider publishes
#                                   its own)
#   jetons/<role>.jeton             a JWT per role (caisse 591, or * for
#                                   national, auditeur, operateur), issuer
#                                   mediation-dev, audience mediation, 12 hours
#   clients/<name>.pem / .key       client certificates of systems (mutual
#                                   TLS): accueil-591, cra-591, national,
#                                   operateur (the backup job)
# Keys are kept when present; tokens are renewed at every run.
#
#   make-dev-credentials.sh DIR MEDIATIONCTL
set -euo pipefail
DIR=$1 CTL=$2
# The script works inside DIR: a relative path to mediationctl is the caller's.
case "$CTL" in /*) ;; */*) CTL="$PWD/$CTL" ;; esac
# Before any directory: keys and tokens are the user's only.
umask 077
mkdir -p "$DIR/jetons" "$DIR/clients"
cd "$DIR"

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# sign NAME SUBJECT EXTENSIONS: a certificate signed by the local CA.
sign() {
  local name=$1 subject=$2 extensions=$3
  ec_key "$name.key"
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr"
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial \
    -days 825 -out "$name.pem" -extfile <(printf '%b' "$extensions") 2>/dev/null
  rm -f "$name.csr"
}

if [ ! -s ca.pem ]; then
  ec_key ca.key
  openssl req -x509 -new -key ca.key -days 3650 -out ca.pem \
    -subj "/O=Assurance Maladie (developpement)/CN=mediation dev CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign"
fi
if [ ! -s server.pem ]; then
  sign server "/CN=localhost" \
    "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth"
fi
for client in accueil:591:guichet-591 cra:591:cra-591 'national:*:direction-nationale' \
  'operateur:*:sauvegarde'; do
  IFS=: read -r role caisse sujet <<<"$client"
  name="clients/$role-$caisse"
  [ "$caisse" = '*' ] && name="clients/$role"
  [ -s "$name.pem" ] && continue
  sign "$name" "/CN=$sujet" \
    "subjectAltName=URI:urn:mediation:$role:$caisse:$sujet\nextendedKeyUsage=clientAuth"
done
if [ ! -s jeton-signature.key ]; then
  openssl genpkey -algorithm ed25519 -out jeton-signature.key
  openssl pkey -in jeton-signature.key -pubout -out jeton-signature.pub
fi
"$CTL" jwks --cles=jeton-signature.pub >jwks.json
[ -s index-nir.key ] || openssl rand -hex 32 >index-nir.key
if [ ! -s ancrage.key ]; then
  openssl genpkey -algorithm ed25519 -out ancrage.key
  openssl pkey -in ancrage.key -pubout -out ancrage.pub
fi
for identity in accueil:591 mediateur:591 assistant:591 direction:591 cra:591 \
                national:'*' auditeur:'*' operateur:'*'; do
  IFS=: read -r role caisse <<<"$identity"
  "$CTL" jeton --signing_key=jeton-signature.key --role="$role" \
    --caisse_jeton="$caisse" --sujet="dev-$role" --validite_heures=12 \
    --issuer=mediation-dev --audience=mediation \
    >"jetons/$role.jeton"
done
echo "development credentials in $DIR"
