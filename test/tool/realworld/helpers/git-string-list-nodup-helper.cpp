// CASE: git string-list.c string_list_append_nodup, called from a same-file
// helper's caller with a scratch string: the helper stores it through a
// pointer into list->items (outer storage). Escapes.
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

static string_list_item *string_list_append_nodup(string_list *list,
                                                  char *string) {
  string_list_item *retval = &list->items[list->nr++];
  retval->string = string;
  retval->util = nullptr;
  return retval;
}

void add_ref_name(string_list *list, const char *prefix, const char *name) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    size_t a = std::strlen(prefix), b = std::strlen(name);
    char *full = bumper::alloc<char>(a + b + 1).data();
    std::memcpy(full, prefix, a);
    std::memcpy(full + a, name, b + 1);
    string_list_append_nodup(list, full); // ESCAPE-DAG: :[[@LINE]]:{{[0-9]+}}: error: pointer into arena memory
  }
}
