// The guard compiles only after bumper::NoEscape's definition: a block above
// the #include of <bumper/bumper.hpp> gets its guard and a note saying so;
// a block below it gets no note.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool %t/t.cpp -- -std=c++20 -I%bumper-include -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=note: --implicit-check-not=warning:

int before(int N) {
  [[bumper::no_escape]] {
    N++;
  }
  return N;
}
// CHECK: t.cpp:[[@LINE-5]]:5: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
// CHECK-NEXT: t.cpp:[[@LINE-6]]:5: note: 'bumper::NoEscape' is declared in <bumper/core.hpp> (which <bumper/bumper.hpp> includes); this file does not include it before this block

#include <bumper/bumper.hpp>

int after(int N) {
  [[bumper::no_escape]] {
    N++;
  }
  return N;
}
// CHECK: t.cpp:[[@LINE-5]]:5: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
