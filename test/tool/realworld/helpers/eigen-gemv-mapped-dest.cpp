// CASE: Eigen Eigen/src/Core/GeneralProduct.h
// gemv_dense_selector<OnTheRight,ColMajor,true>::run: when the destination
// cannot be written in place, the product goes into a temporary
// (ei_declare_aligned_stack_constructed_variable(ResScalar, actualDestPtr,
// ...), here scratch) and is copied back with
// dest = MappedDest(actualDestPtr, dest.size()). The vector's operator=
// from a Map (same file here, Eigen's assignment reduced to its loop)
// copies the coefficients. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>

template <typename Scalar> class Map {
public:
  Map(Scalar *data, long size) : data_(data), size_(size) {}
  Scalar coeff(long i) const { return data_[i]; }
  long size() const { return size_; }

private:
  Scalar *data_;
  long size_;
};

class VectorXf {
public:
  explicit VectorXf(long n) : data_(new float[n]), size_(n) {}
  ~VectorXf() { delete[] data_; }
  long size() const { return size_; }
  float *data() { return data_; }
  VectorXf &operator=(const Map<float> &other) {
    for (long i = 0; i < size_ && i < other.size(); ++i)
      data_[i] = other.coeff(i);
    return *this;
  }

private:
  float *data_;
  long size_;
};

void general_matrix_vector_product(long rows, long cols, const float *lhs,
                                   long lhsStride, const float *rhs,
                                   float *res, float alpha);

void gemv_run(const float *lhs, long rows, long cols, const float *rhs,
              VectorXf &dest, bool evalToDest, float alpha) {
  typedef Map<float> MappedDest;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    float *actualDestPtr =
        evalToDest ? dest.data() : bumper::alloc<float>(dest.size()).data();
    if (!evalToDest)
      for (long i = 0; i < dest.size(); ++i)
        actualDestPtr[i] = dest.data()[i];
    general_matrix_vector_product(rows, cols, lhs, rows, rhs, actualDestPtr,
                                  alpha);
    if (!evalToDest)
      dest = MappedDest(actualDestPtr, dest.size());
  }
}
