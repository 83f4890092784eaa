"""Where Bumper is; test/integration/bazel.sh overwrites this file."""

BUMPER_PREFIX = "/usr/local"
BUMPER_SOURCE_DIR = "/usr/local/src/bumper"
