// One escape (an error), one unguarded block (a warning), one call to alloc
// outside any block (a warning): what the plugin's arguments act on.
#include <bumper/bumper.hpp>

int *leak(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto s = bumper::alloc<int>(n);
    return s.data();
  }
}

void unguarded() {
  [[bumper::no_escape]] {
  }
}

int unscoped(int n) { return bumper::alloc<int>(n)[0]; }
