// ResizeBuffer: one main block, side blocks on overflow, and a main block
// regrown to the high-water mark whenever the buffer is empty again.
#include "block.hpp"
#include "bumper/bumper.hpp"

#include <algorithm>
#include <functional>

namespace bumper {

namespace {
constexpr std::size_t min_block_size = 4096;

/// The main block's size for a high-water mark: 1/8 slack for alignment
/// padding that may differ from the frames that set the mark, rounded up to
/// a page.
std::size_t regrown_size(std::size_t high_water) noexcept {
  std::size_t size = high_water + high_water / 8;
  if (size < high_water)
    return high_water;
  const std::size_t rounded =
      (size + min_block_size - 1) & ~(min_block_size - 1);
  return rounded < size ? size : rounded;
}
} // namespace

ResizeBuffer::ResizeBuffer(std::size_t initial_capacity) {
  if (initial_capacity != 0) {
    main_ = detail::allocate_block(initial_capacity, detail::block_alignment);
    if (main_ == nullptr)
      throw out_of_memory(initial_capacity, detail::block_alignment, 0, 0);
    capacity_ = main_->size();
    block_count_ = 1;
    restart(main_->begin(), main_->end());
  }
}

ResizeBuffer::~ResizeBuffer() {
  while (sides_ != nullptr) {
    detail::Block *next = sides_->next;
    detail::free_block(sides_);
    sides_ = next;
  }
  detail::free_block(main_);
}

std::size_t ResizeBuffer::block_capacity() const noexcept {
  return main_ == nullptr ? 0 : main_->size();
}

void ResizeBuffer::release(detail::Block *block) noexcept {
  capacity_ -= block->size();
  --block_count_;
  detail::free_block(block);
}

void *ResizeBuffer::allocate_slow(std::size_t size, std::size_t alignment) {
  const std::size_t worst_padding = alignment > detail::block_alignment
                                        ? alignment - detail::block_alignment
                                        : 0;
  if (size > SIZE_MAX - worst_padding)
    throw out_of_memory(size, alignment, capacity_, used());
  const std::size_t needed = size + worst_padding;
  // Side blocks grow geometrically, so a frame needs few of them.
  const std::size_t preferred = std::max({needed, capacity_, min_block_size});
  detail::Block *side =
      detail::allocate_block(preferred, detail::block_alignment);
  if (side == nullptr && preferred != needed)
    side = detail::allocate_block(needed, detail::block_alignment);
  if (side == nullptr)
    throw out_of_memory(size, alignment, capacity_, used());
  side->next = sides_;
  sides_ = side;
  capacity_ += side->size();
  ++block_count_;
  start_region(side->begin(), side->end());
  return allocate(size, alignment); // fits now: the inline fast path
}

bool ResizeBuffer::restore_slow(const Checkpoint &cp) noexcept {
  // The side block the checkpoint was taken in, if any.
  detail::Block *target = sides_;
  while (target != nullptr && !target->holds(cp.position))
    target = target->next;
  std::byte *begin = main_ == nullptr ? nullptr : main_->begin();
  std::byte *end = main_ == nullptr ? nullptr : main_->end();
  const std::less<const std::byte *> before;
  const bool in_main = !before(cp.position, begin) && !before(end, cp.position);
  // Not in any block held: taken in a main block that has been regrown since.
  // That happened when the buffer was empty, so only an empty checkpoint can
  // still be valid.
  if (target == nullptr && !in_main && cp.used != 0)
    return false;
  while (sides_ != target) {
    detail::Block *side = sides_;
    sides_ = side->next;
    release(side);
  }
  if (target != nullptr) {
    detail::poison(cp.position,
                   static_cast<std::size_t>(target->end() - cp.position));
    rewind(cp, target->begin(), target->end());
    return true;
  }
  if (!in_main) {
    detail::poison(begin, static_cast<std::size_t>(end - begin));
    restart(begin, end);
  } else {
    detail::poison(cp.position, static_cast<std::size_t>(end - cp.position));
    rewind(cp, begin, end);
  }
  regrow_if_empty();
  return true;
}

void ResizeBuffer::reset_slow() noexcept {
  while (sides_ != nullptr) {
    detail::Block *side = sides_;
    sides_ = side->next;
    release(side);
  }
  std::byte *begin = main_ == nullptr ? nullptr : main_->begin();
  std::byte *end = main_ == nullptr ? nullptr : main_->end();
  detail::poison(begin, static_cast<std::size_t>(end - begin));
  restart(begin, end);
  regrow_if_empty();
}

void ResizeBuffer::regrow_if_empty() noexcept {
  if (used() != 0 || sides_ != nullptr || high_water() <= block_capacity())
    return;
  detail::Block *grown = detail::allocate_block(regrown_size(high_water()),
                                                detail::block_alignment);
  if (grown == nullptr)
    return; // keep the old block: overflow keeps working through side blocks
  if (main_ != nullptr)
    release(main_);
  main_ = grown;
  capacity_ += grown->size();
  ++block_count_;
  restart(main_->begin(), main_->end());
}

} // namespace bumper
