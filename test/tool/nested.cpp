// Guard names never clash with the user's: nested blocks get bumper_guard_1_,
// ..., and a name already used in the function or block is skipped.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool --fix %t/t.cpp -- %stub-flags -Wshadow-all -Werror 2>&1 | FileCheck %s --check-prefix=DIAG
// RUN: FileCheck %s --input-file=%t/t.cpp --match-full-lines --strict-whitespace
// The result compiles, and shadows nothing.
// RUN: %cxx -fsyntax-only %stub-flags -Wall -Wshadow -Werror -Wno-attributes %t/t.cpp
#include "bumper-stub.hpp"

int bumper_guard_2_ = 0; // a global the inner blocks use

void nested(bumper::AllocBuffer &Buf) {
  [[bumper::no_escape]] {
    [[bumper::no_escape(Buf)]] {
      [[bumper::no_escape]] {
        bumper_guard_2_++;
      }
    }
  }
}

void userNames() {
  int bumper_guard_ = 1;
  [[bumper::no_escape]] {
    (void)bumper_guard_;
  }
}

void siblings() {
  [[bumper::no_escape]] {
  }
  [[bumper::no_escape]] {
  }
}

// DIAG: applied 6 fixes to 1 file

// CHECK:{{^}}void nested(bumper::AllocBuffer &Buf) {
// CHECK-NEXT:{{^}}  {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_;
// CHECK-NEXT:{{^}}    {{\[\[}}bumper::no_escape(Buf)]] {
// CHECK-NEXT:{{^}}      bumper::NoEscape bumper_guard_1_(Buf);
// CHECK-NEXT:{{^}}      {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:{{^}}        bumper::NoEscape bumper_guard_3_;
// CHECK:{{^}}  int bumper_guard_ = 1;
// CHECK-NEXT:{{^}}  {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_1_;
// CHECK:{{^}}void siblings() {
// CHECK-NEXT:{{^}}  {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_;
// CHECK-NEXT:{{^}}  }
// CHECK-NEXT:{{^}}  {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_;
// CHECK-NEXT:{{^}}  }
