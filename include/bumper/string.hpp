// bumper::alloc_string: a NUL-terminated copy of a string in arena memory.
// Its own header because <string_view> costs more than the light
// <bumper/core.hpp> may.
#ifndef BUMPER_STRING_HPP
#define BUMPER_STRING_HPP

#include <bumper/core.hpp>

#include <cstring>
#include <string_view>

namespace bumper {

/// A copy of `s` in `buf`'s memory, followed by a NUL (so `data()` is a C
/// string too); the view does not include the NUL. Throws what `alloc`
/// throws.
BUMPER_ALLOCATOR [[nodiscard]] inline std::string_view
alloc_string(Buffer &buf, std::string_view s) {
  if (s.size() == SIZE_MAX) [[unlikely]]
    detail::throw_size_overflow(buf, SIZE_MAX, 1);
  char *copy = alloc<char>(buf, s.size() + 1).data();
  if (!s.empty())
    std::memcpy(copy, s.data(), s.size());
  copy[s.size()] = '\0';
  return {copy, s.size()};
}

/// `alloc_string` into the calling thread's default buffer.
BUMPER_ALLOCATOR [[nodiscard]] inline std::string_view
alloc_string(std::string_view s) {
  return alloc_string(default_buffer(), s);
}

} // namespace bumper

#endif // BUMPER_STRING_HPP
