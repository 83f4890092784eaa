// The unknown-callee rule, refined: the result of a function with no body in
// this translation unit is derived from its arguments when its type can hold
// a pointer, unless the type owns what it points to (a class with a
// user-provided destructor, like a Status that deletes its message; the
// standard owning containers and strings). A view, a raw pointer or a plain
// struct of pointers stays derived.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <string_view>

class Status {
public:
  Status() : state_(nullptr) {}
  ~Status() { delete[] state_; }
  Status(const Status &);
  Status &operator=(const Status &);
  static Status Corruption(std::string_view msg, std::string_view msg2);
  bool ok() const { return state_ == nullptr; }

private:
  const char *state_;
};
struct Piece {
  const char *p;
  unsigned n;
};

class File {
public:
  virtual ~File();
  virtual Status Read(unsigned n, std::string_view *result, char *scratch) = 0;
};
Piece first_piece(const char *text);           // no body: may point into text
std::string_view trimmed(std::string_view s);   // no body: a view of s

Status status_assigned(File *f) {
  Status s;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *scratch = bumper::alloc<char>(64).data();
    std::string_view frag;
    s = f->Read(64, &frag, scratch);
  }
  return s;
}

Status status_returned(unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *detail = bumper::alloc<char>(n).data();
    return Status::Corruption("bad block", std::string_view(detail, n));
  }
}

Piece g_piece;
std::string_view g_view;

void views_stay_derived(unsigned n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *text = bumper::alloc<char>(n).data();
    g_piece = first_piece(text);
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_piece', which outlives the block [bumper-escape]
    g_view = trimmed(std::string_view(text, n));
// CHECK: :[[@LINE-1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_view', which outlives the block [bumper-escape]
  }
}
