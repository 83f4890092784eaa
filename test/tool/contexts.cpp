// Annotated blocks are found wherever a block can be: in loops, lambdas,
// member functions, class and function templates (one edit per block, however
// often the template is instantiated), and generic lambdas.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool --fix %t/t.cpp -- %stub-flags 2>&1 | FileCheck %s --check-prefix=DIAG --implicit-check-not=warning:
// RUN: FileCheck %s --input-file=%t/t.cpp --match-full-lines --strict-whitespace
// RUN: %bumper-tool %t/t.cpp -- %stub-flags 2>&1 | count 0
#include "bumper-stub.hpp"

void loops(int N) {
  for (int I = 0; I < N; ++I) [[bumper::no_escape]] {
    (void)bumper::alloc<int>(I);
  }
  while (N--)
    [[bumper::no_escape]] { (void)bumper::alloc<int>(N); }
}

auto Lambda = [](int N) {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(N);
  }
};

template <class T> struct Grid {
  void step(int N) {
    [[bumper::no_escape]] {
      (void)bumper::alloc<T>(N);
    }
  }
};

template <class T> T twice(T X) {
  auto Generic = [](auto Y) {
    [[bumper::no_escape]] {
      (void)bumper::alloc<decltype(Y)>(1);
    }
    return Y;
  };
  return Generic(X) + X;
}

int use() {
  Grid<int>().step(1);
  Grid<double>().step(1);
  return twice(1) + int(twice(2.0));
}

// DIAG: t.cpp:11:33: warning: no_escape block
// DIAG: t.cpp:15:7: warning: no_escape block
// DIAG: t.cpp:19:5: warning: no_escape block
// DIAG: t.cpp:26:7: warning: no_escape block
// DIAG: t.cpp:34:7: warning: no_escape block
// DIAG: applied 5 fixes to 1 file

// CHECK:{{^}}  for (int I = 0; I < N; ++I) {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_;
// CHECK-NEXT:{{^}}    (void)bumper::alloc<int>(I);
// CHECK:{{^}}    {{\[\[}}bumper::no_escape]] { bumper::NoEscape bumper_guard_; (void)bumper::alloc<int>(N); }
// CHECK:{{^}}  {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_;
// CHECK:{{^}}    {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:{{^}}      bumper::NoEscape bumper_guard_;
// CHECK-NEXT:{{^}}      (void)bumper::alloc<T>(N);
// CHECK:{{^}}    {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:{{^}}      bumper::NoEscape bumper_guard_;
// CHECK-NEXT:{{^}}      (void)bumper::alloc<decltype(Y)>(1);
