// A main file's unmatched region comment is reported even when the file has
// no other finding (as after --fix inserted every guard): the error does not
// come and go with the file's findings.
// RUN: %expect-exit 1 %bumper-tool %s -- %stub-flags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
#include "bumper-stub.hpp"

void guarded() {
  [[bumper::no_escape]] {
    bumper::NoEscape bumper_guard_;
  }
}
// NOLINTEND(bumper-escape)

// CHECK: nolint-unmatched-clean.cpp:12:4: error: unmatched '{{NOLINT}}END' comment without a previous '{{NOLINT}}BEGIN' comment [bumper-nolint]
