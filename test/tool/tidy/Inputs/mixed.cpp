// An escape, an unguarded block and an alloc outside any block.
#include <bumper/bumper.hpp>

int *leak(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto s = bumper::alloc<int>(n);
    return s.data();
  }
}

long unguarded(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<long>(n);
    s[0] = n;
    return s[0];
  }
}

int unscoped(int n) { return bumper::alloc<int>(n)[0]; }
