// CASE: zstd lib/zstd.h ZSTD_createCDict ("dictBuffer can be released after
// ZSTD_CDict creation, because its content is copied within CDict"), as the
// corpus's .bumper.yaml says (Functions: Copies). Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstring>

struct ZSTD_CDict_s;
typedef ZSTD_CDict_s ZSTD_CDict;
ZSTD_CDict *ZSTD_createCDict(const void *dictBuffer, size_t dictSize,
                             int compressionLevel);
struct compressor {
  ZSTD_CDict *cdict;
};

void load_dictionary_copy(compressor *ctx, const char *samples, size_t n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *dict = bumper::alloc<char>(n).data();
    std::memcpy(dict, samples, n);
    ctx->cdict = ZSTD_createCDict(dict, n, 3);
  }
}
