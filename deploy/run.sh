#!/usr/bin/env bash
# Installs what is missing, builds, and runs mediationd in the foreground on
# the embedded defaults: 127.0.0.1:50051, data in ./mediation-data.
# Extra arguments go to mediationd (e.g. --listen=127.0.0.1:6000).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing_packages
build
exec "$BUILD_DIR/services/mediationd" --listen=127.0.0.1:50051 \
  --data_dir="$REPO/mediation-data" "$@"
