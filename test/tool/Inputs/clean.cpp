#include "bumper-stub.hpp"

void clean() {
  [[bumper::no_escape]] {
    bumper::NoEscape Guard;
  }
}
