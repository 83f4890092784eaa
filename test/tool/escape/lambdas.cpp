// Rule 4: a lambda that captures the value (by copy, by reference, or in an
// init-capture) and itself escapes. A lambda that is only called inside the
// block keeps nothing.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <functional>

std::function<int()> g_callback;

void captureByCopy(int n) {
  [[bumper::no_escape]] {
    int *p = bumper::alloc<int>(n).data();
    auto read = [p] { return p[0]; };
    g_callback = read;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is captured by a lambda that escapes: the lambda is stored into 'g_callback', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-4]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE-4]]:17: note: captured by the lambda here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

std::function<int()> captureByReference(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    return [&s] { return s[0]; };
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is captured by a lambda that escapes: the lambda is returned from the no_escape block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE-3]]:12: note: captured by the lambda here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void initCapture(int n) {
  [[bumper::no_escape]] {
    g_callback = [q = bumper::alloc<int>(n).data() + 1] { return *q; };
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is captured by a lambda that escapes: the lambda is stored into 'g_callback', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:23: note: allocated here
// CHECK-NEXT: :[[@LINE-3]]:18: note: captured by the lambda here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

// Negatives: called inside the block, or stored only in a local.
int calledLocally(int n) {
  int result = 0;
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    auto sum = [&] {
      int t = 0;
      for (int v : s)
        t += v;
      return t;
    };
    std::function<int()> local = sum;
    result = sum() + local();
  }
  return result;
}
