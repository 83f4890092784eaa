// CASE: fmt include/fmt/format-inl.h format_error_code. The digits are
// formatted into scratch and appended to "out". Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdio>
#include <string>
#include <string_view>

void format_error_code(std::string &out, int error_code,
                       std::string_view message) {
  out.clear();
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *digits = bumper::alloc<char>(24).data();
    int n = std::snprintf(digits, 24, "%d", error_code);
    out.append(message.data(), message.size());
    out.append(": error ");
    out.append(digits, n);
  }
}
