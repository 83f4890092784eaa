// CASE: redis src/networking.c processInlineBuffer, the store written in
// the function itself: "c->argv[c->argc++] = ..." with a scratch argument,
// one pointer level below the parameter. Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstring>

struct client {
  int argc;
  char **argv;
};

void processInlineBufferDirect(client *c, const char *querybuf, size_t len) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *line = bumper::alloc<char>(len + 1).data();
    std::memcpy(line, querybuf, len);
    line[len] = 0;
    c->argc = 0;
    c->argv[c->argc++] = line; // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
  }
}
