#!/usr/bin/env python3
"""Compiles every C and C++ code block of the given Markdown files.

    code_blocks.py --include DIR [--cxx COMPILER]... [--cc COMPILER]...
                   [--list] FILE.md|FOLDER...

A FOLDER stands for the *.md files in it (not in its subfolders). --list
prints every block and what became of it.

A fenced block whose info string is ``cpp``, ``c++`` or ``cxx`` is compiled
as C++20, one whose info string is ``c`` as C (C2x, for the [[...]]
attributes), each on its own with -fsyntax-only against the headers in DIR.
A block with an #include is a whole file and must say what it needs; one
without is a snippet, compiled after #include <bumper/bumper.hpp> (C:
<bumper/bumper.h>) and a few standard headers (PRELUDE below). Each is
compiled
with every compiler given (skipping the ones that are not installed; at least
one of each kind that is needed must be). The flags are those a user of
Bumper::runtime gets (-Wno-attributes with g++, -Wno-unknown-attributes with
clang), so annotated code compiles as in a real build.

A block that is deliberately not a translation unit (a declaration list, a
few statements, an error message) is marked by an HTML comment on the line
before its fence (blank lines between are allowed):

    <!-- fragment: why it does not compile on its own -->

Such blocks are listed, not compiled. Everything else must compile: the
"wrong" examples of diagnostics.md are valid C++ (an escape is not a compile
error), so they are compiled too.

Exit status 0 when every block compiles, 1 when one does not (each failure is
printed with the Markdown file and line of its fence, the compiler and its
messages), 2 for a usage problem (no compiler, no block at all).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

CXX_TAGS = {"cpp", "c++", "cxx"}
C_TAGS = {"c"}
FENCE = re.compile(r"^( *)(```+|~~~+)\s*([^\s`]*)")
FRAGMENT = re.compile(r"^\s*<!--\s*fragment\b.*-->\s*$")


def blocks(path):
    """Yields (line of the fence, tag, code, is_fragment) for each fenced
    block of the Markdown file."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, tag = len(m.group(1)), m.group(2), m.group(3).lower()
        start = i
        body = []
        i += 1
        while i < len(lines) and not (lines[i].strip().startswith(fence[0] * len(fence))
                                      and lines[i].strip().strip(fence[0]) == ""):
            line = lines[i]
            # The fence's indentation (a block inside a list item) is not code.
            body.append(line[indent:] if line[:indent].strip() == "" else line)
            i += 1
        i += 1  # the closing fence
        j = start - 1
        while j >= 0 and lines[j].strip() == "":
            j -= 1
        fragment = j >= 0 and FRAGMENT.match(lines[j]) is not None
        yield start + 1, tag, "\n".join(body) + "\n", fragment


# What a block without an #include of its own is compiled after: the header it
# documents, and the standard headers snippets use without saying so.
PRELUDE = {
    "c++": ["bumper/bumper.hpp", "cstddef", "cstdint", "cstring", "functional",
            "memory", "numeric", "span", "string", "vector"],
    "c": ["bumper/bumper.h", "stddef.h", "stdint.h", "stdlib.h", "string.h"],
}
INCLUDE = re.compile(r"^\s*#\s*include\b", re.M)


def translation_unit(language, code):
    """The block as it is when it has an #include (a whole program: it must
    say what it needs); else the block after PRELUDE, on the block's own
    line numbers."""
    if INCLUDE.search(code):
        return code
    prelude = "".join("#include <%s>\n" % h for h in PRELUDE[language])
    return prelude + "#line 1\n" + code


def flags_for(compiler, language, include):
    clang = "clang" in os.path.basename(compiler)
    quiet = "-Wno-unknown-attributes" if clang else "-Wno-attributes"
    if language == "c++":
        return ["-x", "c++", "-std=c++20", "-fsyntax-only", "-I" + include, quiet]
    return ["-x", "c", "-std=c2x", "-fsyntax-only", "-I" + include, quiet]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--include", required=True)
    parser.add_argument("--cxx", action="append", default=[])
    parser.add_argument("--cc", action="append", default=[])
    parser.add_argument("--list", action="store_true",
                        help="list the blocks and whether they are compiled")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    compilers = {
        "c++": [c for c in args.cxx if shutil.which(c)],
        "c": [c for c in args.cc if shutil.which(c)],
    }
    files = []
    for path in args.files:
        if os.path.isdir(path):
            files += sorted(os.path.join(path, n) for n in os.listdir(path) if n.endswith(".md"))
        else:
            files.append(path)
    found = []
    for path in files:
        for line, tag, code, fragment in blocks(path):
            if tag in CXX_TAGS:
                found.append((path, line, "c++", code, fragment))
            elif tag in C_TAGS:
                found.append((path, line, "c", code, fragment))
    if not found:
        print("code_blocks.py: no C or C++ block in %s" % " ".join(args.files))
        return 2
    for language in ("c++", "c"):
        if any(b[2] == language and not b[4] for b in found) and not compilers[language]:
            print("code_blocks.py: no %s compiler found among %s"
                  % (language, (args.cxx if language == "c++" else args.cc) or "none given"))
            return 2

    failed = 0
    compiled = 0
    skipped = 0
    with tempfile.TemporaryDirectory(prefix="bumper-doc-blocks.") as tmp:
        for path, line, language, code, fragment in found:
            where = "%s:%d" % (os.path.relpath(path), line)
            if fragment:
                skipped += 1
                if args.list:
                    print("%s: %s block, marked fragment: not compiled" % (where, language))
                continue
            source = os.path.join(tmp, "block.cpp" if language == "c++" else "block.c")
            with open(source, "w", encoding="utf-8") as f:
                f.write(translation_unit(language, code))
            ok = True
            for compiler in compilers[language]:
                cmd = [compiler] + flags_for(compiler, language, args.include) + [source]
                r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                if r.returncode != 0:
                    ok = False
                    out = r.stdout.decode(errors="replace").replace(source, where + "+block")
                    print("FAIL: %s: the %s block does not compile with %s:\n%s"
                          % (where, language, compiler, out))
            compiled += 1
            failed += 0 if ok else 1
            if args.list and ok:
                print("%s: %s block, compiles with %s"
                      % (where, language, ", ".join(compilers[language])))
    print("code_blocks.py: %d blocks compiled (%s; %s), %d failed, %d marked fragment"
          % (compiled, ", ".join(compilers["c++"]) or "no C++ compiler",
             ", ".join(compilers["c"]) or "no C compiler", failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
