// A block whose first statement is a guard on the same buffer is left alone,
// so a second --fix changes nothing. A guard on another buffer than the
// annotation names is reported and not touched.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool --fix %t/t.cpp -- %stub-flags 2>&1 | FileCheck %s --check-prefix=FIRST
// RUN: cp %t/t.cpp %t/after-first.cpp
// RUN: %bumper-tool --fix %t/t.cpp -- %stub-flags 2>&1 | FileCheck %s --check-prefix=SECOND --implicit-check-not=applied
// RUN: diff %t/after-first.cpp %t/t.cpp
// RUN: %bumper-tool --diff %t/t.cpp -- %stub-flags 2>/dev/null | count 0
#include "bumper-stub.hpp"

void guarded(bumper::AllocBuffer &Buf) {
  [[bumper::no_escape]] {
    bumper::NoEscape Mine;
  }
  [[bumper::no_escape(Buf)]] {
    bumper::NoEscape Mine(Buf);
  }
  [[bumper::no_escape]] {
    bumper::NoEscape Mine(bumper::default_buffer());
  }
  [[bumper::no_escape(Buf)]] {
    auto Mine = bumper::NoEscape(Buf);
  }
}

void wrongBuffer(bumper::AllocBuffer &Buf, bumper::AllocBuffer &Other) {
  [[bumper::no_escape(Buf)]] {
    bumper::NoEscape Mine(Other);
  }
  [[bumper::no_escape(Buf)]] {
    bumper::NoEscape Mine;
  }
}

void unguarded() {
  [[bumper::no_escape]] {
  }
}

// FIRST: t.cpp:29:5: warning: the guard of this no_escape block resets 'Other', but the annotation names 'Buf' [bumper-missing-guard]
// FIRST: t.cpp:28:5: note: annotation here
// FIRST: t.cpp:32:5: warning: the guard of this no_escape block resets the default buffer, but the annotation names 'Buf' [bumper-missing-guard]
// FIRST: t.cpp:37:5: warning: no_escape block has no 'bumper::NoEscape' guard
// FIRST: applied 1 fix to 1 file
// SECOND: t.cpp:29:5: warning: the guard of this no_escape block resets 'Other'
// SECOND: t.cpp:32:5: warning: the guard of this no_escape block resets the default buffer
