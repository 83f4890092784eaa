// CASE: git string-list.c string_list_append_nodup. The item is a pointer
// declared in the block into the list's outer storage (&list->items[nr]);
// storing the scratch name through it keeps the scratch in the list.
// Escapes (string_list_append_nodup never copies).
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstring>

struct string_list_item {
  char *string;
  void *util;
};
struct string_list {
  string_list_item *items;
  unsigned nr, alloc;
};

void append_lowercase(string_list *list, const char *name, size_t len) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *lower = bumper::alloc<char>(len + 1).data();
    for (size_t i = 0; i < len; i++)
      lower[i] = (name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i];
    lower[len] = 0;
    string_list_item *retval = &list->items[list->nr++];
    retval->string = lower; // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
    retval->util = nullptr;
  }
}
