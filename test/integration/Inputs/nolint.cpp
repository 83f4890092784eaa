// The same escape, silenced by NOLINT: the comment has to survive distcc's
// preprocessing on the client to reach the plugin on the worker.
#include <bumper/bumper.hpp>
#include <span>

std::span<int> keep(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto s = bumper::alloc<int>(n);
    return s; // NOLINT(bumper-escape): the caller resets the buffer itself
  }
}
