// A wrong use of the attribute is a bumper-annotation error, and nothing is
// edited for it: on a variable, a class, a statement that is not a block; an
// argument that is not a buffer; two annotations on one block.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %expect-exit 1 %bumper-tool %t/t.cpp -- %stub-flags -Xclang -verify
// RUN: not %bumper-tool --fix %t/t.cpp -- %stub-flags 2>&1 | FileCheck %s
// RUN: diff %s %t/t.cpp
#include "bumper-stub.hpp"

[[bumper::no_escape]] int Global; // expected-error {{'bumper::no_escape' applies to a block or a function definition, not to a variable [bumper-annotation]}}

struct [[bumper::no_escape]] Widget {}; // expected-error {{not to a class [bumper-annotation]}}

void statements(int N, bumper::AllocBuffer &Buf) {
  [[bumper::no_escape]] for (int I = 0; I < N; ++I) { // expected-error {{not to a 'for' statement; put it on the loop's body block}}
  }
  [[bumper::no_escape]] N++; // expected-error {{not to an expression statement}}
  [[bumper::no_escape]] int Local = 0; // expected-error {{not to a variable}}
  [[bumper::no_escape(N)]] { // expected-error {{the argument of 'bumper::no_escape' must name a bumper buffer (bumper::AllocBuffer, bumper::SlabBuffer, ...), not an expression of type 'int' [bumper-annotation]}}
  }
  [[bumper::no_escape(Buf, Buf)]] { // expected-error {{takes at most one argument}}
  }
  [[bumper::no_escape]] [[bumper::no_escape(Buf)]] { // expected-error {{this block already has a 'bumper::no_escape' annotation}} expected-note {{first annotation here}}
  }
  [[no_escape]] { // expected-error {{write '[[bumper::no_escape]]': the unscoped spelling 'no_escape' is reserved}}
  }
  (void)Local;
}

// CHECK: error: 'bumper::no_escape' applies to a block or a function definition, not to a variable [bumper-annotation]
// CHECK-NOT: applied
