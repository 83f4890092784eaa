// A `main` for a libFuzzer target when it is built without libFuzzer (g++, the
// ordinary test suite): replays every file of the given corpus directories or
// files, then runs deterministic pseudo-random inputs.
//
//   <target>_replay [--random N] [--max-len L] [--seed S] <dir-or-file>...
//
// A failing input aborts inside LLVMFuzzerTestOneInput; the name of the input
// is printed first, so the failure is easy to reproduce (a random input is
// also written to ./crash-random-<seed>-<i> before it runs).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size);

namespace {

std::vector<std::uint8_t> read_file(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void run(const std::vector<std::uint8_t> &input) {
  // A distinct heap copy per input, so ASan sees reads past its end.
  std::vector<std::uint8_t> copy(input);
  LLVMFuzzerTestOneInput(copy.empty() ? nullptr : copy.data(), copy.size());
}

} // namespace

int main(int argc, char **argv) {
  std::size_t random_runs = 0, max_len = 4096;
  std::uint64_t seed = 1;
  bool keep_random = std::getenv("FUZZ_REPLAY_KEEP") != nullptr;
  std::vector<std::filesystem::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--random" && i + 1 < argc)
      random_runs = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--max-len" && i + 1 < argc)
      max_len = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--seed" && i + 1 < argc)
      seed = std::strtoull(argv[++i], nullptr, 10);
    else
      inputs.emplace_back(arg);
  }

  std::size_t files = 0;
  for (const auto &input : inputs) {
    std::vector<std::filesystem::path> paths;
    if (std::filesystem::is_directory(input)) {
      for (const auto &entry : std::filesystem::directory_iterator(input))
        if (entry.is_regular_file())
          paths.push_back(entry.path());
    } else {
      paths.push_back(input);
    }
    std::sort(paths.begin(), paths.end());
    for (const auto &path : paths) {
      std::fprintf(stderr, "replay: %s\n", path.c_str());
      run(read_file(path));
      ++files;
    }
  }

  // splitmix64: the same inputs on every machine.
  std::uint64_t state = seed;
  auto next = [&state] {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  };
  for (std::size_t i = 0; i < random_runs; ++i) {
    std::vector<std::uint8_t> input(next() % (max_len + 1));
    for (auto &b : input)
      b = static_cast<std::uint8_t>(next());
    if (keep_random) {
      const std::string name =
          "crash-random-" + std::to_string(seed) + "-" + std::to_string(i);
      std::ofstream(name, std::ios::binary)
          .write(reinterpret_cast<const char *>(input.data()),
                 static_cast<std::streamsize>(input.size()));
    }
    run(input);
    if (keep_random)
      std::filesystem::remove("crash-random-" + std::to_string(seed) + "-" +
                              std::to_string(i));
  }
  std::printf("replay: %zu corpus files and %zu random inputs passed\n", files,
              random_runs);
  return 0;
}
