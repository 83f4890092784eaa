#include "conflict.h"

int b() { return pick(2); }
