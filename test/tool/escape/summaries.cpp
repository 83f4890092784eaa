// Rule 5: a call to a function of this translation unit whose body stores
// that parameter where it outlives the call (a global, a member, through a
// pointer or reference parameter) keeps it; summaries are transitive. A
// callee that only reads keeps nothing, and so does an unknown callee, unless
// it takes a container by non-const reference.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <vector>

static const int *g_last;

static void remember(const int *p) { g_last = p; }
static void rememberTwice(const int *p) { remember(p + 1); }
static int sum(const int *p, int n) {
  int t = 0;
  for (int i = 0; i < n; ++i)
    t += p[i];
  return t;
}
static void storeThrough(int **slot, int *p) { *slot = p; }
static void storeThenClear(const int *p) {
  g_last = p;
  g_last = nullptr;
}
void opaque(const int *p, int n); // no body here: assumed to only read
void fill(std::vector<int *> &out, int *p);

class Cache {
public:
  void put(int *p) { items_.push_back(p); }
  int peek(const int *p) const { return *p; }

private:
  std::vector<int *> items_;
};

Cache g_cache;

void direct(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    remember(s.data());
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'remember', which stores it into 'g_last', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-3]]:14: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void transitive(int n) {
  [[bumper::no_escape]] {
    rememberTwice(bumper::alloc<int>(n).data());
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'rememberTwice', which stores it into 'g_last', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:19: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void throughParameter(int n, int **out) {
  [[bumper::no_escape]] {
    storeThrough(out, bumper::alloc<int>(n).data());
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'storeThrough', which stores it into '*out', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:23: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void member(int n) {
  [[bumper::no_escape]] {
    g_cache.put(bumper::alloc<int>(n).data());
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'g_cache.put', which stores it into 'g_cache', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:17: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

void unknownContainerCallee(int n, std::vector<int *> &v) {
  [[bumper::no_escape]] {
    fill(v, bumper::alloc<int>(n).data());
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is kept by 'fill', and 'v' outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-2]]:13: note: allocated here
// CHECK-NEXT: :[[@LINE+1]]:3: note: block ends here; its memory is reset
  }
}

// Negatives.
int readers(int n) {
  int r = 0;
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    r += sum(s.data(), n);
    opaque(s.data(), n);
    storeThenClear(s.data());
    r += g_cache.peek(s.data());
    Cache local;
    local.put(s.data());
    int *mine = nullptr;
    storeThrough(&mine, s.data());
  }
  return r;
}
