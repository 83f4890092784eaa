"""make_db.py <root> <stub-include> <file>...: writes <root>/build/
compile_commands.json with one command per <file> (relative to <root>),
each written as "../<file>" from the build folder, as generators do for
sources beside the build: the tool must print them absolute, without dots.
A <file> given as "name*2" gets two commands (-DVARIANT=1 and 2).
Arguments "--flags=<flags>" before the files are added to every command."""
import json
import os
import sys

root, stub, files = sys.argv[1], sys.argv[2], sys.argv[3:]
extra = ""
while files and files[0].startswith("--flags="):
    extra += " " + files.pop(0)[len("--flags="):]
build = os.path.join(root, "build")
os.makedirs(build, exist_ok=True)
entries = []
for f in files:
    name, _, count = f.partition("*")
    for variant in range(1, int(count or 1) + 1):
        rel = "../" + name
        entries.append({
            "directory": build,
            "file": rel,
            "command": "clang++ -std=c++20 -I%s%s -DVARIANT=%d -c %s"
                       % (stub, extra, variant, rel),
        })
with open(os.path.join(build, "compile_commands.json"), "w") as out:
    json.dump(entries, out, indent=1)
