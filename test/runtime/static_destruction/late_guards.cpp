// The default buffer during static and thread_local destruction: guards and
// allocations in destructors that run after the thread's own cleanup (issue
// 14). ctest runs it plain and with ASan+UBSan; it prints one line per
// destructor and "late guards: ok" last, from the last static destructor.
#include <bumper/bumper.hpp>

#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <thread>

namespace {

/// Guards the default buffer, allocates and checks the memory.
int guarded_sum(int n) {
  bumper::NoEscape guard;
  std::span<int> y = bumper::alloc<int>(static_cast<std::size_t>(n));
  std::iota(y.begin(), y.end(), 1);
  return std::accumulate(y.begin(), y.end(), 0);
}

void expect(bool ok, const char *what) {
  if (!ok) {
    std::printf("late guards: FAILED: %s\n", what);
    std::fflush(stdout);
    std::_Exit(1);
  }
}

// Constructed before main, destroyed after the main thread's thread_local
// objects (the default buffer's owner among them).
struct LateStatic {
  ~LateStatic() {
    expect(guarded_sum(100) == 5050, "static destructor");
    expect(bumper::default_buffer().used() == 0, "static destructor: used");
    std::printf("late guards: ok\n");
    std::fflush(stdout);
  }
} late_static;

// Constructed before the thread's first use of the default buffer, so
// destroyed after it.
struct LateThreadLocal {
  const char *where;
  ~LateThreadLocal() {
    expect(guarded_sum(10) == 55, where);
    std::printf("thread_local destructor (%s): ok\n", where);
  }
};

} // namespace

int main() {
  std::thread worker([] {
    thread_local LateThreadLocal late{"worker thread"};
    (void)late.where;
    expect(guarded_sum(3) == 6, "worker thread");
  });
  worker.join();
  thread_local LateThreadLocal late{"main thread"};
  (void)late.where;
  expect(guarded_sum(3) == 6, "main");
  return 0;
}
