// bumper-heap-temporary converts a local std::vector used as a fixed-size
// array into arena memory under a no_escape guard. Here no block is
// annotated yet: each conversion annotates the vector's own block (a
// function's body: the function) and inserts its guard, and the file gets
// the includes it needs. The fixed file must print what the original did,
// and a second --fix must change nothing.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %cxx -std=c++20 -O1 %s -o %t/before && %t/before > %t/before.out
// Off by default: nothing is reported without --checks.
// RUN: %bumper-tool %t/t.cpp -- %bumper-cxxflags 2>&1 | FileCheck %s --check-prefix=OFF --allow-empty
// OFF-NOT: heap-temporary
// RUN: %bumper-tool --checks=bumper-heap-temporary %t/t.cpp -- %bumper-cxxflags -Xclang -verify -Xclang -verify-ignore-unexpected=note
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix --summary %t/t.cpp -- %bumper-cxxflags 2>&1 | FileCheck %s --check-prefix=SUMMARY
// SUMMARY: bumper-tool: 1 file, 0 blocks, 0 guards inserted, 0 escapes, 0 errors, 0 warnings, 9 heap temporaries converted,
// RUN: FileCheck %s --check-prefix=FIXED < %t/t.cpp
// RUN: %cxx -std=c++20 -O1 -Wall -Wextra -Werror -Wno-attributes -I%bumper-include %t/t.cpp %bumper-lib -pthread -o %t/after
// RUN: %t/after > %t/after.out && diff %t/before.out %t/after.out
// The fixed file is clean for every check, and a second --fix changes
// nothing.
// RUN: %bumper-tool --check --warnings-as-errors --checks=bumper-heap-temporary %t/t.cpp -- %bumper-cxxflags
// RUN: cp %t/t.cpp %t/once.cpp
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix %t/t.cpp -- %bumper-cxxflags
// RUN: diff %t/once.cpp %t/t.cpp
#include <algorithm>
#include <cstdio>
#include <span>
#include <vector>

static long sum(std::span<const int> S) {
  long R = 0;
  for (int X : S)
    R += X;
  return R;
}

static long sumRaw(const int *P, std::size_t N) {
  long R = 0;
  for (std::size_t I = 0; I < N; ++I)
    R += P[I];
  return R;
}

// The function's body is the block: the function gets the annotation.
long squares(int N) {
  std::vector<int> V(N); // expected-warning {{'V' is a heap temporary: a std::vector of fixed size}}
  for (int I = 0; I < N; ++I)
    V[I] += I * I; // reads the zeros the vector was filled with
  return sum(V) + sumRaw(V.data(), V.size());
}

// In a loop's body: the body gets the annotation, and the message says the
// heap cost repeats.
double filled(int N) {
  double R = 0;
  for (int K = 0; K < 3; ++K) {
    std::vector<double> W(N, 0.5); // expected-warning {{it is inside a loop, where the heap allocation repeats on every iteration}}
    for (double &D : W)
      D += K;
    R += W.front() + W.back() + double(W.size());
  }
  return R;
}

// A plain block inside the function; two vectors share its guard.
int sorted(int N) {
  int Out = 0;
  {
    std::vector<unsigned int> A(N); // expected-warning {{'A' is a heap temporary}}
    std::vector<const char *> Names(N, "x"); // expected-warning {{'Names' is a heap temporary}}
    for (int I = 0; I < N; ++I)
      A[I] = unsigned((I * 37) % 11);
    std::sort(A.begin(), A.end());
    auto Top = std::max_element(A.begin(), A.end());
    Out = int(*Top) + int(A[0]) + (Names.empty() ? 0 : Names[0][0]);
  }
  return Out;
}

// A while loop's body, and std::span taken explicitly.
int countdown(int N) {
  int Total = 0;
  while (N > 0) {
    std::vector<float> Buf(N); // expected-warning {{'Buf' is a heap temporary}}
    std::span<float> View(Buf);
    for (float &F : View)
      F = 1.0f;
    for (auto It = Buf.begin(); It != Buf.end(); ++It)
      Total += int(*It);
    --N;
  }
  return Total;
}

// An out-of-line member function.
struct Acc {
  long run(int N);
  long Base = 7;
};
long Acc::run(int N) {
  std::vector<long> Parts(N, Base); // expected-warning {{'Parts' is a heap temporary}}
  long R = 0;
  for (long P : Parts)
    R += P;
  return R;
}

// An if branch, and a do-while body.
int branches(int N) {
  int R = 0;
  if (N > 2) {
    std::vector<int> T(N, 3); // expected-warning {{'T' is a heap temporary}}
    R += T[N - 1];
  } else {
    std::vector<int> E(2); // expected-warning {{'E' is a heap temporary}}
    R += E[1];
  }
  do {
    std::vector<char> C(N, 'a'); // expected-warning {{'C' is a heap temporary}}
    R += C.back();
  } while (--N > 5);
  return R;
}

int main() {
  Acc A;
  std::printf("%ld %.1f %d %d %ld %d\n", squares(10), filled(4), sorted(9),
              countdown(5), A.run(4), branches(7));
  return 0;
}

// FIXED:      #include <algorithm>
// FIXED-NEXT: #include <cstdio>
// FIXED-NEXT: #include <span>
// FIXED-NEXT: #include <vector>
// FIXED-NEXT: #include <bumper/core.hpp>
// FIXED-EMPTY:
// FIXED:      {{^\[\[}}bumper::no_escape]] long squares(int N) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   std::span<int> V = bumper::alloc<int>(N); std::fill(V.begin(), V.end(), int{});
// FIXED:        for (int K = 0; K < 3; ++K) {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     std::span<double> W = bumper::alloc<double>(N); std::fill(W.begin(), W.end(), 0.5);
// FIXED:        {{^}}  {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     std::span<unsigned int> A = bumper::alloc<unsigned int>(N); //
// FIXED-NEXT:     std::span<const char *> Names = bumper::alloc<const char *>(N); std::fill(Names.begin(), Names.end(), "x");
// FIXED:        while (N > 0) {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     std::span<float> Buf = bumper::alloc<float>(N); std::fill(Buf.begin(), Buf.end(), float{});
// FIXED:      {{^\[\[}}bumper::no_escape]] long Acc::run(int N) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   std::span<long> Parts = bumper::alloc<long>(N); std::fill(Parts.begin(), Parts.end(), Base);
// FIXED:        if (N > 2) {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     std::span<int> T = bumper::alloc<int>(N); std::fill(T.begin(), T.end(), 3);
// FIXED:        } else {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     std::span<int> E = bumper::alloc<int>(2); std::fill(E.begin(), E.end(), int{});
// FIXED:        do {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     std::span<char> C = bumper::alloc<char>(N); std::fill(C.begin(), C.end(), 'a');
