#!/usr/bin/env bash
# The main job: installs what is missing, builds, then shows Bumper on
# examples/: bumper-tool's diagnostics and diff on a scratch copy, --fix, and
# the rewritten programs built against libbumper and run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
bumper_install_missing
BUILD=$BUMPER_ROOT/build
bumper_configure "$BUILD"
cmake --build "$BUILD" -j "$(bumper_jobs)"
exec "$BUMPER_ROOT/scripts/run-examples.sh" "$BUILD"
