#include "shared.h"

int tu2() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(2);
  }
  return shared(2);
}
