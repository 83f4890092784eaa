"""in_tmpfs.py MOUNTPOINT SOURCE COPY-BACK -- COMMAND...: mounts a 64 KiB
tmpfs at MOUNTPOINT, copies SOURCE into it, fills the rest of it, runs
COMMAND with @FILE@ replaced by the copy's path, and prints its exit status,
its output and what the file system then holds; copies the file back to
COPY-BACK and unmounts, whatever happened. Needs root (lit feature
can-mount-tmpfs)."""
import os
import shutil
import subprocess
import sys

mountpoint, source, copy_back = sys.argv[1:4]
assert sys.argv[4] == "--"
command = sys.argv[5:]

os.makedirs(mountpoint, exist_ok=True)
subprocess.check_call(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs",
                       mountpoint])
try:
    target = os.path.join(mountpoint, os.path.basename(source))
    shutil.copyfile(source, target)
    # Fill the file system: the rewrite cannot fit.
    fd = os.open(os.path.join(mountpoint, "filler"), os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"x" * 512) > 0:
            pass
    except OSError:
        pass
    os.close(fd)
    p = subprocess.run([a.replace("@FILE@", target) for a in command],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sys.stdout.write(p.stdout.decode(errors="replace"))
    print("exit status: %d" % p.returncode)
    print("files: " + " ".join(sorted(os.listdir(mountpoint))))
    shutil.copyfile(target, copy_back)
finally:
    subprocess.call(["umount", mountpoint])
