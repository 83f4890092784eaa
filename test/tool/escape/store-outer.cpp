// Rule 3, storage outside the block: variables declared before the block,
// what a pointer or reference parameter points to, members reached through
// 'this', and references bound to any of them.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>

int outerVariable(int n) {
  int *keep = nullptr;
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    keep = &s[2];
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'keep', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
  return keep ? 1 : 0;
}

void outParameter(int n, int **out) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    *out = s.data();
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into '*out', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void referenceParameter(int n, int *&out) {
  [[bumper::no_escape]] {
    out = bumper::alloc<int>(n).data();
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'out', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:11: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

struct Result {
  int *data;
  int size;
};
void outStructField(int n, Result *r) {
  [[bumper::no_escape]] {
    r->size = n;
    r->data = bumper::alloc<int>(n).data();
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'r->data', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:15: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

class Parser {
public:
  void parse(int n) {
    [[bumper::no_escape]] {
      auto scratch = bumper::alloc<char>(n);
      cursor_ = scratch.data();
// CHECK: :[[@LINE-1]]:7: error: pointer into arena memory allocated in this no_escape block is stored into 'cursor_', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:22: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:5: note: block ends here; its memory is reset
    }
  }
  void parseAndReset(int n) {
    [[bumper::no_escape]] {
      auto scratch = bumper::alloc<char>(n);
      cursor_ = scratch.data();
      cursor_ = nullptr;
    }
  }

private:
  char *cursor_ = nullptr;
};

int *g_slot;
void throughLocalReference(int n) {
  [[bumper::no_escape]] {
    int *&slot = g_slot;
    slot = bumper::alloc<int>(n).data();
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'slot', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:12: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

// Negatives: storage declared inside the block, a by-value parameter of an
// annotated function, writes into the arena memory itself.
void insideOnly(int n) {
  [[bumper::no_escape]] {
    int *local = nullptr;
    Result r{nullptr, 0};
    auto s = bumper::alloc<int>(n);
    local = s.data();
    r.data = local;
    r.data[0] = 1;
  }
}

[[bumper::no_escape]] void byValueParameter(int n, int *p) {
  p = bumper::alloc<int>(n).data();
  p[0] = 1;
}

void intoArena(int n) {
  [[bumper::no_escape]] {
    auto ptrs = bumper::alloc<int *>(n);
    auto ints = bumper::alloc<int>(n);
    ptrs[0] = ints.data(); // arena memory pointing into arena memory
    int **pp = ptrs.data();
    *pp = &ints[1];
  }
}

void outParameterCleared(int n, int **out) {
  [[bumper::no_escape]] {
    *out = bumper::alloc<int>(n).data();
    **out = 3;
    *out = nullptr;
  }
}
