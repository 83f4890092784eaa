#!/usr/bin/env bash
# Builds a libFuzzer target with clang-19 (ASan + UBSan) in build-fuzz/ and
# runs it for the given time, then prints the executions and the result.
#
#   scripts/fuzz.sh <seconds> [target] [libFuzzer flags...]
#
# Targets (test/fuzz/; docs/reliability.md):
#   runtime   the differential fuzzer of libbumper (default)
#   tool      bumper-tool's checks and rewrite on generated and mutated
#             sources (test/fuzz/tool_fuzz.cpp)
#
# The seed corpus is test/fuzz/corpus/<target>/ (read only); what the run
# finds goes to build-fuzz/corpus/<target>/ and is kept for the next run.
# A crash is written to build-fuzz/artifacts/<target>/; add it to the seed
# corpus (it then runs in ctest as a regression test) once it is fixed.
# Environment: FUZZ_JOBS (build jobs, default by memory), FUZZ_FORK=n (run n
# libFuzzer processes in parallel with -fork=n; default one process).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

usage() {
  sed -n '4,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
[ $# -ge 1 ] || usage
seconds=$1
shift
[[ "$seconds" =~ ^[0-9]+$ ]] || usage
target=${1:-runtime}
[ $# -ge 1 ] && shift

# target -> CMake target and its libFuzzer flags. build-fuzz/ always has the
# tool configured (its library is only compiled for the tool target), so
# switching targets never reconfigures it.
case "$target" in
runtime)
  cmake_target=runtime_fuzz
  target_args=(-max_len=4096)
  ;;
tool)
  # An input that takes over 30 s is a hang (tens of milliseconds is usual;
  # the margin is for a machine busy with other work);
  # the dictionary holds tokens of annotated code for the source-text mode.
  cmake_target=tool_fuzz
  target_args=(-max_len=4096 -timeout=30
    -dict="$BUMPER_ROOT/test/fuzz/tool.dict")
  ;;
*)
  echo "fuzz.sh: unknown target '$target' (known: runtime, tool)" >&2
  exit 2
  ;;
esac

# libFuzzer and the sanitizer runtimes for clang come with libclang-rt-19-dev
# (in setup.sh's list).
bumper_install_missing

# The sanitized build that scripts/test.sh uses too (setup.sh).
BUILD=$BUMPER_FUZZ_BUILD
bumper_configure_sanitized "$BUILD"
ninja -C "$BUILD" -j "${FUZZ_JOBS:-$(bumper_jobs)}" "$cmake_target"

seeds=$BUMPER_ROOT/test/fuzz/corpus/$target
corpus=$BUILD/corpus/$target
artifacts=$BUILD/artifacts/$target
log=$BUILD/fuzz-$target.log
mkdir -p "$corpus" "$artifacts" "$seeds"
args=(-max_total_time="$seconds" "${target_args[@]}" -print_final_stats=1
  -artifact_prefix="$artifacts/")
[ -n "${FUZZ_FORK:-}" ] && args+=(-fork="$FUZZ_FORK")

echo "fuzz.sh: $target for ${seconds}s (corpus $(ls "$corpus" | wc -l) + $(ls "$seeds" | wc -l) seeds); log $log"
start=$(date +%s)
times >"$BUILD/.times-before"
status=0
"$BUILD/bin/$cmake_target" "${args[@]}" "$@" "$corpus" "$seeds" >"$log" 2>&1 || status=$?
end=$(date +%s)
# CPU seconds (user + sys) of the fuzzer: the children's times after the run
# minus before it (cmake and ninja).
times >"$BUILD/.times-after"
cpu_of() {
  awk 'NR == 2 { split($1, u, "m"); split($2, s, "m");
    printf "%.0f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$1"
}
cpu=$(($(cpu_of "$BUILD/.times-after") - $(cpu_of "$BUILD/.times-before")))

# With -fork, each job prints its own final stats: the parent's last "#N:"
# line counts all executions. The log is read as text (-a): a failing input
# is printed into it, and it may hold any byte.
execs=
[ -n "${FUZZ_FORK:-}" ] ||
  execs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
[ -n "$execs" ] || execs=$(grep -aoE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
rss=$(grep -ao 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' | sort -n | tail -1 || true)
cov=$(grep -aoE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
echo "fuzz.sh: target $target: ${execs:-?} executions in $((end - start)) s wall," \
  "${cpu} s CPU," \
  "corpus $(ls "$corpus" | wc -l) inputs, ${cov:-cov ?}, peak RSS ${rss:-?} MB"
if [ "$status" -eq 0 ]; then
  echo "fuzz.sh: result: no failure"
else
  echo "fuzz.sh: result: FAILURE (exit $status); see $log and $artifacts/" >&2
  # A CI machine's build directory is gone after the run: print what failed
  # and the failing input itself, so that the log alone reproduces it
  # (base64 -d > crash; build-fuzz/bin/<target> crash).
  awk '/invariant violated/ { shown = 1 } shown && n++ < 80 { print }
    /^--- end of input ---/ { shown = 0 }
    /ERROR|check failed|SUMMARY|Test unit written/ && !shown { print }' \
    "$log" | cat -v >&2
  unit=$(grep -ao 'Test unit written to [^ ]*' "$log" | tail -1 | sed 's/^Test unit written to //' || true)
  if [ -n "$unit" ] && [ -f "$unit" ]; then
    echo "fuzz.sh: the failing input ($(wc -c <"$unit") bytes), as base64:" >&2
    base64 "$unit" >&2
  fi
fi
exit "$status"
