// A region's begin comment without its end comment (or the reverse) is an
// error, and the region suppresses nothing, as in clang-tidy: it would
// otherwise silence every later finding of the file without a word. An end
// closes only a begin with the same check list. The tool and the plugin say
// so; the clang-tidy module leaves it to clang-tidy, which says the same.
// (The markers appear only where they are meant: every mention of them in a
// comment counts, for clang-tidy too.)
// RUN: %expect-exit 1 %bumper-tool --summary %s -- %stub-flags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %if plugin %{ not %clangxx -fsyntax-only -fplugin=%bumper-plugin %stub-flags -fno-caret-diagnostics %s 2>&1 | FileCheck %s --check-prefix=PLUGIN --implicit-check-not=warning: --implicit-check-not=error: %}
#include "bumper-stub.hpp"

// A matched region still suppresses, and is counted.
// NOLINTBEGIN(bumper-missing-guard)
void quiet() {
  [[bumper::no_escape]] {
  }
}
// NOLINTEND(bumper-missing-guard)

// NOLINTBEGIN(bumper-missing-guard)
void open() {
  [[bumper::no_escape]] {
  }
}
// NOLINTEND(bumper-escape)

void after() {
  [[bumper::no_escape]] {
  }
}

// CHECK: nolint-unmatched.cpp:22:5: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
// CHECK: nolint-unmatched.cpp:28:5: warning: no_escape block has no 'bumper::NoEscape' guard [bumper-missing-guard]
// CHECK: nolint-unmatched.cpp:20:4: error: unmatched '{{NOLINT}}BEGIN' comment without a subsequent '{{NOLINT}}END' comment [bumper-nolint]
// CHECK: nolint-unmatched.cpp:25:4: error: unmatched '{{NOLINT}}END' comment without a previous '{{NOLINT}}BEGIN' comment [bumper-nolint]
// CHECK: bumper-tool: 1 file, 3 blocks, 2 guards missing, 0 escapes, 2 errors, 2 warnings, 1 finding suppressed by NOLINT, {{.*}}

// PLUGIN: nolint-unmatched.cpp:22:5: warning: {{.*}} [bumper-missing-guard]
// PLUGIN: nolint-unmatched.cpp:28:5: warning: {{.*}} [bumper-missing-guard]
// PLUGIN: nolint-unmatched.cpp:20:4: error: unmatched '{{NOLINT}}BEGIN' {{.*}} [bumper-nolint]
// PLUGIN: nolint-unmatched.cpp:25:4: error: unmatched '{{NOLINT}}END' {{.*}} [bumper-nolint]
