#!/usr/bin/env bash
# The demo: bumper-tool on each program in examples/. For each one, on a
# scratch copy: the tool's diagnostics, the diff --fix would apply, --fix,
# the rewritten program built against libbumper and run, and a second --fix
# that changes nothing.
#   scripts/run-examples.sh [BUILD_DIR]     (default: build/)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
TOOL=$BUILD/bin/bumper-tool
LIB=$BUILD/lib/libbumper.a
CXX=${CXX:-g++}
FLAGS=(-std=c++20 -O2 -I"$ROOT/include")

for f in "$TOOL" "$LIB"; do
  if [ ! -e "$f" ]; then
    echo "run-examples: $f is missing; build first (scripts/demo.sh does)" >&2
    exit 2
  fi
done

if [ -t 1 ]; then
  BOLD=$'\e[1m' DIM=$'\e[2m' GREEN=$'\e[32m' RED=$'\e[31m' RESET=$'\e[0m'
else
  BOLD="" DIM="" GREEN="" RED="" RESET=""
fi
heading() { printf '\n%s==== %s ====%s\n' "$BOLD" "$*" "$RESET"; }
step() { printf '\n%s--- %s%s\n' "$BOLD" "$*" "$RESET"; }
show() { printf '%s$ %s%s\n' "$DIM" "$*" "$RESET"; }

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/bumper-demo.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT

heading "bumper-tool $("$TOOL" --version | sed -n '1s/.*version //p')"
echo "Each example marks its scratch-memory blocks with [[bumper::no_escape]]."
echo "The tool inserts the bumper::NoEscape guards that give the memory back;"
echo "every example allocates more in total than its buffer holds, so it only"
echo "runs with its guards in place. examples/scratch.cpp is written the"
echo "everyday way, with std::vector: the opt-in check bumper-heap-temporary"
echo "(named on its line '// bumper-tool: <flags>') converts its vectors."

failed=0
for src in "$ROOT"/examples/*.cpp; do
  name=$(basename "$src" .cpp)
  copy=$SCRATCH/$name.cpp
  cp "$src" "$copy"
  # An example may name the tool's flags it is shown with
  # ("// bumper-tool: --checks=bumper-heap-temporary").
  read -r -a flags <<<"$(sed -n '/^\/\/ bumper-tool: /{s///p;q}' "$src")"
  heading "examples/$name.cpp"
  sed -n '1,/^#include/p' "$src" | grep '^//' | sed 's|^// \{0,1\}|  |' || true

  step "1. What the tool reports"
  show "bumper-tool ${flags[*]+${flags[*]} }$name.cpp -- -std=c++20 -Iinclude"
  "$TOOL" ${flags[@]+"${flags[@]}"} "$copy" -- -std=c++20 -I"$ROOT/include" 2>&1 |
    sed "s|$SCRATCH/||g" || true

  step "2. The change --fix would make (--diff)"
  show "bumper-tool ${flags[*]+${flags[*]} }--diff $name.cpp -- ..."
  "$TOOL" ${flags[@]+"${flags[@]}"} --diff "$copy" -- -std=c++20 -I"$ROOT/include" 2>/dev/null |
    sed "s|$SCRATCH/||g" || true

  step "3. Apply it (--fix), build against libbumper, run"
  show "bumper-tool --fix $name.cpp -- ...   &&   $CXX -std=c++20 ... $name.cpp libbumper.a -pthread"
  if ! "$TOOL" ${flags[@]+"${flags[@]}"} --fix "$copy" -- -std=c++20 -I"$ROOT/include" >/dev/null 2>&1; then
    echo "${RED}bumper-tool --fix failed${RESET}"
    failed=1
    continue
  fi
  "$CXX" "${FLAGS[@]}" -Wno-attributes "$copy" "$LIB" -pthread -o "$SCRATCH/$name"
  show "./$name"
  if "$SCRATCH/$name"; then
    echo "${GREEN}ok${RESET}"
  else
    echo "${RED}$name failed${RESET}"
    failed=1
  fi

  step "4. A second --fix changes nothing"
  cp "$copy" "$copy.once"
  "$TOOL" ${flags[@]+"${flags[@]}"} --fix "$copy" -- -std=c++20 -I"$ROOT/include" >/dev/null 2>&1 || true
  if cmp -s "$copy.once" "$copy"; then
    echo "${GREEN}unchanged${RESET}"
  else
    echo "${RED}the second --fix changed the file${RESET}"
    failed=1
  fi
done

heading "Done"
if [ "$failed" -eq 0 ]; then
  echo "All examples were fixed, built and ran."
else
  echo "${RED}Some examples failed.${RESET}"
fi
exit "$failed"
