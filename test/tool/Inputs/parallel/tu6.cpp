#include "shared.h"

int tu6() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(6);
  }
  return shared(6);
}
