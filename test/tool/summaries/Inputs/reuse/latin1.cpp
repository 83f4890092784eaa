#include <bumper/bumper.hpp>

const int *g_kept;

// The line of the finding is not UTF-8 (Latin-1 "caf\xe9").
void f(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    g_kept = bumper::alloc<int>(n).data(); // café
  }
}
