// CASE: leveldb table/format.cc ReadBlock's error path
// ("return Status::Corruption(...)"), with the detail formatted into
// scratch; Status::Corruption (util/status.cc) copies both messages. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdio>
#include <string>
#include <string_view>

#include "../Inputs/leveldb.h"

Status CheckBlockSize(size_t got, size_t want) {
  if (got == want)
    return Status::OK();
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *detail = bumper::alloc<char>(64).data();
    int n = std::snprintf(detail, 64, "got %zu bytes, want %zu", got, want);
    return Status::Corruption("truncated block read",
                              std::string_view(detail, n));
  }
}
