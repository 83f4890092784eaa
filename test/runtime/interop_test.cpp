// Standard containers on arena memory.
#include <bumper/bumper.hpp>
#include <gtest/gtest.h>

#if BUMPER_HAS_ASAN
#include <sanitizer/asan_interface.h>
#endif

#include <cstdint>
#include <list>
#include <map>
#include <memory_resource>
#include <numeric>
#include <string>
#include <vector>

namespace {

bool within(const bumper::AllocBuffer &buf, const void *p) {
  const auto *b = static_cast<const std::byte *>(p);
  return b >= buf.data() && b < buf.data() + buf.capacity();
}

TEST(Allocator, StdVectorTakesItsMemoryFromTheBuffer) {
  bumper::AllocBuffer buf(1 << 16);
  {
    std::vector<int, bumper::allocator<int>> v{bumper::allocator<int>(buf)};
    for (int i = 0; i < 1000; ++i)
      v.push_back(i);
    EXPECT_TRUE(within(buf, v.data()));
    EXPECT_EQ(std::accumulate(v.begin(), v.end(), 0), 999 * 1000 / 2);
    EXPECT_GE(buf.used(), 1000 * sizeof(int));
  }
  bumper::reset(buf);
  EXPECT_EQ(buf.used(), 0u);
}

TEST(Allocator, NonTrivialElementsAndRebinding) {
  bumper::SlabBuffer buf(4096);
  bumper::NoEscape guard(buf);
  // The container runs the destructors; the arena only provides memory.
  std::list<std::string, bumper::allocator<std::string>> names{
      bumper::allocator<std::string>(buf)};
  names.push_back("a fairly long string that does not fit SSO");
  names.push_back("b");
  EXPECT_EQ(names.size(), 2u);
  std::map<int, int, std::less<>, bumper::allocator<std::pair<const int, int>>>
      squares{bumper::allocator<std::pair<const int, int>>(buf)};
  for (int i = 0; i < 100; ++i)
    squares[i] = i * i;
  EXPECT_EQ(squares[9], 81);
}

TEST(Allocator, EqualityIsSameBuffer) {
  bumper::AllocBuffer a(64);
  bumper::AllocBuffer b(64);
  EXPECT_TRUE(bumper::allocator<int>(a) == bumper::allocator<int>(a));
  EXPECT_TRUE(bumper::allocator<int>(a) == bumper::allocator<double>(a));
  EXPECT_FALSE(bumper::allocator<int>(a) == bumper::allocator<int>(b));
  EXPECT_TRUE(bumper::allocator<int>(a) != bumper::allocator<int>(b));
  bumper::allocator<double> rebound{bumper::allocator<int>(b)};
  EXPECT_EQ(&rebound.buffer(), &b);
}

TEST(Allocator, DeallocateKeepsTheMemoryAndAlignmentIsHonoured) {
  bumper::AllocBuffer buf(4096);
  bumper::allocator<double> alloc(buf);
  (void)bumper::alloc<char>(buf, 1);
  double *p = alloc.allocate(10);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % alignof(double), 0u);
  const std::size_t used = buf.used();
  alloc.deallocate(p, 10); // the newest, and still kept
  EXPECT_EQ(buf.used(), used);
#if BUMPER_HAS_ASAN
  EXPECT_TRUE(__asan_address_is_poisoned(p));
  EXPECT_TRUE(__asan_address_is_poisoned(p + 9));
#endif
}

// A container freed inside a guard opened after its last allocation: the
// guard's checkpoint must stay valid (a debug build would abort otherwise).
TEST(Allocator, FreeingAContainerInsideALaterGuardKeepsTheGuardValid) {
  bumper::AllocBuffer buf(1 << 16);
  std::vector<int, bumper::allocator<int>> v{bumper::allocator<int>(buf)};
  v.resize(10);
  const std::size_t used = buf.used();
  {
    bumper::NoEscape guard(buf);
    v = std::vector<int, bumper::allocator<int>>{bumper::allocator<int>(buf)};
    (void)bumper::alloc<int>(buf, 2); // below the guard's checkpoint
  }
  EXPECT_EQ(buf.used(), used);
}

// Two vectors growing by turns over one buffer (the case any in-place growth
// would have to get right): contents intact and storage disjoint; under ASan
// every element read is of unpoisoned memory, while the storage each left
// behind is poisoned.
TEST(Allocator, TwoVectorsGrowingInterleavedStayCorrect) {
  bumper::SlabBuffer buf(4096);
  bumper::NoEscape guard(buf);
  std::vector<int, bumper::allocator<int>> a{bumper::allocator<int>(buf)};
  std::vector<int, bumper::allocator<int>> b{bumper::allocator<int>(buf)};
  const int *a_first = nullptr;
  for (int i = 0; i < 3000; ++i) {
    a.push_back(i);
    if (i == 0)
      a_first = a.data();
    if (i % 3 != 0)
      b.push_back(-i);
  }
  ASSERT_EQ(a.size(), 3000u);
  ASSERT_EQ(b.size(), 2000u);
  EXPECT_TRUE(a.data() + a.capacity() <= b.data() ||
              b.data() + b.capacity() <= a.data());
  for (std::size_t i = 0, j = 0; i < 3000; ++i) {
    ASSERT_EQ(a[i], static_cast<int>(i));
    if (i % 3 != 0) {
      ASSERT_EQ(b[j++], -static_cast<int>(i));
    }
  }
#if BUMPER_HAS_ASAN
  EXPECT_TRUE(__asan_address_is_poisoned(a_first)); // left behind
#endif
  (void)a_first;
}

TEST(Allocator, FailureIsBadAlloc) {
  bumper::AllocBuffer buf(64);
  std::vector<int, bumper::allocator<int>> v{bumper::allocator<int>(buf)};
  EXPECT_THROW(v.resize(1000), std::bad_alloc);
}

TEST(Allocator, SizeOverflowIsOutOfMemoryAndChangesNothing) {
  bumper::AllocBuffer buf(64);
  bumper::allocator<std::uint64_t> a(buf);
  (void)a.allocate(2);
  const std::size_t used = buf.used();
  EXPECT_THROW((void)a.allocate(SIZE_MAX / 4), bumper::out_of_memory);
  EXPECT_EQ(buf.used(), used);
}

TEST(BufferResource, PmrVector) {
  bumper::AllocBuffer buf(1 << 16);
  bumper::buffer_resource resource(buf);
  EXPECT_EQ(&resource.buffer(), &buf);
  {
    std::pmr::vector<int> v(&resource);
    for (int i = 0; i < 1000; ++i)
      v.push_back(i);
    EXPECT_TRUE(within(buf, v.data()));
    EXPECT_EQ(v[999], 999);
    std::pmr::vector<std::pmr::string> strings(&resource);
    strings.emplace_back("a string long enough to need its own allocation");
    EXPECT_TRUE(within(buf, strings.back().data())); // propagated allocator
  }
  EXPECT_GT(buf.used(), 1000 * sizeof(int));
}

TEST(BufferResource, AlignmentAndEquality) {
  bumper::SlabBuffer buf(4096);
  bumper::buffer_resource resource(buf);
  bumper::buffer_resource other(buf);
  void *p = resource.allocate(100, 256);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 256, 0u);
  resource.deallocate(p, 100, 256);
  EXPECT_TRUE(resource.is_equal(resource));
  EXPECT_FALSE(resource.is_equal(*std::pmr::new_delete_resource()));
  (void)other;
}

TEST(BufferResource, UnderAMonotonicResource) {
  // An arena can also feed std::pmr's own resources.
  bumper::AllocBuffer buf(1 << 16);
  bumper::buffer_resource resource(buf);
  std::pmr::unsynchronized_pool_resource pool(&resource);
  std::pmr::vector<int> v(&pool);
  v.assign(100, 7);
  EXPECT_EQ(std::accumulate(v.begin(), v.end(), 0), 700);
}

} // namespace
