# Sourced by the integration tests (bash).
#   require_package <debian-package> <program>...
# Makes sure that each program is on PATH (or is an executable path),
# installing <debian-package> with apt-get when one is missing. Without root
# or apt-get it exits 77 (ctest: skipped); an install that fails, or that
# leaves a program missing, exits 1 (a failure, not a skip: the test was
# asked for and could not run).
require_package() {
  local package=$1
  shift
  if has_programs "$@"; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "SKIP: $package is not installed (installing it needs root and apt-get)"
    exit 77
  fi
  echo "installing $package"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1 &&
    ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$package" >/dev/null; }; then
    echo "FAIL: apt-get install $package failed" >&2
    exit 1
  fi
  if ! has_programs "$@"; then
    echo "FAIL: $package is installed, but one of $* is still missing" >&2
    exit 1
  fi
}

has_programs() {
  local program
  for program in "$@"; do
    command -v "$program" >/dev/null || [ -x "$program" ] || return 1
  done
}
