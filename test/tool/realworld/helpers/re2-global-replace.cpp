// CASE: re2 re2/re2.cc RE2::GlobalReplace: the output is assembled in a
// local std::string from pieces of *str and of a same-file rewrite into
// scratch, then swapped into *str. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstring>
#include <string>
#include <string_view>

static size_t RewriteInto(char *dst, std::string_view rewrite,
                          std::string_view match) {
  std::memcpy(dst, rewrite.data(), rewrite.size());
  std::memcpy(dst + rewrite.size(), match.data(), match.size());
  return rewrite.size() + match.size();
}

int GlobalReplace(std::string *str, std::string_view pattern,
                  std::string_view rewrite) {
  int count = 0;
  std::string out;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *piece = bumper::alloc<char>(rewrite.size() + pattern.size()).data();
    std::string_view text(*str);
    size_t p = 0, q;
    while ((q = text.find(pattern, p)) != std::string_view::npos) {
      out.append(text.data() + p, q - p);
      size_t n = RewriteInto(piece, rewrite, text.substr(q, pattern.size()));
      out.append(piece, n);
      p = q + pattern.size();
      count++;
    }
    out.append(text.data() + p, text.size() - p);
  }
  std::swap(out, *str);
  return count;
}
