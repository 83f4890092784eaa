// Where the guard goes: on its own line after the '{' line, indented like the
// block's first line (tabs stay tabs); a comment after the '{' stays on the
// '{' line; an empty block gets one indentation level more than its '{' line;
// a block whose first statement shares the '{' line gets the guard on that
// line, so that no other line moves.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool --fix %t/t.cpp -- %stub-flags 2>&1 | FileCheck %s --check-prefix=DIAG
// RUN: FileCheck %s --input-file=%t/t.cpp --match-full-lines --strict-whitespace
#include "bumper-stub.hpp"

void f(int N) {
	[[bumper::no_escape]] { // tabs
		(void)N;
	}
  [[bumper::no_escape]] { /* a note */ // and another
      // comment first
      (void)N;
  }
  [[bumper::no_escape]]
  {
    (void)N;
  }
  [[bumper::no_escape]] {
  }
  [[bumper::no_escape]] { (void)N; }
  [[bumper::no_escape]] {}
  [[bumper::no_escape]] { /* starts here
    and ends here */ (void)N;
  }
}

// DIAG: applied 7 fixes to 1 file

// CHECK:{{^}}	{{\[\[}}bumper::no_escape]] { // tabs
// CHECK-NEXT:{{^}}		bumper::NoEscape bumper_guard_;
// CHECK-NEXT:{{^}}		(void)N;
// CHECK:{{^}}  {{\[\[}}bumper::no_escape]] { /* a note */ // and another
// CHECK-NEXT:{{^}}      bumper::NoEscape bumper_guard_;
// CHECK-NEXT:{{^}}      // comment first
// CHECK:{{^}}  {{\[\[}}bumper::no_escape]]
// CHECK-NEXT:{{^}}  {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_;
// CHECK-NEXT:{{^}}    (void)N;
// CHECK:{{^}}  {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_;
// CHECK-NEXT:{{^}}  }
// CHECK-NEXT:{{^}}  {{\[\[}}bumper::no_escape]] { bumper::NoEscape bumper_guard_; (void)N; }
// CHECK-NEXT:{{^}}  {{\[\[}}bumper::no_escape]] { bumper::NoEscape bumper_guard_; }
// CHECK-NEXT:{{^}}  {{\[\[}}bumper::no_escape]] { bumper::NoEscape bumper_guard_; /* starts here
