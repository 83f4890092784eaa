// Defined in b.cpp.
const char *save(const char *s, int n);
void keep(const int *p);
