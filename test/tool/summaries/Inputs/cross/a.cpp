#include "lib.h"
#include <bumper/bumper.hpp>

const char *g_name;

void name(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tok = bumper::alloc<char>(n).data();
    g_name = save(tok, n);
  }
}

void remember(int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    keep(bumper::alloc<int>(n).data());
  }
}
