// NOLINT(bumper-escape) on the reported line, or NOLINTNEXTLINE(bumper-escape)
// above it, silences the finding, as in clang-tidy; other checks' names do not.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=bumper-unscoped-alloc
#include <bumper/bumper.hpp>

int *g_p;

void silenced(int n) {
  [[bumper::no_escape]] {
    g_p = bumper::alloc<int>(n).data(); // NOLINT(bumper-escape)
  }
  [[bumper::no_escape]] {
    // NOLINTNEXTLINE(bumper-escape)
    g_p = bumper::alloc<int>(n).data();
  }
  (void)bumper::alloc<int>(n); // NOLINT(bumper-unscoped-alloc)
}

void otherCheckNamed(int n) {
  [[bumper::no_escape]] {
    g_p = bumper::alloc<int>(n).data(); // NOLINT(bumper-missing-guard)
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_p', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:11: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}
