#include "work.h"

int work(int N) {
  return bumper::alloc<int>(N) != nullptr;
}
