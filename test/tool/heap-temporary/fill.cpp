// A std::vector<T> v(n) is zero-filled, and its conversion keeps the fill
// unless the statement right after the declaration (or the sizing call) is a
// loop that writes every element, `v[i] = ...` first in its body with i
// from 0 to the count, before anything reads one. Then the fill is dead and
// the conversion leaves it out, with a note. Every case below prints the
// same before and after the conversion.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %cxx -std=c++20 -O1 %s -o %t/before && %t/before > %t/before.out
// RUN: %bumper-tool --checks=bumper-heap-temporary %t/t.cpp -- %bumper-cxxflags 2>&1 | FileCheck %s --check-prefix=NOTES
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix %t/t.cpp -- %bumper-cxxflags
// RUN: FileCheck %s --check-prefix=FIXED < %t/t.cpp
// RUN: %cxx -std=c++20 -O1 -Wall -Wextra -Werror -Wno-attributes -I%bumper-include %t/t.cpp %bumper-lib -pthread -o %t/after
// RUN: %t/after > %t/after.out && diff %t/before.out %t/after.out
// RUN: cp %t/t.cpp %t/once.cpp
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix %t/t.cpp -- %bumper-cxxflags
// RUN: diff %t/once.cpp %t/t.cpp
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

static void show(const char *What, const int *P, int N) {
  long S = 0;
  for (int I = 0; I < N; ++I)
    S = S * 31 + P[I];
  std::printf("%s %ld\n", What, S);
}

// NOTES: t.cpp:[[@LINE+3]]:20: warning: 'Squares' is a heap temporary
// NOTES: t.cpp:[[@LINE+3]]:3: note: the conversion does not zero-fill 'Squares': this loop writes every element before any is read
void squares(int N) {
  std::vector<int> Squares(N);
  for (int I = 0; I < N; ++I)
    Squares[I] = I * I;
  show("squares", Squares.data(), N);
}
// FIXED: std::span<int> Squares = bumper::alloc<int>(N);{{$}}

// The bound may be the vector's size(), the body a block, the index
// unsigned; after the write the body may use the element it wrote.
void cubes(unsigned N) {
  std::vector<int> Cubes(N);
  for (unsigned I = 0; I != Cubes.size(); ++I) {
    Cubes[I] = int(I * I * I);
    if (I % 2)
      Cubes[I] += 1;
  }
  show("cubes", Cubes.data(), int(N));
}
// FIXED: std::span<int> Cubes = bumper::alloc<int>(N);{{$}}

// Statements that do not name the vector may come between, also in the
// loop before the write; the count may be read, not changed.
void pairs(int N) {
  std::vector<int> Xs(N);
  std::vector<int> Ys(N);
  for (int I = 0; I < N; ++I) {
    const int Half = I / 2;
    Xs[I] = Half;
    Ys[I] = Half + N;
  }
  show("xs", Xs.data(), N);
  show("ys", Ys.data(), N);
}
// FIXED: std::span<int> Xs = bumper::alloc<int>(N);{{$}}
// FIXED: std::span<int> Ys = bumper::alloc<int>(N);{{$}}

// new T[n]() and resize(n) likewise.
void raw(int N) {
  int *P = new int[N]();
  for (int I = 0; I < N; ++I)
    P[I] = 2 * I;
  show("raw", P, N);
  delete[] P;
}
// FIXED: int *P = bumper::alloc<int>(N).data();{{$}}

void resized(int N) {
  std::vector<int> R;
  R.resize(N);
  for (int I = 0; I < N; ++I)
    R[I] = 3 * I;
  show("resized", R.data(), N);
}
// FIXED: std::span<int> R = bumper::alloc<int>(N);{{$}}

// The fill stays: the loop reads an element before writing it, ...
void prefix(int N) {
  std::vector<int> A(N);
  for (int I = 0; I < N; ++I)
    A[I] = A[I] + I;
  show("prefix", A.data(), N);
}
// FIXED: std::span<int> A = bumper::alloc<int>(N); std::fill(A.begin(), A.end(), int{});

// ... reads an element it has not written yet, ...
void ahead(int N) {
  std::vector<int> G(N);
  for (int I = 0; I < N; ++I) {
    G[I] = I;
    if (I + 1 < N)
      G[I] += G[I + 1];
  }
  show("ahead", G.data(), N);
}
// FIXED: std::span<int> G = bumper::alloc<int>(N); std::fill(G.begin(), G.end(), int{});

// ... may stop early, ...
void early(int N) {
  std::vector<int> B(N);
  for (int I = 0; I < N; ++I) {
    B[I] = I;
    if (I == 2)
      break;
  }
  show("early", B.data(), N);
}
// FIXED: std::span<int> B = bumper::alloc<int>(N); std::fill(B.begin(), B.end(), int{});

// ... writes fewer elements than there are, ...
void fewer(int N) {
  std::vector<int> C(N);
  int M = N - 1;
  for (int I = 0; I < M; ++I)
    C[I] = I;
  show("fewer", C.data(), N);
}

void changed(int N) {
  std::vector<int> F(N);
  N -= 2;
  for (int I = 0; I < N; ++I)
    F[I] = I;
  show("changed", F.data(), N + 2);
}
// FIXED: std::span<int> F = bumper::alloc<int>(N); std::fill(F.begin(), F.end(), int{});
// FIXED: std::span<int> C = bumper::alloc<int>(N); std::fill(C.begin(), C.end(), int{});

// ... writes only some of them, or changes its bound.
void some(int N) {
  std::vector<int> D(N);
  for (int I = 0; I < N; ++I)
    if (I % 2)
      D[I] = I;
  show("some", D.data(), N);
}
// FIXED: std::span<int> D = bumper::alloc<int>(N); std::fill(D.begin(), D.end(), int{});

void shrinking(int N) {
  int K = N;
  std::vector<int> E(K);
  for (int I = 0; I < K; ++I) {
    E[I] = I;
    K -= 1;
  }
  show("shrinking", E.data(), N);
}
// FIXED: std::span<int> E = bumper::alloc<int>(N); std::fill(E.begin(), E.end(), int{});

int main() {
  squares(6);
  cubes(5);
  pairs(5);
  raw(4);
  resized(5);
  prefix(4);
  ahead(5);
  early(6);
  fewer(5);
  changed(6);
  some(6);
  shrinking(6);
  return 0;
}
