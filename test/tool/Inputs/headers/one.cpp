#include "shared.h"

int one() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(1);
  }
  return shared(1);
}
