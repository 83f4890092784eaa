// What annotated code uses, with only the light header: the guards
// bumper-tool inserts (default buffer, a buffer, a C handle), alloc,
// checkpoints and the buffer kinds. ctest compiles it (-fsyntax-only) with
// -Werror, so core.hpp stays enough on its own.
#include <bumper/core.hpp>

int f(std::span<const int> x, bumper::Buffer &buf, bumper_buffer *cbuf) {
  int sum = 0;
  {
    bumper::NoEscape guard;
    std::span<int> y = bumper::alloc<int>(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
      sum += y[i] = x[i] + 1;
  }
  {
    bumper::NoEscape guard(buf);
    void *raw = bumper::alloc_bytes(buf, 16, 16);
    std::span<double> z = bumper::try_alloc<double>(buf, 4);
    z = bumper::grow(buf, z, 8);
    sum += (raw != nullptr) + static_cast<int>(z.size());
  }
  {
    bumper::NoEscape guard(bumper::from_c(cbuf));
    bumper::Checkpoint cp = bumper::checkpoint(bumper::from_c(cbuf));
    bumper::restore(bumper::from_c(cbuf), cp);
  }
  bumper::AllocBuffer fixed(64);
  bumper::SlabBuffer slabs;
  bumper::ResizeBuffer frames;
  bumper::reset(fixed);
  return sum + static_cast<int>(slabs.used() + frames.used());
}
