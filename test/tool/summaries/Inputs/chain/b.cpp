#include "lib.h"

void keepVia(const int *p) { keep(p); }
void copyVia(const int *p) { use(*p); }
