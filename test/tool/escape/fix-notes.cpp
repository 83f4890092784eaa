// Every bumper-escape finding ends with a note that says how to fix it, as
// fits the way the value leaves: a store, a container, a call that keeps it,
// a return, a throw, a lambda.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <functional>
#include <vector>

int *g_p;
std::vector<int *> g_v;
std::function<int()> g_f;
static void keep(int *p) { g_p = p; }

int *sinks(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    int *p = bumper::alloc<int>(n).data();
    g_p = p;
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is stored into 'g_p', which outlives the block [bumper-escape]
// CHECK: :[[@LINE-2]]:5: note: to fix: copy the data out before the block ends, or allocate it outside the block
    g_v.push_back(p);
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is kept by 'g_v.push_back', and 'g_v' outlives the block [bumper-escape]
// CHECK: :[[@LINE-2]]:5: note: to fix: keep values, not pointers, in the container, or clear it before the block ends
    keep(p + 1);
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is passed to 'keep', which stores it into 'g_p', which outlives the block [bumper-escape]
// CHECK: :[[@LINE-2]]:5: note: to fix: pass a copy that the callee may keep, or allocate the data outside the block
    g_f = [p] { return p[0]; };
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is captured by a lambda that escapes: the lambda is stored into 'g_f', which outlives the block [bumper-escape]
// CHECK: :[[@LINE-2]]:5: note: to fix: capture copies of the values, not the pointer, or call the lambda only inside the block
    if (n > 3)
      throw p;
// CHECK: :[[@LINE-1]]:7: error: {{.*}} is thrown [bumper-escape]
// CHECK: :[[@LINE-2]]:7: note: to fix: throw a value that owns a copy of the data
    return p;
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is returned from the no_escape block [bumper-escape]
// CHECK: :[[@LINE-2]]:5: note: to fix: return the data by value (a copy), or move the block to the caller
  }
}
