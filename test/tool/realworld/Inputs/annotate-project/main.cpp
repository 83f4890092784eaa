#include "table.h"
#include <cstdio>
PROJ_FUNC int sum(int n) {
  int s = 0;
  for (int i = 0; i < n; ++i) {
    s += Table<int>::cache.v[i % 4];
  }
  return s;
}
struct Pair {
  int a, b;
  int total() const { return a + b; }
};
int main() {
  auto twice = [](int x) { return 2 * x; };
  std::printf("%d %d %d\n", sum(4), Pair{1, 2}.total(), twice(first(Table<int>::cache)));
  return 0;
}
