// bumper-heap-temporary on `T *p = (T *)malloc(n * sizeof(T))` (or
// `sizeof(T) * n`, `calloc(n, sizeof(T))`; for a character type, a size in
// bytes is a count) whose `free(p);` comes on every way out of its block,
// judged as a raw new[] with its delete[]s (raw-new.cpp): the pointer
// stays, its memory comes from the arena (calloc's zeros as a fill), and
// the free()s go. Refused: a size in bytes not written as a count times
// sizeof(T), a realloc, a way out without the free. The fixed file prints
// what the original did; a second --fix changes nothing.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %cxx -std=c++20 -O1 %s -o %t/before && env ASAN_OPTIONS=detect_leaks=0 %t/before > %t/before.out
// RUN: %bumper-tool --checks=bumper-heap-temporary --explain %t/t.cpp -- %bumper-cxxflags -Xclang -verify -Xclang -verify-ignore-unexpected=note
// RUN: %bumper-tool --checks=bumper-heap-temporary --explain --fix --summary %t/t.cpp -- %bumper-cxxflags 2>&1 | FileCheck %s --check-prefix=SUMMARY
// SUMMARY: , 4 heap temporaries converted (4 refused),
// RUN: FileCheck %s --check-prefix=FIXED < %t/t.cpp
// RUN: %cxx -std=c++20 -O1 -Wall -Wextra -Werror -Wno-attributes -I%bumper-include %t/t.cpp %bumper-lib -pthread -o %t/after
// RUN: env ASAN_OPTIONS=detect_leaks=0 %t/after > %t/after.out && diff %t/before.out %t/after.out
// RUN: cp %t/t.cpp %t/once.cpp
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix %t/t.cpp -- %bumper-cxxflags
// RUN: diff %t/once.cpp %t/t.cpp
#include <cstdio>
#include <cstdlib>
#include <cstring>

// malloc(n * sizeof(T)), an early return, std::free and ::free.
long summed(int N) {
  int *P = (int *)std::malloc(N * sizeof(int)); // expected-warning {{'P' is a heap temporary: an array from malloc, freed on every way out of its block}}
  for (int I = 0; I < N; ++I)
    P[I] = I * 3;
  if (P[N - 1] > 20) {
    std::free(P);
    return -1;
  }
  long R = 0;
  for (int I = 0; I < N; ++I)
    R += P[I];
  free(P);
  return R;
}

// calloc: zeros.
double zeroed(int N) {
  double *D = static_cast<double *>(calloc(N, sizeof(double))); // expected-warning {{'D' is a heap temporary}}
  D[N / 2] = 1.5;
  double R = D[0] + D[N / 2];
  free(D);
  return R;
}

// sizeof(T) first, in a loop.
long looped(int N) {
  long R = 0;
  for (int K = 1; K < 3; ++K) {
    long *L = (long *)malloc(sizeof(long) * N); // expected-warning {{it is inside a loop}}
    L[0] = K;
    R += L[0];
    free(L);
  }
  return R;
}

// A character type: bytes are elements.
int text(const char *S) {
  int N = int(std::strlen(S));
  char *B = (char *)malloc(N + 1); // expected-warning {{'B' is a heap temporary}}
  std::memcpy(B, S, N + 1);
  B[0] = 'X';
  int R = B[0] + B[N - 1];
  free(B);
  return R;
}

// Refused.
int bytes(int N) {
  int *P = (int *)malloc(N * 4); // expected-remark {{'P' is not converted to arena memory: its size in bytes is not written as a count times 'sizeof(int)'}}
  P[0] = 1;
  int R = P[0];
  free(P);
  return R;
}

int otherSize(int N) {
  int *P = (int *)malloc(N * sizeof(long)); // expected-remark {{its size in bytes is not written as a count times 'sizeof(int)'}}
  P[0] = 2;
  int R = P[0];
  free(P);
  return R;
}

int reallocated(int N) {
  int *P = (int *)malloc(N * sizeof(int)); // expected-remark {{realloc'd at line 91}}
  int *Q = (int *)realloc(P, 2 * N * sizeof(int));
  Q[0] = 3;
  int R = Q[0];
  free(Q);
  return R;
}

int missed(int N) {
  int *P = (int *)calloc(N, sizeof(int)); // expected-remark {{a way out of its block misses the free at line 101}}
  if (N > 2)
    return P[0];
  free(P);
  return 0;
}

int main() {
  std::printf("%ld %ld %.1f %ld %d %d %d %d %d\n", summed(4), summed(9),
              zeroed(5), looped(3), text("abc"), bytes(2), otherSize(2),
              reallocated(2), missed(3));
  return 0;
}

// FIXED:      {{^\[\[}}bumper::no_escape]] long summed(int N) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   int *P = bumper::alloc<int>(N).data(); //
// FIXED:        if (P[N - 1] > 20) {
// FIXED-NEXT:     return -1;
// FIXED-NEXT:   }
// FIXED:          R += P[I];
// FIXED-NEXT:   return R;
// FIXED:      {{^\[\[}}bumper::no_escape]] double zeroed(int N) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   double *D = bumper::alloc<double>(N).data(); std::fill_n(D, N, double{}); //
// FIXED:        double R = D[0] + D[N / 2];
// FIXED-NEXT:   return R;
// FIXED:        for (int K = 1; K < 3; ++K) {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     long *L = bumper::alloc<long>(N).data(); //
// FIXED:          R += L[0];
// FIXED-NEXT:   }
// FIXED:          char *B = bumper::alloc<char>(N + 1).data(); //

// ASAN_OPTIONS=detect_leaks=0 in the RUN lines: the refused cases keep their
// heap arrays, and some leak them on purpose (a way out that misses the
// delete); LeakSanitizer, in the sanitized phase, is told so.
