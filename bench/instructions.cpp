// Instructions per call of the seed kernels at a given n, for callgrind:
// a count that, unlike time, does not depend on the load of the machine.
//
//   build-bench/bin/bumper_instructions 3 <kernel>    (kernel: default,
//       buffer, alloca, minimal or minimal_throwing; runs it 100000 times)
//   valgrind --tool=callgrind --toggle-collect='seed_*'
//            build-bench/bin/bumper_instructions 3 buffer
//
// The total of "Collected" divided by 100000 is the cost of one call: the
// kernel from its entry to its return, with its loops, its allocation and its
// release (and any slow path it calls). Only the kernel is counted, not the
// loop that calls it: that loop dispatches on the kernel's name, and the
// dispatch cost differs by the kernel's place in it (it gave the minimal
// arena 4 instructions more per call than AllocBuffer's kernel). The kernels
// are those of the benchmark table (seed_kernels.cpp).
#include "seed_kernels.hpp"

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <span>
#include <vector>

namespace {
constexpr int kCalls = 100000;
} // namespace

extern "C" {

// Calls the kernel 100000 times (callgrind counts only the kernel).
BENCH_KERNEL void run_kernel(int which, bumper::AllocBuffer &buf,
                             bumper_bench::MinimalArena &a,
                             std::span<const int> x) {
  for (int i = 0; i < kCalls; ++i)
    switch (which) {
    case 0:
      seed_bumper_default(x);
      break;
    case 1:
      seed_bumper_buffer(buf, x);
      break;
    case 2:
      seed_alloca(x);
      break;
    case 3:
      seed_minimal_bump(a, x);
      break;
    default: {
      bumper_bench::ThrowingMinimalArena t{a.cur, a.end};
      seed_minimal_throwing(t, x);
      break;
    }
    }
}

} // extern "C"

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  const std::size_t n = std::strtoul(argv[1], nullptr, 10);
  const char *names[] = {"default", "buffer", "alloca", "minimal",
                         "minimal_throwing"};
  int which = -1;
  for (int i = 0; i < 5; ++i)
    if (std::strcmp(argv[2], names[i]) == 0)
      which = i;
  if (which < 0)
    return 2;
  std::vector<int> x(n, 1);
  bumper::AllocBuffer buf(std::size_t{1} << 20);
  std::vector<std::byte> memory(std::size_t{1} << 20);
  bumper_bench::MinimalArena a{memory.data(), memory.data() + memory.size()};
  // The default buffer, created outside the kernels (so outside the count).
  (void)bumper::default_buffer();
  run_kernel(which, buf, a, x);
  return 0;
}
