// Stress test for ThreadSanitizer: per-thread default buffers, with_buffer,
// NoEscape guards and explicit thread-local buffers under concurrent threads.
//
//   threads_stress [threads] [iterations] [rounds]
//
// Each thread, many times over: allocates from its default buffer under a
// guard, fills the memory with a pattern of its own, nests with_buffer over
// thread-local explicit buffers (AllocBuffer, SlabBuffer, ResizeBuffer) with
// guards inside, throws out of some of them, and verifies every pattern it
// still holds and that each buffer's used() comes back. The threads of a
// round run at once; each round starts new threads (new default buffers) and
// joins them (their default buffers are destroyed). Built with
// -fsanitize=thread: any data race in the runtime is reported (and, with
// TSAN_OPTIONS=halt_on_error=1, fails the test). Exit status 1 on a pattern
// or invariant failure.
#include <bumper/bumper.h>
#include <bumper/bumper.hpp>

#include <atomic>
#include <barrier>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

std::atomic<long> g_failures{0};

#define STRESS_CHECK(cond)                                                     \
  do {                                                                         \
    if (!(cond)) [[unlikely]] {                                                \
      if (g_failures.fetch_add(1) < 10)                                        \
        std::fprintf(stderr, "threads_stress: %s:%d: check failed: %s\n",      \
                     __FILE__, __LINE__, #cond);                               \
    }                                                                          \
  } while (0)

std::uint64_t pattern(unsigned thread, std::uint64_t i, std::size_t j) {
  return (std::uint64_t{thread} << 48) ^ (i << 16) ^ j ^ 0x9e3779b97f4a7c15ull;
}

struct Block {
  std::span<std::uint64_t> data;
  std::uint64_t i;
};

void fill(const Block &b, unsigned thread) {
  for (std::size_t j = 0; j < b.data.size(); ++j)
    b.data[j] = pattern(thread, b.i, j);
}

bool intact(const Block &b, unsigned thread) {
  for (std::size_t j = 0; j < b.data.size(); ++j)
    if (b.data[j] != pattern(thread, b.i, j))
      return false;
  return true;
}

struct Unwind {};

// One thread's work. `seen` collects the address of every default buffer, to
// check that no two live threads share one.
void worker(unsigned thread, int iterations, std::mutex &seen_mutex,
            std::set<const void *> &seen, std::barrier<> &start) {
  // Thread-local explicit buffers.
  bumper::AllocBuffer fixed(1 << 16);
  bumper::SlabBuffer slabs(4096);
  bumper::ResizeBuffer resize;
  bumper::Buffer *locals[] = {&fixed, &slabs, &resize};

  if (thread % 2 == 0)
    bumper::set_default_buffer_size(8192 + thread * 1024);
  bumper::Buffer &own = bumper::default_buffer();
  STRESS_CHECK(reinterpret_cast<bumper::Buffer *>(bumper_default_buffer()) ==
               &own);
  {
    std::lock_guard lock(seen_mutex);
    STRESS_CHECK(seen.insert(&own).second && "a default buffer per thread");
  }
  start.arrive_and_wait(); // all threads allocate at once from here on

  std::uint64_t seed = thread * 7919u + 1;
  auto next = [&seed] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };

  std::vector<Block> held;
  for (int i = 0; i < iterations; ++i) {
    const std::size_t base_used = own.used();
    {
      bumper::NoEscape guard; // the thread's default buffer
      STRESS_CHECK(&guard.buffer() == &own);
      Block outer{bumper::alloc<std::uint64_t>(1 + next() % 300),
                  static_cast<std::uint64_t>(i)};
      fill(outer, thread);
      held.push_back(outer);

      bumper::Buffer &local = *locals[next() % 3];
      const std::size_t local_used = local.used();
      const bool unwind = next() % 8 == 0;
      try {
        bumper::with_buffer(local, [&] {
          STRESS_CHECK(&bumper::default_buffer() == &local);
          bumper::NoEscape inner; // guards `local`
          Block mid{bumper::alloc<std::uint64_t>(1 + next() % 200),
                    static_cast<std::uint64_t>(i) + (1u << 20)};
          fill(mid, thread);
          held.push_back(mid);

          // Nested: another local buffer, or the thread's own again.
          bumper::Buffer &deeper = next() % 2
                                       ? *locals[next() % 3]
                                       : static_cast<bumper::Buffer &>(own);
          bumper::with_buffer(deeper, [&] {
            STRESS_CHECK(&bumper::default_buffer() == &deeper);
            bumper::NoEscape innermost;
            auto m = bumper::alloc<std::uint64_t>(16, 1 + next() % 16);
            Block grid{std::span<std::uint64_t>(m.data_handle(), m.size()),
                       static_cast<std::uint64_t>(i) + (2u << 20)};
            fill(grid, thread);
            for (const Block &b : held)
              STRESS_CHECK(intact(b, thread));
            STRESS_CHECK(intact(grid, thread));
          });
          STRESS_CHECK(&bumper::default_buffer() == &local);
          STRESS_CHECK(intact(mid, thread));
          held.pop_back();
          if (unwind)
            throw Unwind{};
        });
      } catch (const Unwind &) {
      }
      STRESS_CHECK(&bumper::default_buffer() == &own);
      STRESS_CHECK(local.used() == local_used && "with_buffer guard restored");
      STRESS_CHECK(intact(outer, thread));
      held.pop_back();

      // The C API on the thread's default buffer.
      bumper_checkpoint cp = bumper_checkpoint_save(bumper_default_buffer());
      void *p = bumper_alloc(bumper_default_buffer(), 100, 32);
      STRESS_CHECK(p != nullptr &&
                   reinterpret_cast<std::uintptr_t>(p) % 32 == 0);
      std::memset(p, static_cast<int>(thread), 100);
      bumper_checkpoint_restore(bumper_default_buffer(), cp);
    }
    STRESS_CHECK(own.used() == base_used && "the guard restored");
    if (i % 64 == 63)
      bumper::reset(fixed);
  }
  STRESS_CHECK(&bumper::default_buffer() == &own);
  start.arrive_and_wait(); // keep every default buffer alive until all checked
}

} // namespace

int main(int argc, char **argv) {
  const unsigned threads = argc > 1 ? std::atoi(argv[1]) : 8;
  const int iterations = argc > 2 ? std::atoi(argv[2]) : 2000;
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 3;
  std::size_t buffers = 0;
  for (int round = 0; round < rounds; ++round) {
    std::mutex seen_mutex;
    std::set<const void *> seen;
    std::barrier<> start(static_cast<std::ptrdiff_t>(threads));
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back(worker, t, iterations, std::ref(seen_mutex),
                        std::ref(seen), std::ref(start));
    for (std::thread &t : pool)
      t.join();
    buffers += seen.size();
  }
  const long failures = g_failures.load();
  std::printf("threads_stress: %d rounds x %u threads x %d iterations, %zu "
              "default buffers, %ld failures\n",
              rounds, threads, iterations, buffers, failures);
  return failures == 0 ? 0 : 1;
}
