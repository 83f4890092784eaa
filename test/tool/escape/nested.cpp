// Nested blocks and buffers. An allocation belongs to the innermost active
// block that resets its buffer: stored into a variable of an outer block it
// escapes the inner block. A pointer from an outer block used in an inner one
// is fine (Bumper.jl issue #49), and so is an allocation from a buffer that
// no active block resets.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>

int innerIntoOuter(int n) {
  int r = 0;
  [[bumper::no_escape]] {
    int *result = bumper::alloc<int>(n).data();
    [[bumper::no_escape]] {
      auto tmp = bumper::alloc<int>(n);
      result = tmp.data();
// CHECK: :[[@LINE-1]]:7: error: pointer into arena memory allocated in this no_escape block is stored into 'result', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:18: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:5: note: block ends here; its memory is reset
    }
    r = result[0];
  }
  return r;
}

void explicitBuffer(bumper::AllocBuffer &buf, int n, int **out) {
  [[bumper::no_escape(buf)]] {
    auto s = bumper::alloc<int>(buf, n);
    *out = s.data();
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into '*out', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void outerBlockOwnsIt(bumper::SlabBuffer &slab, int n) {
  int *keep = nullptr;
  [[bumper::no_escape(slab)]] {
    [[bumper::no_escape]] {
      // From 'slab': the outer block resets it, so it escapes that block.
      keep = bumper::alloc<int>(slab, n).data();
// CHECK: :[[@LINE-1]]:7: error: pointer into arena memory allocated in this no_escape block is stored into 'keep', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+2]]:3: note: block ends here; its memory is reset
    }
  }
  (void)keep;
}

// Negatives.
int outerPointerInInnerBlock(int n) {
  int r = 0;
  [[bumper::no_escape]] {
    auto outer = bumper::alloc<int>(n);
    int *cursor = outer.data();
    [[bumper::no_escape]] {
      auto scratch = bumper::alloc<int>(n);
      scratch[0] = outer[0];
      int *p = outer.data() + 1; // outer memory, still valid after the inner block
      cursor = p;
      outer[1] = scratch[0];
    }
    r = *cursor;
  }
  return r;
}

int *otherBuffer(bumper::AllocBuffer &persistent, int n) {
  [[bumper::no_escape]] {
    // The block resets the default buffer, not 'persistent'.
    int *p = bumper::alloc<int>(persistent, n).data();
    return p;
  }
}

int *otherBufferStored;
void otherBufferIntoGlobal(bumper::AllocBuffer &a, bumper::AllocBuffer &b,
                           int n) {
  [[bumper::no_escape(a)]] {
    otherBufferStored = bumper::alloc<int>(b, n).data();
  }
}
