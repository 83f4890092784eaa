#!/usr/bin/env bash
# Shell scripts that set pipefail must not pipe into a reader that exits early
# (grep -q, grep -m, head): when the reader exits before the writer is done,
# the writer dies of SIGPIPE (status 141) and pipefail fails the pipeline.
# Whether that happens depends on timing, so it shows as a flaky CI failure
# (it did, in integration-distcc). Read files directly (grep -q PATTERN FILES),
# or use sed -n '1p' / '/re/{p;q}' on captured output instead.
#   pipefail-pipes.sh <source-dir>         checks the project's scripts
#   pipefail-pipes.sh --self-test          checks that a bad script is caught
set -euo pipefail
self=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")

early_exit='\|[[:space:]]*(grep[[:space:]]+(-[a-zA-Z]*[qm]|--quiet|--max-count)|head\b)'

# Prints file:line: text for each offending line of the given scripts.
offences() {
  local f
  for f in "$@"; do
    [ "$f" -ef "$self" ] && continue # its own patterns and examples
    grep -q 'pipefail' "$f" || continue
    grep -nE "$early_exit" "$f" | grep -v '^[0-9]*:[[:space:]]*#' |
      sed "s|^|$f:|" || true
  done
}

if [ "${1:-}" = --self-test ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  printf '%s\n' '#!/bin/bash' 'set -o pipefail' 'cat a b | grep -q x || exit 1' \
    '# a comment: cat | head' 'v=$(x --version | head -n1)' 'grep -q x a b' \
    'y | grep -c z' >"$tmp/bad.sh"
  printf '%s\n' '#!/bin/bash' 'cat a | head -1' >"$tmp/no-pipefail.sh"
  found=$(offences "$tmp/bad.sh" "$tmp/no-pipefail.sh" | sed 's|.*/||')
  expected=$'bad.sh:3:cat a b | grep -q x || exit 1\nbad.sh:5:v=$(x --version | head -n1)'
  if [ "$found" != "$expected" ]; then
    printf 'self-test: expected\n%s\ngot\n%s\n' "$expected" "$found" >&2
    exit 1
  fi
  echo "self-test: the two early-exit pipes are found, nothing else"
  exit 0
fi

src=$(cd "${1:?usage: pipefail-pipes.sh <source-dir>}" && pwd)
mapfile -t scripts < <(cd "$src" && git ls-files '*.sh' 2>/dev/null ||
  find scripts test -name '*.sh')
found=$(cd "$src" && offences "${scripts[@]}")
if [ -n "$found" ]; then
  echo "$found"
  echo "pipefail-pipes: $(wc -l <<<"$found") pipe(s) into an early-exiting reader under pipefail" >&2
  exit 1
fi
echo "pipefail-pipes: ${#scripts[@]} scripts checked, none pipes into grep -q, grep -m or head under pipefail"
