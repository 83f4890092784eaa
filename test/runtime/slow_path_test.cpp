// The inline fast paths' way into the slow paths (BUMPER_PRESERVING_CALLS on
// x86-64: trampolines that preserve the caller's registers): what a caller
// relies on is that its values survive, that exceptions arrive unchanged and
// unwind through its guards, and that a backtrace taken in a slow path reaches
// the caller and beyond.
#include "test_support.hpp"

#include <bumper/bumper.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <execinfo.h>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using bumper_test::ArrayBuffer;

/// A buffer whose every request goes to the slow path and whose slow path
/// does whatever the test asks.
class ProbeBuffer final : public bumper::Buffer {
public:
  ProbeBuffer() { restart(nullptr, nullptr); }
  std::size_t capacity() const noexcept override { return 0; }
  std::size_t slab_count() const noexcept override { return 0; }

  std::function<void *(std::size_t)> on_allocate;

protected:
  void *allocate_slow(std::size_t size, std::size_t) override {
    return on_allocate(size);
  }
  bool restore_slow(const bumper::Checkpoint &cp) noexcept override {
    rewind(cp, nullptr, nullptr);
    return true;
  }
  void reset_slow() noexcept override { restart(nullptr, nullptr); }
};

struct CustomError : std::runtime_error {
  explicit CustomError(int code) : std::runtime_error("custom"), code(code) {}
  int code;
};

// Many integer and floating-point values live across a step that, in the
// allocating version, takes the slow path (a new slab each time): with too
// few registers preserved, one of them would change. `round_trip` returns
// its argument, through arena memory or directly.
template <class RoundTrip>
[[gnu::always_inline]] inline std::uint64_t
mix(std::uint64_t seed, double scale, RoundTrip round_trip) {
  std::uint64_t a = seed, b = seed * 3, c = seed * 5, d = seed * 7,
                e = seed * 11, f = seed * 13, g = seed * 17, h = seed * 19,
                i = seed * 23, j = seed * 29, k = seed * 31, l = seed * 37;
  double x = scale, y = scale * 2, z = scale * 3;
  for (int round = 0; round < 64; ++round) {
    a += b ^ round_trip(a ^ l);
    b += c;
    c += d;
    d += e;
    e += f;
    f += g;
    g += h;
    h += i;
    i += j;
    j += k;
    k += l;
    l += a;
    x = x * 1.5 + y;
    y = y * 0.5 + z;
    z = z + static_cast<double>(round);
  }
  return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ i ^ j ^ k ^ l ^
         static_cast<std::uint64_t>(x + y + z);
}

[[gnu::noinline]] std::uint64_t
mix_across_slow_allocations(bumper::SlabBuffer &buf, std::uint64_t seed,
                            double scale) {
  return mix(seed, scale, [&buf](std::uint64_t v) {
    // A slab-sized request never fits the current slab.
    std::span<std::uint64_t> s = bumper::alloc<std::uint64_t>(buf, 1024);
    s[0] = v;
    return s[0];
  });
}

std::uint64_t mix_reference(std::uint64_t seed, double scale) {
  return mix(seed, scale, [](std::uint64_t v) { return v; });
}

TEST(SlowPath, CallerValuesSurviveASlowAllocation) {
  // Slabs of 1 KiB: every 8 KiB request is an oversized side allocation and
  // every guard restore frees it, so every round takes both slow paths.
  bumper::SlabBuffer buf(1024);
  for (std::uint64_t seed : {1ull, 0x9e3779b97f4a7c15ull, ~0ull}) {
    bumper::NoEscape guard(buf);
    EXPECT_EQ(mix_across_slow_allocations(buf, seed, 0.25),
              mix_reference(seed, 0.25));
  }
  EXPECT_EQ(buf.used(), 0u);
}

TEST(SlowPath, ExceptionArrivesUnchangedAndGuardsRestore) {
  ProbeBuffer buf;
  buf.on_allocate = [](std::size_t) -> void * { throw CustomError(42); };
  int code = 0;
  try {
    bumper::NoEscape guard(buf);
    (void)bumper::alloc<int>(buf, 10);
    ADD_FAILURE() << "the allocation should have thrown";
  } catch (const CustomError &error) {
    code = error.code;
  }
  EXPECT_EQ(code, 42);
  EXPECT_EQ(buf.used(), 0u);
}

TEST(SlowPath, OutOfMemoryThroughTheSlowPathRestoresEarlierAllocations) {
  bumper::AllocBuffer buf(256);
  const bumper::Checkpoint before = bumper::checkpoint(buf);
  EXPECT_THROW(
      {
        bumper::NoEscape guard(buf);
        (void)bumper::alloc<char>(buf, 100);
        (void)bumper::alloc_bytes(buf, 1000, 8); // the slow path, via allocate
      },
      bumper::out_of_memory);
  EXPECT_EQ(buf.used(), 0u);
  bumper::restore(buf, before); // still a valid checkpoint
}

TEST(SlowPath, ExceptionsKeepComingAfterEarlierOnes) {
  // The pending exception is handed over once: a later failure reports its
  // own exception, not a stale one.
  ProbeBuffer buf;
  for (int code = 1; code <= 3; ++code) {
    buf.on_allocate = [code](std::size_t) -> void * {
      throw CustomError(code);
    };
    try {
      (void)bumper::alloc_bytes(buf, 8, 8);
      ADD_FAILURE() << "the allocation should have thrown";
    } catch (const CustomError &error) {
      EXPECT_EQ(error.code, code);
    }
  }
}

TEST(SlowPathDeathTest, AllocateSlowReturningNullAborts) {
#if BUMPER_PRESERVING_CALLS
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        ProbeBuffer buf;
        buf.on_allocate = [](std::size_t) -> void * { return nullptr; };
        (void)bumper::alloc_bytes(buf, 8, 8);
      },
      "allocate_slow returned null");
#else
  GTEST_SKIP() << "plain calls pass a null result on";
#endif
}

// A backtrace taken in a slow path must pass through the trampoline into the
// function that allocated and from there into its caller: the return address
// into the caller can only be found if the unwinder got the allocating
// function's frame right.
std::vector<void *> captured_frames;
void *return_into_caller = nullptr;

[[gnu::noinline]] void *allocate_and_record(bumper::Buffer &buf) {
  void *p = bumper::alloc_bytes(buf, 16, 8);
  return_into_caller = __builtin_return_address(0);
  asm volatile("" ::: "memory"); // not a tail call: the frame stays
  return p;
}
[[gnu::noinline]] void *call_allocate_and_record(bumper::Buffer &buf) {
  void *p = allocate_and_record(buf);
  asm volatile("" ::: "memory");
  return p;
}

TEST(SlowPath, BacktraceFromASlowPathReachesTheCallers) {
  ProbeBuffer buf;
  static std::byte memory[64];
  buf.on_allocate = [](std::size_t) -> void * {
    captured_frames.assign(64, nullptr);
    captured_frames.resize(
        static_cast<std::size_t>(backtrace(captured_frames.data(), 64)));
    return memory;
  };
  ASSERT_EQ(call_allocate_and_record(buf), memory);
  ASSERT_NE(return_into_caller, nullptr);
  bool found = false;
  for (void *pc : captured_frames)
    found = found || pc == return_into_caller;
  EXPECT_TRUE(found) << "the unwinder lost the allocating function's caller ("
                     << captured_frames.size() << " frames)";
}

TEST(SlowPath, DefaultBufferIsMadeOnFirstUseInANewThread) {
  std::uintptr_t address = 0;
  const bumper::Buffer *made = nullptr;
  std::thread([&] {
    std::span<int> s = bumper::alloc<int>(4);
    s[3] = 7;
    address = reinterpret_cast<std::uintptr_t>(s.data());
    made = &bumper::default_buffer();
    EXPECT_EQ(made->used(), bumper::detail::granule_ceil(4 * sizeof(int)));
  }).join();
  EXPECT_NE(address, 0u);
  EXPECT_NE(made, nullptr);
}

} // namespace
