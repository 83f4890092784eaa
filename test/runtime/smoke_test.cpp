#include <bumper/bumper.hpp>
#include <gtest/gtest.h>
#include <numeric>
#include <vector>

TEST(Smoke, SeedExample) {
  auto f = [](const std::vector<long> &x) {
    bumper::NoEscape guard;
    std::span<long> y = bumper::alloc<long>(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
      y[i] = x[i] + 1;
    return std::accumulate(y.begin(), y.end(), 0L);
  };
  EXPECT_EQ(f({1, 2, 3}), 9);
}
