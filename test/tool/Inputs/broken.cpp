#include "bumper-stub.hpp"

void broken() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(1);
  }
  undeclared();
}
