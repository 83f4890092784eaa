#!/usr/bin/env bash
# (Re)writes the lit-derived seeds of the tool's fuzzer into
# test/fuzz/corpus/tool/: each lit test source of test/tool/ and
# test/tool/escape/ as "lit-<name>", prefixed with the mode byte of
# tool_fuzz.cpp (0x00: C++20 source text, 0x03: C), and a few inputs of the
# structured generator ("gen-*": mode bytes 0x04 C++20, 0x06 C++17, 0x07 C,
# 0x0c C++20 with CRLF, 0x14 C++20 with tabs, 0x27 C with every block guarded
# by hand; then bytes from SHA-256).
# Regression inputs ("regression-*") are added by hand and kept.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$root/test/fuzz/corpus/tool
mkdir -p "$out"
rm -f "$out"/lit-* "$out"/gen-*
for f in "$root"/test/tool/*.cpp "$root"/test/tool/*.c \
  "$root"/test/tool/escape/*.cpp "$root"/test/tool/escape/*.c; do
  rel=${f#"$root"/test/tool/}
  name=lit-$(echo "$rel" | tr '/' '-')
  case "$f" in
  *.c) printf '\003' >"$out/$name" ;;
  *) printf '\000' >"$out/$name" ;;
  esac
  cat "$f" >>"$out/$name"
done
python3 - "$out" <<'PY'
import hashlib, sys
out = sys.argv[1]
for mode in (0x04, 0x06, 0x07, 0x0c, 0x14, 0x27):
    for i in range(4):
        data = b"".join(hashlib.sha256(f"{mode}-{i}-{k}".encode()).digest()
                        for k in range(4 + 4 * i))
        with open(f"{out}/gen-{mode:02x}-{i}", "wb") as f:
            f.write(bytes([mode]) + data)
PY
ls "$out" | wc -l
