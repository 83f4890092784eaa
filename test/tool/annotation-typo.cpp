// A misspelt annotation is a bumper-annotation error with a fix-it, whatever
// warning flags the build sets: Bumper::runtime's -Wno-unknown-attributes and
// -Wno-attributes make the compiler drop it silently, and with it the guard
// and the escape analysis. An unknown name in the namespace bumper, and a
// namespace a short edit from 'bumper', are reported; other attributes and
// code #if skips are not.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %expect-exit 1 %bumper-tool %t/t.cpp -- %bumper-cxxflags -Wno-unknown-attributes -Wno-attributes -Xclang -verify 2>&1 | FileCheck %s --check-prefix=VERIFY --allow-empty
// -verify's mismatches do not change the status when the file has errors:
// VERIFY-NOT: diagnostics {{.*}}expected
// RUN: %expect-exit 1 %bumper-tool %t/t.cpp -- %bumper-cxxflags -w -Wno-unknown-attributes -Wno-attributes 2>&1 | grep -c 'error: .*\[bumper-annotation\]' | FileCheck %s --check-prefix=W
// W: {{^7$}}
// The fix-its correct the spelling; the next run inserts the guards and
// finds the escape the typo hid.
// RUN: not %bumper-tool --fix %t/t.cpp -- %bumper-cxxflags -Wno-unknown-attributes -Wno-attributes
// RUN: FileCheck %s --check-prefix=FIXED < %t/t.cpp
// RUN: not %bumper-tool --fix %t/t.cpp -- %bumper-cxxflags -Wno-unknown-attributes -Wno-attributes -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
// ESCAPE: t.cpp:25:5: error: pointer into arena memory allocated in this no_escape block is returned from the no_escape block [bumper-escape]
// RUN: FileCheck %s --check-prefix=GUARDED < %t/t.cpp
#include <bumper/bumper.hpp>

int *typoInName(int N) {
  [[bumper::no_escpae]] { // expected-error {{unknown attribute 'bumper::no_escpae'; did you mean 'bumper::no_escape'? (the compiler ignores it: nothing is guarded or checked) [bumper-annotation]}}
    auto P = bumper::alloc<int>(N); // expected-warning {{'alloc' allocates from the default buffer where no no_escape block is active}}
    return P.data();
  }
}
// FIXED:      int *typoInName(int N) {
// FIXED-NEXT:   {{\[\[}}bumper::no_escape]] {
// GUARDED:      int *typoInName(int N) {
// GUARDED-NEXT:   {{\[\[}}bumper::no_escape]] {
// GUARDED-NEXT:     bumper::NoEscape bumper_guard_;

[[bumpr::no_escape]] void typoInNamespace() {} // expected-error {{unknown attribute 'bumpr::no_escape'; did you mean 'bumper::no_escape'?}}
// FIXED: {{\[\[}}bumper::no_escape]] void typoInNamespace() {}

[[Bumper::no_escape]] void capitalised() {} // expected-error {{unknown attribute 'Bumper::no_escape'}}
// FIXED: {{\[\[}}bumper::no_escape]] void capitalised() {}

bumper::AllocBuffer Scratch(1024);
[[bumber::noescape(Scratch)]] void both() {} // expected-error {{unknown attribute 'bumber::noescape'}}
// FIXED: {{\[\[}}bumper::no_escape(Scratch)]] void both() {}

[[using __bumper__: no_escape]] void usingForm() {} // expected-error {{unknown attribute '__bumper__::no_escape'}}
// FIXED: {{\[\[}}using bumper: no_escape]] void usingForm() {}

// In a list, after a known attribute.
[[nodiscard, bumper::noescape]] int inList() { return 0; } // expected-error {{unknown attribute 'bumper::noescape'}}
// FIXED: {{\[\[}}nodiscard, bumper::no_escape]] int inList() { return 0; }

// In a macro's definition: reported where it is written.
#define SCRATCH [[bumper::no_escap]] // expected-error {{unknown attribute 'bumper::no_escap'}}

// Not ours, or not compiled: nothing to report.
[[gnu::cold]] void cold() {}
[[clang::annotate("bumper")]] void annotated() {}
[[number::x]] void farAway() {}
#if 0
[[bumper::no_escpae]] void skipped() {}
#endif
// Comments and strings are not code: [[bumper::no_escpae]]
const char *Text = "[[bumper::no_escpae]]";
