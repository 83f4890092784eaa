// A summary has no limit on the number of parameters: a parameter kept
// through the 36th parameter is seen (summaries once held 32 bits).
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>

static void storeLate(int a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12, int a13, int a14, int a15, int a16, int a17, int a18, int a19, int a20, int a21, int a22, int a23, int a24, int a25, int a26, int a27, int a28, int a29, int a30, int a31, int a32, int a33,
                      int *p, int **slot) {
  *slot = p;
}

void f(int n, int **out) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    storeLate(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
              bumper::alloc<int>(n).data(), out);
// CHECK: :[[@LINE-2]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'storeLate', which stores it into '*out', which outlives the block [bumper-escape]
  }
}
