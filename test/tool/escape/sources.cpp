// Sources: every call to a BUMPER_ALLOCATOR function, found by the
// annotation, not by name: the alloc family, alloc_bytes, the N-D alloc,
// Buffer::allocate (which allocates from its object), and users' own marked
// wrappers. An unmarked function is not a source.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>

void *g_any;

BUMPER_ALLOCATOR float *scratchFloats(int n) {
  return bumper::alloc<float>(n).data();
}
float *notAnAllocator(int n);

void userWrapper(int n) {
  [[bumper::no_escape]] {
    g_any = scratchFloats(n);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_any', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:13: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void bytes(bumper::AllocBuffer &buf) {
  [[bumper::no_escape(buf)]] {
    g_any = bumper::alloc_bytes(buf, 64, 16);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_any', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:13: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void memberAllocate(bumper::SlabBuffer &slab) {
  [[bumper::no_escape(slab)]] {
    g_any = slab.allocate(32, 8);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_any', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:13: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void multiDimensional(bumper::SlabBuffer &slab, int n) {
  [[bumper::no_escape(slab)]] {
    auto grid = bumper::alloc<double>(slab, n, n);
    g_any = &grid(1, 1);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_any', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:17: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

// Negatives: not a source; a member allocation from a buffer the block does
// not reset.
void unmarked(int n, bumper::SlabBuffer &slab) {
  [[bumper::no_escape]] {
    g_any = notAnAllocator(n);
    g_any = slab.allocate(32, 8);
  }
}
