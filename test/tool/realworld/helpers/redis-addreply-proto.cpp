// CASE: redis src/networking.c addReplyHumanLongDouble. "char
// buf[MAX_LONG_DOUBLE_CHARS]" is scratch; ld2string and addReplyProto
// (networking.c / util.c, not in this file) format and copy it. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>

struct client;
int ld2string(char *buf, size_t len, long double value, int mode);
void addReplyProto(client *c, const char *s, size_t len);

void addReplyHumanLongDouble(client *c, long double d) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(5 * 1024).data();
    int len = ld2string(buf, 5 * 1024, d, 1);
    addReplyProto(c, ",", 1);
    addReplyProto(c, buf, len);
    addReplyProto(c, "\r\n", 2);
  }
}
