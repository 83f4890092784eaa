#include "shared.h"
int c() { shared(); return 0; }
