// CASE: git path.c relative_path. Git returns a "static struct strbuf" or
// the caller's strbuf because a local buffer would dangle; this adaptation
// builds the result in scratch and returns it. Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstring>

const char *relative_path(const char *in, const char *prefix) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    size_t n = std::strlen(in);
    char *sb = bumper::alloc<char>(n + 4).data();
    size_t len = 0;
    if (prefix && *prefix && std::strncmp(in, prefix, std::strlen(prefix)))
      sb[len++] = '.', sb[len++] = '.', sb[len++] = '/';
    std::memcpy(sb + len, in, n + 1);
    return sb; // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
  }
}
