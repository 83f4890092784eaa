// CASE: redis src/networking.c _addReplyLongLongWithPrefix with the same
// file's _addReplyToBufferOrList (here: a copy into c->buf). Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdio>
#include <cstring>

struct client {
  char buf[16 * 1024];
  size_t bufpos;
};

static void _addReplyToBufferOrList(client *c, const char *s, size_t len) {
  std::memcpy(c->buf + c->bufpos, s, len);
  c->bufpos += len;
}

void addReplyLongLongWithPrefix(client *c, long long ll, char prefix) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(128).data();
    buf[0] = prefix;
    int len = std::snprintf(buf + 1, 127, "%lld", ll);
    buf[len + 1] = '\r';
    buf[len + 2] = '\n';
    _addReplyToBufferOrList(c, buf, len + 3);
  }
}
