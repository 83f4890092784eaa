// ResizeBuffer: one main block, side blocks on overflow, and a main block
// regrown to the high-water mark whenever the buffer is empty again.
#include "block.hpp"
#include "bumper/bumper.hpp"

#include <algorithm>
#include <functional>
#include <new>
#include <utility>

namespace bumper {

namespace detail {
struct RetiredMain {
  RetiredMain *next;
  std::size_t since; // the first generation of the block
  std::byte *begin;  // where its region began (the empty buffer's position)
};
} // namespace detail

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
    hold(main_);
    restart_main();
    main_since_ = main_->generation;
  }
}

ResizeBuffer::~ResizeBuffer() {
  while (retired_ != nullptr)
    delete std::exchange(retired_, retired_->next);
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

void *ResizeBuffer::allocate_slow(std::size_t size, std::size_t alignment) {
  const std::size_t worst_padding =
      (alignment > detail::block_alignment ? alignment - detail::block_alignment
                                           : 0) +
      asan_redzone;
  if (size > SIZE_MAX - worst_padding)
    throw out_of_memory(size, alignment, capacity(), used());
  const std::size_t needed = size + worst_padding;
  // Side blocks grow geometrically, so a frame needs few of them.
  std::size_t preferred = std::max({needed, capacity(), min_block_size});
  if (!may_hold(detail::granule_ceil(preferred)))
    preferred = needed; // within the limit, if anything is
  if (needed > SIZE_MAX - allocation_granule ||
      !may_hold(detail::granule_ceil(needed)))
    throw out_of_memory(size, alignment, capacity(), used());
  detail::Block *side =
      detail::allocate_block(preferred, detail::block_alignment);
  if (side == nullptr && preferred != needed)
    side = detail::allocate_block(needed, detail::block_alignment);
  if (side == nullptr)
    throw out_of_memory(size, alignment, capacity(), used());
  side->next = sides_;
  sides_ = side;
  hold(side);
  start_region(side->begin(), side->end());
  side->generation = generation();
  side->base = region_base();
  return allocate(size, alignment); // fits now: the inline fast path
}

bool ResizeBuffer::restore_slow(const Checkpoint &cp) noexcept {
  // Blocks are told apart by the generation they were entered under, never by
  // address: a freed block's memory may come back as a new block.
  detail::Block *target = sides_;
  while (target != nullptr && target->generation != cp.generation)
    target = target->next;
  if (target != nullptr) {
    if (!target->holds(cp.position) ||
        !is_live(cp, target->begin(), target->base))
      return false;
    release_sides_until(target);
    detail::poison(cp.position,
                   static_cast<std::size_t>(target->end() - cp.position));
    rewind(cp, target->begin(), target->end(), target->base, cp.generation);
    return true;
  }
  if (main_ != nullptr && cp.generation == main_->generation) {
    std::byte *begin = main_->begin();
    std::byte *end = main_->end();
    if (!main_->holds(cp.position) || !is_live(cp, begin, 0))
      return false;
    release_sides_until(nullptr);
    detail::poison(cp.position, static_cast<std::size_t>(end - cp.position));
    rewind(cp, begin, end, 0, cp.generation);
  } else {
    // Its generation is gone: valid only if it was taken on the empty buffer,
    // in this main block before a reset or in an earlier main block (replaced
    // only when the buffer was empty), at the block's start.
    if (!is_restart_generation(cp.generation))
      return false; // its side block was freed: restored past
    if (cp.position != main_start(cp.generation))
      return false; // taken above its block's start: a reset went past it
    release_sides_until(nullptr);
    restart_main();
  }
  regrow_if_empty();
  return true;
}

void ResizeBuffer::reset_slow() noexcept {
  release_sides_until(nullptr);
  restart_main();
  regrow_if_empty();
}

void ResizeBuffer::visit_blocks(BlockVisitor visit, void *context) const {
  for (detail::Block *side = sides_; side != nullptr; side = side->next)
    visit(context, side->begin(), side->size());
  if (main_ != nullptr)
    visit(context, main_->begin(), main_->size());
}

std::byte *ResizeBuffer::main_start(std::size_t generation) const noexcept {
  if (generation >= main_since_)
    return main_ == nullptr ? detail::empty_block : main_->begin();
  const detail::RetiredMain *r = retired_;
  while (r != nullptr && r->since > generation)
    r = r->next;
  return r == nullptr ? nullptr : r->begin;
}

void ResizeBuffer::release_sides_until(detail::Block *keep) noexcept {
  while (sides_ != keep) {
    detail::Block *side = sides_;
    sides_ = side->next;
    release(side);
  }
}

void ResizeBuffer::restart_main() noexcept {
  if (main_ == nullptr) {
    restart(nullptr, nullptr);
    return;
  }
  detail::poison(main_->begin(), main_->size());
  restart(main_->begin(), main_->end());
  main_->generation = generation();
}

std::size_t ResizeBuffer::trim() noexcept {
  if (used() != 0 || sides_ != nullptr)
    return 0;
  std::size_t freed = 0;
  if (main_ != nullptr) {
    // As for a regrown block: checkpoints of the empty buffer taken in this
    // block stay valid, recognised by its start.
    auto *retired = new (std::nothrow)
        detail::RetiredMain{retired_, main_since_, region_begin()};
    if (retired == nullptr)
      return 0; // keep the block rather than forget where it began
    retired_ = retired;
    freed = main_->size();
    release(std::exchange(main_, nullptr));
    restart_main();
    main_since_ = generation();
  }
  restart_high_water();
  return freed;
}

void ResizeBuffer::regrow_if_empty() noexcept {
  if (used() != 0 || sides_ != nullptr || high_water() <= block_capacity())
    return;
  const std::size_t size = regrown_size(high_water());
  if (size > SIZE_MAX - allocation_granule ||
      !may_hold(detail::granule_ceil(size), block_capacity()))
    return; // the limit keeps the block; side blocks serve the rest
  detail::Block *grown = detail::allocate_block(size, detail::block_alignment);
  auto *retired = new (std::nothrow)
      detail::RetiredMain{retired_, main_since_, region_begin()};
  if (grown == nullptr || retired == nullptr) {
    // Keep the old block: overflow keeps working through side blocks.
    detail::free_block(grown);
    delete retired;
    return;
  }
  retired_ = retired;
  if (main_ != nullptr)
    release(main_);
  main_ = grown;
  hold(grown);
  restart_main();
  // Checkpoints of the empty buffer from before are still valid; the odd
  // generations below this one are theirs.
  main_since_ = main_->generation;
}

} // namespace bumper
