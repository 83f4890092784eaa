// bumper-heap-temporary on a std::vector copied from a range, v(first,
// last), or made from an initializer list, v{a, b, c}: the fix allocates
// as many elements (the container's size() when both iterators are its
// begin() and end(), else std::distance, which needs <iterator>; the
// list's length) and copies them in. Refused: iterators that could not be
// evaluated twice, single-pass iterators (std::distance would use them
// up), and elements made from another type. The fixed file prints what the
// original did; a second --fix changes nothing. (includes.cpp: <iterator>
// is added when std::distance is written and the file lacks it.)
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %cxx -std=c++20 -O1 %s -o %t/before && %t/before > %t/before.out
// RUN: %bumper-tool --checks=bumper-heap-temporary --explain %t/t.cpp -- %bumper-cxxflags -Xclang -verify -Xclang -verify-ignore-unexpected=note
// RUN: %bumper-tool --checks=bumper-heap-temporary --explain --fix --summary %t/t.cpp -- %bumper-cxxflags 2>&1 | FileCheck %s --check-prefix=SUMMARY
// SUMMARY: , 6 heap temporaries converted (5 refused),
// RUN: FileCheck %s --check-prefix=FIXED < %t/t.cpp
// RUN: %cxx -std=c++20 -O1 -Wall -Wextra -Werror -Wno-attributes -I%bumper-include %t/t.cpp %bumper-lib -pthread -o %t/after
// RUN: %t/after > %t/after.out && diff %t/before.out %t/after.out
// RUN: cp %t/t.cpp %t/once.cpp
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix %t/t.cpp -- %bumper-cxxflags
// RUN: diff %t/once.cpp %t/t.cpp
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <list>
#include <sstream>
#include <vector>

// Both iterators of one container: its size, and std::ranges::copy.
long sortedCopy(const std::vector<int> &In) {
  std::vector<int> V(In.begin(), In.end()); // expected-warning {{'V' is a heap temporary: a std::vector of fixed size}}
  std::sort(V.begin(), V.end());
  return V.front() * 100 + V.back();
}

// Pointers: std::distance and std::copy; the elements convert as the
// vector converted them.
double fromPointers(const int *P, int N) {
  double R = 0;
  for (int K = 1; K <= 2; ++K) {
    std::vector<double> V(P + 1, P + N); // expected-warning {{it is inside a loop}}
    for (double &D : V)
      D /= K;
    R += V[0] + V.back();
  }
  return R;
}

// A std::list's iterators are bidirectional: std::distance counts them.
int fromList(const std::list<int> &L) {
  std::vector<int> V(L.begin(), std::prev(L.end())); // expected-warning {{'V' is a heap temporary}}
  int R = 0;
  for (std::size_t I = 0; I < V.size(); ++I)
    R = R * 10 + V[I];
  return R;
}

// Initializer lists, direct and copy-list: the values, in order.
long listed(int A, int B) {
  std::vector<int> V{A, B, A + B}; // expected-warning {{'V' is a heap temporary}}
  std::vector<long> W = {7, 8}; // expected-warning {{'W' is a heap temporary}}
  std::vector<int> One{A}; // expected-warning {{'One' is a heap temporary}}
  return V[0] + V[1] * 10 + V[2] * 100 + W[0] * W[1] + One[0];
}

// Refused.
struct Pt {
  Pt() = default;
  explicit Pt(int V) : X(V) {}
  int X;
};

int notTwice(const std::vector<int> &In) {
  auto It = In.begin();
  std::vector<int> V(It++, In.end()); // expected-remark {{'V' is not converted to arena memory: its iterator 'It++' is not simple enough to be evaluated twice (a variable, begin() or end(), or + and - of those) at line 74}}
  return V[0] + int(It - In.begin());
}

int singlePass(const char *Text) {
  std::istringstream S(Text);
  std::istream_iterator<int> B(S), E;
  std::vector<int> V(B, E); // expected-remark {{its iterators are single-pass (input iterators), which counting them would use up}}
  return V[0];
}

int otherType(const std::vector<int> &In) {
  std::vector<Pt> V(In.begin(), In.end()); // expected-remark {{its elements are made from 'int', not 'Pt'}}
  return V[0].X;
}

long listPushed(int A) {
  std::vector<long> V{A, 2}; // expected-remark {{pushed to ('push_back') at line 92}}
  V.push_back(3);
  return V[2];
}

int main() {
  std::vector<int> In = {5, 3, 9, 1}; // expected-remark {{'In' is not converted to arena memory: passed to 'sortedCopy' as 'const std::vector<int> &'}}
  int P[] = {1, 2, 3, 4};
  std::list<int> L = {4, 5, 6};
  std::printf("%ld %.2f %d %ld %d %d %d %ld\n", sortedCopy(In),
              fromPointers(P, 4), fromList(L), listed(2, 3), notTwice(In),
              singlePass("4 5"), otherType(In), listPushed(1));
  return 0;
}

// FIXED:      #include <vector>
// FIXED-NEXT: #include <bumper/core.hpp>
// FIXED-EMPTY:
// FIXED:      {{^\[\[}}bumper::no_escape]] long sortedCopy(const std::vector<int> &In) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   std::span<int> V = bumper::alloc<int>(In.size()); std::ranges::copy(In, V.begin());
// FIXED:        for (int K = 1; K <= 2; ++K) {{\[\[}}bumper::no_escape]] {
// FIXED-NEXT:     bumper::NoEscape bumper_guard_;
// FIXED-NEXT:     std::span<double> V = bumper::alloc<double>(std::distance(P + 1, P + N)); std::copy(P + 1, P + N, V.begin());
// FIXED:      {{^\[\[}}bumper::no_escape]] int fromList(const std::list<int> &L) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   std::span<int> V = bumper::alloc<int>(std::distance(L.begin(), std::prev(L.end()))); std::copy(L.begin(), std::prev(L.end()), V.begin());
// FIXED:      {{^\[\[}}bumper::no_escape]] long listed(int A, int B) {
// FIXED-NEXT:   bumper::NoEscape bumper_guard_;
// FIXED-NEXT:   std::span<int> V = bumper::alloc<int>(3); std::ranges::copy(std::initializer_list<int>{A, B, A + B}, V.begin());
// FIXED-NEXT:   std::span<long> W = bumper::alloc<long>(2); std::ranges::copy(std::initializer_list<long>{7, 8}, W.begin());
// FIXED-NEXT:   std::span<int> One = bumper::alloc<int>(1); std::ranges::copy(std::initializer_list<int>{A}, One.begin());
// FIXED:      {{^}}int notTwice(
// FIXED-NEXT:   auto It = In.begin();
// FIXED-NEXT:   std::vector<int> V(It++, In.end());
