// Must not compile: alloc<T> needs a trivially destructible T.
#include <bumper/bumper.hpp>

#include <string>

int main() {
  bumper::AllocBuffer buf(1024);
  auto names = bumper::alloc<std::string>(buf, 3);
  return static_cast<int>(names.size());
}
