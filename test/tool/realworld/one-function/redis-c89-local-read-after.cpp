// CASE: redis src/debug.c serverLogHexDump, changed so that the C89-style
// pointer "b" is read after the block (the last line is printed there):
// that read is a use after reset. Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstdio>

void serverLogHexDumpTail(const void *value, size_t len) {
  const char *charset = "0123456789abcdef";
  char *b;
  const unsigned char *v = static_cast<const unsigned char *>(value);
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(65).data();
    b = buf; // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
    for (int i = 0; i < 32 && len; i++, len--) {
      b[0] = charset[(*v) >> 4];
      b[1] = charset[(*v) & 0xf];
      b += 2;
      v++;
    }
    *b = 0;
  }
  std::fprintf(stderr, "%s\n", b - 64);
}
