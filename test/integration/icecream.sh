#!/usr/bin/env bash
# Bumper's checks on an icecream (icecc) build, as docs/ci.md describes it:
# no wrapper, `icecc clang++-19 -fplugin=libBumperPlugin.so ...`, and the
# plugin reaches the worker inside the compiler environment:
#   1. an environment made with
#        icecc-create-env --clang /usr/lib/llvm-19/bin/clang --addfile <plugin>
#      and named by ICECC_VERSION;
#   2. no ICECC_VERSION: the client's own iceccd builds the environment and
#      adds the -fplugin= file to it (icecc 1.4 does not send the plugin with
#      the job: with an ICECC_VERSION made without --addfile the worker
#      fails with "unable to load plugin").
# Comments reach the worker only with ICECC_REMOTE_CPP=1 (icecc 1.4 then
# preprocesses with -frewrite-includes; by default it runs a plain -E and
# NOLINT is lost).
#
# Everything runs on this machine: an icecc-scheduler on 127.0.0.1, a worker
# iceccd (port of its own, compiles in a chroot of the environment, so this
# needs root), and the client's iceccd with --no-remote. A scheduler hands a
# job for the submitting machine back to the client to build locally;
# ICECC_TEST_REMOTEBUILD=1 (what icecream's own tests use) makes the client
# send it to the worker over TCP as to any other host. icecc 1.4 has no
# switch for its local fallback (it recompiles locally after a remote
# failure), so every compile's client log is checked for it, and the
# worker's and the scheduler's logs for the remote job.
#
# What is checked, and what is not: icecream promises that a compile with
# the plugin succeeds or fails as it would locally, wherever it runs; it does
# not promise where. The scheduler may keep a job away from the worker (it
# did once, under load: a job compiled on the client instead), so where a
# job ran decides nothing on its own. Every compile must end as it would
# locally (status, object file, Bumper's diagnostics). A job the scheduler
# gave to the worker must have been compiled there, with the plugin, and
# not again on the client. And each environment (--addfile, and the
# client's own) must have had at least one job compiled on the worker: when
# none of its jobs went there, sum.cpp is compiled again with it, alone, up
# to 3 times; if the scheduler still sends none to the worker, the test is
# skipped (exit 77) with the reason and the scheduler's log, never failed.
#
# The worker gets a /proc/stat of an idle machine (a bind mount in a mount
# namespace of its own): a worker reports itself fully loaded when its CPUs
# are more than 90% busy, and the scheduler then holds the jobs back, which on
# a busy 2-core test machine can take minutes.
#
#   icecream.sh <build-dir> <source-dir>
# Exit 77 (skipped) when not run as root (icecc is then not installed either;
# require-package.sh).
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
inputs=$src/test/integration/Inputs
clang=/usr/lib/llvm-19/bin/clang

work=""
fail() {
  echo "FAIL: $*" >&2
  if [ -n "$work" ] && [ -d "$work/logs" ]; then
    for f in "$work"/logs/*; do
      [ -f "$f" ] && sed "s|^|  $(basename "$f"): |" "$f" >&2
    done
  fi
  exit 1
}

source "$src/test/integration/require-package.sh"
require_package icecc icecc icecc-create-env /usr/sbin/iceccd /usr/sbin/icecc-scheduler
PATH=$PATH:/usr/sbin
# Only this test's settings.
unset ICECC ICECC_VERSION ICECC_CC ICECC_CXX ICECC_EXTRAFILES ICECC_REMOTE_CPP \
  ICECC_CLANG_REMOTE_CPP ICECC_REPEAT_RATE ICECC_PREFERRED_HOST ICECC_SCHEDULER \
  ICECC_IGNORE_UNVERIFIED ICECC_CARET_WORKAROUND ICECC_DEBUG ICECC_LOGFILE
plugin=$build/lib/libBumperPlugin.so
[ -e "$plugin" ] || fail "$plugin is not built"
[ -x "$clang" ] || fail "$clang is missing"
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: iceccd runs remote jobs in a chroot of the compiler environment, which needs root"
  exit 77
fi
id icecc >/dev/null 2>&1 || fail "the icecc user (made by the icecc package) is missing"

work=$(mktemp -d)
daemon_pids=()
compile_pids=()
create_env_pid=""
cleanup() {
  local pid dir running
  # Only what still runs (a pid that was waited for may be someone else's now).
  running=" $(jobs -p | tr '\n' ' ') "
  if [ -n "$create_env_pid" ] && [[ $running == *" $create_env_pid "* ]]; then
    kill -- "-$create_env_pid" 2>/dev/null || true
    wait "$create_env_pid" 2>/dev/null || true
    # What icecc-create-env leaves in /tmp when it is stopped.
    sed -n 's|.*=\(/tmp/iceccenv[A-Za-z0-9]*\)/fakeproc/.*|\1|p
      s|.*=\(/tmp/icecc_ld_so_conf[A-Za-z0-9]*\)$|\1|p' "$work/logs/create-env.log" \
      >"$work/create-env-tmp" 2>/dev/null || true
    while read -r dir; do rm -rf "$dir"; done <"$work/create-env-tmp"
  fi
  for pid in "${compile_pids[@]}"; do
    [[ $running == *" $pid "* ]] || continue
    kill -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for pid in "${daemon_pids[@]}"; do
    # iceccd leads a process group of its own (its compile jobs, the
    # client's icecc-create-env); the scheduler does not.
    kill -- "-$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${daemon_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/logs" "$work/out" "$work/env" "$work/envs-worker" "$work/envs-client" \
  "$work/sock"
# The daemons drop root for the icecc user, which writes their logs, sockets
# and environment folders.
for f in scheduler worker client; do : >"$work/logs/$f.log"; done
chown icecc "$work/logs" "$work"/logs/*.log "$work/envs-worker" "$work/envs-client" "$work/sock"
chmod 755 "$work"
# The client's daemon (as the icecc user) reads the plugin to put it into
# the environment it makes, and that user may not be able to enter the
# checkout (a 0700 home folder, a mktemp -d): the environments hold, and
# -fplugin= names, a copy here.
mkdir -p "$work/plugin"
cp "$plugin" "$work/plugin/"
chmod -R a+rX "$work/plugin"
plugin=$work/plugin/$(basename "$plugin")

# The scheduler needs its port and the next one (telnet), the worker one.
read -r sched_port worker_port < <(python3 -c '
import socket
def free(port, kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    try:
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()
def any_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
while True:
    p = any_port()
    if p < 65535 and free(p + 1) and free(p, socket.SOCK_DGRAM):
        break
while True:
    q = any_port()
    if q not in (p, p + 1):
        break
print(p, q)')
netname=bumper-test-$$
scheduler=127.0.0.1:$sched_port

icecc-scheduler -p "$sched_port" -i lo -n "$netname" -l "$work/logs/scheduler.log" -vvv \
  >"$work/logs/scheduler.out" 2>&1 &
daemon_pids+=($!)

# The worker, with an idle /proc/stat if a mount namespace can be had. It
# listens on all interfaces, on a port of its own: iceccd 1.4 with -i lo binds
# lo twice and gives up.
{
  printf 'cpu  0 0 0 100000000 0 0 0 0 0 0\n'
  sed 1d /proc/stat
} >"$work/proc-stat"
chmod 644 "$work/proc-stat"
worker_cmd=(iceccd -p "$worker_port" -s "$scheduler" -n "$netname" -N bumper-worker
  -b "$work/envs-worker" --cache-limit 4096 -m 2 -l "$work/logs/worker.log" -vvv)
if unshare --mount --propagation private true 2>/dev/null; then
  # shellcheck disable=SC2016 # the inner sh expands them
  ICECC_TEST_SOCKET=$work/sock/worker unshare --mount --propagation private \
    sh -c 'mount --bind "$0" /proc/stat && exec "$@"' "$work/proc-stat" "${worker_cmd[@]}" \
    >"$work/logs/worker.out" 2>&1 &
else
  echo "note: no mount namespace; the worker sees this machine's real load"
  ICECC_TEST_SOCKET=$work/sock/worker "${worker_cmd[@]}" >"$work/logs/worker.out" 2>&1 &
fi
daemon_pids+=($!)

# The client's daemon: takes no jobs, builds the client's environment when
# ICECC_VERSION is not set (uncompressed, as it is only sent to 127.0.0.1).
ICECC_TEST_SOCKET=$work/sock/client ICECC_ENV_COMPRESSION=none \
  iceccd --no-remote -s "$scheduler" -n "$netname" -N bumper-client -b "$work/envs-client" \
  -m 2 -l "$work/logs/client.log" -vvv >"$work/logs/client.out" 2>&1 &
daemon_pids+=($!)
echo "icecc-scheduler on $scheduler, worker iceccd on port $worker_port, client iceccd (--no-remote)"

# 1. The environment with the plugin, made while the daemons log in.
# It writes the tarball into the current folder and its name to fd 5; it
# runs in a session of its own, which cleanup stops if it is still running.
# shellcheck disable=SC2016 # the inner sh expands them
setsid sh -c 'cd "$0" && exec timeout 90 "$@"' "$work/env" \
  icecc-create-env --clang "$clang" --compression none --addfile "$plugin" \
  5>"$work/env/name" >"$work/logs/create-env.log" 2>&1 &
create_env_pid=$!

ready=""
for _ in $(seq 1 300); do
  for pid in "${daemon_pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || fail "an icecream daemon (pid $pid) exited"
  done
  if grep -q "Connected to scheduler" "$work/logs/worker.log" &&
    grep -q "Connected to scheduler" "$work/logs/client.log" &&
    grep -q "login bumper-worker " "$work/logs/scheduler.log" &&
    grep -q "login bumper-client " "$work/logs/scheduler.log"; then
    ready=yes
    break
  fi
  sleep 0.1
done
[ -n "$ready" ] || fail "the daemons did not log in to the scheduler within 30 s"
grep -q "Cannot use chroot" "$work/logs/worker.log" &&
  fail "the worker cannot chroot, so it takes no remote jobs"
echo "ok: both daemons logged in to the scheduler"

cxxflags=(-std=c++20 "-I$src/include")
# Every compile: through the test's client daemon, to the worker only, with
# comments kept (ICECC_REMOTE_CPP=1), and a debug log of its own. It runs in
# the background (timeout leads a process group of its own, which cleanup
# stops): its pid is $last_pid.
compile() { # compile <name> <source> [ICECC_VERSION]
  local name=$1 file=$2 version=()
  [ -z "${3:-}" ] || version=(ICECC_VERSION="$3")
  env -u ICECC_VERSION "${version[@]}" ICECC_TEST_SOCKET="$work/sock/client" \
    ICECC_TEST_REMOTEBUILD=1 ICECC_PREFERRED_HOST=bumper-worker ICECC_REMOTE_CPP=1 \
    ICECC_COLOR_DIAGNOSTICS=0 ICECC_DEBUG=debug ICECC_LOGFILE="$work/logs/$name.icecc.log" \
    timeout 80 icecc clang++-19 "-fplugin=$plugin" "${cxxflags[@]}" -c "$file" \
    -o "$work/out/$name.o" >"$work/out/$name.log" 2>&1 &
  last_pid=$!
  compile_pids+=("$last_pid")
}
# Whether the scheduler gave <name>'s job to the worker (rather than keeping
# it on the client, its decision).
on_worker() { # on_worker <name>
  grep -q "Have to use host 127.0.0.1:$worker_port " "$work/logs/$1.icecc.log"
}
# Jobs compiled on the worker, per environment: addfile, native.
declare -A worker_jobs=([addfile]=0 [native]=0)
# For a job the scheduler gave to the worker, the proof that the worker
# compiled it (remote compile, exit <code>) with the plugin and the client
# did not compile it again; for one it kept, a note (the compile's result
# and diagnostics are checked by the caller either way).
check_placed() { # check_placed <name> <source> <code> <environment>
  local name=$1
  if ! on_worker "$name"; then
    echo "note: $name: the scheduler did not give the job to the worker; it was compiled on the client"
    return 0
  fi
  check_remote "$@"
  worker_jobs[$4]=$((${worker_jobs[$4]} + 1))
}
# The proof that <name>, given to the worker, was compiled by the worker
# (remote compile, exit <code>) and not by the client.
check_remote() { # check_remote <name> <source> <code>
  local name=$1 file=$2 code=$3 log=$work/logs/$1.icecc.log job pid
  for marker in "<building_local>" "building myself" "local build forced" "got exception"; do
    if grep -q -F -- "$marker" "$log"; then fail "$name: the client built it locally ($marker)"; fi
  done
  grep -q -- "-frewrite-includes" "$log" ||
    fail "$name: the client did not preprocess with -frewrite-includes"
  job=$(sed -n 's/.*Have to use host 127\.0\.0\.1:[0-9]* - Job ID: \([0-9]*\) .*/\1/p' "$log")
  [ -n "$job" ] || fail "$name: no job id in the client's log"
  pid=""
  for _ in $(seq 1 50); do
    # The daemon's main process logs "request for job N" and then the pid
    # of the process it forked for the job.
    pid=$(awk -v j="request for job $job" '
      main == "" && substr($0, length($0) - length(j) + 1) == j { main = $1; next }
      main != "" && $1 == main && match($0, /handle connection returned [0-9]+/) {
        print substr($0, RSTART + 27, RLENGTH - 27); exit
      }' "$work/logs/worker.log")
    if [ -n "$pid" ] &&
      grep -q "^\[$pid\] .*Remote compilation \(completed\|exited\) with exit code" "$work/logs/worker.log"; then
      break
    fi
    sleep 0.1
  done
  [ -n "$pid" ] || fail "$name: job $job is not in the worker's log"
  grep -q -F "[$pid] " "$work/logs/worker.log" || fail "$name: no worker process for job $job"
  grep -q "^\[$pid\] .*remote compile for file $file\$" "$work/logs/worker.log" ||
    fail "$name: the worker's job $job did not compile $file"
  grep -q "^\[$pid\] .*remote compile arguments: -fplugin=$plugin " "$work/logs/worker.log" ||
    fail "$name: the worker did not run the compiler with -fplugin="
  if [ "$code" -eq 0 ]; then
    grep -q "^\[$pid\] .*Remote compilation completed with exit code 0\$" "$work/logs/worker.log" ||
      fail "$name: the worker's compile did not succeed"
  else
    grep -q "^\[$pid\] .*Remote compilation exited with exit code $code\$" "$work/logs/worker.log" ||
      fail "$name: the worker's compile did not exit with $code"
  fi
  grep -q "BEGIN: $job client=bumper-client([^)]*) server=bumper-worker(" "$work/logs/scheduler.log" ||
    fail "$name: the scheduler did not start job $job on the worker"
}

# 2. No ICECC_VERSION: the client's daemon makes the environment (with the
#    plugin) while case 1's is made; both end up with the same files.
compile native-sum "$src/examples/sum.cpp"
native_sum_pid=$last_pid
compile native-leaky "$inputs/leaky.cpp"
native_leaky_pid=$last_pid

if ! wait "$create_env_pid"; then
  fail "icecc-create-env --clang $clang --addfile $plugin failed"
fi
envfile=$work/env/$(cat "$work/env/name")
[ -f "$envfile" ] || fail "icecc-create-env made no tarball"
tar -tf "$envfile" >"$work/env/files"
grep -q -x -F "${plugin#/}" "$work/env/files" ||
  fail "the environment does not hold the plugin at ${plugin#/}"
envname=$(basename "$envfile" .tar)
echo "ok: icecc-create-env --addfile put the plugin into $envname.tar at its own path"

# 1a. One compile installs the environment on the worker (when the
# scheduler gives it the job); then the rest.
compile sum "$src/examples/sum.cpp" "$envfile"
wait "$last_pid" || { cat "$work/out/sum.log" >&2; fail "sum.cpp did not compile"; }
if on_worker sum; then
  grep -q "installed x86_64/$envname " "$work/logs/worker.log" ||
    grep -q "has env: true" "$work/logs/sum.icecc.log" ||
    fail "the worker did not install $envname"
fi
pids=()
names=()
for f in "$src"/examples/*.cpp "$inputs/nolint.cpp" "$inputs/leaky.cpp"; do
  name=$(basename "$f" .cpp)
  [ "$name" = sum ] && continue
  compile "$name" "$f" "$envfile"
  pids+=("$last_pid")
  names+=("$name")
done
status=()
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}"; then status[i]=0; else status[i]=$?; fi
done

for f in "$src"/examples/*.cpp "$inputs/nolint.cpp"; do
  name=$(basename "$f" .cpp)
  for i in "${!names[@]}"; do
    if [ "${names[$i]}" = "$name" ] && [ "${status[$i]}" -ne 0 ]; then
      cat "$work/out/$name.log" >&2
      fail "$name.cpp did not compile through icecc (exit ${status[$i]})"
    fi
  done
  [ -s "$work/out/$name.o" ] || fail "$name.cpp: no object file"
  check_placed "$name" "$f" 0 addfile
  echo "ok: $name.cpp compiled through icecc"
done
# (a) the examples are annotated but not guarded: the worker's warnings come
# back. (grep reads the files itself; no pipe into grep -q.)
if ! grep -q "warning: no_escape block has no 'bumper::NoEscape' guard \[bumper-missing-guard\]" \
  "$work"/out/*.log; then
  for f in "$work"/out/*.log; do sed "s|^|  $(basename "$f"): |" "$f" >&2; done
  fail "no bumper-missing-guard warning came back from the worker"
fi
echo "ok: the bumper-missing-guard warnings reach the client"
# (c) NOLINT survives -frewrite-includes.
if grep -q "error:" "$work/out/nolint.log"; then
  cat "$work/out/nolint.log" >&2
  fail "NOLINT did not reach the worker"
fi
echo "ok: NOLINT(bumper-escape) survives icecc (ICECC_REMOTE_CPP=1)"
# (b) an escape fails on the worker and comes back.
for i in "${!names[@]}"; do
  [ "${names[$i]}" = leaky ] && leaky_status=${status[$i]}
done
[ "$leaky_status" -ne 0 ] || fail "leaky.cpp compiled through icecc"
[ "$leaky_status" -ne 124 ] || fail "leaky.cpp timed out"
grep -q "leaky.cpp:10:5: error: pointer into arena memory allocated in this no_escape block is returned from the no_escape block \[bumper-escape\]" "$work/out/leaky.log" ||
  { cat "$work/out/leaky.log" >&2; fail "the bumper-escape error did not come back"; }
check_placed leaky "$inputs/leaky.cpp" 1 addfile
[ ! -e "$work/out/leaky.o" ] || fail "leaky.o was written"
echo "ok: leaky.cpp fails with bumper-escape, reported through icecc"
sed -n '/leaky.cpp:10:5: error/p' "$work/out/leaky.log"

# 2, continued: the environment the client's daemon made holds the plugin.
if ! wait "$native_sum_pid"; then
  cat "$work/out/native-sum.log" >&2
  fail "sum.cpp did not compile through icecc without ICECC_VERSION"
fi
check_placed native-sum "$src/examples/sum.cpp" 0 native
grep -q "warning: no_escape function 'f' has no 'bumper::NoEscape' guard \[bumper-missing-guard\]" \
  "$work/out/native-sum.log" ||
  { cat "$work/out/native-sum.log" >&2; fail "no bumper-missing-guard warning without ICECC_VERSION"; }
grep -q "start_create_env .*:$plugin\$" "$work/logs/client.log" ||
  fail "the client's daemon did not add the plugin to its environment"
native_env=$(sed -n "s|.* env: x86_64 '\(.*/native/[^']*\)'\$|\1|p" "$work/logs/native-sum.icecc.log")
if [ -z "$native_env" ] || [ ! -f "$native_env" ]; then
  fail "no environment from the client's daemon"
fi
tar -tf "$native_env" >"$work/env/native-files"
grep -q -x -F "${plugin#/}" "$work/env/native-files" ||
  fail "the client's daemon's environment does not hold the plugin"
wait "$native_leaky_pid" && fail "leaky.cpp compiled through icecc without ICECC_VERSION"
grep -q "leaky.cpp:10:5: error: .*\[bumper-escape\]" "$work/out/native-leaky.log" ||
  { cat "$work/out/native-leaky.log" >&2; fail "no bumper-escape error without ICECC_VERSION"; }
check_placed native-leaky "$inputs/leaky.cpp" 1 native
echo "ok: without ICECC_VERSION the client's iceccd adds the plugin to the environment it makes"

# 3. Each environment ran on the worker at least once. When the scheduler
#    kept all of one's jobs away, sum.cpp is compiled again with it, alone.
declare -A env_of=([addfile]=$envfile [native]="")
for kind in addfile native; do
  attempt=0
  while [ "${worker_jobs[$kind]}" -eq 0 ] && [ "$attempt" -lt 3 ]; do
    attempt=$((attempt + 1))
    name=again-$kind-$attempt
    echo "note: no $kind job ran on the worker yet; compiling sum.cpp again ($name)"
    compile "$name" "$src/examples/sum.cpp" "${env_of[$kind]}"
    wait "$last_pid" || { cat "$work/out/$name.log" >&2; fail "sum.cpp did not compile ($name)"; }
    grep -q "warning: no_escape function 'f' has no 'bumper::NoEscape' guard \[bumper-missing-guard\]" \
      "$work/out/$name.log" ||
      { cat "$work/out/$name.log" >&2; fail "$name: no bumper-missing-guard warning"; }
    check_placed "$name" "$src/examples/sum.cpp" 0 "$kind"
  done
  if [ "${worker_jobs[$kind]}" -eq 0 ]; then
    sed 's/^/  scheduler.log: /' "$work/logs/scheduler.log" | tail -n 40
    echo "SKIP: the scheduler gave none of the jobs with the $kind environment to the" \
      "worker ($attempt more tries); every compile succeeded or failed as it should," \
      "with the plugin, but not on the worker"
    exit 77
  fi
  echo "ok: ${worker_jobs[$kind]} job(s) with the $kind environment compiled on the worker, with the plugin"
done
