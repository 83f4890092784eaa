// g++ has no -Wunused-private-field; Clang warns, and the project's -Werror
// must not make that an error that stops the check.
#include <bumper/bumper.hpp>

class Holder {
  int unused_ = 0;

public:
  int get() const { return 1; }
};

int unguarded() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(1);
  }
  return Holder().get();
}
