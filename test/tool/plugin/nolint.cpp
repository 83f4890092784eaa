// NOLINT(check) on a finding's line and NOLINTNEXTLINE(check) on the line
// above silence it in the compiler too, as in bumper-tool and clang-tidy.
// RUN: not %clangxx -fsyntax-only -fplugin=%bumper-plugin %bumper-cxxflags -fno-caret-diagnostics %s 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
#include <bumper/bumper.hpp>

int *onTheLine(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto s = bumper::alloc<int>(n);
    return s.data(); // NOLINT(bumper-escape)
  }
}

int *onTheLineAbove(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto s = bumper::alloc<int>(n);
    // NOLINTNEXTLINE(bumper-*)
    return s.data();
  }
}

int *anotherCheck(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto s = bumper::alloc<int>(n);
    return s.data(); // NOLINT(bumper-missing-guard)
  }
}
// CHECK: nolint.cpp:27:5: error: {{.*}} [bumper-escape]

void unguarded() {
  [[bumper::no_escape]] { // NOLINT
  }
}
