// NOLINT(check) on a finding's line, NOLINTNEXTLINE(check) on the line
// above, or a NOLINTBEGIN(check) ... NOLINTEND(check) region silences that
// check there, as in clang-tidy; such a finding is not fixed either.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool --fix %t/t.cpp -- %stub-flags 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: grep -c '^    bumper::NoEscape bumper_guard_;$' %t/t.cpp | FileCheck %s --check-prefix=ONE
#include "bumper-stub.hpp"

void f() {
  [[bumper::no_escape]] { // NOLINT(bumper-missing-guard)
  }
  // NOLINTNEXTLINE(bumper-*)
  [[bumper::no_escape]] {
  }
  [[bumper::no_escape]] { // NOLINT
  }
  [[bumper::no_escape]] { // NOLINT(bumper-escape): another check
  }
  // NOLINTNEXTLINE(bumper-escape, bumper-missing-guard)
  [[bumper::no_escape]] {
  }
}
[[bumper::no_escape]] int Misplaced; // NOLINT(bumper-annotation)

// NOLINTBEGIN(bumper-missing-guard)
void region() {
  [[bumper::no_escape]] {
  }
}
// NOLINTEND(bumper-missing-guard)

// CHECK: t.cpp:17:5: warning: no_escape block has no 'bumper::NoEscape' guard
// CHECK: applied 1 fix to 1 file
// ONE: {{^1$}}
