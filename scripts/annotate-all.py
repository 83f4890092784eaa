#!/usr/bin/env python3
"""Annotates every function definition and every loop body of a project with
[[bumper::no_escape]], for the real-project trial (docs/realworld.md): run the
tool's --fix over the result, then build the project and run its own tests.

  annotate-all.py --root <project> [--exclude <regex>] [--clang clang++-19]
                  [--no-functions] [--no-loops] [-j N]
                  <compile_commands.json> [<file regex>]

<file regex> picks the translation units to read (the headers they reach
are annotated too); --exclude names files never to annotate (a bundled test
framework, the tests themselves).

Positions come from Clang's own AST (-ast-dump=json), so templates, macros,
friends and lambdas are placed as Clang sees them; every file under --root
that a translation unit reaches is annotated once, whichever unit reached it
first. Each annotated file gets `#include <bumper/bumper.hpp>` (or, for C,
<bumper/bumper.h>) as its first line. Prints what it did per kind, and what
it left out and why.
"""
import argparse
import collections
import json
import multiprocessing
import os
import re
import shlex
import subprocess
import sys

ATTR = "[[bumper::no_escape]] "
FUNCTIONS = {"FunctionDecl", "CXXMethodDecl", "CXXConstructorDecl",
             "CXXDestructorDecl", "CXXConversionDecl"}
LOOPS = {"ForStmt", "WhileStmt", "DoStmt", "CXXForRangeStmt"}


class Walker:
    """Follows the JSON dump's file tracking: a location names its file only
    when it differs from the previous location printed."""

    def __init__(self, root, functions, loops, exclude=None):
        self.root = os.path.realpath(root) + os.sep
        self.exclude = re.compile(exclude) if exclude else None
        self.file = None
        self.functions, self.loops = functions, loops
        self.inserts = collections.defaultdict(set)  # file -> offsets
        self.skipped = collections.defaultdict(set)  # why -> places

    def _track(self, loc):
        if not isinstance(loc, dict):
            return None
        for key in ("spellingLoc", "expansionLoc"):
            if key in loc:
                self._track(loc[key])
        if "file" in loc:
            self.file = loc["file"]
        if "expansionLoc" in loc:
            # Where a macro is used: the file and offset of the expansion.
            return (self.file, loc["expansionLoc"].get("offset"), True)
        return (self.file, loc.get("offset"), False)

    def _locate(self, node):
        """Tracks the node's locations in dump order; returns its begin."""
        loc = node.get("loc")
        self.name_in_macro = isinstance(loc, dict) and "expansionLoc" in loc
        self._track(loc)
        rng = node.get("range", {})
        begin = self._track(rng.get("begin"))
        self._track(rng.get("end"))
        return begin

    def _mine(self, path):
        if not path:
            return False
        real = os.path.realpath(path)
        return real.startswith(self.root) and not (
            self.exclude and self.exclude.search(real))

    def walk(self, node, parent=None, in_lambda=False):
        kind = node.get("kind")
        begin = self._locate(node)
        # A lambda's closure class is dumped under its LambdaExpr and, in a
        # class template, once more on its own (dragonbox.h's
        # immediately-invoked table builders): both are the lambda.
        if kind == "LambdaExpr" or (
                kind == "CXXRecordDecl"
                and node.get("definitionData", {}).get("isLambda")):
            in_lambda = True
        inner = node.get("inner", [])
        if kind in FUNCTIONS and self.functions and not node.get("isImplicit"):
            body = inner[-1] if inner else None
            if node.get("explicitlyDefaulted") or node.get("explicitlyDeleted"):
                pass
            elif self.name_in_macro and body:
                self._skip(begin, "function: written by a macro")
            elif body and body.get("kind") == "CompoundStmt" and not in_lambda:
                where = begin
                if parent is not None and parent.get("kind") == "FriendDecl":
                    where = parent["_begin"]
                self._add(where, "function")
            elif body and body.get("kind") in ("CXXTryStmt",
                                               "CoroutineBodyStmt"):
                self._skip(begin, "function: try-block or coroutine body")
        node["_begin"] = begin
        for child in inner:
            if kind in LOOPS and self.loops and child is self._body(node):
                self.walk(child, node, in_lambda)
                self._add(child["_begin"], "loop")
                continue
            self.walk(child, node, in_lambda)

    @staticmethod
    def _body(loop):
        inner = [c for c in loop.get("inner", []) if c]
        if not inner:
            return None
        body = inner[0] if loop["kind"] == "DoStmt" else inner[-1]
        return body if body.get("kind") == "CompoundStmt" else None

    def _skip(self, where, why):
        # Only the project's own code counts (not the system headers').
        if where is not None and self._mine(where[0]):
            self.skipped[why].add(where)

    def _add(self, where, what):
        if where is None:
            return
        path, offset, in_macro = where
        if not self._mine(path) or offset is None:
            return
        if in_macro and what == "loop":
            self._skip(where, "loop: body written by a macro")
            return
        self.inserts[os.path.realpath(path)].add((offset, what))


def skip_template_headers(text, offset):
    """An out-of-line member of a class template begins at `template <...>`;
    the attribute goes after the template headers."""
    while text.startswith("template", offset):
        i = text.index("<", offset)
        depth = 0
        while True:
            c = text[i]
            depth += c == "<"
            depth -= c == ">"
            i += 1
            if depth == 0:
                break
        while text[i].isspace():
            i += 1
        offset = i
    return offset


EMPTY_MACROS = re.compile(r"[ \t]*((?:[A-Z_][A-Z0-9_]*(?:\([^()\n]*\))?[ \t]+)+)$")


def before_leading_macros(text, offset):
    """`FMT_FUNC void f()`, where FMT_FUNC expands to nothing: Clang's range
    begins at `void`, where an attribute list cannot appear. Upper-case
    names alone before the declaration on its line are such macros: the
    attribute goes before them."""
    line = text.rfind("\n", 0, offset) + 1
    m = EMPTY_MACROS.match(text, line, offset)
    if m and m.end() == offset:
        return m.start(1)
    return offset


ANNOTATED_BEFORE = re.compile(
    r"\[\[bumper::no_escape\]\]\s*(?:[A-Z_][A-Z0-9_]*(?:\([^()\n]*\))?\s+)*$")


def annotated(text, offset):
    """A second run: the attribute already stands at the place, or just
    before it (Clang's range of `[[bumper::no_escape]] FMT_FUNC int f()`
    begins at `int`, of a loop body at its `{`)."""
    return text.startswith(ATTR, offset) or bool(
        ANNOTATED_BEFORE.search(text, max(0, offset - 200), offset))


def read_unit(job):
    cmd, src, a = job
    args = cmd.get("arguments") or shlex.split(cmd["command"])
    # The compile's flags, as Clang: drop the output and the compiler.
    flags, skip = [], False
    for arg in args[1:]:
        if skip:
            skip = False
            continue
        if arg in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if arg in ("-c", src, cmd["file"]) or arg.startswith("-W"):
            continue
        flags.append(arg)
    is_c = src.endswith(".c")
    clang = a.clang.replace("++", "") if is_c else a.clang
    out = subprocess.run(
        [clang, "-fsyntax-only", "-w", "-Xclang", "-ast-dump=json"] + flags +
        [src], cwd=cmd["directory"], stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL)
    w = Walker(a.root, not a.no_functions, not a.no_loops, a.exclude)
    if out.returncode != 0:
        print("annotate-all: %s does not parse with %s; left out"
              % (src, clang), file=sys.stderr)
        return {}, {}, is_c
    w.walk(json.loads(out.stdout))
    return dict(w.inserts), dict(w.skipped), is_c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--clang", default="clang++-19")
    ap.add_argument("--no-functions", action="store_true")
    ap.add_argument("--no-loops", action="store_true")
    ap.add_argument("--exclude")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--verbose", action="store_true",
                    help="show up to 10 places of each kind left out")
    ap.add_argument("database")
    ap.add_argument("filter", nargs="?", default=".")
    a = ap.parse_args()

    jobs = []
    seen = set()
    for cmd in json.load(open(a.database)):
        src = os.path.join(cmd["directory"], cmd["file"])
        if not re.search(a.filter, src) or src in seen:
            continue
        seen.add(src)
        jobs.append((cmd, src, a))
    w = Walker(a.root, not a.no_functions, not a.no_loops, a.exclude)
    c_files = set()  # files a C unit reaches: they get the C header
    # Each unit's AST is read in a worker of its own (a dump is hundreds of
    # megabytes of JSON); only the positions come back.
    with multiprocessing.Pool(a.jobs) as pool:
        for inserts, skipped, is_c in pool.imap_unordered(read_unit, jobs):
            for path, items in inserts.items():
                w.inserts[path] |= items
                if is_c:
                    c_files.add(path)
            for why, places in skipped.items():
                w.skipped[why] |= places

    counts = collections.Counter()
    for path, items in sorted(w.inserts.items()):
        # Clang's offsets count bytes.
        text = open(path, "rb").read().decode("latin-1")
        offsets = {}
        for offset, what in items:
            if what == "function":
                offset = before_leading_macros(
                    text, skip_template_headers(text, offset))
            offsets[offset] = what
        for offset in sorted(offsets, reverse=True):
            if annotated(text, offset):
                continue
            text = text[:offset] + ATTR + text[offset:]
            counts[offsets[offset]] += 1
        header = ("#include <bumper/bumper.h>\n" if path in c_files
                  else "#include <bumper/bumper.hpp>\n")
        if not text.startswith(header):
            text = header + text
        with open(path, "wb") as f:
            f.write(text.encode("latin-1"))
    print("annotate-all: %d files, %d functions, %d loop bodies annotated"
          % (len(w.inserts), counts["function"], counts["loop"]))
    for why, places in sorted(w.skipped.items()):
        print("annotate-all: left out %d (%s)" % (len(places), why))
        if a.verbose:
            for path, offset, _ in sorted(p for p in places if p[0])[:10]:
                text = open(path, "rb").read().decode("latin-1")
                line = text.count("\n", 0, offset) + 1
                print("annotate-all:   e.g. %s:%d" % (path, line))


if __name__ == "__main__":
    main()
