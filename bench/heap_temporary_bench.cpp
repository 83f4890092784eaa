// The heap-temporary kernels (heap_temporary_kernels.cpp) as written and as
// bumper-tool converted them, timed side by side in the same run:
//
//   heap_temporary/<kernel>/everyday/<n>   the file as written
//   heap_temporary/<kernel>/converted/<n>  bumper-tool --fix's output
//
// for n = 4, 16, 64 and 1024 elements per scratch array (the median filter's
// window, the tokenizer's line length, the polygons' number of vertices, the
// samples' number of features), each call doing kItems items (output
// samples, lines, polygons, scored samples). Inputs are
// built before timing; each benchmark reports the items per call as the counter
// "items", so that bench/report.py can give the time per item.
#include "heap_temporary_kernels.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bumper_bench {
namespace {

constexpr std::size_t kItems = 256;
constexpr std::size_t kSizes[] = {4, 16, 64, 1024};

// A fixed pseudo-random sequence (LCG, Numerical Recipes), the same for
// every variant and every run.
class Lcg {
public:
  std::uint32_t next() {
    state_ = state_ * 1664525u + 1013904223u;
    return state_ >> 8;
  }

private:
  std::uint32_t state_ = 0x2545F491u;
};

// The median filter's input: kItems + window - 1 samples in [0, 1).
std::vector<float> make_signal(std::size_t window) {
  Lcg lcg;
  std::vector<float> signal(kItems + window - 1);
  for (float &s : signal)
    s = static_cast<float>(lcg.next()) / float(1 << 24);
  return signal;
}

// The tokenizer's input: kItems lines of n characters, letters of either
// case with a space about one in six.
struct Text {
  std::vector<std::string> storage;
  std::vector<std::string_view> lines;
  explicit Text(std::size_t n) {
    Lcg lcg;
    for (std::size_t l = 0; l < kItems; ++l) {
      std::string line(n, ' ');
      for (char &c : line) {
        const std::uint32_t r = lcg.next();
        if (r % 6 != 0)
          c = static_cast<char>((r & 64 ? 'a' : 'A') + (r >> 8) % 26);
      }
      storage.push_back(std::move(line));
    }
    lines.assign(storage.begin(), storage.end());
  }
};

// The polygon kernel's input: kItems star-shaped outlines of n vertices
// around their body's origin, counter-clockwise (vertex i at angle
// 2 pi i / n, at a distance in [0.5, 1.5)), and kItems poses (an angle in
// [0, 2 pi), a translation in [-100, 100)^2).
struct Bodies {
  std::vector<Vertex> outlines;
  std::vector<Pose> poses;
  explicit Bodies(std::size_t n) {
    Lcg lcg;
    const auto unit = [&lcg] {
      return static_cast<double>(lcg.next()) / double(1 << 24);
    };
    const double two_pi = 2 * std::acos(-1.0);
    for (std::size_t p = 0; p < kItems; ++p) {
      for (std::size_t i = 0; i < n; ++i) {
        const double angle = two_pi * static_cast<double>(i) / double(n);
        const double r = 0.5 + unit();
        outlines.push_back({r * std::cos(angle), r * std::sin(angle)});
      }
      const double angle = two_pi * unit();
      const double x = 200 * unit() - 100;
      const double y = 200 * unit() - 100;
      poses.push_back({std::cos(angle), std::sin(angle), x, y});
    }
  }
};

// The scoring kernel's input: kItems samples of n features in [0, 10), and a
// model over n features: means in [4, 6), inverse standard deviations in
// [0.5, 1.5), weights in [-1, 1), a bias of 0.25.
struct Samples {
  std::vector<float> features, mean, inv_std, weights;
  Model model;
  explicit Samples(std::size_t n) {
    Lcg lcg;
    const auto unit = [&lcg] {
      return static_cast<float>(lcg.next()) / float(1 << 24);
    };
    for (std::size_t i = 0; i < kItems * n; ++i)
      features.push_back(10 * unit());
    for (std::size_t i = 0; i < n; ++i) {
      mean.push_back(4 + 2 * unit());
      inv_std.push_back(0.5f + unit());
      weights.push_back(2 * unit() - 1);
    }
    model = {mean, inv_std, weights, 0.25f};
  }
};

using MedianFilter = void (*)(std::span<const float>, std::size_t,
                              std::span<float>);
using HashWords = std::uint64_t (*)(std::span<const std::string_view>);
using PolygonCentroids = void (*)(std::span<const Vertex>, std::size_t,
                                  std::span<const Pose>, std::span<Centroid>);
using ScoreSamples = void (*)(std::span<const float>, std::size_t,
                              const Model &, std::span<float>);

// Times \p call, which writes a result per item into \p out.
template <class T, class Call>
void time_items(benchmark::State &st, std::vector<T> &out, Call call) {
  for (auto _ : st) {
    call();
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  st.counters["items"] = kItems;
}

void run_median(benchmark::State &st, MedianFilter kernel) {
  const auto window = static_cast<std::size_t>(st.range(0));
  const std::vector<float> signal = make_signal(window);
  std::vector<float> out(kItems);
  time_items(st, out, [&] { kernel(signal, window, out); });
}

void run_words(benchmark::State &st, HashWords kernel) {
  const Text text(static_cast<std::size_t>(st.range(0)));
  for (auto _ : st)
    benchmark::DoNotOptimize(kernel(text.lines));
  st.counters["items"] = kItems;
}

void run_polygons(benchmark::State &st, PolygonCentroids kernel) {
  const auto n = static_cast<std::size_t>(st.range(0));
  const Bodies bodies(n);
  std::vector<Centroid> out(kItems);
  time_items(st, out, [&] { kernel(bodies.outlines, n, bodies.poses, out); });
}

void run_scores(benchmark::State &st, ScoreSamples kernel) {
  const auto n = static_cast<std::size_t>(st.range(0));
  const Samples samples(n);
  std::vector<float> scores(kItems);
  time_items(st, scores,
             [&] { kernel(samples.features, n, samples.model, scores); });
}

#if BUMPER_BENCH_HAVE_CONVERTED
// Both copies must compute the same thing, or the conversion changed the
// program: checked once on every input the benchmarks time.
bool kernels_agree() {
  bool agree = true;
  for (std::size_t n : kSizes) {
    const std::vector<float> signal = make_signal(n);
    std::vector<float> as_written(kItems), as_converted(kItems);
    everyday::median_filter(signal, n, as_written);
    converted::median_filter(signal, n, as_converted);
    if (as_written != as_converted) {
      std::fprintf(stderr,
                   "heap_temporary: median_filter, window %zu: the converted "
                   "kernel's output differs from the everyday one's\n",
                   n);
      agree = false;
    }
    const Text text(n);
    const std::uint64_t h_written = everyday::hash_words(text.lines);
    const std::uint64_t h_converted = converted::hash_words(text.lines);
    if (h_written != h_converted) {
      std::fprintf(stderr,
                   "heap_temporary: hash_words, lines of %zu: converted %llu, "
                   "everyday %llu\n",
                   n, static_cast<unsigned long long>(h_converted),
                   static_cast<unsigned long long>(h_written));
      agree = false;
    }
    const Bodies bodies(n);
    std::vector<Centroid> c_written(kItems), c_converted(kItems);
    everyday::polygon_centroids(bodies.outlines, n, bodies.poses, c_written);
    converted::polygon_centroids(bodies.outlines, n, bodies.poses, c_converted);
    if (c_written != c_converted) {
      std::fprintf(stderr,
                   "heap_temporary: polygon_centroids, %zu vertices: the "
                   "converted kernel's output differs from the everyday "
                   "one's\n",
                   n);
      agree = false;
    }
    const Samples samples(n);
    std::vector<float> s_written(kItems), s_converted(kItems);
    everyday::score_samples(samples.features, n, samples.model, s_written);
    converted::score_samples(samples.features, n, samples.model, s_converted);
    if (s_written != s_converted) {
      std::fprintf(stderr,
                   "heap_temporary: score_samples, %zu features: the "
                   "converted kernel's scores differ from the everyday "
                   "one's\n",
                   n);
      agree = false;
    }
  }
  return agree;
}
#endif

} // namespace

bool register_heap_temporary_benchmarks() {
#if BUMPER_BENCH_HAVE_CONVERTED
  if (!kernels_agree())
    return false;
  struct Variant {
    const char *name;
    MedianFilter median;
    HashWords words;
    PolygonCentroids polygons;
    ScoreSamples scores;
  };
  const Variant variants[] = {
      {"everyday", everyday::median_filter, everyday::hash_words,
       everyday::polygon_centroids, everyday::score_samples},
      {"converted", converted::median_filter, converted::hash_words,
       converted::polygon_centroids, converted::score_samples},
  };
  for (const Variant &v : variants) {
    auto *median = benchmark::RegisterBenchmark(
        (std::string("heap_temporary/median_filter/") + v.name).c_str(),
        [kernel = v.median](benchmark::State &st) { run_median(st, kernel); });
    auto *words = benchmark::RegisterBenchmark(
        (std::string("heap_temporary/hash_words/") + v.name).c_str(),
        [kernel = v.words](benchmark::State &st) { run_words(st, kernel); });
    auto *polygons = benchmark::RegisterBenchmark(
        (std::string("heap_temporary/polygon_centroids/") + v.name).c_str(),
        [kernel = v.polygons](benchmark::State &st) {
          run_polygons(st, kernel);
        });
    auto *scores = benchmark::RegisterBenchmark(
        (std::string("heap_temporary/score_samples/") + v.name).c_str(),
        [kernel = v.scores](benchmark::State &st) { run_scores(st, kernel); });
    for (std::size_t n : kSizes) {
      median->Arg(static_cast<std::int64_t>(n));
      words->Arg(static_cast<std::int64_t>(n));
      polygons->Arg(static_cast<std::int64_t>(n));
      scores->Arg(static_cast<std::int64_t>(n));
    }
  }
#else
  // bench/report.py prints this instead of the table.
  benchmark::AddCustomContext("heap_temporary_skipped",
                              BUMPER_BENCH_CONVERTED_SKIPPED);
#endif
  return true;
}

} // namespace bumper_bench
