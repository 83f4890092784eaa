#include <vector>

int *Global;

int convertible(int N) {
  std::vector<int> V(N);
  V[0] = 1;
  return V[0];
}

int refused(int N) {
  std::vector<int> V(N);
  Global = V.data();
  return V[0];
}
