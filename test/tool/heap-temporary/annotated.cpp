// Inside an existing [[bumper::no_escape]] block or function the vector
// takes its memory from the buffer that block resets: no new annotation and
// no new guard. Between the block and the vector a loop would let every
// iteration's memory pile up until the block ends, so the loop's own body
// gets an annotation on the same buffer, with a guard of another name.
// The fixed file compiles and prints what the original did.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %cxx %bumper-cxxflags -O1 -Wno-attributes %s %bumper-lib -pthread -o %t/before && %t/before > %t/before.out
// RUN: %bumper-tool --checks=bumper-heap-temporary %t/t.cpp -- %bumper-cxxflags -Xclang -verify -Xclang -verify-ignore-unexpected=note
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix %t/t.cpp -- %bumper-cxxflags
// RUN: FileCheck %s --check-prefix=FIXED < %t/t.cpp
// RUN: %cxx %bumper-cxxflags -O1 -Wall -Wextra -Werror -Wno-attributes %t/t.cpp %bumper-lib -pthread -o %t/after
// RUN: %t/after > %t/after.out && diff %t/before.out %t/after.out
// RUN: %bumper-tool --check --warnings-as-errors --checks=bumper-heap-temporary %t/t.cpp -- %bumper-cxxflags
// RUN: cp %t/t.cpp %t/once.cpp
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix %t/t.cpp -- %bumper-cxxflags
// RUN: diff %t/once.cpp %t/t.cpp
#include <bumper/bumper.hpp>

#include <cstdio>
#include <numeric>
#include <vector>

[[bumper::no_escape]] long function(int N) {
  bumper::NoEscape bumper_guard_;
  std::vector<long> V(N, 2); // expected-warning {{'V' is a heap temporary}}
  return std::accumulate(V.begin(), V.end(), 0L);
}

long block(bumper::AllocBuffer &Buf, int N) {
  long R = 0;
  [[bumper::no_escape(Buf)]] {
    bumper::NoEscape bumper_guard_(Buf);
    std::vector<int> V(N); // expected-warning {{'V' is a heap temporary}}
    for (int I = 0; I < N; ++I)
      V[I] = I;
    R = std::accumulate(V.begin(), V.end(), 0L);
    for (int K = 0; K < 4; ++K) {
      std::vector<int> W(N, K); // expected-warning {{'W' is a heap temporary}}
      R += W[0];
    }
  }
  return R;
}

// Annotated but not yet guarded: bumper-missing-guard inserts the guard in
// the same run.
long unguarded(int N) {
  long R = 0;
  [[bumper::no_escape]] { // expected-warning {{no_escape block has no 'bumper::NoEscape' guard}}
    std::vector<short> S(N, 1); // expected-warning {{'S' is a heap temporary}}
    R = std::accumulate(S.begin(), S.end(), 0L);
  }
  return R;
}

int main() {
  bumper::AllocBuffer Buf(1 << 16);
  std::printf("%ld %ld %ld\n", function(10), block(Buf, 100), unguarded(7));
  return 0;
}

// FIXED:      #include <bumper/bumper.hpp>
// FIXED-EMPTY:
// FIXED-NEXT: #include <cstdio>
// FIXED-NEXT: #include <numeric>
// FIXED-NEXT: #include <vector>
// FIXED-NEXT: #include <algorithm>
// FIXED-EMPTY:
// FIXED:      {{^\[\[}}bumper::no_escape]] long function(int N) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   std::span<long> V = bumper::alloc<long>(N); std::fill(V.begin(), V.end(), 2);
// FIXED:        {{\[\[}}bumper::no_escape(Buf)]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_(Buf);
// FIXED-NEXT:     std::span<int> V = bumper::alloc<int>(Buf, N); //
// FIXED:          for (int K = 0; K < 4; ++K) {{\[\[}}bumper::no_escape(Buf)]] {
// FIXED-NEXT:       bumper::NoEscape bumper_guard_1_(Buf);
// FIXED-NEXT:       std::span<int> W = bumper::alloc<int>(Buf, N); std::fill(W.begin(), W.end(), K);
// FIXED:        {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     std::span<short> S = bumper::alloc<short>(N); std::fill(S.begin(), S.end(), 1);
