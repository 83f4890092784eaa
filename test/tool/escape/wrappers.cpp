// Propagation through std::optional, std::pair, std::tuple and structured
// bindings: the wrapper holds the pointer, and so does what is taken out.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <optional>
#include <tuple>
#include <utility>

int *g_int;
std::optional<int *> g_opt;

void optional(int n) {
  [[bumper::no_escape]] {
    std::optional<int *> o = bumper::alloc<int>(n).data();
    g_int = *o;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:30: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void optionalWhole(int n) {
  [[bumper::no_escape]] {
    std::optional<int *> o;
    o = bumper::alloc<int>(n).data();
    g_opt = o;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_opt', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:9: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void pair(int n) {
  [[bumper::no_escape]] {
    auto pr = std::make_pair(n, bumper::alloc<int>(n).data());
    g_int = pr.second;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:33: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void tuple(int n) {
  [[bumper::no_escape]] {
    std::tuple<int, int *> t{n, bumper::alloc<int>(n).data()};
    g_int = std::get<1>(t);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:33: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void structuredBinding(int n) {
  [[bumper::no_escape]] {
    auto [count, ptr] = std::pair<int, int *>(n, bumper::alloc<int>(n).data());
    g_int = ptr;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:50: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

struct Buf {
  int *p;
  int n;
};
void aggregateBinding(int n) {
  [[bumper::no_escape]] {
    Buf b{bumper::alloc<int>(n).data(), n};
    auto &[p, size] = b;
    g_int = p;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-4]]:11: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

// Negatives: the non-pointer part, or the optional is reset before the end.
int g_count;
void nonPointerParts(int n) {
  [[bumper::no_escape]] {
    auto [count, ptr] = std::pair<int, int *>(n, bumper::alloc<int>(n).data());
    g_count = count;
    std::tuple<int, int *> t{n, ptr};
    g_count = std::get<0>(t);
    g_opt = ptr;
    g_opt.reset();
  }
}
