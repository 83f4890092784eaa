#!/bin/sh
# Bumper's git pre-commit hook: refuses a commit when a staged C or C++
# source or header has a [[bumper::no_escape]] block without its guard,
# arena memory that escapes, or another bumper-tool error (bumper-tool
# --check --changed-files: a staged header is checked through the sources
# of the compilation database that include it).
#
# Install it in a repository (from its top), from an installed Bumper
# (cmake --install puts it into <prefix>/share/bumper/):
#   ln -s <prefix>/share/bumper/pre-commit-hook.sh .git/hooks/pre-commit
# or, in Bumper's own checkout:
#   ln -s ../../scripts/pre-commit-hook.sh .git/hooks/pre-commit
# or copy it there. Settings, from the environment:
#   BUMPER_TOOL       the bumper-tool to run (default: bumper-tool on PATH,
#                     else the one installed with this hook,
#                     <prefix>/bin/bumper-tool, else build/bin/bumper-tool)
#   BUMPER_BUILD_DIR  the build folder with compile_commands.json
#                     (default: build; CMake: -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)
#   BUMPER_ARGS       more bumper-tool options (e.g. --header-filter=...)
# `git commit --no-verify` skips the hook. The files are checked as they are
# in the working tree: with partly staged files, `git stash --keep-index`
# first.
set -eu

top=$(git rev-parse --show-toplevel)
cd "$top"

# Where this hook really is (.git/hooks/pre-commit is usually a link to it):
# installed, bumper-tool is in <prefix>/bin, two folders up.
self=$(readlink -f "$0" 2>/dev/null || echo "$0")
installed_tool=""
case $(dirname "$self") in
*/share/bumper) installed_tool=$(dirname "$self")/../../bin/bumper-tool ;;
esac
tool=${BUMPER_TOOL:-}
if [ -z "$tool" ]; then
  if command -v bumper-tool >/dev/null 2>&1; then
    tool=bumper-tool
  elif [ -n "$installed_tool" ] && [ -x "$installed_tool" ]; then
    tool=$(cd "$(dirname "$installed_tool")" && pwd)/bumper-tool
  else
    tool=$top/build/bin/bumper-tool
  fi
fi
build=${BUMPER_BUILD_DIR:-build}

# Staged sources and headers (added, copied, modified, renamed), one per line.
files=$(git diff --cached --name-only --diff-filter=ACMR -- \
  '*.c' '*.cc' '*.cpp' '*.cxx' '*.c++' '*.C' \
  '*.h' '*.hh' '*.hpp' '*.hxx' '*.h++' '*.inl' '*.ipp' '*.tpp')
[ -n "$files" ] || exit 0

if [ ! -f "$build/compile_commands.json" ]; then
  echo "bumper pre-commit: no $build/compile_commands.json; configure with" \
    "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON or set BUMPER_BUILD_DIR" >&2
  exit 1
fi
if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "$tool" ]; then
  echo "bumper pre-commit: cannot run '$tool'; set BUMPER_TOOL" >&2
  exit 1
fi

# Word splitting on newlines only, so paths may hold spaces.
old_ifs=$IFS
IFS='
'
set -- $files
IFS=$old_ifs

log=$(mktemp "${TMPDIR:-/tmp}/bumper-pre-commit.XXXXXX")
trap 'rm -f "$log"' EXIT
status=0
# shellcheck disable=SC2086
"$tool" -p "$build" --check --changed-files --quiet ${BUMPER_ARGS:-} "$@" \
  2>"$log" || status=$?
cat "$log" >&2
if [ "$status" -eq 1 ]; then
  echo "bumper pre-commit: commit refused (bumper-tool exit status 1);" \
    "run '$tool -p $build --fix <files>' to insert the missing guards," \
    "or 'git commit --no-verify' to skip" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  # A staged source the database does not list: the build changed since
  # CMake last wrote it (a new file), and --fix would not help.
  if grep -q "no compile command for" "$log"; then
    echo "bumper pre-commit: commit refused: $build/compile_commands.json" \
      "is out of date (it does not list a staged source); re-run CMake" \
      "(cmake -B $build) and commit again, or 'git commit --no-verify'" \
      "to skip" >&2
  else
    echo "bumper pre-commit: commit refused: bumper-tool could not check" \
      "the staged files (exit status $status, above); or" \
      "'git commit --no-verify' to skip" >&2
  fi
  exit 1
fi
