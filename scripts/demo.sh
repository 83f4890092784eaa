#!/usr/bin/env bash
# The main job: installs what is missing, builds, then shows Bumper on
# examples/: bumper-tool's diagnostics and diff on a scratch copy, --fix, and
# the rewritten programs built against libbumper and run.
#
#   scripts/demo.sh [--build=<dir>]
#
#   --build=<dir>  use this configured build folder (brought up to date)
#                  instead of build/; what ctest does (script-demo)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
BUILD=$BUMPER_ROOT/build
for arg in "$@"; do
  case $arg in
  --build=*) BUILD=${arg#--build=} ;;
  *)
    echo "demo.sh: unknown argument '$arg' (usage: scripts/demo.sh [--build=<dir>])" >&2
    exit 2
    ;;
  esac
done
bumper_install_missing
bumper_configure "$BUILD"
cmake --build "$BUILD" -j "$(bumper_jobs)"
exec "$BUMPER_ROOT/scripts/run-examples.sh" "$BUILD"
