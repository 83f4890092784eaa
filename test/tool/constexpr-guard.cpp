// A guard inserted into constexpr and consteval code keeps it constant:
// bumper::NoEscape does nothing during constant evaluation. --fix, then the
// result compiles with g++ and clang++ under C++20 and C++23, static_asserts
// included, and the guards still reset the buffer at run time.
// (%cxx links the runtime of this build folder, sanitized or not; clang++
// too where the runtime is not sanitized: scripts/test.sh's phase 1.)
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool --fix %t/t.cpp -- -std=c++20 -I%bumper-include
// RUN: FileCheck %s < %t/t.cpp
// RUN: %bumper-tool --check %t/t.cpp -- -std=c++20 -I%bumper-include
// RUN: %cxx -std=c++20 -Wall -Wextra -Werror -Wno-attributes -I%bumper-include %t/t.cpp %bumper-lib -o %t/gxx20 && %t/gxx20
// RUN: %cxx -std=c++23 -Wall -Wextra -Werror -Wno-attributes -I%bumper-include %t/t.cpp %bumper-lib -o %t/gxx23 && %t/gxx23
// RUN: %if !sanitized %{ %clangxx -std=c++20 -Wall -Wextra -Werror -Wno-unknown-attributes -I%bumper-include %t/t.cpp %bumper-lib -o %t/clang20 && %t/clang20 %}
// RUN: %if !sanitized %{ %clangxx -std=c++23 -Wall -Wextra -Werror -Wno-unknown-attributes -I%bumper-include %t/t.cpp %bumper-lib -o %t/clang23 && %t/clang23 %}
#include <bumper/bumper.hpp>

[[bumper::no_escape]] constexpr int square(int X) { return X * X; }
// CHECK: constexpr int square(int X) { bumper::NoEscape bumper_guard_; return X * X; }
static_assert(square(7) == 49);

[[bumper::no_escape]] consteval int cube(int X) { return X * X * X; }
// CHECK: consteval int cube(int X) { bumper::NoEscape bumper_guard_; return X * X * X; }
static_assert(cube(3) == 27);

constexpr int sumTo(int N) {
  int Sum = 0;
  for (int I = 1; I <= N; ++I) [[bumper::no_escape]] {
    // CHECK: for (int I = 1; I <= N; ++I) {{\[\[}}bumper::no_escape]] {
    // CHECK-NEXT: bumper::NoEscape bumper_guard_;
    Sum += I;
  }
  return Sum;
}
static_assert(sumTo(10) == 55);

struct Point {
  int X, Y;
  [[bumper::no_escape]] constexpr Point(int A, int B) : X(A), Y(B) {}
  // CHECK: constexpr Point(int A, int B) : X(A), Y(B) { bumper::NoEscape bumper_guard_; }
};
static_assert(Point(1, 2).Y == 2);

// A guard on a buffer of the caller's: also a no-op in constant evaluation.
constexpr int twice(bumper::Buffer &Buf, int X) {
  [[bumper::no_escape(Buf)]] {
    // CHECK: bumper::NoEscape bumper_guard_(Buf);
    return 2 * X;
  }
}

// At run time the same guards reset the buffer.
int useAtRunTime(int N) {
  [[bumper::no_escape]] {
    // CHECK: bumper::NoEscape bumper_guard_;
    auto Scratch = bumper::alloc<int>(static_cast<std::size_t>(N));
    Scratch[0] = square(N) + sumTo(N) + Point(N, N).X;
    return Scratch[0];
  }
}

int main() {
  auto Before = bumper::checkpoint(bumper::default_buffer());
  bumper::AllocBuffer Local(1024);
  int R = useAtRunTime(4) + twice(Local, 1);
  auto After = bumper::checkpoint(bumper::default_buffer());
  return R == 16 + 10 + 4 + 2 && Before.position == After.position ? 0 : 1;
}
