// [[bumper::no_escape(buf)]] inserts a guard on that buffer, spelled as in
// the annotation; buffers may be references, members, or derived classes.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool --fix %t/t.cpp -- %stub-flags 2>&1 | FileCheck %s --check-prefix=DIAG
// RUN: FileCheck %s --input-file=%t/t.cpp --match-full-lines --strict-whitespace
#include "bumper-stub.hpp"

struct Parser {
  bumper::AllocBuffer Scratch{4096};
  void parse(bumper::SlabBuffer &Slabs);
};

void Parser::parse(bumper::SlabBuffer &Slabs) {
  [[bumper::no_escape(Scratch)]] {
    int *P = bumper::alloc<int>(Scratch, 4);
    (void)P;
  }
  [[bumper::no_escape( Slabs )]] {
    (void)bumper::alloc<int>(Slabs, 4);
  }
  [[bumper::no_escape(this->Scratch)]] {
    (void)bumper::alloc<int>(Scratch, 4);
  }
}

// DIAG: t.cpp:14:5: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
// DIAG: t.cpp:18:5: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
// DIAG: t.cpp:21:5: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
// DIAG: applied 3 fixes to 1 file

// CHECK:{{^}}  {{\[\[}}bumper::no_escape(Scratch)]] {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_(Scratch);
// CHECK:{{^}}  {{\[\[}}bumper::no_escape( Slabs )]] {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_(Slabs);
// CHECK:{{^}}  {{\[\[}}bumper::no_escape(this->Scratch)]] {
// CHECK-NEXT:{{^}}    bumper::NoEscape bumper_guard_(this->Scratch);
