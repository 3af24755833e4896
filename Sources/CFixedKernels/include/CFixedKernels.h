// Declared-width accumulator kernels for FixedPoint's FixedTensor products, in plain C with
// runtime dispatch by CPU feature (AVX-512, AVX2, portable). Every path computes exactly the
// same results and counters; FixedPoint's Swift kernel is the definition they are tested
// against.
#ifndef CFIXEDKERNELS_H
#define CFIXEDKERNELS_H

#include <stdint.h>

/// The implementations; `cfk_best_path` picks the fastest one the CPU supports.
enum {
  CFK_PORTABLE = 1,
  CFK_AVX2 = 2,
  CFK_AVX512 = 3,
};

/// What the checked additions did.
typedef struct {
  /// Additions whose exact sum lay outside the accumulator range.
  int64_t overflows;
  /// A value with the bit length of the OR over every exact sum s of (s XOR (s >> 63)): that
  /// bit length plus one is the widest signed value seen (only the bit length is defined).
  uint64_t magnitude;
} cfk_events;

/// Whether `path` runs on this CPU (the portable path always does).
int cfk_path_available(int path);

/// The fastest available path.
int cfk_best_path(void);

/// out[i*n + j] = sum over k = 0, 1, ..., kk-1 (in that order, starting from 0) of
/// a(i, k) * b[k*n + j], where a(i, k) = a[i*a_row + k*a_col], in a signed accumulator of
/// `width` bits (1..63) checked after every addition: saturate != 0 clamps a sum outside
/// the range to the nearer bound, saturate == 0 keeps its low `width` bits. Every product
/// fits `product_bits` signed bits (at most 63); the AVX-512 path computes in 32-bit lanes
/// when width and products are narrow enough. A block of 4 rows whose partial sums provably
/// stay in range (sum over k of the largest |a(i, k)| of its rows times the largest |b(k, j)|
/// at most the range's maximum) skips the checks, which could change nothing there, and
/// still sees every partial sum for the widest value (32-bit lanes when that bound fits
/// them). Counters are added to `events`. Returns 0, or -1 when out of memory (then nothing
/// was written).
int cfk_matmul(
    int path, const int32_t *a, long a_row, long a_col, const int32_t *b, long m, long kk,
    long n, int width, int saturate, int product_bits, int64_t *out, cfk_events *events);

#endif
