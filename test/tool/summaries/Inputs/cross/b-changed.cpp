#include "lib.h"

static int g_first;

// Returns a view of its argument.
const char *save(const char *s, int) { return s; }

// Copies a value.
void keep(const int *p) { g_first = *p; }
