// Templates are analysed per instantiation and each location is reported
// once; a dependent pattern is not analysed. A macro is reported where it is
// expanded, with a note into the macro.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <vector>

void *g_any;

template <class T> void keepLatest(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<T>(n);
    g_any = s.data();
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_any', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

template <class T> T sumOf(int n) {
  T total{};
  [[bumper::no_escape]] {
    auto s = bumper::alloc<T>(n);
    for (T v : s)
      total += v;
  }
  return total;
}

void instantiate() {
  keepLatest<int>(4);
  keepLatest<double>(4);
  (void)sumOf<int>(3);
  (void)sumOf<float>(3);
}

template <class T> struct Pool {
  std::vector<T *> kept;
  void fill(int n) {
    [[bumper::no_escape]] {
      auto s = bumper::alloc<T>(n);
      kept.push_back(s.data());
// CHECK: :[[@LINE-1]]:7: error: pointer into arena memory allocated in this no_escape block is kept by 'kept.push_back', and 'kept' outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:16: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:5: note: block ends here; its memory is reset
    }
  }
};
template struct Pool<int>;
template struct Pool<float>;

void genericLambda(int n) {
  auto f = [&](auto tag) {
    [[bumper::no_escape]] {
      g_any = bumper::alloc<decltype(tag)>(n).data();
// CHECK: :[[@LINE-1]]:7: error: pointer into arena memory allocated in this no_escape block is stored into 'g_any', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:15: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:5: note: block ends here; its memory is reset
    }
  };
  f(1);
  f(2.0);
}

#define STASH(p) g_any = (p)
#define SCRATCH(T, n) bumper::alloc<T>(n).data()

void macroStore(int n) {
  [[bumper::no_escape]] {
    int *p = SCRATCH(int, n);
    STASH(p);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_any', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-8]]:18: note: expanded from macro 'STASH'
// CHECK-NEXT: :[[@LINE-4]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE-9]]:23: note: expanded from macro 'SCRATCH'
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}
