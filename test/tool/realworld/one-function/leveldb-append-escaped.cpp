// CASE: leveldb util/logging.cc AppendEscapedStringTo. The per-character
// char buf[10] is scratch; it is appended (copied) to *str. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdio>
#include <string>
#include <string_view>

void AppendEscapedStringTo(std::string *str, std::string_view value) {
  for (size_t i = 0; i < value.size(); i++) {
    char c = value[i];
    if (c >= ' ' && c <= '~') {
      str->push_back(c);
    } else {
      [[bumper::no_escape]] {
        bumper::NoEscape guard;
        char *buf = bumper::alloc<char>(10).data();
        std::snprintf(buf, 10, "\\x%02x", static_cast<unsigned>(c) & 0xff);
        str->append(buf);
      }
    }
  }
}
