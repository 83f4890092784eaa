#!/usr/bin/env bash
# The conversion trial (docs/realworld.md, "bumper-heap-temporary on real
# projects"): a project's own build, test suite and benchmark, before and
# after bumper-tool --checks=bumper-heap-temporary --fix has converted its
# scratch std::vector / std::unique_ptr<T[]> temporaries to arena memory.
#
#   scripts/convert-trial.sh <source-dir> <work-dir> [cmake args...]
#
# <source-dir> is a CMake project (a clean checkout: the trial edits it in
# place; `git -C <source-dir> checkout .` undoes it). Nothing is annotated by
# hand: the check finds the candidates over the whole compilation database
# (every source of it, and the headers under <source-dir>).
#
# Environment:
#   CC, CXX          the compiler (default gcc and g++)
#   BUMPER_TOOL      the tool (default build/bin/bumper-tool)
#   BUMPER_PREFIX    an installed Bumper (default: installs build/ into
#                    <work-dir>/prefix); the project is built with
#                    -I$BUMPER_PREFIX/include and linked with libbumper.a,
#                    before and after, so that only the conversion differs
#   TRIAL_TEST       the test command, run in the build folder
#                    (default: ctest --output-on-failure -j $TRIAL_JOBS)
#   TRIAL_BENCH      a benchmark command, run in the build folder before and
#                    after (default: none); Google Benchmark's console output,
#                    or lines "<name> ... <time> <unit> per ...", is compared
#                    benchmark by benchmark (geometric mean of after/before)
#   TRIAL_JOBS       build and tool jobs (default 2)
#   TRIAL_FILES      --files=<regex> for the tool (default: every source)
#   TRIAL_TOOL_ARGS  more tool options (--extra-arg=..., --remove-arg=...)
#   TRIAL_NICE       niceness of the builds, the tool and the tests (default 5)
#
# Prints one line per step and a closing line of figures: candidates,
# converted, refused by reason, build, tests before/after, benchmark
# before/after. Exits non-zero if the tool fails, a second --fix changes
# anything, or the converted project does not build or its tests fail.
# The logs stay in <work-dir>: explain.log (every candidate, with the reason
# of each refusal), fix.log, fix-again.log, conversion.diff, build-*.log,
# tests-*.log, bench-*.log, refusals.txt.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src=$(cd "$1" && pwd)
work=$(mkdir -p "$2" && cd "$2" && pwd)
shift 2
tool=${BUMPER_TOOL:-$root/build/bin/bumper-tool}
jobs=${TRIAL_JOBS:-2}
nice=(nice -n "${TRIAL_NICE:-5}")
export CC=${CC:-gcc} CXX=${CXX:-g++}
prefix=${BUMPER_PREFIX:-$work/prefix}
if [ -z "${BUMPER_PREFIX:-}" ]; then
  cmake --install "$root/build" --prefix "$prefix" >/dev/null
fi
name=$(basename "$src")
commit=$(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?')

build=$work/build
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_CXX_STANDARD=20 \
  "-DCMAKE_CXX_FLAGS=-I$prefix/include" \
  "-DCMAKE_CXX_STANDARD_LIBRARIES=$prefix/lib/libbumper.a" \
  "$@" >"$work/configure.log"

run_tests() {
  (cd "$build" && "${nice[@]}" bash -c "${TRIAL_TEST:-ctest --output-on-failure -j $jobs}") \
    >"$work/tests-$1.log" 2>&1
}
# The test figure: ctest's "N% tests passed, ..." line, else gtest's
# "[  PASSED  ] N tests." lines summed, else the exit status alone.
test_figure() {
  local log=$work/tests-$1.log line
  line=$(grep -E '^[0-9]+% tests passed' "$log" | tail -1 || true)
  if [ -z "$line" ]; then
    line=$(awk '/^\[  PASSED  \] [0-9]+ test/ {n += $4} END {if (n) print n " gtest tests passed"}' "$log")
  fi
  echo "$line"
}
run_bench() {
  [ -n "${TRIAL_BENCH:-}" ] || return 0
  local t0 status=0
  t0=$(date +%s.%N)
  (cd "$build" && "${nice[@]}" bash -c "$TRIAL_BENCH") >"$work/bench-$1.log" 2>&1 || status=$?
  echo "$(echo "$(date +%s.%N) - $t0" | bc)$([ $status = 0 ] || echo " (FAILED: exit $status)")" \
    >"$work/bench-$1.time"
}

start=$(date +%s)
echo "convert-trial: building $name ($commit) as it is ($CXX)"
"${nice[@]}" ninja -C "$build" -j "$jobs" >"$work/build-before.log"
run_tests before && before=passed || before=FAILED
echo "convert-trial: its tests before: $before ($(test_figure before))"
run_bench before
[ -z "${TRIAL_BENCH:-}" ] || echo "convert-trial: benchmark before: $(cat "$work/bench-before.time") s"

args=(--checks=bumper-heap-temporary --summary -j "$jobs" -p "$build"
  "--header-filter=^$src/")
[ -z "${TRIAL_FILES:-}" ] || args+=("--files=$TRIAL_FILES")
# shellcheck disable=SC2206
[ -z "${TRIAL_TOOL_ARGS:-}" ] || args+=($TRIAL_TOOL_ARGS)

explain=0
"${nice[@]}" "$tool" --explain "${args[@]}" >"$work/explain.log" 2>&1 || explain=$?
echo "convert-trial: bumper-tool --explain: exit $explain; $(grep '^bumper-tool: .* file' "$work/explain.log" | tail -1)"
# Candidates, conversions and refusals by reason, from the remarks' text:
# a line and a name are left out of each reason, the members named in
# parentheses ('resize') are kept.
read -r candidates convertible refused < <(python3 - "$work/explain.log" "$work/refusals.txt" <<'EOF'
import collections, re, sys
conv, refused = 0, collections.Counter()
for line in open(sys.argv[1], errors="replace"):
    if not line.rstrip().endswith("[bumper-heap-temporary]"):
        continue
    if ": warning: " in line:
        conv += 1
    elif ": remark: " in line:
        m = re.search(r"is not converted to arena memory: (.*) \[bumper-heap-temporary\]", line)
        r = m.group(1) if m else line
        r = re.sub(r" at line \d+.*", "", r)
        r = re.sub(r"^(its data escapes).*", r"\1", r)
        keep = re.findall(r"\((?:'[^']*'(?:, )?)+\)", r)
        r = re.sub(r"\((?:'[^']*'(?:, )?)+\)", "(#)", r)
        r = re.sub(r"'[^']*'", "'…'", r)
        for k in keep:
            r = r.replace("(#)", k, 1)
        refused[r] += 1
with open(sys.argv[2], "w") as out:
    for r, n in refused.most_common():
        out.write(f"{n}\t{r}\n")
print(conv + sum(refused.values()), conv, sum(refused.values()))
EOF
)
echo "convert-trial: $candidates candidates, $convertible convertible, $refused refused:"
sed 's/^/convert-trial:   /' "$work/refusals.txt"

fix=0
"${nice[@]}" "$tool" --fix "${args[@]}" >"$work/fix.log" 2>&1 || fix=$?
converted=$(grep -oE '[0-9]+ heap temporar(y|ies) converted' "$work/fix.log" | tail -1 | grep -oE '^[0-9]+' || echo 0)
echo "convert-trial: bumper-tool --fix: exit $fix; $(grep '^bumper-tool: .* file' "$work/fix.log" | tail -1)"
git -C "$src" diff >"$work/conversion.diff"
again=0
"${nice[@]}" "$tool" --fix "${args[@]}" >"$work/fix-again.log" 2>&1 || again=$?
if cmp -s "$work/conversion.diff" <(git -C "$src" diff) &&
  ! grep -q '^bumper-tool: applied' "$work/fix-again.log"; then
  second="no change"
else
  second=CHANGED
fi
echo "convert-trial: a second --fix: exit $again, $second; $(grep '^bumper-tool: .* file' "$work/fix-again.log" | tail -1)"
files=$(grep -c '^diff --git' "$work/conversion.diff" || true)

echo "convert-trial: building the converted project"
built=passed
"${nice[@]}" ninja -C "$build" -j "$jobs" >"$work/build-after.log" 2>&1 || built=FAILED
after=skipped
if [ "$built" = passed ]; then
  run_tests after && after=passed || after=FAILED
fi
echo "convert-trial: its tests after: $after ($(test_figure after))"
bench=""
if [ "$built" = passed ] && [ -n "${TRIAL_BENCH:-}" ]; then
  run_bench after
  # Google Benchmark's console lines (name, time, unit, cpu, unit, ...), or
  # "<name> ... <time> <unit> per ..." lines: the geometric mean of
  # after/before (CPU) time over the benchmarks of both.
  ratio=$(python3 - "$work/bench-before.log" "$work/bench-after.log" <<'EOF'
import math, re, sys
unit = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}
def read(path):
    t = {}
    for line in open(path, errors="replace"):
        m = re.match(r"^(\S+)\s+([\d.]+) (ns|us|ms|s)\s+([\d.]+) (ns|us|ms|s)\s+\d+", line)
        if m:
            t[m.group(1)] = float(m.group(4)) * unit[m.group(5)]
            continue
        # Or a line of a script's own: "<name> ... <time> <unit> per ...".
        m = re.match(r"^(\S+) .*?([\d.]+) (ns|us|ms|s) per ", line)
        if m:
            t[m.group(1)] = float(m.group(2)) * unit[m.group(3)]
    return t
b, a = read(sys.argv[1]), read(sys.argv[2])
common = [k for k in b if k in a and b[k] > 0 and a[k] > 0]
if common:
    g = math.exp(sum(math.log(a[k] / b[k]) for k in common) / len(common))
    print(f"{len(common)} benchmarks, after/before time geomean {g:.3f}")
EOF
)
  bench="; benchmark $(cat "$work/bench-before.time") s before, $(cat "$work/bench-after.time") s after${ratio:+ ($ratio)}"
  echo "convert-trial: benchmark after: $(cat "$work/bench-after.time") s${ratio:+; $ratio}"
fi
reasons=$(awk -F'\t' '{printf "%s%s x %s", (NR > 1 ? "; " : ""), $1, $2}' "$work/refusals.txt")
echo "convert-trial: $name ($commit): $candidates candidates, $converted converted" \
  "(in $files files), $refused refused${reasons:+ ($reasons)}; fix exit $fix," \
  "second fix $second; build $built, tests $after (before: $before)$bench;" \
  "$(($(date +%s) - start)) s"
[ "$fix" = 0 ] && [ "$second" = "no change" ] && [ "$built" = passed ] && [ "$after" = passed ]
