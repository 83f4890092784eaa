// CASE: redis src/module.c RM_CreateStringFromLongLong. "char
// buf[LONG_STR_SIZE]" is scratch; RM_CreateString (elsewhere in module.c,
// not in this file) copies it into a new string object, as the corpus's
// .bumper.yaml says (Functions: Copies). Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>

struct RedisModuleCtx;
struct RedisModuleString;
int ll2string(char *s, size_t len, long long value);
RedisModuleString *RM_CreateString(RedisModuleCtx *ctx, const char *ptr,
                                   size_t len);

RedisModuleString *RM_CreateStringFromLongLong(RedisModuleCtx *ctx,
                                               long long ll) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(21).data();
    size_t len = ll2string(buf, 21, ll);
    return RM_CreateString(ctx, buf, len);
  }
}
