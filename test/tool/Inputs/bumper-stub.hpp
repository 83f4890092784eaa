// A stand-in for <bumper/bumper.hpp> with what bumper-tool looks at, so the
// tool's tests parse fast and do not depend on the runtime's details. The
// end-to-end test (examples.test) uses the real header.
#pragma once
namespace bumper {
using size_t = decltype(sizeof 0);
class Buffer {};
class AllocBuffer final : public Buffer {
public:
  explicit AllocBuffer(size_t Bytes);
};
class SlabBuffer final : public Buffer {
public:
  SlabBuffer();
};
Buffer &default_buffer();
class NoEscape {
public:
  NoEscape();
  explicit NoEscape(Buffer &);
  NoEscape(const NoEscape &) = delete;
  ~NoEscape();
};
template <class T> T *alloc(size_t N);
template <class T> T *alloc(Buffer &Buf, size_t N);
} // namespace bumper
