// A pointer into the arena outlives its block: bumper-escape, an error on the
// distcc worker that compiles this file.
#include <bumper/bumper.hpp>
#include <span>

std::span<int> keep(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto s = bumper::alloc<int>(n);
    return s;
  }
}
