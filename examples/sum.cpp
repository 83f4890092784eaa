// The seed's example: f(x) sums x .+ 1 through a scratch array, here called
// 10 000 times from a 64 KiB buffer. Each call takes 4 KiB: without the
// guard the buffer runs out after 16 calls; with it, every call gives its
// scratch back.
//
// bumper-tool --fix inserts the guard as the body's first statement.
#include <bumper/bumper.hpp>

#include <cstdio>
#include <numeric>
#include <span>
#include <vector>

[[bumper::no_escape]] long f(std::span<const int> x) {
  std::span<int> y = bumper::alloc<int>(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    y[i] = x[i] + 1;
  return std::accumulate(y.begin(), y.end(), 0L);
}

int main() {
  std::vector<int> x(1000);
  std::iota(x.begin(), x.end(), 0);
  bumper::AllocBuffer buf(64 * 1024);
  long total = 0;
  try {
    bumper::with_buffer(buf, [&] {
      for (int call = 0; call < 10000; ++call)
        total += f(x);
    });
  } catch (const std::bad_alloc &) {
    std::printf("sum: out of scratch memory: is the guard missing?\n");
    return 1;
  }
  std::printf("sum: f(x) = %ld, 10000 calls = %ld\n", f(x), total);
  return 0;
}
