#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds a consumer project
# against it through find_package(Bumper CONFIG) with g++ and clang++, and a
# one-file program through pkg-config, all with -Werror on annotated code;
# the same for a C-only project (test/install/c-consumer: the C API of a C++
# library links with the C compiler) with gcc and clang; and commits through
# the installed pre-commit hook, which finds the installed bumper-tool.
#   check_install.sh <build-dir> <source-dir>
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
for f in include/bumper/bumper.hpp include/bumper/bumper.h lib/libbumper.a \
  lib/cmake/Bumper/BumperConfig.cmake lib/pkgconfig/bumper.pc \
  share/bumper/pre-commit-hook.sh; do
  [ -e "$prefix/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
[ -x "$prefix/share/bumper/pre-commit-hook.sh" ] ||
  { echo "FAIL: share/bumper/pre-commit-hook.sh is not executable"; exit 1; }

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

# A C-only project: CMake (project(... LANGUAGES C)) and pkg-config.
for cc in gcc clang-19; do
  command -v "$cc" >/dev/null || continue
  cmake -G Ninja -S "$src/test/install/c-consumer" -B "$work/c-consumer-$cc" \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
  cmake --build "$work/c-consumer-$cc" >"$work/c-consumer-$cc.log" 2>&1 ||
    { cat "$work/c-consumer-$cc.log"; echo "FAIL: a C project with Bumper::runtime and $cc"; exit 1; }
  "$work/c-consumer-$cc/c_consumer"
  echo "ok: find_package(Bumper) in a C-only project with $cc"
  # shellcheck disable=SC2046
  "$cc" -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags bumper) \
    "$src/test/install/c-consumer/main.c" -o "$work/pc-c-$cc" $(pkg-config --libs bumper)
  "$work/pc-c-$cc"
  echo "ok: pkg-config bumper with $cc (C)"
done

# The installed pre-commit hook, linked into a repository as docs/ci.md says,
# with no BUMPER_TOOL and no bumper-tool on PATH: it runs the bumper-tool
# installed beside it and refuses a commit with a missing guard.
if [ -x "$build/bin/bumper-tool" ] && command -v git >/dev/null; then
  path=/usr/bin:/bin
  if PATH=$path command -v bumper-tool >/dev/null; then
    echo "note: a bumper-tool on $path; the installed hook's own lookup is not tested"
  else
    repo=$work/hook-repo
    mkdir -p "$repo/src" "$repo/build"
    git -C "$repo" init -q .
    git -C "$repo" config user.email hook@example.com
    git -C "$repo" config user.name hook
    git -C "$repo" config commit.gpgsign false
    ln -s "$prefix/share/bumper/pre-commit-hook.sh" "$repo/.git/hooks/pre-commit"
    printf '%s\n' '#include <bumper/bumper.hpp>' 'int f() {' '  [[bumper::no_escape]] {' \
      '    auto y = bumper::alloc<int>(4);' '    y[0] = 1;' '    return y[0];' '  }' '}' \
      >"$repo/src/f.cpp"
    printf '[{"directory": "%s", "file": "src/f.cpp", "command": "g++ -std=c++20 -I%s -c src/f.cpp"}]\n' \
      "$repo" "$prefix/include" >"$repo/build/compile_commands.json"
    git -C "$repo" add src/f.cpp
    if (cd "$repo" && env -u BUMPER_TOOL PATH=$path git commit -q -m unguarded) >"$work/hook.log" 2>&1; then
      cat "$work/hook.log"
      echo "FAIL: the installed pre-commit hook accepted a missing guard"
      exit 1
    fi
    grep -q "run '$prefix/bin/bumper-tool -p build --fix <files>'" "$work/hook.log" ||
      { cat "$work/hook.log"; echo "FAIL: the installed hook did not run the installed bumper-tool"; exit 1; }
    echo "ok: share/bumper/pre-commit-hook.sh runs the installed bumper-tool and refuses a missing guard"
  fi
fi
