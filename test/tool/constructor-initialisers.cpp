// An annotated constructor's guard is the first statement of its body: the
// member initialisers run before it, so what they allocate from the guarded
// buffer is never reset. Each such allocation is reported where it is
// written (bumper-unscoped-alloc), with the way to restructure; allocations
// from another buffer, in the body, or in a lambda are not.
// RUN: %bumper-tool %s -- %bumper-cxxflags -Xclang -verify -Xclang -verify-ignore-unexpected=note
// RUN: %bumper-tool --warnings-as-errors %s -- %bumper-cxxflags -DRESTRUCTURED
// The restructured form resets everything it allocates.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %cxx -std=c++20 -Wno-attributes -I%bumper-include -DRESTRUCTURED %s %bumper-lib -o %t/restructured && %t/restructured
#include <bumper/bumper.hpp>
#include <numeric>
#include <span>

inline int sum(std::span<int> S) {
  std::iota(S.begin(), S.end(), 1);
  return std::accumulate(S.begin(), S.end(), 0);
}

#ifndef RESTRUCTURED
struct Totals {
  int Total;
  int Extra = sum(bumper::alloc<int>(2)); // expected-warning {{'alloc' in the default member initialiser used by 'Totals' runs before the guard of the no_escape constructor: nothing resets this memory [bumper-unscoped-alloc]}}
  int FromOther;
  [[bumper::no_escape]] Totals(int N, bumper::Buffer &Other) // expected-note 2 {{the guard starts in the constructor's body, after the member initialisers; compute the value in a static member function annotated [[bumper::no_escape]] and call it in the initialiser, or allocate in the body}}
      : Total(sum(bumper::alloc<int>(N))), // expected-warning {{'alloc' in a member initialiser of 'Totals' runs before the guard of the no_escape constructor: nothing resets this memory [bumper-unscoped-alloc]}}
        FromOther(sum(bumper::alloc<int>(Other, N))) {
    bumper::NoEscape bumper_guard_;
    Total += sum(bumper::alloc<int>(N));
  }
};

bumper::AllocBuffer Scratch(4096);
struct OnScratch {
  int Total, Other;
  [[bumper::no_escape(Scratch)]] OnScratch(int N) // expected-note {{the guard starts in the constructor's body}}
      : Total(sum(bumper::alloc<int>(Scratch, N))), // expected-warning {{'alloc' in a member initialiser of 'OnScratch' runs before the guard}}
        Other(sum(bumper::alloc<int>(N))) {
    bumper::NoEscape bumper_guard_(Scratch);
  }
};

// A lambda in an initialiser runs when it is called.
struct Deferred {
  int (*Make)(int);
  [[bumper::no_escape]] Deferred()
      : Make([](int N) { return sum(bumper::alloc<int>(N)); }) { // expected-warning {{'alloc' allocates from the default buffer where no no_escape block is active}}
    bumper::NoEscape bumper_guard_;
  }
};
#else
struct Totals {
  int Total;
  [[bumper::no_escape]] static int sumOf(int N) {
    bumper::NoEscape bumper_guard_;
    return sum(bumper::alloc<int>(static_cast<std::size_t>(N)));
  }
  [[bumper::no_escape]] Totals(int N) : Total(sumOf(N)) {
    bumper::NoEscape bumper_guard_;
    Total += sum(bumper::alloc<int>(static_cast<std::size_t>(N)));
  }
};

int main() {
  auto Before = bumper::checkpoint(bumper::default_buffer());
  for (int I = 0; I < 3; ++I)
    if (Totals(1000).Total != 2 * 500500)
      return 2;
  auto After = bumper::checkpoint(bumper::default_buffer());
  return Before.position == After.position ? 0 : 1;
}
#endif
