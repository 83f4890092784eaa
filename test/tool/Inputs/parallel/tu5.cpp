#include "shared.h"

int tu5() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(5);
  }
  return shared(5);
}
