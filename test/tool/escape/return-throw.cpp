// Rules 1 and 2: returned from inside the block (from an annotated function:
// returned at all), or thrown.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <span>

int *returnPointer(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    return s.data() + 1;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is returned from the no_escape block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

std::span<int> returnSpan(int n) {
  [[bumper::no_escape]] {
    return bumper::alloc<int>(n);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is returned from the no_escape block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:12: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

int &returnReference(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    return s[0];
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is returned from the no_escape block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

[[bumper::no_escape]] double *annotatedFunction(int n) {
  double *p = bumper::alloc<double>(n).data();
  if (n > 3)
    return p;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is returned from the no_escape function [bumper-escape]
// CHECK-NEXT: :[[@LINE-4]]:15: note: allocated here
// CHECK-NEXT: :[[@LINE+2]]:1: note: block ends here; its memory is reset
  return nullptr;
}

void throwPointer(int n) {
  [[bumper::no_escape]] {
    int *p = bumper::alloc<int>(n).data();
    if (n < 0)
      throw p;
// CHECK: :[[@LINE-1]]:7: error: pointer into arena memory allocated in this no_escape block is thrown [bumper-escape]
// CHECK-NEXT: :[[@LINE-4]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

// Negatives: returning contents, or values computed from them.
int returnContents(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    s[0] = n;
    return s[0] + static_cast<int>(s.size());
  }
}

[[bumper::no_escape]] long sumAnnotated(int n) {
  auto s = bumper::alloc<long>(n);
  long total = 0;
  for (long v : s)
    total += v;
  return total;
}

int throwContents(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    if (n < 0)
      throw s[0];
  }
  return 0;
}
