// Debug aids: ASan poisoning of freed arena memory, and the misuse checks of
// BUMPER_DEBUG_CHECKS. The death tests run in the sanitized build (ASan, and
// BUMPER_DEBUG_CHECKS=1); elsewhere they skip.
#include <bumper/bumper.hpp>
#include <gtest/gtest.h>

#include <thread>

namespace {

class DebugDeathTest : public ::testing::Test {
protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

/// Writes through a pointer the optimiser cannot drop.
[[maybe_unused]] void touch(int *p) {
  volatile int *v = p;
  *v = 1;
}

// --- AddressSanitizer ---

TEST_F(DebugDeathTest, UseAfterResetIsReportedByASan) {
#if BUMPER_HAS_ASAN
  bumper::AllocBuffer buf(1024);
  std::span<int> xs = bumper::alloc<int>(buf, 16);
  touch(xs.data()); // fine while allocated
  bumper::reset(buf);
  EXPECT_DEATH(touch(xs.data()), "use-after-poison");
#else
  GTEST_SKIP() << "needs AddressSanitizer";
#endif
}

TEST_F(DebugDeathTest, UseAfterRestoreIsReportedByASanOnEveryKind) {
#if BUMPER_HAS_ASAN
  bumper::AllocBuffer a(1024);
  bumper::SlabBuffer s(1024);
  bumper::ResizeBuffer r(1024);
  for (bumper::Buffer *buf :
       {static_cast<bumper::Buffer *>(&a), static_cast<bumper::Buffer *>(&s),
        static_cast<bumper::Buffer *>(&r)}) {
    int *p = nullptr;
    {
      bumper::NoEscape guard(*buf);
      p = bumper::alloc<int>(*buf, 8).data();
      touch(p + 7);
    }
    EXPECT_DEATH(touch(p + 7), "use-after-poison");
  }
#else
  GTEST_SKIP() << "needs AddressSanitizer";
#endif
}

TEST_F(DebugDeathTest, AllocationUnpoisonsExactlyTheAllocatedBytes) {
#if BUMPER_HAS_ASAN
  bumper::AllocBuffer buf(1024);
  std::span<int> xs = bumper::alloc<int>(buf, 4); // 16 bytes: two granules
  touch(&xs[3]);
  // One past the end is free arena memory, still poisoned.
  EXPECT_DEATH(touch(xs.data() + 4), "use-after-poison");
  // Memory re-allocated after a restore is usable again.
  bumper::reset(buf);
  std::span<int> again = bumper::alloc<int>(buf, 4);
  touch(&again[3]);
#else
  GTEST_SKIP() << "needs AddressSanitizer";
#endif
}

// --- BUMPER_DEBUG_CHECKS ---

TEST_F(DebugDeathTest, UseFromAnotherThreadFails) {
#if BUMPER_DEBUG_CHECKS
  EXPECT_DEATH(
      {
        bumper::SlabBuffer buf(1024);
        (void)bumper::alloc<int>(buf, 1); // this thread owns it now
        std::thread([&] { (void)bumper::alloc<int>(buf, 1); }).join();
      },
      "owned by thread .* but used from thread");
#else
  GTEST_SKIP() << "needs BUMPER_DEBUG_CHECKS";
#endif
}

// In every build (generations are unique in the process).
TEST_F(DebugDeathTest, CheckpointOnTheWrongBufferFails) {
  EXPECT_DEATH(
      {
        bumper::AllocBuffer a(64);
        bumper::AllocBuffer b(64);
        const bumper::Checkpoint cp = bumper::checkpoint(a);
        bumper::restore(b, cp);
      },
      "checkpoint restored on the wrong buffer");
}

TEST_F(DebugDeathTest, CheckpointRestoredPastFails) {
#if BUMPER_DEBUG_CHECKS
  EXPECT_DEATH(
      {
        bumper::AllocBuffer buf(64);
        const bumper::Checkpoint outer = bumper::checkpoint(buf);
        (void)bumper::alloc<int>(buf, 4);
        const bumper::Checkpoint inner = bumper::checkpoint(buf);
        bumper::restore(buf, outer);
        bumper::restore(buf, inner); // above the current position
      },
      "invalid checkpoint: it is above the buffer's current position");
#else
  GTEST_SKIP() << "needs BUMPER_DEBUG_CHECKS";
#endif
}

TEST_F(DebugDeathTest, MdviewIndexOutOfRangeFails) {
#if BUMPER_DEBUG_CHECKS
  bumper::AllocBuffer buf(256);
  auto m = bumper::alloc<int>(buf, 2, 3);
  EXPECT_DEATH((void)m(0, 3), "mdview index out of range");
#else
  GTEST_SKIP() << "needs BUMPER_DEBUG_CHECKS";
#endif
}

// The slow path (a checkpoint from another block) always validates, with or
// without BUMPER_DEBUG_CHECKS: a bad checkpoint there would free live slabs.
TEST_F(DebugDeathTest, StaleCheckpointFromAnotherSlabAlwaysFails) {
  EXPECT_DEATH(
      {
        bumper::SlabBuffer buf(256);
        const bumper::Checkpoint start = bumper::checkpoint(buf);
        (void)bumper::alloc<char>(buf, 200);
        (void)bumper::alloc<char>(buf, 200); // the second slab
        const bumper::Checkpoint late = bumper::checkpoint(buf);
        bumper::restore(buf, start);
        (void)bumper::alloc<char>(buf, 10);
        bumper::restore(buf, late);
      },
      "invalid checkpoint");
}

// A trim frees the block, but a checkpoint taken above its start before the
// reset stays dead (it would free live memory), in every build.
TEST_F(DebugDeathTest, ResizeBufferCheckpointAboveTheStartStaysDeadAfterATrim) {
  EXPECT_DEATH(
      {
        bumper::ResizeBuffer buf(4096);
        (void)bumper::alloc<char>(buf, 100);
        const bumper::Checkpoint cp = bumper::checkpoint(buf);
        bumper::reset(buf);
        (void)buf.trim();
        (void)bumper::alloc<char>(buf, 50);
        bumper::restore(buf, cp);
      },
      "invalid checkpoint");
}

TEST_F(DebugDeathTest, CheckpointOfAnotherBufferOnTheSlowPathAlwaysFails) {
  EXPECT_DEATH(
      {
        bumper::SlabBuffer a(256);
        bumper::SlabBuffer b(256);
        (void)bumper::alloc<char>(a, 200);
        (void)bumper::alloc<char>(a, 200); // a's second slab
        const bumper::Checkpoint cp = bumper::checkpoint(a);
        bumper::restore(b, cp);
      },
      "checkpoint restored on the wrong buffer");
}

TEST(DebugChecks, ReleaseOwnerHandsABufferOver) {
  bumper::SlabBuffer buf(1024);
  (void)bumper::alloc<int>(buf, 1);
  EXPECT_EQ(buf.owned_by_this_thread(), BUMPER_DEBUG_CHECKS != 0);
  buf.release_owner();
  std::thread([&] {
    {
      bumper::NoEscape guard(buf);
      (void)bumper::alloc<int>(buf, 1);
    }
    EXPECT_EQ(buf.owned_by_this_thread(), BUMPER_DEBUG_CHECKS != 0);
    buf.release_owner(); // after the guard's restore, the last use here
  }).join();
  (void)bumper::alloc<int>(buf, 1);
  SUCCEED();
}

TEST(DebugChecks, ABufferCreatedOnOneThreadCanBeUsedOnAnother) {
  // Ownership starts at first use, not at construction.
  bumper::SlabBuffer buf(1024);
  std::thread([&] {
    bumper::NoEscape guard(buf);
    (void)bumper::alloc<int>(buf, 1);
  }).join();
  SUCCEED();
}

} // namespace
