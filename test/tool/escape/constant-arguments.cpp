// A same-file helper that copies or keeps depending on a bool, integer or
// enum parameter: a call that passes a constant follows the path that the
// constant selects (re2's saved_.Set(tmp, n, /*copy=*/true)). A call that
// passes anything else, or a helper that changes the parameter before it
// tests it, still gets the summary of every path.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>
#include <cstddef>
#include <cstring>

class Saved {
public:
  void Set(const char *p, std::size_t n, bool copy) {
    if (copy) {
      char *own = new char[n];
      std::memcpy(own, p, n);
      data_ = own;
    } else {
      data_ = p;
    }
    size_ = n;
  }

private:
  const char *data_ = nullptr;
  std::size_t size_ = 0;
};

Saved saved_;
const char *g_name;

enum class Mode { Borrow, Copy };
// An enum and the negated test; the parameter passed on to another helper.
static void setName(const char *p, Mode m) {
  if (!(m == Mode::Copy))
    g_name = p;
  else
    g_name = strdup(p);
}
static void setNameVia(const char *p, Mode m, int unused) { setName(p, m); }
// Changed before it is tested: the constant does not decide the path.
static void setNameReassigned(const char *p, bool copy) {
  copy = !copy;
  if (copy)
    g_name = strdup(p);
  else
    g_name = p;
}
// Tested in a loop, after a condition that does not fold: the test that
// folds still decides.
static void setNameLimited(const char *p, int limit, bool keep) {
  for (int i = 0; i < limit && keep; ++i)
    g_name = p;
}

// The result too: a copy or the argument itself.
static const char *pick(const char *p, bool copy) {
  return copy ? strdup(p) : p;
}

void copies(const char *src, std::size_t n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    std::memcpy(tmp, src, n);
    saved_.Set(tmp, n, /*copy=*/true);
    setName(tmp, Mode::Copy);
    setNameVia(tmp, Mode::Copy, 0);
    setNameLimited(tmp, 3, false);
    g_name = pick(tmp, true);
  }
}

void keeps(const char *src, std::size_t n, bool copy) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    std::memcpy(tmp, src, n);
    // CHECK: constant-arguments.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'saved_.Set', which stores it into 'saved_', which outlives the block [bumper-escape]
    saved_.Set(tmp, n, /*copy=*/false);
  }
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    // CHECK: constant-arguments.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'saved_.Set', which stores it into 'saved_', which outlives the block [bumper-escape]
    saved_.Set(tmp, n, copy);
  }
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    // CHECK: constant-arguments.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'setNameVia', which stores it into 'g_name', which outlives the block [bumper-escape]
    setNameVia(tmp, Mode::Borrow, 0);
  }
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    // CHECK: constant-arguments.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'setNameReassigned', which stores it into 'g_name', which outlives the block [bumper-escape]
    setNameReassigned(tmp, true);
  }
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    // CHECK: constant-arguments.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'setNameLimited', which stores it into 'g_name', which outlives the block [bumper-escape]
    setNameLimited(tmp, 3, true);
  }
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(n).data();
    // CHECK: constant-arguments.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_name', which outlives the block [bumper-escape]
    g_name = pick(tmp, false);
  }
}
