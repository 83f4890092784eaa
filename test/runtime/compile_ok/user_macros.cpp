// Names users' code defines as macros before including Bumper: C's
// <complex.h> defines `I` (fmt's enforce-checks-test simulates it, and
// mdview.hpp's template parameter `I` broke it in the fmt trial). The public
// headers only use names such macros cannot reach.
#define I 42
#include <bumper/bumper.h>
#include <bumper/bumper.hpp>
#include <bumper/core.hpp>
#include <bumper/interop.hpp>
#include <bumper/mdview.hpp>
#include <bumper/string.hpp>
#include <bumper/with_buffer.hpp>

int main() {
  bumper::NoEscape guard;
  auto m = bumper::alloc<int>(2, 3);
  m.data_handle()[5] = I;
  return m.extent(0) == 2 && m.data_handle()[5] == I ? 0 : 1;
}
