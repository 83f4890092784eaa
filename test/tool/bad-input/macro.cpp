// An annotated block that comes from a macro: the tool never edits inside
// a macro (the edit would change every expansion, or what a macro receives
// as its argument). It warns, says why and what to do, and --fix writes
// nothing. This is a finding, not a bad input: exit 0, and 1 under --check
// or --warnings-as-errors (a guard is missing). A guard written into the
// macro by hand is recognised.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %python %S/Inputs/unchanged.py save %t %t.state
// RUN: %expect-exit 0 %bumper-tool --fix %t/t.cpp -- %stub-flags 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=applied
// RUN: %python %S/Inputs/unchanged.py check %t %t.state
// RUN: %expect-exit 1 %bumper-tool --check %t/t.cpp -- %stub-flags 2>/dev/null
// RUN: %expect-exit 1 %bumper-tool --warnings-as-errors %t/t.cpp -- %stub-flags 2>/dev/null
// RUN: %python %S/Inputs/unchanged.py check %t %t.state
#include "bumper-stub.hpp"

#define SCRATCH_BLOCK(body) [[bumper::no_escape]] { body }
#define BEGIN_SCRATCH [[bumper::no_escape]] {
#define END_SCRATCH }
#define RUN(stmt) stmt
#define GUARDED_BLOCK(body) [[bumper::no_escape]] { bumper::NoEscape g; body }

void f() {
  SCRATCH_BLOCK((void)bumper::alloc<int>(1);)
  BEGIN_SCRATCH
    (void)bumper::alloc<int>(2);
  END_SCRATCH
  RUN([[bumper::no_escape]] { (void)bumper::alloc<int>(3); })
  GUARDED_BLOCK((void)bumper::alloc<int>(4);)
}

// CHECK: t.cpp:23:3: warning: no_escape block has no 'bumper::NoEscape' guard; not fixed: the block is written inside a macro, and editing the macro would change every expansion of it; add 'bumper::NoEscape' to the macro by hand [bumper-missing-guard]
// CHECK: t.cpp:16:31: note: expanded from macro 'SCRATCH_BLOCK'
// CHECK: t.cpp:24:3: warning: no_escape block has no 'bumper::NoEscape' guard; not fixed: the block is written inside a macro, and editing the macro would change every expansion of it; add 'bumper::NoEscape' to the macro by hand [bumper-missing-guard]
// CHECK: t.cpp:17:25: note: expanded from macro 'BEGIN_SCRATCH'
// CHECK: t.cpp:27:9: warning: no_escape block has no 'bumper::NoEscape' guard; not fixed: the block is an argument of the macro 'RUN', which decides how it is expanded; add 'bumper::NoEscape' to the block by hand [bumper-missing-guard]
// CHECK-NOT: generated
