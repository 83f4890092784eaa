#include <vector>

int resized(int n) {
  std::vector<int> v(n);
  v.resize(2 * n);
  return v[0];
}
