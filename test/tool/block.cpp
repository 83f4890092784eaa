// A block annotated with [[bumper::no_escape]] gets a warning with a fix-it,
// and --fix inserts the guard as its first statement, on its own line,
// indented like the block's body. Nothing else changes.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/block.cpp
// RUN: %bumper-tool %t/block.cpp -- %stub-flags 2>&1 | FileCheck %s --check-prefix=DIAG
// RUN: %bumper-tool --fix %t/block.cpp -- %stub-flags 2>&1 | FileCheck %s --check-prefix=FIXED
// RUN: FileCheck %s --input-file=%t/block.cpp --check-prefix=CHECK --match-full-lines --strict-whitespace
// RUN: not diff -u %s %t/block.cpp | FileCheck %s --check-prefix=ONLY --implicit-check-not="{{^[-+][^-+]}}"
#include "bumper-stub.hpp"

int sum(int N) {
  int Total = 0;
  [[bumper::no_escape]] {
    int *P = bumper::alloc<int>(N); // scratch
    for (int I = 0; I < N; ++I)
      Total += P[I] = I;
  }
  return Total;
}

// DIAG: block.cpp:13:5: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
// DIAG-NOT: FIX-IT applied
// FIXED: block.cpp:13:5: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
// FIXED: note: FIX-IT applied suggested code changes
// FIXED: bumper-tool: applied 1 fix to 1 file

// CHECK:{{^}}  {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_;
// CHECK-NEXT:{{^}}    int *P = bumper::alloc<int>(N); // scratch

// ONLY: +    bumper::NoEscape bumper_guard_;
