// A file that does not include <bumper/bumper.hpp> still gets its guard, and
// a note saying where bumper::NoEscape is declared.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool %t/t.cpp -- -std=c++20 2>&1 | FileCheck %s

int f(int N) {
  [[bumper::no_escape]] {
    N++;
  }
  return N;
}

// CHECK: t.cpp:7:5: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
// CHECK: t.cpp:7:5: note: 'bumper::NoEscape' is declared in <bumper/core.hpp> (which <bumper/bumper.hpp> includes); this file does not include it yet
