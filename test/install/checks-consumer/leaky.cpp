// A pointer into the arena outlives its block: bumper-escape.
#include <bumper/bumper.hpp>

int *keep(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto s = bumper::alloc<int>(n);
    return s.data();
  }
}
