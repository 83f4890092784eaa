// In C++, [[bumper::no_escape(h)]] may name a C API handle ('bumper_buffer *'):
// the inserted guard is on 'bumper::from_c(h)', a hand-written one is
// recognised, and escapes of the handle's memory are reported, whether it was
// allocated through the C or the C++ API.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: not %bumper-tool --fix %t/t.cpp -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=DIAG --implicit-check-not=warning: --implicit-check-not=error:
// RUN: FileCheck %s --input-file=%t/t.cpp
// The fixed file compiles against the real header, and a second run has
// nothing left to fix.
// RUN: %cxx -fsyntax-only %bumper-cxxflags -w %t/t.cpp
// RUN: cp %t/t.cpp %t/once.cpp
// RUN: not %bumper-tool --fix %t/t.cpp -- %bumper-cxxflags 2>&1 | FileCheck %s --check-prefix=AGAIN
// RUN: diff %t/once.cpp %t/t.cpp
#include <bumper/bumper.h>
#include <bumper/bumper.hpp>

#include <span>

static int *g_kept;

int sum(bumper_buffer *h, int n) {
  [[bumper::no_escape(h)]] {
    int *xs = static_cast<int *>(bumper_alloc(h, n * sizeof(int), alignof(int)));
    int s = 0;
    for (int i = 0; i < n; ++i)
      s += xs[i] = i;
    return s;
  }
}
// DIAG: t.cpp:22:5: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
// CHECK: {{\[\[}}bumper::no_escape(h)]] {
// CHECK-NEXT: bumper::NoEscape bumper_guard_(bumper::from_c(h));
// CHECK-NEXT: int *xs =

void keep(bumper_buffer *h, int n) {
  [[bumper::no_escape(h)]] {
    bumper::NoEscape guard(bumper::from_c(h));
    std::span<int> ys = bumper::alloc<int>(bumper::from_c(h), n);
    g_kept = ys.data();
  }
}
// DIAG: t.cpp:[[@LINE-3]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_kept', which outlives the block [bumper-escape]
// DIAG-NEXT: note: allocated here
// CHECK: bumper::NoEscape guard(bumper::from_c(h));
// CHECK-NEXT: std::span<int> ys

void keep_c(bumper_buffer *h, int n) {
  [[bumper::no_escape(h)]] {
    bumper::NoEscape guard(bumper::from_c(h));
    g_kept = static_cast<int *>(bumper_alloc(h, n * sizeof(int), alignof(int)));
  }
}
// DIAG: t.cpp:[[@LINE-3]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_kept', which outlives the block [bumper-escape]

void wrong_buffer(bumper_buffer *h, bumper::AllocBuffer &other) {
  [[bumper::no_escape(h)]] {
    bumper::NoEscape guard(other);
    (void)bumper::alloc<int>(other, 4);
  }
}
// DIAG: t.cpp:[[@LINE-4]]:5: warning: the guard of this no_escape block resets 'other', but the annotation names 'h' [bumper-missing-guard]
// DIAG-NEXT: note: annotation here
// DIAG: applied 1 fix to 1 file

// AGAIN-NOT: bumper-missing-guard warning: no_escape block has no
// AGAIN: error:
