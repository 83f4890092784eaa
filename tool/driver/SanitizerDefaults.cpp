//===- SanitizerDefaults.cpp - ASan's defaults for the sanitized tool -----===//
//
// Linked into bumper-tool, tool_fuzz and tool_fuzz_replay when they are built
// with AddressSanitizer (BUMPER_SANITIZE, BUMPER_FUZZERS).
//
// LLVM's BumpPtrAllocator (Allocator.h) poisons each new slab and unpoisons
// each allocation in its inline code, but only where the including code is
// built with ASan. Debian's libclang-cpp.so and libLLVM.so are not: memory
// that they allocate from a slab started by our code stays poisoned, and our
// code reading it (an ASTContext's template specializations, for one) is
// reported as a use-after-poison that is not there. Manual poisoning is
// therefore ignored in these programs; ASan's own checks (heap, stack,
// globals, use after free, leaks) all stay. The environment's ASAN_OPTIONS
// still wins.
//
//===----------------------------------------------------------------------===//

extern "C" __attribute__((visibility("default"))) const char *
__asan_default_options() {
  return "allow_user_poisoning=0";
}
