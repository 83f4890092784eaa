#!/usr/bin/env bash
# bumper-tool speed: is the tool about as fast as the compiler's front end?
#
#  1. A large real translation unit, googletest's gtest-all.cc (Debian's
#     googletest package): bumper-tool against `clang++-19 -fsyntax-only` with
#     the same flags. Target: at most 1.1x.
#  2. A generated file with N annotated blocks and one with 4N: the tool's
#     time must grow at most linearly (at most 4.4x for 4x the blocks).
#  3. A generated compilation database of UNITS files that call each other's
#     functions: the whole database checked with whole-program summaries (a
#     first run, no summaries file yet) against checking its files one by one
#     without them (--summaries=none). Target: at most 1.3x. Then a second
#     run with nothing changed against the first. Target: at most 0.2x.
#  4. bumper-tool --merge-summaries over MERGE generated per-unit summary
#     files (as the compiler plugin writes them, 20 functions each): its
#     time, once.
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
#   BUMPER_TOOL=path  RUNS=7  BLOCKS=1000  UNITS=24  MERGE=3000
#   CLANGXX=clang++-19
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
  UNITS=${UNITS:-4}
  MERGE=${MERGE:-100}
else
  RUNS=${RUNS:-7}
  BLOCKS=${BLOCKS:-1000}
  UNITS=${UNITS:-24}
  MERGE=${MERGE:-3000}
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

exec python3 - "$TOOL" "$CLANGXX" "$RUNS" "$BLOCKS" "$GTEST_DIR" "$ROOT" "$STRICT" "$quick" "$UNITS" "$MERGE" <<'PY'
import json, os, resource, shutil, statistics, subprocess, sys, tempfile, time

tool, clangxx, runs, blocks, gtest, root, strict, quick, units, merge = sys.argv[1:]
runs, blocks, strict, quick = int(runs), int(blocks), strict == "1", quick == "1"
units, merge = int(units), int(merge)

def generate_unit_summaries(folder, n):
    # What -fplugin-arg-bumper-summary-out writes, for n units of 20
    # functions each (a few keep or return a parameter).
    os.makedirs(folder)
    for u in range(n):
        functions = []
        for f in range(20):
            fn = {"usr": f"c:@F@f_{u}_{f}#*1C#I#", "name": f"f_{u}_{f}",
                  "arity": 2}
            if f % 5 == 0:
                fn["params"] = [{"index": 0, "global": True, "where": f"g_{u}",
                                 "at": f"/src/unit_{u}.cpp:{f + 10}"}]
            if f % 3 == 0:
                fn["returns"] = [0]
            functions.append(fn)
        index = {"version": 1, "units": [{"file": f"/src/unit_{u}.cpp",
                                          "command": "", "inputs": {},
                                          "functions": functions}]}
        with open(os.path.join(folder, f"unit_{u}.o.bumper-summary.json"), "w") as f:
            json.dump(index, f)

def generate_database(folder, n):
    # Unit i defines save_i (copies into a pool), keep_i (copies a value) and
    # a few helpers; every fourth unit has a no_escape block that calls the
    # next unit's functions. Clean with and without summaries.
    os.makedirs(folder)
    decls = ["#pragma once", "#include <string>", "#include <vector>"]
    for i in range(n):
        decls += [f"const char *save_{i}(const char *s, int n);",
                  f"void keep_{i}(const int *p);",
                  f"std::string join_{i}(const std::vector<std::string> &v);"]
    with open(os.path.join(folder, "decls.h"), "w") as f:
        f.write("\n".join(decls) + "\n")
    commands = []
    for i in range(n):
        j = (i + 1) % n
        body = [f'#include "decls.h"', "#include <bumper/bumper.hpp>",
                "#include <map>", "#include <cstring>", "",
                f"static int g_first_{i};",
                f"const char *save_{i}(const char *s, int n) {{",
                "  static std::string pool;", "  pool.assign(s, n);",
                "  return pool.c_str();", "}",
                f"void keep_{i}(const int *p) {{ g_first_{i} = *p; }}",
                f"std::string join_{i}(const std::vector<std::string> &v) {{",
                "  std::string out;", "  std::map<std::string, int> seen;",
                "  for (const auto &s : v)",
                "    if (seen[s]++ == 0)", "      out += s;", "  return out;", "}"]
        if i % 4 == 0:
            body += [f"int use_{i}(int n) {{", "  int r = 0;",
                     "  [[bumper::no_escape]] {", "    bumper::NoEscape guard;",
                     "    char *tok = bumper::alloc<char>(n).data();",
                     "    std::memset(tok, 'a', n);",
                     f"    r += save_{j}(tok, n)[0];",
                     f"    keep_{j}(bumper::alloc<int>(1).data());", "  }",
                     "  return r;", "}"]
        name = f"unit_{i}.cpp"
        with open(os.path.join(folder, name), "w") as f:
            f.write("\n".join(body) + "\n")
        commands.append({"directory": folder, "file": name,
                         "command": f"clang++ -std=c++20 -I{root}/include -c {name}"})
    with open(os.path.join(folder, "compile_commands.json"), "w") as f:
        json.dump(commands, f)

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
db = os.path.join(tmp, "db")
generate_database(db, units)
index = os.path.join(db, "bumper-summaries.json")

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
    # In this order: the first run starts without a summaries file, the
    # second finds it up to date.
    "db none": [tool, "-p", db, "-j1", "--quiet", "--summaries=none"],
    "db first": ["sh", "-c", 'rm -f "$0" && exec "$@"', index, tool, "-p", db,
                 "-j1", "--quiet"],
    "db second": [tool, "-p", db, "-j1", "--quiet"],
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
missed |= row(f"{units} units: with summaries (first run) vs without",
              "db none", "db first", 1.3) > 1.3
missed |= row(f"{units} units: second run, nothing changed, vs first",
              "db first", "db second", 0.2) > 0.2

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
merged = os.path.join(tmp, "merged.json")
generate_unit_summaries(os.path.join(tmp, "objects"), merge)
merge_cpu, merge_wall = measure([tool, "--merge-summaries", merged,
                                 os.path.join(tmp, "objects"), "--quiet"])
print(f"--merge-summaries of {merge} units ({20 * merge} functions): "
      f"{merge_cpu:.2f} s CPU, {merge_wall:.2f} s wall, "
      f"{os.path.getsize(merged) / 1e6:.1f} MB index")
print(f"tool minus -fsyntax-only, per block: {per_block_n:.3f} ms ({blocks} blocks), "
      f"{per_block_4n:.3f} ms ({4 * blocks} blocks)")
shutil.rmtree(tmp, ignore_errors=True)
sys.exit(1 if (missed and strict) else 0)
PY
