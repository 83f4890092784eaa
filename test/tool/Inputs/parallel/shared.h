#pragma once
#include "bumper-stub.hpp"

inline int shared(int N) {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(N);
  }
  return N;
}
