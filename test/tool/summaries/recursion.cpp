// Summaries of recursive functions are a fixpoint over each strongly
// connected component of the call graph: a recursive call sees what the
// function does on every path, not an empty summary (which missed what is
// kept only through the recursion, and took the result to come from every
// argument).
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>

static const int *g_kept;

// Keeps 'q' only through the recursive call, which swaps the arguments.
static void keepSwapped(const int *p, const int *q, int n) {
  if (n > 0) {
    keepSwapped(q, p, n - 1);
    return;
  }
  g_kept = p;
}

// Mutual recursion: 'a' keeps 'q' only through 'b', which keeps it only
// through 'a'.
static void a(const int *p, const int *q, int n);
static void b(const int *p, const int *q, int n) {
  if (n > 0)
    a(q, p, n - 1);
  else
    g_kept = p;
}
static void a(const int *p, const int *q, int n) {
  if (n > 0)
    b(p, q, n - 1);
}

// The result comes from 'p' only, on every path.
static const int *first(const int *p, const int *q, int n) {
  if (n > 1)
    return first(p, q + 1, n - 1);
  return p;
}
// The result comes from 'q' only through the recursion.
static const int *second(const int *p, const int *q, int n) {
  if (n > 1)
    return second(q, p, n - 1);
  return p;
}

void viaRecursion(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    keepSwapped(nullptr, bumper::alloc<int>(n).data(), n);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'keepSwapped', which stores it into 'g_kept', which outlives the block [bumper-escape]
  }
}

void viaMutualRecursion(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    a(nullptr, bumper::alloc<int>(n).data(), n);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'a', which stores it into 'g_kept', which outlives the block [bumper-escape]
  }
}

const int *g_out;
void viaRecursiveResult(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    g_out = second(nullptr, bumper::alloc<int>(n).data(), n);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_out', which outlives the block [bumper-escape]
  }
}

// Negative: the result of 'first' never comes from its second argument.
void notTheResult(int n, const int *input) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    g_out = first(input, bumper::alloc<int>(n).data(), n);
  }
}
