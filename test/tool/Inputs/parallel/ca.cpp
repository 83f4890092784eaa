#define USE_A 1
#include "conflict.h"

int a() { return pick(1); }
