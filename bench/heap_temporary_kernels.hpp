// Kernels written the everyday way, with a scratch std::vector per item
// inside the loop over the items (heap_temporary_kernels.cpp), and their
// benchmark (heap_temporary_bench.cpp). bumper_bench holds two copies of
// them: the file as written, in bumper_bench::everyday, and the same file
// after `bumper-tool --checks=bumper-heap-temporary --fix`, which the build
// runs on a copy (bench/CMakeLists.txt), in bumper_bench::converted. See
// docs/benchmarks.md, "Heap temporaries converted by bumper-tool".
#ifndef BUMPER_BENCH_HEAP_TEMPORARY_KERNELS_HPP
#define BUMPER_BENCH_HEAP_TEMPORARY_KERNELS_HPP

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace bumper_bench {

// The polygon kernel's types: a vertex, a body's pose (its rotation, as the
// cosine and sine of its angle, then its translation), and an outline's area
// and centroid.
struct Vertex {
  double x, y;
};
struct Pose {
  double cos, sin, x, y;
};
struct Centroid {
  double area, x, y;
  friend bool operator==(const Centroid &, const Centroid &) = default;
};

// The scoring kernel's linear model over n features: each feature's mean and
// the inverse of its standard deviation (from the training set), the weights
// and the bias.
struct Model {
  std::span<const float> mean, inv_std, weights;
  float bias;
};

} // namespace bumper_bench

// The kernels, declared in namespace bumper_bench::NS.
#define BUMPER_BENCH_DECLARE_HEAP_TEMPORARY_KERNELS(NS)                        \
  namespace bumper_bench::NS {                                                 \
  /* out[i] = the median (the upper one for an even window) of */              \
  /* signal[i], ..., signal[i + window - 1]; */                                \
  /* signal holds out.size() + window - 1 samples. */                          \
  void median_filter(std::span<const float> signal, std::size_t window,        \
                     std::span<float> out);                                    \
  /* The sum of the FNV-1a hashes of the lines' words, folded to */            \
  /* lower case (a word: a run of ASCII letters). */                           \
  std::uint64_t hash_words(std::span<const std::string_view> lines);           \
  /* out[p] = the area and centroid of outline p (outlines[p * n], ..., */     \
  /* outlines[p * n + n - 1], counter-clockwise) placed by poses[p]. */        \
  void polygon_centroids(std::span<const Vertex> outlines, std::size_t n,      \
                         std::span<const Pose> poses,                          \
                         std::span<Centroid> out);                             \
  /* scores[s] = bias + the sum over i of weights[i] * (features[s * n + i] */ \
  /* - mean[i]) * inv_std[i]. */                                               \
  void score_samples(std::span<const float> features, std::size_t n,           \
                     const Model &model, std::span<float> scores);             \
  }

BUMPER_BENCH_DECLARE_HEAP_TEMPORARY_KERNELS(everyday)
BUMPER_BENCH_DECLARE_HEAP_TEMPORARY_KERNELS(converted)

namespace bumper_bench {

/// Checks once that both copies of the kernels compute the same results on
/// the benchmark's inputs, then registers their benchmarks
/// (heap_temporary/<kernel>/<everyday|converted>/<n>). Without the converted
/// copy (no bumper-tool in the build) it registers nothing and records why in
/// the benchmark's context. False, with the difference printed on stderr,
/// if the copies disagree.
bool register_heap_temporary_benchmarks();

} // namespace bumper_bench

#endif // BUMPER_BENCH_HEAP_TEMPORARY_KERNELS_HPP
