// bumper-unscoped-alloc: an allocation from the default buffer where no
// no_escape block is active and the function is not annotated. A warning:
// the exit status stays 0.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=bumper-unscoped-alloc
#include <bumper/bumper.hpp>
#include <bumper/bumper.h>

int unscoped(int n) {
  auto s = bumper::alloc<int>(n);
// CHECK: :[[@LINE-1]]:12: warning: 'alloc' allocates from the default buffer where no no_escape block is active; the memory is not reset until the buffer is [bumper-unscoped-alloc]
  s[0] = 1;
  double *m = bumper::alloc<double>(bumper::default_buffer(), n).data();
// CHECK: :[[@LINE-1]]:15: warning: 'alloc' allocates from the default buffer where no no_escape block is active; the memory is not reset until the buffer is [bumper-unscoped-alloc]
  auto grid = bumper::alloc<float>(3, 4);
// CHECK: :[[@LINE-1]]:15: warning: 'alloc' allocates from the default buffer where no no_escape block is active; the memory is not reset until the buffer is [bumper-unscoped-alloc]
  return s[0] + static_cast<int>(m[0] + grid(1, 2));
}

// Negatives: inside a block, in an annotated function, from an explicit
// buffer, in an allocator wrapper, inside with_buffer.
int scoped(int n) {
  [[bumper::no_escape]] {
    auto s = bumper::alloc<int>(n);
    return s[0];
  }
}

[[bumper::no_escape]] int annotated(int n) {
  return bumper::alloc<int>(n)[0];
}

int explicitBuffer(bumper::AllocBuffer &buf, bumper_buffer *cbuf, int n) {
  void *raw = bumper_alloc(cbuf, 16, 8);
  return bumper::alloc<int>(buf, n)[0] + (raw != nullptr);
}

BUMPER_ALLOCATOR int *allocInts(int n) { return bumper::alloc<int>(n).data(); }

int withBuffer(bumper::AllocBuffer &buf, int n) {
  return bumper::with_buffer(buf, [&] { return bumper::alloc<int>(n)[0]; });
}

// Only the runtime's with_buffer installs a buffer (RuntimeModel.h matches
// names by their qualified name): a function of another namespace that is
// also called with_buffer does not, so its lambda's allocation is reported.
namespace mine {
template <class F> int with_buffer(bumper::AllocBuffer &, F f) { return f(); }
} // namespace mine

int notOurs(bumper::AllocBuffer &buf, int n) {
  return mine::with_buffer(buf, [&] { return bumper::alloc<int>(n)[0]; });
}
// CHECK: unscoped-alloc.cpp:51:46: warning: 'alloc' allocates from the default buffer where no no_escape block is active; the memory is not reset until the buffer is [bumper-unscoped-alloc]
