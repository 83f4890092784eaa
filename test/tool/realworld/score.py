#!/usr/bin/env python3
"""Scores bumper-escape on the real-code corpus (test/tool/realworld).

Each corpus file is a lit test of its own; this script reads the same files
and counts, per tier (the folders one-function/ and helpers/), how many of the
lines that must be reported are (recall) and how many reported lines must be
(precision). A line must be reported when it carries the FileCheck directive
"// ESCAPE-DAG:"; every other line must not be. "// CASE:" opens a function
of the corpus (project, file, function); a case escapes when one of its lines
is marked.

  score.py --tool bumper-tool [--floor TIER=RECALL,PRECISION ...]
           [--verbose] -- <compiler flags>

prints one line per tier and exits 1 when a tier is below its floor (given
in percent), so that the lit test catches a regression.
"""
import argparse
import os
import re
import subprocess
import sys

TIERS = ["one-function", "helpers"]
MARK = re.compile(r"//\s*ESCAPE-DAG:")
CASE = re.compile(r"//\s*CASE:")
DIAG = re.compile(r"^(.*?):(\d+):\d+: error: .*\[bumper-escape\]$")


def expected(path):
    marked, cases, escaping = set(), 0, 0
    case_escapes = False
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            if CASE.search(line):
                cases += 1
                escaping += case_escapes
                case_escapes = False
            if MARK.search(line):
                marked.add(no)
                case_escapes = True
    escaping += case_escapes
    return marked, cases, escaping


def reported(tool, path, flags):
    proc = subprocess.run([tool, path, "--"] + flags, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    lines = set()
    for out in proc.stdout.splitlines():
        m = DIAG.match(out)
        if m and os.path.realpath(m.group(1)) == os.path.realpath(path):
            lines.add(int(m.group(2)))
    return lines


def pct(num, den):
    return 100.0 * num / den if den else 100.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--floor", action="append", default=[])
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("flags", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    flags = args.flags[1:] if args.flags[:1] == ["--"] else args.flags
    root = os.path.dirname(os.path.abspath(__file__))
    floors = {}
    for spec in args.floor:
        tier, _, nums = spec.partition("=")
        rec, _, prec = nums.partition(",")
        floors[tier] = (float(rec), float(prec))
    failed = False
    total_cases = total_clean = 0
    for tier in TIERS:
        folder = os.path.join(root, tier)
        tp = fp = fn = cases = escaping = 0
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".cpp", ".c")):
                continue
            path = os.path.join(folder, name)
            want, n, esc = expected(path)
            got = reported(args.tool, path, flags)
            cases += n
            escaping += esc
            tp += len(want & got)
            fp += len(got - want)
            fn += len(want - got)
            if args.verbose and want != got:
                print("  %s/%s: missed %s, false %s" %
                      (tier, name, sorted(want - got), sorted(got - want)))
        rec, prec = pct(tp, tp + fn), pct(tp, tp + fp)
        total_cases += cases
        total_clean += cases - escaping
        print("%s: %d cases (%d clean), recall %.1f%% (%d/%d), "
              "precision %.1f%% (%d/%d)" %
              (tier, cases, cases - escaping, rec, tp, tp + fn, prec, tp,
               tp + fp))
        if tier in floors:
            frec, fprec = floors[tier]
            # Compared as printed (one decimal), so a floor can be copied
            # from the output.
            if round(rec, 1) < frec or round(prec, 1) < fprec:
                print("%s: below the floor (recall %.1f%%, precision %.1f%%)" %
                      (tier, frec, fprec))
                failed = True
    print("total: %d cases, %d clean" % (total_cases, total_clean))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
