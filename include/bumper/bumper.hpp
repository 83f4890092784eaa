// Bumper: scratch memory as cheap as the stack. The C++ API.
//
//   int f(std::span<const int> x) {
//     bumper::NoEscape guard;                       // resets on every exit
//     std::span<int> y = bumper::alloc<int>(x.size());
//     for (std::size_t i = 0; i < x.size(); ++i) y[i] = x[i] + 1;
//     return std::accumulate(y.begin(), y.end(), 0);
//   }
//
// See docs/runtime.md for the whole API.
#ifndef BUMPER_BUMPER_HPP
#define BUMPER_BUMPER_HPP

#include <bumper/buffer.hpp>
#include <bumper/buffers.hpp>
#include <bumper/config.h>
#include <bumper/mdview.hpp>

#include <array>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>

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

namespace detail {
/// Installs a buffer as the thread's default for its lifetime.
class DefaultBufferOverride {
public:
  explicit DefaultBufferOverride(Buffer &buf) noexcept
      : previous_(current_buffer) {
    current_buffer = &buf;
  }
  ~DefaultBufferOverride() { current_buffer = previous_; }
  DefaultBufferOverride(const DefaultBufferOverride &) = delete;
  DefaultBufferOverride &operator=(const DefaultBufferOverride &) = delete;

private:
  Buffer *previous_;
};
} // namespace detail

/// Runs `f()` with `buf` as the calling thread's default buffer and returns
/// its result. The previous default comes back when `f` returns or throws.
/// Calls nest.
template <class F> decltype(auto) with_buffer(Buffer &buf, F &&f) {
  detail::DefaultBufferOverride scope(buf);
  return std::invoke(std::forward<F>(f));
}

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

/// Converts one extent, treating a negative one as an overflowing request.
template <std::integral I>
constexpr std::size_t to_extent(I extent, bool &overflow) noexcept {
  if constexpr (std::is_signed_v<I>)
    if (extent < 0) {
      overflow = true;
      return 0;
    }
  if (std::cmp_greater(extent, SIZE_MAX)) {
    overflow = true;
    return 0;
  }
  return static_cast<std::size_t>(extent);
}
} // namespace detail

/// `size` uninitialised bytes aligned to `alignment` (a power of two, or
/// std::invalid_argument is thrown) from `buf`. Throws `out_of_memory` if
/// `buf` cannot satisfy the request.
BUMPER_ALLOCATOR [[nodiscard]] inline void *
alloc_bytes(Buffer &buf, std::size_t size,
            std::size_t alignment = alignof(std::max_align_t)) {
  if (!std::has_single_bit(alignment)) [[unlikely]]
    detail::throw_bad_alignment(alignment);
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
  return {std::assume_aligned<alignof(T)>(data), n};
}

/// `n` elements of `T` from the calling thread's default buffer.
template <class T>
BUMPER_ALLOCATOR [[nodiscard]] inline std::span<T> alloc(std::size_t n) {
  return alloc<T>(default_buffer(), n);
}

/// A row-major `d0 x d1 x ...` array of `T` from `buf` (two or more extents).
template <class T, std::integral... Extents>
  requires(sizeof...(Extents) >= 2)
BUMPER_ALLOCATOR [[nodiscard]] inline mdview<T, sizeof...(Extents)>
alloc(Buffer &buf, Extents... extents) {
  detail::check_element_type<T>();
  bool overflow = false;
  const std::array<std::size_t, sizeof...(Extents)> dims{
      detail::to_extent(extents, overflow)...};
  std::size_t count = 1;
  for (std::size_t d : dims) {
    if (d != 0 && count > SIZE_MAX / d)
      overflow = true;
    else
      count *= d;
  }
  if (overflow) [[unlikely]]
    detail::throw_size_overflow(buf, SIZE_MAX, sizeof(T));
  return {alloc<T>(buf, count).data(), dims};
}

/// A row-major `d0 x d1 x ...` array of `T` from the calling thread's default
/// buffer (two or more extents; one extent is `alloc<T>(n)`).
template <class T, std::integral... Extents>
  requires(sizeof...(Extents) >= 2)
BUMPER_ALLOCATOR [[nodiscard]] inline mdview<T, sizeof...(Extents)>
alloc(Extents... extents) {
  return alloc<T>(default_buffer(), extents...);
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

#include <bumper/interop.hpp>

#endif // BUMPER_BUMPER_HPP
