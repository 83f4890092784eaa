// CASE: fmt src/os.cc buffered_file::buffered_file. On failure the message
// is formatted (here: snprintf into scratch) and thrown; the exception
// object copies the message. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdio>
#include <cstring>
#include <stdexcept>

std::FILE *open_buffered(const char *filename, const char *mode) {
  std::FILE *f = std::fopen(filename, mode);
  if (!f) {
    [[bumper::no_escape]] {
      bumper::NoEscape guard;
      size_t n = std::strlen(filename) + 32;
      char *msg = bumper::alloc<char>(n).data();
      std::snprintf(msg, n, "cannot open file %s", filename);
      throw std::runtime_error(msg);
    }
  }
  return f;
}
