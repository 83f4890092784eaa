// Four kernels written the everyday way: for each of many small inputs, a
// scratch std::vector made inside the loop, used as a fixed-size array and
// dropped at the end of the iteration. Every iteration pays a heap
// allocation, a zero-fill and a free.
//
// This file is compiled twice into bumper_bench (see
// heap_temporary_kernels.hpp): as written, and as bumper-tool's
// bumper-heap-temporary check converts it at build time (`--fix` on a copy
// in the build folder), each std::vector becoming a std::span from the arena
// under a guard that resets it at the end of each iteration. Keep it written
// the everyday way: converting it by hand would benchmark hand-written code,
// not the tool's output. test/tool/heap-temporary/bench-kernels.test fails
// if the tool stops converting a vector of it.
#include "heap_temporary_kernels.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <string_view>
#include <vector>

#ifndef BUMPER_BENCH_KERNELS
#error "define BUMPER_BENCH_KERNELS to the namespace (everyday or converted)"
#endif

namespace bumper_bench::BUMPER_BENCH_KERNELS {

// A running median, as used to despike a sensor's signal: each output sample
// is the median of the `window` input samples from it on.
void median_filter(std::span<const float> signal, std::size_t window,
                   std::span<float> out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::vector<float> samples(window);
    std::copy_n(signal.begin() + i, window, samples.begin());
    auto middle = samples.begin() + window / 2;
    std::nth_element(samples.begin(), middle, samples.end());
    out[i] = *middle;
  }
}

// The first stage of a word counter: each line is folded to lower case into a
// buffer, where its words start is noted in another, and each word is hashed
// (FNV-1a). A word counter would count the hashes; here they are summed.
std::uint64_t hash_words(std::span<const std::string_view> lines) {
  std::uint64_t total = 0;
  for (std::string_view line : lines) {
    std::vector<char> folded(line.size());
    std::vector<std::uint32_t> starts(line.size());
    std::size_t words = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      folded[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      const bool letter = folded[i] >= 'a' && folded[i] <= 'z';
      if (letter && !in_word)
        starts[words++] = static_cast<std::uint32_t>(i);
      in_word = letter;
    }
    for (std::size_t w = 0; w < words; ++w) {
      std::uint64_t hash = 14695981039346656037u;
      for (std::size_t i = starts[w];
           i < line.size() && folded[i] >= 'a' && folded[i] <= 'z'; ++i)
        hash = (hash ^ static_cast<unsigned char>(folded[i])) * 1099511628211u;
      total += hash;
    }
  }
  return total;
}

// Mass properties of a 2-D physics engine's bodies, or a CAD tool's parts:
// each outline, a polygon of n vertices given in its body's frame, is placed
// in the world (rotated and translated by the body's pose) and its area and
// centroid are computed from the placed vertices (the shoelace formula).
void polygon_centroids(std::span<const Vertex> outlines, std::size_t n,
                       std::span<const Pose> poses, std::span<Centroid> out) {
  for (std::size_t p = 0; p < poses.size(); ++p) {
    const Pose &pose = poses[p];
    std::vector<double> xs(n);
    std::vector<double> ys(n);
    for (std::size_t i = 0; i < n; ++i) {
      const Vertex &v = outlines[p * n + i];
      xs[i] = pose.cos * v.x - pose.sin * v.y + pose.x;
      ys[i] = pose.sin * v.x + pose.cos * v.y + pose.y;
    }
    double twice_area = 0, cx = 0, cy = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t j = i + 1 == n ? 0 : i + 1;
      const double cross = xs[i] * ys[j] - xs[j] * ys[i];
      twice_area += cross;
      cx += (xs[i] + xs[j]) * cross;
      cy += (ys[i] + ys[j]) * cross;
    }
    out[p] = {twice_area / 2, cx / (3 * twice_area), cy / (3 * twice_area)};
  }
}

// A linear model scoring samples, as a classifier or a ranker does at
// inference time: each sample's n features are standardised with the
// training set's statistics (centred on their mean, scaled by the inverse of
// their standard deviation), then scored against the model's weights.
void score_samples(std::span<const float> features, std::size_t n,
                   const Model &model, std::span<float> scores) {
  for (std::size_t s = 0; s < scores.size(); ++s) {
    std::vector<float> z(n);
    for (std::size_t i = 0; i < n; ++i)
      z[i] = (features[s * n + i] - model.mean[i]) * model.inv_std[i];
    scores[s] = std::inner_product(z.begin(), z.end(), model.weights.begin(),
                                   model.bias);
  }
}

} // namespace bumper_bench::BUMPER_BENCH_KERNELS
