"""outside.py SOURCE cmd args...: copies SOURCE into a fresh folder under the
system's temporary folder (where no compile_commands.json is found above
it), runs cmd with SOURCE's copy as its last argument, and exits with cmd's
status."""
import os
import shutil
import subprocess
import sys
import tempfile

folder = tempfile.mkdtemp(prefix="bumper-outside-")
try:
    copy = os.path.join(folder, os.path.basename(sys.argv[1]))
    shutil.copy(sys.argv[1], copy)
    sys.stdout.flush()
    status = subprocess.call(sys.argv[2:] + [copy])
finally:
    shutil.rmtree(folder)
sys.exit(status)
