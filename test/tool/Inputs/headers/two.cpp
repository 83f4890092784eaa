#include "shared.h"

int two() { return shared(2); }
