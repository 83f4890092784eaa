// Storage one pointer level or more below *this, a parameter or a global
// outlives the block: through a raw or unique_ptr member, a pointer field of
// a parameter, an element of such a field, and the same through a same-file
// helper. Storage below a pointer declared inside the block does not.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <memory>

struct Impl {
  const char *buf;
};
struct Mem {
  const char *z;
  int n;
};
struct Stmt {
  Mem *aVar;
};
struct Conn {
  Stmt *stmt;
  char **argv;
  int argc;
};

class Reader {
public:
  void raw(unsigned n);
  void owned(unsigned n);

private:
  Impl *impl_;
  std::unique_ptr<Impl> owned_;
};

void Reader::raw(unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *p = bumper::alloc<char>(n).data();
    this->impl_->buf = p;
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is stored into 'this->impl_->buf', which outlives the block [bumper-escape]
  }
}

void Reader::owned(unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *p = bumper::alloc<char>(n).data();
    owned_->buf = p;
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is stored into 'owned_->buf', which outlives the block [bumper-escape]
  }
}

void bind_direct(Conn *c, unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *key = bumper::alloc<char>(n).data();
    c->stmt->aVar[0].z = key;
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is stored into 'c->stmt->aVar[0].z', which outlives the block [bumper-escape]
    c->argv[c->argc++] = key;
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is stored into 'c->argv[c->argc++]', which outlives the block [bumper-escape]
  }
}

static void bind(Stmt *s, const char *key) { s->aVar[0].z = key; }

void bind_through_helper(Conn *c, unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *key = bumper::alloc<char>(n).data();
    bind(c->stmt, key);
// CHECK: :[[@LINE-1]]:5: error: {{.*}} is passed to 'bind', which stores it into '*c->stmt', which outlives the block [bumper-escape]
  }
}

Conn *make_conn();

void local_object(unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *key = bumper::alloc<char>(n).data();
    Conn *tmp = make_conn();
    tmp->stmt->aVar[0].z = key; // a pointer declared inside: not followed
    Mem local[1];
    Stmt s{local};
    s.aVar[0].z = key; // storage of the block
  }
}
