// Code inside a macro expansion is never edited: the edit would change the
// macro, hence every expansion of it. The tool says so. An attribute that
// comes from a macro on a block written in the file is fine.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool --fix %t/t.cpp -- %stub-flags 2>&1 | FileCheck %s --check-prefix=DIAG
// RUN: FileCheck %s --input-file=%t/t.cpp --match-full-lines --strict-whitespace
#include "bumper-stub.hpp"

#define SCRATCH_BLOCK(body) [[bumper::no_escape]] { body }
#define NO_ESCAPE [[bumper::no_escape]]

void f() {
  SCRATCH_BLOCK((void)bumper::alloc<int>(1);)
  NO_ESCAPE {
    (void)bumper::alloc<int>(2);
  }
}

// DIAG: t.cpp:13:3: warning: no_escape block has no 'bumper::NoEscape' guard; not fixed: the block is written inside a macro, and editing the macro would change every expansion of it; add 'bumper::NoEscape' to the macro by hand [bumper-missing-guard]
// DIAG: t.cpp:14:3: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
// DIAG: applied 1 fix to 1 file

// CHECK:{{^}}#define SCRATCH_BLOCK(body) {{\[\[}}bumper::no_escape]] { body }
// CHECK:{{^}}  SCRATCH_BLOCK((void)bumper::alloc<int>(1);)
// CHECK-NEXT:{{^}}  NO_ESCAPE {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_;
