#!/usr/bin/env bash
# Runs every test (CI runs exactly this), in three phases; each prints its own
# result, and the last line sums them up. The exit status is 0 only if every
# phase passed.
#
#   1. tests     build/ (g++): the runtime's GoogleTest suites, plain and under
#                ASan+UBSan, the C API tests, the fuzzers' corpus replays, the
#                stress tests, the tool's lit and unit tests, the docs' code
#                blocks, and scripts/demo.sh and scripts/bench.sh --quick on
#                build/ (ctest)
#   2. sanitize  build-fuzz/ (clang-19, ASan+UBSan, asserts on): bumper-tool
#                and its lit and unit tests, the tool fuzzer's replay (ctest
#                -L tool);
#                the plugin and clang-tidy module tests stay in phase 1
#   3. fuzz      short libFuzzer runs from fixed seeds, in build-fuzz/: the
#                tool for 60 s, the runtime for 30 s (scripts/fuzz.sh)
#
#   scripts/test.sh [--no-tests] [--no-sanitize] [--no-fuzz] [ctest args...]
#
# ctest args go to phase 1 (e.g. scripts/test.sh -R runtime). Environment:
# BUMPER_FUZZ_BUILD (phase 2 and 3's build folder, default build-fuzz/),
# TEST_FUZZ_TOOL_SECONDS, TEST_FUZZ_RUNTIME_SECONDS (60 and 30).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
# setup.sh turns on -e; a failed phase must not stop the others.
set +e -uo pipefail

tests=1
sanitize=1
fuzz=1
while [ $# -gt 0 ]; do
  case "$1" in
  --no-tests) tests=0 ;;
  --no-sanitize) sanitize=0 ;;
  --no-fuzz) fuzz=0 ;;
  *) break ;;
  esac
  shift
done

bumper_install_missing || exit 1
summary=()
failed=0
phases_failed=0

# run_phase <name> <function>: runs it, timed, and records its result.
run_phase() {
  local name=$1 start status
  start=$(date +%s)
  echo "=== test.sh: phase $name"
  "$2"
  status=$?
  local took=$(($(date +%s) - start))
  if [ "$status" -eq 0 ]; then
    echo "=== test.sh: phase $name passed in ${took} s"
    summary+=("$name passed (${took} s)")
  else
    echo "=== test.sh: phase $name FAILED (status $status) in ${took} s"
    summary+=("$name FAILED (${took} s)")
    failed=1
    phases_failed=$((phases_failed + 1))
  fi
}

phase_tests() {
  local build=$BUMPER_ROOT/build
  bumper_configure "$build" &&
    cmake --build "$build" -j "$(bumper_jobs)" &&
    (cd "$build" && ctest --output-on-failure -j "$(nproc)" "${ctest_args[@]}")
}

phase_sanitize() {
  bumper_configure_sanitized "$BUMPER_FUZZ_BUILD" &&
    ninja -C "$BUMPER_FUZZ_BUILD" -j "$(bumper_jobs)" bumper-tool \
      bumper-tool-faults tool_unit_tests bumper_runtime tool_fuzz_replay &&
    (cd "$BUMPER_FUZZ_BUILD" && ctest --output-on-failure -j "$(nproc)" -L tool)
}

phase_fuzz() {
  local status=0
  "$BUMPER_ROOT/scripts/fuzz.sh" "${TEST_FUZZ_TOOL_SECONDS:-60}" tool -seed=1 ||
    status=1
  "$BUMPER_ROOT/scripts/fuzz.sh" "${TEST_FUZZ_RUNTIME_SECONDS:-30}" runtime \
    -seed=1 || status=1
  return "$status"
}

ctest_args=("$@")
[ "$tests" -eq 1 ] && run_phase tests phase_tests
[ "$sanitize" -eq 1 ] && run_phase sanitize phase_sanitize
[ "$fuzz" -eq 1 ] && run_phase fuzz phase_fuzz

line=$(printf '%s, ' "${summary[@]}")
if [ "$failed" -eq 0 ]; then
  echo "test.sh: ${line%, }: all passed"
else
  echo "test.sh: ${line%, }: $phases_failed of ${#summary[@]} phases FAILED"
fi
exit "$failed"
