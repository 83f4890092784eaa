// bumper-suspend-in-block: a coroutine that suspends (co_await, co_yield)
// inside a block that resets a buffer it does not own keeps the block's
// checkpoint while its caller runs, and frees what the caller allocated in
// the meantime when the block ends. Such a block gets an error and no guard;
// a block on a buffer the coroutine owns is fine, and so is a block that does
// not suspend. An annotated coroutine that suspends gets its own message
// (it used to get the one for function-try-blocks).
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %expect-exit 1 %bumper-tool %t/t.cpp -- %bumper-cxxflags -Xclang -verify -Xclang -verify-ignore-unexpected=note 2>&1 | FileCheck %s --check-prefix=VERIFY --allow-empty
// -verify's mismatches do not change the status when the file has errors:
// VERIFY-NOT: diagnostics {{.*}}expected
// RUN: not %bumper-tool --fix %t/t.cpp -- %bumper-cxxflags
// RUN: FileCheck %s < %t/t.cpp
// The plugin reports the same.
// RUN: %if plugin %{ %clangxx -fsyntax-only -fplugin=%bumper-plugin %bumper-cxxflags -Xclang -verify -Xclang -verify-ignore-unexpected=note %s %}
#include <bumper/bumper.hpp>
#include <coroutine>

struct Generator {
  struct promise_type {
    int Value = 0;
    Generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int V) {
      Value = V;
      return {};
    }
    void return_void() {}
    void unhandled_exception() {}
  };
};

Generator loopBody(int N) {
  for (int I = 0; I < N; ++I) [[bumper::no_escape]] { // expected-note {{no_escape block here}} expected-note {{give the coroutine a buffer of its own: declare one in it ('bumper::AllocBuffer buf(bytes);') and annotate a block '[[bumper::no_escape(buf)]]'}}
    // CHECK:      for (int I = 0; I < N; ++I) {{\[\[}}bumper::no_escape]] {
    // CHECK-NEXT:   // CHECK
    auto T = bumper::alloc<int>(1);
    T[0] = I;
    co_yield T[0]; // expected-error {{'co_yield' suspends the coroutine inside a no_escape block that resets the thread's default buffer: what the caller allocates from it while the coroutine is suspended is freed when the block ends [bumper-suspend-in-block]}}
  }
}

Generator callersBuffer(bumper::Buffer &Buf) {
  [[bumper::no_escape(Buf)]] { // expected-note 2 {{}}
    co_await std::suspend_always{}; // expected-error {{'co_await' suspends the coroutine inside a no_escape block that resets 'Buf', which the coroutine does not own: what the caller allocates from it}}
  }
}

[[bumper::no_escape]] Generator annotated(int N) { // expected-note {{coroutine annotated here}} expected-note {{give the coroutine a buffer of its own}}
  // CHECK: {{\[\[}}bumper::no_escape]] Generator annotated(int N) {
  // CHECK-NEXT: // CHECK
  co_yield N; // expected-error {{'co_yield' suspends the coroutine 'annotated', which is annotated 'bumper::no_escape': its guard keeps a checkpoint of the thread's default buffer across the suspension, and frees what the caller allocates from it in the meantime [bumper-suspend-in-block]}}
}

// A buffer of the coroutine's own: guarded, no error.
Generator ownBuffer(int N) {
  bumper::AllocBuffer Buf(1024);
  [[bumper::no_escape(Buf)]] { // expected-warning {{no_escape block has no 'bumper::NoEscape' guard}}
    // CHECK: bumper::NoEscape bumper_guard_(Buf);
    auto T = bumper::alloc<int>(Buf, 1);
    T[0] = N;
    co_yield T[0];
  }
}

// A block that does not suspend, in a coroutine: guarded, no error.
Generator noSuspension(int N) {
  [[bumper::no_escape]] { // expected-warning {{no_escape block has no 'bumper::NoEscape' guard}}
    // CHECK: bumper::NoEscape bumper_guard_;
    auto T = bumper::alloc<int>(1);
    T[0] = N;
  }
  co_yield N;
}

// A lambda's suspensions are its own.
void lambdaInBlock() {
  [[bumper::no_escape]] { // expected-warning {{no_escape block has no 'bumper::NoEscape' guard}}
    auto L = []() -> Generator { co_yield 1; };
    L();
  }
}

// An annotated coroutine that only co_returns runs its body in one go.
[[bumper::no_escape]] Generator onlyReturns() { co_return; } // expected-warning {{no_escape function 'onlyReturns' has no 'bumper::NoEscape' guard}} expected-note {{annotated here}}
// CHECK: Generator onlyReturns() { bumper::NoEscape bumper_guard_; co_return; }

// Outside blocks: arena memory of a buffer the coroutine does not own, held
// in a local used after a suspension, may be reset by the caller while the
// coroutine is suspended.
Generator heldAcross(int N) {
  auto T = bumper::alloc<int>(N); // expected-warning {{'alloc' allocates from the default buffer where no no_escape block is active}}
  T[0] = 1;
  co_yield 0; // expected-error {{'co_yield' suspends the coroutine while 'T' holds arena memory of the thread's default buffer, and 'T' is used after it: the caller may reset that memory before the coroutine resumes [bumper-suspend-in-block]}}
  co_yield T[0];
}

// In a loop, a use written before the suspension runs after it in the next
// iteration.
Generator heldAcrossLoop(int N) {
  int *P = bumper::alloc<int>(N).data(); // expected-warning {{'alloc' allocates from the default buffer}}
  for (int I = 0; I < N; ++I) {
    P[I] = I;
    co_yield I; // expected-error {{'co_yield' suspends the coroutine while 'P' holds arena memory of the thread's default buffer}}
  }
}

Generator callersBufferHeld(bumper::Buffer &Buf, int N) {
  auto T = bumper::alloc<int>(Buf, N);
  co_await std::suspend_always{}; // expected-error {{'co_await' suspends the coroutine while 'T' holds arena memory of a buffer the coroutine does not own}}
  co_yield T[0];
}

// Not used after the suspension, or from a buffer of its own, or allocated
// again after it: no error.
Generator notUsedAfter(int N) {
  auto T = bumper::alloc<int>(N); // expected-warning {{'alloc' allocates from the default buffer}}
  T[0] = 1;
  co_yield 0;
}
Generator ownBufferHeld(int N) {
  bumper::AllocBuffer Buf(1024);
  auto T = bumper::alloc<int>(Buf, N);
  co_yield 0;
  co_yield T[0];
}
Generator allocatedInLoop(int N) {
  for (int I = 0; I < N; ++I) {
    auto T = bumper::alloc<int>(1); // expected-warning {{'alloc' allocates from the default buffer}}
    T[0] = I;
    co_yield T[0];
  }
}
