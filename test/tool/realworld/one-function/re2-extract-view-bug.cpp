// CASE: re2 re2/re2.cc RE2::Extract. Extract rewrites into the caller's
// std::string; this adaptation builds the rewrite in scratch and hands back
// a string_view of it, the classic dangling-view bug. Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstring>
#include <string_view>

bool Extract(std::string_view text, std::string_view rewrite,
             std::string_view *out) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(text.size() + rewrite.size()).data();
    std::memcpy(buf, rewrite.data(), rewrite.size());
    std::memcpy(buf + rewrite.size(), text.data(), text.size());
    *out = std::string_view(buf, text.size() + rewrite.size()); // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
  }
  return true;
}
