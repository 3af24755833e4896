// Float32 matrix products for binarized-net training, in plain C with runtime dispatch by
// CPU feature (AVX-512, AVX2, portable). Every output element is one fixed sum: its terms
// k = 0, 1, ..., in order, each product rounded to float and then added (never a fused
// multiply-add), starting from +0. The paths only differ in how many elements they compute
// at once, so they return the same bits on every machine.
#ifndef CFLOATKERNELS_H
#define CFLOATKERNELS_H

/// The implementations; `cfloat_best_path` picks the fastest one the CPU supports.
enum {
  CFLOAT_PORTABLE = 1,
  CFLOAT_AVX2 = 2,
  CFLOAT_AVX512 = 3,
};

/// Whether `path` runs on this CPU (the portable path always does).
int cfloat_path_available(int path);

/// The fastest available path.
int cfloat_best_path(void);

/// For i < m and j < n: out[i*ldc + j] = (((+0 + p_0) + p_1) + ...) + p_(kk-1), where
/// p_k = a[i*a_row + k*a_col] * b[k*ldb + j] rounded to float. Strides are in floats; `out`
/// must not overlap the operands. Nothing is allocated.
void cfloat_matmul(
    int path, const float *a, long a_row, long a_col, const float *b, long ldb, long m, long kk,
    long n, float *out, long ldc);

#endif
