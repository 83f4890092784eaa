// CASE: zstd lib/zstd.h ZSTD_createCDict_byReference ("does not duplicate
// dictBuffer content": the dictionary must outlive the CDict). The
// dictionary is trained into scratch and the CDict kept in the context.
// Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstring>

struct ZSTD_CDict_s;
typedef ZSTD_CDict_s ZSTD_CDict;
ZSTD_CDict *ZSTD_createCDict_byReference(const void *dictBuffer,
                                         size_t dictSize, int level);
struct compressor {
  ZSTD_CDict *cdict;
};

void load_dictionary(compressor *ctx, const char *samples, size_t n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *dict = bumper::alloc<char>(n).data();
    std::memcpy(dict, samples, n);
    ctx->cdict = ZSTD_createCDict_byReference(dict, n, 3); // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
  }
}
