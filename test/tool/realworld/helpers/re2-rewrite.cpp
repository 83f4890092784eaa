// CASE: re2 re2/re2.cc RE2::Replace calling RE2::Rewrite (elsewhere in
// re2.cc, declared here), which appends the rewritten text to *out. The
// submatch views are scratch. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <string>
#include <string_view>

bool Rewrite(std::string *out, std::string_view rewrite,
             const std::string_view *vec, int veccount);
bool Match(std::string_view text, std::string_view *submatch, int nsubmatch);

bool Replace(std::string *str, std::string_view rewrite) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    std::string_view *vec = bumper::alloc<std::string_view>(16).data();
    if (!Match(*str, vec, 16))
      return false;
    std::string s;
    if (!Rewrite(&s, rewrite, vec, 16))
      return false;
    str->replace(vec[0].data() - str->data(), vec[0].size(), s);
    return true;
  }
}
