#include "bumper-stub.hpp"

// Compiled twice (-DVARIANT=1 and -DVARIANT=2), as fmt's os.cc is five times.
void twice() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(VARIANT);
  }
}

// A compiler warning under -Wall, printed once for both commands.
static int unusedStatic;
