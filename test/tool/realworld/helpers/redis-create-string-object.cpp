// CASE: redis src/object.c createStringObjectFromLongLongWithOptions, with
// the same file's createStringObject (which copies into a new allocation,
// as sdsnewlen does). "o" is declared before the block, C89 style. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>

struct robj {
  unsigned type;
  void *ptr;
};

static robj *createStringObject(const char *ptr, size_t len) {
  robj *o = static_cast<robj *>(std::malloc(sizeof(robj)));
  char *s = static_cast<char *>(std::malloc(len + 1));
  std::memcpy(s, ptr, len);
  s[len] = 0;
  o->type = 0;
  o->ptr = s;
  return o;
}

robj *createStringObjectFromLongLong(long long value) {
  robj *o;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(21).data();
    int len = std::snprintf(buf, 21, "%lld", value);
    o = createStringObject(buf, len);
  }
  return o;
}
