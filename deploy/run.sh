#!/usr/bin/env bash
# Installs what is missing, builds, makes development credentials in
# ./mediation-dev (where mediationctl looks for them), and runs mediationd in
# the foreground on the embedded defaults: TLS on 127.0.0.1:50051, data in
# ./mediation-data, metrics on http://127.0.0.1:9464/metrics, the report and
# dashboard on https://127.0.0.1:8443/tableau-de-bord, logs as text
# (the service logs JSON by default). Extra arguments go to mediationd.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing_packages
build
CREDENTIALS="$REPO/mediation-dev"
bash "$REPO/deploy/make-dev-credentials.sh" "$CREDENTIALS" \
  "$BUILD_DIR/cmd/mediationctl/mediationctl"
exec "$BUILD_DIR/cmd/mediationd/mediationd" --listen=127.0.0.1:50051 \
  --data_dir="$REPO/mediation-data" \
  --tls_cert="$CREDENTIALS/server.pem" --tls_key="$CREDENTIALS/server.key" \
  --tls_client_ca="$CREDENTIALS/ca.pem" \
  --jwks="$CREDENTIALS/jwks.json" --jwt_issuer=mediation-dev \
  --cle_index_nir="$CREDENTIALS/index-nir.key" --cle_ancrage="$CREDENTIALS/ancrage.key" \
  --metrics_listen=127.0.0.1:9464 --pages_listen=127.0.0.1:8443 \
  --log_format=text "$@"
