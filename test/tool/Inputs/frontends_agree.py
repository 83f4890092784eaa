#!/usr/bin/env python3
"""Runs sources through bumper-tool, the compiler plugin and the clang-tidy
module, and fails unless all three report the same findings: the same check,
at the same place, with the same message (clang-tidy reports every finding
as a warning, so levels are compared between the tool and the plugin only).

  frontends_agree.py --tool T --clang C --plugin P --tidy CT --module M
                     [--tidy-checks GLOB] [--summaries FILE]
                     -- <source>... -- <compile flags>

--summaries gives each front end the same whole-program summaries index
(bumper-tool --summaries=, the plugin's summaries=, the clang-tidy module's
Summaries option).

Prints one line per source and a closing 'N sources agree' line.
"""
import argparse
import re
import subprocess
import sys

FINDING = re.compile(
    r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<level>warning|error): "
    r"(?P<msg>.*) \[(?P<check>bumper-[a-z-]+|clang-tidy-nolint)"
    r"(?:,-warnings-as-errors)?\]$",
    re.M)


def findings(text, with_level):
    out = set()
    for m in FINDING.finditer(text):
        # clang-tidy reports an unmatched NOLINTBEGIN itself, with the same
        # words.
        check = "bumper-nolint" if m["check"] == "clang-tidy-nolint" else m["check"]
        key = (m["file"].rsplit("/", 1)[-1], int(m["line"]), int(m["col"]),
               check, m["msg"])
        out.add(key + ((m["level"],) if with_level else ()))
    return out


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    return p.stdout


def main():
    argv = sys.argv[1:]
    first = argv.index("--")
    rest = argv[first + 1:]
    second = rest.index("--")
    sources, flags = rest[:second], rest[second + 1:]
    ap = argparse.ArgumentParser()
    for opt in ("--tool", "--clang", "--plugin", "--tidy", "--module"):
        ap.add_argument(opt, required=True)
    ap.add_argument("--tidy-checks", default="-*,bumper-*")
    ap.add_argument("--summaries")
    a = ap.parse_args(argv[:first])
    tool_extra, plugin_extra, tidy_extra = [], [], []
    if a.summaries:
        tool_extra = ["--summaries=" + a.summaries]
        plugin_extra = ["-fplugin-arg-bumper-summaries=" + a.summaries]
        tidy_extra = ["--config={CheckOptions: {bumper-escape.Summaries: '%s'}}"
                      % a.summaries]

    base = ["-fno-caret-diagnostics", "-fno-color-diagnostics"]
    failed = 0
    total = 0
    for src in sources:
        is_c = src.endswith(".c")
        lang = ["-x", "c"] if is_c else []
        tool = run([a.tool] + tool_extra + [src, "--"] + flags + base)
        plugin = run([a.clang, "-fsyntax-only", "-fplugin=" + a.plugin] +
                     plugin_extra + lang + flags + base + [src])
        tidy = run([a.tidy, "--quiet", "--load=" + a.module,
                    "--checks=" + a.tidy_checks] + tidy_extra +
                   [src, "--"] + flags + base)
        t, p = findings(tool, True), findings(plugin, True)
        c = findings(tidy, False)
        t_nolevel = {x[:-1] for x in t}
        problems = []
        if t != p:
            problems.append("tool vs plugin:\n  only tool: %s\n  only plugin: %s"
                            % (sorted(t - p), sorted(p - t)))
        if t_nolevel != c:
            problems.append("tool vs clang-tidy:\n  only tool: %s\n  only tidy: %s"
                            % (sorted(t_nolevel - c), sorted(c - t_nolevel)))
        total += len(t)
        name = src.rsplit("/", 1)[-1]
        if problems:
            failed += 1
            print("%s: DIFFER\n%s" % (name, "\n".join(problems)))
        else:
            print("%s: %d findings agree" % (name, len(t)))
    print("%d sources agree, %d differ (%d findings)"
          % (len(sources) - failed, failed, total))
    # Agreeing on nothing would test nothing.
    return 1 if failed or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
