"""unchanged.py save|check DIR STATE: 'save' records the bytes and the
modification time of every file under DIR into STATE; 'check' fails unless
every file is still there with the same bytes and time, no file was added,
and no temporary file of --fix (*.bumper-*.tmp) is left. A file nobody may
read (chmod 000) is compared by size and time."""
import fnmatch
import hashlib
import json
import os
import sys


def snapshot(top):
    files = {}
    for folder, _, names in os.walk(top):
        for name in names:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            try:
                with open(path, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                digest = "unreadable"
            files[os.path.relpath(path, top)] = [st.st_size, st.st_mtime_ns,
                                                 digest]
    return files


mode, top, state = sys.argv[1:4]
if mode == "save":
    json.dump(snapshot(top), open(state, "w"))
    sys.exit(0)
before = json.load(open(state))
after = snapshot(top)
problems = []
for name in sorted(set(before) | set(after)):
    if fnmatch.fnmatch(os.path.basename(name), "*.bumper-*.tmp"):
        problems.append("temporary file left: " + name)
    elif name not in after:
        problems.append("removed: " + name)
    elif name not in before:
        problems.append("added: " + name)
    elif before[name] != after[name]:
        problems.append("changed: %s (size, mtime, sha256 %s -> %s)"
                        % (name, before[name], after[name]))
for p in problems:
    sys.stderr.write("unchanged.py: %s\n" % p)
sys.exit(1 if problems else 0)
