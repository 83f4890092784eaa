"""expect_exit.py N cmd args...: runs cmd, passes its output through, and
succeeds only if its exit status is exactly N (lit's shell has no $?)."""
import subprocess
import sys

status = subprocess.call(sys.argv[2:])
if status != int(sys.argv[1]):
    sys.stderr.write("expect_exit: %s exited with %d, expected %s\n"
                     % (sys.argv[2], status, sys.argv[1]))
    sys.exit(1)
