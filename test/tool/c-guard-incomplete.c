// A guard written by hand in C that does not restore its checkpoint on
// some way out of the block is reported there, with a note at the save.
// --fix edits nothing (C blocks are never edited) and --check fails.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.c
// RUN: %bumper-tool --fix %t/t.c -- -std=c2x -I%bumper-include -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: --implicit-check-not=applied
// RUN: diff %s %t/t.c
// RUN: %expect-exit 1 %bumper-tool --check %t/t.c -- -std=c2x -I%bumper-include
#include <bumper/bumper.h>

int use(int *p, int n);

int early(bumper_buffer *buf, int n) {
  [[bumper::no_escape(buf)]] {
    bumper_checkpoint cp = bumper_checkpoint_save(buf);
    if (n < 0)
      return -1;
// CHECK: t.c:[[@LINE-1]]:7: warning: 'return' leaves the no_escape block without restoring checkpoint 'cp'; call 'bumper_checkpoint_restore(buf, cp)' right before it [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-4]]:5: note: checkpoint 'cp' saved here
    bumper_checkpoint_restore(buf, cp);
  }
  return n;
}

void end(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    use(0, n);
  }
// CHECK: t.c:[[@LINE-1]]:3: warning: control reaches the end of the no_escape block without restoring checkpoint 'cp'; end the block with 'bumper_checkpoint_restore(bumper_default_buffer(), cp);' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-4]]:5: note: checkpoint 'cp' saved here
}

void wrongBuffer(bumper_buffer *buf, bumper_buffer *other) {
  [[bumper::no_escape(buf)]] {
    bumper_checkpoint cp = bumper_checkpoint_save(buf);
    bumper_checkpoint_restore(other, cp);
// CHECK: t.c:[[@LINE-1]]:5: warning: checkpoint 'cp' is restored on 'other', but it was saved from 'buf' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-3]]:5: note: checkpoint 'cp' saved here
  }
}

int wrongCheckpoint(bumper_buffer *buf, bumper_checkpoint start) {
  [[bumper::no_escape(buf)]] {
    bumper_checkpoint cp = bumper_checkpoint_save(buf);
    bumper_checkpoint_restore(buf, start);
    return 0;
// CHECK: t.c:[[@LINE-1]]:5: warning: 'return' leaves the no_escape block without restoring checkpoint 'cp' (the restore before it is of 'start'); call 'bumper_checkpoint_restore(buf, cp)' right before it [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-4]]:5: note: checkpoint 'cp' saved here
  }
}

void loop(int n) {
  for (int i = 0; i < n; ++i) [[bumper::no_escape]] {
      bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
      if (i == 3) {
        break;
// CHECK: t.c:[[@LINE-1]]:9: warning: 'break' leaves the no_escape block without restoring checkpoint 'cp'; call 'bumper_checkpoint_restore(bumper_default_buffer(), cp)' right before it [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-4]]:7: note: checkpoint 'cp' saved here
      }
      switch (i) {
      case 1:
        continue;
// CHECK: t.c:[[@LINE-1]]:9: warning: 'continue' leaves the no_escape block without restoring checkpoint 'cp'; call 'bumper_checkpoint_restore(bumper_default_buffer(), cp)' right before it [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-10]]:7: note: checkpoint 'cp' saved here
      }
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
    }
}

int jump(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    if (n < 0)
      goto fail;
// CHECK: t.c:[[@LINE-1]]:7: warning: 'goto' leaves the no_escape block without restoring checkpoint 'cp'; call 'bumper_checkpoint_restore(bumper_default_buffer(), cp)' right before it [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-4]]:5: note: checkpoint 'cp' saved here
    bumper_checkpoint_restore(bumper_default_buffer(), cp);
  }
  return n;
fail:
  return -1;
}

// A save of another buffer than the annotation names: as in C++.
void otherSave(bumper_buffer *buf) {
  [[bumper::no_escape(buf)]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
// CHECK: t.c:[[@LINE-1]]:5: warning: the guard of this no_escape block resets the default buffer, but the annotation names 'buf' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-3]]:5: note: annotation here
    bumper_checkpoint_restore(bumper_default_buffer(), cp);
  }
}

// The returned value is computed after the restore, through a pointer of
// the block.
int lateRead(bumper_buffer *buf, int n) {
  [[bumper::no_escape(buf)]] {
    bumper_checkpoint cp = bumper_checkpoint_save(buf);
    int *xs = bumper_alloc(buf, n * sizeof *xs, _Alignof(int));
    bumper_checkpoint_restore(buf, cp);
    return xs[0];
// CHECK: t.c:[[@LINE-1]]:12: warning: the value of this 'return' is computed after checkpoint 'cp' is restored, and reads 'xs', declared in the no_escape block, which may point into the memory just reset; compute the value before the restore [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-5]]:5: note: checkpoint 'cp' saved here
  }
}

// Nested blocks on one buffer: the inner checkpoint must be restored first.
int order(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint outer = bumper_checkpoint_save(bumper_default_buffer());
    [[bumper::no_escape]] {
      bumper_checkpoint inner = bumper_checkpoint_save(bumper_default_buffer());
      if (n < 0) {
        bumper_checkpoint_restore(bumper_default_buffer(), outer);
        bumper_checkpoint_restore(bumper_default_buffer(), inner);
// CHECK: t.c:[[@LINE-1]]:9: warning: checkpoint 'inner' is restored after checkpoint 'outer', which was saved before it from the same buffer; restore 'inner' first [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-7]]:5: note: checkpoint 'outer' saved here
        return -1;
      }
      bumper_checkpoint_restore(bumper_default_buffer(), inner);
    }
    bumper_checkpoint_restore(bumper_default_buffer(), outer);
  }
  return n;
}

// The checkpoint is overwritten.
void changed(bumper_buffer *buf) {
  [[bumper::no_escape(buf)]] {
    bumper_checkpoint cp = bumper_checkpoint_save(buf);
    cp = bumper_checkpoint_save(buf);
// CHECK: t.c:[[@LINE-1]]:8: warning: checkpoint 'cp' may be changed here; the restores of the no_escape block must rewind to the position saved at its start [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-3]]:5: note: checkpoint 'cp' saved here
    bumper_checkpoint_restore(buf, cp);
  }
}

// A field of the checkpoint is overwritten, or its address is given to a
// function that may write through it: the restore no longer rewinds to the
// saved position.
int log_checkpoint(bumper_checkpoint *cp);
void fieldChanged(bumper_buffer *buf) {
  [[bumper::no_escape(buf)]] {
    bumper_checkpoint cp = bumper_checkpoint_save(buf);
    cp.position_ = 0;
// CHECK: t.c:[[@LINE-1]]:18: warning: checkpoint 'cp' may be changed here; the restores of the no_escape block must rewind to the position saved at its start [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-3]]:5: note: checkpoint 'cp' saved here
    cp.generation_++;
// CHECK: t.c:[[@LINE-1]]:19: warning: checkpoint 'cp' may be changed here; the restores of the no_escape block must rewind to the position saved at its start [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-6]]:5: note: checkpoint 'cp' saved here
    log_checkpoint(&cp);
// CHECK: t.c:[[@LINE-1]]:20: warning: checkpoint 'cp' may be changed here; the restores of the no_escape block must rewind to the position saved at its start [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-9]]:5: note: checkpoint 'cp' saved here
    bumper_checkpoint_restore(buf, cp);
  }
}

// A label between the restore and the way out: a jump to it skips the
// restore.
int labelled(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    if (n > 3)
      goto out;
    bumper_checkpoint_restore(bumper_default_buffer(), cp);
  out:
    return n;
// CHECK: t.c:[[@LINE-1]]:5: warning: 'return' leaves the no_escape block without restoring checkpoint 'cp'; call 'bumper_checkpoint_restore(bumper_default_buffer(), cp)' right before it [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-7]]:5: note: checkpoint 'cp' saved here
  }
}

// A function whose body is the block.
[[bumper::no_escape]] int whole(int n) {
  bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
  if (n)
    return n;
// CHECK: t.c:[[@LINE-1]]:5: warning: 'return' leaves no_escape function 'whole' without restoring checkpoint 'cp'; call 'bumper_checkpoint_restore(bumper_default_buffer(), cp)' right before it [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-4]]:3: note: checkpoint 'cp' saved here
  bumper_checkpoint_restore(bumper_default_buffer(), cp);
  return 0;
}

// Jumps into the block, past the save.
int into(int n) {
  switch (n) [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
  case 1:
// CHECK: t.c:[[@LINE-1]]:3: warning: 'case' label jumps into the no_escape block past the save of checkpoint 'cp' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-3]]:5: note: checkpoint 'cp' saved here
    bumper_checkpoint_restore(bumper_default_buffer(), cp);
  }
  if (n > 5)
    goto inside;
// CHECK: t.c:[[@LINE-1]]:5: warning: 'goto' jumps into the no_escape block past the save of checkpoint 'cp' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE+2]]:5: note: checkpoint 'cp' saved here
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
  inside:
    bumper_checkpoint_restore(bumper_default_buffer(), cp);
  }
  return n;
}

// A loop at the end of the block that can end: a break out of it, or a
// condition that is not always true, reaches the '}'.
int loopEnds(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    for (;;) {
      if (use(0, n))
        break;
    }
  }
// CHECK: t.c:[[@LINE-1]]:3: warning: control reaches the end of the no_escape block without restoring checkpoint 'cp'; end the block with 'bumper_checkpoint_restore(bumper_default_buffer(), cp);' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-7]]:5: note: checkpoint 'cp' saved here
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    while (n) {
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
      return n;
    }
  }
// CHECK: t.c:[[@LINE-1]]:3: warning: control reaches the end of the no_escape block without restoring checkpoint 'cp'; end the block with 'bumper_checkpoint_restore(bumper_default_buffer(), cp);' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-7]]:5: note: checkpoint 'cp' saved here
  return 0;
}

// A switch at the end of the block that can end: no default, or a break.
int switchEnds(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    switch (n) {
    case 0:
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
      return 0;
    }
  }
// CHECK: t.c:[[@LINE-1]]:3: warning: control reaches the end of the no_escape block without restoring checkpoint 'cp'; end the block with 'bumper_checkpoint_restore(bumper_default_buffer(), cp);' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-8]]:5: note: checkpoint 'cp' saved here
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    switch (n) {
    case 0:
      break;
    default:
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
      return 0;
    }
  }
// CHECK: t.c:[[@LINE-1]]:3: warning: control reaches the end of the no_escape block without restoring checkpoint 'cp'; end the block with 'bumper_checkpoint_restore(bumper_default_buffer(), cp);' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-10]]:5: note: checkpoint 'cp' saved here
  return n;
}

// On the CFG, a break out of a loop of the block, and a goto to a label at
// the block's end, reach the '}' even when the loop itself cannot end.
int jumpsToEnd(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    for (;;) {
      if (use(0, n) > 0)
        goto done;
    }
  done:;
  }
// CHECK: t.c:[[@LINE-1]]:3: warning: control reaches the end of the no_escape block without restoring checkpoint 'cp'; end the block with 'bumper_checkpoint_restore(bumper_default_buffer(), cp);' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-8]]:5: note: checkpoint 'cp' saved here
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    do {
      if (use(0, n) > 0)
        break;
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
      return n;
    } while (0);
  }
// CHECK: t.c:[[@LINE-1]]:3: warning: control reaches the end of the no_escape block without restoring checkpoint 'cp'; end the block with 'bumper_checkpoint_restore(bumper_default_buffer(), cp);' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-9]]:5: note: checkpoint 'cp' saved here
  return n;
}

// A switch on an enum whose cases name every enumerator but that has no
// default still reaches the '}': in C the value may be any int. (Clang's
// CFG, and -Wreturn-type, take it as covered; the guard check does not.)
enum Shape { Circle, Square };

int area(enum Shape s) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    switch (s) {
    case Circle:
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
      return 3;
    case Square:
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
      return 4;
    }
  }
// CHECK: t.c:[[@LINE-1]]:3: warning: control reaches the end of the no_escape block without restoring checkpoint 'cp'; end the block with 'bumper_checkpoint_restore(bumper_default_buffer(), cp);' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-11]]:5: note: checkpoint 'cp' saved here
  return 0;
}

// The question is what happens once control is in the block: a block that
// a constant keeps out of reach is checked all the same.
#define TRACE 0
int traced(int n) {
  if (TRACE) {
    [[bumper::no_escape]] {
      bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
      use(0, n);
    }
// CHECK: t.c:[[@LINE-1]]:5: warning: control reaches the end of the no_escape block without restoring checkpoint 'cp'; end the block with 'bumper_checkpoint_restore(bumper_default_buffer(), cp);' [bumper-missing-guard]
// CHECK-NEXT: t.c:[[@LINE-4]]:7: note: checkpoint 'cp' saved here
  }
  return n;
}
