#!/usr/bin/env bash
# bumper-tool speed: is the tool about as fast as the compiler's front end?
#
#  1. A large real translation unit, googletest's gtest-all.cc (Debian's
#     googletest package): bumper-tool against `clang++-19 -fsyntax-only` with
#     the same flags. Target: at most 1.1x.
#  2. A generated file with N annotated blocks and one with 4N: the tool's
#     time must grow at most linearly (at most 4.4x for 4x the blocks).
#
# Times are CPU seconds (user + sys) of the child process, the median of
# RUNS runs, the runs of all commands interleaved so that a busy machine
# slows them alike. Wall-clock medians are printed too.
#
# Usage: scripts/bench-tool.sh [--quick]   (uses build/bin/bumper-tool)
#   --quick  a smoke test of a few seconds: one run of each command, no
#            warm-up run, 50 and 200 blocks (RUNS and BLOCKS still win when
#            set); the ratios of a single run are noise, not a measurement.
#            ctest runs it (script-bench-tool-quick).
#   BUMPER_TOOL=path  RUNS=7  BLOCKS=1000  CLANGXX=clang++-19
#   GTEST_DIR=/usr/src/googletest/googletest  STRICT=1 (exit 1 on a missed target)
# Build the tool in Release first (cmake -DCMAKE_BUILD_TYPE=Release).
set -euo pipefail

quick=0
for arg in "$@"; do
  case $arg in
  --quick) quick=1 ;;
  *)
    echo "bench-tool.sh: unknown argument '$arg' (usage: scripts/bench-tool.sh [--quick])" >&2
    exit 2
    ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOL=${BUMPER_TOOL:-$ROOT/build/bin/bumper-tool}
CLANGXX=${CLANGXX:-clang++-19}
if [ "$quick" = 1 ]; then
  RUNS=${RUNS:-1}
  BLOCKS=${BLOCKS:-50}
else
  RUNS=${RUNS:-7}
  BLOCKS=${BLOCKS:-1000}
fi
GTEST_DIR=${GTEST_DIR:-/usr/src/googletest/googletest}
STRICT=${STRICT:-0}

if [[ ! -x $TOOL ]]; then
  echo "bench-tool.sh: no bumper-tool at $TOOL (set BUMPER_TOOL or build it)" >&2
  exit 2
fi
if [[ ! -f $GTEST_DIR/src/gtest-all.cc ]]; then
  echo "bench-tool.sh: no $GTEST_DIR/src/gtest-all.cc (apt-get install googletest)" >&2
  exit 2
fi

exec python3 - "$TOOL" "$CLANGXX" "$RUNS" "$BLOCKS" "$GTEST_DIR" "$ROOT" "$STRICT" "$quick" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, tempfile, time

tool, clangxx, runs, blocks, gtest, root, strict, quick = sys.argv[1:]
runs, blocks, strict, quick = int(runs), int(blocks), strict == "1", quick == "1"

def generate(path, n):
    # Each function: a block with scratch allocations, derived pointers, a
    # store that is cleared before the block ends, a nested block, loops. All
    # clean, so the run measures analysis, not diagnostic printing.
    out = ["#include <bumper/bumper.hpp>", "#include <span>", "",
           "double *g_last;", ""]
    for i in range(n):
        out.append(f"""double work{i}(const double *in, int n) {{
  double result = 0;
  [[bumper::no_escape]] {{
    bumper::NoEscape guard;
    std::span<double> tmp = bumper::alloc<double>(n);
    double *p = tmp.data();
    for (int k = 0; k < n; ++k)
      p[k] = in[k] * {i % 7 + 2};
    if (n > 4) {{
      double *q = p + 1;
      g_last = q;
      g_last = nullptr;
    }}
    [[bumper::no_escape]] {{
      bumper::NoEscape inner;
      auto s = bumper::alloc<int>(n);
      s[0] = static_cast<int>(p[0]);
      result += s[0];
    }}
    for (double v : tmp)
      result += v;
  }}
  return result;
}}
""")
    with open(path, "w") as f:
        f.write("\n".join(out))

def measure(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode(errors="replace")[-2000:])
        sys.exit(f"bench-tool.sh: failed ({r.returncode}): {' '.join(cmd)}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall

tmp = tempfile.mkdtemp(prefix="bench-tool.")
small, large = os.path.join(tmp, "blocks-n.cpp"), os.path.join(tmp, "blocks-4n.cpp")
generate(small, blocks)
generate(large, 4 * blocks)

gflags = ["-std=c++17", "-I" + gtest, "-I" + os.path.join(gtest, "include")]
bflags = ["-std=c++20", "-I" + os.path.join(root, "include")]
# The compiler would warn about the (to it unknown) attribute 2 x N times; the
# tool knows it. Quiet, as the runtime's CMake target makes real builds.
quiet = ["-Wno-unknown-attributes"]
src = os.path.join(gtest, "src", "gtest-all.cc")
cases = {
    "gtest clang": [clangxx, "-fsyntax-only"] + gflags + [src],
    "gtest tool": [tool, src, "--"] + gflags,
    "n clang": [clangxx, "-fsyntax-only"] + bflags + quiet + [small],
    "n tool": [tool, small, "--"] + bflags,
    "4n clang": [clangxx, "-fsyntax-only"] + bflags + quiet + [large],
    "4n tool": [tool, large, "--"] + bflags,
}
samples = {k: [] for k in cases}
if not quick:
    for k, c in cases.items():  # warm the page cache once
        measure(c)
for _ in range(runs):
    for k, c in cases.items():
        samples[k].append(measure(c))

cpu = {k: statistics.median(s[0] for s in v) for k, v in samples.items()}
wall = {k: statistics.median(s[1] for s in v) for k, v in samples.items()}

rows = []
def row(name, a, b, target=None):
    ratio = cpu[b] / cpu[a]
    ok = "" if target is None else ("ok" if ratio <= target else "MISSED")
    rows.append((name, f"{cpu[a]:.2f} s", f"{cpu[b]:.2f} s", f"{ratio:.2f}x",
                 f"{wall[b] / wall[a]:.2f}x",
                 "" if target is None else f"<= {target}x {ok}"))
    return ratio

missed = False
missed |= row("gtest-all.cc: tool vs -fsyntax-only", "gtest clang", "gtest tool", 1.1) > 1.1
row(f"{blocks} blocks: tool vs -fsyntax-only", "n clang", "n tool")
row(f"{4 * blocks} blocks: tool vs -fsyntax-only", "4n clang", "4n tool")
missed |= row(f"tool: {4 * blocks} vs {blocks} blocks", "n tool", "4n tool", 4.4) > 4.4
row(f"-fsyntax-only: {4 * blocks} vs {blocks} blocks", "n clang", "4n clang")

head = ("measurement", "baseline (CPU)", "measured (CPU)", "ratio (CPU)",
        "ratio (wall)", "target")
widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
def line(r):
    return "| " + " | ".join(str(x).ljust(w) for x, w in zip(r, widths)) + " |"
print(f"bumper-tool speed: median of {runs} interleaved runs; {os.cpu_count()} CPUs, "
      f"load {os.getloadavg()[0]:.1f}"
      + ("; --quick: a smoke test, the ratios are noise" if quick else ""))
print(line(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print(line(r))
# The analysis's own share: the tool minus the front end, per block.
per_block_n = (cpu["n tool"] - cpu["n clang"]) / blocks * 1000
per_block_4n = (cpu["4n tool"] - cpu["4n clang"]) / (4 * blocks) * 1000
print(f"tool minus -fsyntax-only, per block: {per_block_n:.3f} ms ({blocks} blocks), "
      f"{per_block_4n:.3f} ms ({4 * blocks} blocks)")
shutil.rmtree(tmp, ignore_errors=True)
sys.exit(1 if (missed and strict) else 0)
PY
