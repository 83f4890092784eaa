// The per-thread default buffer.
#include "bumper/bumper.hpp"

#include <atomic>
#include <memory>

namespace bumper {

namespace detail {
constinit thread_local Buffer *current_buffer = nullptr;
} // namespace detail

namespace {
std::atomic<std::size_t> default_slab_size{SlabBuffer::default_slab_size};

/// Owns the thread's default buffer and frees it when the thread exits.
struct ThreadDefault {
  std::unique_ptr<SlabBuffer> buffer;
  ~ThreadDefault() {
    if (detail::current_buffer == buffer.get())
      detail::current_buffer = nullptr;
  }
};
thread_local ThreadDefault thread_default;
} // namespace

Buffer &detail::make_default_buffer() {
  if (thread_default.buffer == nullptr)
    thread_default.buffer = std::make_unique<SlabBuffer>(
        default_slab_size.load(std::memory_order_relaxed));
  current_buffer = thread_default.buffer.get();
  return *current_buffer;
}

void set_default_buffer_size(std::size_t bytes) noexcept {
  default_slab_size.store(bytes, std::memory_order_relaxed);
  if (thread_default.buffer != nullptr)
    thread_default.buffer->set_slab_size(bytes);
}

std::size_t default_buffer_size() noexcept {
  return default_slab_size.load(std::memory_order_relaxed);
}

} // namespace bumper
