// Stand-in of <bumper/bumper.hpp> for the tool's fuzzer (../../README.md):
// the same names and signatures, declarations only.
#ifndef BUMPER_BUMPER_HPP
#define BUMPER_BUMPER_HPP
#include <bumper/config.h>
#include <cstddef>
#include <span>
#include <utility>

struct bumper_buffer;

namespace bumper {

class Buffer;
struct Checkpoint {
  Buffer *buffer;
  void *position;
  std::size_t generation;
};

class Buffer {
public:
  virtual ~Buffer();
  void *allocate(std::size_t size, std::size_t alignment);
  Checkpoint checkpoint() const noexcept;
  void restore(const Checkpoint &) noexcept;
  void reset() noexcept;
  std::size_t used() const noexcept;
  std::size_t capacity() const noexcept;
  std::size_t high_water() const noexcept;
};
class AllocBuffer final : public Buffer {
public:
  explicit AllocBuffer(std::size_t capacity);
  AllocBuffer(void *memory, std::size_t capacity) noexcept;
  AllocBuffer(std::span<std::byte> memory) noexcept;
};
class SlabBuffer final : public Buffer {
public:
  SlabBuffer();
  explicit SlabBuffer(std::size_t slab_size);
};
class ResizeBuffer final : public Buffer {
public:
  ResizeBuffer();
  explicit ResizeBuffer(std::size_t initial_capacity);
};
class out_of_memory {};

Buffer &default_buffer();
void set_default_buffer_size(std::size_t bytes);
std::size_t default_buffer_size() noexcept;
Buffer &from_c(::bumper_buffer *handle) noexcept;
const Buffer &from_c(const ::bumper_buffer *handle) noexcept;
::bumper_buffer *to_c(Buffer &buf) noexcept;
template <class F> decltype(auto) with_buffer(Buffer &buf, F &&f) {
  (void)buf;
  return std::forward<F>(f)();
}

template <class T, std::size_t Rank> class mdview {
public:
  mdview(T *data, const std::size_t (&dims)[Rank]);
  T *data() const noexcept;
  std::size_t size() const noexcept;
  std::size_t extent(std::size_t d) const noexcept;
  template <class... I> T &operator()(I... i) const;
  T &operator[](std::size_t i) const;
  T *begin() const noexcept;
  T *end() const noexcept;

private:
  T *data_;
  std::size_t dims_[Rank];
};

BUMPER_ALLOCATOR [[nodiscard]] void *
alloc_bytes(Buffer &buf, std::size_t size,
            std::size_t alignment = alignof(std::max_align_t));
template <class T>
BUMPER_ALLOCATOR [[nodiscard]] std::span<T> alloc(Buffer &buf, std::size_t n);
template <class T>
BUMPER_ALLOCATOR [[nodiscard]] std::span<T> alloc(std::size_t n);
#if __cplusplus >= 202002L
template <class T, std::integral... Extents>
  requires(sizeof...(Extents) >= 2)
BUMPER_ALLOCATOR [[nodiscard]] mdview<T, sizeof...(Extents)>
alloc(Buffer &buf, Extents... extents);
template <class T, std::integral... Extents>
  requires(sizeof...(Extents) >= 2)
BUMPER_ALLOCATOR [[nodiscard]] mdview<T, sizeof...(Extents)>
alloc(Extents... extents);
#endif

[[nodiscard]] Checkpoint checkpoint(Buffer &buf) noexcept;
void restore(Buffer &buf, const Checkpoint &cp) noexcept;
void reset(Buffer &buf) noexcept;

class NoEscape {
public:
  NoEscape();
  explicit NoEscape(Buffer &buf) noexcept;
  ~NoEscape();
  NoEscape(const NoEscape &) = delete;
  NoEscape &operator=(const NoEscape &) = delete;
  Buffer &buffer() const noexcept;

private:
  Checkpoint checkpoint_;
};

} // namespace bumper
#endif
