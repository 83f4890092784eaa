// CASE: fmt src/format.cc / format-inl.h vformat: formats into a
// memory_buffer (scratch here) and returns "to_string(buffer)", a copy.
// Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdarg>
#include <cstdio>
#include <string>
#include <string_view>

std::string vformat(const char *fmt, int value) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buffer = bumper::alloc<char>(500).data();
    int n = std::snprintf(buffer, 500, fmt, value);
    std::string_view sv(buffer, n);
    return std::string(sv);
  }
}
