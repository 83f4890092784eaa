// The out-of-line parts of bumper::Buffer: validation of slow restores,
// ownership checks, errors, and the block allocator shared by the buffers.
#include "block.hpp"
#include "bumper/bumper.hpp"

#include <atomic>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace bumper {

namespace detail {

void fail(const char *message) noexcept {
  std::fprintf(stderr, "bumper: %s\n", message);
  std::fflush(stderr);
  std::abort();
}

void throw_size_overflow(const Buffer &buf, std::size_t count,
                         std::size_t element_size) {
  throw out_of_memory::size_overflow(count, element_size, buf.capacity());
}

alignas(4096) std::byte empty_block[1];

std::size_t next_generation(bool restart) noexcept {
  // Even numbers from 2; a restart takes the odd one after. Relaxed: only
  // uniqueness and each thread's order matter, and a buffer is used by one
  // thread at a time.
  static std::atomic<std::size_t> counter{2};
  const std::size_t g = counter.fetch_add(2, std::memory_order_relaxed);
  return restart ? g + 1 : g;
}

void throw_bad_alignment(std::size_t alignment) {
  throw std::invalid_argument("bumper: alignment " + std::to_string(alignment) +
                              " is not a power of two");
}

Block *allocate_block(std::size_t size, std::size_t alignment) noexcept {
  if (alignment < block_alignment)
    alignment = block_alignment;
  const std::size_t data_offset =
      (sizeof(Block) + alignment - 1) & ~(alignment - 1);
  // No object is larger than PTRDIFF_MAX; and the aligned operator new of
  // libstdc++ rounds the size up to the alignment, which would wrap for
  // sizes near SIZE_MAX and return a tiny block.
  constexpr auto largest = static_cast<std::size_t>(PTRDIFF_MAX);
  if (size > largest - data_offset - alignment)
    return nullptr;
  // Data of a whole number of granules: the buffers bump through all of it.
  const std::size_t total = data_offset + granule_ceil(size);
  void *memory =
      ::operator new(total, std::align_val_t{alignment}, std::nothrow);
  if (memory == nullptr)
    return nullptr;
  auto *block =
      new (memory) Block{nullptr, total, alignment, data_offset, 0, 0};
  poison(block->begin(), block->size());
  return block;
}

void free_block(Block *block) noexcept {
  if (block == nullptr)
    return;
  unpoison(block->begin(), block->size());
  const std::size_t total = block->total;
  const std::align_val_t alignment{block->alignment};
  block->~Block();
  ::operator delete(static_cast<void *>(block), total, alignment);
}

} // namespace detail

// --- out_of_memory
// ------------------------------------------------------------

out_of_memory::out_of_memory(std::size_t size, std::size_t alignment,
                             std::size_t capacity, std::size_t used) noexcept
    : request_(size), capacity_(capacity) {
  std::snprintf(message_, sizeof message_,
                "bumper: out of memory: a request for %zu bytes (aligned to "
                "%zu) does not fit a buffer of capacity %zu bytes with %zu in "
                "use",
                size, alignment, capacity, used);
}

out_of_memory out_of_memory::size_overflow(std::size_t count,
                                           std::size_t element_size,
                                           std::size_t capacity) noexcept {
  out_of_memory error;
  error.request_ = SIZE_MAX;
  error.capacity_ = capacity;
  if (count == SIZE_MAX)
    std::snprintf(error.message_, sizeof error.message_,
                  "bumper: out of memory: the size of a request for an array "
                  "of %zu-byte elements overflows size_t (buffer capacity %zu "
                  "bytes)",
                  element_size, capacity);
  else
    std::snprintf(error.message_, sizeof error.message_,
                  "bumper: out of memory: a request for %zu elements of %zu "
                  "bytes overflows size_t (buffer capacity %zu bytes)",
                  count, element_size, capacity);
  return error;
}

// --- Buffer
// -------------------------------------------------------------------

namespace {
std::atomic<std::size_t> thread_numbers{1};
} // namespace

constinit thread_local std::size_t detail::thread_number = 0;

void Buffer::claim_or_fail() noexcept {
  std::size_t &self = detail::thread_number;
  if (self == 0)
    self = thread_numbers.fetch_add(1, std::memory_order_relaxed);
  if (owner_ == no_owner)
    owner_ = self;
  if (owner_ == self)
    return;
  char message[256];
  std::snprintf(message, sizeof message,
                "buffer %p is owned by thread %zu but used from thread %zu; a "
                "buffer belongs to one thread (release_owner() hands it over)",
                static_cast<const void *>(this), owner_, self);
  detail::fail(message);
}

void Buffer::wrong_buffer(const Checkpoint &cp) const noexcept {
  char message[256];
  std::snprintf(message, sizeof message,
                "checkpoint restored on the wrong buffer: it was taken from "
                "buffer %p, restored on buffer %p",
                static_cast<const void *>(cp.buffer),
                static_cast<const void *>(this));
  detail::fail(message);
}

void Buffer::stale_checkpoint(const Checkpoint &cp) const noexcept {
  char message[256];
  std::snprintf(message, sizeof message,
                "invalid checkpoint: it is above the buffer's current position "
                "(checkpoint at %p, buffer at %p); the buffer was already "
                "restored past it",
                static_cast<const void *>(cp.position),
                static_cast<const void *>(cur_));
  detail::fail(message);
}

void *Buffer::allocate_cold(std::size_t size, std::size_t alignment) {
  return allocate_slow(size, alignment);
}

void *Buffer::allocate_array_cold(std::size_t count, std::size_t element_size,
                                  std::size_t alignment) {
  if (count > SIZE_MAX / element_size)
    detail::throw_size_overflow(*this, count, element_size);
  return allocate_slow(count * element_size, alignment);
}

void *Buffer::try_allocate_cold(std::size_t count, std::size_t element_size,
                                std::size_t alignment) noexcept {
  try {
    return allocate_array_cold(count, element_size, alignment);
  } catch (...) {
    return nullptr;
  }
}

bool Buffer::try_resize(void *p, std::size_t old_size,
                        std::size_t new_size) noexcept {
  check_thread();
  auto *begin = static_cast<std::byte *>(p);
  const auto at = reinterpret_cast<std::uintptr_t>(begin);
  const auto cur = reinterpret_cast<std::uintptr_t>(cur_);
  const bool newest = reinterpret_cast<std::uintptr_t>(region_begin_) <= at &&
                      at <= cur &&
                      cur - at == detail::granule_ceil(old_size) + asan_redzone;
  if (!newest) {
    if (new_size > old_size)
      return false;
    detail::poison(begin + new_size, old_size - new_size);
    return true;
  }
  const auto room = static_cast<std::size_t>(end_ - begin);
  if (new_size > room || detail::granule_ceil(new_size) + asan_redzone > room)
    return false;
  if (new_size > old_size)
    detail::unpoison(begin + old_size, new_size - old_size);
  else
    detail::poison(begin + new_size, detail::granule_ceil(old_size) - new_size);
  cur_ = begin + detail::granule_ceil(new_size) + asan_redzone;
  if (cur_ > peak_)
    peak_ = cur_;
  return true;
}

void Buffer::visit_blocks(BlockVisitor visit, void *context) const {
  if (end_ != region_begin_)
    visit(context, region_begin_,
          static_cast<std::size_t>(end_ - region_begin_));
}

bool Buffer::owns(const void *p) const noexcept {
  struct Search {
    std::uintptr_t address;
    bool found;
  } search{reinterpret_cast<std::uintptr_t>(p), false};
  visit_blocks(
      [](void *context, std::byte *begin, std::size_t size) {
        auto &s = *static_cast<Search *>(context);
        const auto from = reinterpret_cast<std::uintptr_t>(begin);
        if (s.address >= from && s.address - from < size)
          s.found = true;
      },
      &search);
  return search.found;
}

void Buffer::restore_other_block(Buffer *buffer, std::byte *position,
                                 std::size_t generation) noexcept {
  const Checkpoint cp{buffer, position, generation};
  // Always validated: the slow path can afford it, and a bad checkpoint here
  // would free live blocks.
  if (cp.buffer != this)
    wrong_buffer(cp);
  note_high_water();
  if (!restore_slow(cp)) {
    char message[320];
    std::snprintf(message, sizeof message,
                  "invalid checkpoint: it is above the buffer's current "
                  "position, or its block is no longer part of buffer %p; "
                  "the buffer was already restored past it",
                  static_cast<const void *>(this));
    detail::fail(message);
  }
}

void detail::BlockHoldingBuffer::hold(Block *block) noexcept {
  capacity_ += block->size();
  ++block_count_;
}

void detail::BlockHoldingBuffer::release(Block *block) noexcept {
  capacity_ -= block->size();
  --block_count_;
  free_block(block);
}

void Buffer::reset() noexcept {
  check_thread();
  note_high_water();
  reset_slow();
}

} // namespace bumper
