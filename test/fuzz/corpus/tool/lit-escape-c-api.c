// The C API: bumper_alloc is a source like alloc; C code is analysed the same
// way (C23 attribute syntax).
// RUN: not %bumper-tool %s -- -std=c2x -I%bumper-include -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.h>

static double *g_keep;

void keep(int n) {
  [[bumper::no_escape]] {
    double *xs = bumper_alloc(bumper_default_buffer(), n * sizeof *xs,
                              _Alignof(double));
    g_keep = xs + 1;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_keep', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-4]]:18: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

double sum(int n) {
  double total = 0;
  [[bumper::no_escape]] {
    double *xs = bumper_alloc(bumper_default_buffer(), n * sizeof *xs,
                              _Alignof(double));
    for (int i = 0; i < n; ++i)
      total += xs[i] = i;
    g_keep = xs;
    g_keep = 0;
  }
  return total;
}

void *unscoped(void) { return bumper_alloc(bumper_default_buffer(), 8, 8); }
// CHECK: :[[@LINE-1]]:31: warning: 'bumper_alloc' allocates from the default buffer where no no_escape block is active; the memory is not reset until the buffer is [bumper-unscoped-alloc]
