// CASE: leveldb table/format.cc ReadBlock. With kNoCompression the original
// hands "buf" to the caller (result->data = Slice(buf, n), heap_allocated);
// with buf from the arena the caller's BlockContents dangles. Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstring>
#include <string_view>

struct BlockContents {
  std::string_view data;
  bool cachable;
  bool heap_allocated;
};

bool ReadBlock(const char *file_data, size_t offset, size_t n,
               BlockContents *result) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(n + 5).data();
    std::memcpy(buf, file_data + offset, n + 5);
    if (buf[n] != 0)
      return false;
    result->data = std::string_view(buf, n); // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
    result->heap_allocated = true;
    result->cachable = true;
  }
  return true;
}
