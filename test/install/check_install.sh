#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds a consumer project
# against it through find_package(Bumper CONFIG) with g++ and clang++, and a
# one-file program through pkg-config, all with -Werror on annotated code.
#   check_install.sh <build-dir> <source-dir>
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
for f in include/bumper/bumper.hpp include/bumper/bumper.h lib/libbumper.a \
  lib/cmake/Bumper/BumperConfig.cmake lib/pkgconfig/bumper.pc; do
  [ -e "$prefix/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done

if [ -x "$build/bin/bumper-tool" ]; then
  "$prefix/bin/bumper-tool" --version >/dev/null
  echo "ok: bin/bumper-tool installed and runs"
fi

for cxx in g++ clang++-19; do
  command -v "$cxx" >/dev/null || continue
  cmake -G Ninja -S "$src/test/install/consumer" -B "$work/consumer-$cxx" \
    -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
  cmake --build "$work/consumer-$cxx" >/dev/null
  "$work/consumer-$cxx/consumer"
  echo "ok: find_package(Bumper) with $cxx"
done

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
for cxx in g++ clang++-19; do
  command -v "$cxx" >/dev/null || continue
  # shellcheck disable=SC2046
  "$cxx" -std=c++20 -Wall -Wextra -Werror $(pkg-config --cflags bumper) \
    "$src/test/install/consumer/main.cpp" -o "$work/pc-$cxx" $(pkg-config --libs bumper)
  "$work/pc-$cxx"
  echo "ok: pkg-config bumper with $cxx"
done
