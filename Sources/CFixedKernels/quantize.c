// The deterministic shift quantizers of WAGEUBN training (direct Q, SQ, E1, E2) on whole
// tensors (see CFixedKernels.h), the rounding mode a constant of each specialised loop.
#include "rounded_shift.h"

__attribute__((always_inline)) static inline void shift_loop(
    const int64_t *restrict x, long n, int s, const int mode, int64_t bound,
    int64_t *restrict out, cfk_quantize_counts *counts) {
  int64_t rounded = 0, overflowed = 0;
  uint64_t magnitude = 0;
  for (long i = 0; i < n; i++) {
    int inexact;
    int64_t q = cfk_rounded_shift(x[i], s, mode, &inexact);
    int64_t kept = q > bound ? bound : (q < -bound ? -bound : q);
    rounded += inexact;
    overflowed += kept != q;
    magnitude |= (uint64_t)(kept ^ (kept >> 63));
    out[i] = kept;
  }
  counts->rounded += rounded;
  counts->overflowed += overflowed;
  counts->magnitude |= magnitude;
}

void cfk_shift_quantize(
    const int64_t *x, long n, int s, int rounding, int64_t bound, int64_t *out,
    cfk_quantize_counts *counts) {
  switch (rounding) {
    case CFK_TRN: shift_loop(x, n, s, CFK_TRN, bound, out, counts); break;
    case CFK_TRN_ZERO: shift_loop(x, n, s, CFK_TRN_ZERO, bound, out, counts); break;
    case CFK_RND: shift_loop(x, n, s, CFK_RND, bound, out, counts); break;
    case CFK_RND_ZERO: shift_loop(x, n, s, CFK_RND_ZERO, bound, out, counts); break;
    case CFK_RND_MIN_INF: shift_loop(x, n, s, CFK_RND_MIN_INF, bound, out, counts); break;
    case CFK_RND_INF: shift_loop(x, n, s, CFK_RND_INF, bound, out, counts); break;
    default: shift_loop(x, n, s, CFK_RND_CONV, bound, out, counts); break;
  }
}

__attribute__((always_inline)) static inline void e2_loop(
    const int64_t *restrict x, long n, int threshold, int k, const int mode,
    int64_t *restrict out, cfk_quantize_counts *counts) {
  const int64_t half = (int64_t)1 << (k - 1);
  const uint64_t limit = (uint64_t)1 << threshold;
  int64_t rounded = 0, overflowed = 0;
  uint64_t magnitude = 0;
  for (long i = 0; i < n; i++) {
    int64_t c = x[i];
    uint64_t m = c < 0 ? -(uint64_t)c : (uint64_t)c;
    int lost, small = m < limit;
    int64_t result;
    int clipped;
    if (small) {
      int64_t q = cfk_rounded_shift(c, threshold - (k - 1), mode, &lost);
      result = q > half ? half : (q < -half ? -half : q);
      clipped = result != q;
    } else {
      int64_t q = cfk_rounded_shift(c, threshold, mode, &lost);
      int64_t kept = q > half - 1 ? half - 1 : (q < 1 - half ? 1 - half : q);
      clipped = kept != q;
      result = kept * half;
    }
    rounded += lost | clipped;
    overflowed += clipped;
    magnitude |= (uint64_t)(result ^ (result >> 63));
    out[i] = result;
  }
  counts->rounded += rounded;
  counts->overflowed += overflowed;
  counts->magnitude |= magnitude;
}

void cfk_e2_quantize(
    const int64_t *x, long n, int threshold, int k, int rounding, int64_t *out,
    cfk_quantize_counts *counts) {
  switch (rounding) {
    case CFK_TRN: e2_loop(x, n, threshold, k, CFK_TRN, out, counts); break;
    case CFK_TRN_ZERO: e2_loop(x, n, threshold, k, CFK_TRN_ZERO, out, counts); break;
    case CFK_RND: e2_loop(x, n, threshold, k, CFK_RND, out, counts); break;
    case CFK_RND_ZERO: e2_loop(x, n, threshold, k, CFK_RND_ZERO, out, counts); break;
    case CFK_RND_MIN_INF: e2_loop(x, n, threshold, k, CFK_RND_MIN_INF, out, counts); break;
    case CFK_RND_INF: e2_loop(x, n, threshold, k, CFK_RND_INF, out, counts); break;
    default: e2_loop(x, n, threshold, k, CFK_RND_CONV, out, counts); break;
  }
}
