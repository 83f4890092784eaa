// alloc, alloc_bytes and the N-D forms, on every kind of buffer.
#include "test_support.hpp"

#include <bumper/bumper.hpp>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <numeric>
#include <type_traits>
#include <vector>

namespace {

using bumper_test::all_kinds;
using bumper_test::is_aligned;

// The seed's example, f([1,2,3]) == 9, with the guard bumper-tool inserts.
long seed_f(const std::vector<long> &x) {
  bumper::NoEscape guard;
  std::span<long> y = bumper::alloc<long>(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    y[i] = x[i] + 1;
  return std::accumulate(y.begin(), y.end(), 0L);
}

TEST(Alloc, SeedExample) {
  const std::size_t before = bumper::default_buffer().used();
  EXPECT_EQ(seed_f({1, 2, 3}), 9);
  EXPECT_EQ(seed_f({1, 2, 3}), 9);
  EXPECT_EQ(bumper::default_buffer().used(), before);
}

TEST(Alloc, SeedExampleWithBuffer) {
  // The seed's with_buffer(AllocBuffer(100)) example.
  bumper::AllocBuffer buf(100);
  const long total = bumper::with_buffer(buf, [] {
    bumper::NoEscape guard;
    std::span<long> y = bumper::alloc<long>(10);
    std::fill(y.begin(), y.end(), 1L);
    return std::accumulate(y.begin(), y.end(), 0L);
  });
  EXPECT_EQ(total, 10);
  EXPECT_EQ(buf.used(), 0u);
}

TEST(Alloc, SpanHasRequestedSizeAndIsWritable) {
  for (const auto &kind : all_kinds()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    std::span<int> a = bumper::alloc<int>(*buf, 100);
    std::span<double> b = bumper::alloc<double>(*buf, 7);
    ASSERT_EQ(a.size(), 100u);
    ASSERT_EQ(b.size(), 7u);
    std::iota(a.begin(), a.end(), 0);
    std::fill(b.begin(), b.end(), 2.5);
    EXPECT_EQ(std::accumulate(a.begin(), a.end(), 0), 4950);
    EXPECT_EQ(std::accumulate(b.begin(), b.end(), 0.0), 17.5);
    // Consecutive allocations do not overlap.
    EXPECT_TRUE(reinterpret_cast<std::byte *>(b.data()) >=
                    reinterpret_cast<std::byte *>(a.data() + a.size()) ||
                reinterpret_cast<std::byte *>(b.data() + b.size()) <=
                    reinterpret_cast<std::byte *>(a.data()));
    EXPECT_GE(buf->used(), 100 * sizeof(int) + 7 * sizeof(double));
  }
}

TEST(Alloc, ZeroElements) {
  for (const auto &kind : all_kinds()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    std::span<int> none = bumper::alloc<int>(*buf, 0);
    EXPECT_TRUE(none.empty());
  }
}

TEST(Alloc, WorksWithSpanTakingApis) {
  bumper::AllocBuffer buf(1024);
  auto sum = [](std::span<const int> xs) {
    return std::accumulate(xs.begin(), xs.end(), 0);
  };
  std::span<int> xs = bumper::alloc<int>(buf, 4);
  std::iota(xs.begin(), xs.end(), 1);
  EXPECT_EQ(sum(xs), 10);
}

TEST(Alloc, EveryAlignmentFrom1To4096OnEveryKind) {
  for (const auto &kind : all_kinds()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    for (std::size_t alignment = 1; alignment <= 4096; alignment *= 2) {
      SCOPED_TRACE(alignment);
      // Misalign the bump pointer first, so padding is really needed.
      (void)bumper::alloc_bytes(*buf, 1, 1);
      void *p = bumper::alloc_bytes(*buf, 3 * alignment, alignment);
      EXPECT_TRUE(is_aligned(p, alignment));
      std::memset(p, 0xab, 3 * alignment);
    }
  }
}

struct alignas(256) Page256 {
  std::byte bytes[256];
};
struct alignas(4096) Page4096 {
  std::byte bytes[4096];
};

TEST(Alloc, OverAlignedTypes) {
  for (const auto &kind : all_kinds()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    (void)bumper::alloc<char>(*buf, 3);
    auto a = bumper::alloc<Page256>(*buf, 2);
    EXPECT_TRUE(is_aligned(a.data(), 256));
    (void)bumper::alloc<char>(*buf, 3);
    auto b = bumper::alloc<Page4096>(*buf, 2);
    EXPECT_TRUE(is_aligned(b.data(), 4096));
    b[1].bytes[4095] = std::byte{1};
  }
}

TEST(Alloc, AlignOfTIsHonouredForFundamentalTypes) {
  bumper::SlabBuffer buf(256);
  for (int i = 0; i < 100; ++i) {
    (void)bumper::alloc<char>(buf, 1);
    EXPECT_TRUE(
        is_aligned(bumper::alloc<short>(buf, 1).data(), alignof(short)));
    (void)bumper::alloc<char>(buf, 1);
    EXPECT_TRUE(
        is_aligned(bumper::alloc<double>(buf, 3).data(), alignof(double)));
    (void)bumper::alloc<char>(buf, 1);
    EXPECT_TRUE(is_aligned(bumper::alloc<long double>(buf, 1).data(),
                           alignof(long double)));
  }
}

TEST(Alloc, AllocBytesRejectsAlignmentThatIsNotAPowerOfTwo) {
  bumper::AllocBuffer buf(1024);
  EXPECT_THROW((void)bumper::alloc_bytes(buf, 8, 3), std::invalid_argument);
  EXPECT_THROW((void)bumper::alloc_bytes(buf, 8, 0), std::invalid_argument);
  EXPECT_EQ(buf.used(), 0u);
}

TEST(Alloc, AllocBytesDefaultAlignmentIsMaxAlign) {
  bumper::AllocBuffer buf(1024);
  (void)bumper::alloc_bytes(buf, 1, 1);
  EXPECT_TRUE(
      is_aligned(bumper::alloc_bytes(buf, 8), alignof(std::max_align_t)));
}

TEST(Alloc, ReturnTypes) {
  bumper::AllocBuffer buf(1024);
  static_assert(
      std::is_same_v<decltype(bumper::alloc<int>(buf, 3)), std::span<int>>);
  static_assert(
      std::is_same_v<decltype(bumper::alloc<int>(3)), std::span<int>>);
  static_assert(std::is_same_v<decltype(bumper::alloc<int>(buf, 2, 3)),
                               bumper::mdview<int, 2>>);
  static_assert(std::is_same_v<decltype(bumper::alloc<int>(2, 3, 4)),
                               bumper::mdview<int, 3>>);
  static_assert(
      std::is_same_v<decltype(bumper::alloc_bytes(buf, 3, 1)), void *>);
}

// --- N-D ---

TEST(AllocND, TwoDimensionsAreRowMajor) {
  bumper::AllocBuffer buf(4096);
  bumper::mdview<int, 2> m = bumper::alloc<int>(buf, 3, 4);
  EXPECT_EQ(m.rank(), 2u);
  EXPECT_EQ(m.extent(0), 3u);
  EXPECT_EQ(m.extent(1), 4u);
  EXPECT_EQ(m.size(), 12u);
  EXPECT_EQ(m.stride(0), 4u);
  EXPECT_EQ(m.stride(1), 1u);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 4; ++j)
      m(i, j) = static_cast<int>(10 * i + j);
  EXPECT_EQ(m.data_handle()[0], 0);
  EXPECT_EQ(m.data_handle()[1], 1);   // (0,1): last index fastest
  EXPECT_EQ(m.data_handle()[4], 10);  // (1,0)
  EXPECT_EQ(m.data_handle()[11], 23); // (2,3)
  EXPECT_EQ(m.flat().size(), 12u);
  EXPECT_EQ(buf.used(), 12 * sizeof(int));
#if defined(__cpp_multidimensional_subscript) &&                               \
    __cpp_multidimensional_subscript >= 202110L
  EXPECT_EQ((m[2, 3]), 23);
#endif
}

TEST(AllocND, ThreeDimensionsFromTheDefaultBuffer) {
  bumper::NoEscape guard;
  auto t = bumper::alloc<double>(2, 3, 5);
  ASSERT_EQ(t.size(), 30u);
  EXPECT_EQ(t.extent(2), 5u);
  EXPECT_TRUE(is_aligned(t.data_handle(), alignof(double)));
  t(1, 2, 4) = 7.0;
  EXPECT_EQ(t.data_handle()[1 * 15 + 2 * 5 + 4], 7.0);
  EXPECT_EQ(&t(1, 2, 4), &t.flat()[29]);
}

TEST(AllocND, OverAlignedElements) {
  bumper::SlabBuffer buf(1 << 16);
  (void)bumper::alloc<char>(buf, 1);
  auto m = bumper::alloc<Page256>(buf, 2, 2);
  EXPECT_TRUE(is_aligned(m.data_handle(), 256));
}

TEST(AllocND, ExtentProductOverflowThrows) {
  bumper::AllocBuffer buf(1024);
  const std::size_t big = std::size_t{1} << 40;
  EXPECT_THROW((void)bumper::alloc<int>(buf, big, big), bumper::out_of_memory);
  EXPECT_THROW((void)bumper::alloc<int>(buf, 2, -3), bumper::out_of_memory);
  EXPECT_EQ(buf.used(), 0u);
}

TEST(AllocND, ZeroExtent) {
  bumper::AllocBuffer buf(64);
  auto m = bumper::alloc<int>(buf, 0, 5);
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.extent(1), 5u);
}

} // namespace
