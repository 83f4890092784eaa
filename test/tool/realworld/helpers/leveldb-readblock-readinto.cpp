// CASE: leveldb table/format.cc ReadBlock. RandomAccessFile::Read (another
// file) may set *result to point into the scratch it was given ("Read up to
// n bytes ... may set *result to point at data in scratch[0..n-1]"); the
// block then hands that Slice to the caller. Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstdint>
#include <string_view>

#include "../Inputs/leveldb.h"

struct BlockContents {
  std::string_view data;
  bool heap_allocated;
};

Status ReadBlock(RandomAccessFile *file, uint64_t offset, size_t n,
                 BlockContents *result) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(n + 5).data();
    std::string_view contents;
    Status s = file->Read(offset, n + 5, &contents, buf);
    if (!s.ok())
      return s;
    result->data = contents.substr(0, n); // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
    result->heap_allocated = true;
    return s;
  }
}
