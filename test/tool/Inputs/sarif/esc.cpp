#include <bumper/bumper.hpp>

int *g_keep;

void keep(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    std::span<int> xs = bumper::alloc<int>(n);
    /* é€𝄞 */ g_keep = xs.data();
  }
}

int sum(int n) {
  int total = 0;
  [[bumper::no_escape]] {
    std::span<int> xs = bumper::alloc<int>(n);
    for (int x : xs)
      total += x;
  }
  return total;
}
