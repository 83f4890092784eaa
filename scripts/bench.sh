#!/usr/bin/env bash
# Builds the benchmarks in Release (build-bench/), runs them once and prints one
# table: libbumper against std::vector, malloc, std::pmr, llvm::BumpPtrAllocator
# and alloca, and kernels written with a std::vector per item against
# bumper-tool's conversion of them, with ratios from that same run. See
# docs/benchmarks.md.
#
#   scripts/bench.sh [--quick] [--median] [--asm] [--no-tool] [--build=<dir>]
#                    [extra Google Benchmark flags...]
#
#   --quick  a smoke test of seconds: 2 repetitions of 0.05 s per benchmark, and
#            bench-tool.sh --quick; the ratios are noise. ctest runs it
#            (script-bench-quick)
#   --median judge by the median of the repetitions instead of the fastest
#   --asm    also print the disassembly of seed_bumper_default and seed_alloca
#   --no-tool  skip the second part: bumper-tool against clang -fsyntax-only
#              (scripts/bench-tool.sh, on the Release tool in build/); the
#              heap-temporary kernels are still converted with build/'s tool if
#              build/ builds one, and skipped (the table says so) if not
#   --build=<dir>  use this configured Release build folder for both parts
#              (its bumper_bench and bumper-tool, built if out of date) instead
#              of build-bench/ and build/, and install nothing; what ctest does
#
# Results: build-bench/bench.json (every repetition), build-bench/bench-console.txt
# (in <dir> with --build).
# Exit status 0 whether the targets are met or not (the table says so); non-zero
# only if the build or the run fails.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

reps=10
min_time=0.1
show_asm=0
stat=min
run_tool=1
quick=0
duration="1-2 minutes"
build_dir=""
extra=()
for arg in "$@"; do
  case $arg in
  --quick) reps=2 min_time=0.05 quick=1 duration="seconds" ;;
  --asm) show_asm=1 ;;
  --median) stat=median ;;
  --no-tool) run_tool=0 ;;
  --build=*) build_dir=${arg#--build=} ;;
  *) extra+=("$arg") ;;
  esac
done

# An existing build (--build) has what it needs: nothing is installed then,
# so ctest never runs apt-get.
[ -n "$build_dir" ] || bumper_install_missing
if [ -n "$build_dir" ]; then
  [ -f "$build_dir/build.ninja" ] || {
    echo "bench.sh: --build=$build_dir is not a configured (Ninja) build folder" >&2
    exit 2
  }
  dir=$(cd "$build_dir" && pwd)
else
  dir=$BUMPER_ROOT/build-bench
  # build-bench/ builds no bumper-tool; the heap-temporary kernels are
  # converted at build time by build/'s (BUMPER_BENCH_TOOL), brought up to
  # date first: the second part needs it anyway, and with --no-tool it is used
  # when build/ builds one.
  tool_build=$BUMPER_ROOT/build
  bench_tool=()
  if [ "$run_tool" = 1 ] || grep -s '^BUMPER_BUILD_TOOL:BOOL=ON' "$tool_build/CMakeCache.txt" >/dev/null; then
    bumper_configure "$tool_build"
    cmake --build "$tool_build" --target bumper-tool -j "$(bumper_jobs)"
    bench_tool=(-DBUMPER_BENCH_TOOL="$tool_build/bin/bumper-tool")
    # bumper_configure passes its arguments only to a first configure.
    [ ! -f "$dir/build.ninja" ] || cmake -S "$BUMPER_ROOT" -B "$dir" "${bench_tool[@]}" >/dev/null
  fi
  bumper_configure "$dir" -DBUMPER_BUILD_TOOL=OFF -DBUMPER_BUILD_TESTS=OFF \
    -DBUMPER_BUILD_EXAMPLES=OFF -DBUMPER_BUILD_BENCHMARKS=ON "${bench_tool[@]}"
fi
# bumper_instructions: report.py counts the n = 3 kernels' instructions with it.
cmake --build "$dir" --target bumper_bench bumper_instructions -j "$(bumper_jobs)"
bin=$dir/bin/bumper_bench

# --- The machine --------------------------------------------------------------
cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$dir/CMakeCache.txt")
cxxflags=$(sed -n 's/^CMAKE_CXX_FLAGS_RELEASE:[A-Z]*=//p' "$dir/CMakeCache.txt")
# (GNU sed takes no command block after s///'s flags: match, then substitute.)
cpu=$(sed -n '/^model name[[:space:]]*: /{s///p;q}' /proc/cpuinfo)
mhz=$(sed -n '/^cpu MHz[[:space:]]*: /{s///p;q}' /proc/cpuinfo)
echo "== Bumper benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:  ${cpu:-unknown CPU}${mhz:+ @ ${mhz%.*} MHz}, $(nproc) cores online, $(uname -srm)"
echo "compiler: $("$cxx" --version | sed -n 1p), Release flags: $cxxflags"
echo "commit:   $(git -C "$BUMPER_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(
  git -C "$BUMPER_ROOT" diff --quiet HEAD -- include runtime bench 2>/dev/null || echo ' (+ local changes)')"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) before the run"

# Google Benchmark >= 1.8 wants a unit ("0.2s"); Debian 12's 1.7.1 rejects one
# and takes plain seconds.
if "$bin" --benchmark_min_time=0.01s --benchmark_filter='^$' >/dev/null 2>&1; then
  min_time_flag="--benchmark_min_time=${min_time}s"
else
  min_time_flag="--benchmark_min_time=${min_time}"
fi

# Pinned to one core, and without address-space randomisation when the
# machine allows it: then alloca's stack and the arenas' memory sit at the same
# addresses in every run, and the small-n rows do not depend on where ASLR put
# them (docs/benchmarks.md, "Reading the small-n rows").
runner=()
if command -v setarch >/dev/null && setarch -R true 2>/dev/null; then
  runner+=(setarch -R)
fi
if command -v taskset >/dev/null && taskset -c "$(($(nproc) - 1))" true 2>/dev/null; then
  runner+=(taskset -c "$(($(nproc) - 1))")
fi
echo "running:  $reps repetitions of each, interleaved at random, ${min_time}s each (${duration})${runner[*]:+, under '${runner[*]}'}..."
echo
"${runner[@]}" "$bin" "$min_time_flag" --benchmark_repetitions="$reps" \
  --benchmark_enable_random_interleaving=true \
  --benchmark_out="$dir/bench.json" --benchmark_out_format=json \
  "${extra[@]}" >"$dir/bench-console.txt" 2>&1 || {
  cat "$dir/bench-console.txt"
  echo "bench: bumper_bench failed" >&2
  exit 1
}

python3 "$BUMPER_ROOT/bench/report.py" "$dir/bench.json" --binary "$bin" --stat "$stat"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) after the run; numbers from a loaded machine are noisier"

if [ "$show_asm" = 1 ]; then
  for fn in seed_bumper_default seed_alloca; do
    echo
    objdump -d --no-show-raw-insn --disassemble="$fn" "$bin" | sed -n '/^[0-9a-f]* <'"$fn"'>:/,$p'
  done
fi

# --- bumper-tool speed (issue 4): gtest-all.cc and N vs 4N blocks -------------
if [ "$run_tool" = 1 ]; then
  echo
  tool_build=${build_dir:+$dir}
  tool_build=${tool_build:-$BUMPER_ROOT/build}
  echo "bumper-tool speed (scripts/bench-tool.sh; $tool_build is a Release build):"
  bumper_configure "$tool_build"
  cmake --build "$tool_build" --target bumper-tool -j "$(bumper_jobs)"
  tool_args=()
  [ "$quick" = 1 ] && tool_args+=(--quick)
  BUMPER_TOOL=$tool_build/bin/bumper-tool "$BUMPER_ROOT/scripts/bench-tool.sh" "${tool_args[@]}"
fi
