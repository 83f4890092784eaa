// CASE: redis src/networking.c _addReplyLongLongWithPrefix. "char buf[128]"
// is scratch; the header is copied into the client's output buffer. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdio>
#include <cstring>

struct client {
  char buf[16 * 1024];
  size_t bufpos;
};

void addReplyLongLongWithPrefix(client *c, long long ll, char prefix) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(128).data();
    buf[0] = prefix;
    int len = std::snprintf(buf + 1, 127, "%lld", ll);
    buf[len + 1] = '\r';
    buf[len + 2] = '\n';
    std::memcpy(c->buf + c->bufpos, buf, len + 3);
    c->bufpos += len + 3;
  }
}
