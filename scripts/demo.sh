#!/usr/bin/env bash
# The main job: installs what is missing, builds, then shows Bumper on
# examples/: bumper-tool's diagnostics and diff on a scratch copy, --fix, and
# the rewritten programs built against libbumper and run.
#
#   scripts/demo.sh [--build=<dir>]
#
#   --build=<dir>  use this configured build folder (brought up to date)
#                  instead of build/, and install nothing; what ctest does
#                  (script-demo)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
BUILD=$BUMPER_ROOT/build
given_build=0
for arg in "$@"; do
  case $arg in
  --build=*) BUILD=${arg#--build=} given_build=1 ;;
  *)
    echo "demo.sh: unknown argument '$arg' (usage: scripts/demo.sh [--build=<dir>])" >&2
    exit 2
    ;;
  esac
done
# An existing build (--build) has what it needs: nothing is installed then,
# so ctest never runs apt-get.
[ "$given_build" = 1 ] || bumper_install_missing
bumper_configure "$BUILD"
cmake --build "$BUILD" -j "$(bumper_jobs)"
exec "$BUMPER_ROOT/scripts/run-examples.sh" "$BUILD"
