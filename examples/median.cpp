// Moving medians of a signal. median() sorts a scratch copy of its window
// taken from the default buffer; main() runs everything with an explicit
// 16 KiB AllocBuffer as the default buffer (with_buffer), and each window's
// block nests inside the per-row block. Without the guards the buffer runs
// out after a few dozen windows.
#include <bumper/bumper.hpp>

#include <algorithm>
#include <cstdio>
#include <span>
#include <vector>

[[bumper::no_escape]] double median(std::span<const double> window) {
  std::span<double> copy = bumper::alloc<double>(window.size());
  std::copy(window.begin(), window.end(), copy.begin());
  auto middle = copy.begin() + copy.size() / 2;
  std::nth_element(copy.begin(), middle, copy.end());
  return *middle;
}

int main() {
  const std::size_t n = 2000, width = 31;
  std::vector<double> signal(n);
  for (std::size_t i = 0; i < n; ++i)
    signal[i] = double((i * 7919) % 101) + (i % 50 == 0 ? 1000.0 : 0.0);

  bumper::AllocBuffer buf(16 * 1024);
  double sum = 0, peak = 0;
  try {
    bumper::with_buffer(buf, [&] {
      for (std::size_t row = 0; row + width <= n; row += 100) {
        [[bumper::no_escape]] {
          // The row's medians, then their maximum.
          std::span<double> medians = bumper::alloc<double>(100);
          std::size_t count = 0;
          for (std::size_t i = row; i < row + 100 && i + width <= n; ++i) {
            [[bumper::no_escape]] {
              std::span<double> window = bumper::alloc<double>(width);
              std::copy_n(signal.begin() + i, width, window.begin());
              medians[count++] = median(window);
            }
          }
          for (double m : medians.first(count)) {
            sum += m;
            peak = std::max(peak, m);
          }
        }
      }
    });
  } catch (const std::bad_alloc &) {
    std::printf("median: out of scratch memory: is a guard missing?\n");
    return 1;
  }
  std::printf("median: sum of moving medians %.1f, largest %.1f\n", sum, peak);
  return 0;
}
