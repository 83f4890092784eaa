// A pointer declared inside the block that points to storage outside it (the
// address of an outer object or element, or a pointer loaded from outer
// storage) is followed: a store through it is a store into that storage.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>

struct Field {
  const char *name;
  int width;
};
struct Result {
  Field *fields;
  int n;
  Field inline_fields[4];
};

int *g;

void fill(Result *result, unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *scratch = bumper::alloc<char>(n).data();
    for (int i = 0; i < result->n; ++i) {
      Field *f = &result->fields[i];
      f->width = 3;
      f->name = scratch;
// CHECK: :[[@LINE-1]]:7: error: {{.*}} is stored into 'f->name', which outlives the block [bumper-escape]
    }
    Field *in = &result->inline_fields[0];
    in->name = scratch + 1;
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is stored into 'in->name', which outlives the block [bumper-escape]
  }
}

void slot(unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    int *p = bumper::alloc<int>(n).data();
    int **s = &g;
    *s = p;
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is stored into '*s', which outlives the block [bumper-escape]
  }
}

void inner_only(unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *scratch = bumper::alloc<char>(n).data();
    Field local[2];
    Field *f = &local[1];
    f->name = scratch; // points into the block's own storage
    Field *h = new Field{};
    h->name = scratch; // a new heap object: not followed
    delete h;
  }
}
