// Differential fuzzer for libbumper: decodes the input bytes into a sequence
// of operations (alloc, checkpoint, restore, reset, nested NoEscape guards,
// with_buffer, failing requests) over one buffer of each kind and checks every
// step against a simple model:
//
//  - every address is aligned as requested;
//  - live allocations never overlap (an interval map of every live
//    allocation, of every buffer) and keep their contents (each is filled with
//    a pattern derived from its id, verified after every step);
//  - used() moves by exactly the model's amount for AllocBuffer (address =
//    aligned bump position, size in whole 8-byte granules) and for the others
//    by the size in granules plus at most alignment-8 bytes of padding;
//  - restore returns to the exact position: used() and the bump position are
//    the checkpoint's, and the next allocation of the same request returns the
//    same address when the first one was served from the same block;
//  - a failing request (full AllocBuffer, size overflow, bad alignment) throws
//    the documented exception and leaves the buffer exactly as it was; the
//    same request through try_allocate returns null instead;
//  - no allocation is null, a zero-size one neither;
//  - memory stays bounded: capacity and block count are bounded by a function
//    of the live allocations and the high-water mark, and high_water() is
//    the largest used() the model saw;
//  - bumper::grow of the newest allocation keeps its contents, in place or
//    in a copy, and a failed one changes nothing;
//  - trim() gives back only what is not in use: a SlabBuffer's spare slab,
//    an empty ResizeBuffer's block (whose high-water mark then starts
//    afresh); checkpoints of the empty buffer survive it;
//  - under ASan: live allocations are addressable, and memory freed by a
//    restore/reset/guard is poisoned (use-after-reset is reported).
//
// Built two ways: as a libFuzzer target (scripts/fuzz.sh, clang-19), and into
// a plain executable with replay_main.cpp that ctest runs on the seed corpus
// plus deterministic pseudo-random inputs. A failure prints the step and
// aborts, which both drivers report as a crash.
#include <bumper/bumper.hpp>

#include <algorithm>
#include <cinttypes>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#if BUMPER_HAS_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace {

// --- Failure reporting
// ---------------------------------------------------------

const char *g_step = "start";
std::size_t g_op_index = 0;

[[noreturn]] void fail(const char *file, int line, const char *what) {
  std::fprintf(stderr,
               "runtime_fuzz: check failed at %s:%d: %s (op #%zu, %s)\n", file,
               line, what, g_op_index, g_step);
  std::fflush(stderr);
  std::abort();
}

// RUNTIME_FUZZ_TRACE=1 prints every operation (to debug a failing input).
const bool g_trace = std::getenv("RUNTIME_FUZZ_TRACE") != nullptr;
#define FUZZ_TRACE(...)                                                        \
  do {                                                                         \
    if (g_trace)                                                               \
      std::fprintf(stderr, __VA_ARGS__);                                       \
  } while (0)

// RUNTIME_FUZZ_MAX_ALLOC=<bytes> caps the size of one request (the
// sanitized replay in ctest uses it: large blocks are slow under ASan).
const std::size_t g_max_alloc = [] {
  const char *v = std::getenv("RUNTIME_FUZZ_MAX_ALLOC");
  return v != nullptr ? std::strtoull(v, nullptr, 10) : SIZE_MAX - 1;
}();

#define FUZZ_CHECK(cond)                                                       \
  do {                                                                         \
    if (!(cond)) [[unlikely]]                                                  \
      fail(__FILE__, __LINE__, #cond);                                         \
  } while (0)

// --- Input decoding
// ------------------------------------------------------------

class Input {
public:
  Input(const std::uint8_t *data, std::size_t size) : p_(data), n_(size) {}
  bool empty() const { return n_ == 0; }
  std::uint8_t byte() {
    if (n_ == 0)
      return 0;
    --n_;
    return *p_++;
  }
  std::uint32_t u16() { return byte() | (std::uint32_t{byte()} << 8); }
  std::uint32_t u32() { return u16() | (u16() << 16); }

private:
  const std::uint8_t *p_;
  std::size_t n_;
};

// --- Patterns
// ------------------------------------------------------------------

// Allocation `id` holds byte table[(i + id) % 256] ^ (id >> 8) at offset i.
struct PatternTable {
  std::uint8_t bytes[512];
  PatternTable() {
    std::uint32_t x = 0x9e3779b9u;
    for (int i = 0; i < 256; ++i) {
      x = x * 1664525u + 1013904223u;
      bytes[i] = bytes[i + 256] = static_cast<std::uint8_t>(x >> 24);
    }
  }
};
const PatternTable g_pattern;

void make_chunk(std::uint64_t id, std::uint8_t (&chunk)[256]) {
  const auto mask = static_cast<std::uint8_t>(id >> 8);
  for (int i = 0; i < 256; ++i)
    chunk[i] = g_pattern.bytes[(i + id) % 256] ^ mask;
}

void fill(std::byte *p, std::size_t n, std::uint64_t id) {
  std::uint8_t chunk[256];
  make_chunk(id, chunk);
  for (std::size_t off = 0; off < n; off += 256)
    std::memcpy(p + off, chunk, std::min<std::size_t>(256, n - off));
}

bool holds(const std::byte *p, std::size_t n, std::uint64_t id, bool full) {
  std::uint8_t chunk[256];
  make_chunk(id, chunk);
  if (full || n <= 1024) {
    for (std::size_t off = 0; off < n; off += 256)
      if (std::memcmp(p + off, chunk, std::min<std::size_t>(256, n - off)) != 0)
        return false;
    return true;
  }
  // Sampled: both ends, and one 256-byte window in the middle.
  if (std::memcmp(p, chunk, 256) != 0)
    return false;
  const std::size_t mid = (n / 2) & ~std::size_t{255};
  if (std::memcmp(p + mid, chunk, 256) != 0)
    return false;
  const std::size_t tail = n - 256;
  for (std::size_t i = 0; i < 256; ++i)
    if (static_cast<std::uint8_t>(p[tail + i]) != chunk[(tail + i) % 256])
      return false;
  return true;
}

std::uintptr_t addr_of(const void *p) {
  return reinterpret_cast<std::uintptr_t>(p);
}
std::uintptr_t align_up(std::uintptr_t a, std::size_t alignment) {
  return (a + alignment - 1) & ~(std::uintptr_t{alignment} - 1);
}

/// `n` bytes in whole allocation granules: what an allocation takes.
std::size_t whole_granules(std::size_t n) {
  constexpr std::size_t g = bumper::allocation_granule;
  return (n + g - 1) / g * g;
}

/// Where an AllocBuffer's next allocation aligned to `alignment` starts.
std::uintptr_t bump_start(std::uintptr_t position, std::size_t alignment) {
  return align_up(position, std::max(alignment, bumper::allocation_granule));
}

// --- The model
// -----------------------------------------------------------------

enum class Kind { Alloc, AllocCaller, Slab, Resize, Default, Count };
const char *kind_name(Kind k) {
  switch (k) {
  case Kind::Alloc:
    return "AllocBuffer";
  case Kind::AllocCaller:
    return "AllocBuffer(caller memory)";
  case Kind::Slab:
    return "SlabBuffer";
  case Kind::Resize:
    return "ResizeBuffer";
  default:
    return "default_buffer()";
  }
}

struct Allocation {
  std::byte *p;
  std::size_t size;
  std::uint64_t id;
};

struct FirstAfter {
  std::size_t size, alignment;
  std::uintptr_t addr;
  std::size_t used_delta;
};

struct SavedCheckpoint {
  bumper::Checkpoint cp;
  std::size_t used;
  std::size_t nallocs;
  std::optional<FirstAfter> first; // the first allocation made after it
};

struct ModelBuffer {
  bumper::Buffer *buf = nullptr;
  Kind kind = Kind::Slab;
  std::vector<Allocation> allocs;
  std::vector<SavedCheckpoint> cps;
  std::vector<std::size_t> guard_floors; // indices into cps of active guards
  std::size_t peak = 0;                  // the largest used() seen
  std::size_t slab_size = 0;             // Slab/Default: the largest slab size
  std::size_t fixed_capacity = 0;        // AllocBuffer kinds
  std::uintptr_t base = 0;               // AllocBuffer kinds
  std::size_t initial = 0;               // ResizeBuffer
};

// Every live allocation of every buffer, by address (zero-size ones apart).
std::map<std::uintptr_t, Allocation> g_live;
std::uint64_t g_next_id = 1;
std::size_t g_live_bytes = 0;
std::size_t g_total_bytes = 0; // filled this input: bounds the run time
constexpr std::size_t live_budget = 48u << 20;
constexpr std::size_t total_budget = 256u << 20;

bool overlaps_live(std::uintptr_t a, std::size_t n) {
  auto next = g_live.lower_bound(a);
  if (next != g_live.end() && next->first < a + n)
    return true;
  if (next != g_live.begin()) {
    auto prev = std::prev(next);
    if (prev->first + prev->second.size > a)
      return true;
  }
  return false;
}

#if BUMPER_HAS_ASAN
// A freed range must be poisoned unless a live allocation shares one of its
// 8-byte granules (ASan's shadow cannot poison a granule's head alone).
bool shares_granule_with_live(std::uintptr_t a) {
  const std::uintptr_t lo = a & ~std::uintptr_t{7};
  return overlaps_live(lo, 8);
}
#endif

void forget(ModelBuffer &m, std::size_t keep) {
  while (m.allocs.size() > keep) {
    const Allocation a = m.allocs.back();
    m.allocs.pop_back();
    if (a.size != 0) {
      g_live.erase(addr_of(a.p));
      g_live_bytes -= a.size;
    }
  }
}

#if BUMPER_HAS_ASAN
// Caller memory may start or end inside an 8-byte granule whose other bytes
// the caller still uses: ASan cannot poison such a granule.
bool in_whole_granule(const ModelBuffer &m, std::uintptr_t a) {
  if (m.kind != Kind::AllocCaller)
    return true;
  const std::uintptr_t lo = a & ~std::uintptr_t{7};
  return lo >= m.base && lo + 8 <= m.base + m.fixed_capacity;
}
#endif

// Freed by restore/reset: under ASan, the first byte of each freed non-empty
// allocation must be poisoned now.
void forget_and_check_poisoned(ModelBuffer &m, std::size_t keep) {
#if BUMPER_HAS_ASAN
  std::vector<Allocation> freed(
      m.allocs.begin() +
          static_cast<std::ptrdiff_t>(std::min(keep, m.allocs.size())),
      m.allocs.end());
  forget(m, keep);
  for (const Allocation &a : freed)
    if (a.size != 0 && !shares_granule_with_live(addr_of(a.p)) &&
        in_whole_granule(m, addr_of(a.p)))
      FUZZ_CHECK(__asan_address_is_poisoned(a.p) && "freed memory poisoned");
#else
  forget(m, keep);
#endif
}

void verify_all(bool full) {
  for (const auto &[a, alloc] : g_live) {
    FUZZ_CHECK(holds(alloc.p, alloc.size, alloc.id, full) &&
               "a live allocation kept its contents");
#if BUMPER_HAS_ASAN
    if (full)
      FUZZ_CHECK(__asan_region_is_poisoned(alloc.p, alloc.size) == nullptr &&
                 "a live allocation is addressable");
#endif
  }
}

void check_bounds(ModelBuffer &m) {
  bumper::Buffer &b = *m.buf;
  FUZZ_TRACE("  bounds of %s: used %zu, capacity %zu, blocks %zu, live %zu\n",
             kind_name(m.kind), b.used(), b.capacity(), b.slab_count(),
             m.allocs.size());
  const std::size_t used = b.used();
  m.peak = std::max(m.peak, used);
  FUZZ_CHECK(b.high_water() == m.peak && "high_water() is the largest used()");
  const std::size_t live = m.allocs.size();
  switch (m.kind) {
  case Kind::Alloc:
  case Kind::AllocCaller:
    FUZZ_CHECK(b.capacity() == m.fixed_capacity);
    FUZZ_CHECK(b.slab_count() == (m.fixed_capacity == 0 ? 0u : 1u));
    FUZZ_CHECK(used <= m.fixed_capacity);
    break;
  case Kind::Slab:
  case Kind::Default: {
    // Every block holds a live allocation (the one that created it), except
    // the spare slab and the first slab, which a reset keeps; a chain of
    // slabs wastes at most one request (plus its alignment) per boundary.
    FUZZ_CHECK(b.slab_count() <= live + 2 && "slab count bounded");
    // (Slabs are whole granules.)
    const std::size_t slab = whole_granules(m.slab_size);
    const std::size_t bound = 2 * used + (live + 2) * (slab + 4096) + 2 * slab;
    FUZZ_CHECK(b.capacity() <= bound && "SlabBuffer capacity bounded");
    if (used == 0 && live == 0)
      FUZZ_CHECK(b.capacity() <= 2 * slab &&
                 "empty: at most the kept slab and the spare");
    break;
  }
  case Kind::Resize: {
    if (b.slab_count() > live + 1)
      std::fprintf(stderr,
                   "runtime_fuzz: ResizeBuffer: used %zu, capacity %zu, "
                   "blocks %zu, block_capacity %zu, live %zu\n",
                   used, b.capacity(), b.slab_count(),
                   static_cast<bumper::ResizeBuffer &>(b).block_capacity(),
                   live);
    // (An empty checkpoint taken in a main block since regrown used to alias
    // a newer side block at the same address, which a restore then kept;
    // fixed, corpus/runtime/regression-resize-empty-checkpoint-alias.)
    FUZZ_CHECK(b.slab_count() <= live + 1 && "block count bounded");
    const std::size_t bound = 4 * m.peak + 2 * m.initial + (64u << 10);
    FUZZ_CHECK(b.capacity() <= bound && "ResizeBuffer capacity bounded");
    break;
  }
  default:
    break;
  }
}

struct Snapshot {
  std::size_t used, capacity, slabs, high_water;
  std::byte *position;
  bool operator==(const Snapshot &) const = default;
};
Snapshot snapshot(bumper::Buffer &b) {
  return {b.used(), b.capacity(), b.slab_count(), b.high_water(),
          b.checkpoint().position};
}

// --- The interpreter
// -----------------------------------------------------------

struct ScopeExit {}; // thrown by the THROW op, caught at a scope boundary

class Interpreter {
public:
  Interpreter(Input &in, ModelBuffer &main) : in_(in), main_(main) {}

  void run_top() {
    target_ = &main_;
    run_scope(0);
  }

private:
  static constexpr int max_depth = 12;

  // The model of whatever buffer default_buffer() returns right now.
  ModelBuffer &default_model() {
    bumper::Buffer *b = &bumper::default_buffer();
    for (ModelBuffer *m : buffers_)
      if (m->buf == b)
        return *m;
    fail(__FILE__, __LINE__, "default_buffer() is a buffer the model knows");
  }

  std::size_t decode_size(ModelBuffer &m) {
    const std::uint8_t c = in_.byte();
    std::size_t size = 0;
    switch (c >> 5) {
    case 0:
    case 1:
    case 2:
      size = c & 0x3f;
      break;
    case 3:
      size = in_.byte();
      break;
    case 4:
      size = in_.u16();
      break;
    case 5: { // near a boundary: the free space or the slab size
      const auto delta = static_cast<std::int8_t>(in_.byte()) / 8;
      std::size_t edge = m.slab_size;
      if (m.kind == Kind::Alloc || m.kind == Kind::AllocCaller)
        edge = m.fixed_capacity - m.buf->used();
      else if (m.kind == Kind::Resize)
        edge = m.buf->capacity() - m.buf->used();
      size = delta < 0 && edge < static_cast<std::size_t>(-delta)
                 ? 0
                 : edge + static_cast<std::size_t>(static_cast<long>(delta));
      break;
    }
    case 6:
      size = in_.u32() % (std::size_t{1} << 20);
      break;
    default:
      size = in_.u32() % (std::size_t{6} << 20);
      break;
    }
    if (size > g_max_alloc)
      size %= g_max_alloc + 1;
    if (g_live_bytes + size > live_budget ||
        g_total_bytes + size > total_budget)
      size &= 0xff;
    return size;
  }

  std::size_t decode_alignment() { return std::size_t{1} << (in_.byte() % 13); }

  // Records a successful allocation and checks it.
  void record(ModelBuffer &m, std::byte *p, std::size_t size,
              std::size_t alignment, std::size_t used_before) {
    const std::size_t used_after = m.buf->used();
    FUZZ_CHECK(addr_of(p) % alignment == 0 && "address aligned");
    FUZZ_CHECK(p != nullptr && "never null, for size 0 too");
    const std::size_t delta = used_after - used_before;
    const std::size_t max_padding = alignment > bumper::allocation_granule
                                        ? alignment - bumper::allocation_granule
                                        : 0;
    FUZZ_CHECK(used_after >= used_before && delta >= whole_granules(size) &&
               delta <= whole_granules(size) + max_padding &&
               "used() grows by the request in whole granules");
    if (m.kind == Kind::Alloc || m.kind == Kind::AllocCaller) {
      const std::uintptr_t expected =
          bump_start(m.base + used_before, alignment);
      FUZZ_CHECK(addr_of(p) == expected && "AllocBuffer bumps contiguously");
      FUZZ_CHECK(used_after == expected - m.base + whole_granules(size));
    }
    if (size != 0) {
      FUZZ_CHECK(!overlaps_live(addr_of(p), size) &&
                 "live allocations never overlap");
      if (m.kind == Kind::Alloc || m.kind == Kind::AllocCaller)
        FUZZ_CHECK(addr_of(p) >= m.base &&
                   addr_of(p) + size <= m.base + m.fixed_capacity);
    }
    const Allocation a{p, size, g_next_id++};
    FUZZ_TRACE("  alloc #%" PRIu64 " on %s: %zu bytes aligned %zu at %p, "
               "used %zu -> %zu\n",
               a.id, kind_name(m.kind), size, alignment, static_cast<void *>(p),
               used_before, used_after);
    fill(p, size, a.id);
    g_total_bytes += size;
    for (SavedCheckpoint &c : m.cps)
      if (c.nallocs == m.allocs.size() && !c.first)
        c.first = FirstAfter{size, alignment, addr_of(p), delta};
    m.allocs.push_back(a);
    if (size != 0) {
      g_live.emplace(addr_of(p), a);
      g_live_bytes += size;
    }
  }

  // `use_try`: through try_allocate, which returns null where alloc_bytes
  // throws.
  void op_alloc(ModelBuffer &m, bool via_default, bool use_try = false) {
    const std::size_t size = decode_size(m);
    const std::size_t alignment = decode_alignment();
    const Snapshot before = snapshot(*m.buf);
    g_step = via_default ? "alloc_bytes(default_buffer())" : "alloc_bytes(buf)";
    const bool fixed = m.kind == Kind::Alloc || m.kind == Kind::AllocCaller;
    const bool fits =
        !fixed || bump_start(m.base + before.used, alignment) + size <=
                      m.base + m.fixed_capacity;
    if (use_try) {
      g_step = "try_allocate(buf)";
      void *p = m.buf->try_allocate(size, alignment);
      FUZZ_CHECK((p != nullptr) == fits &&
                 "try_allocate fails exactly when alloc_bytes throws");
      if (p != nullptr)
        record(m, static_cast<std::byte *>(p), size, alignment, before.used);
      else
        FUZZ_CHECK(snapshot(*m.buf) == before &&
                   "a failed request changes nothing");
      return;
    }
    try {
      bumper::Buffer &b = via_default ? bumper::default_buffer() : *m.buf;
      FUZZ_CHECK(&b == m.buf);
      void *p = bumper::alloc_bytes(b, size, alignment);
      FUZZ_CHECK(fits && "an AllocBuffer request that does not fit throws");
      record(m, static_cast<std::byte *>(p), size, alignment, before.used);
    } catch (const bumper::out_of_memory &e) {
      FUZZ_CHECK(!fits && "only a request that does not fit throws");
      FUZZ_CHECK(e.request() == size);
      FUZZ_CHECK(snapshot(*m.buf) == before &&
                 "a failed request changes nothing");
    }
  }

  template <class T> void typed_alloc(ModelBuffer &m, bool via_default) {
    const std::size_t bytes = decode_size(m);
    const std::size_t n = bytes / sizeof(T);
    const Snapshot before = snapshot(*m.buf);
    const std::size_t size = n * sizeof(T);
    const bool fixed = m.kind == Kind::Alloc || m.kind == Kind::AllocCaller;
    const bool fits =
        !fixed || bump_start(m.base + before.used, alignof(T)) + size <=
                      m.base + m.fixed_capacity;
    g_step = "alloc<T>";
    try {
      std::span<T> s =
          via_default ? bumper::alloc<T>(n) : bumper::alloc<T>(*m.buf, n);
      FUZZ_CHECK(fits && "an AllocBuffer request that does not fit throws");
      FUZZ_CHECK(s.size() == n);
      record(m, reinterpret_cast<std::byte *>(s.data()), size, alignof(T),
             before.used);
    } catch (const bumper::out_of_memory &e) {
      FUZZ_CHECK(!fits);
      FUZZ_CHECK(e.request() == size);
      FUZZ_CHECK(snapshot(*m.buf) == before);
    }
  }

  void op_typed(ModelBuffer &m, bool via_default) {
    struct alignas(64) Line {
      std::byte b[64];
    };
    struct alignas(4096) Page {
      std::byte b[4096];
    };
    switch (in_.byte() % 6) {
    case 0:
      return typed_alloc<std::uint8_t>(m, via_default);
    case 1:
      return typed_alloc<std::uint32_t>(m, via_default);
    case 2:
      return typed_alloc<double>(m, via_default);
    case 3:
      return typed_alloc<Line>(m, via_default);
    case 4:
      return typed_alloc<Page>(m, via_default);
    default: { // two dimensions
      const std::size_t rows = in_.byte() % 64, cols = in_.byte() % 64;
      const Snapshot before = snapshot(*m.buf);
      const std::size_t size = rows * cols * sizeof(double);
      const bool fixed = m.kind == Kind::Alloc || m.kind == Kind::AllocCaller;
      const bool fits =
          !fixed || bump_start(m.base + before.used, alignof(double)) + size <=
                        m.base + m.fixed_capacity;
      g_step = "alloc<double>(rows, cols)";
      try {
        auto v = via_default ? bumper::alloc<double>(rows, cols)
                             : bumper::alloc<double>(*m.buf, rows, cols);
        FUZZ_CHECK(fits);
        FUZZ_CHECK(v.extent(0) == rows && v.extent(1) == cols);
        record(m, reinterpret_cast<std::byte *>(v.data_handle()), size,
               alignof(double), before.used);
      } catch (const bumper::out_of_memory &) {
        FUZZ_CHECK(!fits);
        FUZZ_CHECK(snapshot(*m.buf) == before);
      }
    }
    }
  }

  // Requests that must fail on every kind: overflowing sizes and bad
  // alignments. Never a real system allocation (libFuzzer's malloc limit).
  void op_failing(ModelBuffer &m) {
    const Snapshot before = snapshot(*m.buf);
    const std::uint8_t c = in_.byte();
    switch (c % 4) {
    case 0: {
      g_step = "alloc_bytes(SIZE_MAX - k)";
      // Some of these reach the system allocator: with libstdc++, whose
      // aligned operator new wrapped for sizes near SIZE_MAX (a bug this
      // fuzzer found, fixed; corpus/runtime/regression-*).
      const std::size_t size = SIZE_MAX - in_.byte();
      try {
        (void)bumper::alloc_bytes(*m.buf, size, decode_alignment());
        FUZZ_CHECK(false && "an impossible request throws");
      } catch (const bumper::out_of_memory &e) {
        FUZZ_CHECK(e.request() == size);
        const std::bad_alloc &base = e;
        FUZZ_CHECK(base.what() != nullptr);
      }
      break;
    }
    case 1: {
      g_step = "alloc<uint64_t>(overflowing n)";
      const std::size_t n = SIZE_MAX / 8 + 1 + in_.byte();
      try {
        (void)bumper::alloc<std::uint64_t>(*m.buf, n);
        FUZZ_CHECK(false && "an overflowing count throws");
      } catch (const std::bad_alloc &) {
      }
      break;
    }
    case 2: {
      g_step = "alloc<int>(negative extent, n)";
      try {
        (void)bumper::alloc<int>(*m.buf, -1 - int{in_.byte()}, 4);
        FUZZ_CHECK(false && "a negative extent throws");
      } catch (const std::bad_alloc &) {
      }
      break;
    }
    default: {
      g_step = "alloc_bytes(bad alignment)";
      std::size_t alignment = in_.byte();
      if (alignment == 0 || std::has_single_bit(alignment))
        alignment = 3;
      try {
        (void)bumper::alloc_bytes(*m.buf, 8, alignment);
        FUZZ_CHECK(false && "a bad alignment throws");
      } catch (const std::invalid_argument &) {
      }
      break;
    }
    }
    FUZZ_CHECK(snapshot(*m.buf) == before &&
               "a failed request changes nothing");
  }

  void op_checkpoint(ModelBuffer &m) {
    g_step = "checkpoint";
    m.cps.push_back({bumper::checkpoint(*m.buf), m.buf->used(), m.allocs.size(),
                     std::nullopt});
    FUZZ_CHECK(m.cps.back().cp.buffer == m.buf);
  }

  // Restores m.cps[i] by `how` and checks the buffer came back to it.
  void after_restore(ModelBuffer &m, std::size_t i) {
    SavedCheckpoint &c = m.cps[i];
    forget_and_check_poisoned(m, c.nallocs);
    m.cps.resize(i + 1);
    const std::optional<FirstAfter> first = c.first;
    m.cps[i].first.reset();
    FUZZ_CHECK(m.buf->used() == c.used &&
               "restore returns to the exact used()");
    const bumper::Checkpoint now = m.buf->checkpoint();
    if (now.position != c.cp.position) {
      // Only a ResizeBuffer that became empty may move to a regrown block.
      FUZZ_CHECK(m.kind == Kind::Resize && c.used == 0 &&
                 "restore returns to the exact position");
      return;
    }
    // The first allocation after the checkpoint was served right there: the
    // same request now gets the same address.
    if (first &&
        first->addr == bump_start(addr_of(c.cp.position), first->alignment) &&
        first->used_delta == first->addr - addr_of(c.cp.position) +
                                 whole_granules(first->size) &&
        in_.byte() % 2 == 0) {
      g_step = "the same alloc after restore";
      const std::size_t used_before = m.buf->used();
      void *p = nullptr;
      try {
        p = bumper::alloc_bytes(*m.buf, first->size, first->alignment);
      } catch (const bumper::out_of_memory &) {
        FUZZ_CHECK(false && "the same request fits again after restore");
      }
      FUZZ_CHECK(addr_of(p) == first->addr &&
                 "the same request after restore returns the same address");
      record(m, static_cast<std::byte *>(p), first->size, first->alignment,
             used_before);
    }
  }

  void op_restore(ModelBuffer &m) {
    const std::size_t floor =
        m.guard_floors.empty() ? 0 : m.guard_floors.back();
    if (m.cps.size() <= floor)
      return op_checkpoint(m);
    const std::size_t i = floor + in_.byte() % (m.cps.size() - floor);
    g_step = "restore";
    bumper::restore(*m.buf, m.cps[i].cp);
    after_restore(m, i);
  }

  // bumper::grow on the newest allocation of `m`: in place (same address,
  // the contents kept) or a copy (the old storage stays allocated, its
  // contents no longer checked); a failure changes nothing. Only when no
  // checkpoint was taken since the allocation: growing across one is the
  // documented misuse (its restore frees the growth).
  void op_grow(ModelBuffer &m) {
    if (m.allocs.empty())
      return op_alloc(m, false);
    for (const SavedCheckpoint &c : m.cps)
      if (c.nallocs >= m.allocs.size())
        return op_checkpoint(m);
    const Allocation old = m.allocs.back();
    const std::size_t extra = decode_size(m);
    const std::size_t n = old.size + extra;
    const Snapshot before = snapshot(*m.buf);
    g_step = "grow";
    std::span<std::byte> grown;
    try {
      grown = bumper::grow(*m.buf, std::span<std::byte>(old.p, old.size), n);
    } catch (const bumper::out_of_memory &) {
      FUZZ_CHECK(snapshot(*m.buf) == before &&
                 "a failed request changes nothing");
      FUZZ_CHECK(holds(old.p, old.size, old.id, true) &&
                 "a failed grow keeps the contents");
#if BUMPER_HAS_ASAN
      FUZZ_CHECK(old.size == 0 ||
                 __asan_region_is_poisoned(old.p, old.size) == nullptr);
#endif
      return;
    }
    FUZZ_CHECK(grown.size() == n);
    FUZZ_CHECK(holds(grown.data(), old.size, old.id, true) &&
               "grow keeps the contents");
    if (old.size != 0) {
      g_live.erase(addr_of(old.p));
      g_live_bytes -= old.size;
    }
    if (grown.data() == old.p) { // in place: the same allocation, larger
      FUZZ_TRACE("  grown in place: #%" PRIu64 " %zu -> %zu bytes\n", old.id,
                 old.size, n);
      FUZZ_CHECK(m.buf->used() >= before.used);
      if (n != 0) {
        FUZZ_CHECK(!overlaps_live(addr_of(old.p), n) &&
                   "live allocations never overlap");
        fill(old.p, n, old.id);
        g_live.emplace(addr_of(old.p), Allocation{old.p, n, old.id});
      }
      m.allocs.back().size = n;
      g_live_bytes += n;
      g_total_bytes += extra;
      return;
    }
    m.allocs.back().size = 0; // allocated still, but no longer in use
    record(m, grown.data(), n, 1, before.used);
  }

  // trim(): a SlabBuffer gives its spare slab back, an empty ResizeBuffer its
  // block (and its high-water mark starts afresh); nothing else changes, and
  // a ResizeBuffer in use is left exactly as it was.
  void op_trim(ModelBuffer &m) {
    g_step = "trim";
    const Snapshot before = snapshot(*m.buf);
    switch (m.kind) {
    case Kind::Slab:
    case Kind::Default: {
      const std::size_t freed =
          static_cast<bumper::SlabBuffer &>(*m.buf).trim();
      const Snapshot after = snapshot(*m.buf);
      FUZZ_CHECK(after.capacity == before.capacity - freed &&
                 after.slabs == before.slabs - (freed != 0 ? 1 : 0) &&
                 "SlabBuffer::trim frees the spare slab only");
      FUZZ_CHECK(after.used == before.used &&
                 after.high_water == before.high_water &&
                 after.position == before.position);
      break;
    }
    case Kind::Resize: {
      auto &r = static_cast<bumper::ResizeBuffer &>(*m.buf);
      const std::size_t block = r.block_capacity();
      const bool empty =
          before.used == 0 && before.slabs == (block != 0 ? 1u : 0u);
      const std::size_t freed = r.trim();
      if (!empty) {
        FUZZ_CHECK(freed == 0 && snapshot(r) == before &&
                   "a ResizeBuffer in use is unchanged by trim");
        break;
      }
      FUZZ_CHECK(freed == block && r.capacity() == 0 && r.slab_count() == 0 &&
                 r.used() == 0 && "an empty ResizeBuffer frees its block");
      FUZZ_CHECK(r.high_water() == 0 && "the high-water mark starts afresh");
      m.peak = 0;
      break;
    }
    default:
      break;
    }
  }

  // Whether a checkpoint is still valid after a reset: it is when it was
  // taken with the buffer empty.
  static bool survives_reset(const SavedCheckpoint &c) {
    // (A SlabBuffer checkpoint taken after a zero-byte side allocation used
    // to have used() == 0 and abort on restore after a reset; fixed, see
    // corpus/runtime/regression-*.)
    return c.used == 0;
  }

  void op_reset(ModelBuffer &m) {
    // A reset would kill an active guard's non-empty checkpoint.
    for (std::size_t g : m.guard_floors)
      if (!survives_reset(m.cps[g]))
        return op_checkpoint(m);
    g_step = "reset";
    bumper::reset(*m.buf);
    FUZZ_CHECK(m.buf->used() == 0);
    forget_and_check_poisoned(m, 0);
    // Checkpoints of an empty buffer stay valid; the others are dead.
    std::vector<SavedCheckpoint> kept;
    std::vector<std::size_t> floors;
    std::size_t gi = 0;
    for (std::size_t i = 0; i < m.cps.size(); ++i) {
      const bool is_guard =
          gi < m.guard_floors.size() && m.guard_floors[gi] == i;
      if (is_guard) {
        floors.push_back(kept.size());
        ++gi;
      }
      if (survives_reset(m.cps[i]) || is_guard) {
        kept.push_back(m.cps[i]);
        kept.back().nallocs = 0;
        kept.back().first.reset();
      }
    }
    m.cps = std::move(kept);
    m.guard_floors = std::move(floors);
  }

  // A nested block under a NoEscape guard on `m`, left by END, by the end
  // of the input or by an exception.
  void op_guard(ModelBuffer &m, bool default_spelling) {
    if (depth_ >= max_depth)
      return op_checkpoint(m);
    g_step = "NoEscape";
    const std::size_t index = m.cps.size();
    m.cps.push_back(
        {m.buf->checkpoint(), m.buf->used(), m.allocs.size(), std::nullopt});
    m.guard_floors.push_back(index);
    ModelBuffer *saved_target = target_;
    try {
      if (default_spelling) {
        FUZZ_CHECK(&bumper::default_buffer() == m.buf);
        bumper::NoEscape guard;
        FUZZ_CHECK(&guard.buffer() == m.buf);
        run_scope(depth_ + 1);
      } else {
        bumper::NoEscape guard(*m.buf);
        run_scope(depth_ + 1);
      }
    } catch (const ScopeExit &) {
    }
    target_ = saved_target;
    g_step = "end of NoEscape";
    // Guards nest, so this one is the innermost on `m` again.
    FUZZ_CHECK(!m.guard_floors.empty());
    const std::size_t i = m.guard_floors.back();
    m.guard_floors.pop_back();
    after_restore(m, i);
    m.cps.pop_back();
  }

  // with_buffer(X, f): X is the buffer under test or a fresh scratch buffer.
  void op_with(ModelBuffer &m) {
    if (depth_ >= max_depth)
      return op_checkpoint(m);
    const std::uint8_t c = in_.byte();
    bumper::Buffer *previous = &bumper::default_buffer();
    ModelBuffer *saved_target = target_;
    std::unique_ptr<bumper::Buffer> scratch;
    ModelBuffer scratch_model;
    ModelBuffer *x = &m;
    if (c % 2 == 1) {
      switch ((c >> 1) % 3) {
      case 0:
        scratch_model.fixed_capacity = std::size_t{c} << 6;
        scratch =
            std::make_unique<bumper::AllocBuffer>(scratch_model.fixed_capacity);
        scratch_model.kind = Kind::Alloc;
        scratch_model.base =
            addr_of(static_cast<bumper::AllocBuffer &>(*scratch).data());
        break;
      case 1:
        scratch_model.slab_size = std::size_t{c} << 4;
        scratch = std::make_unique<bumper::SlabBuffer>(scratch_model.slab_size);
        scratch_model.kind = Kind::Slab;
        break;
      default:
        scratch_model.initial = c & 0x40 ? 256 : 0;
        scratch = std::make_unique<bumper::ResizeBuffer>(scratch_model.initial);
        scratch_model.kind = Kind::Resize;
        break;
      }
      scratch_model.buf = scratch.get();
      x = &scratch_model;
      buffers_.push_back(x);
    }
    g_step = "with_buffer";
    bool threw = false;
    try {
      const int r = bumper::with_buffer(*x->buf, [&] {
        FUZZ_CHECK(&bumper::default_buffer() == x->buf);
        target_ = x;
        run_scope(depth_ + 1);
        return 42;
      });
      FUZZ_CHECK(r == 42);
    } catch (const ScopeExit &) {
      threw = true;
    }
    (void)threw;
    g_step = "end of with_buffer";
    FUZZ_CHECK(&bumper::default_buffer() == previous &&
               "with_buffer restores the previous default");
    target_ = saved_target;
    if (scratch) {
      // Guards opened on the scratch inside have all closed.
      FUZZ_CHECK(scratch_model.guard_floors.empty());
      check_bounds(scratch_model);
      forget(scratch_model, 0);
      buffers_.pop_back();
      if (target_ == &scratch_model)
        target_ = &m;
    }
  }

  void run_scope(int depth) {
    const int saved_depth = depth_;
    depth_ = depth;
    while (!in_.empty()) {
      ++g_op_index;
      ModelBuffer &m = *target_;
      const std::uint8_t op = in_.byte();
      FUZZ_TRACE("op #%zu: %d on %s (depth %d, used %zu, capacity %zu, "
                 "blocks %zu)\n",
                 g_op_index, op % 16, kind_name(m.kind), depth, m.buf->used(),
                 m.buf->capacity(), m.buf->slab_count());
      switch (op % 16) {
      case 0:
      case 2:
        op_alloc(m, false);
        break;
      case 1: // a quarter of these through try_allocate
        op_alloc(m, false, (op & 0x60) == 0x60);
        break;
      case 3: // through default_buffer(), when it is the target
        if (&default_model() == &m)
          op_alloc(m, true);
        else
          op_alloc(m, false);
        break;
      case 4:
        op_typed(m, &default_model() == &m && (op & 0x10));
        break;
      case 5:
      case 6:
        op_checkpoint(m);
        break;
      case 7:
      case 8:
        op_restore(m);
        break;
      case 9:
        op_reset(m);
        break;
      case 10:
        op_guard(m, &default_model() == &m && (op & 0x10));
        break;
      case 11:
        op_with(m);
        break;
      case 12: // switch target among the live buffers
        target_ = buffers_[in_.byte() % buffers_.size()];
        break;
      case 13:
        op_failing(m);
        break;
      case 14: // end this scope: normally, or by an exception
        if (depth > 0) {
          depth_ = saved_depth;
          if (op & 0x10)
            throw ScopeExit{};
          return;
        }
        break;
      default: // 15
        if ((op & 0x70) == 0x70)
          op_trim(m);
        else if ((op & 0x70) == 0x60)
          op_grow(m);
        else
          verify_all(true);
        break;
      }
      verify_all(false);
      for (ModelBuffer *b : buffers_)
        check_bounds(*b);
    }
    depth_ = saved_depth;
  }

  Input &in_;
  ModelBuffer &main_;
  ModelBuffer *target_ = nullptr;
  int depth_ = 0;

public:
  std::vector<ModelBuffer *> buffers_;
};

std::size_t g_default_slab_max = bumper::default_buffer_size();
ModelBuffer g_default_model;

} // namespace

#if BUMPER_HAS_ASAN
// op_failing asks for SIZE_MAX - k bytes: some of those reach the system
// allocator, which must return null (the runtime then throws out_of_memory)
// rather than report the request as an error.
extern "C" const char *__asan_default_options() {
  return "allocator_may_return_null=1";
}
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  Input in(data, size);
  g_op_index = 0;
  g_step = "setup";
  g_live.clear();
  g_live_bytes = 0;
  g_total_bytes = 0;

  // The thread's default buffer lives across inputs: empty it first.
  bumper::Buffer &def = bumper::default_buffer();
  bumper::reset(def);
  FUZZ_TRACE("input: default_buffer() reset: used %zu, capacity %zu, blocks "
             "%zu, slab size %zu\n",
             def.used(), def.capacity(), def.slab_count(),
             bumper::default_buffer_size());
  g_default_model = ModelBuffer{};
  g_default_model.buf = &def;
  g_default_model.kind = Kind::Default;
  g_default_model.peak = def.high_water();
  g_default_model.slab_size = g_default_slab_max;

  const auto kind =
      static_cast<Kind>(in.byte() % static_cast<int>(Kind::Count));
  const std::uint8_t param = in.byte();
  static constexpr std::size_t capacities[] = {0,    1,     64,       100,
                                               4096, 65536, 1u << 20, 8u << 20};
  static constexpr std::size_t slabs[] = {1,     64,    100,      4096,
                                          16384, 65536, 1u << 20, 4u << 20};

  std::unique_ptr<bumper::Buffer> owned;
  std::unique_ptr<std::byte[]> caller_memory; // uninitialised: cheap
  std::size_t caller_size = 0;
  ModelBuffer main;
  main.kind = kind;
  switch (kind) {
  case Kind::Alloc:
    main.fixed_capacity = capacities[param % 8] + (param >> 3 & 1 ? 13 : 0);
    owned = std::make_unique<bumper::AllocBuffer>(main.fixed_capacity);
    // The capacity asked for, in whole granules.
    main.fixed_capacity = whole_granules(main.fixed_capacity);
    main.base = addr_of(static_cast<bumper::AllocBuffer &>(*owned).data());
    FUZZ_CHECK(main.fixed_capacity == 0 || main.base % 64 == 0);
    break;
  case Kind::AllocCaller: {
    // Caller memory at any misalignment.
    const std::size_t offset = param >> 3;
    main.fixed_capacity = capacities[param % 8];
    caller_size = main.fixed_capacity + 64;
    caller_memory.reset(new std::byte[caller_size]);
    std::byte *start = caller_memory.get() + offset;
    if (param & 0x80)
      owned = std::make_unique<bumper::AllocBuffer>(
          std::span<std::byte>(start, main.fixed_capacity));
    else
      owned = std::make_unique<bumper::AllocBuffer>(start, main.fixed_capacity);
    // The whole granules inside the caller's memory.
    main.base = whole_granules(addr_of(start));
    const std::uintptr_t end = (addr_of(start) + main.fixed_capacity) &
                               ~(bumper::allocation_granule - 1);
    main.fixed_capacity = end > main.base ? end - main.base : 0;
    FUZZ_CHECK(addr_of(static_cast<bumper::AllocBuffer &>(*owned).data()) ==
               main.base);
    break;
  }
  case Kind::Slab:
    main.slab_size = slabs[param % 8];
    owned = std::make_unique<bumper::SlabBuffer>(main.slab_size);
    break;
  case Kind::Resize:
    main.initial = capacities[param % 8];
    owned = std::make_unique<bumper::ResizeBuffer>(main.initial);
    break;
  default: {
    const std::size_t s = slabs[param % 8];
    bumper::set_default_buffer_size(s);
    g_default_slab_max = std::max(g_default_slab_max, s);
    g_default_model.slab_size = g_default_slab_max;
    break;
  }
  }
  ModelBuffer &under_test = owned ? main : g_default_model;
  if (owned)
    main.buf = owned.get();

  Interpreter interp(in, under_test);
  interp.buffers_.push_back(&g_default_model);
  if (owned)
    interp.buffers_.push_back(&main);
  interp.run_top();

  g_step = "end of input";
  verify_all(true);
  for (ModelBuffer *b : interp.buffers_)
    check_bounds(*b);
  // Every checkpoint still valid restores; then everything resets.
  for (ModelBuffer *b : interp.buffers_) {
    FUZZ_CHECK(b->guard_floors.empty());
    if (!b->cps.empty()) {
      FUZZ_TRACE("end: %s before restore: used %zu, capacity %zu, blocks %zu, "
                 "restoring to used %zu (of %zu checkpoints)\n",
                 kind_name(b->kind), b->buf->used(), b->buf->capacity(),
                 b->buf->slab_count(), b->cps.front().used, b->cps.size());
      bumper::restore(*b->buf, b->cps.front().cp);
      FUZZ_TRACE("end: restored: used %zu, capacity %zu, blocks %zu\n",
                 b->buf->used(), b->buf->capacity(), b->buf->slab_count());
      FUZZ_CHECK(b->buf->used() == b->cps.front().used);
    }
    forget(*b, 0);
    bumper::reset(*b->buf);
    FUZZ_TRACE("end: %s reset: capacity %zu, blocks %zu\n", kind_name(b->kind),
               b->buf->capacity(), b->buf->slab_count());
    FUZZ_CHECK(b->buf->used() == 0);
  }
  owned.reset();
  if (kind == Kind::AllocCaller) {
    // The caller gets its memory back usable (unpoisoned under ASan).
#if BUMPER_HAS_ASAN
    FUZZ_CHECK(__asan_region_is_poisoned(caller_memory.get(), caller_size) ==
               nullptr);
#endif
    std::memset(caller_memory.get(), 0x5a,
                std::min<std::size_t>(caller_size, 4096));
  }
  return 0;
}
