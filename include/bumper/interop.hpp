// Standard containers on arena memory: bumper::allocator<T> and
// bumper::buffer_resource (a std::pmr::memory_resource).
#ifndef BUMPER_INTEROP_HPP
#define BUMPER_INTEROP_HPP

#include <bumper/buffer.hpp>

#include <cstddef>
#include <memory_resource>
#include <new>

namespace bumper {

/// A standard allocator that takes memory from a buffer. `deallocate` keeps
/// the memory (under ASan it poisons it, so a use after deallocation is
/// reported): it comes back when the buffer is restored or reset, so the
/// container must be gone by then. Two allocators are equal when they use
/// the same buffer.
///
///   std::vector<int, bumper::allocator<int>> v{bumper::allocator<int>(buf)};
template <class T> class allocator {
public:
  using value_type = T;

  explicit allocator(Buffer &buf) noexcept : buffer_(&buf) {}
  template <class U>
  allocator(const allocator<U> &other) noexcept : buffer_(&other.buffer()) {}

  /// Throws `out_of_memory` (a std::bad_alloc) if `n * sizeof(T)` overflows
  /// or the buffer cannot satisfy the request.
  [[nodiscard]] T *allocate(std::size_t n) {
    return static_cast<T *>(buffer_->allocate_array(n, sizeof(T), alignof(T)));
  }
  void deallocate(T *p, std::size_t n) noexcept {
    // Not given back even when it is the buffer's newest allocation: a guard
    // opened since would then hold a checkpoint above the position, which
    // the debug checks take for a dead one (docs/runtime.md).
    detail::poison(p, n * sizeof(T));
  }

  [[nodiscard]] Buffer &buffer() const noexcept { return *buffer_; }

  template <class U>
  friend bool operator==(const allocator &a, const allocator<U> &b) noexcept {
    return &a.buffer() == &b.buffer();
  }

private:
  Buffer *buffer_;
};

/// A `std::pmr::memory_resource` over a buffer, for `std::pmr` containers.
/// `deallocate` does nothing (see `allocator`).
///
///   bumper::buffer_resource resource(buf);
///   std::pmr::vector<int> v(&resource);
class buffer_resource final : public std::pmr::memory_resource {
public:
  explicit buffer_resource(Buffer &buf) noexcept : buffer_(&buf) {}
  [[nodiscard]] Buffer &buffer() const noexcept { return *buffer_; }

private:
  void *do_allocate(std::size_t bytes, std::size_t alignment) override {
    return buffer_->allocate(bytes, alignment);
  }
  void do_deallocate(void *, std::size_t, std::size_t) noexcept override {}
  bool
  do_is_equal(const std::pmr::memory_resource &other) const noexcept override {
    // Identity, as std::pmr's own resources do (and no RTTI needed).
    return this == &other;
  }

  Buffer *buffer_;
};

} // namespace bumper

#endif // BUMPER_INTEROP_HPP
