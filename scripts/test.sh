#!/usr/bin/env bash
# Runs every test: installs what is missing, configures and builds build/,
# then runs ctest (the runtime's GoogleTest suites, plain and under
# ASan+UBSan, the C API tests, and the tool's lit tests).
#   scripts/test.sh [ctest args...]     e.g. scripts/test.sh -R runtime
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
bumper_install_missing
BUILD=$BUMPER_ROOT/build
bumper_configure "$BUILD"
cmake --build "$BUILD" -j "$(bumper_jobs)"
cd "$BUILD"
ctest --output-on-failure -j "$(nproc)" "$@"
