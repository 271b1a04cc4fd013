#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, storage on real
# RocksDB, in-process services, end-to-end on the real binaries), after
# buf lint and buf breaking on the protos.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing_packages
install_node_tools
build
bash "$REPO/deploy/check-proto.sh" "$REPO" "$BUF"
cd "$BUILD_DIR"
ctest --output-on-failure --parallel 2 --timeout 600
