#include "bumper-stub.hpp"

void unguarded() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(1);
  }
}
