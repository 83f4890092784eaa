// bumper-heap-temporary on a default-constructed std::vector sized once by
// resize(n), resize(n, x) or assign(n, x) before any other use, and then
// used only as a fixed array: the declaration and the sizing call become
// one arena allocation where the call was, with the fill the call made
// (resize(n) value-initialises: T{}). Refused: a use before the sizing,
// a sizing inside another statement, a jump or label between the two, a
// second sizing. The fixed file prints what the original did; a second
// --fix changes nothing.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %cxx -std=c++20 -O1 %s -o %t/before && %t/before > %t/before.out
// RUN: %bumper-tool --checks=bumper-heap-temporary --explain %t/t.cpp -- %bumper-cxxflags -Xclang -verify -Xclang -verify-ignore-unexpected=note
// RUN: %bumper-tool --checks=bumper-heap-temporary --explain --fix --summary %t/t.cpp -- %bumper-cxxflags 2>&1 | FileCheck %s --check-prefix=SUMMARY
// SUMMARY: , 4 heap temporaries converted (6 refused),
// RUN: FileCheck %s --check-prefix=FIXED < %t/t.cpp
// RUN: %cxx -std=c++20 -O1 -Wall -Wextra -Werror -Wno-attributes -I%bumper-include %t/t.cpp %bumper-lib -pthread -o %t/after
// RUN: %t/after > %t/after.out && diff %t/before.out %t/after.out
// RUN: cp %t/t.cpp %t/once.cpp
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix %t/t.cpp -- %bumper-cxxflags
// RUN: diff %t/once.cpp %t/t.cpp
#include <cstdio>
#include <numeric>
#include <vector>

// resize(n) fills with zeros; what lies between (not using the vector)
// stays where it was.
long zeros(int N) {
  // expected-warning@+1 {{'V' is a heap temporary: a std::vector of fixed size}}
  std::vector<long> V;
  int Half = N / 2;
  V.resize(N);
  for (int I = 0; I < Half; ++I)
    V[I] = I;
  return std::accumulate(V.begin(), V.end(), 0L);
}

// resize(n, x) in a loop's body.
double filled(int N) {
  double R = 0;
  for (int K = 0; K < 3; ++K) {
    // expected-warning@+1 {{it is inside a loop}}
    std::vector<double> W;
    W.resize(N, 0.5 * K);
    R += W.back() + double(W.size());
  }
  return R;
}

// assign(n, x), and a vector made with {}, first in its block: the guard
// goes where its line was.
int assigned(int N) { // expected-warning@+1 {{'C' is a heap temporary}}
  std::vector<char> C{};
  C.assign(N, 'b');
  return C[0] + int(C.size());
}

// Sized after an early return that does not use it.
int early(int N) {
  std::vector<unsigned> U; // expected-warning {{'U' is a heap temporary}}
  if (N == 0)
    return -1;
  U.resize(N, 7u);
  return int(U[N - 1]);
}

// Refused.
int readFirst(int N) {
  std::vector<int> V; // expected-remark {{'V' is not converted to arena memory: used before it is sized at line 68}}
  int Before = int(V.size());
  V.resize(N);
  return Before + V[0];
}

int nested(int N) {
  std::vector<int> V; // expected-remark {{sized inside another statement at line 76; size it directly in the block that declares it}}
  if (N > 0)
    V.resize(N);
  return int(V.size());
}

int twice(int N) {
  std::vector<int> V; // expected-remark {{resized ('resize') at line 83}}
  V.resize(N);
  V.resize(2 * N);
  return V[0];
}

int pushed(int N) {
  std::vector<int> V; // expected-remark {{pushed to ('push_back') at line 90}}
  V.resize(N);
  V.push_back(1);
  return V[0];
}

int jumped(int N) {
  std::vector<int> V; // expected-remark {{a jump or label lies between its declaration and its sizing at line 97}}
  if (N < 0)
    goto done;
  V.resize(N, 1);
  return V[0];
done:
  return 0;
}

// Not candidates: never sized, or sized from a range.
int notCandidates(const std::vector<int> &In) {
  std::vector<int> A;
  A.push_back(1);
  std::vector<int> B;
  B.assign(In.begin(), In.end());
  return A[0] + B[0];
}

int main() {
  std::vector<int> In(3, 4); // expected-remark {{'In' is not converted to arena memory: passed to 'notCandidates'}}
  std::printf("%ld %.1f %d %d %d %d %d %d %d %d\n", zeros(6), filled(4),
              assigned(5), early(3), readFirst(2), nested(3), twice(2),
              pushed(2), jumped(3), notCandidates(In));
  return 0;
}

// FIXED:      {{^\[\[}}bumper::no_escape]] long zeros(int N) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   // {{e}}xpected-warning@+1
// FIXED-NEXT:   int Half = N / 2;
// FIXED-NEXT:   std::span<long> V = bumper::alloc<long>(N); std::fill(V.begin(), V.end(), long{});
// FIXED:        for (int K = 0; K < 3; ++K) {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     // {{e}}xpected-warning@+1
// FIXED-NEXT:     std::span<double> W = bumper::alloc<double>(N); std::fill(W.begin(), W.end(), 0.5 * K);
// FIXED:      {{^\[\[}}bumper::no_escape]] int assigned(int N) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   std::span<char> C = bumper::alloc<char>(N); std::fill(C.begin(), C.end(), 'b');
// FIXED:      {{^\[\[}}bumper::no_escape]] int early(int N) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   // {{e}}xpected-warning
// FIXED-NEXT:   if (N == 0)
// FIXED-NEXT:     return -1;
// FIXED-NEXT:   std::span<unsigned> U = bumper::alloc<unsigned>(N); std::fill(U.begin(), U.end(), 7u);
// FIXED:      {{^}}int readFirst(int N) {
// FIXED-NEXT:   std::vector<int> V;
