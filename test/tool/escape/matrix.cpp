// A realistic program: matrix routines with scratch buffers (a transposed
// copy, a 2-D view from the N-D alloc). Clean as written; the ESCAPE variant
// hands a scratch row to the caller through an out-parameter.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --allow-empty --check-prefix=CLEAN
// RUN: not %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics -DESCAPE 2>&1 | FileCheck %s --implicit-check-not=error:
// CLEAN-NOT: {{error|warning}}:
#include <bumper/bumper.hpp>
#include <cstddef>
#include <vector>

struct Matrix {
  std::size_t rows, cols;
  std::vector<double> data;
  double &at(std::size_t r, std::size_t c) { return data[r * cols + c]; }
  double at(std::size_t r, std::size_t c) const { return data[r * cols + c]; }
};

// C = A * B, reading B through a transposed scratch copy for locality.
Matrix multiply(const Matrix &a, const Matrix &b, bumper::SlabBuffer &scratch,
                const double **lastRow) {
  Matrix c{a.rows, b.cols, std::vector<double>(a.rows * b.cols)};
  [[bumper::no_escape(scratch)]] {
    bumper::NoEscape guard(scratch);
    std::span<double> bt = bumper::alloc<double>(scratch, b.rows * b.cols);
    for (std::size_t r = 0; r < b.rows; ++r)
      for (std::size_t k = 0; k < b.cols; ++k)
        bt[k * b.rows + r] = b.at(r, k);
    for (std::size_t i = 0; i < a.rows; ++i)
      for (std::size_t j = 0; j < b.cols; ++j) {
        const double *col = bt.data() + j * b.rows;
        double sum = 0;
        for (std::size_t k = 0; k < a.cols; ++k)
          sum += a.at(i, k) * col[k];
        c.at(i, j) = sum;
#ifdef ESCAPE
        *lastRow = col;
// CHECK: :[[@LINE-1]]:9: error: pointer into arena memory allocated in this no_escape block is stored into '*lastRow', which outlives the block [bumper-escape]
// CHECK-NEXT: :[[@LINE-14]]:28: note: allocated here
// CHECK-NEXT: :[[@LINE-9]]:9: note: derived value stored into 'col' here
// CHECK-NEXT: :[[@LINE+3]]:3: note: block ends here; its memory is reset
#endif
      }
  }
  (void)lastRow;
  return c;
}

// Row sums through a 2-D scratch view.
std::vector<double> rowSums(const Matrix &m) {
  std::vector<double> out(m.rows);
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    auto grid = bumper::alloc<double>(m.rows, m.cols);
    for (std::size_t i = 0; i < m.rows; ++i)
      for (std::size_t j = 0; j < m.cols; ++j)
        grid(i, j) = m.at(i, j);
    for (std::size_t i = 0; i < m.rows; ++i)
      for (std::size_t j = 0; j < m.cols; ++j)
        out[i] += grid(i, j);
  }
  return out;
}
