// clang-tidy's own suppression comments (the line, the next line, a begin/end
// region) apply to the Bumper checks.
// RUN: %clang-tidy --quiet --load=%bumper-tidy --checks='-*,bumper-*' %s -- %bumper-cxxflags 2>&1 | FileCheck %s --implicit-check-not=warning:
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

// NOLINTBEGIN(bumper-escape)
int *inARegion(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto s = bumper::alloc<int>(n);
    return s.data();
  }
}
// NOLINTEND(bumper-escape)

int *anotherCheck(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto s = bumper::alloc<int>(n);
    return s.data(); // NOLINT(bumper-missing-guard)
  }
}
// CHECK: nolint.cpp:37:5: warning: {{.*}} [bumper-escape]
