// Blocks of system memory with a small header, shared by the buffers.
#ifndef BUMPER_RUNTIME_BLOCK_HPP
#define BUMPER_RUNTIME_BLOCK_HPP

#include "bumper/buffer.hpp"

#include <cstddef>
#include <functional>
#include <new>

namespace bumper::detail {

/// A header at the start of each block; the data follows at `data_offset`.
struct Block {
  Block *next;             // the next older block in a list
  std::size_t total;       // bytes allocated, header included
  std::size_t alignment;   // the alignment the block was allocated with
  std::size_t data_offset; // header plus padding up to `alignment`
  std::size_t generation;  // the buffer's generation it was entered/taken in
  std::size_t base;        // the buffer's region base under that generation

  /// Whether `p` lies in the data, its end included.
  bool holds(const std::byte *p) noexcept {
    const std::less_equal<const std::byte *> at_or_before;
    return at_or_before(begin(), p) && at_or_before(p, end());
  }

  std::byte *begin() noexcept {
    return reinterpret_cast<std::byte *>(this) + data_offset;
  }
  std::byte *end() noexcept {
    return reinterpret_cast<std::byte *>(this) + total;
  }
  std::size_t size() const noexcept { return total - data_offset; }
};

/// Alignment of every block's data: a cache line.
inline constexpr std::size_t block_alignment = 64;

/// A block with at least `size` bytes of data (a whole number of granules)
/// aligned to `alignment` (at
/// least `block_alignment`), its data poisoned for ASan; nullptr when the
/// system has no memory or the size overflows.
Block *allocate_block(std::size_t size, std::size_t alignment) noexcept;
/// Returns a block to the system.
void free_block(Block *block) noexcept;

} // namespace bumper::detail

#endif
