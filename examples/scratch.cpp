// Statistics of each row of a signal, written the everyday way: every row
// gets its scratch vectors from the heap, allocated and freed once per row.
// No block is annotated: bumper-tool --checks=bumper-heap-temporary (an
// opt-in check) finds the vectors, proves with the escape analysis that
// nothing keeps them past the row, and --fix turns them into arena memory
// under a guard on the loop's body. The output does not change.
// bumper-tool: --checks=bumper-heap-temporary
#include <algorithm>
#include <cstdio>
#include <span>
#include <vector>

static double median(std::span<double> values) {
  auto middle = values.begin() + values.size() / 2;
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

int main() {
  const int rows = 2000, width = 64;
  double total = 0;
  int fullest = 0;
  for (int row = 0; row < rows; ++row) {
    std::vector<double> samples(width);
    for (int i = 0; i < width; ++i)
      samples[i] = double((row * 7919 + i * 104729) % 1000) / 10.0;
    std::vector<int> buckets(10, 0);
    for (double s : samples)
      ++buckets[int(s) / 10];
    total += median(samples);
    fullest =
        std::max(fullest, *std::max_element(buckets.begin(), buckets.end()));
  }
  std::printf("scratch: %d rows, sum of medians %.1f, fullest bucket %d\n",
              rows, total, fullest);
  return 0;
}
