// The seed kernels of bumper, alloca and the yardstick arena (declared and
// explained in seed_kernels.hpp).
#include "seed_kernels.hpp"

#include <alloca.h>

#include <new>

namespace bumper_bench {
[[gnu::cold, gnu::noinline]] void minimal_overflow() { throw std::bad_alloc(); }
} // namespace bumper_bench

using bumper_bench::fill_and_sum;
using bumper_bench::MinimalArena;

extern "C" {

BENCH_KERNEL int seed_bumper_default(std::span<const int> x) {
  bumper::NoEscape guard;
  std::span<int> y = bumper::alloc<int>(x.size());
  return fill_and_sum(x, y);
}

BENCH_KERNEL int seed_bumper_buffer(bumper::AllocBuffer &buf,
                                    std::span<const int> x) {
  bumper::NoEscape guard(buf);
  std::span<int> y = bumper::alloc<int>(buf, x.size());
  return fill_and_sum(x, y);
}

BENCH_KERNEL int seed_alloca(std::span<const int> x) {
  int *p = static_cast<int *>(alloca(x.size() * sizeof(int)));
  return fill_and_sum(x, {p, x.size()});
}

BENCH_KERNEL int seed_minimal_bump(MinimalArena &a, std::span<const int> x) {
  std::byte *saved = a.cur;
  int *p = static_cast<int *>(a.allocate(x.size() * sizeof(int), alignof(int)));
  int s = fill_and_sum(x, {p, x.size()});
  a.cur = saved;
  return s;
}

BENCH_KERNEL int seed_minimal_throwing(bumper_bench::ThrowingMinimalArena &a,
                                       std::span<const int> x) {
  bumper_bench::MinimalGuard guard{a, a.cur};
  int *p = static_cast<int *>(a.allocate(x.size() * sizeof(int), alignof(int)));
  return fill_and_sum(x, {p, x.size()});
}

BENCH_KERNEL int seed_unchecked_bump(MinimalArena &a, std::span<const int> x) {
  std::byte *saved = a.cur;
  a.cur = saved + x.size() * sizeof(int);
  int s = fill_and_sum(x, {reinterpret_cast<int *>(saved), x.size()});
  a.cur = saved;
  return s;
}

} // extern "C"
