#include "lib.h"
#include <bumper/bumper.hpp>

void chained(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    int *p = bumper::alloc<int>(n).data();
    copyVia(p);
    keepVia(p);
  }
}
