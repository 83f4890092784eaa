// A program compiled with -fno-exceptions: a request that does not fit its
// AllocBuffer cannot throw through frames without cleanups, so the runtime
// prints the out_of_memory message and aborts (ctest checks the message and
// that the program did not go on).
#include <bumper/bumper.hpp>

#include <cstdio>

int main() {
  bumper::AllocBuffer buf(256);
  bumper::NoEscape guard(buf);
  std::span<char> s = bumper::alloc<char>(buf, 1000);
  std::printf("not reached: got %zu bytes\n", s.size());
  return 0;
}
