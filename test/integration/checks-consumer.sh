#!/usr/bin/env bash
# bumper_enable_checks() in a consumer project: installs the build into a
# temporary prefix, configures test/install/checks-consumer against it with
# clang++-19, and expects the clean target to build and run and the target
# with an escape to fail with bumper-escape. With g++ the function says the
# checks are off (and REQUIRED makes that an error).
#   checks-consumer.sh <build-dir> <source-dir>
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
project=$src/test/install/checks-consumer

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

cmake --install "$build" --prefix "$prefix" >/dev/null
for f in lib/bumper/libBumperPlugin.so bin/bumper-clang++ lib/cmake/Bumper/BumperChecks.cmake; do
  [ -e "$prefix/$f" ] || fail "$f not installed"
done
echo "ok: plugin, wrapper and BumperChecks.cmake installed"

command -v clang++-19 >/dev/null || fail "clang++-19 not found"
cmake -G Ninja -S "$project" -B "$work/clang" -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCMAKE_PREFIX_PATH="$prefix" -DCONSUMER_REQUIRE_CHECKS=ON >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log"; fail "configure with clang++-19"; }
grep -q "bumper_enable_checks(checked): Bumper's checks run in its CXX compiles" "$work/configure.log" ||
  { cat "$work/configure.log"; fail "no message that the checks are on"; }
# With C enabled too, the message names both languages in words.
cmake -G Ninja -S "$project" -B "$work/clang-c" -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCMAKE_C_COMPILER=clang-19 -DCONSUMER_WITH_C=ON \
  -DCMAKE_PREFIX_PATH="$prefix" >"$work/configure-c.log" 2>&1 ||
  { cat "$work/configure-c.log"; fail "configure with clang++-19 and clang-19"; }
grep -q "bumper_enable_checks(checked): Bumper's checks run in its CXX and C compiles\$" \
  "$work/configure-c.log" ||
  { cat "$work/configure-c.log"; fail "no message that the checks are on in CXX and C compiles"; }
echo "ok: the message names the languages the checks run in (CXX, CXX and C)"
grep -q -- "-fplugin=$prefix/lib/bumper/libBumperPlugin.so" "$work/clang/compile_commands.json" 2>/dev/null ||
  grep -rq -- "-fplugin=$prefix/lib/bumper/libBumperPlugin.so" "$work/clang/build.ninja" ||
  fail "the clean target's compiles do not load the installed plugin"

cmake --build "$work/clang" --target checked >"$work/clean.log" 2>&1 ||
  { cat "$work/clean.log"; fail "the clean target does not build"; }
"$work/clang/checked" || fail "the clean program fails"
echo "ok: clean target builds with the plugin (-Werror, no attribute warning) and runs"

if cmake --build "$work/clang" --target leaky >"$work/leaky.log" 2>&1; then
  cat "$work/leaky.log"
  fail "the target with an escape built"
fi
grep -q "leaky.cpp:8:5: error: pointer into arena memory .*\[bumper-escape\]" "$work/leaky.log" ||
  { cat "$work/leaky.log"; fail "the failed build does not report bumper-escape"; }
echo "ok: the target with an escape fails to build, with bumper-escape"

cmake --build "$work/clang" --target leaky_warning >"$work/warning.log" 2>&1 ||
  { cat "$work/warning.log"; fail "ESCAPE warning did not make the escape a warning"; }
grep -q "warning: .*\[bumper-escape\]" "$work/warning.log" ||
  { cat "$work/warning.log"; fail "ESCAPE warning: no warning"; }
echo "ok: ESCAPE warning turns it into a warning"

if command -v g++ >/dev/null; then
  cmake -G Ninja -S "$project" -B "$work/gcc" -DCMAKE_CXX_COMPILER=g++ \
    -DCMAKE_PREFIX_PATH="$prefix" >"$work/gcc.log" 2>&1 ||
    { cat "$work/gcc.log"; fail "configure with g++"; }
  grep -q "bumper_enable_checks(checked): not enabled: the C++ compiler is GNU" "$work/gcc.log" ||
    { cat "$work/gcc.log"; fail "no message that g++ runs without the checks"; }
  cmake --build "$work/gcc" --target checked >/dev/null || fail "g++ build of the clean target"
  if cmake -G Ninja -S "$project" -B "$work/gcc-required" -DCMAKE_CXX_COMPILER=g++ \
    -DCMAKE_PREFIX_PATH="$prefix" -DCONSUMER_REQUIRE_CHECKS=ON >"$work/gcc-required.log" 2>&1; then
    fail "REQUIRED accepted g++"
  fi
  grep -q "needs Clang 19" "$work/gcc-required.log" || fail "REQUIRED: no reason given"
  echo "ok: with g++ the checks are off, with a message; REQUIRED makes that an error"
fi
