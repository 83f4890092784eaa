// CASE: leveldb table/table.cc Table::ReadFilter. The filter block is read
// into scratch and its address is kept in rep_->filter_data, one pointer
// level below this (the original keeps it only when the block is heap
// allocated, and frees it in ~Rep). Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstring>
#include <string_view>

struct Rep {
  const char *filter_data;
  size_t filter_size;
};

class Table {
public:
  void ReadFilter(std::string_view handle, size_t n);

private:
  Rep *rep_;
};

void Table::ReadFilter(std::string_view handle, size_t n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *block = bumper::alloc<char>(n).data();
    std::memcpy(block, handle.data(), n < handle.size() ? n : handle.size());
    rep_->filter_data = block; // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
    rep_->filter_size = n;
  }
}
