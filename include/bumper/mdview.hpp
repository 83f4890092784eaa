// bumper::mdview: a row-major multi-dimensional view, shaped like
// std::mdspan (which g++ 12 lacks), and alloc<T>(buf, d0, d1, ...) returning
// one.
#ifndef BUMPER_MDVIEW_HPP
#define BUMPER_MDVIEW_HPP

#include <bumper/core.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace bumper {

/// A non-owning, row-major (last index fastest) view of `Rank` dimensions
/// over contiguous elements, with the members of `std::mdspan` that matter:
/// `extent(r)`, `size()`, `data_handle()`, `stride(r)`, `operator()(i, j,
/// ...)` and, under C++23, `operator[](i, j, ...)`.
template <class T, std::size_t Rank> class mdview {
  static_assert(Rank >= 1, "bumper::mdview needs at least one dimension");

public:
  using element_type = T;
  using value_type = std::remove_cv_t<T>;
  using index_type = std::size_t;
  using size_type = std::size_t;
  using data_handle_type = T *;
  using reference = T &;

  constexpr mdview() noexcept = default;
  constexpr mdview(T *data,
                   const std::array<std::size_t, Rank> &extents) noexcept
      : data_(data), extents_(extents) {}

  [[nodiscard]] static constexpr std::size_t rank() noexcept { return Rank; }
  [[nodiscard]] constexpr std::size_t extent(std::size_t r) const noexcept {
    return extents_[r];
  }
  [[nodiscard]] constexpr const std::array<std::size_t, Rank> &
  extents() const noexcept {
    return extents_;
  }
  /// Elements between consecutive indices of dimension `r`.
  [[nodiscard]] constexpr std::size_t stride(std::size_t r) const noexcept {
    std::size_t s = 1;
    for (std::size_t d = r + 1; d < Rank; ++d)
      s *= extents_[d];
    return s;
  }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 1;
    for (std::size_t e : extents_)
      n *= e;
    return n;
  }
  [[nodiscard]] constexpr bool empty() const noexcept { return size() == 0; }
  [[nodiscard]] constexpr T *data_handle() const noexcept { return data_; }
  /// All elements, in row-major order.
  [[nodiscard]] constexpr std::span<T> flat() const noexcept {
    return {data_, size()};
  }

  template <std::convertible_to<std::size_t>... Indices>
    requires(sizeof...(Indices) == Rank)
  [[nodiscard]] constexpr T &operator()(Indices... indices) const noexcept {
    return data_[offset({static_cast<std::size_t>(indices)...})];
  }
#if defined(__cpp_multidimensional_subscript) &&                               \
    __cpp_multidimensional_subscript >= 202110L
  template <std::convertible_to<std::size_t>... Indices>
    requires(sizeof...(Indices) == Rank)
  [[nodiscard]] constexpr T &operator[](Indices... indices) const noexcept {
    return data_[offset({static_cast<std::size_t>(indices)...})];
  }
#endif

private:
  constexpr std::size_t
  offset(const std::array<std::size_t, Rank> &index) const noexcept {
    std::size_t at = 0;
    for (std::size_t d = 0; d < Rank; ++d) {
#if BUMPER_DEBUG_CHECKS
      if (index[d] >= extents_[d]) [[unlikely]]
        detail::fail("mdview index out of range");
#endif
      at = at * extents_[d] + index[d];
    }
    return at;
  }

  T *data_ = nullptr;
  std::array<std::size_t, Rank> extents_{};
};

// --- N-D allocation ---

namespace detail {
/// Converts one extent, treating a negative one as an overflowing request.
template <std::integral Int>
constexpr std::size_t to_extent(Int extent, bool &overflow) noexcept {
  if constexpr (std::is_signed_v<Int>)
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

} // namespace bumper

#endif // BUMPER_MDVIEW_HPP
