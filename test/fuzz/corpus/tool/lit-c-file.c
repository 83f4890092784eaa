// In C there is no RAII guard to insert: the block is reported, not edited.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.c
// RUN: %bumper-tool --fix %t/t.c -- -std=c2x 2>&1 | FileCheck %s --implicit-check-not=applied
// RUN: diff %s %t/t.c

int f(int n) {
  [[bumper::no_escape]] {
    n++;
  }
  return n;
}

// CHECK: t.c:7:5: warning: no_escape block has no 'bumper::NoEscape' guard; not fixed: C has no destructors to run a guard; save a checkpoint with bumper_checkpoint_save() at the start of the block and restore it with bumper_checkpoint_restore() on every way out [bumper-missing-guard]
