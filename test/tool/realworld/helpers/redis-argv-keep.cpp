// CASE: redis src/networking.c processInlineBuffer ("c->argv[c->argc] =
// createObject(OBJ_STRING, argv[j])"), changed so that a same-file helper
// keeps the raw split argument in c->argv, one pointer level below the
// parameter: the split buffer is scratch. Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstring>

struct client {
  int argc;
  char **argv;
};

static void addArgument(client *c, char *arg) { c->argv[c->argc++] = arg; }

void processInlineBuffer(client *c, const char *querybuf, size_t len) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *line = bumper::alloc<char>(len + 1).data();
    std::memcpy(line, querybuf, len);
    line[len] = 0;
    c->argc = 0;
    addArgument(c, line); // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
  }
}
