// Guarded, without escapes: compiles with the plugin, runs, returns 0.
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

int main() {
  int v[] = {1, 2, 3};
  return sum(v) == 12 ? 0 : 1;
}
