// [[bumper::no_escape]] on a function definition guards its whole body: free
// functions, member functions (in the class or out of line), function
// templates, and lambdas (C++23 places the attribute after the '[]').
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool --fix %t/t.cpp -- %stub-flags -std=c++2b 2>&1 | FileCheck %s --check-prefix=DIAG --implicit-check-not=warning:
// RUN: FileCheck %s --input-file=%t/t.cpp --match-full-lines --strict-whitespace
// RUN: %bumper-tool %t/t.cpp -- %stub-flags -std=c++2b 2>&1 | count 0
#include "bumper-stub.hpp"

[[bumper::no_escape]] int freeFunction(int N) {
  return bumper::alloc<int>(N) != nullptr;
}

struct Widget {
  [[bumper::no_escape]] void inClass() {
    (void)bumper::alloc<int>(1);
  }
  [[bumper::no_escape]] void outOfLine();
};

void Widget::outOfLine()
{
  (void)bumper::alloc<int>(2);
}

template <class T> [[bumper::no_escape]] void generic(T) {
  (void)bumper::alloc<T>(1);
}

auto Lambda = [] [[bumper::no_escape]] (int N) {
  (void)bumper::alloc<int>(N);
};

int use() {
  generic(1);
  generic(2.0);
  Lambda(1);
  Widget W;
  W.outOfLine();
  return 0;
}

// DIAG: t.cpp:10:27: warning: no_escape function 'freeFunction' has no 'bumper::NoEscape' guard [bumper-missing-guard]
// DIAG: t.cpp:15:30: warning: no_escape function 'inClass' has no
// DIAG: t.cpp:21:14: warning: no_escape function 'outOfLine' has no
// DIAG: t.cpp:26:47: warning: no_escape function 'generic' has no
// DIAG: t.cpp:30:{{[0-9]+}}: warning: no_escape function 'operator()' has no
// DIAG: applied 5 fixes to 1 file

// CHECK:{{^}}{{\[\[}}bumper::no_escape]] int freeFunction(int N) {
// CHECK-NEXT:{{^}}  bumper::NoEscape bumper_guard_;
// CHECK-NEXT:{{^}}  return bumper::alloc<int>(N) != nullptr;
// CHECK:{{^}}  {{\[\[}}bumper::no_escape]] void inClass() {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_;
// CHECK:{{^}}void Widget::outOfLine()
// CHECK-NEXT:{{^}}{
// CHECK-NEXT:{{^}}  bumper::NoEscape bumper_guard_;
// CHECK:{{^}}template <class T> {{\[\[}}bumper::no_escape]] void generic(T) {
// CHECK-NEXT:{{^}}  bumper::NoEscape bumper_guard_;
// CHECK:{{^}}auto Lambda = [] {{\[\[}}bumper::no_escape]] (int N) {
// CHECK-NEXT:{{^}}  bumper::NoEscape bumper_guard_;
