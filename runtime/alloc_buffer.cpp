// AllocBuffer: one block of fixed capacity.
#include "block.hpp"
#include "bumper/bumper.hpp"

#include <cstdint>
#include <functional>

namespace bumper {

AllocBuffer::AllocBuffer(std::size_t capacity) {
  if (capacity >
      static_cast<std::size_t>(PTRDIFF_MAX) - detail::block_alignment)
    throw out_of_memory(capacity, detail::block_alignment, 0, 0);
  memory_size_ = detail::granule_ceil(capacity);
  if (memory_size_ != 0) {
    void *memory = ::operator new(
        memory_size_, std::align_val_t{detail::block_alignment}, std::nothrow);
    if (memory == nullptr)
      throw out_of_memory(capacity, detail::block_alignment, 0, 0);
    memory_ = static_cast<std::byte *>(memory);
    owning_ = true;
  }
  start_empty();
}

AllocBuffer::AllocBuffer(std::span<std::byte> memory) noexcept
    : AllocBuffer(memory.data(), memory.size()) {}

AllocBuffer::AllocBuffer(void *memory, std::size_t size) noexcept
    : memory_(static_cast<std::byte *>(memory)), memory_size_(size) {
  start_empty();
}

void AllocBuffer::start_empty() noexcept {
  detail::poison(memory_, memory_size_);
  restart(memory_, memory_ + memory_size_);
  // `restart` keeps the granules inside the memory.
  data_ = region_begin();
  capacity_ = static_cast<std::size_t>(region_end() - region_begin());
}

AllocBuffer::~AllocBuffer() {
  // The caller's memory goes back to the caller usable.
  detail::unpoison(memory_, memory_size_);
  if (owning_)
    ::operator delete(memory_, memory_size_,
                      std::align_val_t{detail::block_alignment});
}

void *AllocBuffer::allocate_slow(std::size_t size, std::size_t alignment) {
  throw out_of_memory(size, alignment, capacity_, used());
}

bool AllocBuffer::restore_slow(const Checkpoint &cp) noexcept {
  // Only a reset changes the generation of an AllocBuffer, so `cp` was taken
  // before one: it is still valid only if it was taken on an empty buffer.
  // Every generation of an AllocBuffer comes from `restart`, and its region
  // always starts at data_, so that is the case exactly when it is at data_.
  if (!is_restart_generation(cp.generation) || cp.position != data_)
    return false;
  detail::poison(data_, capacity_);
  rewind(cp, data_, data_ + capacity_, 0, generation());
  return true;
}

void AllocBuffer::visit_blocks(BlockVisitor visit, void *context) const {
  if (capacity_ != 0)
    visit(context, data_, capacity_);
}

void AllocBuffer::reset_slow() noexcept {
  detail::poison(data_, capacity_);
  restart(data_, data_ + capacity_);
}

} // namespace bumper
