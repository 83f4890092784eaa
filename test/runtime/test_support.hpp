// Shared by the runtime tests: a user-defined buffer and a way to run a check
// on every kind of buffer.
#ifndef BUMPER_TEST_SUPPORT_HPP
#define BUMPER_TEST_SUPPORT_HPP

#include <bumper/bumper.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bumper_test {

/// A user-defined buffer as docs/runtime.md describes: fixed storage of its
/// own, built only on bumper::Buffer's protected interface.
class ArrayBuffer final : public bumper::Buffer {
public:
  explicit ArrayBuffer(std::size_t size)
      : storage_(std::make_unique<std::byte[]>(size)), size_(size) {
    restart(begin(), end());
  }
  std::size_t capacity() const noexcept override { return size_; }
  std::size_t slab_count() const noexcept override { return 1; }
  int slow_allocations = 0;

protected:
  void *allocate_slow(std::size_t size, std::size_t alignment) override {
    ++slow_allocations;
    throw bumper::out_of_memory(size, alignment, size_, used());
  }
  bool restore_slow(const bumper::Checkpoint &cp) noexcept override {
    rewind(cp, begin(), end());
    return true;
  }
  void reset_slow() noexcept override { restart(begin(), end()); }

private:
  std::byte *begin() const noexcept { return storage_.get(); }
  std::byte *end() const noexcept { return storage_.get() + size_; }
  std::unique_ptr<std::byte[]> storage_;
  std::size_t size_;
};

struct Kind {
  std::string name;
  std::function<std::unique_ptr<bumper::Buffer>()> make;
};

/// Every kind of buffer, each big enough (or growable) for a few MiB.
inline std::vector<Kind> all_kinds() {
  return {
      {"AllocBuffer",
       [] { return std::make_unique<bumper::AllocBuffer>(8u << 20); }},
      {"AllocBuffer(span)",
       [] {
         // Caller memory, kept until the thread ends.
         static thread_local std::vector<std::unique_ptr<std::byte[]>> keep;
         keep.push_back(std::make_unique<std::byte[]>(8u << 20));
         return std::make_unique<bumper::AllocBuffer>(
             std::span<std::byte>(keep.back().get(), 8u << 20));
       }},
      {"SlabBuffer", [] { return std::make_unique<bumper::SlabBuffer>(4096); }},
      {"ResizeBuffer", [] { return std::make_unique<bumper::ResizeBuffer>(); }},
      {"ArrayBuffer", [] { return std::make_unique<ArrayBuffer>(8u << 20); }},
  };
}

inline bool is_aligned(const void *p, std::size_t alignment) {
  return reinterpret_cast<std::uintptr_t>(p) % alignment == 0;
}

} // namespace bumper_test

#endif
