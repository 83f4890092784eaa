// CASE: leveldb util/logging.cc AppendNumberTo. The char buf[30] is scratch
// from the arena; std::string::append copies it. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdint>
#include <cstdio>
#include <string>

void AppendNumberTo(std::string *str, uint64_t num) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(30).data();
    std::snprintf(buf, 30, "%llu", static_cast<unsigned long long>(num));
    str->append(buf);
  }
}
