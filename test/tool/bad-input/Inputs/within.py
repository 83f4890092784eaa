"""within.py SECONDS cmd args...: runs cmd, passes its output through, and
fails if it runs longer than SECONDS (it is then killed); otherwise exits
with cmd's status. Prints the time taken on stderr."""
import subprocess
import sys
import time

limit = float(sys.argv[1])
start = time.monotonic()
try:
    status = subprocess.call(sys.argv[2:], timeout=limit)
except subprocess.TimeoutExpired:
    sys.stderr.write("within.py: %s took longer than %g s\n"
                     % (sys.argv[2], limit))
    sys.exit(1)
sys.stderr.write("within.py: %.1f s\n" % (time.monotonic() - start))
sys.exit(status)
