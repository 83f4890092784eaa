// CASE: git config.c git_config_string ("*dest = xstrdup(value)"). The value
// is unquoted into scratch and copied into *dest. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstring>
#include <string>

int git_config_string(std::string *dest, const char *var, const char *value) {
  if (!value)
    return -1;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    size_t n = std::strlen(value);
    char *unquoted = bumper::alloc<char>(n + 1).data();
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
      if (value[i] != '"')
        unquoted[k++] = value[i];
    unquoted[k] = 0;
    *dest = std::string(unquoted);
  }
  return 0;
}
