// In C, [[bumper::no_escape(buf)]] names a 'bumper_buffer *': the block
// resets that buffer, so what is allocated from it is checked.
// RUN: not %bumper-tool %s -- -std=c2x -I%bumper-include -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.h>

static int *g_keep;

void keep(bumper_buffer *buf, int n) {
  [[bumper::no_escape(buf)]] {
    bumper_checkpoint cp = bumper_checkpoint_save(buf);
    int *xs = bumper_alloc(buf, n * sizeof *xs, _Alignof(int));
    g_keep = xs;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_keep', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:15: note: allocated here
    bumper_checkpoint_restore(buf, cp);
  }
}

void wrong(int n) {
  [[bumper::no_escape(n)]] {
// CHECK: :[[@LINE-1]]:23: error: the argument of 'bumper::no_escape' must be a 'bumper_buffer *', not an expression of type 'int' [bumper-annotation]
    n++;
  }
}
