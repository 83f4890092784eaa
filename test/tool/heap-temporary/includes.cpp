// Where --fix adds <bumper/core.hpp> and <algorithm>: after the last
// #include of the file's leading block of comments and directives, the
// same place for every conversion of the file; never after an #include
// further down, which may sit inside a namespace (here it does: an
// include there would put the runtime inside 'detail'). <iterator> comes
// too, for the std::distance of a range's conversion (third).
// RUN: rm -rf %t && mkdir -p %t/Inputs && cp %s %t/t.cpp && cp %S/Inputs/in-namespace.h %t/Inputs/
// RUN: %bumper-tool --checks=bumper-heap-temporary --fix %t/t.cpp -- %bumper-cxxflags
// RUN: FileCheck %s < %t/t.cpp
// RUN: %cxx -std=c++20 -Wall -Wno-attributes -I%bumper-include %t/t.cpp %bumper-lib -pthread -o %t/after && %t/after
// CHECK:      {{^}}#include <vector>
// CHECK-NEXT: {{^}}#include <bumper/core.hpp>
// CHECK-NEXT: {{^}}#include <algorithm>
// CHECK-NEXT: {{^}}#include <iterator>
// CHECK-EMPTY:
// CHECK-NEXT: {{^}}namespace detail {
// CHECK-NEXT: {{^}}#include "Inputs/in-namespace.h"
// CHECK-NEXT: {{^}}}
// CHECK-NOT: #include

/* A block comment
   of two lines. */
#include <vector>

namespace detail {
#include "Inputs/in-namespace.h"
}

int first(int N) {
  std::vector<int> V(N, 1);
  return V[0] + detail::twice(V[N - 1]);
}

int second(int N) {
  std::vector<int> W(N);
  return W[0];
}

int third(const int *P) {
  std::vector<int> U(P, P + 2);
  return U[0] + U[1];
}

int main() {
  int P[] = {1, 2};
  return first(3) == 3 && second(2) == 0 && third(P) == 3 ? 0 : 1;
}
