// AllocBuffer: one block of fixed capacity.
#include "block.hpp"
#include "bumper/bumper.hpp"

#include <cstdint>
#include <functional>

namespace bumper {

AllocBuffer::AllocBuffer(std::size_t capacity) : capacity_(capacity) {
  if (capacity_ >
      static_cast<std::size_t>(PTRDIFF_MAX) - detail::block_alignment)
    throw out_of_memory(capacity_, detail::block_alignment, 0, 0);
  if (capacity_ != 0) {
    void *memory = ::operator new(
        capacity_, std::align_val_t{detail::block_alignment}, std::nothrow);
    if (memory == nullptr)
      throw out_of_memory(capacity_, detail::block_alignment, 0, 0);
    begin_ = static_cast<std::byte *>(memory);
    owning_ = true;
  }
  detail::poison(begin_, capacity_);
  restart(begin_, begin_ + capacity_);
}

AllocBuffer::AllocBuffer(std::span<std::byte> memory) noexcept
    : AllocBuffer(memory.data(), memory.size()) {}

AllocBuffer::AllocBuffer(void *memory, std::size_t size) noexcept
    : begin_(static_cast<std::byte *>(memory)), capacity_(size) {
  detail::poison(begin_, capacity_);
  restart(begin_, begin_ + capacity_);
}

AllocBuffer::~AllocBuffer() {
  // The caller's memory goes back to the caller usable.
  detail::unpoison(begin_, capacity_);
  if (owning_)
    ::operator delete(begin_, capacity_,
                      std::align_val_t{detail::block_alignment});
}

void *AllocBuffer::allocate_slow(std::size_t size, std::size_t alignment) {
  throw out_of_memory(size, alignment, capacity_, used());
}

bool AllocBuffer::restore_slow(const Checkpoint &cp) noexcept {
  // Only a reset changes the generation of an AllocBuffer, so `cp` was taken
  // before one: it is still valid only if it was taken on an empty buffer.
  // Every generation of an AllocBuffer comes from `restart`, and its region
  // always starts at begin_, so that is the case exactly when it is at
  // begin_.
  if (!is_restart_generation(cp.generation) || cp.position != begin_)
    return false;
  std::byte *end = begin_ + capacity_;
  detail::poison(begin_, capacity_);
  rewind(cp, begin_, end, 0, generation());
  return true;
}

void AllocBuffer::reset_slow() noexcept {
  detail::poison(begin_, capacity_);
  restart(begin_, begin_ + capacity_);
}

} // namespace bumper
