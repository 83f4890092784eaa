// CASE: fmt include/fmt/format-inl.h format_error_code, the
// "auto it = appender(out); format_to(it, ...)" shape: the formatted digits
// are copied through a back-insert iterator into the caller's buffer. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <algorithm>
#include <bumper/bumper.hpp>
#include <cstdio>
#include <iterator>
#include <vector>

void append_error_code(std::vector<char> &out, int error_code) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(24).data();
    int n = std::snprintf(tmp, 24, "error %d", error_code);
    std::copy(tmp, tmp + n, std::back_inserter(out));
  }
}
