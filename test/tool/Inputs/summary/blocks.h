#include "bumper-stub.hpp"
inline void inHeader() {
  [[bumper::no_escape]] {
    bumper::NoEscape bumper_guard_;
    (void)bumper::alloc<int>(1);
  }
}
