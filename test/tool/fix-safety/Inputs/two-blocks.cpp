#include "bumper-stub.hpp"

// Two unguarded blocks: two fixes, and a rewrite of more than 200 bytes.
void first() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(1);
  }
}

void second() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(2);
  }
}
