// checkpoint / restore / reset and the NoEscape guard.
#include "test_support.hpp"

#include <bumper/bumper.h>
#include <bumper/bumper.hpp>
#include <gtest/gtest.h>

#include <stdexcept>
#include <type_traits>

namespace {

using bumper_test::all_kinds;

static_assert(!std::is_copy_constructible_v<bumper::NoEscape>);
static_assert(!std::is_move_constructible_v<bumper::NoEscape>);
static_assert(!std::is_copy_assignable_v<bumper::NoEscape>);
static_assert(!std::is_move_assignable_v<bumper::NoEscape>);
static_assert(!std::is_copy_constructible_v<bumper::SlabBuffer>);
static_assert(bumper::buffer<bumper::AllocBuffer>);
static_assert(bumper::buffer<bumper::SlabBuffer>);
static_assert(bumper::buffer<bumper::ResizeBuffer>);
static_assert(bumper::buffer<bumper_test::ArrayBuffer>);
static_assert(!bumper::buffer<int>);

TEST(Checkpoint, RestoreReturnsToTheSameAddress) {
  for (const auto &kind : all_kinds()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    (void)bumper::alloc<int>(*buf, 3);
    const bumper::Checkpoint cp = bumper::checkpoint(*buf);
    const std::size_t used = buf->used();
    int *first = bumper::alloc<int>(*buf, 10).data();
    (void)bumper::alloc<double>(*buf, 1000);
    bumper::restore(*buf, cp);
    EXPECT_EQ(buf->used(), used);
    EXPECT_EQ(bumper::alloc<int>(*buf, 10).data(), first);
  }
}

TEST(Checkpoint, RestoringTheSameCheckpointRepeatedly) {
  for (const auto &kind : all_kinds()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    const bumper::Checkpoint cp = bumper::checkpoint(*buf);
    int *first = nullptr;
    for (int i = 0; i < 100; ++i) {
      int *p = bumper::alloc<int>(*buf, 300).data();
      (void)bumper::alloc<char>(*buf, 5000); // crosses slabs on SlabBuffer
      if (i == 0)
        first = p;
      // ResizeBuffer may move to its regrown block once; then it is stable.
      if (kind.name != "ResizeBuffer" || i > 1) {
        EXPECT_EQ(p, first) << i;
      }
      if (kind.name == "ResizeBuffer" && i == 1)
        first = p;
      bumper::restore(*buf, cp);
      EXPECT_EQ(buf->used(), 0u);
    }
  }
}

TEST(Checkpoint, ResetEmptiesTheBuffer) {
  for (const auto &kind : all_kinds()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    for (int i = 0; i < 10; ++i)
      (void)bumper::alloc<double>(*buf, 1000);
    EXPECT_GT(buf->used(), 0u);
    bumper::reset(*buf);
    EXPECT_EQ(buf->used(), 0u);
    EXPECT_GE(buf->high_water(), 10 * 1000 * sizeof(double));
    // And it is usable again.
    auto again = bumper::alloc<int>(*buf, 10);
    again[9] = 1;
    EXPECT_EQ(again[9], 1);
  }
}

TEST(Checkpoint, RestoreAcrossSlabsAndOversizedRequests) {
  bumper::SlabBuffer buf(1024);
  (void)bumper::alloc<char>(buf, 100);
  const bumper::Checkpoint cp = bumper::checkpoint(buf);
  char *next = bumper::alloc<char>(buf, 1).data();
  bumper::restore(buf, cp);
  for (int i = 0; i < 20; ++i) {
    (void)bumper::alloc<char>(buf, 700);  // a new slab every other time
    (void)bumper::alloc<char>(buf, 5000); // its own allocation
  }
  EXPECT_GT(buf.slab_count(), 10u);
  bumper::restore(buf, cp);
  EXPECT_EQ(buf.used(), 104u); // 100 bytes in whole granules
  // The first slab and one spare.
  EXPECT_EQ(buf.slab_count(), 2u);
  EXPECT_EQ(bumper::alloc<char>(buf, 1).data(), next);
}

// --- NoEscape ---

TEST(NoEscape, ReturnsTheBufferToTheSameAddress) {
  for (const auto &kind : all_kinds()) {
    SCOPED_TRACE(kind.name);
    auto buf = kind.make();
    int *first = nullptr;
    for (int i = 0; i < 3; ++i) {
      bumper::NoEscape guard(*buf);
      int *p = bumper::alloc<int>(*buf, 16).data();
      if (i == 0) {
        first = p;
      } else if (kind.name != "ResizeBuffer") {
        EXPECT_EQ(p, first);
      }
    }
    EXPECT_EQ(buf->used(), 0u);
    bumper::NoEscape guard(*buf);
    int *p = bumper::alloc<int>(*buf, 16).data();
    int *q = nullptr;
    {
      bumper::NoEscape inner(*buf);
      q = bumper::alloc<int>(*buf, 16).data();
    }
    EXPECT_EQ(bumper::alloc<int>(*buf, 16).data(), q);
    EXPECT_NE(p, q);
  }
}

TEST(NoEscape, DefaultBufferSpelling) {
  bumper::Buffer &buf = bumper::default_buffer();
  const std::size_t before = buf.used();
  {
    bumper::NoEscape guard;
    EXPECT_EQ(&guard.buffer(), &buf);
    (void)bumper::alloc<int>(100);
    EXPECT_GT(buf.used(), before);
  }
  EXPECT_EQ(buf.used(), before);
}

TEST(NoEscape, BufferSpellingWithEveryKindIncludingAUserDefinedOne) {
  bumper::AllocBuffer a(1024);
  bumper::SlabBuffer s(1024);
  bumper::ResizeBuffer r(1024);
  bumper_test::ArrayBuffer u(1024);
  {
    bumper::NoEscape ga(a);
    bumper::NoEscape gs(s);
    bumper::NoEscape gr(r);
    bumper::NoEscape gu(u);
    (void)bumper::alloc<int>(a, 1);
    (void)bumper::alloc<int>(s, 1);
    (void)bumper::alloc<int>(r, 1);
    (void)bumper::alloc<int>(u, 1);
  }
  EXPECT_EQ(a.used() + s.used() + r.used() + u.used(), 0u);
}

TEST(NoEscape, NestedOnTheSameBuffer) {
  bumper::SlabBuffer buf(256);
  bumper::NoEscape outer(buf);
  (void)bumper::alloc<char>(buf, 100);
  const std::size_t outer_used = buf.used();
  {
    bumper::NoEscape middle(buf);
    (void)bumper::alloc<char>(buf, 200); // a new slab
    const std::size_t middle_used = buf.used();
    {
      bumper::NoEscape inner(buf);
      (void)bumper::alloc<char>(buf, 1000); // an oversized request
      (void)bumper::alloc<char>(buf, 200);
    }
    EXPECT_EQ(buf.used(), middle_used);
  }
  EXPECT_EQ(buf.used(), outer_used);
}

TEST(NoEscape, NestedOnDifferentBuffers) {
  bumper::AllocBuffer a(1024);
  bumper::SlabBuffer b(128);
  {
    bumper::NoEscape ga(a);
    (void)bumper::alloc<int>(a, 10);
    {
      bumper::NoEscape gb(b);
      (void)bumper::alloc<int>(b, 100);
      (void)bumper::alloc<int>(a, 10); // a's memory: kept until ga ends
    }
    EXPECT_EQ(b.used(), 0u);
    EXPECT_EQ(a.used(), 20 * sizeof(int));
  }
  EXPECT_EQ(a.used(), 0u);
}

int leave_by_return(bumper::Buffer &buf, int n) {
  bumper::NoEscape guard(buf);
  auto xs = bumper::alloc<int>(buf, 10);
  xs[0] = n;
  if (n > 0)
    return xs[0] * 2;
  (void)bumper::alloc<int>(buf, 10);
  return -1;
}

TEST(NoEscape, RestoresOnReturn) {
  bumper::SlabBuffer buf(64);
  EXPECT_EQ(leave_by_return(buf, 4), 8);
  EXPECT_EQ(buf.used(), 0u);
  EXPECT_EQ(leave_by_return(buf, 0), -1);
  EXPECT_EQ(buf.used(), 0u);
}

TEST(NoEscape, RestoresOnBreakAndContinue) {
  bumper::AllocBuffer buf(4096);
  int iterations = 0;
  for (int i = 0; i < 100; ++i) {
    bumper::NoEscape guard(buf);
    EXPECT_EQ(buf.used(), 0u); // each iteration starts empty
    (void)bumper::alloc<int>(buf, 10);
    ++iterations;
    if (i % 2 == 0)
      continue;
    if (i == 41)
      break;
  }
  EXPECT_EQ(iterations, 42);
  EXPECT_EQ(buf.used(), 0u);

  int rounds = 0;
  while (true) {
    bumper::NoEscape guard(buf);
    (void)bumper::alloc<int>(buf, 10);
    if (++rounds == 5)
      break;
  }
  EXPECT_EQ(buf.used(), 0u);
}

TEST(NoEscape, RestoresOnGoto) {
  bumper::SlabBuffer buf(256);
  int entries = 0;
again: {
  bumper::NoEscape guard(buf);
  EXPECT_EQ(buf.used(), 0u);
  (void)bumper::alloc<int>(buf, 100);
  if (++entries < 3)
    goto again; // backwards, out of the guarded block
  if (entries == 3)
    goto done; // forwards, out of the guarded block
  (void)bumper::alloc<int>(buf, 100);
}
done:
  EXPECT_EQ(entries, 3);
  EXPECT_EQ(buf.used(), 0u);
}

TEST(NoEscape, RestoresOnException) {
  bumper::SlabBuffer buf(128);
  (void)bumper::alloc<int>(buf, 3);
  const std::size_t before = buf.used();
  try {
    bumper::NoEscape guard(buf);
    (void)bumper::alloc<int>(buf, 1000);
    throw std::runtime_error("boom");
  } catch (const std::runtime_error &) {
  }
  EXPECT_EQ(buf.used(), before);
  // An out_of_memory from the guarded buffer itself also unwinds cleanly.
  bumper::AllocBuffer small(64);
  try {
    bumper::NoEscape guard(small);
    (void)bumper::alloc<int>(small, 8);
    (void)bumper::alloc<int>(small, 1000);
  } catch (const std::bad_alloc &) {
  }
  EXPECT_EQ(small.used(), 0u);
}

TEST(NoEscape, DefaultGuardKeepsTheBufferItWasBuiltWith) {
  bumper::AllocBuffer other(1024);
  bumper::Buffer &def = bumper::default_buffer();
  const std::size_t before = def.used();
  {
    bumper::NoEscape guard; // the default buffer as it is now
    (void)bumper::alloc<int>(10);
    bumper::with_buffer(other, [&] {
      EXPECT_EQ(&bumper::default_buffer(), &other);
      (void)bumper::alloc<int>(10);
    });
  }
  EXPECT_EQ(def.used(), before);
  EXPECT_EQ(other.used(), 10 * sizeof(int)); // not guarded by `guard`
}

TEST(NoEscape, GuardsABufferHandedOverFromC) {
  // C code makes the buffer; C++ code guards and allocates through the C++
  // API; C sees the result.
  bumper_buffer *cbuf = bumper_slab_buffer_create(1024);
  ASSERT_NE(cbuf, nullptr);
  bumper::Buffer &buf = bumper::from_c(cbuf);
  EXPECT_EQ(bumper::to_c(buf), cbuf);
  void *first = bumper_alloc(cbuf, 8, 8);
  {
    bumper::NoEscape guard(bumper::from_c(cbuf));
    std::span<int> xs = bumper::alloc<int>(buf, 100);
    xs[99] = 1;
    EXPECT_EQ(bumper_used(cbuf), 8 + 400u);
  }
  EXPECT_EQ(bumper_used(cbuf), 8u);
  EXPECT_EQ(bumper_alloc(cbuf, 8, 8), static_cast<std::byte *>(first) + 8);
  EXPECT_EQ(&bumper::from_c(static_cast<const bumper_buffer *>(cbuf)), &buf);
  bumper_buffer_destroy(cbuf);
}

} // namespace
