// Annotated, guarded and without escapes: the plugin has nothing to say.
#include <bumper/bumper.hpp>
#include <span>

[[bumper::no_escape]] long sum(std::span<const int> x) {
  bumper::NoEscape guard;
  auto y = bumper::alloc<int>(x.size());
  long s = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    y[i] = 2 * x[i];
    s += y[i];
  }
  return s;
}

int twice(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto p = bumper::alloc<int>(n);
    p[0] = n;
    return 2 * p[0];
  }
}

int main() {
  int v[] = {1, 2, 3};
  return sum(v) == 12 && twice(2) == 4 ? 0 : 1;
}
