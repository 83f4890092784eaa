// The seed kernels shared by the Google Benchmark table (runtime_bench.cpp)
// and the callgrind instruction counts (instructions.cpp): the work every
// variant does on its scratch memory, the two-pointer yardstick arena, and
// the kernels of bumper, alloca and that arena (seed_kernels.cpp), so both
// programs measure the very same code.
#ifndef BUMPER_BENCH_SEED_KERNELS_HPP
#define BUMPER_BENCH_SEED_KERNELS_HPP

#include <bumper/bumper.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

// A kernel is its own function: not inlined into the timing loop, no
// interprocedural constant propagation of `n`, as the seed's `f(x)`.
#if defined(__clang__)
#define BENCH_KERNEL [[gnu::noinline]]
#else
#define BENCH_KERNEL [[gnu::noipa]]
#endif

namespace bumper_bench {

/// Makes `p` and everything it points to observable: the compiler must
/// finish the stores before and cannot assume the memory unchanged after
/// (Google Benchmark's DoNotOptimize followed by ClobberMemory).
inline void escape(const void *p) { asm volatile("" : : "r"(p) : "memory"); }

// `y .= x .+ 1; sum(y)`. The escape of y between the two loops makes every
// variant really write the scratch array and read it back: without it the
// compiler may fuse the loops and drop the stores into a stack array, which
// it cannot do for heap or arena memory, and alloca would win by doing less.
inline int fill_and_sum(std::span<const int> x, std::span<int> y) {
  const std::size_t n = x.size();
  for (std::size_t i = 0; i < n; ++i)
    y[i] = x[i] + 1;
  escape(y.data());
  int s = 0;
  for (std::size_t i = 0; i < n; ++i)
    s += y[i];
  return s;
}

// The floor for any arena whose bump pointer lives in memory: two pointers, a
// bounds check, and a "guard" that saves and restores one pointer. No
// checkpoint bookkeeping, no growth, no introspection. Not a peer: it shows
// how much of bumper's cost at small n any arena pays. \p Overflow is what a
// request that does not fit does; it does not return.
template <void (*Overflow)()> struct BasicMinimalArena {
  std::byte *cur;
  std::byte *end;
  void *allocate(std::size_t size, std::size_t align) {
    const std::size_t pad =
        (0 - reinterpret_cast<std::uintptr_t>(cur)) & (align - 1);
    if (pad > static_cast<std::size_t>(end - cur) ||
        size > static_cast<std::size_t>(end - cur) - pad) [[unlikely]]
      Overflow();
    std::byte *p = cur + pad;
    cur = p + size;
    return p;
  }
};

[[noreturn]] inline void minimal_abort() { std::abort(); }
using MinimalArena = BasicMinimalArena<minimal_abort>;

/// The minimal arena with bumper's failure semantics: a request that does
/// not fit throws (from an out-of-line cold function), and its guard
/// restores the pointer on every exit, exceptions included. Not in the time
/// table; instructions.cpp counts it, to show what exception-safe release
/// costs an arena whose guard lives in registers.
[[noreturn]] void minimal_overflow();
using ThrowingMinimalArena = BasicMinimalArena<minimal_overflow>;
struct MinimalGuard {
  ThrowingMinimalArena &arena;
  std::byte *saved;
  ~MinimalGuard() { arena.cur = saved; }
};

} // namespace bumper_bench

// External linkage on purpose: the kernels are easy to find in `objdump -d`
// (scripts/bench.sh --asm prints the n-independent loops of two of them).
extern "C" {
BENCH_KERNEL int seed_bumper_default(std::span<const int> x);
BENCH_KERNEL int seed_bumper_buffer(bumper::AllocBuffer &buf,
                                    std::span<const int> x);
// The physical limit: stack memory, released by the function's return.
BENCH_KERNEL int seed_alloca(std::span<const int> x);
BENCH_KERNEL int seed_minimal_bump(bumper_bench::MinimalArena &a,
                                   std::span<const int> x);
// The minimal arena without its bounds check: not an allocator (it runs past
// its block when full). Next to minimal_bump it shows what the bounds check
// alone costs at small n: the one thing alloca does not do.
// The minimal arena that throws when full, released by a guard.
BENCH_KERNEL int seed_minimal_throwing(bumper_bench::ThrowingMinimalArena &a,
                                       std::span<const int> x);
BENCH_KERNEL int seed_unchecked_bump(bumper_bench::MinimalArena &a,
                                     std::span<const int> x);
}

#endif // BUMPER_BENCH_SEED_KERNELS_HPP
