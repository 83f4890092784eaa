#include "shared.h"

int tu3() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(3);
  }
  return shared(3);
}
