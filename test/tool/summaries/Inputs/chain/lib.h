void keep(const int *p);         // c.cpp: stores into a global
void keepVia(const int *p);      // b.cpp: passes it to keep()
void copyVia(const int *p);      // b.cpp: passes a copy to use()
void use(int v);                 // c.cpp
