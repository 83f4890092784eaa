// SlabBuffer: a chain of slabs, a spare slab, and oversized requests on the
// side.
#include "block.hpp"
#include "bumper/bumper.hpp"

#include <cstdint>
#include <utility>

namespace bumper {

namespace {
/// Whether `size` bytes aligned to `alignment` fit a fresh block of `space`
/// bytes whose data is aligned to detail::block_alignment.
bool fits_fresh_block(std::size_t size, std::size_t alignment,
                      std::size_t space) noexcept {
  const std::size_t worst_padding =
      (alignment > detail::block_alignment ? alignment - detail::block_alignment
                                           : 0) +
      asan_redzone;
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
  hold(slabs_);
  restart(slabs_->begin(), slabs_->end());
  record(slabs_);
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

void SlabBuffer::keep_as_spare(detail::Block *slab) noexcept {
  // Called for the freed slabs newest first: the last one is the slab right
  // after the one that stays current, where the next allocation that
  // overflows lands, so it replaces the spare (and the same requests get
  // the same addresses again).
  detail::poison(slab->begin(), slab->size());
  if (spare_ != nullptr)
    release(spare_);
  spare_ = slab;
}

void *SlabBuffer::allocate_slow(std::size_t size, std::size_t alignment) {
  if (size >= slab_size_ || !fits_fresh_block(size, alignment, slab_size_)) {
    // A slab or more: an allocation of its own, so the current slab's free
    // space stays usable.
    detail::Block *block = take_block(size, alignment);
    if (block == nullptr)
      throw out_of_memory(size, alignment, capacity(), used());
    block->next = large_;
    large_ = block;
    // Counted in granules like every allocation; a zero-size block still
    // counts one, so that a checkpoint taken after it is above it.
    add_side_allocation(size == 0 ? allocation_granule
                                  : detail::granule_ceil(size));
    record(block);
    detail::unpoison(block->begin(), size);
    return block->begin();
  }
  detail::Block *slab = nullptr;
  if (spare_ != nullptr && fits_fresh_block(size, alignment, spare_->size())) {
    slab = spare_;
    spare_ = nullptr;
  } else {
    slab = take_block(slab_size_, detail::block_alignment);
    if (slab == nullptr)
      throw out_of_memory(size, alignment, capacity(), used());
  }
  slab->next = slabs_;
  slabs_ = slab;
  start_region(slab->begin(), slab->end());
  record(slab);
  return allocate(size, alignment); // fits now: the inline fast path
}

bool SlabBuffer::restore_slow(const Checkpoint &cp) noexcept {
  // Generations only grow, and every block held was entered or taken under a
  // generation no newer than the current one. So the slab `cp` was taken in
  // is the newest one entered at or before `cp.generation`, and the
  // oversized requests made since `cp` are those with a newer generation.
  detail::Block *target = slabs_;
  while (target != nullptr && target->generation > cp.generation)
    target = target->next;
  // The region base under `cp.generation`: the slab's own if the slab was
  // entered under it, else that of the oversized request that made it.
  const detail::Block *maker = target;
  if (target != nullptr && target->generation != cp.generation) {
    maker = large_;
    while (maker != nullptr && maker->generation != cp.generation)
      maker = maker->next;
  }
  std::size_t base = 0;
  std::size_t generation = cp.generation;
  if (maker != nullptr && target->holds(cp.position)) {
    base = maker->base;
  } else {
    // Its generation is gone. Still valid if it was taken on the empty buffer
    // before a reset: every restart enters the first slab, which is never
    // freed. Then empty the buffer again, under the first slab's generation.
    detail::Block *first = slabs_;
    while (first != nullptr && first->next != nullptr)
      first = first->next;
    if (first == nullptr || !is_restart_generation(cp.generation) ||
        cp.position != first->begin())
      return false; // its block was freed: restored past
    target = first;
    generation = first->generation;
  }
  if (!is_live(cp, target->begin(), base))
    return false;
  while (large_ != nullptr && large_->generation > cp.generation) {
    detail::Block *block = large_;
    large_ = block->next;
    release(block);
  }
  while (slabs_ != target) {
    detail::Block *slab = slabs_;
    slabs_ = slab->next;
    keep_as_spare(slab);
  }
  detail::poison(cp.position,
                 static_cast<std::size_t>(target->end() - cp.position));
  rewind(cp, target->begin(), target->end(), base, generation);
  return true;
}

detail::Block *SlabBuffer::take_block(std::size_t size,
                                      std::size_t alignment) noexcept {
  // The block's data as allocate_block sizes it (and capacity() counts it):
  // whole granules.
  if (size > SIZE_MAX - allocation_granule)
    return nullptr;
  const std::size_t data = detail::granule_ceil(size);
  const bool needs_spare_back = !may_hold(data);
  if (needs_spare_back &&
      (spare_ == nullptr || !may_hold(data, spare_->size())))
    return nullptr;
  detail::Block *block = detail::allocate_block(size, alignment);
  if (block == nullptr)
    return nullptr;
  // For this moment the buffer holds the spare beyond its limit; freeing it
  // first would change the buffer when the system then refused the block.
  if (needs_spare_back)
    trim();
  hold(block);
  return block;
}

std::size_t SlabBuffer::trim() noexcept {
  if (spare_ == nullptr)
    return 0;
  const std::size_t bytes = spare_->size();
  release(std::exchange(spare_, nullptr));
  return bytes;
}

void SlabBuffer::visit_blocks(BlockVisitor visit, void *context) const {
  for (const detail::Block *list : {slabs_, large_})
    for (detail::Block *b = const_cast<detail::Block *>(list); b != nullptr;
         b = b->next)
      visit(context, b->begin(), b->size());
}

void SlabBuffer::record(detail::Block *block) noexcept {
  block->generation = generation();
  block->base = region_base();
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
    restart(nullptr, nullptr);
    return;
  }
  detail::poison(slabs_->begin(), slabs_->size());
  restart(slabs_->begin(), slabs_->end());
  record(slabs_);
}

} // namespace bumper
