// --export-fixes writes clang-apply-replacements YAML; applying it with the
// real clang-apply-replacements gives what --fix gives.
// RUN: rm -rf %t && mkdir -p %t/yaml %t/fix %t/fixes
// RUN: cp %s %t/yaml/t.cpp && cp %s %t/fix/t.cpp
// RUN: %bumper-tool --export-fixes=%t/fixes/t.yaml %t/yaml/t.cpp -- %stub-flags 2>/dev/null
// RUN: FileCheck %s --input-file=%t/fixes/t.yaml
// RUN: diff %s %t/yaml/t.cpp
// RUN: clang-apply-replacements-19 %t/fixes
// RUN: %bumper-tool --fix %t/fix/t.cpp -- %stub-flags
// RUN: diff %t/yaml/t.cpp %t/fix/t.cpp
#include "bumper-stub.hpp"

void f(bumper::AllocBuffer &Buf) {
  [[bumper::no_escape(Buf)]] {
    (void)bumper::alloc<int>(Buf, 1);
  }
}

// CHECK: MainSourceFile: '{{.*}}yaml{{/|\\}}t.cpp'
// CHECK: Diagnostics:
// CHECK:   - DiagnosticName: bumper-missing-guard
// CHECK:       Message: 'no_escape block has no ''bumper::NoEscape'' guard'
// CHECK:       Replacements:
// CHECK:           Offset: {{[0-9]+}}
// CHECK-NEXT:      Length: 0
// CHECK-NEXT:      ReplacementText: "    bumper::NoEscape bumper_guard_(Buf);\n"
// CHECK:     Level: Warning
