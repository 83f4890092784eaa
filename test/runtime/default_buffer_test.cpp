// The per-thread default buffer, set_default_buffer_size and with_buffer.
#include <bumper/bumper.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <latch>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

TEST(DefaultBuffer, IsASlabBufferOfTheDefaultSize) {
  std::thread([] {
    // A fresh thread: its buffer is created on first use.
    bumper::Buffer &buf = bumper::default_buffer();
    auto *slab = dynamic_cast<bumper::SlabBuffer *>(&buf);
    ASSERT_NE(slab, nullptr);
    EXPECT_EQ(slab->slab_size(), bumper::default_buffer_size());
    EXPECT_EQ(&bumper::default_buffer(), &buf); // the same every time
  }).join();
  EXPECT_EQ(bumper::SlabBuffer::default_slab_size, std::size_t{1} << 20);
}

TEST(DefaultBuffer, SetDefaultBufferSize) {
  const std::size_t old_size = bumper::default_buffer_size();
  std::thread([] {
    bumper::set_default_buffer_size(1000); // as in the seed
    EXPECT_EQ(bumper::default_buffer_size(), 1000u);
    bumper::NoEscape guard;
    (void)bumper::alloc<char>(10);
    EXPECT_EQ(bumper::default_buffer().capacity(), 1000u);
    bumper::set_default_buffer_size(4000); // the thread's buffer follows
    (void)bumper::alloc<char>(2000);
    EXPECT_EQ(bumper::default_buffer().capacity(), 5000u);
  }).join();
  std::thread([] {
    // Threads created later get the new size.
    auto &slab = dynamic_cast<bumper::SlabBuffer &>(bumper::default_buffer());
    EXPECT_EQ(slab.slab_size(), 4000u);
  }).join();
  bumper::set_default_buffer_size(old_size);
}

TEST(DefaultBuffer, EachThreadHasItsOwn) {
  constexpr int threads = 4;
  std::vector<bumper::Buffer *> buffers(threads);
  std::latch all_alive(threads); // no thread exits (freeing its buffer) early
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      buffers[t] = &bumper::default_buffer();
      all_alive.arrive_and_wait();
    });
  for (auto &w : workers)
    w.join();
  EXPECT_EQ(std::set<bumper::Buffer *>(buffers.begin(), buffers.end()).size(),
            static_cast<std::size_t>(threads));
}

TEST(DefaultBuffer, ThreadsHammeringTheirOwnDefaultsConcurrently) {
  constexpr int threads = 4;
  std::atomic<int> failures{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      while (!go.load())
        std::this_thread::yield();
      const auto pattern = [t](std::size_t i, int round) {
        return static_cast<std::uint32_t>(t) << 24 ^
               static_cast<std::uint32_t>(i * 2654435761u) ^
               static_cast<std::uint32_t>(round);
      };
      // Long-lived data across all rounds, checked at the end.
      bumper::NoEscape outer;
      auto keep = bumper::alloc<std::uint32_t>(1000);
      for (std::size_t i = 0; i < keep.size(); ++i)
        keep[i] = pattern(i, -1);
      for (int round = 0; round < 20000; ++round) {
        bumper::NoEscape guard;
        const std::size_t n = 1 + static_cast<std::size_t>(round % 97) * 13;
        auto a = bumper::alloc<std::uint32_t>(n);
        auto b = bumper::alloc<std::uint32_t>(n);
        for (std::size_t i = 0; i < n; ++i) {
          a[i] = pattern(i, round);
          b[i] = ~pattern(i, round);
        }
        for (std::size_t i = 0; i < n; ++i)
          if (a[i] != pattern(i, round) || b[i] != ~pattern(i, round))
            failures.fetch_add(1);
      }
      for (std::size_t i = 0; i < keep.size(); ++i)
        if (keep[i] != pattern(i, -1))
          failures.fetch_add(1);
    });
  go.store(true);
  for (auto &w : workers)
    w.join();
  EXPECT_EQ(failures.load(), 0);
}

// --- with_buffer ---

TEST(WithBuffer, InstallsTheBufferAndReturnsTheResult) {
  bumper::AllocBuffer buf(1024);
  bumper::Buffer &def = bumper::default_buffer();
  const int result = bumper::with_buffer(buf, [&] {
    EXPECT_EQ(&bumper::default_buffer(), &buf);
    auto xs = bumper::alloc<int>(4);
    xs[0] = 20;
    xs[1] = 22;
    return xs[0] + xs[1];
  });
  EXPECT_EQ(result, 42);
  EXPECT_EQ(buf.used(), 4 * sizeof(int));
  EXPECT_EQ(&bumper::default_buffer(), &def);
}

TEST(WithBuffer, ReturnsReferencesAndVoid) {
  bumper::AllocBuffer buf(64);
  int value = 1;
  int &ref = bumper::with_buffer(buf, [&]() -> int & { return value; });
  EXPECT_EQ(&ref, &value);
  bool ran = false;
  bumper::with_buffer(buf, [&] { ran = true; });
  EXPECT_TRUE(ran);
}

TEST(WithBuffer, Nests) {
  bumper::AllocBuffer a(1024);
  bumper::SlabBuffer b(1024);
  bumper::Buffer &def = bumper::default_buffer();
  bumper::with_buffer(a, [&] {
    EXPECT_EQ(&bumper::default_buffer(), &a);
    bumper::with_buffer(b, [&] {
      EXPECT_EQ(&bumper::default_buffer(), &b);
      bumper::with_buffer(a, [&] { EXPECT_EQ(&bumper::default_buffer(), &a); });
      EXPECT_EQ(&bumper::default_buffer(), &b);
    });
    EXPECT_EQ(&bumper::default_buffer(), &a);
  });
  EXPECT_EQ(&bumper::default_buffer(), &def);
}

TEST(WithBuffer, RestoresAfterAnException) {
  bumper::AllocBuffer a(1024);
  bumper::AllocBuffer b(1024);
  bumper::Buffer &def = bumper::default_buffer();
  bumper::with_buffer(a, [&] {
    EXPECT_THROW(bumper::with_buffer(b,
                                     [&]() -> int {
                                       bumper::NoEscape guard;
                                       (void)bumper::alloc<int>(10);
                                       throw std::runtime_error("boom");
                                     }),
                 std::runtime_error);
    EXPECT_EQ(&bumper::default_buffer(), &a);
    EXPECT_EQ(b.used(), 0u); // the guard inside restored b as well
  });
  EXPECT_EQ(&bumper::default_buffer(), &def);
}

TEST(WithBuffer, IsPerThread) {
  bumper::AllocBuffer mine(64);
  bumper::with_buffer(mine, [&] {
    bumper::Buffer *theirs = nullptr;
    std::thread([&] { theirs = &bumper::default_buffer(); }).join();
    EXPECT_NE(theirs, &mine);
    EXPECT_EQ(&bumper::default_buffer(), &mine);
  });
}

TEST(WithBuffer, BeforeTheDefaultBufferExists) {
  std::thread([] {
    bumper::AllocBuffer buf(64);
    bumper::with_buffer(buf,
                        [&] { EXPECT_EQ(&bumper::default_buffer(), &buf); });
    bumper::Buffer &def = bumper::default_buffer();
    EXPECT_NE(&def, &buf);
    EXPECT_NE(dynamic_cast<bumper::SlabBuffer *>(&def), nullptr);
  }).join();
}

} // namespace
