// The examples of docs/runtime.md for the helpers of issue 14, as they are
// written there: ctest compiles this file (-fsyntax-only), so they keep
// compiling.
#include <bumper/bumper.hpp>
#include <cassert>
#include <cstdio>
#include <string>
#include <vector>
std::span<float> fallback(std::size_t);
std::size_t read_line(std::span<char>);
struct Point {
  int x, y;
};
std::span<float> a(bumper::Buffer &buf, std::size_t width) {
  std::span<float> row = bumper::try_alloc<float>(buf, width);
  if (row.data() == nullptr)
    return fallback(width); // full: nothing was thrown
  return row;
}
void b(bumper::Buffer &buf) {
  Point &p = bumper::make<Point>(buf, 1, 2);
  std::vector<int> v{1, 2, 3};
  std::span<int> copy = bumper::alloc_copy(buf, v);
  std::string_view name = bumper::alloc_string(buf, std::string("tmp"));
  std::FILE *f = std::fopen(name.data(), "w"); // NUL-terminated
  (void)p;
  (void)copy;
  (void)f;
}
void c(bumper::Buffer &buf) {
  std::span<char> line = bumper::alloc<char>(buf, 80);
  std::size_t n = read_line(line);
  if (n == line.size() && buf.try_resize(line.data(), 80, 160))
    line = {line.data(), 160};                       // grown in place, no copy
  (void)buf.try_resize(line.data(), line.size(), n); // give back the rest
}
void d() {
  bumper::SlabBuffer buf;
  buf.set_limit(64 << 20); // at most 64 MiB
  std::size_t held = 0;
  bumper::for_each_block(
      buf, [&](std::span<std::byte> block) { held += block.size(); });
  assert(bumper::owns(buf, bumper::alloc<int>(buf, 4).data()));
  buf.trim(); // after a burst: give the spare back

  bumper::ResizeBuffer frames;
  {
    bumper::NoEscape guard(frames);
    (void)bumper::alloc<std::byte>(frames, 64 << 20); // one huge frame
  } // empty: the block regrows to 72 MiB
  frames.trim(); // give it back; later frames size it anew
}
void g(bumper::Buffer &buf, const std::vector<int> &input) {
  std::span<int> xs; // empty: the first grow allocates
  std::size_t n = 0;
  for (int x : input) {
    if (n == xs.size())
      xs = bumper::grow(buf, xs, n == 0 ? 16 : 2 * n);
    xs[n++] = x;
  }
}
void e() {
  bumper::Checkpoint cp = bumper::checkpoint();
  auto tmp = bumper::alloc<int>(100);
  bumper::restore(cp); // frees tmp
  bumper::reset();     // empties the default buffer
  bumper::AllocBuffer mib;
  (void)tmp;
}
