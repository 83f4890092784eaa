// CASE: redis src/debug.c serverLogHexDump. The hex line is built in
// "char buf[65]" (scratch here) through a pointer "b" declared at the top of
// the function, C89 style; b is not read after the block. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdio>

void serverLogHexDump(const char *descr, const void *value, size_t len) {
  const char *charset = "0123456789abcdef";
  char *b;
  const unsigned char *v = static_cast<const unsigned char *>(value);
  std::fprintf(stderr, "%s (hexdump of %zu bytes):\n", descr, len);
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(65).data();
    while (len) {
      b = buf;
      for (int i = 0; i < 32 && len; i++, len--) {
        b[0] = charset[(*v) >> 4];
        b[1] = charset[(*v) & 0xf];
        b += 2;
        v++;
      }
      b[0] = 0;
      std::fprintf(stderr, "%s\n", buf);
    }
  }
}
