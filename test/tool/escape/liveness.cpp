// A local variable declared before the block (C89 style) that holds a
// pointer into the block's memory when the block ends is reported only if it
// may be read after the block (clang's LiveVariables). A variable whose
// address is taken, or that is captured or bound by reference, is always
// reported.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstdio>

void dead_after(unsigned n) {
  char *b;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(n).data();
    b = buf;
    b[0] = 0;
    std::puts(b);
  }
  b = nullptr;
  std::puts("done");
}

void never_read_again(unsigned n) {
  const char *type;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    type = tmp;
    std::puts(type);
  }
}

char read_after(unsigned n) {
  char *b;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *buf = bumper::alloc<char>(n).data();
    b = buf;
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is stored into 'b', which outlives the block [bumper-escape]
  }
  return b[0];
}

void read_in_next_iteration(unsigned n) {
  char *last = nullptr;
  for (unsigned i = 0; i < n; ++i) {
    if (last)
      std::puts(last);
    [[bumper::no_escape]] {
      bumper::NoEscape guard;
      char *buf = bumper::alloc<char>(n).data();
      last = buf;
// CHECK: :[[@LINE-1]]:7: error: {{.*}} is stored into 'last', which outlives the block [bumper-escape]
    }
  }
}

void address_taken(unsigned n) {
  char *b;
  char **pb = &b;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    b = bumper::alloc<char>(n).data();
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is stored into 'b', which outlives the block [bumper-escape]
  }
  std::puts(*pb);
}
