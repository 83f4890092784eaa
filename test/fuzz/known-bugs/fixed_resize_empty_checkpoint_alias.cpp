// ResizeBuffer: an empty checkpoint taken before the main block was regrown
// can alias a later side block (the side block reuses the old main block's
// addresses); restoring it then keeps that side block and bumps from its
// middle instead of returning to the main block.
#include <bumper/bumper.hpp>
#include <cstdint>
#include <cstdio>
int main() {
  std::uint64_t x = 88172645463325252ull;
  auto rnd = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  for (int trial = 0; trial < 20000; ++trial) {
    bumper::ResizeBuffer r(4096u << (rnd() % 8));
    const bumper::Checkpoint empty = bumper::checkpoint(r);
    for (int round = 0; round < 12; ++round) {
      const int n = 1 + rnd() % 4;
      for (int i = 0; i < n; ++i)
        (void)bumper::alloc_bytes(r, 1 + rnd() % (1u << (12 + rnd() % 10)), 16);
      bumper::restore(r, empty);
      if (r.slab_count() > 1 || r.used() != 0) {
        std::printf("trial %d round %d: after restoring the empty checkpoint: "
                    "used %zu, blocks %zu, capacity %zu, block_capacity %zu\n",
                    trial, round, r.used(), r.slab_count(), r.capacity(),
                    r.block_capacity());
        return 1;
      }
    }
  }
  std::printf("not reproduced\n");
}
