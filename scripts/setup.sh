#!/usr/bin/env bash
# Installs what Bumper needs to build and test, only if it is missing, then
# configures build/ (Ninja). Sourced by the other scripts; safe to run alone.
#   scripts/setup.sh [build-dir] [extra cmake args...]
set -euo pipefail

BUMPER_PACKAGES=(cmake ninja-build g++ python3 pkg-config
  llvm-19-dev libclang-19-dev clang-19 llvm-19-tools clang-tidy-19
  libgtest-dev libgmock-dev libbenchmark-dev)
# clang-19's ASan, UBSan and libFuzzer runtimes: the sanitizer build and the
# fuzzers (scripts/test.sh, scripts/fuzz.sh).
BUMPER_PACKAGES+=(libclang-rt-19-dev)
# test/tool/sarif.test validates SARIF with ajv-cli from npm (installed into
# the build tree by test/tool/sarif/validate.py), and the pre-commit hook's
# test needs git. Node may come from elsewhere (NodeSource's nodejs package
# carries npm and conflicts with Debian's), so ask Debian only when missing.
command -v npm >/dev/null 2>&1 || BUMPER_PACKAGES+=(nodejs npm)
command -v git >/dev/null 2>&1 || BUMPER_PACKAGES+=(git)

bumper_install_missing() {
  local missing=()
  for pkg in "${BUMPER_PACKAGES[@]}"; do
    # No pipe into grep -q: under pipefail its early exit can fail the writer.
    [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" == *"install ok installed"* ]] ||
      missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# bumper_configure <build-dir> [cmake args...]: configure once; later runs
# only rebuild what changed (Ninja re-runs CMake itself when needed).
bumper_configure() {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -G Ninja -S "$BUMPER_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_COMPILER=g++ -DCMAKE_C_COMPILER=gcc "$@"
  fi
}

# bumper_configure_sanitized <build-dir>: clang-19 with ASan and UBSan on
# everything (-fno-sanitize-recover), asserts on (Debug, optimised with -O1),
# and the libFuzzer targets. scripts/test.sh's sanitizer phase and
# scripts/fuzz.sh share this build (BUMPER_FUZZ_BUILD, default build-fuzz/).
bumper_configure_sanitized() {
  local dir=$1
  cmake -G Ninja -S "$BUMPER_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_C_FLAGS_DEBUG="-O1 -gline-tables-only" \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
    -DBUMPER_SANITIZE=address,undefined -DBUMPER_FUZZERS=ON \
    -DBUMPER_BUILD_TOOL=ON -DBUMPER_BUILD_BENCHMARKS=OFF \
    -DBUMPER_BUILD_EXAMPLES=OFF -DBUMPER_SANITIZER_TESTS=OFF >/dev/null
}

# Cap parallel jobs by memory: a Clang-heavy translation unit needs over 1 GB.
# BUMPER_JOBS=n sets it (a machine shared with others).
bumper_jobs() {
  if [ -n "${BUMPER_JOBS:-}" ]; then
    echo "$BUMPER_JOBS"
    return
  fi
  local cores mem_gb
  cores=$(nproc)
  mem_gb=$(awk '/MemAvailable/ {print int($2 / 1048576)}' /proc/meminfo)
  local by_mem=$((mem_gb / 2))
  [ "$by_mem" -lt 1 ] && by_mem=1
  echo $((cores < by_mem ? cores : by_mem))
}

BUMPER_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUMPER_FUZZ_BUILD=${BUMPER_FUZZ_BUILD:-$BUMPER_ROOT/build-fuzz}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  bumper_install_missing
  dir=${1:-$BUMPER_ROOT/build}
  shift || true
  bumper_configure "$dir" "$@"
fi
