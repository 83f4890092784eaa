// The C API: thin wrappers over the C++ one that turn exceptions into NULL.
#include "bumper/bumper.h"
#include "bumper/bumper.hpp"

#include <bit>
#include <new>

namespace {
using bumper::Buffer;

static_assert(sizeof(bumper_checkpoint) == sizeof(bumper::Checkpoint) &&
                  alignof(bumper_checkpoint) == alignof(bumper::Checkpoint),
              "bumper_checkpoint must mirror bumper::Checkpoint");

Buffer *cpp(bumper_buffer *buffer) noexcept { return &bumper::from_c(buffer); }
const Buffer *cpp(const bumper_buffer *buffer) noexcept {
  return &bumper::from_c(buffer);
}
bumper_buffer *c(Buffer *buffer) noexcept { return bumper::to_c(*buffer); }

template <class Make> bumper_buffer *create(Make make) noexcept {
  try {
    return c(make());
  } catch (...) {
    return nullptr;
  }
}
} // namespace

extern "C" {

bumper_buffer *bumper_buffer_create(size_t capacity) {
  return create([&] { return new bumper::AllocBuffer(capacity); });
}

bumper_buffer *bumper_slab_buffer_create(size_t slab_size) {
  return create([&] { return new bumper::SlabBuffer(slab_size); });
}

bumper_buffer *bumper_resize_buffer_create(size_t initial_capacity) {
  return create([&] { return new bumper::ResizeBuffer(initial_capacity); });
}

void bumper_buffer_destroy(bumper_buffer *buffer) { delete cpp(buffer); }

bumper_buffer *bumper_default_buffer(void) {
  try {
    return c(&bumper::default_buffer());
  } catch (...) {
    return nullptr;
  }
}

void bumper_set_default_buffer_size(size_t bytes) {
  bumper::set_default_buffer_size(bytes);
}

void *bumper_alloc(bumper_buffer *buffer, size_t size, size_t alignment) {
  if (buffer == nullptr || !std::has_single_bit(alignment))
    return nullptr;
  try {
    // A zero-size request gets a non-null address, as in C++.
    return cpp(buffer)->allocate(size, alignment);
  } catch (...) {
    return nullptr;
  }
}

int bumper_resize(bumper_buffer *buffer, void *p, size_t old_size,
                  size_t new_size) {
  return cpp(buffer)->try_resize(p, old_size, new_size) ? 1 : 0;
}

int bumper_owns(const bumper_buffer *buffer, const void *p) {
  return cpp(buffer)->owns(p) ? 1 : 0;
}

int bumper_set_limit(bumper_buffer *buffer, size_t bytes) {
  auto *growable =
      dynamic_cast<bumper::detail::BlockHoldingBuffer *>(cpp(buffer));
  if (growable == nullptr)
    return 0;
  growable->set_limit(bytes);
  return 1;
}

size_t bumper_trim(bumper_buffer *buffer) {
  if (auto *slabs = dynamic_cast<bumper::SlabBuffer *>(cpp(buffer)))
    return slabs->trim();
  if (auto *resizing = dynamic_cast<bumper::ResizeBuffer *>(cpp(buffer)))
    return resizing->trim();
  return 0;
}

bumper_checkpoint bumper_checkpoint_save(bumper_buffer *buffer) {
  const bumper::Checkpoint cp = cpp(buffer)->checkpoint();
  return bumper_checkpoint{cp.buffer, cp.position, cp.generation};
}

void bumper_checkpoint_restore(bumper_buffer *buffer,
                               bumper_checkpoint checkpoint) {
  const bumper::Checkpoint cp{static_cast<Buffer *>(checkpoint.buffer_),
                              static_cast<std::byte *>(checkpoint.position_),
                              checkpoint.generation_};
  cpp(buffer)->restore(cp);
}

void bumper_reset(bumper_buffer *buffer) { cpp(buffer)->reset(); }

size_t bumper_used(const bumper_buffer *buffer) { return cpp(buffer)->used(); }
size_t bumper_capacity(const bumper_buffer *buffer) {
  return cpp(buffer)->capacity();
}
size_t bumper_high_water(const bumper_buffer *buffer) {
  return cpp(buffer)->high_water();
}
size_t bumper_slab_count(const bumper_buffer *buffer) {
  return cpp(buffer)->slab_count();
}

} // extern "C"
