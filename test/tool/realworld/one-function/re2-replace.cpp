// CASE: re2 re2/re2.cc RE2::Replace. "absl::string_view vec[kVecSize]" is
// scratch (views into *str); the rewrite is built in a local string and
// spliced into *str. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <string>
#include <string_view>

bool Replace(std::string *str, std::string_view pattern,
             std::string_view rewrite) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    std::string_view *vec = bumper::alloc<std::string_view>(4).data();
    std::string_view text(*str);
    size_t pos = text.find(pattern);
    if (pos == std::string_view::npos)
      return false;
    vec[0] = text.substr(pos, pattern.size());
    std::string s(rewrite);
    str->replace(vec[0].data() - str->data(), vec[0].size(), s);
    return true;
  }
}
