// The slow paths as the inline fast paths reach them with
// BUMPER_PRESERVING_CALLS (buffer.hpp): on x86-64, trampolines that preserve
// every general-purpose register but rax, around targets that never throw.
// An exception from a slow path is kept for the thread and rethrown by
// `rethrow_slow_path_failure`, from an ordinary call in the caller, so that
// it unwinds through the caller's own landing pads.
#include "bumper/bumper.hpp"

#include <cstring>
#include <exception>
#include <utility>

namespace bumper {

namespace {
/// The exception of the last slow path that failed, until it is rethrown.
thread_local std::exception_ptr pending_failure;

/// `slow_path()`, or null with its exception kept for the thread.
template <class SlowPath>
auto keep_failure(SlowPath slow_path) noexcept -> decltype(slow_path()) {
  try {
    return slow_path();
  } catch (...) {
    pending_failure = std::current_exception();
    return nullptr;
  }
}
} // namespace

namespace detail {

struct SlowPaths {
  static void *refill(Buffer *buf, std::size_t size,
                      std::size_t alignment) noexcept {
    return keep_failure([&] { return buf->allocate_cold(size, alignment); });
  }
  static void *refill_array(Buffer *buf, std::size_t count,
                            std::size_t element_size,
                            std::size_t alignment) noexcept {
    return keep_failure([&] {
      return buf->allocate_array_cold(count, element_size, alignment);
    });
  }
  static void restore_elsewhere(Buffer *buf, Buffer *owner, std::byte *position,
                                std::size_t generation) noexcept {
    buf->restore_other_block(owner, position, generation);
  }
  static Buffer *make_default_buffer() noexcept {
    return keep_failure([] { return &detail::make_default_buffer(); });
  }
};

void rethrow_slow_path_failure() {
  if (pending_failure == nullptr)
    fail("a buffer's allocate_slow returned null; it must return memory or "
         "throw");
  std::rethrow_exception(std::exchange(pending_failure, nullptr));
}

void abort_slow_path_failure() noexcept {
  try {
    rethrow_slow_path_failure();
  } catch (const std::exception &error) {
    // The runtime's own messages start with "bumper: " already.
    const char *what = error.what();
    fail(std::strncmp(what, "bumper: ", 8) == 0 ? what + 8 : what);
  } catch (...) {
    fail("a buffer's slow path threw an exception that is not a "
         "std::exception, in code compiled without exceptions");
  }
}

} // namespace detail
} // namespace bumper

#if defined(__x86_64__) && defined(__ELF__)

// The trampolines' targets: plain C calls, kept under LTO (only assembly
// refers to them).
extern "C" {
[[gnu::used]] void *
bumper_detail_refill_target(bumper::Buffer *buf, std::size_t size,
                            std::size_t alignment) noexcept {
  return bumper::detail::SlowPaths::refill(buf, size, alignment);
}
[[gnu::used]] void *
bumper_detail_refill_array_target(bumper::Buffer *buf, std::size_t count,
                                  std::size_t element_size,
                                  std::size_t alignment) noexcept {
  return bumper::detail::SlowPaths::refill_array(buf, count, element_size,
                                                 alignment);
}
[[gnu::used]] void bumper_detail_restore_elsewhere_target(
    bumper::Buffer *buf, bumper::Buffer *owner, std::byte *position,
    std::size_t generation) noexcept {
  bumper::detail::SlowPaths::restore_elsewhere(buf, owner, position,
                                               generation);
}
[[gnu::used]] bumper::Buffer *
bumper_detail_make_default_buffer_target() noexcept {
  return bumper::detail::SlowPaths::make_default_buffer();
}
} // extern "C"

// Each trampoline saves the caller-saved registers (the target's to clobber),
// aligns the stack, calls its target and restores them. Hidden: every module
// that links the static library has its own, reached without a PLT stub
// (which may clobber r10 and r11). It is entered 128 bytes below the caller's
// stack pointer (the caller stepped over its red zone), so its canonical
// frame address is 136 bytes above the stack pointer on entry, not 8: an
// unwinder then gives the caller back its own stack pointer. rbp holds the
// frame, so the CFA stays rbp + 144 while the stack is realigned.
asm(R"(
    .macro bumper_trampoline name, target
    .pushsection .text
    .p2align 4
    .globl \name
    .hidden \name
    .type \name, @function
\name:
    .cfi_startproc
    .cfi_def_cfa_offset 136
    .cfi_offset %rip, -136
    pushq %rbp
    .cfi_def_cfa_offset 144
    .cfi_offset %rbp, -144
    movq %rsp, %rbp
    .cfi_def_cfa_register %rbp
    pushq %rdi
    .cfi_offset %rdi, -152
    pushq %rsi
    .cfi_offset %rsi, -160
    pushq %rdx
    .cfi_offset %rdx, -168
    pushq %rcx
    .cfi_offset %rcx, -176
    pushq %r8
    .cfi_offset %r8, -184
    pushq %r9
    .cfi_offset %r9, -192
    pushq %r10
    .cfi_offset %r10, -200
    pushq %r11
    .cfi_offset %r11, -208
    andq $-16, %rsp
    call \target@PLT
    leaq -64(%rbp), %rsp
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rcx
    popq %rdx
    popq %rsi
    popq %rdi
    popq %rbp
    .cfi_def_cfa %rsp, 136
    ret
    .cfi_endproc
    .size \name, . - \name
    .popsection
    .endm

    bumper_trampoline bumper_detail_refill, bumper_detail_refill_target
    bumper_trampoline bumper_detail_refill_array, bumper_detail_refill_array_target
    bumper_trampoline bumper_detail_restore_elsewhere, bumper_detail_restore_elsewhere_target
    bumper_trampoline bumper_detail_make_default_buffer, bumper_detail_make_default_buffer_target
    .purgem bumper_trampoline
)");

#endif
