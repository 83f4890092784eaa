#include "leaky.h"

int use(int n) { return *leakFromHeader(n); }
