#include <bumper/bumper.hpp>

int *g_p;

void escapes(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape bumper_guard_;
    g_p = bumper::alloc<int>(n).data();
  }
}
