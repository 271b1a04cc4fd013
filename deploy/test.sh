#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, storage on real
# RocksDB, in-process services, end-to-end on the real binaries).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing_packages
build
cd "$BUILD_DIR"
ctest --output-on-failure --parallel 2 --timeout 600
