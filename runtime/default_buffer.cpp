// The per-thread default buffer.
#include "bumper/bumper.hpp"

#include <atomic>
#include <memory>
#include <new>

// The C++ ABI's registration of a thread_local destructor (libsupc++ and
// libc++abi both provide it): what the compiler emits for a thread_local
// object with a destructor, callable more than once and from destructors.
extern "C" int __cxa_thread_atexit(void (*destructor)(void *), void *object,
                                   void *dso_handle) noexcept;
extern "C" void *__dso_handle;

namespace bumper {

namespace detail {
constinit thread_local Buffer *current_buffer = nullptr;
} // namespace detail

namespace {
std::atomic<std::size_t> default_slab_size{SlabBuffer::default_slab_size};

/// The thread's own default buffer (null until first used, and again once
/// the thread's destructors freed it). Trivially destructible, so it can be
/// read in any destructor, however late.
constinit thread_local SlabBuffer *thread_default = nullptr;

/// Frees the thread's default buffer, when the thread's thread_local objects
/// are destroyed.
void destroy_default(void *object) noexcept {
  auto *buffer = static_cast<SlabBuffer *>(object);
  if (detail::current_buffer == buffer)
    detail::current_buffer = nullptr;
  if (thread_default == buffer)
    thread_default = nullptr;
  delete buffer;
}
} // namespace

// A destructor that runs after the buffer was freed (a thread_local object
// constructed before the thread first used its default buffer, or a static
// object's destructor on the main thread) finds `thread_default` null and
// gets a new buffer here, registered for destruction again: the C library
// runs destructors registered while the thread's destructors run. One made
// during static destruction, after the main thread's thread_local
// destructors have run, is left to the end of the process.
Buffer &detail::make_default_buffer() {
  if (thread_default == nullptr) {
    auto buffer = std::make_unique<SlabBuffer>(
        default_slab_size.load(std::memory_order_relaxed));
    if (__cxa_thread_atexit(destroy_default, buffer.get(), &__dso_handle) != 0)
      throw std::bad_alloc();
    thread_default = buffer.release();
  }
  current_buffer = thread_default;
  return *current_buffer;
}

Buffer *detail::try_make_default_buffer() noexcept {
  try {
    return &make_default_buffer();
  } catch (...) {
    return nullptr;
  }
}

void set_default_buffer_size(std::size_t bytes) noexcept {
  default_slab_size.store(bytes, std::memory_order_relaxed);
  if (thread_default != nullptr)
    thread_default->set_slab_size(bytes);
}

std::size_t default_buffer_size() noexcept {
  return default_slab_size.load(std::memory_order_relaxed);
}

} // namespace bumper
