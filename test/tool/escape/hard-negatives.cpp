// Code that uses arena memory heavily and keeps nothing of it: no finding.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --allow-empty
// CHECK-NOT: {{error|warning}}:
#include <algorithm>
#include <bumper/bumper.hpp>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

std::string g_name;
std::vector<int> g_values;
long g_total;
int g_storage[8];
int *g_ptr = g_storage;

struct Stats {
  int *where; // points at g_storage, never at the arena
  int max;
};

static int countOdd(std::span<const int> s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](int v) { return v % 2; }));
}
static int recurse(const int *p, int n) { return n <= 0 ? 0 : p[0] + recurse(p + 1, n - 1); }
static int pong(const int *p, int n);
static int ping(const int *p, int n) { return n <= 0 ? 0 : pong(p, n - 1); }
static int pong(const int *p, int n) { return n <= 0 ? *p : ping(p, n - 1); }

Stats analyse(const char *text, int n) {
  Stats st{g_storage, 0};
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto buf = bumper::alloc<char>(n + 1);
    std::memcpy(buf.data(), text, n);
    buf[n] = '\0';
    std::string_view sv(buf.data(), n);
    g_name = std::string(sv.substr(0, 3)); // copies the characters
    std::printf("%s\n", buf.data());       // only reads
    auto nums = bumper::alloc<int>(n);
    std::iota(nums.begin(), nums.end(), 0);
    std::sort(nums.begin(), nums.end());
    g_values.assign(nums.begin(), nums.end()); // copies ints
    g_total += std::accumulate(nums.begin(), nums.end(), 0L);
    auto it = std::find(nums.begin(), nums.end(), 3);
    if (it != nums.end())
      st.max = static_cast<int>(it - nums.begin());
    *g_ptr = nums[0];
    std::memcpy(g_storage, nums.data(), 2 * sizeof(int)); // copies contents
    st.max += countOdd(nums) + recurse(nums.data(), n) + ping(nums.data(), n);
    g_ptr = &g_storage[1];
  }
  return st;
}
