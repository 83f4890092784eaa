#!/usr/bin/env bash
# Bumper's checks in a Bazel build whose actions see only their declared
# inputs, as on a remote executor (docs/ci.md, "Bazel remote execution"). The
# workspace test/integration/bazel/ has a hand-written C++ toolchain for
# clang 19 that passes -fplugin=external/bumper/lib/bumper/libBumperPlugin.so
# and lists the plugin in its compiler_files. In a sandbox
# (--spawn_strategy=sandboxed):
#   - leaky.cpp fails with bumper-escape,
#   - examples/sum.cpp compiles with bumper-missing-guard warnings,
#   - nolint.cpp compiles,
#   - with the same toolchain minus the plugin in its files, clang cannot load
#     the plugin; unsandboxed (standalone), the same toolchain still loads it
#     from the execution root: the sandbox is what enforces the inputs.
# Everything is offline: Bazel 4's own rules_cc and rules_java are replaced by
# local stand-ins, and @bumper is an installation prefix made here (include/
# from the sources, lib/bumper/libBumperPlugin.so from the build).
#   bazel.sh <build-dir> <source-dir>
# Exit 77 (skipped) when bazel is missing and this is not root with apt-get
# (require-package.sh; Debian 12: bazel-bootstrap, Bazel 4.2.3, with a JDK).
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
bazel=${BAZEL:-bazel}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

source "$src/test/integration/require-package.sh"
require_package bazel-bootstrap "$bazel"
plugin=$build/lib/libBumperPlugin.so
[ -e "$plugin" ] || fail "$plugin is not built"

work=$(mktemp -d)
ws=$work/workspace
root=$work/output_user_root
# A private server; it also stops by itself when idle, should this script be
# killed before its trap runs.
bz=(nice "$bazel" "--output_user_root=$root" --max_idle_secs=300)
cleanup() {
  if [ -d "$ws" ] && [ -d "$root" ]; then
    (cd "$ws" && timeout 60 "${bz[@]}" shutdown >/dev/null 2>&1) || true
    # A server that did not stop (its pid file is in the output base).
    for f in "$root"/*/server/server.pid.txt; do
      if [ -f "$f" ]; then kill "$(cat "$f")" 2>/dev/null || true; fi
    done
  fi
  # Bazel makes its outputs read-only.
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cp -r "$src/test/integration/bazel" "$ws"
prefix=$work/prefix
mkdir -p "$prefix/lib/bumper"
cp -r "$src/include" "$prefix/"
cp "$plugin" "$prefix/lib/bumper/"
cat >"$ws/bumper_paths.bzl" <<EOF
BUMPER_PREFIX = "$prefix"
BUMPER_SOURCE_DIR = "$src"
EOF
cd "$ws"
# Debian's Bazel calls itself "no_version": its package has the version.
version=$("$bazel" --version 2>/dev/null || true)
if command -v dpkg-query >/dev/null &&
  dpkg-query -W -f '${Version}' bazel-bootstrap >"$work/version" 2>/dev/null; then
  version="$version (bazel-bootstrap $(cat "$work/version"))"
fi
echo "$(command -v "$bazel"): $version"

# bazel_build <log> <bazel build arguments...>: the exit status of bazel build.
bazel_build() {
  local log=$1
  shift
  local status=0
  local start=$SECONDS
  timeout 300 "${bz[@]}" build "$@" >"$log" 2>&1 || status=$?
  echo "bazel build $* (exit $status, $((SECONDS - start)) s)"
  [ "$status" -ne 124 ] || { cat "$log" >&2; fail "bazel build $* timed out"; }
  return "$status"
}
show() { cat "$1" >&2; }

# 1. An escape fails the compile action.
if bazel_build "$work/leaky.log" //:leaky; then
  show "$work/leaky.log"
  fail "//:leaky built"
fi
grep -q "leaky.cpp:10:5: error: pointer into arena memory allocated in this no_escape block is returned from the no_escape block \[bumper-escape\]" \
  "$work/leaky.log" || { show "$work/leaky.log"; fail "//:leaky did not fail with bumper-escape"; }
grep -q "Compiling test/integration/Inputs/leaky.cpp failed" "$work/leaky.log" ||
  { show "$work/leaky.log"; fail "//:leaky did not fail in its compile action"; }
echo "ok: //:leaky fails with bumper-escape"
sed -n '/leaky.cpp:10:5: error/p' "$work/leaky.log"

# 2. The example compiles, with the plugin's warnings.
bazel_build "$work/sum.log" //:sum || { show "$work/sum.log"; fail "//:sum did not build"; }
grep -q "warning: no_escape function 'f' has no 'bumper::NoEscape' guard \[bumper-missing-guard\]" \
  "$work/sum.log" || { show "$work/sum.log"; fail "no bumper-missing-guard warning for //:sum"; }
echo "ok: //:sum compiles with bumper-missing-guard"
# Which sandbox ran the actions: linux-sandbox, or processwrapper-sandbox
# where Linux namespaces are not available.
summary=$(sed -n 's/^INFO: \([0-9]* processes: .*\)\.$/\1/p' "$work/sum.log")
case $summary in
  *linux-sandbox* | *processwrapper-sandbox*) echo "ok: sandboxed: $summary" ;;
  *) show "$work/sum.log"; fail "//:sum was not compiled in a sandbox ($summary)" ;;
esac

# 3. NOLINT silences the escape.
bazel_build "$work/nolint.log" //:nolint || { show "$work/nolint.log"; fail "//:nolint did not build"; }
if grep -q "error:" "$work/nolint.log"; then
  show "$work/nolint.log"
  fail "//:nolint reported an error"
fi
echo "ok: //:nolint compiles"

# 4. The same toolchain without the plugin among its files: the sandbox does
#    not have the file the command line names.
undeclared=--crosstool_top=//toolchain:clang19_plugin_undeclared_suite
if bazel_build "$work/undeclared.log" "$undeclared" //:nolint; then
  show "$work/undeclared.log"
  fail "//:nolint built in a sandbox without the plugin among its inputs"
fi
grep -q "error: unable to load plugin 'external/bumper/lib/bumper/libBumperPlugin.so'" \
  "$work/undeclared.log" ||
  { show "$work/undeclared.log"; fail "no 'unable to load plugin' error without the plugin declared"; }
echo "ok: sandboxed, without the plugin in compiler_files, clang cannot load it:"
sed -n "/unable to load plugin/p" "$work/undeclared.log"

# 5. ...which a build without a sandbox would not show: the execution root
#    has the whole external repository.
if bazel_build "$work/standalone.log" "$undeclared" --spawn_strategy=standalone //:leaky; then
  show "$work/standalone.log"
  fail "//:leaky built unsandboxed"
fi
grep -q "leaky.cpp:10:5: error: .*\[bumper-escape\]" "$work/standalone.log" ||
  { show "$work/standalone.log"; fail "unsandboxed, the undeclared plugin did not run"; }
echo "ok: unsandboxed (standalone), the same toolchain loads the undeclared plugin"
echo "bazel.sh: all passed in $SECONDS s"
