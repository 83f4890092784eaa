// A guard written by hand in C is recognised: a checkpoint of the block's
// buffer saved into a local by the first statement, and restored right
// before every way out. Such blocks get no bumper-missing-guard warning, and
// --fix leaves the file as it is (twice).
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.c
// RUN: %bumper-tool --fix %t/t.c -- -std=c2x -I%bumper-include 2>&1 | count 0
// RUN: diff %s %t/t.c
// RUN: %bumper-tool --fix %t/t.c -- -std=c2x -I%bumper-include 2>&1 | count 0
// RUN: diff %s %t/t.c
// RUN: %bumper-tool --check --warnings-as-errors %t/t.c -- -std=c2x -I%bumper-include
// RUN: %bumper-tool --diff %t/t.c -- -std=c2x -I%bumper-include 2>/dev/null | count 0
#include <bumper/bumper.h>

int use(int *p, int n);
[[noreturn]] void fatal(const char *why);

// The default buffer; the end of the block is reached after the restore.
int sum(int n) {
  int total = 0;
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    int *xs = bumper_alloc(bumper_default_buffer(), n * sizeof *xs,
                           _Alignof(int));
    total = use(xs, n);
    bumper_checkpoint_restore(bumper_default_buffer(), cp);
  }
  return total;
}

// A named buffer; an early return restores first; the value returned is
// computed before the restore.
int named(bumper_buffer *buf, int n) {
  [[bumper::no_escape(buf)]] {
    const bumper_checkpoint saved = bumper_checkpoint_save(buf);
    int *xs = bumper_alloc(buf, n * sizeof *xs, _Alignof(int));
    if (!xs) {
      bumper_checkpoint_restore(buf, saved);
      return -1;
    }
    int r = use(xs, n);
    bumper_checkpoint_restore(buf, saved);
    return r;
  }
}

// A function: its body is the block. Both branches of the last 'if' return.
[[bumper::no_escape]] int whole(int n) {
  bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
  int *xs = bumper_alloc(bumper_default_buffer(), sizeof *xs, _Alignof(int));
  int r = use(xs, n);
  if (r > 0) {
    bumper_checkpoint_restore(bumper_default_buffer(), cp);
    return r;
  } else {
    bumper_checkpoint_restore(bumper_default_buffer(), cp);
    return 0;
  }
}

// A loop's body: break and continue leave the block, so they restore; the
// break of an inner loop or of a switch does not leave it.
void loop(bumper_buffer *buf, int n) {
  for (int i = 0; i < n; ++i) [[bumper::no_escape(buf)]] {
      bumper_checkpoint cp = bumper_checkpoint_save(buf);
      int *xs = bumper_alloc(buf, n * sizeof *xs, _Alignof(int));
      for (int j = 0; j < n; ++j)
        if (xs[j] < 0)
          break;
      switch (use(xs, i)) {
      case 0:
        break;
      case 1:
        bumper_checkpoint_restore(buf, cp);
        continue;
      default:
        bumper_checkpoint_restore(buf, cp);
        break;
      }
      while (use(xs, n))
        continue;
      if (i == 7) {
        bumper_checkpoint_restore(buf, cp);
        break;
      }
      bumper_checkpoint_restore(buf, cp);
    }
}

// goto: to a label outside the block it restores first; to a label inside
// it does not leave the block.
int jumps(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
  again:
    if (n-- > 10)
      goto again;
    if (n < 0) {
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
      goto fail;
    }
    bumper_checkpoint_restore(bumper_default_buffer(), cp);
  }
  return n;
fail:
  return -1;
}

// Nested blocks: a way out of both restores both, the inner one first.
int nested(bumper_buffer *buf, int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint outer = bumper_checkpoint_save(bumper_default_buffer());
    [[bumper::no_escape(buf)]] {
      bumper_checkpoint inner = bumper_checkpoint_save(buf);
      if (n < 0) {
        bumper_checkpoint_restore(buf, inner);
        bumper_checkpoint_restore(bumper_default_buffer(), outer);
        return -1;
      }
      bumper_checkpoint_restore(buf, inner);
    }
    [[bumper::no_escape]] {
      bumper_checkpoint inner = bumper_checkpoint_save(bumper_default_buffer());
      if (n > 100) {
        bumper_checkpoint_restore(bumper_default_buffer(), inner);
        bumper_checkpoint_restore(bumper_default_buffer(), outer);
        return 100;
      }
      bumper_checkpoint_restore(bumper_default_buffer(), inner);
    }
    bumper_checkpoint_restore(bumper_default_buffer(), outer);
  }
  return n;
}

// A block that ends in a call of a noreturn function, a one-line block, and
// a restore written as '(void)...'.
void odd(bumper_buffer *buf, int n) {
  if (n < 0) [[bumper::no_escape(buf)]] {
      bumper_checkpoint cp = bumper_checkpoint_save(buf);
      use(bumper_alloc(buf, 4, 4), 1);
      fatal("negative");
    }
  [[bumper::no_escape(buf)]] { bumper_checkpoint cp = bumper_checkpoint_save(buf); use(0, n); bumper_checkpoint_restore(buf, cp); }
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    (void)bumper_checkpoint_restore(bumper_default_buffer(), cp);
  }
}

// Blocks that end in an endless loop: '}' is never reached, so only the
// returns need a restore. A break inside a nested loop or switch stays there.
int serve(bumper_buffer *buf, int n) {
  [[bumper::no_escape(buf)]] {
    bumper_checkpoint cp = bumper_checkpoint_save(buf);
    for (;;) {
      for (int i = 0; i < n; ++i)
        if (use(0, i))
          break;
      switch (use(0, n)) {
      case 0:
        break;
      default:
        bumper_checkpoint_restore(buf, cp);
        return n;
      }
    }
  }
}

int poll(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    while (1) {
      if (use(0, n)) {
        bumper_checkpoint_restore(bumper_default_buffer(), cp);
        return n;
      }
    }
  }
}

int retry(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    do {
      if (use(0, n) > 0) {
        bumper_checkpoint_restore(bumper_default_buffer(), cp);
        return n;
      }
    } while (1 + 1 == 2);
  }
}

// A block that ends in a switch with a default, no break out of it, and a
// body that cannot run past its end: every case returns (a break in a nested
// loop stays there).
int classify(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    switch (n) {
    case 0:
      for (int i = 0; i < n; ++i)
        if (use(0, i))
          break;
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
      return 0;
    case 1:
    default:
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
      return n;
    }
  }
}

// Whether the '}' is reached is decided on the CFG, not by the shape of the
// last statement: a do-while(0) whose body returns, an 'if' whose condition
// folds to false, a loop that only a goto back into the block repeats.
int onceThrough(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    do {
      n = use(0, n);
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
      return n;
    } while (0);
  }
}

int foldedBranch(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    if (sizeof(int) == 0)
      n = 0;
    else {
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
      return n;
    }
  }
}

int retryUntilDone(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
  again:
    if (use(0, n) > 0) {
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
      return n;
    }
    ++n;
    goto again;
  }
}

// A declaration of several variables is split in the CFG; its parts are
// still statements of the block (which cannot reach its '}' here).
int span(int n) {
  [[bumper::no_escape]] {
    bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
    int first = 0, last = n - 1;
    n = use(0, last - first);
    bumper_checkpoint_restore(bumper_default_buffer(), cp);
    return n;
  }
}

// Reading the checkpoint, its fields, or through a pointer to const does not
// change it.
size_t checkpoint_depth(const bumper_checkpoint *cp);
size_t inspect(bumper_buffer *buf) {
  size_t depth;
  [[bumper::no_escape(buf)]] {
    bumper_checkpoint cp = bumper_checkpoint_save(buf);
    const bumper_checkpoint *seen = &cp;
    depth = checkpoint_depth(&cp) + cp.generation_ + (seen->position_ != 0);
    bumper_checkpoint_restore(buf, cp);
  }
  return depth;
}
