// bumper::with_buffer: run code with another buffer as the thread's default.
#ifndef BUMPER_WITH_BUFFER_HPP
#define BUMPER_WITH_BUFFER_HPP

#include <bumper/core.hpp>

#include <utility>

namespace bumper {

namespace detail {
/// Installs a buffer as the thread's default for its lifetime.
class DefaultBufferOverride {
public:
  explicit DefaultBufferOverride(Buffer &buf) noexcept
      : previous_(current_buffer) {
    current_buffer = &buf;
  }
  ~DefaultBufferOverride() { current_buffer = previous_; }
  DefaultBufferOverride(const DefaultBufferOverride &) = delete;
  DefaultBufferOverride &operator=(const DefaultBufferOverride &) = delete;

private:
  Buffer *previous_;
};
} // namespace detail

/// Runs `f()` with `buf` as the calling thread's default buffer and returns
/// its result. The previous default comes back when `f` returns or throws.
/// Calls nest.
template <class F> decltype(auto) with_buffer(Buffer &buf, F &&f) {
  detail::DefaultBufferOverride scope(buf);
  return std::forward<F>(f)();
}

} // namespace bumper

#endif // BUMPER_WITH_BUFFER_HPP
