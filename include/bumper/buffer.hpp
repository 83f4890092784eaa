// The buffer interface every Bumper buffer shares: the bump pointer, the
// inline fast path, checkpoints, and the hooks a buffer implements.
#ifndef BUMPER_BUFFER_HPP
#define BUMPER_BUFFER_HPP

#include <bumper/config.h>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <new>

#if BUMPER_HAS_ASAN
#include <sanitizer/asan_interface.h>
#endif

#if defined(__GNUC__)
#define BUMPER_COLD [[gnu::cold, gnu::noinline]]
// For the guard: an out-of-line call on the exception path would take the
// guard's address, and the compiler would then keep its checkpoint in memory
// (a store and reloads on every use) instead of in registers.
#define BUMPER_INLINE [[gnu::always_inline]] inline
// The same for a lambda, between its parameters and its body.
#define BUMPER_INLINE_LAMBDA __attribute__((always_inline))
#else
#define BUMPER_COLD
#define BUMPER_INLINE inline
#define BUMPER_INLINE_LAMBDA
#endif

namespace bumper {

class Buffer;

/// Every allocation's size is rounded up to a multiple of this, and every
/// allocation starts at a multiple of it: the bump pointer stays 8-aligned,
/// so a request for `alignof(T) <= 8` needs no padding computation on the
/// fast path. The rounding is never visible through the returned memory (only
/// the requested bytes are usable; ASan poisons the rest), only in `used()`.
inline constexpr std::size_t allocation_granule = 8;

namespace detail {
/// `n` rounded up to a multiple of `allocation_granule` (no overflow check).
constexpr std::size_t granule_ceil(std::size_t n) noexcept {
  return (n + allocation_granule - 1) & ~(allocation_granule - 1);
}
} // namespace detail

/// The poisoned gap after every allocation under AddressSanitizer
/// (BUMPER_ASAN_REDZONE, in whole granules); 0 otherwise.
inline constexpr std::size_t asan_redzone =
    BUMPER_HAS_ASAN ? detail::granule_ceil(BUMPER_ASAN_REDZONE) : 0;

/// A saved bump position of one buffer, from `checkpoint(buf)`; `restore(buf,
/// cp)` frees everything allocated from `buf` since. The fields belong to the
/// buffer that made it; treat the struct as opaque.
///
/// Only what the inline restore needs: taking a checkpoint is three loads, and
/// restoring one in the same block a compare and a store. Everything else
/// (the bytes in use at the time, which blocks to free) is found from the
/// generation on the slow path.
struct Checkpoint {
  Buffer *buffer = nullptr;      ///< the buffer it was taken from
  std::byte *position = nullptr; ///< the bump pointer
  std::size_t generation = 0;    ///< names the block and the bytes before it
};

/// Thrown when a buffer cannot satisfy a request (a full `AllocBuffer`, a
/// failed system allocation) or when the size of a request overflows. The
/// buffer is left exactly as it was before the request.
class out_of_memory : public std::bad_alloc {
public:
  /// `size` bytes aligned to `alignment` did not fit a buffer of `capacity`
  /// bytes of which `used` were in use.
  out_of_memory(std::size_t size, std::size_t alignment, std::size_t capacity,
                std::size_t used) noexcept;

  /// `count` elements of `element_size` bytes: the size overflows size_t.
  static out_of_memory size_overflow(std::size_t count,
                                     std::size_t element_size,
                                     std::size_t capacity) noexcept;

  const char *what() const noexcept override { return message_; }
  /// The requested size in bytes (SIZE_MAX when it overflowed).
  std::size_t request() const noexcept { return request_; }
  /// The buffer's capacity when the request failed.
  std::size_t capacity() const noexcept { return capacity_; }

private:
  out_of_memory() noexcept = default;
  std::size_t request_ = 0;
  std::size_t capacity_ = 0;
  char message_[224] = {};
};

namespace detail {
/// The trampolines' way into Buffer's private slow paths.
struct SlowPaths;
/// Prints "bumper: <message>" to stderr and aborts.
[[noreturn]] void fail(const char *message) noexcept;
[[noreturn]] void throw_size_overflow(const Buffer &buf, std::size_t count,
                                      std::size_t element_size);
[[noreturn]] void throw_bad_alignment(std::size_t alignment);
/// A new generation, unique in the process: odd for `restart` (an empty
/// buffer's first region), even otherwise. Generations only grow.
std::size_t next_generation(bool restart) noexcept;
/// The calling thread's number for the ownership checks: 0 until the thread
/// first uses a buffer with BUMPER_DEBUG_CHECKS, then 1, 2, ... in that order.
extern constinit thread_local std::size_t thread_number;
/// Where a buffer without memory points: an empty block at an address aligned
/// to 4096, so that a zero-size request on it is never null.
extern std::byte empty_block[];

/// Whether `alignment` is a power of two (constant once inlined with a
/// constant).
constexpr bool valid_alignment(std::size_t alignment) noexcept {
  return alignment != 0 && (alignment & (alignment - 1)) == 0;
}

/// Rethrows the exception that a slow path reached through a preserving call
/// caught (see BUMPER_PRESERVING_CALLS), so that it leaves the caller through
/// an ordinary call; aborts if there is none (a slow path returned null).
[[noreturn]] void rethrow_slow_path_failure();
/// For callers compiled without exceptions: prints the slow path's exception
/// ("bumper: out of memory: ...") and aborts, instead of unwinding through
/// frames that have no cleanups.
[[noreturn]] void abort_slow_path_failure() noexcept;

/// What the inline code does when a preserving call's slow path failed.
[[noreturn]] BUMPER_INLINE void slow_path_failed() {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  rethrow_slow_path_failure();
#else
  abort_slow_path_failure();
#endif
}
/// The result of a preserving call's slow path: null means it failed.
template <class T> BUMPER_INLINE T *slow_path_result(T *result) {
  if (result == nullptr) [[unlikely]]
    slow_path_failed();
  return result;
}

#if BUMPER_PRESERVING_CALLS
// A call of one of the runtime's trampolines (runtime/preserving_calls.cpp),
// which preserve every general-purpose register but rax (hidden symbols: no
// PLT stub in between). The stack pointer first steps over the caller's red
// zone, which the call's return address would overwrite; the trampoline's
// unwind information accounts for the step, so backtraces through it are
// whole. The trampoline's target never throws: it reports an exception by
// returning null (see `rethrow_slow_path_failure`).
#define BUMPER_DETAIL_PRESERVING_CALL(trampoline, result, ...)                 \
  asm volatile("lea -128(%%rsp), %%rsp\n\t"                                    \
               "call " trampoline "\n\t"                                       \
               "lea 128(%%rsp), %%rsp"                                         \
               : "=a"(result)                                                  \
               : __VA_ARGS__                                                   \
               : "memory", "cc", BUMPER_DETAIL_VECTOR_CLOBBERS "st", "st(1)",  \
                 "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)")
// The vector registers, caller-saved as for any call.
#if defined(__AVX512F__)
#define BUMPER_DETAIL_VECTOR_CLOBBERS                                          \
  "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",      \
      "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "xmm16",   \
      "xmm17", "xmm18", "xmm19", "xmm20", "xmm21", "xmm22", "xmm23", "xmm24",  \
      "xmm25", "xmm26", "xmm27", "xmm28", "xmm29", "xmm30", "xmm31", "k0",     \
      "k1", "k2", "k3", "k4", "k5", "k6", "k7",
#else
#define BUMPER_DETAIL_VECTOR_CLOBBERS                                          \
  "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",      \
      "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15",
#endif
#endif

#if BUMPER_HAS_ASAN
inline void poison(const void *p, std::size_t n) noexcept {
  if (n != 0)
    ASAN_POISON_MEMORY_REGION(p, n);
}
inline void unpoison(const void *p, std::size_t n) noexcept {
  if (n != 0)
    ASAN_UNPOISON_MEMORY_REGION(p, n);
}
#else
inline void poison(const void *, std::size_t) noexcept {}
inline void unpoison(const void *, std::size_t) noexcept {}
#endif
} // namespace detail

/// The interface of every buffer, and the base class of user-defined ones.
///
/// All buffers share the bump pointer and the end of the current block, so the
/// fast path (`allocate` when the request fits) is the same inline code for
/// every kind: no call, no lock, no heap allocation. Only when a request does
/// not fit does the buffer's own `allocate_slow` run.
///
/// A buffer belongs to one thread at a time (with BUMPER_DEBUG_CHECKS, the
/// first thread that allocates from it or takes a checkpoint; see
/// `release_owner`). Buffers are neither copyable nor movable: guards and
/// checkpoints refer to them by address.
///
/// To write your own buffer, derive from `Buffer` and implement the protected
/// hooks, using the protected helpers to tell the base where the current
/// block is (see docs/runtime.md, "Your own buffer").
class Buffer {
public:
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
  virtual ~Buffer() = default;

  /// `size` bytes aligned to `alignment` (a power of two), uninitialised;
  /// never null, for size 0 too. Throws `out_of_memory` (the buffer
  /// unchanged) if the buffer cannot satisfy it, `std::invalid_argument` if
  /// `alignment` is not a power of two.
  BUMPER_ALLOCATOR [[nodiscard]] void *allocate(std::size_t size,
                                                std::size_t alignment) {
    check_alignment(alignment);
    check_thread();
    const std::size_t padding = padding_for(alignment) + asan_redzone;
    const auto available = static_cast<std::size_t>(end_ - cur_);
    // Compare sizes, never form a pointer past the block: overflow-safe for
    // any size.
    if (padding <= available && size <= available - padding) [[likely]]
      return bump(padding - asan_redzone, size);
    return refill(size, alignment);
  }

  /// `count` elements of `element_size` bytes aligned to `alignment`: the
  /// same as `allocate(count * element_size, alignment)`, except that a
  /// product that overflows throws `out_of_memory` (the buffer unchanged).
  /// Inline with constant `element_size`, the overflow check and the fit
  /// check are one comparison. An `element_size` of 0 is a zero-size request.
  BUMPER_ALLOCATOR [[nodiscard]] void *allocate_array(std::size_t count,
                                                      std::size_t element_size,
                                                      std::size_t alignment) {
    check_alignment(alignment);
    if (element_size == 0) [[unlikely]]
      return allocate(0, alignment);
    return bump_array_or(count, element_size, alignment,
                         [&]() BUMPER_INLINE_LAMBDA {
                           return refill_array(count, element_size, alignment);
                         });
  }

  /// `allocate_array` that reports failure by null instead of an exception:
  /// a request that does not fit (that the buffer's slow path throws for), a
  /// size that overflows or an alignment that is not a power of two. The
  /// buffer is unchanged then. The inline path is the same.
  BUMPER_ALLOCATOR [[nodiscard]] void *
  try_allocate_array(std::size_t count, std::size_t element_size,
                     std::size_t alignment) noexcept {
    if (!detail::valid_alignment(alignment)) [[unlikely]]
      return nullptr;
    if (element_size == 0) [[unlikely]]
      count = 0, element_size = 1;
    return bump_array_or(
        count, element_size, alignment, [&]() BUMPER_INLINE_LAMBDA {
          return try_allocate_cold(count, element_size, alignment);
        });
  }
  /// `allocate` that reports failure by null (see `try_allocate_array`).
  BUMPER_ALLOCATOR [[nodiscard]] void *
  try_allocate(std::size_t size, std::size_t alignment) noexcept {
    return try_allocate_array(size, 1, alignment);
  }

  /// Changes the size of the allocation at `p` (of `old_size` bytes) to
  /// `new_size` in place, and says whether it did. The newest allocation
  /// grows into the free space of its block and shrinks giving its tail
  /// back (like a restore: the next allocation starts after its new end, and
  /// a checkpoint taken since the allocation is dead). Any other allocation
  /// can only shrink, keeping its memory (under ASan the tail is poisoned).
  /// A grow that does not fit returns false, the buffer unchanged.
  [[nodiscard]] bool try_resize(void *p, std::size_t old_size,
                                std::size_t new_size) noexcept;

  /// Whether `p` points into one of the blocks the buffer holds in use
  /// (LLVM's `identifyObject`): anywhere in the block, allocated or not.
  [[nodiscard]] bool owns(const void *p) const noexcept;

  /// Called by `visit_blocks` with each block: its usable memory.
  using BlockVisitor = void (*)(void *context, std::byte *begin,
                                std::size_t size);
  /// Calls `visit(context, begin, size)` for each block of memory the buffer
  /// holds in use (not spare ones), the current one first. The default
  /// visits the current block; buffers with more override it. See
  /// `bumper::for_each_block` for the C++ form.
  virtual void visit_blocks(BlockVisitor visit, void *context) const;

  /// The current position, for `restore`.
  [[nodiscard]] Checkpoint checkpoint() noexcept {
    check_thread();
    return Checkpoint{this, cur_, generation_};
  }

  /// Frees everything allocated since `cp` was taken. `cp` must come from
  /// this buffer and must not lie past the current position (a checkpoint
  /// restored past is dead); violations abort with a message. A checkpoint
  /// of another buffer is caught in every build: generations are unique in
  /// the process, so it never takes the inline path.
  void restore(const Checkpoint &cp) noexcept {
    check_thread();
    if (cp.generation == generation_) [[likely]] {
      // Same block as when `cp` was taken: rewinding is one store, plus
      // keeping the peak for the high-water mark.
#if BUMPER_DEBUG_CHECKS
      if (cp.position > cur_) [[unlikely]]
        stale_checkpoint(cp);
#endif
      detail::poison(cp.position, static_cast<std::size_t>(cur_ - cp.position));
      cur_ = cp.position;
      return;
    }
    restore_elsewhere(cp);
  }

  /// Frees everything: the buffer is empty again (it may keep its memory).
  void reset() noexcept;

  /// Bytes in use, alignment padding included.
  [[nodiscard]] std::size_t used() const noexcept {
    return used_before_region_ + static_cast<std::size_t>(cur_ - region_begin_);
  }
  /// The most bytes ever in use at once.
  [[nodiscard]] std::size_t high_water() const noexcept {
    const std::byte *peak = cur_ > peak_ ? cur_ : peak_;
    const std::size_t in_block =
        used_before_region_ + static_cast<std::size_t>(peak - region_begin_);
    return in_block > high_water_ ? in_block : high_water_;
  }
  /// Bytes the buffer holds from the system (or was given), in use or not.
  [[nodiscard]] virtual std::size_t capacity() const noexcept = 0;
  /// How many separate blocks of memory the buffer holds right now (slabs,
  /// spare slab and oversized requests included).
  [[nodiscard]] virtual std::size_t slab_count() const noexcept = 0;

  /// Forgets the owning thread, so that another thread may take the buffer
  /// over (only relevant with BUMPER_DEBUG_CHECKS).
  void release_owner() noexcept { owner_ = no_owner; }
  /// Whether the calling thread owns the buffer (with BUMPER_DEBUG_CHECKS,
  /// after it first used it; never without them).
  [[nodiscard]] bool owned_by_this_thread() const noexcept {
    return owner_ != no_owner && owner_ == detail::thread_number;
  }

protected:
  Buffer() noexcept : generation_(detail::next_generation(true)) {}

  /// Called by `allocate` when the request does not fit [position(),
  /// region_end()): returns `size` bytes aligned to `alignment` or throws
  /// `out_of_memory` leaving the buffer unchanged. It may move to a new block
  /// (`start_region`, then `return allocate(size, alignment);`) or allocate
  /// on the side (`add_side_allocation`).
  virtual void *allocate_slow(std::size_t size, std::size_t alignment) = 0;

  /// Called by `restore` when `cp` was taken in another block, or before a
  /// side allocation or a reset (`cp.generation` is not the current one; it
  /// comes from this buffer). Finds the block `cp` was taken in and the
  /// region base that went with `cp.generation` (the implementation records
  /// `generation()` and `region_base()` whenever it calls `start_region`,
  /// `add_side_allocation` or `restart`), checks `is_live(cp, begin, base)`,
  /// frees what came after `cp`, then calls `rewind`. Returns false, the
  /// buffer unchanged, if `cp` is no longer valid (its block was freed, or
  /// the buffer was restored past it).
  virtual bool restore_slow(const Checkpoint &cp) noexcept = 0;

  /// Frees everything and calls `restart`.
  virtual void reset_slow() noexcept = 0;

  // --- Helpers for implementations ---

  /// Makes [begin, end) the block the fast path bumps through, under a new
  /// (even) generation. Here and in `rewind`, `restart` and `is_live`, the
  /// block is first shrunk to `allocation_granule` boundaries (a no-op for
  /// memory from malloc or operator new, whose sizes are multiples of 8). The
  /// unused tail of the previous block stops counting as used.
  void start_region(std::byte *begin, std::byte *end) noexcept {
    granule_bounds(begin, end);
    note_high_water();
    used_before_region_ = used();
    cur_ = region_begin_ = peak_ = begin;
    end_ = end;
    generation_ = next_generation(false);
  }
  /// Accounts for `bytes` allocated outside the current block, under a new
  /// (even) generation.
  void add_side_allocation(std::size_t bytes) noexcept {
    note_high_water();
    used_before_region_ += bytes;
    generation_ = next_generation(false);
  }
  /// Returns to `cp`, whose position lies in the block [begin, end], with
  /// `base` bytes in use before `begin` and `generation` (usually
  /// `cp.generation`) as the current generation.
  void rewind(const Checkpoint &cp, std::byte *begin, std::byte *end,
              std::size_t base, std::size_t generation) noexcept {
    granule_bounds(begin, end);
    note_high_water();
    region_begin_ = begin;
    end_ = end;
    cur_ = peak_ = cp.position;
    used_before_region_ = base;
    generation_ = generation;
  }
  /// The simple form for a buffer with a single block and no side
  /// allocations (whose only generations come from `restart`): returns to
  /// `cp`, whose position lies in [begin, end]. A checkpoint above the
  /// current position aborts with a message.
  void rewind(const Checkpoint &cp, std::byte *begin, std::byte *end) noexcept {
    if (!is_live(cp, begin, 0)) [[unlikely]]
      stale_checkpoint(cp);
    rewind(cp, begin, end, 0, generation_);
  }
  /// Empties the buffer and makes [begin, end) its block (may be empty),
  /// under a new odd generation: the generations of an empty buffer's first
  /// region are odd and no others are, so that a checkpoint of an empty
  /// buffer can be recognised after its generation is gone (see
  /// `is_restart_generation`).
  void restart(std::byte *begin, std::byte *end) noexcept {
    granule_bounds(begin, end);
    note_high_water();
    used_before_region_ = 0;
    cur_ = region_begin_ = peak_ = begin;
    end_ = end;
    generation_ = next_generation(true);
  }
  /// Whether a checkpoint `cp` whose position lies in a block [begin, ...)
  /// held with region base `base` is at or below the current position.
  [[nodiscard]] bool is_live(const Checkpoint &cp, std::byte *begin,
                             std::size_t base) const noexcept {
    const auto offset =
        static_cast<std::size_t>(cp.position - granule_ceil(begin));
    return base <= used() && offset <= used() - base;
  }
  /// Whether `generation` was made by `restart`: a checkpoint with it and the
  /// position of that restart's block start was taken on an empty buffer.
  [[nodiscard]] static bool is_restart_generation(std::size_t g) noexcept {
    return (g & 1) != 0;
  }
  /// Records the peak use so far in the high-water mark.
  void note_high_water() noexcept {
    high_water_ = high_water();
    peak_ = cur_;
  }
  /// Starts the high-water mark afresh at the current use (for a `trim`
  /// that makes the mark a sizing hint again).
  void restart_high_water() noexcept {
    high_water_ = used();
    peak_ = cur_;
  }

  [[nodiscard]] std::byte *position() const noexcept { return cur_; }
  /// The current generation: record it with the block after `start_region`,
  /// `add_side_allocation` or `restart`.
  [[nodiscard]] std::size_t generation() const noexcept { return generation_; }
  /// Bytes in use before the current region begins.
  [[nodiscard]] std::size_t region_base() const noexcept {
    return used_before_region_;
  }
  [[nodiscard]] std::byte *region_begin() const noexcept {
    return region_begin_;
  }
  [[nodiscard]] std::byte *region_end() const noexcept { return end_; }

private:
  /// The padding before an allocation aligned to `alignment`: none for
  /// alignments up to the granule (a constant 0 once inlined), since the bump
  /// pointer is always a multiple of it.
  [[nodiscard]] std::size_t padding_for(std::size_t alignment) const noexcept {
    return static_cast<std::size_t>(0 -
                                    reinterpret_cast<std::uintptr_t>(cur_)) &
           (alignment - 1) & ~(allocation_granule - 1);
  }
  /// The inline path of `allocate_array` and `try_allocate_array`: bumps
  /// `count` elements when they fit the block, else returns `slow()`.
  template <class Slow>
  BUMPER_INLINE void *bump_array_or(std::size_t count, std::size_t element_size,
                                    std::size_t alignment, Slow slow) {
    check_thread();
    const std::size_t padding = padding_for(alignment) + asan_redzone;
    const auto available = static_cast<std::size_t>(end_ - cur_);
    // `count` elements fit, so their size does not overflow.
    if (padding <= available && count <= (available - padding) / element_size)
        [[likely]]
      return bump(padding - asan_redzone, count * element_size);
    return slow();
  }
  /// Hands out `size` bytes after `padding`; both fit the block.
  [[nodiscard]] std::byte *bump(std::size_t padding,
                                std::size_t size) noexcept {
    std::byte *result = cur_ + padding;
    // Cannot overflow: the block's end is a multiple of the granule too. The
    // redzone (if any) stays poisoned.
    cur_ = result + detail::granule_ceil(size) + asan_redzone;
    // The high-water mark's peak, kept here rather than in `restore`: the new
    // position is in a register already, and in a loop that reuses its memory
    // the store is skipped.
    if (cur_ > peak_)
      peak_ = cur_;
    detail::unpoison(result, size);
    return result;
  }
  /// `p` rounded up / down to the granule: the block boundaries the fast path
  /// uses, so that the bump pointer and the end stay multiples of it.
  [[nodiscard]] static std::byte *granule_ceil(std::byte *p) noexcept {
    const auto address = reinterpret_cast<std::uintptr_t>(p);
    return p + (detail::granule_ceil(address) - address);
  }
  [[nodiscard]] static std::byte *granule_floor(std::byte *p) noexcept {
    return p - (reinterpret_cast<std::uintptr_t>(p) & (allocation_granule - 1));
  }
  /// [begin, end) shrunk to granule boundaries (empty if nothing is left;
  /// `detail::empty_block` if there is no memory).
  static void granule_bounds(std::byte *&begin, std::byte *&end) noexcept {
    if (begin == nullptr) {
      begin = end = detail::empty_block;
      return;
    }
    begin = granule_ceil(begin);
    end = granule_floor(end);
    if (end < begin)
      end = begin;
  }

  // The slow paths of the inline functions. Through a preserving call where
  // there is one: then a caller of `allocate` or `restore` keeps its values
  // in whichever registers it likes, instead of saving registers in its
  // prologue because a call that returns might clobber them.
  BUMPER_INLINE void *refill(std::size_t size, std::size_t alignment) {
#if BUMPER_PRESERVING_CALLS
    void *result;
    BUMPER_DETAIL_PRESERVING_CALL("bumper_detail_refill", result, "D"(this),
                                  "S"(size), "d"(alignment));
    return detail::slow_path_result(result);
#else
    return allocate_cold(size, alignment);
#endif
  }
  BUMPER_INLINE void *refill_array(std::size_t count, std::size_t element_size,
                                   std::size_t alignment) {
#if BUMPER_PRESERVING_CALLS
    void *result;
    BUMPER_DETAIL_PRESERVING_CALL("bumper_detail_refill_array", result,
                                  "D"(this), "S"(count), "d"(element_size),
                                  "c"(alignment));
    return detail::slow_path_result(result);
#else
    return allocate_array_cold(count, element_size, alignment);
#endif
  }
  BUMPER_INLINE void restore_elsewhere(const Checkpoint &cp) noexcept {
#if BUMPER_PRESERVING_CALLS
    void *unused;
    BUMPER_DETAIL_PRESERVING_CALL("bumper_detail_restore_elsewhere", unused,
                                  "D"(this), "S"(cp.buffer), "d"(cp.position),
                                  "c"(cp.generation));
    (void)unused;
#else
    // Field by field, in registers: a reference (or a by-value struct, passed
    // in memory) would make every caller keep its checkpoint in memory for
    // the sake of this rare call.
    restore_other_block(cp.buffer, cp.position, cp.generation);
#endif
  }
  friend struct detail::SlowPaths;

  static void check_alignment(std::size_t alignment) {
    if (!detail::valid_alignment(alignment)) [[unlikely]]
      detail::throw_bad_alignment(alignment);
  }
  void check_thread() noexcept {
#if BUMPER_DEBUG_CHECKS
    if (owner_ != detail::thread_number) [[unlikely]]
      claim_or_fail();
#endif
  }
  void claim_or_fail() noexcept;
  [[noreturn]] void wrong_buffer(const Checkpoint &cp) const noexcept;
  [[noreturn]] void stale_checkpoint(const Checkpoint &cp) const noexcept;
  // Cold and out of line: the fast paths' callers then keep their values in
  // caller-saved registers and spill them around these calls only, instead of
  // saving registers or spilling on every call.
  BUMPER_COLD void *allocate_cold(std::size_t size, std::size_t alignment);
  BUMPER_COLD void *try_allocate_cold(std::size_t count,
                                      std::size_t element_size,
                                      std::size_t alignment) noexcept;
  BUMPER_COLD void *allocate_array_cold(std::size_t count,
                                        std::size_t element_size,
                                        std::size_t alignment);
  BUMPER_COLD void restore_other_block(Buffer *buffer, std::byte *position,
                                       std::size_t generation) noexcept;
  static std::size_t next_generation(bool restart) noexcept {
    return detail::next_generation(restart);
  }

  // The fast path's state first, so that it shares a cache line with the
  // vtable pointer.
  std::byte *cur_ = detail::empty_block;
  std::byte *end_ = detail::empty_block;
  // Unique in the process (odd: an empty buffer, as after `restart`), so a
  // checkpoint of another buffer never matches it: restoring one on the
  // wrong buffer takes the slow path, which checks the buffer in every build.
  std::size_t generation_;
  std::byte *peak_ = detail::empty_block; // highest position in this block
  std::byte *region_begin_ = detail::empty_block;
  std::size_t used_before_region_ = 0;
  std::size_t high_water_ = 0; // peaks of earlier blocks
  // Kept whatever BUMPER_DEBUG_CHECKS says, so the layout never depends on it:
  // the owner's `detail::thread_number`. (A number rather than a
  // std::thread::id keeps <thread> out of the header.)
  static constexpr std::size_t no_owner = SIZE_MAX;
  std::size_t owner_ = no_owner;
};

/// A type usable wherever Bumper takes a buffer: every buffer derives from
/// `bumper::Buffer`, the library's own and user-defined ones alike.
template <class B>
concept buffer = std::derived_from<B, Buffer>;

} // namespace bumper

#endif // BUMPER_BUFFER_HPP
