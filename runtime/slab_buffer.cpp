// SlabBuffer: a chain of slabs, a spare slab, and oversized requests on the
// side.
#include "block.hpp"
#include "bumper/bumper.hpp"

namespace bumper {

namespace {
/// Whether `size` bytes aligned to `alignment` fit a fresh block of `space`
/// bytes whose data is aligned to detail::block_alignment.
bool fits_fresh_block(std::size_t size, std::size_t alignment,
                      std::size_t space) noexcept {
  const std::size_t worst_padding = alignment > detail::block_alignment
                                        ? alignment - detail::block_alignment
                                        : 0;
  return worst_padding <= space && size <= space - worst_padding;
}
} // namespace

SlabBuffer::SlabBuffer(std::size_t slab_size) : slab_size_(slab_size) {
  // The first slab is taken now, so that a checkpoint of the new buffer is in
  // the same block as the allocations after it: a guard around the first
  // allocations then restores inline instead of through the slow path.
  slabs_ = detail::allocate_block(slab_size_, detail::block_alignment);
  if (slabs_ == nullptr)
    throw out_of_memory(slab_size_, detail::block_alignment, 0, 0);
  capacity_ = slabs_->size();
  block_count_ = 1;
  restart(slabs_->begin(), slabs_->end(), slabs_);
}

SlabBuffer::~SlabBuffer() {
  for (detail::Block *list : {slabs_, large_})
    while (list != nullptr) {
      detail::Block *next = list->next;
      detail::free_block(list);
      list = next;
    }
  detail::free_block(spare_);
}

void SlabBuffer::release(detail::Block *block) noexcept {
  capacity_ -= block->size();
  --block_count_;
  detail::free_block(block);
}

void SlabBuffer::keep_as_spare(detail::Block *slab) noexcept {
  detail::poison(slab->begin(), slab->size());
  if (spare_ == nullptr)
    spare_ = slab;
  else
    release(slab);
}

void *SlabBuffer::allocate_slow(std::size_t size, std::size_t alignment) {
  if (size >= slab_size_ || !fits_fresh_block(size, alignment, slab_size_)) {
    // A slab or more: an allocation of its own, so the current slab's free
    // space stays usable.
    detail::Block *block = detail::allocate_block(size, alignment);
    if (block == nullptr)
      throw out_of_memory(size, alignment, capacity_, used());
    block->next = large_;
    large_ = block;
    capacity_ += block->size();
    ++block_count_;
    add_side_allocation(size);
    detail::unpoison(block->begin(), size);
    return block->begin();
  }
  detail::Block *slab = nullptr;
  if (spare_ != nullptr && fits_fresh_block(size, alignment, spare_->size())) {
    slab = spare_;
    spare_ = nullptr;
  } else {
    slab = detail::allocate_block(slab_size_, detail::block_alignment);
    if (slab == nullptr)
      throw out_of_memory(size, alignment, capacity_, used());
    capacity_ += slab->size();
    ++block_count_;
  }
  slab->next = slabs_;
  slabs_ = slab;
  start_region(slab->begin(), slab->end(), slab);
  return allocate(size, alignment); // fits now: the inline fast path
}

bool SlabBuffer::restore_slow(const Checkpoint &cp) noexcept {
  auto *target = static_cast<detail::Block *>(cp.region);
  if (cp.side_allocations > side_allocations())
    return false;
  if (target != nullptr) {
    detail::Block *slab = slabs_;
    while (slab != nullptr && slab != target)
      slab = slab->next;
    if (slab == nullptr)
      return false;
  }
  for (std::size_t n = side_allocations() - cp.side_allocations; n > 0; --n) {
    detail::Block *block = large_;
    large_ = block->next;
    release(block);
  }
  while (slabs_ != target) {
    detail::Block *slab = slabs_;
    slabs_ = slab->next;
    keep_as_spare(slab);
  }
  if (target == nullptr) {
    rewind(cp, nullptr, nullptr);
  } else {
    detail::poison(cp.position,
                   static_cast<std::size_t>(target->end() - cp.position));
    rewind(cp, target->begin(), target->end());
  }
  return true;
}

void SlabBuffer::reset_slow() noexcept {
  while (large_ != nullptr) {
    detail::Block *block = large_;
    large_ = block->next;
    release(block);
  }
  // Keep the first slab as the current one (and one more as the spare).
  while (slabs_ != nullptr && slabs_->next != nullptr) {
    detail::Block *slab = slabs_;
    slabs_ = slab->next;
    keep_as_spare(slab);
  }
  if (slabs_ == nullptr) {
    restart(nullptr, nullptr, nullptr);
    return;
  }
  detail::poison(slabs_->begin(), slabs_->size());
  restart(slabs_->begin(), slabs_->end(), slabs_);
}

} // namespace bumper
