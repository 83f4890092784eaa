// CASE: git strbuf.h strbuf_attach ("attach a string to a buffer": the strbuf
// takes the memory over, strbuf.c). Handing it scratch keeps the scratch in
// the caller's strbuf. Escapes.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstring>

struct strbuf {
  size_t alloc;
  size_t len;
  char *buf;
};
void strbuf_attach(struct strbuf *sb, void *str, size_t len, size_t mem);

void read_line_into(struct strbuf *sb, const char *line, size_t len) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(len + 1).data();
    std::memcpy(buf, line, len);
    buf[len] = 0;
    strbuf_attach(sb, buf, len, len + 1); // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
  }
}
