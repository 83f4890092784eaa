// CASE: git path.c remove_leading_path. The prefix is normalised into
// scratch; the result points into the input "in", never into the scratch.
// Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstring>

static bool is_dir_sep(char c) { return c == '/'; }

const char *remove_leading_path(const char *in, const char *prefix) {
  if (!prefix || !prefix[0])
    return in;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    size_t n = std::strlen(prefix);
    char *p = bumper::alloc<char>(n + 1).data();
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
      if (!(is_dir_sep(prefix[i]) && k && is_dir_sep(p[k - 1])))
        p[k++] = prefix[i];
    p[k] = 0;
    size_t i = 0, j = 0;
    while (p[i]) {
      if (in[j] != p[i])
        return in;
      i++;
      j++;
    }
    while (is_dir_sep(in[j]))
      j++;
    return in + j;
  }
}
