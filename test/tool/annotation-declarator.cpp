// [[bumper::no_escape]] after a declarator applies to the function's type:
// clang rejects it there ("attribute cannot be applied to types", an error
// that would stop the whole file from being checked) where compilers that
// do not know it only warn. It is a bumper-annotation error, with a fix-it
// that moves it before the declaration where that is simple, and the rest of
// the file is checked.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %expect-exit 1 %bumper-tool %t/t.cpp -- %bumper-cxxflags -Wno-unknown-attributes -Wno-attributes -Xclang -verify -Xclang -verify-ignore-unexpected=note 2>&1 | FileCheck %s --check-prefix=VERIFY --allow-empty
// -verify's mismatches do not change the status when the file has errors:
// VERIFY-NOT: diagnostics {{.*}}expected
// RUN: %expect-exit 1 %bumper-tool %t/t.cpp -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=TOOL --implicit-check-not="cannot be applied to types"
// TOOL: t.cpp:24:16: error: 'bumper::no_escape' after the parameters of 'f' applies to the function's type, which it cannot annotate; write it before the declaration [bumper-annotation]
// The plugin reports the same, in place of clang's error.
// RUN: %if plugin %{ %clangxx -fsyntax-only -fplugin=%bumper-plugin %bumper-cxxflags -Wno-unknown-attributes -Wno-attributes -Xclang -verify -Xclang -verify-ignore-unexpected=note %t/t.cpp %}
// RUN: %if plugin %{ not %clangxx -fsyntax-only -fplugin=%bumper-plugin %bumper-cxxflags -fno-caret-diagnostics %t/t.cpp 2>&1 | FileCheck %s --check-prefix=TOOL --implicit-check-not="cannot be applied to types" %}
// --fix moves the attributes it can move.
// RUN: not %bumper-tool --fix %t/t.cpp -- %bumper-cxxflags -Wno-unknown-attributes -Wno-attributes
// RUN: FileCheck %s --check-prefix=FIXED < %t/t.cpp
// RUN: not %bumper-tool %t/t.cpp -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=AFTER
// AFTER-NOT: after the parameters of 'f'
// AFTER: warning: no_escape function 'f' has no 'bumper::NoEscape' guard
#include <bumper/bumper.hpp>

int f(int N) [[bumper::no_escape]] { // expected-error {{'bumper::no_escape' after the parameters of 'f' applies to the function's type, which it cannot annotate; write it before the declaration [bumper-annotation]}}
  return N;
}
// FIXED: {{^}}{{\[\[}}bumper::no_escape]] int f(int N) {

struct Widget {
  static inline int g() [[bumper::no_escape]] { return 0; } // expected-error {{after the parameters of 'g'}}
  // FIXED: {{^}}  {{\[\[}}bumper::no_escape]] static inline int g() { return 0; }
  Widget(int) [[bumper::no_escape]] {} // expected-error {{after the parameters of 'Widget'}}
  // FIXED: {{^}}  {{\[\[}}bumper::no_escape]] Widget(int) {}
};

template <class T> T h(T X) [[bumper::no_escape]] { return X; } // expected-error {{after the parameters of 'h'}}
// FIXED: {{^}}template <class T> {{\[\[}}bumper::no_escape]] T h(T X) { return X; }

// A test framework's macro: the attribute cannot go before it.
#define TEST(Suite, Name) void Suite##_##Name()
TEST(suite, name) [[bumper::no_escape]] {} // expected-error {{'bumper::no_escape' after the parameters of 'suite_name' applies to the function's type, which it cannot annotate; the function is declared by a macro: annotate a block inside its body}}
// FIXED: {{^}}TEST(suite, name) {{\[\[}}bumper::no_escape]] {}

void lambdas() {
  auto L = [](int) [[bumper::no_escape]] {}; // expected-error {{'bumper::no_escape' after the parameters of a lambda applies to its type, which it cannot annotate; write it right after the lambda's captures ('[] [[bumper::no_escape]] (int) { ... }', C++23), or annotate a block inside the lambda's body}}
  L(1);
}

// With another attribute in the same brackets it is not moved.
int k() [[bumper::no_escape, gnu::unused]] { return 0; } // expected-error {{after the parameters of 'k'}}
// FIXED: {{^}}int k() {{\[\[}}bumper::no_escape, gnu::unused]] { return 0; }

// The rest of the file is checked.
int *escapes(int N) {
  [[bumper::no_escape]] { // expected-warning {{no_escape block has no 'bumper::NoEscape' guard}}
    auto P = bumper::alloc<int>(N);
    return P.data(); // expected-error {{returned from the no_escape block}} expected-note@-1 {{allocated here}} expected-note@+1 {{block ends here}}
  }
}
