// bumper-heap-temporary on a raw `T *p = new T[n]` (or `new T[n]()`)
// whose `delete[] p;` comes on every way out of its block (each return,
// break or continue that leaves it, and its end): the pointer stays, its
// memory comes from the arena (`bumper::alloc<T>(n).data()`, filled with
// T{} for `()`), and the delete[]s go. Refused: a way out without the
// delete[], a delete[] elsewhere (conditional), a pointer reassigned or
// used as an lvalue. The fixed file prints what the original did; a second
// --fix changes nothing.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %cxx -std=c++20 -O1 %s -o %t/before && env ASAN_OPTIONS=detect_leaks=0 %t/before > %t/before.out
// RUN: %bumper-tool --checks=bumper-heap-temporary --explain %t/t.cpp -- %bumper-cxxflags -Xclang -verify -Xclang -verify-ignore-unexpected=note
// RUN: %bumper-tool --checks=bumper-heap-temporary --explain --fix --summary %t/t.cpp -- %bumper-cxxflags 2>&1 | FileCheck %s --check-prefix=SUMMARY
// SUMMARY: , 3 heap temporaries converted (6 refused),
// RUN: FileCheck %s --check-prefix=FIXED < %t/t.cpp
// RUN: %cxx -std=c++20 -O1 -Wall -Wextra -Werror -Wno-attributes -I%bumper-include %t/t.cpp %bumper-lib -pthread -o %t/after
// RUN: env ASAN_OPTIONS=detect_leaks=0 %t/after > %t/after.out && diff %t/before.out %t/after.out
// RUN: cp %t/t.cpp %t/once.cpp
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix %t/t.cpp -- %bumper-cxxflags
// RUN: diff %t/once.cpp %t/t.cpp
#include <cstdio>
#include <cstring>

static long sumRaw(const int *P, int N) {
  long R = 0;
  for (int I = 0; I < N; ++I)
    R += P[I];
  return R;
}

// The end of the function's body, and an early return.
long summed(int N) {
  int *P = new int[N]; // expected-warning {{'P' is a heap temporary: an array from new[], deleted on every way out of its block}}
  for (int I = 0; I < N; ++I)
    P[I] = I * I;
  if (P[N - 1] > 50) {
    delete[] P;
    return -1;
  }
  long R = sumRaw(P, N);
  delete[] P;
  return R;
}

// Value-initialised, in a loop's body that a break and a continue leave.
int zeroed(int N) {
  int Found = 0;
  for (int K = 0; K < 4; ++K) {
    char *C = new char[N](); // expected-warning {{it is inside a loop}}
    std::memset(C, 'a', K);
    if (K == 1) {
      delete[] C;
      continue;
    }
    if (std::strlen(C) == 3) {
      Found = K;
      delete[] C;
      break;
    }
    delete[] C;
  }
  return Found;
}

// A plain block; a const view of it.
int block(int N) {
  int R = 0;
  {
    double *D = new double[N](); // expected-warning {{'D' is a heap temporary}}
    const double *View = D;
    R = int(View[0]) + N;
    delete[] D;
  }
  return R;
}

// Refused.
int missed(int N) {
  int *P = new int[N](); // expected-remark {{'P' is not converted to arena memory: a way out of its block misses the delete[] at line 80}}
  if (N > 3)
    return P[0];
  delete[] P;
  return 0;
}

int noEnd(int N) {
  int *P = new int[N](); // expected-remark {{a way out of its block misses the delete[] at line 89}}
  int R = P[0];
  (void)R;
  return N;
}

int conditional(int N) {
  int *P = new int[N](); // expected-remark {{deleted conditionally at line 95}}
  if (N > 1)
    delete[] P;
  return N;
}

int reassigned(int N) {
  int *P = new int[N](); // expected-remark {{reassigned at line 101}}
  ++P;
  int R = P[0];
  delete[] (P - 1);
  return R;
}

int addressed(int N) {
  int *P = new int[N](); // expected-remark {{its address is taken at line 109}}
  int **Q = &P;
  int R = (*Q)[0];
  delete[] P;
  return R;
}

int twiceSized(int N) {
  int *P = new int[N++](); // expected-remark {{its size 'N++' is not simple enough to be evaluated twice}}
  int R = P[0] + N;
  delete[] P;
  return R;
}

int main() {
  std::printf("%ld %ld %d %d %d %d %d %d %d %d\n", summed(5), summed(9),
              zeroed(6), block(3), missed(2), noEnd(2), conditional(2),
              reassigned(3), addressed(2), twiceSized(2));
  return 0;
}

// FIXED:      {{^\[\[}}bumper::no_escape]] long summed(int N) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   int *P = bumper::alloc<int>(N).data(); //
// FIXED:        if (P[N - 1] > 50) {
// FIXED-NEXT:     return -1;
// FIXED-NEXT:   }
// FIXED-NEXT:   long R = sumRaw(P, N);
// FIXED-NEXT:   return R;
// FIXED:        for (int K = 0; K < 4; ++K) {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     char *C = bumper::alloc<char>(N).data(); std::fill_n(C, N, char{}); //
// FIXED-NEXT:     std::memset(C, 'a', K);
// FIXED-NEXT:     if (K == 1) {
// FIXED-NEXT:       continue;
// FIXED:            Found = K;
// FIXED-NEXT:       break;
// FIXED-NEXT:     }
// FIXED-NEXT:   }
// FIXED:        {{^}}  {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     double *D = bumper::alloc<double>(N).data(); std::fill_n(D, N, double{}); //
// FIXED-NEXT:     const double *View = D;
// FIXED-NEXT:     R = int(View[0]) + N;
// FIXED-NEXT:   }

// ASAN_OPTIONS=detect_leaks=0 in the RUN lines: the refused cases keep their
// heap arrays, and some leak them on purpose (a way out that misses the
// delete); LeakSanitizer, in the sanitized phase, is told so.
