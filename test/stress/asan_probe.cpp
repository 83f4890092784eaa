// What AddressSanitizer reports on misuse of arena memory, against the
// ASan+UBSan build of the runtime (see docs/reliability.md):
//
//   asan_probe one-past-newest   write one byte past the newest allocation
//   asan_probe one-past-inner    write one byte past an allocation that has
//                                another allocation right after it
//   asan_probe granule-tail      write past a 3-byte allocation, inside its
//                                8-byte granule (another allocation follows)
//   asan_probe after-restore     write into memory a restore handed back
//   asan_probe after-reset       read memory a reset handed back
//
// Each mode prints "not detected" and exits 0 if the access goes through;
// ctest states which of them ASan must catch.
#include <bumper/bumper.hpp>

#include <cstdio>
#include <cstring>
#include <string>

namespace {
// Out of the optimiser's sight: the access must happen.
void poke(volatile char *p) { *p = 1; }
char peek(volatile char *p) { return *p; }
} // namespace

int main(int argc, char **argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  bumper::SlabBuffer buf(4096);
  if (mode == "one-past-newest") {
    auto a = bumper::alloc<char>(buf, 16);
    poke(a.data() + 16);
  } else if (mode == "one-past-inner") {
    auto a = bumper::alloc<char>(buf, 16);
    auto b = bumper::alloc<char>(buf, 16);
    std::printf("a at %p, b at %p\n", static_cast<void *>(a.data()),
                static_cast<void *>(b.data()));
    poke(a.data() + 16);
  } else if (mode == "granule-tail") {
    auto a = bumper::alloc<char>(buf, 3);
    (void)bumper::alloc<char>(buf, 8);
    poke(a.data() + 5);
  } else if (mode == "after-restore") {
    const bumper::Checkpoint cp = bumper::checkpoint(buf);
    auto a = bumper::alloc<char>(buf, 16);
    bumper::restore(buf, cp);
    poke(a.data());
  } else if (mode == "after-reset") {
    auto a = bumper::alloc<char>(buf, 16);
    std::memset(a.data(), 0, 16);
    bumper::reset(buf);
    std::printf("%d\n", peek(a.data()));
  } else {
    std::fprintf(stderr, "usage: asan_probe one-past-newest|one-past-inner|"
                         "granule-tail|after-restore|after-reset\n");
    return 2;
  }
  std::printf("not detected\n");
  return 0;
}
