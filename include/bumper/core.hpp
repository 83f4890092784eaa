// Bumper's light header: what annotated code needs and nothing heavier than
// <span>. The buffers, the thread's default buffer, alloc, checkpoints and
// the NoEscape guard that bumper-tool inserts.
//
//   int f(std::span<const int> x) {
//     bumper::NoEscape guard;                       // resets on every exit
//     std::span<int> y = bumper::alloc<int>(x.size());
//     for (std::size_t i = 0; i < x.size(); ++i) y[i] = x[i] + 1;
//     return std::accumulate(y.begin(), y.end(), 0);
//   }
//
// <bumper/bumper.hpp> adds N-D arrays (<bumper/mdview.hpp>), with_buffer
// (<bumper/with_buffer.hpp>), string copies (<bumper/string.hpp>) and the
// standard-container adaptors (<bumper/interop.hpp>). See docs/runtime.md.
#ifndef BUMPER_CORE_HPP
#define BUMPER_CORE_HPP

#include <bumper/buffer.hpp>
#include <bumper/buffers.hpp>
#include <bumper/config.h>

#include <cstddef>
#include <cstring>
#include <new>
#include <span>
#include <type_traits>

// The C API's handle (<bumper/bumper.h>), for from_c / to_c.
struct bumper_buffer;

namespace bumper {

// --- The thread's default buffer ---

namespace detail {
/// The calling thread's current default buffer (null until first used).
/// constinit: no dynamic initialisation, so reading it is one TLS load.
extern constinit thread_local Buffer *current_buffer;
/// Creates (once per thread) the thread's SlabBuffer and makes it current.
Buffer &make_default_buffer();
/// make_default_buffer() for callers that must not throw: null on failure.
Buffer *try_make_default_buffer() noexcept;
} // namespace detail

/// The calling thread's default buffer: a `SlabBuffer` created on first use
/// (slabs of `default_buffer_size()` bytes, 1 MiB unless changed), or the
/// buffer installed by an enclosing `with_buffer`. Never shared between
/// threads.
[[nodiscard]] BUMPER_INLINE Buffer &default_buffer() {
  if (Buffer *buf = detail::current_buffer) [[likely]]
    return *buf;
#if BUMPER_PRESERVING_CALLS
  Buffer *made;
  BUMPER_DETAIL_PRESERVING_CALL("bumper_detail_make_default_buffer", made);
  return *detail::slow_path_result(made);
#else
  return detail::make_default_buffer();
#endif
}

/// Sets the slab size of default buffers: of the calling thread's (for the
/// slabs it allocates from now on) and of threads that create theirs later.
void set_default_buffer_size(std::size_t bytes) noexcept;
/// The slab size for default buffers created from now on.
[[nodiscard]] std::size_t default_buffer_size() noexcept;

// --- Allocation ---

namespace detail {
template <class T> consteval void check_element_type() {
  static_assert(std::is_object_v<T> && !std::is_array_v<T>,
                "bumper::alloc<T>: T must be an object type (not void, a "
                "reference, a function or an array)");
  static_assert(std::is_trivially_destructible_v<T>,
                "bumper::alloc<T>: T must be trivially destructible, because "
                "restore/reset free the memory without running destructors");
}

/// std::assume_aligned without <memory>.
template <std::size_t N, class T>
[[nodiscard]] BUMPER_INLINE constexpr T *assume_aligned(T *p) noexcept {
#if defined(__GNUC__)
  if (!std::is_constant_evaluated())
    return static_cast<T *>(__builtin_assume_aligned(p, N));
#endif
  return p;
}
} // namespace detail

/// `size` uninitialised bytes aligned to `alignment` (a power of two, or
/// std::invalid_argument is thrown) from `buf`. Throws `out_of_memory` if
/// `buf` cannot satisfy the request.
BUMPER_ALLOCATOR [[nodiscard]] inline void *
alloc_bytes(Buffer &buf, std::size_t size,
            std::size_t alignment = alignof(std::max_align_t)) {
  return buf.allocate(size, alignment);
}

/// `n` elements of `T` from `buf`, aligned to alignof(T), not initialised
/// (not even zeroed). Throws `out_of_memory` if `buf` cannot satisfy the
/// request or if `n * sizeof(T)` overflows.
template <class T>
BUMPER_ALLOCATOR [[nodiscard]] inline std::span<T> alloc(Buffer &buf,
                                                         std::size_t n) {
  detail::check_element_type<T>();
  T *data = static_cast<T *>(buf.allocate_array(n, sizeof(T), alignof(T)));
  return {detail::assume_aligned<alignof(T)>(data), n};
}

/// `n` elements of `T` from the calling thread's default buffer.
template <class T>
BUMPER_ALLOCATOR [[nodiscard]] inline std::span<T> alloc(std::size_t n) {
  return alloc<T>(default_buffer(), n);
}

/// `n` elements of `T` from `buf` like `alloc<T>(buf, n)`, but a request
/// that fails (it does not fit, its size overflows) returns a span whose
/// `data()` is null instead of throwing, the buffer unchanged. For code
/// compiled without exceptions and for callers that fall back. A successful
/// request's `data()` is never null, for n = 0 too.
template <class T>
BUMPER_ALLOCATOR [[nodiscard]] inline std::span<T>
try_alloc(Buffer &buf, std::size_t n) noexcept {
  detail::check_element_type<T>();
  T *data = static_cast<T *>(buf.try_allocate_array(n, sizeof(T), alignof(T)));
  if (data == nullptr) [[unlikely]]
    return {};
  return {detail::assume_aligned<alignof(T)>(data), n};
}

/// `try_alloc<T>(buf, n)` on the calling thread's default buffer (a failure
/// to create it fails the request too).
template <class T>
BUMPER_ALLOCATOR [[nodiscard]] inline std::span<T>
try_alloc(std::size_t n) noexcept {
  Buffer *buf = detail::current_buffer;
  if (buf == nullptr) [[unlikely]] {
    buf = detail::try_make_default_buffer();
    if (buf == nullptr)
      return {};
  }
  return try_alloc<T>(*buf, n);
}

/// One `T` constructed from `args` in `buf`'s memory (`T(args...)`, which
/// C++20 allows for aggregates too). `T` must be trivially destructible: it
/// is never destroyed. Throws what `alloc` throws, and what the constructor
/// throws (its memory is then freed with the next restore).
template <class T, class... Args>
BUMPER_ALLOCATOR [[nodiscard]] inline T &make(Buffer &buf, Args &&...args) {
  detail::check_element_type<T>();
  void *p = buf.allocate_array(1, sizeof(T), alignof(T));
  return *::new (p) T(static_cast<Args &&>(args)...);
}

/// A copy of a contiguous range (anything with `std::data` and `std::size`:
/// a vector, an array, a span, a string) in `buf`'s memory. The elements
/// must be trivially copyable.
template <class Range>
BUMPER_ALLOCATOR [[nodiscard]] inline auto alloc_copy(Buffer &buf,
                                                      const Range &range)
    -> std::span<std::remove_cvref_t<decltype(*std::data(range))>> {
  using T = std::remove_cvref_t<decltype(*std::data(range))>;
  static_assert(std::is_trivially_copyable_v<T>,
                "bumper::alloc_copy: the elements must be trivially copyable");
  const std::size_t n = std::size(range);
  std::span<T> copy = alloc<T>(buf, n);
  if (n != 0)
    std::memcpy(copy.data(), std::data(range), n * sizeof(T));
  return copy;
}

/// `alloc_copy` into the calling thread's default buffer.
template <class Range>
BUMPER_ALLOCATOR [[nodiscard]] inline auto alloc_copy(const Range &range)
    -> decltype(alloc_copy(default_buffer(), range)) {
  return alloc_copy(default_buffer(), range);
}

/// `old`'s elements in storage for `n` elements from `buf`: the first
/// `min(n, old.size())` keep their values, the rest are uninitialised. `old`
/// is empty, the whole of an allocation from `buf` (from `alloc` or an
/// earlier `grow`; not a part of one), or memory that is not `buf`'s, which
/// is only copied. When `old` is the buffer's newest allocation and its block
/// has room, it grows in place (`try_resize`) and nothing is left behind, so an
/// array that doubles as it fills costs no more than its final size; else the
/// elements are copied to a new allocation and the old storage stays
/// allocated (poisoned under ASan) until a restore. A smaller `n` returns
/// `old.first(n)` and gives nothing back. Throws what `alloc` throws, `old`
/// and the buffer unchanged.
///
/// Growing allocates now: grow storage in the scope it was allocated in, not
/// inside a guard opened since, whose restore would free what the growth
/// added (as it frees anything allocated in its scope).
template <class T>
BUMPER_ALLOCATOR [[nodiscard]] std::span<T> grow(Buffer &buf, std::span<T> old,
                                                 std::size_t n) {
  detail::check_element_type<T>();
  static_assert(std::is_trivially_copyable_v<T>,
                "bumper::grow: the elements must be trivially copyable");
  if (n <= old.size())
    return old.first(n);
  if (old.data() != nullptr && n <= SIZE_MAX / sizeof(T) &&
      buf.try_resize(old.data(), old.size_bytes(), n * sizeof(T)))
    return {old.data(), n};
  std::span<T> grown = alloc<T>(buf, n);
  if (!old.empty()) {
    std::memcpy(grown.data(), old.data(), old.size_bytes());
    if (buf.owns(old.data())) // never someone else's memory
      detail::poison(old.data(), old.size_bytes());
  }
  return grown;
}

/// `grow` on the calling thread's default buffer.
template <class T>
BUMPER_ALLOCATOR [[nodiscard]] std::span<T> grow(std::span<T> old,
                                                 std::size_t n) {
  return grow(default_buffer(), old, n);
}

// --- Ownership and blocks ---

/// Whether `p` points into one of the blocks `buf` holds in use (anywhere in
/// the block, allocated or not): LLVM's `identifyObject`. Linear in the
/// number of blocks.
[[nodiscard]] inline bool owns(const Buffer &buf, const void *p) noexcept {
  return buf.owns(p);
}

/// Calls `f(std::span<std::byte> block)` for each block of memory `buf`
/// holds in use, the current one first (spare slabs not included).
template <class F> void for_each_block(const Buffer &buf, F &&f) {
  using Visitor = std::remove_reference_t<F>;
  buf.visit_blocks(
      [](void *context, std::byte *begin, std::size_t size) {
        (*static_cast<Visitor *>(context))(std::span<std::byte>(begin, size));
      },
      const_cast<void *>(static_cast<const void *>(&f)));
}

// --- C handles ---

/// The buffer behind a C API handle (`bumper_buffer *`, from
/// <bumper/bumper.h>), for C++ code that is handed one: the C++ API and its
/// inline fast path then work on it, and a `NoEscape` guards it
/// (`bumper::NoEscape guard(bumper::from_c(cbuf));`, which bumper-tool
/// writes for `[[bumper::no_escape(cbuf)]]` in C++).
[[nodiscard]] inline Buffer &from_c(::bumper_buffer *handle) noexcept {
  return *reinterpret_cast<Buffer *>(handle);
}
[[nodiscard]] inline const Buffer &
from_c(const ::bumper_buffer *handle) noexcept {
  return *reinterpret_cast<const Buffer *>(handle);
}
/// The C API handle of a buffer, to hand it to C code.
[[nodiscard]] inline ::bumper_buffer *to_c(Buffer &buf) noexcept {
  return reinterpret_cast<::bumper_buffer *>(&buf);
}

// --- Checkpoints ---

/// The current position of `buf`.
[[nodiscard]] inline Checkpoint checkpoint(Buffer &buf) noexcept {
  return buf.checkpoint();
}
/// Frees everything allocated from `buf` since `cp` was taken from it.
inline void restore(Buffer &buf, const Checkpoint &cp) noexcept {
  buf.restore(cp);
}
/// Frees everything allocated from `buf`.
inline void reset(Buffer &buf) noexcept { buf.reset(); }

/// The current position of the calling thread's default buffer.
[[nodiscard]] inline Checkpoint checkpoint() {
  return default_buffer().checkpoint();
}
/// Restores a checkpoint of the calling thread's default buffer.
inline void restore(const Checkpoint &cp) { default_buffer().restore(cp); }
/// Frees everything allocated from the calling thread's default buffer.
inline void reset() { default_buffer().reset(); }

/// The guard bumper-tool inserts into `[[bumper::no_escape]]` blocks: takes a
/// checkpoint when constructed and restores it when destroyed, on every exit
/// from the scope (fall-through, return, break, continue, goto, exception).
///
///   bumper::NoEscape guard;       // the calling thread's default buffer
///   bumper::NoEscape guard(buf);  // any buffer
///
/// It may stand in `constexpr` and `consteval` functions: during constant
/// evaluation (which cannot allocate from a buffer) it does nothing.
class NoEscape {
public:
  /// Guards the calling thread's default buffer as it is now (a later
  /// `with_buffer` does not change which buffer this guard restores).
  BUMPER_INLINE constexpr NoEscape()
      : checkpoint_(std::is_constant_evaluated()
                        ? Checkpoint{}
                        : default_buffer().checkpoint()) {}
  BUMPER_INLINE constexpr explicit NoEscape(Buffer &buf) noexcept
      : checkpoint_(std::is_constant_evaluated() ? Checkpoint{}
                                                 : buf.checkpoint()) {}
  BUMPER_INLINE constexpr ~NoEscape() {
    if (!std::is_constant_evaluated())
      checkpoint_.buffer->restore(checkpoint_);
  }

  NoEscape(const NoEscape &) = delete;
  NoEscape &operator=(const NoEscape &) = delete;
  NoEscape(NoEscape &&) = delete;
  NoEscape &operator=(NoEscape &&) = delete;

  /// The guarded buffer.
  [[nodiscard]] Buffer &buffer() const noexcept { return *checkpoint_.buffer; }

private:
  Checkpoint checkpoint_; // names the buffer too: one pointer, stored once
};

} // namespace bumper

#endif // BUMPER_CORE_HPP
