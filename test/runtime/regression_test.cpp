// Regressions from issue 14 (libbumper against its peers' test suites): dead
// checkpoints, the spare slab, zero-size requests, preconditions, and
// checkpoints restored on the wrong buffer in release builds.
#include "test_support.hpp"

#include <bumper/bumper.hpp>
#include <gtest/gtest.h>

#include <cstddef>
#include <stdexcept>
#include <vector>

namespace {

using bumper_test::all_kinds;
using bumper_test::is_aligned;

class RegressionDeathTest : public ::testing::Test {
protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

// --- 1. A dead checkpoint of a ResizeBuffer whose block was regrown ---

// The checkpoint lay above the start of a main block that a reset replaced:
// it was restored past by the reset, and restoring it would free `b`.
TEST_F(RegressionDeathTest, ResizeBufferDeadCheckpointAfterRegrowingReset) {
  EXPECT_DEATH(
      {
        bumper::ResizeBuffer rb(4096);
        (void)bumper::alloc<char>(rb, 100);
        const bumper::Checkpoint cp = bumper::checkpoint(rb);
        (void)bumper::alloc<char>(rb, 10000); // a side block
        bumper::reset(rb);                    // regrows the main block
        (void)bumper::alloc<char>(rb, 50);
        bumper::restore(rb, cp);
      },
      "invalid checkpoint");
}

// The checkpoints that stay valid across regrown blocks: those taken on the
// empty buffer, however many blocks ago.
TEST(Regression, ResizeBufferEmptyCheckpointsSurviveSeveralRegrowths) {
  bumper::ResizeBuffer rb(4096);
  const bumper::Checkpoint empty = bumper::checkpoint(rb);
  for (std::size_t size : {10000u, 100000u, 1000000u}) {
    const bumper::Checkpoint inner = bumper::checkpoint(rb);
    (void)bumper::alloc<char>(rb, size);
    bumper::restore(rb, inner); // empty again: regrows
  }
  EXPECT_GE(rb.block_capacity(), 1000000u);
  char *b = bumper::alloc<char>(rb, 50).data();
  bumper::restore(rb, empty);
  EXPECT_EQ(rb.used(), 0u);
  EXPECT_EQ(bumper::alloc<char>(rb, 50).data(), b);
}

// --- 2. SlabBuffer: the spare is the slab the next allocation lands in ---

TEST(Regression, SlabBufferRestoreAcrossTwoSlabsGivesTheSameAddressAgain) {
  bumper::SlabBuffer buf(4096);
  (void)bumper::alloc<char>(buf, 3000);
  const bumper::Checkpoint cp = bumper::checkpoint(buf);
  char *a = bumper::alloc<char>(buf, 3000).data(); // a second slab
  (void)bumper::alloc<char>(buf, 3000);            // a third
  EXPECT_EQ(buf.slab_count(), 3u);
  bumper::restore(buf, cp);
  EXPECT_EQ(buf.slab_count(), 2u); // the first and the spare
  EXPECT_EQ(bumper::alloc<char>(buf, 3000).data(), a);
}

TEST(Regression, SlabBufferResetKeepsTheSecondSlabAsTheSpare) {
  bumper::SlabBuffer buf(4096);
  (void)bumper::alloc<char>(buf, 3000);
  char *a = bumper::alloc<char>(buf, 3000).data();
  for (int i = 0; i < 3; ++i)
    (void)bumper::alloc<char>(buf, 3000);
  bumper::reset(buf);
  EXPECT_EQ(buf.slab_count(), 2u);
  (void)bumper::alloc<char>(buf, 3000);
  EXPECT_EQ(bumper::alloc<char>(buf, 3000).data(), a);
}

// --- 3. Zero-size requests are never null ---

std::vector<bumper_test::Kind> kinds_with_empty_ones() {
  std::vector<bumper_test::Kind> kinds = all_kinds();
  kinds.push_back({"AllocBuffer(0)",
                   [] { return std::make_unique<bumper::AllocBuffer>(0); }});
  kinds.push_back({"AllocBuffer(nullptr, 0)", [] {
                     return std::make_unique<bumper::AllocBuffer>(nullptr, 0);
                   }});
  kinds.push_back({"ResizeBuffer(0)",
                   [] { return std::make_unique<bumper::ResizeBuffer>(0); }});
  kinds.push_back({"full AllocBuffer", [] {
                     auto buf = std::make_unique<bumper::AllocBuffer>(64);
                     (void)bumper::alloc<char>(*buf, 64);
                     return buf;
                   }});
  return kinds;
}

TEST(Regression, ZeroSizeRequestsAreNeverNull) {
  for (const auto &kind : kinds_with_empty_ones()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    const std::size_t used = buf->used();
    for (std::size_t alignment : {1u, 8u, 16u}) {
      void *p = bumper::alloc_bytes(*buf, 0, alignment);
      EXPECT_NE(p, nullptr);
      EXPECT_TRUE(is_aligned(p, alignment));
      EXPECT_NE(buf->allocate(0, alignment), nullptr);
    }
    EXPECT_NE(bumper::alloc<int>(*buf, 0).data(), nullptr);
    EXPECT_NE(buf->allocate_array(0, 8, 8), nullptr);
    EXPECT_EQ(buf->used(), used) << "a zero-size request uses no memory";
  }
}

// --- 4. Preconditions fail cleanly ---

TEST(Regression, ZeroElementSizeIsAZeroSizeRequest) {
  for (const auto &kind : kinds_with_empty_ones()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    const std::size_t used = buf->used();
    void *p = buf->allocate_array(3, 0, 8);
    EXPECT_NE(p, nullptr);
    EXPECT_TRUE(is_aligned(p, 8));
    EXPECT_EQ(buf->used(), used);
  }
}

TEST(Regression, BadAlignmentsThrowInvalidArgumentEverywhere) {
  for (const auto &kind : all_kinds()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    (void)bumper::alloc<char>(*buf, 3);
    const std::size_t used = buf->used();
    const bumper::Checkpoint before = buf->checkpoint();
    for (std::size_t alignment : {0u, 3u, 24u, 96u}) {
      SCOPED_TRACE(alignment);
      EXPECT_THROW((void)buf->allocate(8, alignment), std::invalid_argument);
      EXPECT_THROW((void)buf->allocate_array(1, 8, alignment),
                   std::invalid_argument);
      EXPECT_THROW((void)bumper::alloc_bytes(*buf, 8, alignment),
                   std::invalid_argument);
      bumper::buffer_resource resource(*buf);
      EXPECT_THROW((void)resource.allocate(8, alignment),
                   std::invalid_argument);
    }
    EXPECT_EQ(buf->used(), used);
    EXPECT_EQ(buf->checkpoint().position, before.position);
    EXPECT_EQ(buf->checkpoint().generation, before.generation);
  }
}

// --- 5. A checkpoint restored on the wrong buffer, in every build ---

TEST_F(RegressionDeathTest, WrongBufferAbortsInEveryBuild) {
  EXPECT_DEATH(
      {
        bumper::AllocBuffer a(1024);
        bumper::AllocBuffer b(1024);
        const bumper::Checkpoint cp = bumper::checkpoint(a);
        (void)bumper::alloc<int>(b, 4);
        bumper::restore(b, cp);
      },
      "checkpoint restored on the wrong buffer");
  EXPECT_DEATH(
      {
        bumper::SlabBuffer a(4096);
        bumper::SlabBuffer b(4096);
        (void)bumper::alloc<int>(a, 4);
        const bumper::Checkpoint cp = bumper::checkpoint(a);
        bumper::restore(b, cp);
      },
      "checkpoint restored on the wrong buffer");
}

} // namespace
