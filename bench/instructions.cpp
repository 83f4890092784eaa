// Instructions per call of the seed kernels at a given n, for callgrind:
// a count that, unlike time, does not depend on the load of the machine.
//
//   build-bench/bin/bumper_instructions 3 <kernel>    (kernel: default,
//       buffer, alloca or minimal; runs it 100000 times)
//   valgrind --tool=callgrind --toggle-collect=run_kernel
//            build-bench/bin/bumper_instructions 3 buffer
//
// The total of "Collected" divided by 100000 is the cost of one call: the
// kernel with its loops, its allocation and its release. The kernels are
// written as in runtime_bench.cpp.
#include <bumper/bumper.hpp>

#include <alloca.h>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <vector>

#if defined(__clang__)
#define BENCH_KERNEL [[gnu::noinline]]
#else
#define BENCH_KERNEL [[gnu::noipa]]
#endif

namespace {

inline int fill_and_sum(std::span<const int> x, std::span<int> y) {
  const std::size_t n = x.size();
  for (std::size_t i = 0; i < n; ++i)
    y[i] = x[i] + 1;
  asm volatile("" : : "r"(y.data()) : "memory");
  int s = 0;
  for (std::size_t i = 0; i < n; ++i)
    s += y[i];
  return s;
}

struct MinimalArena {
  std::byte *cur;
  std::byte *end;
};

constexpr int kCalls = 100000;

} // namespace

extern "C" {

BENCH_KERNEL int instr_bumper_default(std::span<const int> x) {
  bumper::NoEscape guard;
  std::span<int> y = bumper::alloc<int>(x.size());
  return fill_and_sum(x, y);
}

BENCH_KERNEL int instr_bumper_buffer(bumper::AllocBuffer &buf,
                                     std::span<const int> x) {
  bumper::NoEscape guard(buf);
  std::span<int> y = bumper::alloc<int>(buf, x.size());
  return fill_and_sum(x, y);
}

BENCH_KERNEL int instr_alloca(std::span<const int> x) {
  int *p = static_cast<int *>(alloca(x.size() * sizeof(int)));
  return fill_and_sum(x, {p, x.size()});
}

BENCH_KERNEL int instr_minimal(MinimalArena &a, std::span<const int> x) {
  std::byte *saved = a.cur;
  const std::size_t size = x.size() * sizeof(int);
  const std::size_t pad =
      (0 - reinterpret_cast<std::uintptr_t>(a.cur)) & (alignof(int) - 1);
  if (pad > static_cast<std::size_t>(a.end - a.cur) ||
      size > static_cast<std::size_t>(a.end - a.cur) - pad)
    std::abort();
  int *p = reinterpret_cast<int *>(a.cur + pad);
  a.cur += pad + size;
  int s = fill_and_sum(x, {p, x.size()});
  a.cur = saved;
  return s;
}

// The only function callgrind counts (--toggle-collect=run_kernel).
BENCH_KERNEL void run_kernel(int which, bumper::AllocBuffer &buf,
                             MinimalArena &a, std::span<const int> x) {
  for (int i = 0; i < kCalls; ++i)
    switch (which) {
    case 0:
      instr_bumper_default(x);
      break;
    case 1:
      instr_bumper_buffer(buf, x);
      break;
    case 2:
      instr_alloca(x);
      break;
    default:
      instr_minimal(a, x);
      break;
    }
}

} // extern "C"

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  const std::size_t n = std::strtoul(argv[1], nullptr, 10);
  const char *names[] = {"default", "buffer", "alloca", "minimal"};
  int which = -1;
  for (int i = 0; i < 4; ++i)
    if (std::strcmp(argv[2], names[i]) == 0)
      which = i;
  if (which < 0)
    return 2;
  std::vector<int> x(n, 1);
  bumper::AllocBuffer buf(std::size_t{1} << 20);
  std::vector<std::byte> memory(std::size_t{1} << 20);
  MinimalArena a{memory.data(), memory.data() + memory.size()};
  instr_bumper_default(x); // creates the default buffer outside the count
  run_kernel(which, buf, a, x);
  return 0;
}
