#!/usr/bin/env python3
"""Turns one run of bumper_bench (Google Benchmark JSON) into the comparison
table of docs/benchmarks.md: medians over the repetitions, ratios to bumper's
default buffer from that same run, and PASS/MISS for the targets of issues 2
and 14 (n = 3 is judged against the minimal bounds-checked arena). Then the
heap-temporary kernels, as written against bumper-tool's conversion of them,
also from that run (issue 15), or why they were skipped.

    bench/report.py RESULTS.json [--binary build-bench/bin/bumper_bench]

With --binary, it also disassembles the two n-independent kernels
seed_bumper_default and seed_alloca and checks that bumper's loops are
vectorised like the alloca ones (packed integer adds, SSE2 or wider), and,
where valgrind and bumper_instructions (built next to the binary) are there,
counts the n = 3 kernels' instructions per call under callgrind.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

SEED_NS = [3, 30, 100, 10000]
SEED_ROWS = [
    ("bumper_default", "bumper, default buffer"),
    ("bumper_buffer", "bumper, AllocBuffer"),
    ("alloca", "alloca (the limit)"),
    ("minimal_bump", "minimal bump (floor)"),
    ("unchecked_bump", "same, no bounds check"),
    ("std_vector", "std::vector<int>(n)"),
    ("malloc", "malloc/free"),
    ("pmr_monotonic", "pmr monotonic_buffer"),
    ("llvm_bumpptr", "llvm::BumpPtrAllocator"),
]
SMALL_ROWS = [
    ("bumper_default", "bumper, default buffer"),
    ("bumper_buffer", "bumper, AllocBuffer"),
    ("malloc_free", "malloc/free"),
    ("pmr_monotonic", "pmr monotonic_buffer"),
    ("llvm_bumpptr", "llvm::BumpPtrAllocator"),
]
# The heap-temporary kernels (bench/heap_temporary_bench.cpp): n is the size
# of each scratch array; times are per item (output sample, line, polygon,
# scored sample).
HEAP_NS = [4, 16, 64, 1024]
HEAP_KERNELS = [
    ("median_filter", "median filter, window of n"),
    ("hash_words", "tokenizer, lines of n"),
    ("polygon_centroids", "polygon centroids, n vertices"),
    ("score_samples", "linear scores, n features"),
]
HEAP_VARIANTS = [("everyday", "as written"), ("converted", "converted")]
HEAP_TARGET_N = 4
TO_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def load(path):
    """{run_name: [cpu ns per iteration, one per repetition]} and the context.
    A benchmark with an "items" counter is given per item instead."""
    with open(path) as f:
        data = json.load(f)
    runs = {}
    errors = {}
    for b in data["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        name = b.get("run_name", b["name"])
        if b.get("error_occurred"):
            errors[name] = b.get("error_message", "error")
            continue
        ns = b["cpu_time"] * TO_NS[b["time_unit"]]
        runs.setdefault(name, []).append(ns / b.get("items", 1))
    return runs, errors, data.get("context", {})


def fmt_ns(ns):
    if ns is None:
        return "-"
    if ns >= 1e5:
        return f"{ns / 1e3:.0f} us"
    if ns >= 1e4:
        return f"{ns / 1e3:.1f} us"
    if ns >= 100:
        return f"{ns:.0f} ns"
    return f"{ns:.2f} ns"


def cell(ns, base):
    if ns is None:
        return "-"
    ratio = f"{ns / base:.2f}x" if base else "?"
    return f"{fmt_ns(ns):>9} {ratio:>6}"


def packed_adds(binary, symbol):
    """Number of packed integer adds in `symbol`, or None if objdump is missing."""
    objdump = shutil.which("objdump")
    if objdump is None:
        return None
    out = subprocess.run(
        [objdump, "-d", "--no-show-raw-insn", f"--disassemble={symbol}", binary],
        capture_output=True, text=True, check=False).stdout
    return len(re.findall(r"\bv?padd[dq]\b", out))


def instruction_counts(binary):
    """Instructions per call at n = 3 of the seed kernels, from callgrind and
    bumper_instructions (next to the benchmark binary); None without them."""
    if not binary:
        return None
    tool = os.path.join(os.path.dirname(binary), "bumper_instructions")
    if not os.path.exists(tool) or shutil.which("valgrind") is None:
        return None
    counts = {}
    for kernel in ("default", "buffer", "minimal", "minimal_throwing"):
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
             "--toggle-collect=seed_*", tool, "3", kernel],
            capture_output=True, text=True)
        found = re.search(r"Collected : (\d+)", run.stderr)
        if run.returncode != 0 or not found:
            return None
        counts[kernel] = round(int(found.group(1)) / 100000)
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("json")
    ap.add_argument("--binary")
    ap.add_argument("--stat", choices=["min", "median"], default="min",
                    help="statistic over the repetitions (default: min, the "
                    "least disturbed by other load on a shared machine)")
    args = ap.parse_args()

    runs, errors, ctx = load(args.json)
    pick = min if args.stat == "min" else statistics.median
    med = {k: pick(v) for k, v in runs.items()}
    spread = {k: (max(v) - min(v)) / statistics.median(v) for k, v in runs.items() if len(v) > 1}
    reps = max((len(v) for v in runs.values()), default=0)

    def get(group, variant, n=None):
        key = f"{group}/{variant}" + (f"/{n}" if n is not None else "")
        return med.get(key)

    width = 24
    what = "Fastest" if args.stat == "min" else "Median"
    print(f"{what} of {reps} repetition(s), CPU time per call; "
          "(x) = time / time of bumper with the default buffer, same run.")
    print()
    title = "Seed: y .= x .+ 1; sum(y)"
    print(f"{title:<{width}}" + "".join(f"{'n = ' + str(n):>18}" for n in SEED_NS))
    for variant, label in SEED_ROWS:
        if all(get("seed", variant, n) is None for n in SEED_NS):
            continue
        row = f"{label:<{width}}"
        for n in SEED_NS:
            row += f"{cell(get('seed', variant, n), get('seed', 'bumper_default', n)):>18}"
        print(row)
    print()
    print(f"{'1000 allocs, 16-256 B':<{width}}{'per 1000 + reset':>18}{'per alloc':>12}")
    small_base = get("small", "bumper_default")
    for variant, label in SMALL_ROWS:
        ns = get("small", variant)
        if ns is None:
            continue
        print(f"{label:<{width}}{cell(ns, small_base):>18}{ns / 1000:>9.2f} ns")

    print()
    skipped = ctx.get("heap_temporary_skipped")
    if skipped:
        print(f"Heap temporaries converted by bumper-tool: skipped: {skipped}.")
    else:
        print(f"{'Heap temporaries, per item':<{width + 4}}"
              + "".join(f"{'n = ' + str(n):>18}" for n in HEAP_NS))
        for kernel, title in HEAP_KERNELS:
            print(f"  {title}")
            for variant, label in HEAP_VARIANTS:
                row = f"    {label:<{width}}"
                for n in HEAP_NS:
                    ns = get("heap_temporary", f"{kernel}/{variant}", n)
                    base = get("heap_temporary", f"{kernel}/converted", n)
                    row += f"{cell(ns, base):>18}"
                print(row)
        print("  (x) = time / time of bumper-tool's conversion of the same kernel, same run.")

    if spread:
        worst = max(spread, key=spread.get)
        print()
        print(f"Spread (max - min) / median over the repetitions: median "
              f"{100 * statistics.median(spread.values()):.1f}%, worst "
              f"{100 * spread[worst]:.1f}% ({worst}).")
    for name, msg in errors.items():
        print(f"ERROR in {name}: {msg}")

    # --- Targets (issues 2, 14 and 15), judged on the same statistic of this run.
    print()
    print("Targets (issues 2, 14 and 15):")
    results = []

    def target(ok, text):
        if ok is None:
            results.append(None)
            print(f"  [ -- ] {text} (not measured)")
            return
        results.append(ok)
        print(f"  [{'PASS' if ok else 'MISS'}] {text}")

    b3, v3 = get("seed", "bumper_default", 3), get("seed", "std_vector", 3)
    target(None if None in (b3, v3) else v3 / b3 >= 3.0,
           f"n = 3: std::vector / bumper = {v3 / b3:.2f}x (want >= 3x)" if b3 and v3
           else "n = 3: std::vector >= 3x slower than bumper")
    # Issue 14 withdrew "within 1.1x of alloca" at n = 3 (no arena whose bump
    # pointer lives in memory and that checks its bounds reaches it here): the
    # yardstick is the minimal bounds-checked arena instead.
    m3 = get("seed", "minimal_bump", 3)
    bb3 = get("seed", "bumper_buffer", 3)
    extra = f"; AllocBuffer / minimal = {bb3 / m3:.2f}x" if bb3 and m3 else ""
    target(None if None in (b3, m3) else b3 / m3 <= 1.1,
           f"n = 3: bumper / minimal bump = {b3 / m3:.2f}x (want <= 1.10x){extra}"
           if b3 and m3 else "n = 3: bumper within 1.1x of the minimal arena")
    for n in SEED_NS[1:]:
        b, a = get("seed", "bumper_default", n), get("seed", "alloca", n)
        bb = get("seed", "bumper_buffer", n)
        extra = f"; AllocBuffer / alloca = {bb / a:.2f}x" if bb and a else ""
        target(None if None in (a, b) else b / a <= 1.1,
               f"n = {n}: bumper / alloca = {b / a:.2f}x (want <= 1.10x){extra}" if a and b
               else f"n = {n}: bumper within 1.1x of alloca")
    # What any arena pays at n = 3, from the yardsticks of this same run: the
    # bounds check is the one thing alloca does not do.
    a3 = get("seed", "alloca", 3)
    u3 = get("seed", "unchecked_bump", 3)
    if a3 and m3 and u3 and b3:
        print(f"         n = 3 floor: minimal bump / alloca = {m3 / a3:.2f}x, "
              f"without its bounds check {u3 / a3:.2f}x; bumper / alloca "
              f"= {b3 / a3:.2f}x" + (f" (AllocBuffer {bb3 / a3:.2f}x)" if bb3 else ""))
    counts = instruction_counts(args.binary)
    if counts:
        worst = max(counts["default"], counts["buffer"])
        target(worst <= counts["minimal"] + 5,
               f"n = 3 instructions per call (callgrind): bumper {counts['default']}, "
               f"AllocBuffer {counts['buffer']}, minimal bump {counts['minimal']} "
               f"(want within 5 of the minimal arena; the minimal arena that "
               f"throws and releases on exceptions: {counts['minimal_throwing']})")
    for variant, label in [("pmr_monotonic", "pmr"), ("llvm_bumpptr", "llvm::BumpPtrAllocator")]:
        p = get("small", variant)
        target(None if None in (p, small_base) else p > small_base,
               f"small allocs: {label} / bumper = {p / small_base:.2f}x (want > 1x)"
               if p and small_base else f"small allocs: bumper faster than {label}")
    if args.binary:
        nb = packed_adds(args.binary, "seed_bumper_default")
        na = packed_adds(args.binary, "seed_alloca")
        target(None if nb is None else (nb > 0 and nb >= na),
               f"codegen: packed int adds in seed_bumper_default = {nb}, seed_alloca = {na} "
               "(bumper's loops vectorised like alloca's)")
    # Issue 15: the kernels written with a std::vector per item, against
    # bumper-tool's conversion of them, at the smallest size.
    if skipped:
        target(None, f"heap temporaries: converted >= 3x faster at n = {HEAP_TARGET_N}: "
               "skipped, see above")
    else:
        for kernel, title in HEAP_KERNELS:
            ratios = {}
            for n in HEAP_NS:
                e = get("heap_temporary", f"{kernel}/everyday", n)
                c = get("heap_temporary", f"{kernel}/converted", n)
                ratios[n] = e / c if e and c else None
            r = ratios[HEAP_TARGET_N]
            others = ", ".join(f"n = {n} {ratios[n]:.2f}x" for n in HEAP_NS
                               if n != HEAP_TARGET_N and ratios[n])
            target(None if r is None else r >= 3.0,
                   f"{title}, n = {HEAP_TARGET_N}: as written / converted = {r:.2f}x "
                   f"(want >= 3x; {others})" if r else
                   f"{title}, n = {HEAP_TARGET_N}: converted >= 3x faster")
    passed = sum(1 for r in results if r)
    print(f"  {passed} of {len(results)} targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
