#include "bumper-stub.hpp"

int f() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(1);
  }
  return 0;
}
