#include "inner.h"
int a() { shared(); return 0; }
