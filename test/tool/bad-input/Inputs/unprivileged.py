"""unprivileged.py cmd args...: runs cmd as it is, or, when run as root,
as the user 'nobody' (uid and gid 65534): root reads a file whatever its
mode, so a test of an unreadable file must not run as root. Exits with
cmd's status."""
import os
import subprocess
import sys

if os.geteuid() != 0:
    sys.exit(subprocess.call(sys.argv[1:]))
sys.stderr.write("unprivileged.py: running as uid 65534, since root reads "
                 "any file whatever its mode\n")
sys.stderr.flush()
sys.exit(subprocess.call(sys.argv[1:], user=65534, group=65534,
                         extra_groups=[]))
