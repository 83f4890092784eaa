// The buffer kinds: capacity, errors, slab chains, regrowth, introspection.
#include "test_support.hpp"

#include <bumper/bumper.hpp>
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#if BUMPER_HAS_ASAN
// The tests ask for impossible sizes on purpose: let ASan's allocator say no
// (return null) instead of stopping the program.
extern "C" const char *__asan_default_options() {
  return "allocator_may_return_null=1";
}
#endif

namespace {

using bumper_test::all_kinds;

// --- AllocBuffer ---

TEST(AllocBuffer, ExactlyFullThenOneByteMoreThrowsAndChangesNothing) {
  bumper::AllocBuffer buf(256);
  EXPECT_EQ(buf.capacity(), 256u);
  auto all = bumper::alloc<std::byte>(buf, 256);
  EXPECT_EQ(all.data(), buf.data());
  EXPECT_EQ(buf.used(), 256u);

  const bumper::Checkpoint before = bumper::checkpoint(buf);
  try {
    (void)bumper::alloc<std::byte>(buf, 1);
    FAIL() << "expected out_of_memory";
  } catch (const bumper::out_of_memory &error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("capacity 256"), std::string::npos) << message;
    EXPECT_NE(message.find("request for 1 bytes"), std::string::npos)
        << message;
    EXPECT_EQ(error.request(), 1u);
    EXPECT_EQ(error.capacity(), 256u);
  }
  const bumper::Checkpoint after = bumper::checkpoint(buf);
  EXPECT_EQ(after.position, before.position);
  EXPECT_EQ(after.generation, before.generation);
  EXPECT_EQ(buf.used(), 256u);
  // Still usable once memory comes back.
  bumper::reset(buf);
  EXPECT_EQ(bumper::alloc<std::byte>(buf, 256).data(), buf.data());
}

TEST(AllocBuffer, OutOfMemoryIsABadAlloc) {
  bumper::AllocBuffer buf(16);
  EXPECT_THROW((void)bumper::alloc<int>(buf, 5), std::bad_alloc);
  EXPECT_EQ(buf.used(), 0u);
  // An alignment that pushes a fitting size past the end fails too.
  (void)bumper::alloc<char>(buf, 1);
  EXPECT_THROW((void)bumper::alloc_bytes(buf, 8, 16), bumper::out_of_memory);
  EXPECT_EQ(buf.used(), bumper::allocation_granule);
}

TEST(AllocBuffer, CapacityIsRoundedUpToTheGranule) {
  bumper::AllocBuffer buf(100);
  EXPECT_EQ(buf.capacity(), 104u);
  // A request of the capacity asked for fits; then the buffer is full.
  (void)bumper::alloc<char>(buf, 100);
  EXPECT_EQ(buf.used(), 104u);
  EXPECT_THROW((void)bumper::alloc<char>(buf, 1), bumper::out_of_memory);
}

TEST(AllocBuffer, AllocationsAreWholeGranules) {
  bumper::AllocBuffer buf(256);
  char *a = bumper::alloc<char>(buf, 1).data();
  char *b = bumper::alloc<char>(buf, 9).data();
  char *c = bumper::alloc<char>(buf, 0).data();
  char *d = bumper::alloc<char>(buf, 1).data();
  EXPECT_EQ(b - a, 8);
  EXPECT_EQ(c - b, 16);
  EXPECT_EQ(d, c); // an empty allocation takes no space
  EXPECT_EQ(buf.used(), 32u);
  for (char *p : {a, b, c, d})
    EXPECT_TRUE(bumper_test::is_aligned(p, bumper::allocation_granule));
}

TEST(AllocBuffer, OverCallerMemory) {
  alignas(64) std::array<std::byte, 512> storage{};
  {
    bumper::AllocBuffer buf{std::span<std::byte>(storage)};
    EXPECT_EQ(buf.capacity(), 512u);
    auto xs = bumper::alloc<std::uint32_t>(buf, 128);
    EXPECT_EQ(static_cast<void *>(xs.data()), storage.data());
    xs[127] = 0xdeadbeef;
    EXPECT_THROW((void)bumper::alloc<char>(buf, 1), bumper::out_of_memory);
  }
  bumper::AllocBuffer raw(storage.data() + 8, 104);
  EXPECT_EQ(raw.capacity(), 104u);
  EXPECT_EQ(static_cast<void *>(bumper::alloc<char>(raw, 104).data()),
            storage.data() + 8);
  // Memory that does not start or end on the granule: the granules inside.
  bumper::AllocBuffer odd(storage.data() + 3, 100); // [8, 96) of storage
  EXPECT_EQ(odd.capacity(), 88u);
  EXPECT_EQ(static_cast<void *>(odd.data()), storage.data() + 8);
  EXPECT_EQ(static_cast<void *>(bumper::alloc<char>(odd, 88).data()),
            storage.data() + 8);
  EXPECT_THROW((void)bumper::alloc<char>(odd, 1), bumper::out_of_memory);
  bumper::AllocBuffer tiny(storage.data() + 1, 6);
  EXPECT_EQ(tiny.capacity(), 0u);
  EXPECT_THROW((void)bumper::alloc<char>(tiny, 1), bumper::out_of_memory);
}

TEST(AllocBuffer, ZeroCapacity) {
  bumper::AllocBuffer buf(0);
  EXPECT_EQ(buf.capacity(), 0u);
  EXPECT_EQ(buf.slab_count(), 0u);
  EXPECT_TRUE(bumper::alloc<int>(buf, 0).empty());
  EXPECT_THROW((void)bumper::alloc<int>(buf, 1), bumper::out_of_memory);
}

// --- Size overflow ---

TEST(Errors, SizeOverflowThrowsOnEveryKindAndChangesNothing) {
  for (const auto &kind : all_kinds()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    (void)bumper::alloc<int>(*buf, 3);
    const std::size_t used = buf->used();
    const bumper::Checkpoint before = bumper::checkpoint(*buf);
    try {
      (void)bumper::alloc<std::uint64_t>(*buf, SIZE_MAX / 4);
      FAIL() << "expected out_of_memory";
    } catch (const bumper::out_of_memory &error) {
      const std::string message = error.what();
      EXPECT_NE(message.find(std::to_string(SIZE_MAX / 4)), std::string::npos)
          << message;
      EXPECT_NE(message.find("overflows"), std::string::npos) << message;
      EXPECT_NE(message.find("capacity"), std::string::npos) << message;
    }
    EXPECT_EQ(buf->used(), used);
    EXPECT_EQ(bumper::checkpoint(*buf).position, before.position);
  }
}

TEST(Errors, SizeOverflowOnTheDefaultBuffer) {
  const std::size_t used = bumper::default_buffer().used();
  EXPECT_THROW((void)bumper::alloc<std::uint64_t>(SIZE_MAX / 4),
               std::bad_alloc);
  EXPECT_EQ(bumper::default_buffer().used(), used);
}

TEST(Errors, ImpossibleRequestOnGrowableBuffersThrowsAndChangesNothing) {
  bumper::SlabBuffer slab(4096);
  bumper::ResizeBuffer resize(4096);
  for (bumper::Buffer *buf : {static_cast<bumper::Buffer *>(&slab),
                              static_cast<bumper::Buffer *>(&resize)}) {
    (void)bumper::alloc<int>(*buf, 3);
    const std::size_t used = buf->used();
    const std::size_t capacity = buf->capacity();
    const std::size_t slabs = buf->slab_count();
    EXPECT_THROW((void)bumper::alloc_bytes(*buf, SIZE_MAX / 2, 8),
                 bumper::out_of_memory);
    EXPECT_THROW((void)bumper::alloc_bytes(*buf, SIZE_MAX - 8, 4096),
                 bumper::out_of_memory);
    EXPECT_EQ(buf->used(), used);
    EXPECT_EQ(buf->capacity(), capacity);
    EXPECT_EQ(buf->slab_count(), slabs);
  }
}

TEST(Errors, RequestsNearSizeMaxThrowOnEveryKindAndChangeNothing) {
  // Found by test/fuzz: sizes near SIZE_MAX must not wrap anywhere (block
  // headers, alignment padding, the aligned operator new).
  for (const auto &kind : all_kinds()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    (void)bumper::alloc<int>(*buf, 3);
    const std::size_t used = buf->used();
    const std::size_t capacity = buf->capacity();
    for (std::size_t k = 0; k < 300; ++k)
      for (std::size_t alignment : {1, 64, 4096}) {
        EXPECT_THROW((void)bumper::alloc_bytes(*buf, SIZE_MAX - k, alignment),
                     bumper::out_of_memory)
            << k << " " << alignment;
      }
    EXPECT_EQ(buf->used(), used);
    EXPECT_EQ(buf->capacity(), capacity);
  }
  EXPECT_THROW(bumper::AllocBuffer(SIZE_MAX - 10), bumper::out_of_memory);
  EXPECT_THROW(bumper::ResizeBuffer(SIZE_MAX - 10), bumper::out_of_memory);
  EXPECT_THROW(bumper::SlabBuffer(SIZE_MAX - 10), bumper::out_of_memory);
}

TEST(SlabBuffer, ZeroByteOversizedRequestThenReset) {
  // Found by test/fuzz: an alignment no fresh slab can give sends even a
  // zero-byte request to an allocation of its own. Restoring and resetting
  // around it keeps the buffer consistent.
  bumper::SlabBuffer buf(64);
  const bumper::Checkpoint empty = bumper::checkpoint(buf);
  void *p = bumper::alloc_bytes(buf, 0, 4096);
  EXPECT_TRUE(bumper_test::is_aligned(p, 4096));
  EXPECT_EQ(buf.slab_count(), 2u);
  EXPECT_GT(buf.used(), 0u); // so a reset kills a checkpoint taken now
  bumper::restore(buf, empty);
  EXPECT_EQ(buf.slab_count(), 1u);
  EXPECT_EQ(buf.used(), 0u);
  (void)bumper::alloc_bytes(buf, 0, 4096);
  bumper::reset(buf);
  bumper::restore(buf, empty); // an empty checkpoint survives a reset
  EXPECT_EQ(buf.used(), 0u);
  EXPECT_EQ(buf.slab_count(), 1u);
}

// --- SlabBuffer ---

TEST(SlabBuffer, TakesItsFirstSlabAtConstruction) {
  bumper::SlabBuffer buf(1024);
  EXPECT_EQ(buf.capacity(), 1024u);
  EXPECT_EQ(buf.slab_count(), 1u);
  EXPECT_EQ(buf.slab_size(), 1024u);
  EXPECT_EQ(buf.used(), 0u);
  (void)bumper::alloc<char>(buf, 1);
  EXPECT_EQ(buf.capacity(), 1024u);
  EXPECT_EQ(buf.slab_count(), 1u);
}

TEST(SlabBuffer, AGuardOnAFreshBufferStaysInItsFirstSlab) {
  // The checkpoint of a fresh buffer is in the first slab, so guarded
  // allocations come back to the same address without new slabs.
  bumper::SlabBuffer buf(1024);
  const bumper::Checkpoint fresh = bumper::checkpoint(buf);
  char *first = nullptr;
  for (int i = 0; i < 1000; ++i) {
    bumper::NoEscape guard(buf);
    char *p = bumper::alloc<char>(buf, 100).data();
    if (i == 0)
      first = p;
    ASSERT_EQ(p, first);
    ASSERT_EQ(bumper::checkpoint(buf).generation, fresh.generation);
  }
  EXPECT_EQ(buf.slab_count(), 1u);
}

TEST(SlabBuffer, ResetKeepsTheFirstSlab) {
  bumper::SlabBuffer buf(1024);
  char *first = bumper::alloc<char>(buf, 1).data();
  for (int i = 0; i < 10; ++i)
    (void)bumper::alloc<char>(buf, 1000);
  EXPECT_EQ(buf.slab_count(), 10u);
  bumper::reset(buf);
  EXPECT_EQ(buf.slab_count(), 2u); // the first slab and the spare
  EXPECT_EQ(bumper::alloc<char>(buf, 1).data(), first);
}

TEST(SlabBuffer, ChainsSlabs) {
  bumper::SlabBuffer buf(1024);
  std::vector<char *> blocks;
  for (int i = 0; i < 10; ++i) {
    auto bytes = bumper::alloc<char>(buf, 600); // one per slab
    std::fill(bytes.begin(), bytes.end(), static_cast<char>(i));
    blocks.push_back(bytes.data());
  }
  EXPECT_EQ(buf.slab_count(), 10u);
  EXPECT_EQ(buf.capacity(), 10 * 1024u);
  for (int i = 0; i < 10; ++i)
    for (int j = 0; j < 600; ++j)
      ASSERT_EQ(blocks[i][j], static_cast<char>(i));
  EXPECT_EQ(buf.used(), 10 * 600u); // slab tails left behind do not count
}

TEST(SlabBuffer, OversizedRequestsGetTheirOwnAllocation) {
  bumper::SlabBuffer buf(1024);
  auto small = bumper::alloc<char>(buf, 100);
  auto big = bumper::alloc<char>(buf, 1024); // a slab or more
  EXPECT_EQ(buf.slab_count(), 2u);           // one slab + one oversized
  // The current slab's free space is still used after the oversized request.
  auto after = bumper::alloc<char>(buf, 100);
  EXPECT_EQ(after.data(), small.data() + 104); // 100 in whole granules
  auto huge = bumper::alloc<double>(buf, 100000);
  huge[99999] = 1.0;
  EXPECT_EQ(buf.slab_count(), 3u);
  EXPECT_GE(buf.capacity(), 1024u + 1024u + 800000u);
  EXPECT_EQ(buf.used(), 104u + 1024u + 104u + 800000u);
  big[1023] = 'x';

  bumper::reset(buf);
  EXPECT_EQ(buf.used(), 0u);
  EXPECT_EQ(buf.slab_count(), 1u); // the first slab, kept
}

TEST(SlabBuffer, OverAlignedRequestLargerThanASlab) {
  bumper::SlabBuffer buf(1024);
  void *p = bumper::alloc_bytes(buf, 1000, 4096); // fits a slab only unaligned
  EXPECT_TRUE(bumper_test::is_aligned(p, 4096));
}

TEST(SlabBuffer, MillionAllocRestoreCyclesAtASlabBoundaryStayBounded) {
  bumper::SlabBuffer buf(4096);
  (void)bumper::alloc<std::byte>(buf, 4000);
  (void)bumper::alloc<std::byte>(buf, 96); // the first slab, exactly full
  ASSERT_EQ(buf.slab_count(), 1u);
  const bumper::Checkpoint at_boundary = bumper::checkpoint(buf);
  std::size_t max_slabs = 0;
  std::size_t max_capacity = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    auto xs = bumper::alloc<std::uint64_t>(buf, 2); // needs the next slab
    xs[1] = static_cast<std::uint64_t>(i);
    max_slabs = std::max(max_slabs, buf.slab_count());
    max_capacity = std::max(max_capacity, buf.capacity());
    bumper::restore(buf, at_boundary);
  }
  EXPECT_EQ(max_slabs, 2u); // the first slab and the spare, reused
  EXPECT_EQ(max_capacity, 2 * 4096u);
  EXPECT_EQ(buf.used(), 4096u);
  EXPECT_EQ(buf.high_water(), 4096u + 16u);
}

TEST(SlabBuffer, MillionGuardedCyclesAtASlabBoundaryStayBounded) {
  bumper::SlabBuffer buf(4096);
  (void)bumper::alloc<std::byte>(buf, 4000);
  std::size_t max_slabs = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    bumper::NoEscape guard(buf);
    (void)bumper::alloc<std::uint64_t>(buf, 32); // 256 bytes: crosses
    max_slabs = std::max(max_slabs, buf.slab_count());
  }
  EXPECT_EQ(max_slabs, 2u);
  EXPECT_EQ(buf.slab_count(), 2u);
}

TEST(SlabBuffer, SetSlabSizeAppliesToNewSlabs) {
  bumper::SlabBuffer buf(1024);
  (void)bumper::alloc<char>(buf, 1000);
  buf.set_slab_size(8192);
  (void)bumper::alloc<char>(buf, 5000); // a new slab of the new size
  EXPECT_EQ(buf.slab_count(), 2u);
  EXPECT_EQ(buf.capacity(), 1024u + 8192u);
}

// --- ResizeBuffer ---

TEST(ResizeBuffer, FrameLoopSettlesIntoOneBlock) {
  bumper::ResizeBuffer buf(1024);
  EXPECT_EQ(buf.block_capacity(), 1024u);
  std::vector<std::size_t> slabs_after_frame;
  std::vector<std::byte *> first_alloc;
  for (int frame = 0; frame < 10; ++frame) {
    bumper::NoEscape guard(buf);
    first_alloc.push_back(bumper::alloc<std::byte>(buf, 10).data());
    for (int i = 0; i < 200; ++i) {
      auto xs = bumper::alloc<double>(buf, 40 + i % 7);
      xs[0] = i;
      if (i % 50 == 0)
        (void)bumper::alloc_bytes(buf, 100, 256);
    }
    slabs_after_frame.push_back(buf.slab_count());
  }
  EXPECT_GT(slabs_after_frame[0], 1u); // the first frame overflowed
  for (int frame = 1; frame < 10; ++frame)
    EXPECT_EQ(slabs_after_frame[frame], 1u) << frame; // then one block
  for (int frame = 2; frame < 10; ++frame)
    EXPECT_EQ(first_alloc[frame], first_alloc[1]) << frame;
  EXPECT_EQ(buf.slab_count(), 1u);
  EXPECT_GE(buf.block_capacity(), buf.high_water());
  EXPECT_EQ(buf.capacity(), buf.block_capacity());
  EXPECT_EQ(buf.used(), 0u);
}

TEST(ResizeBuffer, ResetRegrowsToTheHighWaterMark) {
  bumper::ResizeBuffer buf;
  EXPECT_EQ(buf.capacity(), 0u);
  for (int i = 0; i < 100; ++i)
    (void)bumper::alloc<int>(buf, 1000);
  EXPECT_GT(buf.slab_count(), 1u);
  bumper::reset(buf);
  EXPECT_EQ(buf.slab_count(), 1u);
  EXPECT_GE(buf.block_capacity(), 100 * 1000 * sizeof(int));
  std::byte *start = bumper::alloc<std::byte>(buf, 1).data();
  bumper::reset(buf);
  for (int i = 0; i < 100; ++i)
    (void)bumper::alloc<int>(buf, 1000);
  EXPECT_EQ(buf.slab_count(), 1u);
  bumper::reset(buf);
  EXPECT_EQ(bumper::alloc<std::byte>(buf, 1).data(), start);
}

TEST(ResizeBuffer, RestoreToANonEmptyCheckpointKeepsTheBlock) {
  bumper::ResizeBuffer buf(256);
  auto keep = bumper::alloc<int>(buf, 10);
  keep[9] = 42;
  const bumper::Checkpoint cp = bumper::checkpoint(buf);
  (void)bumper::alloc<int>(buf, 1000); // a side block
  EXPECT_EQ(buf.slab_count(), 2u);
  bumper::restore(buf, cp);
  EXPECT_EQ(buf.slab_count(), 1u);
  EXPECT_EQ(buf.block_capacity(), 256u); // not empty: no regrowth yet
  EXPECT_EQ(keep[9], 42);
}

// --- Introspection ---

TEST(Introspection, UsedCapacityHighWaterSlabs) {
  bumper::AllocBuffer buf(1000);
  EXPECT_EQ(buf.used(), 0u);
  EXPECT_EQ(buf.high_water(), 0u);
  EXPECT_EQ(buf.slab_count(), 1u);
  (void)bumper::alloc<char>(buf, 3);     // one granule
  (void)bumper::alloc<int>(buf, 2);      // one granule
  (void)bumper::alloc_bytes(buf, 1, 64); // 40 bytes of padding, one granule
  EXPECT_EQ(buf.used(), 72u);
  {
    bumper::NoEscape guard(buf);
    (void)bumper::alloc<char>(buf, 500);
    EXPECT_EQ(buf.used(), 576u);
  }
  EXPECT_EQ(buf.used(), 72u);
  EXPECT_EQ(buf.high_water(), 576u);
  EXPECT_EQ(buf.capacity(), 1000u);
}

TEST(Introspection, HighWaterAcrossSlabsAndOversizedRequests) {
  bumper::SlabBuffer buf(1024);
  {
    bumper::NoEscape guard(buf);
    (void)bumper::alloc<char>(buf, 1000);
    (void)bumper::alloc<char>(buf, 1000);
    (void)bumper::alloc<char>(buf, 3000);
    EXPECT_EQ(buf.used(), 5000u);
  }
  EXPECT_EQ(buf.used(), 0u);
  EXPECT_EQ(buf.high_water(), 5000u);
}

// --- A user-defined buffer ---

TEST(UserBuffer, PlugsIntoEverything) {
  bumper_test::ArrayBuffer buf(256);
  auto xs = bumper::alloc<int>(buf, 8);
  auto m = bumper::alloc<short>(buf, 2, 4);
  m(1, 3) = 5;
  xs[7] = 1;
  EXPECT_EQ(buf.used(), 48u);
  {
    bumper::NoEscape guard(buf);
    (void)bumper::alloc<char>(buf, 200);
    EXPECT_THROW((void)bumper::alloc<char>(buf, 200), bumper::out_of_memory);
    EXPECT_EQ(buf.slow_allocations, 1);
  }
  EXPECT_EQ(buf.used(), 48u);
  const int total = bumper::with_buffer(buf, [] {
    bumper::NoEscape guard;
    auto ys = bumper::alloc<int>(4);
    std::fill(ys.begin(), ys.end(), 2);
    return ys[0] + ys[3];
  });
  EXPECT_EQ(total, 4);
  bumper::reset(buf);
  EXPECT_EQ(buf.used(), 0u);
  EXPECT_EQ(buf.high_water(), 248u);
}

} // namespace
