#!/usr/bin/env python3
"""Validates SARIF logs against the SARIF 2.1.0 schema with ajv-cli.

usage: validate.py <npm-prefix> <log.sarif>...

Installs ajv-cli (pinned) into <npm-prefix> the first time, under a lock, so
parallel lit tests share one install. Exits non-zero, saying why, when npm is
missing or a log is invalid.
"""
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile

AJV_CLI = "ajv-cli@3.3.0"
SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      "sarif-schema-2.1.0.json")


def ajv(prefix):
    exe = os.path.join(prefix, "node_modules", ".bin", "ajv")
    os.makedirs(prefix, exist_ok=True)
    with open(os.path.join(prefix, ".install.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(exe):
            return exe
        npm = shutil.which("npm")
        if not npm or not shutil.which("node"):
            sys.exit("validate.py: FAIL: npm and node are needed to install "
                     + AJV_CLI + " (apt-get install nodejs npm); "
                     "the SARIF log was not validated")
        # No standard input (npm waits on an inherited open pipe), and a
        # bound on the time, so a stalled registry fails the test instead of
        # hanging the run.
        try:
            r = subprocess.run([npm, "install", "--prefix", prefix,
                                "--no-audit", "--no-fund", "--no-save",
                                AJV_CLI],
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True,
                               timeout=300)
        except subprocess.TimeoutExpired:
            sys.exit("validate.py: FAIL: 'npm install " + AJV_CLI +
                     "' did not finish in 300 s")
        if r.returncode != 0 or not os.path.exists(exe):
            sys.exit("validate.py: FAIL: 'npm install " + AJV_CLI +
                     "' failed:\n" + r.stdout)
    return exe


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    exe = ajv(sys.argv[1])
    status = 0
    for log in sys.argv[2:]:
        # ajv-cli reads a data file by its extension: "x.sarif" would be
        # loaded as JavaScript, so it gets a ".json" copy.
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, os.path.basename(log) + ".json")
            shutil.copyfile(log, data)
            r = subprocess.run([exe, "validate", "-s", SCHEMA, "-d", data,
                                "--all-errors", "--errors=text"],
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        sys.stdout.write(r.stdout.replace(data, log))
        if r.returncode != 0:
            status = 1
    sys.exit(status)


if __name__ == "__main__":
    main()
