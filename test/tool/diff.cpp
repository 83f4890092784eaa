// --diff prints the unified diff --fix would apply, and writes nothing.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool --diff %t/t.cpp -- %stub-flags 2>%t/stderr | FileCheck %s --match-full-lines --strict-whitespace
// RUN: FileCheck %s --input-file=%t/stderr --check-prefix=DIAG
// RUN: diff %s %t/t.cpp
// The diff applies with patch and gives what --fix gives.
// RUN: cp %s %t/patched.cpp && cp %s %t/fixed.cpp
// RUN: %bumper-tool --diff %t/patched.cpp -- %stub-flags > %t/patch.diff
// RUN: patch -s %t/patched.cpp %t/patch.diff
// RUN: %bumper-tool --fix %t/fixed.cpp -- %stub-flags
// RUN: diff %t/patched.cpp %t/fixed.cpp
// Its hunks are GNU diff's.
// RUN: not diff -u %s %t/fixed.cpp | tail -n +3 > %t/gnu.diff
// RUN: tail -n +3 %t/patch.diff | diff - %t/gnu.diff
#include "bumper-stub.hpp"

void f() {
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(1);
  }
  int A = 1;
  int B = 2;
  (void)A;
  (void)B;
  [[bumper::no_escape]] {
    (void)bumper::alloc<int>(2);
  }
}

// CHECK:--- {{.*}}t.cpp
// CHECK-NEXT:+++ {{.*}}t.cpp
// CHECK-NEXT:@@ -16,6 +16,7 @@
// CHECK-NEXT: 
// CHECK-NEXT: void f() {
// CHECK-NEXT:   {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:+    bumper::NoEscape bumper_guard_;
// CHECK-NEXT:     (void)bumper::alloc<int>(1);
// CHECK-NEXT:   }
// CHECK-NEXT:   int A = 1;
// CHECK-NEXT:@@ -23,6 +24,7 @@
// CHECK-NEXT:   (void)A;
// CHECK-NEXT:   (void)B;
// CHECK-NEXT:   {{\[\[}}bumper::no_escape]] {
// CHECK-NEXT:+    bumper::NoEscape bumper_guard_;
// CHECK-NEXT:     (void)bumper::alloc<int>(2);
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-EMPTY:

// DIAG: t.cpp:18:5: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
// DIAG-NOT: FIX-IT applied
