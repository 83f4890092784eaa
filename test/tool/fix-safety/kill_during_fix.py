#!/usr/bin/env python3
"""Fault injection for bumper-tool --fix: SIGKILL it at random moments of a
large multi-file run, many times, and check that every file is, byte for
byte, either its original or its complete rewrite; then that an
uninterrupted re-run finishes the job and leaves no temporary file.

  kill_during_fix.py --tool bumper-tool --stub-dir DIR --work DIR
                     [--files 40] [--blocks 30] [--kills 30] [--budget 60]
                     [--rerun-every 3] [--jobs 2] [--seed 1]
                     [--plant-truncated]

The project: --files sources and one header (shared.h, edited through
--header-filter), each with --blocks unguarded [[bumper::no_escape]] blocks,
compiled against the stub <bumper-stub.hpp> in --stub-dir. One uninterrupted
run gives the reference rewrite and the timing: the whole run, and the
window in which it writes files (found by watching the files change). Half
the kills fall anywhere in the run; half in the writes: after a random
number k of files were replaced, within the time one file takes.

--kills is the number of kills; --budget (seconds) stops earlier on a slow
machine (at least 3 kills are always made). After every --rerun-every-th
kill, and after the last, an uninterrupted run must finish the job (every
file the reference rewrite) and leave no temporary file. --plant-truncated
checks the checker instead: it truncates one file of a finished copy by
hand and must report it lost (exit 1).

Prints "N kills, M files checked, L lost" and exits 1 if L > 0 or a re-run
fails.
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import time


def generate(where, files, blocks, seed):
    """Writes the project into `where`; returns the file names."""
    rng = random.Random(seed)
    os.makedirs(where)
    names = []

    def block(prefix, i):
        buf = "(Scratch)" if i % 3 == 0 else ""
        pad = " ".join(rng.choice(["arena", "bump", "scratch", "reset",
                                   "guard", "block", "slab", "checkpoint"])
                       for _ in range(rng.randint(4, 30)))
        return (
            "// %s\n"
            "int %s_%d(bumper::SlabBuffer &Scratch, int N) {\n"
            "  int Sum = %d;\n"
            "  [[bumper::no_escape%s]] {\n"
            "    int *P = bumper::alloc<int>(%sN);\n"
            "    for (int I = 0; I < N; ++I)\n"
            "      P[I] = I * %d;\n"
            "    Sum += P[N - 1];\n"
            "  }\n"
            "  return Sum;\n"
            "}\n\n" % (pad, prefix, i, i, buf, "Scratch, " if buf else "",
                       rng.randint(1, 99)))

    with open(os.path.join(where, "shared.h"), "w") as f:
        f.write("#pragma once\n#include \"bumper-stub.hpp\"\n\n")
        for i in range(blocks):
            f.write("inline " + block("shared", i))
    names.append("shared.h")
    for n in range(files):
        name = "f%02d.cpp" % n
        with open(os.path.join(where, name), "w") as f:
            f.write("#include \"shared.h\"\n\n")
            for i in range(blocks):
                f.write(block("f%02d" % n, i))
        names.append(name)
    return names


def read_all(where, names):
    out = {}
    for n in names:
        with open(os.path.join(where, n), "rb") as f:
            out[n] = f.read()
    return out


def temporaries(where):
    return sorted(n for n in os.listdir(where) if ".bumper-" in n)


class Project:
    def __init__(self, args, names):
        self.args = args
        self.names = names
        self.sources = [n for n in names if n.endswith(".cpp")]

    def command(self, where):
        return ([self.args.tool, "--fix", "-j%d" % self.args.jobs, "--quiet",
                 "--header-filter=shared\\.h$"] +
                [os.path.join(where, n) for n in self.sources] +
                ["--", "-std=c++20", "-I" + self.args.stub_dir])

    def start(self, where, stderr=subprocess.DEVNULL):
        # Its diagnostics go to a file, never to a pipe nobody reads.
        return subprocess.Popen(self.command(where), stdout=subprocess.DEVNULL,
                                stderr=stderr)

    def run(self, where):
        """An uninterrupted run; fails the script if the tool fails."""
        p = subprocess.run(self.command(where), stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        if p.returncode != 0:
            sys.exit("kill_during_fix: the tool failed (%d) on %s:\n%s" %
                     (p.returncode, where, p.stderr.decode(errors="replace")))

    def timed_reference(self, original, where):
        """Runs the tool on a copy of `original` in `where`, watching the
        files; returns (run seconds, first write, last write) since start."""
        shutil.copytree(original, where)
        paths = [os.path.join(where, n) for n in self.names]
        before = {p: os.stat(p).st_ino for p in paths}
        log = open(where + ".log", "w+b")
        start = time.monotonic()
        p = self.start(where, log)
        first = last = None
        changed = set()
        while True:
            done = p.poll() is not None
            now = time.monotonic() - start
            for path in paths:
                if path not in changed and os.stat(path).st_ino != before[path]:
                    changed.add(path)
                    first = now if first is None else first
                    last = now
            if done:
                break
            time.sleep(0.0005)
        total = time.monotonic() - start
        log.seek(0)
        err = log.read().decode(errors="replace")
        log.close()
        if p.returncode != 0 or len(changed) != len(paths):
            sys.exit("kill_during_fix: the reference run failed (%d, %d of %d "
                     "files rewritten):\n%s" % (p.returncode, len(changed),
                                                len(paths), err))
        return total, first, last


def wait_for_writes(p, where, names, count):
    """Waits until the run `p` has replaced `count` files in `where` (or has
    ended)."""
    paths = [os.path.join(where, n) for n in names]
    before = [os.stat(path).st_ino for path in paths]
    while p.poll() is None:
        if sum(os.stat(path).st_ino != ino
               for path, ino in zip(paths, before)) >= count:
            break
        time.sleep(0.0005)


def check(where, names, original, rewritten):
    """Returns (lost files, #original, #rewritten)."""
    lost, old, new = [], 0, 0
    for n in names:
        with open(os.path.join(where, n), "rb") as f:
            data = f.read()
        if data == original[n]:
            old += 1
        elif data == rewritten[n]:
            new += 1
        else:
            lost.append("%s (%d bytes; original %d, rewrite %d)" %
                        (n, len(data), len(original[n]), len(rewritten[n])))
    return lost, old, new


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tool", required=True)
    ap.add_argument("--stub-dir", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--blocks", type=int, default=30)
    ap.add_argument("--kills", type=int, default=30)
    ap.add_argument("--budget", type=float, default=60.0)
    ap.add_argument("--rerun-every", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--plant-truncated", action="store_true")
    args = ap.parse_args()

    began = time.monotonic()
    shutil.rmtree(args.work, ignore_errors=True)
    orig_dir = os.path.join(args.work, "original")
    names = generate(orig_dir, args.files, args.blocks, args.seed)
    project = Project(args, names)
    original = read_all(orig_dir, names)

    # The reference: one uninterrupted run, timed (twice: the slower wins).
    ref_dir = os.path.join(args.work, "reference")
    total, first, last = project.timed_reference(orig_dir, ref_dir)
    t2, f2, l2 = project.timed_reference(orig_dir, os.path.join(args.work, "t2"))
    total, first, last = max(total, t2), min(first, f2), max(last, l2)
    rewritten = read_all(ref_dir, names)
    if any(rewritten[n] == original[n] for n in names):
        sys.exit("kill_during_fix: the reference run left a file unchanged")
    # A second run changes nothing.
    project.run(ref_dir)
    if read_all(ref_dir, names) != rewritten:
        sys.exit("kill_during_fix: a second --fix changed the reference")
    size = sum(len(v) for v in original.values())
    print("kill_during_fix: %d files (%d KiB), %d blocks each; a run takes "
          "%.2f s, writing from %.2f s to %.2f s" %
          (len(names), size // 1024, args.blocks, total, first, last))

    run_dir = os.path.join(args.work, "run")
    if args.plant_truncated:
        shutil.rmtree(run_dir, ignore_errors=True)
        shutil.copytree(ref_dir, run_dir)
        victim = os.path.join(run_dir, names[len(names) // 2])
        os.truncate(victim, os.path.getsize(victim) // 2)
        lost, _, _ = check(run_dir, names, original, rewritten)
        for l in lost:
            print("LOST: " + l)
        print("0 kills, %d files checked, %d lost" % (len(names), len(lost)))
        return 1 if lost else 0

    rng = random.Random(args.seed)
    kills = checked = mixed = after = temps_left = reruns = 0
    lost_all = []
    while kills < args.kills:
        if kills >= 3 and time.monotonic() - began > args.budget:
            break
        shutil.rmtree(run_dir, ignore_errors=True)
        shutil.copytree(orig_dir, run_dir)
        started = time.monotonic()
        p = project.start(run_dir)
        if kills % 2 == 0:
            # Anywhere in the run.
            delay = rng.uniform(0, total)
            time.sleep(delay)
        else:
            # In the writes: once k files are replaced (k picked at random),
            # within the time one file took in the reference run.
            wait_for_writes(p, run_dir, names, rng.randint(0, len(names) - 1))
            time.sleep(rng.uniform(0, (last - first) / (len(names) - 1)))
            delay = time.monotonic() - started
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
        else:
            after += 1
        p.wait()
        kills += 1
        lost, old, new = check(run_dir, names, original, rewritten)
        checked += len(names)
        mixed += old > 0 and new > 0
        for l in lost:
            lost_all.append("kill %d after %.3f s: %s" % (kills, delay, l))
        temps_left += len(temporaries(run_dir))
        last_kill = kills == args.kills or \
            time.monotonic() - began > args.budget
        if kills % args.rerun_every and not last_kill:
            continue
        # An uninterrupted run finishes the job and removes what the killed
        # one left.
        reruns += 1
        project.run(run_dir)
        if read_all(run_dir, names) != rewritten:
            sys.exit("kill_during_fix: the re-run after kill %d did not give "
                     "the reference rewrite" % kills)
        if temporaries(run_dir):
            sys.exit("kill_during_fix: the re-run after kill %d left %s" %
                     (kills, " ".join(temporaries(run_dir))))

    for l in lost_all:
        print("LOST: " + l)
    print("kill_during_fix: %d kills in the middle of the writes (some files "
          "rewritten, some not), %d after the run had ended; %d temporary "
          "files left by SIGKILL; %d re-runs finished the job and left no "
          "temporary file; %.0f s" %
          (mixed, after, temps_left, reruns, time.monotonic() - began))
    print("%d kills, %d files checked, %d lost" %
          (kills, checked, len(lost_all)))
    return 1 if lost_all else 0


if __name__ == "__main__":
    sys.exit(main())
