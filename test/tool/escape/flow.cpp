// Flow sensitivity: the question is what storage holds when the block ends,
// on any path, including loops, break, continue and goto.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>

int *g_p;

void loopBody(int n) {
  for (int i = 0; i < n; ++i) [[bumper::no_escape]] {
      g_p = bumper::alloc<int>(n).data();
// CHECK: :[[@LINE-1]]:7: error: pointer into arena memory allocated in this no_escape block is stored into 'g_p', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:13: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:5: note: block ends here; its memory is reset
    }
}

void infiniteLoop(int n) {
  for (;;) {
    [[bumper::no_escape]] {
      g_p = bumper::alloc<int>(n).data();
// CHECK: :[[@LINE-1]]:7: error: pointer into arena memory allocated in this no_escape block is stored into 'g_p', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:13: note: allocated here
// CHECK-NEXT: :[[@LINE+3]]:5: note: block ends here; its memory is reset
      if (n > 3)
        break;
    }
  }
}

void gotoOut(int n) {
  [[bumper::no_escape]] {
    g_p = bumper::alloc<int>(n).data();
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_p', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:11: note: allocated here
// CHECK-NEXT: :[[@LINE+4]]:3: note: block ends here; its memory is reset
    if (n)
      goto done;
    g_p = nullptr;
  }
done:
  return;
}

void overwrittenInLoop(int n) {
  [[bumper::no_escape]] {
    for (int i = 0; i < n; ++i)
      g_p = bumper::alloc<int>(i + 1).data();
// CHECK: :[[@LINE-1]]:7: error: pointer into arena memory allocated in this no_escape block is stored into 'g_p', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:13: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

// Negatives: cleared on every path out of the block.
void clearedBeforeBreak(int n) {
  while (true) {
    [[bumper::no_escape]] {
      g_p = bumper::alloc<int>(n).data();
      if (n > 3) {
        g_p = nullptr;
        break;
      }
      g_p = nullptr;
    }
  }
}

void assignedAfterTheLoop(int n) {
  [[bumper::no_escape]] {
    for (int i = 0; i < n; ++i) {
      g_p = bumper::alloc<int>(i + 1).data();
      if (g_p[0] == 0)
        continue;
    }
    g_p = nullptr;
  }
}
