#!/usr/bin/env python3
"""What including Bumper's headers adds to a translation unit's compile time.

    bench/header_cost.py [--compiler clang++-19] [--repetitions 7]

For each header (<bumper/core.hpp>, the light one; <bumper/bumper.hpp>, all
of it) and for an empty file, runs `<compiler> -std=c++20 -fsyntax-only` on a
unit that includes only it, several times, interleaved, and takes the least
CPU time (user + system) of each: on a shared machine other work only ever
adds time. Prints the preprocessed lines, the time, the time the header adds
to the empty unit, and PASS/MISS against the light header's target (it adds
at most 0.1 s). See docs/benchmarks.md, "Including the headers".
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile

TARGET_SECONDS = 0.1
UNITS = [
    ("empty file", ""),
    ("<bumper/core.hpp>", "#include <bumper/core.hpp>\n"),
    ("<bumper/bumper.hpp>", "#include <bumper/bumper.hpp>\n"),
]


def cpu_seconds(command):
    """CPU time (user + system) of one run of `command`, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compiler", default="clang++-19")
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--include", help="the include folder (default: "
                        "this checkout's), e.g. another checkout's to compare")
    args = parser.parse_args()
    include = args.include or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "include")
    with tempfile.TemporaryDirectory() as tmp:
        commands, lines = [], []
        units = [u for u in UNITS
                 if not u[1] or os.path.exists(os.path.join(
                     include, u[1].split("<")[1].split(">")[0]))]
        for i, (_, text) in enumerate(units):
            path = os.path.join(tmp, f"unit{i}.cpp")
            with open(path, "w") as f:
                f.write(text)
            base = [args.compiler, "-std=c++20", "-I", include]
            commands.append(base + ["-fsyntax-only", path])
            pre = subprocess.run(base + ["-E", "-P", path], check=True,
                                 capture_output=True, text=True).stdout
            lines.append(len(pre.splitlines()))
        best = [float("inf")] * len(units)
        for _ in range(args.repetitions):
            for i, command in enumerate(commands):
                best[i] = min(best[i], cpu_seconds(command))
    version = subprocess.run([args.compiler, "--version"], capture_output=True,
                             text=True).stdout.splitlines()[0]
    print(f"compiler: {version}; -std=c++20 -fsyntax-only; least CPU time of "
          f"{args.repetitions} interleaved runs")
    print(f"{'unit':<22}{'lines':>8}{'time':>10}{'added':>10}")
    for i, (name, _) in enumerate(units):
        added = best[i] - best[0]
        verdict = ""
        if name == "<bumper/core.hpp>":
            verdict = ("  PASS" if added <= TARGET_SECONDS else "  MISS") + \
                f" (target: adds <= {TARGET_SECONDS} s)"
        print(f"{name:<22}{lines[i]:>8}{best[i]:>9.3f}s"
              f"{'' if i == 0 else f'{added:>9.3f}s'}{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
