// bumper-heap-temporary on an array owned by a std::unique_ptr<T[]>: from
// std::make_unique<T[]>(n) (value-initialised: filled with T{}), new T[n]()
// (the same) or new T[n] (left uninitialised, as the arena leaves it). Only
// indexing and get() (which becomes data()) are a span's; the rest of
// unique_ptr is ownership, and refuses the conversion. The fixed file prints
// what the original did; a second --fix changes nothing.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %cxx -std=c++20 -O1 %s -o %t/before && %t/before > %t/before.out
// RUN: %bumper-tool --checks=bumper-heap-temporary --explain %t/t.cpp -- %bumper-cxxflags -Xclang -verify -Xclang -verify-ignore-unexpected=note
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix %t/t.cpp -- %bumper-cxxflags
// RUN: FileCheck %s --check-prefix=FIXED < %t/t.cpp
// RUN: %cxx -std=c++20 -O1 -Wall -Wextra -Werror -Wno-attributes -I%bumper-include %t/t.cpp %bumper-lib -pthread -o %t/after
// RUN: %t/after > %t/after.out && diff %t/before.out %t/after.out
// RUN: cp %t/t.cpp %t/once.cpp
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix %t/t.cpp -- %bumper-cxxflags
// RUN: diff %t/once.cpp %t/t.cpp
#include <cstdio>
#include <cstring>
#include <memory>

int *Global;
static long sumRaw(const int *P, int N) {
  long R = 0;
  for (int I = 0; I < N; ++I)
    R += P[I];
  return R;
}
static void keepRaw(int *P) { Global = P; }

long made(int N) {
  auto P = std::make_unique<int[]>(N); // expected-warning {{'P' is a heap temporary: an array owned by a std::unique_ptr}}
  for (int I = 0; I < N; I += 2)
    P[I] = I;
  return sumRaw(P.get(), N);
}

long newed(int N) {
  long R = 0;
  for (int K = 0; K < 3; ++K) {
    std::unique_ptr<double[]> D(new double[N]); // expected-warning {{it is inside a loop}}
    for (int I = 0; I < N; ++I)
      D[I] = I * 0.5 + K;
    R += long(D[N - 1]);
  }
  return R;
}

long zeroed(int N) {
  std::unique_ptr<char[]> C(new char[N]()); // expected-warning {{'C' is a heap temporary}}
  std::memset(C.get(), 'a', N / 2);
  return long(std::strlen(C.get()));
}

long escapes(int N) {
  std::unique_ptr<int[]> P(new int[N]); // expected-remark {{its data escapes at line 56: a pointer into it is stored into 'Global', which outlives the block}}
  Global = &P[1];
  P[0] = 1;
  return P[0];
}

long keptByCallee(int N) {
  std::unique_ptr<int[]> P = std::make_unique<int[]>(N); // expected-remark {{its data escapes at line 63: a pointer into it is passed to 'keepRaw', which stores it into 'Global'}}
  keepRaw(P.get());
  return P[0];
}

long tested(int N) {
  std::unique_ptr<int[]> P(new int[N]); // expected-remark {{tested as a pointer at line 69}}
  return P ? 1 : 0;
}

long released(int N) {
  std::unique_ptr<int[]> P(new int[N]); // expected-remark {{its ownership is changed ('release') at line 74}}
  int *Raw = P.release();
  delete[] Raw;
  return 1;
}

std::unique_ptr<int[]> returned(int N) {
  std::unique_ptr<int[]> P(new int[N]()); // expected-remark {{returned at line 81}}
  return P;
}

long moved(int N) {
  std::unique_ptr<int[]> P(new int[N]()); // expected-remark {{moved into 'Q' at line 86}}
  std::unique_ptr<int[]> Q = std::move(P);
  return Q[0];
}

int main() {
  std::printf("%ld %ld %ld %ld %ld %ld %ld %d %ld\n", made(10), newed(6),
              zeroed(9), escapes(3), keptByCallee(2), tested(2), released(2),
              returned(2)[1], moved(3));
  return 0;
}

// FIXED:      {{^\[\[}}bumper::no_escape]] long made(int N) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   std::span<int> P = bumper::alloc<int>(N); std::fill(P.begin(), P.end(), int{});
// FIXED:        return sumRaw(P.data(), N);
// FIXED:        for (int K = 0; K < 3; ++K) {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     std::span<double> D = bumper::alloc<double>(N); //
// FIXED:      {{^\[\[}}bumper::no_escape]] long zeroed(int N) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   std::span<char> C = bumper::alloc<char>(N); std::fill(C.begin(), C.end(), char{});
// FIXED-NEXT:   std::memset(C.data(), 'a', N / 2);
// FIXED-NEXT:   return long(std::strlen(C.data()));
// FIXED:      {{^}}long escapes(int N) {
// FIXED-NEXT:   std::unique_ptr<int[]> P(new int[N]);
