#include "lib.h"
#include <cstring>

static char g_pool[4096];
static int g_used;
static const int *g_kept;

// Copies into a pool: the result is not derived from 's'.
const char *save(const char *s, int n) {
  char *d = g_pool + g_used;
  std::memcpy(d, s, n);
  g_used += n;
  return d;
}

// Keeps its argument.
void keep(const int *p) { g_kept = p; }
