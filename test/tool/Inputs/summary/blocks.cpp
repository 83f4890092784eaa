#include "blocks.h"
// Two blocks in one macro expansion, and one macro's block expanded twice:
// four blocks, each with its guard.
#define TWO_BLOCKS                                                             \
  [[bumper::no_escape]] { bumper::NoEscape g; }                                \
  [[bumper::no_escape]] { bumper::NoEscape g; }
#define ONE_BLOCK [[bumper::no_escape]] { bumper::NoEscape g; }
void f() {
  TWO_BLOCKS
  ONE_BLOCK
  ONE_BLOCK
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(1);
  }
}
class Holder {
  int unused_ = 0;
};
