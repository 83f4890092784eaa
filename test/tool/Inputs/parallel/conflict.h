#pragma once
#include "bumper-stub.hpp"

inline bumper::AllocBuffer ScratchA{64}, ScratchB{64};

inline int pick(int N) {
#ifdef USE_A
  [[bumper::no_escape(ScratchA)]]
#else
  [[bumper::no_escape(ScratchB)]]
#endif
  {
    (void)bumper::alloc<int>(N);
  }
  return N;
}
