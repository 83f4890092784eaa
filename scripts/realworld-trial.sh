#!/usr/bin/env bash
# The real-project trial (docs/realworld.md): a project's own build and test
# suite, before and after every function and loop body is annotated and
# bumper-tool --fix has inserted the guards.
#
#   scripts/realworld-trial.sh <source-dir> <work-dir> [cmake args...]
#
# <source-dir> is a CMake project (a clean checkout: the trial edits it in
# place; `git -C <source-dir> checkout .` undoes it). Environment: CC and CXX
# choose the compiler (default gcc and g++), BUMPER_TOOL the tool (default
# build/bin/bumper-tool), BUMPER_PREFIX an installed Bumper (default: installs
# build/ into <work-dir>/prefix), TRIAL_TEST the test command run in the build
# folder (default: ctest --output-on-failure), TRIAL_JOBS (default 2),
# TRIAL_ANNOTATE_ARGS more options for annotate-all.py (--exclude=...),
# TRIAL_UNITS the regex of the units it reads (default: all).
# Prints one line per step and a closing line of figures; exits non-zero if
# the annotated project does not build or its tests fail.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src=$(cd "$1" && pwd)
work=$(mkdir -p "$2" && cd "$2" && pwd)
shift 2
tool=${BUMPER_TOOL:-$root/build/bin/bumper-tool}
jobs=${TRIAL_JOBS:-2}
export CC=${CC:-gcc} CXX=${CXX:-g++}
prefix=${BUMPER_PREFIX:-$work/prefix}
if [ -z "${BUMPER_PREFIX:-}" ]; then
  cmake --install "$root/build" --prefix "$prefix" >/dev/null
fi

# Annotated code must compile quietly with either compiler, and link the
# runtime: the flags Bumper::runtime would carry.
case "$($CXX --version)" in
*clang*) quiet=-Wno-unknown-attributes ;;
*) quiet=-Wno-attributes ;;
esac
build=$work/build
configure() {
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_CXX_STANDARD=20 \
    "-DCMAKE_CXX_FLAGS=-I$prefix/include $quiet" \
    "-DCMAKE_C_FLAGS=-I$prefix/include" \
    "-DCMAKE_CXX_STANDARD_LIBRARIES=$prefix/lib/libbumper.a" \
    "-DCMAKE_C_STANDARD_LIBRARIES=$prefix/lib/libbumper.a -lstdc++" \
    "$@" >"$work/configure.log"
}
run_tests() {
  (cd "$build" && eval "${TRIAL_TEST:-ctest --output-on-failure -j $jobs}") \
    >"$work/$1.log" 2>&1
}

start=$(date +%s)
configure "$@"
echo "trial: building $(basename "$src") as it is ($CXX)"
ninja -C "$build" -j "$jobs" >"$work/build-before.log"
run_tests tests-before && before=passed || before=FAILED
echo "trial: its tests before: $before"

python3 "$root/scripts/annotate-all.py" --root "$src" ${TRIAL_ANNOTATE_ARGS:-} \
  "$build/compile_commands.json" "${TRIAL_UNITS:-.}" |
  tee "$work/annotate.log"
# Every source of the database, and every header under the project.
mapfile -t sources < <(python3 -c '
import json, os, sys
seen = []
for c in json.load(open(sys.argv[1])):
    f = os.path.normpath(os.path.join(c["directory"], c["file"]))
    if f not in seen:
        seen.append(f)
print("\n".join(seen))' "$build/compile_commands.json")
filter="^$src/"
status=0
"$tool" --fix --summary -j "$jobs" -p "$build" --header-filter="$filter" \
  "${sources[@]}" >"$work/fix.log" 2>&1 || status=$?
echo "trial: bumper-tool --fix: exit $status; $(tail -1 "$work/fix.log")"
again=0
"$tool" --fix --summary -j "$jobs" -p "$build" --header-filter="$filter" \
  "${sources[@]}" >"$work/fix-again.log" 2>&1 || again=$?
echo "trial: a second --fix: exit $again; $(tail -1 "$work/fix-again.log")"

echo "trial: building the annotated, guarded project"
built=passed
ninja -C "$build" -j "$jobs" >"$work/build-after.log" 2>&1 || built=FAILED
after=skipped
if [ "$built" = passed ]; then
  run_tests tests-after && after=passed || after=FAILED
fi
guards=$(git -C "$src" diff | grep -c '^+.*bumper::NoEscape bumper_guard' || true)
annotations=$(git -C "$src" diff | grep '^+' | grep -o 'bumper::no_escape' | wc -l)
echo "trial: $(basename "$src"): $annotations annotations, $guards guards;" \
  "build $built, tests $after (before: $before); fix exit $status," \
  "second fix exit $again; $(($(date +%s) - start)) s"
[ "$built" = passed ] && [ "$after" = passed ]
