#pragma once
#include "bumper-stub.hpp"
inline void shared() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(1);
  }
}
