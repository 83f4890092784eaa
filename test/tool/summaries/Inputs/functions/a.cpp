#include <bumper/bumper.hpp>

void keep(const int *p); // b.cpp

void remember(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    keep(bumper::alloc<int>(n).data());
  }
}
