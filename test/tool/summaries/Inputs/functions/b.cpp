namespace ext {
void stash(const int *p); // a library's: no body anywhere
}

void keep(const int *p) { ext::stash(p); }
