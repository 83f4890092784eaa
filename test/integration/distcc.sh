#!/usr/bin/env bash
# Bumper's checks on a distributed build: a distccd on 127.0.0.1 compiles the
# examples through bumper-clang++ (clang++ 19 with the plugin), and a file with
# an escape fails on the worker with bumper-escape, reported back through
# distcc. The worker is set up as docs/ci.md says for a real one:
#   - bumper-clang++ and libBumperPlugin.so installed (here: a temporary
#     prefix, readable by the daemon's user),
#   - bumper-clang++ allowed: /usr/lib/distcc/bumper-clang++ -> ../../bin/distcc
#     (as root; otherwise, or with BUMPER_DISTCC_ALLOW=cmdlist, the daemon's
#     DISTCC_CMDLIST names the wrapper),
#   - DISTCCD_PATH reaching the wrapper.
# distccd itself refuses -fplugin= on a command line; that is checked too.
#   distcc.sh <build-dir> <source-dir>
# Exit 77 (skipped) when distcc is missing and this is not root with apt-get
# (require-package.sh).
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
inputs=$src/test/integration/Inputs

fail() {
  echo "FAIL: $*" >&2
  [ -n "${log:-}" ] && [ -f "$log" ] && sed 's/^/  distccd.log: /' "$log" >&2
  exit 1
}

source "$src/test/integration/require-package.sh"
require_package distcc distcc distccd
for f in "$build/bin/bumper-clang++" "$build/lib/libBumperPlugin.so"; do
  [ -e "$f" ] || fail "$f is not built"
done

work=$(mktemp -d)
distccd_pid=""
masq_link=""
cleanup() {
  if [ -n "$distccd_pid" ]; then
    kill "$distccd_pid" 2>/dev/null || true
    wait "$distccd_pid" 2>/dev/null || true
  fi
  [ -n "$masq_link" ] && rm -f "$masq_link"
  rm -rf "$work"
}
trap cleanup EXIT

# The worker's installation: the daemon drops root for its own user, which
# must be able to run the wrapper and read the plugin.
chmod 755 "$work"
prefix=$work/prefix
mkdir -p "$prefix/bin" "$prefix/lib/bumper" "$work/out" "$work/distcc-dir" \
  "$work/distcc-refused"
cp "$build/bin/bumper-clang++" "$prefix/bin/"
cp "$build/lib/libBumperPlugin.so" "$prefix/lib/bumper/"
chmod -R a+rX "$prefix"

log=$work/distccd.log
: >"$log"
daemon_args=()
if [ "$(id -u)" -eq 0 ]; then
  user=distccd
  id "$user" >/dev/null 2>&1 || user=nobody
  chown "$user" "$log"
  daemon_args+=(--user "$user")
fi

# Allow the wrapper on the worker.
daemon_env=(DISTCCD_PATH="$prefix/bin:/usr/bin:/bin")
if [ "$(id -u)" -eq 0 ] && [ "${BUMPER_DISTCC_ALLOW:-masquerade}" = masquerade ] &&
  [ -d /usr/lib/distcc ]; then
  if [ ! -e /usr/lib/distcc/bumper-clang++ ]; then
    ln -s ../../bin/distcc /usr/lib/distcc/bumper-clang++
    masq_link=/usr/lib/distcc/bumper-clang++
  fi
  echo "worker allows bumper-clang++ through /usr/lib/distcc/bumper-clang++"
else
  echo "$prefix/bin/bumper-clang++" >"$work/cmdlist"
  chmod a+r "$work/cmdlist"
  daemon_env+=(DISTCC_CMDLIST="$work/cmdlist")
  echo "worker allows bumper-clang++ through DISTCC_CMDLIST"
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
env "${daemon_env[@]}" distccd --daemon --no-detach --allow 127.0.0.1 \
  --listen 127.0.0.1 --port "$port" --jobs 8 --log-file "$log" --log-level info \
  "${daemon_args[@]}" &
distccd_pid=$!
for _ in $(seq 1 100); do
  if python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; then
    break
  fi
  kill -0 "$distccd_pid" 2>/dev/null || fail "distccd did not start"
  sleep 0.1
done
echo "distccd (pid $distccd_pid) on 127.0.0.1:$port, logging to its log file"

# The client: only that worker, no local fallback and no local retry, so a
# result can only come from the worker.
export DISTCC_HOSTS="127.0.0.1:$port/8"
export DISTCC_FALLBACK=0 DISTCC_SKIP_LOCAL_RETRY=1
export DISTCC_DIR=$work/distcc-dir
export PATH=$prefix/bin:$PATH
cxxflags=(-std=c++20 "-I$src/include")

# All compiles start at once and are checked when they are done.
# 1. -fplugin= on the command line, which distccd refuses: why the wrapper
#    exists. The client then backs off from that worker: it keeps that state
#    in a folder of its own.
DISTCC_DIR=$work/distcc-refused timeout 60 distcc clang++-19 "${cxxflags[@]}" \
  "-fplugin=$prefix/lib/bumper/libBumperPlugin.so" -c "$inputs/nolint.cpp" \
  -o "$work/out/refused.o" >"$work/refused.log" 2>&1 &
refused_pid=$!
# 2. The examples, and a file with a NOLINT, through distcc bumper-clang++.
pids=()
for f in "$src"/examples/*.cpp "$inputs/nolint.cpp"; do
  name=$(basename "$f" .cpp)
  timeout 60 distcc bumper-clang++ "${cxxflags[@]}" -c "$f" -o "$work/out/$name.o" \
    >"$work/out/$name.log" 2>&1 &
  pids+=($!)
done
# 3. Masquerading, as a build system that wants one compiler path uses it
#    (CMAKE_CXX_COMPILER=/usr/lib/distcc/bumper-clang++): the worker is sent
#    the bare name.
masquerade=""
if [ -L /usr/lib/distcc/bumper-clang++ ] && [ -z "${daemon_env[1]:-}" ]; then
  masquerade=yes
  timeout 60 /usr/lib/distcc/bumper-clang++ "${cxxflags[@]}" -c "$src/examples/sum.cpp" \
    -o "$work/out/masquerade.o" >"$work/masquerade.log" 2>&1 &
  masquerade_pid=$!
fi
# 4. A file with an escape.
timeout 60 distcc bumper-clang++ "${cxxflags[@]}" -c "$inputs/leaky.cpp" \
  -o "$work/out/leaky.o" >"$work/leaky.log" 2>&1 &
leaky_pid=$!

if wait "$refused_pid"; then
  fail "distccd accepted -fplugin="
fi
grep -q -- "-fplugin= and/or -specs= passed, which are insecure and not supported" "$log" ||
  fail "distccd did not refuse -fplugin= as expected"
echo "ok: distccd refuses a command line with -fplugin="

status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
for f in "$src"/examples/*.cpp "$inputs/nolint.cpp"; do
  name=$(basename "$f" .cpp)
  if [ ! -s "$work/out/$name.o" ]; then
    cat "$work/out/$name.log" >&2
    fail "$name.cpp did not compile through distcc"
  fi
  grep -q "COMPILE_OK.*bumper-clang++ .*/$name.cpp" "$log" ||
    fail "$name.cpp was not compiled on the worker"
  echo "ok: $name.cpp compiled on the worker"
done
[ "$status" -eq 0 ] || fail "a compile failed"
# The examples are annotated but not yet guarded: the worker's warnings come
# back to the client too. (grep reads the files itself: "cat | grep -q" fails
# under pipefail when grep exits before cat has written everything.)
if ! grep -q "warning: no_escape block has no 'bumper::NoEscape' guard \[bumper-missing-guard\]" \
  "$work"/out/*.log; then
  for f in "$work"/out/*.log; do sed "s|^|  $(basename "$f"): |" "$f" >&2; done
  fail "no bumper-missing-guard warning came back from the worker"
fi
echo "ok: the worker's bumper-missing-guard warnings reach the client"
# NOLINT survives the client's preprocessing (bumper-clang++ -E keeps comments).
grep -q "error:" "$work/out/nolint.log" && fail "NOLINT did not reach the worker"
echo "ok: NOLINT(bumper-escape) reaches the worker"

if [ -n "$masquerade" ]; then
  wait "$masquerade_pid" ||
    { cat "$work/masquerade.log" >&2; fail "the masquerade link did not compile"; }
  [ "$(grep -c "COMPILE_OK.*bumper-clang++ .*/sum.cpp" "$log")" -ge 2 ] ||
    fail "the masquerade compile did not run on the worker"
  echo "ok: /usr/lib/distcc/bumper-clang++ (masquerading) compiles on the worker"
fi

# 5. Whole-program summaries: the worker's plugin checks with an index made
#    before (here: a local compile of b.cpp writing its summary, merged by
#    bumper-tool), given at the same path; keep() in b.cpp stores its
#    argument into a global, so the call in a.cpp fails on the worker.
cross=$src/test/tool/summaries/Inputs/cross
mkdir -p "$work/summaries"
clang++-19 -fplugin="$build/lib/libBumperPlugin.so" "${cxxflags[@]}" \
  -fplugin-arg-bumper-summary-out -c "$cross/b.cpp" -o "$work/summaries/b.o" ||
  fail "the local compile of b.cpp with summary-out failed"
"$build/bin/bumper-tool" --merge-summaries "$work/index.json" "$work/summaries" ||
  fail "bumper-tool --merge-summaries failed"
chmod a+r "$work/index.json"
summaries_status=0
timeout 60 distcc bumper-clang++ "${cxxflags[@]}" \
  "-fplugin-arg-bumper-summaries=$work/index.json" -c "$cross/a.cpp" \
  -o "$work/out/cross.o" >"$work/cross.log" 2>&1 || summaries_status=$?

if wait "$leaky_pid"; then
  fail "leaky.cpp compiled through distcc"
fi
grep -q "leaky.cpp:10:5: error: pointer into arena memory allocated in this no_escape block is returned from the no_escape block \[bumper-escape\]" "$work/leaky.log" ||
  { cat "$work/leaky.log" >&2; fail "the bumper-escape error did not come back"; }
grep -q "COMPILE_ERROR.*bumper-clang++ .*/leaky.cpp" "$log" ||
  fail "leaky.cpp did not fail on the worker"
[ ! -e "$work/out/leaky.o" ] || fail "leaky.o was written"
echo "ok: leaky.cpp fails on the worker with bumper-escape, reported through distcc"
sed -n '/leaky.cpp:10:5: error/p' "$work/leaky.log"

[ "$summaries_status" -ne 0 ] || fail "a.cpp compiled through distcc with the summaries index"
grep -q "a.cpp:17:5: error: pointer into arena memory allocated in this no_escape block is passed to 'keep', which stores it into 'g_kept', which outlives the block \[bumper-escape\]" \
  "$work/cross.log" || { cat "$work/cross.log" >&2; fail "the worker did not use the summaries index"; }
grep -q "'g_name'" "$work/cross.log" &&
  { cat "$work/cross.log" >&2; fail "save() was not taken from the index (it copies)"; }
grep -q "COMPILE_ERROR.*bumper-clang++ .*/a.cpp" "$log" ||
  fail "a.cpp did not fail on the worker"
echo "ok: the worker checks a.cpp with the summaries index: keep() in b.cpp keeps its argument"
