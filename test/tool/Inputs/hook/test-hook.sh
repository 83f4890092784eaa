#!/bin/sh
# test-hook.sh <bumper-tool> <stub-include-dir> <pre-commit-hook.sh> <dir>:
# a git repository with the hook installed; a clean commit goes in, one with
# a missing guard is refused, and goes in once bumper-tool --fix added it.
set -eu
tool=$1 stub=$2 hook=$3 dir=$4
rm -rf "$dir" && mkdir -p "$dir/repo/src" "$dir/repo/build"
cd "$dir/repo"
git init -q .
git config user.email hook@example.com
git config user.name hook
git config commit.gpgsign false
cp "$hook" .git/hooks/pre-commit
cat > build/compile_commands.json <<JSON
[
 {"directory": "$dir/repo", "file": "src/ok.cpp", "command": "clang++ -std=c++20 -I$stub -c src/ok.cpp"},
 {"directory": "$dir/repo", "file": "src/bad.cpp", "command": "clang++ -std=c++20 -I$stub -c src/bad.cpp"}
]
JSON
cat > src/ok.cpp <<'CPP'
#include "bumper-stub.hpp"
int ok() {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    (void)bumper::alloc<int>(1);
  }
  return 0;
}
CPP
cat > src/bad.cpp <<'CPP'
#include "bumper-stub.hpp"
int bad() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(1);
  }
  return 0;
}
CPP
export BUMPER_TOOL="$tool"
git add src/ok.cpp
git commit -q -m clean && echo "CLEAN: accepted"
git add src/bad.cpp
if git commit -q -m unguarded; then echo "UNGUARDED: accepted"; else echo "UNGUARDED: refused"; fi
echo "COMMITS: $(git rev-list --count HEAD)"
"$tool" -p build --fix --quiet src/bad.cpp
git add src/bad.cpp
git commit -q -m fixed && echo "FIXED: accepted"
echo "COMMITS: $(git rev-list --count HEAD)"
# A header changed alone is checked through the sources that include it.
mkdir -p include
cat > include/shared.h <<'CPP'
#include "bumper-stub.hpp"
inline int shared() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(1);
  }
  return 0;
}
CPP
cat > build/compile_commands.json <<JSON
[
 {"directory": "$dir/repo", "file": "src/ok.cpp", "command": "clang++ -std=c++20 -I$stub -Iinclude -include shared.h -c src/ok.cpp"},
 {"directory": "$dir/repo", "file": "src/bad.cpp", "command": "clang++ -std=c++20 -I$stub -c src/bad.cpp"}
]
JSON
git add include/shared.h
if git commit -q -m header; then echo "HEADER: accepted"; else echo "HEADER: refused"; fi
"$tool" -p build --fix --changed-files --quiet include/shared.h
git add include/shared.h
git commit -q -m header && echo "HEADER FIXED: accepted"
# A new source the database does not list yet: re-run CMake, not --fix.
cp src/ok.cpp src/new.cpp
git add src/new.cpp
if git commit -q -m new; then echo "NEW: accepted"; else echo "NEW: refused"; fi
echo "COMMITS: $(git rev-list --count HEAD)"
