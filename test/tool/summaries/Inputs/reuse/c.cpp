#include <bumper/bumper.hpp>

// A block without its guard: a warning with a fix.
int sum(int n) {
  int r = 0;
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    r = int(s.size());
  }
  return r;
}
