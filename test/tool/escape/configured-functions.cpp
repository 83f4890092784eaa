// .bumper.yaml's Allocators and KeepsArgument name third-party functions that
// cannot carry BUMPER_ALLOCATOR or be summarised: calls to the first are
// sources, calls to the second keep their arguments.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=NOCONFIG --allow-empty
// NOCONFIG-NOT: error:
// RUN: not %bumper-tool --config-file=%S/Inputs/functions.yaml %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>

namespace thirdparty {
// Declared only: its body is in a library the tool never sees.
void *arena_alloc(bumper::Buffer &buf, std::size_t bytes);
} // namespace thirdparty
namespace registry {
void remember(const void *p);
} // namespace registry

void *g_last;

void useThirdParty(bumper::Buffer &buf) {
  [[bumper::no_escape(buf)]] {
    bumper::NoEscape guard(buf);
    void *p = thirdparty::arena_alloc(buf, 64);
    // CHECK: configured-functions.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_last', which outlives the block [bumper-escape]
    g_last = p;
    // CHECK-NEXT: configured-functions.cpp:[[@LINE-3]]:15: note: allocated here
    // CHECK: configured-functions.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'registry::remember', which keeps its arguments (KeepsArgument in the configuration) [bumper-escape]
    registry::remember(p);
    registry::remember(&g_last); // not arena memory: nothing to report
  }
}
