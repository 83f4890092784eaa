// Must not compile: alloc<T> needs an object type.
#include <bumper/bumper.hpp>

int main() {
  bumper::AllocBuffer buf(1024);
  (void)bumper::alloc<int &>(buf, 3);
}
