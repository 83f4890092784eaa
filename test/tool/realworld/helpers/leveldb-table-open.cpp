// CASE: leveldb table/table.cc Table::Open. "char footer_space[...]" is
// scratch; RandomAccessFile::Read and Footer::DecodeFrom (other files)
// return a Status, which owns its message; the Status is returned from
// inside the block. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "../Inputs/leveldb.h"

struct Footer {
  Status DecodeFrom(std::string_view *input);
  uint64_t index_offset;
};

Status OpenTable(RandomAccessFile *file, uint64_t size, Footer *footer) {
  if (size < 48)
    return Status::Corruption("file is too short to be an sstable");
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *footer_space = bumper::alloc<char>(48).data();
    std::string_view footer_input;
    Status s = file->Read(size - 48, 48, &footer_input, footer_space);
    if (!s.ok())
      return s;
    s = footer->DecodeFrom(&footer_input);
    return s;
  }
}
