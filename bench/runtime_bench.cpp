// libbumper against its peers. scripts/bench.sh runs this and prints the
// table; docs/benchmarks.md explains what is measured and why it is fair.
//
// Two groups here:
//   seed/<variant>/<n>  Bumper.jl's README example: y = x .+ 1 in a scratch
//                       array of n ints, then sum(y), then release the array.
//   small/<variant>     1000 allocations of 16-256 bytes (a fixed pseudo-random
//                       sequence), each touched, then everything released at
//                       once.
// and a third, heap_temporary/<kernel>/<variant>/<n>
// (heap_temporary_bench.cpp): kernels written with a std::vector per item,
// against bumper-tool's conversion of them.
//
// Every variant is a separate function compiled as a stand-alone unit
// (BENCH_KERNEL: no inlining into the timing loop, no interprocedural constant
// propagation), so all of them pay the same call and see `n` only at run time,
// like the seed's `f(x)`. Inside, all variants run the very same code
// (fill_and_sum / touch_all); only the way the memory is obtained and released
// differs.
#include "heap_temporary_kernels.hpp"
#include "seed_kernels.hpp"

#include <bumper/bumper.hpp>

#include <benchmark/benchmark.h>

#include <alloca.h>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory_resource>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#if BUMPER_BENCH_HAVE_LLVM
#include <llvm/Support/Allocator.h>
#endif

using bumper_bench::fill_and_sum;
using bumper_bench::MinimalArena;

namespace {

constexpr std::size_t kArenaBytes = std::size_t{1}
                                    << 20; // 1 MiB: every request fits

} // namespace

// ---------------------------------------------------------------------------
// The seed's example: bumper's, alloca's and the yardstick's kernels are in
// seed_kernels.cpp; the peers' are here.

extern "C" {

// The everyday C++ way (it also zero-fills, as std::vector(n) always does).
BENCH_KERNEL int seed_vector(std::span<const int> x) {
  std::vector<int> y(x.size());
  return fill_and_sum(x, y);
}

// Plain malloc/free with no zero-filling: the heap's own cost.
BENCH_KERNEL int seed_malloc(std::span<const int> x) {
  int *p = static_cast<int *>(std::malloc(x.size() * sizeof(int)));
  if (p == nullptr)
    std::abort();
  int s = fill_and_sum(x, {p, x.size()});
  std::free(p);
  return s;
}

// The idiomatic pmr pattern: a monotonic resource made on the spot over a
// buffer that is reused from call to call; its destructor releases.
BENCH_KERNEL int seed_pmr(std::span<std::byte> upstream,
                          std::span<const int> x) {
  std::pmr::monotonic_buffer_resource mr(upstream.data(), upstream.size(),
                                         std::pmr::null_memory_resource());
  int *p =
      static_cast<int *>(mr.allocate(x.size() * sizeof(int), alignof(int)));
  return fill_and_sum(x, {p, x.size()});
}

#if BUMPER_BENCH_HAVE_LLVM
// One long-lived allocator; Reset() after each use keeps its first slab.
BENCH_KERNEL int seed_llvm(llvm::BumpPtrAllocator &a, std::span<const int> x) {
  int *p = a.Allocate<int>(x.size());
  int s = fill_and_sum(x, {p, x.size()});
  a.Reset();
  return s;
}
#endif

} // extern "C"

namespace {

struct SeedInput {
  std::vector<int> x;
  int expected;
  explicit SeedInput(std::size_t n) : x(n) {
    for (std::size_t i = 0; i < n; ++i)
      x[i] = static_cast<int>(i % 7) +
             1; // the seed's f([1,2,3]) is the n = 3 case
    expected = std::accumulate(x.begin(), x.end(), 0) + static_cast<int>(n);
  }
};

// Runs `call(x)` in the timing loop after checking its answer once.
template <class Call> void run_seed(benchmark::State &st, Call call) {
  const SeedInput in(static_cast<std::size_t>(st.range(0)));
  std::span<const int> x(in.x);
  if (int got = call(x); got != in.expected) {
    st.SkipWithError(("wrong sum " + std::to_string(got)).c_str());
    return;
  }
  for (auto _ : st) {
    benchmark::DoNotOptimize(x);
    benchmark::DoNotOptimize(call(x));
  }
  st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations()) *
                       st.range(0));
}

void BM_seed_bumper_default(benchmark::State &st) {
  run_seed(st, [](std::span<const int> x) { return seed_bumper_default(x); });
}

void BM_seed_bumper_buffer(benchmark::State &st) {
  bumper::AllocBuffer buf(kArenaBytes);
  run_seed(st,
           [&](std::span<const int> x) { return seed_bumper_buffer(buf, x); });
}

void BM_seed_alloca(benchmark::State &st) {
  run_seed(st, [](std::span<const int> x) { return seed_alloca(x); });
}

void BM_seed_minimal_bump(benchmark::State &st) {
  std::vector<std::byte> memory(kArenaBytes);
  MinimalArena a{memory.data(), memory.data() + memory.size()};
  run_seed(st, [&](std::span<const int> x) { return seed_minimal_bump(a, x); });
}

void BM_seed_unchecked_bump(benchmark::State &st) {
  std::vector<std::byte> memory(kArenaBytes);
  MinimalArena a{memory.data(), memory.data() + memory.size()};
  run_seed(st,
           [&](std::span<const int> x) { return seed_unchecked_bump(a, x); });
}

void BM_seed_vector(benchmark::State &st) {
  run_seed(st, [](std::span<const int> x) { return seed_vector(x); });
}

void BM_seed_malloc(benchmark::State &st) {
  run_seed(st, [](std::span<const int> x) { return seed_malloc(x); });
}

void BM_seed_pmr(benchmark::State &st) {
  std::vector<std::byte> upstream(kArenaBytes);
  run_seed(st, [&](std::span<const int> x) { return seed_pmr(upstream, x); });
}

#if BUMPER_BENCH_HAVE_LLVM
void BM_seed_llvm(benchmark::State &st) {
  llvm::BumpPtrAllocator a;
  run_seed(st, [&](std::span<const int> x) { return seed_llvm(a, x); });
}
#endif

} // namespace

// ---------------------------------------------------------------------------
// Many small allocations.

namespace {

constexpr std::size_t kSmallCount = 1000;

// A fixed pseudo-random sequence of sizes: multiples of 8 from 16 to 256
// bytes, 8-byte aligned (what a node, a small string or a short array of
// doubles needs). Same sequence for every variant and every run.
struct SmallSizes {
  std::array<std::uint32_t, kSmallCount> words{}; // size / 8
  std::size_t total_bytes = 0;
  SmallSizes() {
    std::uint32_t state = 0x2545F491u;
    for (auto &w : words) {
      state = state * 1664525u + 1013904223u; // LCG (Numerical Recipes)
      w = 2 + (state >> 16) % 31;             // 2..32 words = 16..256 bytes
      total_bytes += w * 8;
    }
  }
};

const SmallSizes &small_sizes() {
  static const SmallSizes s;
  return s;
}

using Ptrs = std::array<void *, kSmallCount>;

// Every allocation is touched (one store into it) and its pointer kept; the
// pointers escape once at the end, so no store and no allocation can be
// dropped, without fencing the compiler in after every single allocation.
inline void touch(Ptrs &ptrs, std::size_t i, void *p) {
  *static_cast<std::uint64_t *>(p) = i;
  ptrs[i] = p;
}

inline void escape(Ptrs &ptrs) {
  benchmark::DoNotOptimize(ptrs.data());
  benchmark::ClobberMemory();
}

} // namespace

extern "C" {

BENCH_KERNEL void small_bumper_default(const SmallSizes &s, Ptrs &ptrs) {
  bumper::NoEscape guard;
  for (std::size_t i = 0; i < kSmallCount; ++i)
    touch(ptrs, i, bumper::alloc<std::uint64_t>(s.words[i]).data());
  escape(ptrs);
}

BENCH_KERNEL void small_bumper_buffer(bumper::AllocBuffer &buf,
                                      const SmallSizes &s, Ptrs &ptrs) {
  for (std::size_t i = 0; i < kSmallCount; ++i)
    touch(ptrs, i, bumper::alloc<std::uint64_t>(buf, s.words[i]).data());
  escape(ptrs);
  bumper::reset(buf);
}

BENCH_KERNEL void small_malloc(const SmallSizes &s, Ptrs &ptrs) {
  for (std::size_t i = 0; i < kSmallCount; ++i) {
    void *p = std::malloc(s.words[i] * 8);
    if (p == nullptr)
      std::abort();
    touch(ptrs, i, p);
  }
  escape(ptrs);
  for (void *p : ptrs)
    std::free(p);
}

BENCH_KERNEL void small_pmr(std::pmr::monotonic_buffer_resource &mr,
                            const SmallSizes &s, Ptrs &ptrs) {
  for (std::size_t i = 0; i < kSmallCount; ++i)
    touch(ptrs, i, mr.allocate(s.words[i] * 8, alignof(std::uint64_t)));
  escape(ptrs);
  mr.release();
}

#if BUMPER_BENCH_HAVE_LLVM
BENCH_KERNEL void small_llvm(llvm::BumpPtrAllocator &a, const SmallSizes &s,
                             Ptrs &ptrs) {
  for (std::size_t i = 0; i < kSmallCount; ++i)
    touch(ptrs, i,
          a.Allocate(s.words[i] * 8, llvm::Align(alignof(std::uint64_t))));
  escape(ptrs);
  a.Reset();
}
#endif

} // extern "C"

namespace {

template <class Call> void run_small(benchmark::State &st, Call call) {
  const SmallSizes &s = small_sizes();
  Ptrs ptrs{};
  for (auto _ : st)
    call(s, ptrs);
  st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations()) *
                       kSmallCount);
  st.SetBytesProcessed(
      static_cast<std::int64_t>(st.iterations() * s.total_bytes));
}

void BM_small_bumper_default(benchmark::State &st) {
  run_small(st,
            [](const SmallSizes &s, Ptrs &p) { small_bumper_default(s, p); });
}

void BM_small_bumper_buffer(benchmark::State &st) {
  bumper::AllocBuffer buf(kArenaBytes);
  run_small(st, [&](const SmallSizes &s, Ptrs &p) {
    small_bumper_buffer(buf, s, p);
  });
}

void BM_small_malloc(benchmark::State &st) {
  run_small(st, [](const SmallSizes &s, Ptrs &p) { small_malloc(s, p); });
}

void BM_small_pmr(benchmark::State &st) {
  std::vector<std::byte> upstream(kArenaBytes);
  std::pmr::monotonic_buffer_resource mr(upstream.data(), upstream.size(),
                                         std::pmr::null_memory_resource());
  run_small(st, [&](const SmallSizes &s, Ptrs &p) { small_pmr(mr, s, p); });
}

#if BUMPER_BENCH_HAVE_LLVM
void BM_small_llvm(benchmark::State &st) {
  llvm::BumpPtrAllocator a;
  run_small(st, [&](const SmallSizes &s, Ptrs &p) { small_llvm(a, s, p); });
}
#endif

void register_all() {
  struct Seed {
    const char *name;
    void (*fn)(benchmark::State &);
  };
  const Seed seeds[] = {
      {"bumper_default", BM_seed_bumper_default},
      {"bumper_buffer", BM_seed_bumper_buffer},
      {"alloca", BM_seed_alloca},
      {"minimal_bump", BM_seed_minimal_bump},
      {"unchecked_bump", BM_seed_unchecked_bump},
      {"std_vector", BM_seed_vector},
      {"malloc", BM_seed_malloc},
      {"pmr_monotonic", BM_seed_pmr},
#if BUMPER_BENCH_HAVE_LLVM
      {"llvm_bumpptr", BM_seed_llvm},
#endif
  };
  for (const Seed &s : seeds)
    benchmark::RegisterBenchmark((std::string("seed/") + s.name).c_str(), s.fn)
        ->Arg(3)
        ->Arg(30)
        ->Arg(100)
        ->Arg(10000);

  const Seed smalls[] = {
      {"bumper_default", BM_small_bumper_default},
      {"bumper_buffer", BM_small_bumper_buffer},
      {"malloc_free", BM_small_malloc},
      {"pmr_monotonic", BM_small_pmr},
#if BUMPER_BENCH_HAVE_LLVM
      {"llvm_bumpptr", BM_small_llvm},
#endif
  };
  for (const Seed &s : smalls)
    benchmark::RegisterBenchmark((std::string("small/") + s.name).c_str(),
                                 s.fn);
}

} // namespace

int main(int argc, char **argv) {
  register_all();
  if (!bumper_bench::register_heap_temporary_benchmarks())
    return 1;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
