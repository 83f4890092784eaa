// Rule 3: a store into storage that outlives the block (a global, a static
// local, a thread_local, a static data member) escapes if the storage still
// holds the value when the block ends. Overwriting or clearing it first is
// not an escape: the check is made where the block ends.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>

int *g_cache;
thread_local int *t_last;
struct Registry {
  static int *latest;
};

void global(int n) {
  [[bumper::no_escape]] {
    std::span<int> s = bumper::alloc<int>(n);
    g_cache = s.data();
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_cache', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:24: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void threadLocal(int n) {
  [[bumper::no_escape]] {
    t_last = bumper::alloc<int>(n).data();
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 't_last', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void staticMember(int n) {
  [[bumper::no_escape]] {
    Registry::latest = bumper::alloc<int>(n).data() + 1;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'Registry::latest', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:24: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

int *staticLocal(int n) {
  [[bumper::no_escape]] {
    static int *s_first = bumper::alloc<int>(n).data();
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 's_first', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:27: note: allocated here
// CHECK-NEXT: :[[@LINE+2]]:3: note: block ends here; its memory is reset
    return nullptr;
  }
}

// Negative: overwritten before the block ends.
void overwritten(int n) {
  [[bumper::no_escape]] {
    g_cache = bumper::alloc<int>(n).data();
    g_cache[0] = 1;
    g_cache = nullptr;
  }
}

// Negative: cleared on every path before the block ends.
void clearedOnAllPaths(int n, bool b) {
  [[bumper::no_escape]] {
    g_cache = bumper::alloc<int>(n).data();
    if (b)
      g_cache = nullptr;
    else
      g_cache = nullptr;
  }
}

// Positive: cleared on one path only.
void clearedOnOnePath(int n, bool b) {
  [[bumper::no_escape]] {
    g_cache = bumper::alloc<int>(n).data();
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_cache', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:15: note: allocated here
// CHECK-NEXT: :[[@LINE+3]]:3: note: block ends here; its memory is reset
    if (b)
      g_cache = nullptr;
  }
}

// Negative: a global that points elsewhere; the arena pointer stays local.
int g_storage[4];
void unrelated(int n) {
  [[bumper::no_escape]] {
    int *p = bumper::alloc<int>(n).data();
    g_cache = g_storage;
    p[0] = g_cache[0];
  }
}
