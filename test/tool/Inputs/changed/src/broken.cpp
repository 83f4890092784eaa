#include "missing-header.h"
int d() { return 0; }
