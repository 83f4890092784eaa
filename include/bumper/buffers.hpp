// The buffers Bumper ships: AllocBuffer, SlabBuffer, ResizeBuffer.
#ifndef BUMPER_BUFFERS_HPP
#define BUMPER_BUFFERS_HPP

#include <bumper/buffer.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

namespace bumper {

namespace detail {
struct Block;       // a block of system memory with a header; runtime/block.hpp
struct RetiredMain; // where an earlier main block of a ResizeBuffer began

/// What the growable buffers share: the blocks they hold from the system,
/// counted for `capacity()` and `slab_count()`, and a limit on them.
class BlockHoldingBuffer : public Buffer {
public:
  [[nodiscard]] std::size_t capacity() const noexcept final {
    return capacity_;
  }
  [[nodiscard]] std::size_t slab_count() const noexcept final {
    return block_count_;
  }
  /// Caps `capacity()`: a request that would need the buffer to hold more
  /// throws `out_of_memory` (`try_alloc`: fails), the buffer unchanged.
  /// Memory already held is kept. No limit by default (SIZE_MAX).
  void set_limit(std::size_t bytes) noexcept { limit_ = bytes; }
  [[nodiscard]] std::size_t limit() const noexcept { return limit_; }

protected:
  /// Whether a new block of `size` bytes keeps the buffer within its limit
  /// once blocks of `replaced` bytes it holds are returned.
  [[nodiscard]] bool may_hold(std::size_t size,
                              std::size_t replaced = 0) const noexcept {
    const std::size_t kept = capacity_ - replaced;
    return size <= limit_ && kept <= limit_ - size;
  }
  /// Counts a block just taken from the system.
  void hold(Block *block) noexcept;
  /// Stops counting `block` and returns it to the system.
  void release(Block *block) noexcept;

private:
  std::size_t capacity_ = 0;
  std::size_t block_count_ = 0;
  std::size_t limit_ = SIZE_MAX;
};
} // namespace detail

/// Fixed capacity, one contiguous block: either its own (`AllocBuffer(bytes)`)
/// or memory the caller passes in and keeps owning. A request that does not
/// fit throws `out_of_memory`.
class AllocBuffer final : public Buffer {
public:
  /// The capacity of `AllocBuffer()`: 1 MiB, as a SlabBuffer's slab.
  static constexpr std::size_t default_capacity = std::size_t{1} << 20;

  /// Owns a block of `capacity` bytes rounded up to a multiple of
  /// `allocation_granule` (aligned to 64).
  explicit AllocBuffer(std::size_t capacity = default_capacity);
  /// Bumps through the caller's memory, which must outlive the buffer. The
  /// usable part starts and ends at multiples of `allocation_granule` (all of
  /// it for memory from malloc, new or an `alignas(8)` array).
  explicit AllocBuffer(std::span<std::byte> memory) noexcept;
  AllocBuffer(void *memory, std::size_t size) noexcept;
  ~AllocBuffer() override;

  [[nodiscard]] std::size_t capacity() const noexcept override {
    return capacity_;
  }
  [[nodiscard]] std::size_t slab_count() const noexcept override {
    return capacity_ == 0 ? 0 : 1;
  }
  /// The start of the usable block: where the first allocation goes.
  [[nodiscard]] std::byte *data() const noexcept { return data_; }
  void visit_blocks(BlockVisitor visit, void *context) const override;

protected:
  void *allocate_slow(std::size_t size, std::size_t alignment) override;
  bool restore_slow(const Checkpoint &cp) noexcept override;
  void reset_slow() noexcept override;

private:
  void start_empty() noexcept;

  std::byte *memory_ = nullptr; // as allocated or given
  std::size_t memory_size_ = 0;
  std::byte *data_ = nullptr; // the usable part, in granules
  std::size_t capacity_ = 0;
  bool owning_ = false;
};

/// Growable: a chain of slabs of `slab_size` bytes. A request that does not
/// fit in a fresh slab gets an allocation of its own. Restoring a checkpoint
/// frees the newer slabs but keeps one as a spare, so a loop that allocates
/// across a slab boundary does not call malloc/free on every iteration. The
/// thread's default buffer is a SlabBuffer.
class SlabBuffer final : public detail::BlockHoldingBuffer {
public:
  /// 1 MiB, as Bumper.jl's SlabBuffer.
  static constexpr std::size_t default_slab_size = std::size_t{1} << 20;

  /// Takes its first slab now (throws `out_of_memory` if it cannot).
  explicit SlabBuffer(std::size_t slab_size = default_slab_size);
  ~SlabBuffer() override;

  [[nodiscard]] std::size_t slab_size() const noexcept { return slab_size_; }
  /// The size of slabs allocated from now on.
  void set_slab_size(std::size_t bytes) noexcept { slab_size_ = bytes; }
  /// Returns the spare slab to the system; the bytes given back.
  std::size_t trim() noexcept;
  void visit_blocks(BlockVisitor visit, void *context) const override;

protected:
  void *allocate_slow(std::size_t size, std::size_t alignment) override;
  bool restore_slow(const Checkpoint &cp) noexcept override;
  void reset_slow() noexcept override;

private:
  void keep_as_spare(detail::Block *slab) noexcept;
  /// A new block for `size` bytes aligned to `alignment`, counted as held,
  /// or null if the limit or the system refuses it. Gives the spare back if
  /// the limit needs that, but only once the new block is there: a request
  /// that fails changes nothing.
  detail::Block *take_block(std::size_t size, std::size_t alignment) noexcept;
  void record(detail::Block *block) noexcept;

  detail::Block *slabs_ = nullptr; // the current slab first
  detail::Block *spare_ = nullptr; // one freed slab, kept for reuse
  detail::Block *large_ = nullptr; // oversized requests, newest first
  std::size_t slab_size_;
};

/// Like Bumper.jl's newest buffer: one contiguous block; a request that
/// overflows it goes to a side block. When the buffer is empty again (a
/// restore to an empty checkpoint, or `reset`), it reallocates its block to
/// the high-water mark plus some slack, so a frame loop settles into one
/// block after the first frames.
class ResizeBuffer final : public detail::BlockHoldingBuffer {
public:
  explicit ResizeBuffer(std::size_t initial_capacity = 0);
  ~ResizeBuffer() override;

  /// The size of the main block alone.
  [[nodiscard]] std::size_t block_capacity() const noexcept;
  /// Gives memory back to the system; the bytes given back. Only an empty
  /// buffer holds memory it does not use: then its block is freed and the
  /// high-water mark starts afresh, so that once empty again the buffer
  /// regrows its block to what the allocations since the trim needed, not to
  /// an earlier peak. A buffer in use gives nothing back (its side blocks are
  /// freed as soon as a restore or reset leaves them) and is unchanged. For
  /// after a spike, not every frame: each block it frees leaves a small record
  /// (as a regrowth does) until the buffer is destroyed.
  std::size_t trim() noexcept;
  void visit_blocks(BlockVisitor visit, void *context) const override;

protected:
  void *allocate_slow(std::size_t size, std::size_t alignment) override;
  bool restore_slow(const Checkpoint &cp) noexcept override;
  void reset_slow() noexcept override;

private:
  void regrow_if_empty() noexcept;
  void release_sides_until(detail::Block *keep) noexcept;
  void restart_main() noexcept;
  /// Where the main block in use under restart generation `generation`
  /// began (null if none).
  std::byte *main_start(std::size_t generation) const noexcept;

  detail::Block *main_ = nullptr;
  // The generation the main block was allocated under: odd generations below
  // it belong to earlier main blocks, replaced only when the buffer was empty.
  std::size_t main_since_ = 0;
  // The earlier main blocks' starts, newest first: a checkpoint of one of
  // them is valid only at its start (taken on the empty buffer).
  detail::RetiredMain *retired_ = nullptr;
  detail::Block *sides_ = nullptr; // side blocks, the current one first
};

} // namespace bumper

#endif // BUMPER_BUFFERS_HPP
