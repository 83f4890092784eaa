// CASE: fmt include/fmt/format-inl.h format_system_error with the same
// file's format_error_code: the system message is formatted into scratch
// and the helper appends it to "out". Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

static void format_error_code(std::string &out, int error_code,
                              std::string_view message) {
  out.append(message.data(), message.size());
  out.append(": error ");
  out.append(std::to_string(error_code));
}

void format_system_error(std::string &out, int error_code,
                         const char *message) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(256).data();
    int n = std::snprintf(buf, 256, "%s (%s)", message,
                          std::strerror(error_code));
    format_error_code(out, error_code, std::string_view(buf, n));
  }
}
