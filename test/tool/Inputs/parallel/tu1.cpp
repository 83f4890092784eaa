#include "shared.h"

int tu1() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(1);
  }
  return shared(1);
}
