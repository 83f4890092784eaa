// CASE: leveldb db/log_reader.cc Reader::ReadRecord ("*record = fragment"):
// a same-file helper sets the caller's record to a view of the scratch the
// fragment was assembled in. Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstring>
#include <string_view>

static void SetRecord(std::string_view *record, const char *p, size_t n) {
  *record = std::string_view(p, n);
}

bool ReadRecord(const char *file, size_t n, std::string_view *record) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *scratch = bumper::alloc<char>(n).data();
    std::memcpy(scratch, file, n);
    SetRecord(record, scratch, n); // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
  }
  return true;
}
