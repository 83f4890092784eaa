// A header with an escape: reported only when the header filter asks for it.
#pragma once
#include <bumper/bumper.hpp>

inline int *leakFromHeader(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto s = bumper::alloc<int>(n);
    return s.data();
  }
}
