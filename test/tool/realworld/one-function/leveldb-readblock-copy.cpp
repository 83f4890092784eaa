// CASE: leveldb table/format.cc ReadBlock, the fix: the block is verified in
// scratch and its bytes copied into the caller's owning std::string. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstring>
#include <string>

struct BlockContents {
  std::string data;
  bool cachable;
};

bool ReadBlockCopy(const char *file_data, size_t offset, size_t n,
                   BlockContents *result) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(n + 5).data();
    std::memcpy(buf, file_data + offset, n + 5);
    if (buf[n] != 0)
      return false;
    result->data.assign(buf, n);
    result->cachable = true;
  }
  return true;
}
