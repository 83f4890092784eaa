// Annotated code as users write it before running bumper-tool: it must
// compile quietly with -Wall -Wextra -Werror through Bumper::runtime's flags.
#include <bumper/bumper.hpp>

#include <cstdio>
#include <numeric>

[[bumper::no_escape]] static int sumPlusOne(std::span<const int> x) {
  bumper::NoEscape guard;
  auto y = bumper::alloc<int>(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    y[i] = x[i] + 1;
  return std::accumulate(y.begin(), y.end(), 0);
}

int main() {
  const int x[] = {1, 2, 3};
  bumper::AllocBuffer buf(1024);
  int total = 0;
  for (int round = 0; round < 100; ++round) {
    [[bumper::no_escape(buf)]] {
      bumper::NoEscape guard(buf);
      auto scratch = bumper::alloc<int>(buf, 3);
      scratch[0] = round;
      total += scratch[0] > 0 ? 1 : 0;
    }
  }
  std::printf("%d %d\n", sumPlusOne(x), total);
  return sumPlusOne(x) == 9 && total == 99 ? 0 : 1;
}
