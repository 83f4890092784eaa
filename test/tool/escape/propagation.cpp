// Propagation: every way a value derived from an allocation is followed.
// Each function stores a derived value into a global (an escape); the
// negatives derive something that holds no pointer into the arena.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>

int *g_int;
const char *g_char;
void *g_void;
std::span<int> g_span;
std::string_view g_view;

struct Node {
  int value;
  int *next;
};

void copies(int n) {
  [[bumper::no_escape]] {
    int *a = bumper::alloc<int>(n).data();
    int *b = a;
    int *c;
    c = b;
    g_int = c;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-6]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE-6]]:5: note: derived value stored into 'b' here
// CHECK-NEXT: :[[@LINE-5]]:5: note: derived value stored into 'c' here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void arithmetic(int n) {
  [[bumper::no_escape]] {
    int *p = bumper::alloc<int>(n).data();
    p += 2;
    g_int = p - 1;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-4]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void elementAddress(int n) {
  [[bumper::no_escape]] {
    int *p = bumper::alloc<int>(n).data();
    g_int = &p[3];
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void memberAddress(int n) {
  [[bumper::no_escape]] {
    Node *nodes = bumper::alloc<Node>(n).data();
    g_int = &nodes[1].value;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:19: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void casts(int n) {
  [[bumper::no_escape]] {
    void *raw = bumper::alloc_bytes(bumper::default_buffer(), 64, 8);
    char *c = static_cast<char *>(raw);
    g_int = reinterpret_cast<int *>(c + 8);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-4]]:17: note: allocated here
// CHECK-NEXT: :[[@LINE-4]]:5: note: derived value stored into 'c' here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void cStyleCast(int n) {
  [[bumper::no_escape]] {
    g_void = (void *)bumper::alloc<long>(n).data();
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_void', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:22: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void dataAndSubspan(int n) {
  [[bumper::no_escape]] {
    std::span<int> all = bumper::alloc<int>(n);
    std::span<int> tail = all.subspan(1);
    g_span = tail.first(2);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_span', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-4]]:26: note: allocated here
// CHECK-NEXT: :[[@LINE-4]]:5: note: derived value stored into 'tail' here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void iterators(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    auto it = s.begin();
    ++it;
    g_int = &*it;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-5]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE-5]]:5: note: derived value stored into 'it' here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void references(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    int &first = s[0];
    int &alias = first;
    g_int = &alias;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-5]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE-5]]:5: note: derived value stored into 'first' here
// CHECK-NEXT: :[[@LINE-5]]:5: note: derived value stored into 'alias' here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void views(int n) {
  [[bumper::no_escape]] {
    auto chars = bumper::alloc<char>(n);
    std::string_view sv(chars.data(), chars.size());
    g_view = sv.substr(1);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_view', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-4]]:18: note: allocated here
// CHECK-NEXT: :[[@LINE-4]]:5: note: derived value stored into 'sv' here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

struct Slice {
  const char *begin;
  int length;
};
Slice g_slice;
void userStruct(int n) {
  [[bumper::no_escape]] {
    Slice s{bumper::alloc<char>(n).data(), n};
    Slice copy = s;
    g_slice = copy;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_slice', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-4]]:13: note: allocated here
// CHECK-NEXT: :[[@LINE-4]]:5: note: derived value stored into 'copy' here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void structField(int n) {
  [[bumper::no_escape]] {
    Slice s{nullptr, n};
    s.begin = bumper::alloc<char>(n).data();
    g_char = s.begin;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_char', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:15: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void arrayOfPointers(int n) {
  [[bumper::no_escape]] {
    int *table[4] = {};
    table[2] = bumper::alloc<int>(n).data();
    g_int = table[2];
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:16: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void ternary(int n, bool b) {
  static int fallback;
  [[bumper::no_escape]] {
    int *p = bumper::alloc<int>(n).data();
    g_int = b ? p : &fallback;
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_int', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void moves(int n) {
  [[bumper::no_escape]] {
    std::span<int> s = bumper::alloc<int>(n);
    std::span<int> t = std::move(s);
    g_span = std::forward<std::span<int> &>(t);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_span', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-4]]:24: note: allocated here
// CHECK-NEXT: :[[@LINE-4]]:5: note: derived value stored into 't' here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

Node *g_node;
void heapObject(int n) {
  [[bumper::no_escape]] {
    int *p = bumper::alloc<int>(n).data();
    g_node = new Node{1, p};
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_node', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

// Negatives: values that hold no arena pointer.
int g_count;
std::uintptr_t g_bits;
void noPointers(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    g_count = static_cast<int>(s.size());
    g_count = s[0] + *s.data();
    g_count = static_cast<int>(s.end() - s.begin());
    int &first = s[0];
    g_count = first;
    Slice sl{bumper::alloc<char>(n).data(), n};
    g_count = sl.length;
    g_int = nullptr;
  }
}
