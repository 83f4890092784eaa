// A class's own operator= (or converting constructor) with a body is a
// function like any other: its summary says whether it keeps the pointer it
// is given or copies the elements (Eigen's `dest = Map(scratch)`, which
// copies into dest's own storage). Only an operator= with no body here (the
// implicit one, or a declaration) is taken to keep what it is assigned.
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --implicit-check-not=error:
#include <bumper/bumper.hpp>

template <typename T> class Map {
public:
  Map(T *data, int n) : data_(data), n_(n) {}
  T *data() const { return data_; }
  int size() const { return n_; }

private:
  T *data_;
  int n_;
};

// Owns its elements: assigning a Map copies them.
class VectorXd {
public:
  explicit VectorXd(int n) : data_(new double[n]), n_(n) {}
  ~VectorXd() { delete[] data_; }
  VectorXd &operator=(const Map<double> &m) {
    for (int i = 0; i < n_ && i < m.size(); ++i)
      data_[i] = m.data()[i];
    return *this;
  }

private:
  double *data_;
  int n_;
};

// A view: assigning a Map keeps its pointer.
class Ref {
public:
  Ref &operator=(const Map<double> &m) {
    data_ = m.data();
    n_ = m.size();
    return *this;
  }

private:
  double *data_ = nullptr;
  int n_ = 0;
};

// No body here: taken to keep.
class Opaque {
public:
  Opaque &operator=(const Map<double> &m);

private:
  double *data_ = nullptr;
};

VectorXd g_dest(16);
Ref g_ref;
Opaque g_opaque;

void solve(VectorXd &dest, int n) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    double *scratch = bumper::alloc<double>(n).data();
    for (int i = 0; i < n; ++i)
      scratch[i] = i;
    dest = Map<double>(scratch, n);
    g_dest = Map<double>(scratch, n);
    // CHECK: assign-operator.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is passed to 'g_ref.operator=', which stores it into 'g_ref', which outlives the block [bumper-escape]
    g_ref = Map<double>(scratch, n);
    // CHECK: assign-operator.cpp:[[@LINE+1]]:5: error: pointer into arena memory allocated in this no_escape block is stored into 'g_opaque', which outlives the block [bumper-escape]
    g_opaque = Map<double>(scratch, n);
  }
}
