// A C block with a guard written by hand is analysed as the same block
// without it, and as a C++ block with its bumper::NoEscape guard: the
// escapes are the same, the checkpoint and the restores are not escapes,
// and there is no bumper-missing-guard warning.
// RUN: not %bumper-tool %s -- -std=c2x -I%bumper-include -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
#include <bumper/bumper.h>

static double *g_keep;
static bumper_checkpoint g_cp;

void keep(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    double *xs = bumper_alloc(bumper_default_buffer(), n * sizeof *xs,
                              _Alignof(double));
    g_keep = xs + 1;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_keep', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-4]]:18: note: allocated here
// CHECK-NEXT: :[[@LINE+2]]:3: note: block ends here; its memory is reset
    bumper_checkpoint_restore(bumper_default_buffer(), cp);
  }
}

double *give(bumper_buffer *buf, int n) {
  [[bumper::no_escape(buf)]] {
    bumper_checkpoint cp = bumper_checkpoint_save(buf);
    double *xs = bumper_alloc(buf, n * sizeof *xs, _Alignof(double));
    bumper_checkpoint_restore(buf, cp);
    return xs;
// CHECK: :[[@LINE-1]]:5: error: {{.*}}[bumper-escape]
  }
}

double sum(int n) {
  double total = 0;
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    g_cp = cp;
    double *xs = bumper_alloc(bumper_default_buffer(), n * sizeof *xs,
                              _Alignof(double));
    for (int i = 0; i < n; ++i)
      total += xs[i] = i;
    bumper_checkpoint_restore(bumper_default_buffer(), cp);
  }
  return total;
}
