// The model of the C and C++ standard libraries (docs/diagnostics.md, "The
// library model"): what copies its arguments (std::runtime_error and the other
// exceptions, strdup), what returns a view of an argument (strchr, strstr,
// memchr: of the first; memcpy, strcpy: their destination), what keeps an
// argument past the call (putenv, setvbuf, setbuf).
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string.h>
#include <system_error>

char g_out[64];
char *g_p;
const char *g_c;

void thrown_copies(unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *msg = bumper::alloc<char>(n).data();
    std::snprintf(msg, n, "cannot open %u", n);
    if (n > 3)
      throw std::runtime_error(msg);
    throw std::system_error(std::make_error_code(std::errc::io_error), msg);
  }
}

void copies_and_destinations(unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *s = bumper::alloc<char>(n).data();
    g_p = strdup(s);
    g_p = static_cast<char *>(std::memcpy(g_out, s, n));
    g_p = std::strcpy(g_out, s);
  }
}

void views_of_the_argument(unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *s = bumper::alloc<char>(n).data();
    g_c = std::strchr(s, ',');
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is stored into 'g_c', which outlives the block [bumper-escape]
    g_p = static_cast<char *>(std::memcpy(s, g_out, n));
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is stored into 'g_p', which outlives the block [bumper-escape]
  }
}

void kept_by_the_library(unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *env = bumper::alloc<char>(n).data();
    std::snprintf(env, n, "LANG=C");
    putenv(env);
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is passed to 'putenv', which keeps it past the call (the library model) [bumper-escape]
    char *buf = bumper::alloc<char>(BUFSIZ).data();
    std::setvbuf(stdout, buf, _IOFBF, BUFSIZ);
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is passed to 'setvbuf', which keeps it past the call (the library model) [bumper-escape]
  }
}
