#include "shared.h"

int tu4() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(4);
  }
  return shared(4);
}
