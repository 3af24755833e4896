// WAGEUBN's quantized Momentum update on a whole parameter tensor (see CFixedKernels.h),
// with the rounding mode made a constant of each specialised loop so that the compiler can
// vectorise it; an AVX-512 build of the same loops is chosen at run time.
#include "rounded_shift.h"

/// x / 2^s rounded by `mode` (`cfk_rounded_shift` without the inexact flag).
__attribute__((always_inline)) static inline int64_t round_shift(int64_t x, int s, int mode) {
  int inexact;
  return cfk_rounded_shift(x, s, mode, &inexact);
}

__attribute__((always_inline)) static inline int64_t clamp(int64_t x, int64_t bound, int64_t *hits) {
  int64_t y = x > bound ? bound : (x < -bound ? -bound : x);
  *hits += y != x;
  return y;
}

/// Elements 0..<n; `checked` loops test every operation for 64-bit overflow and return -1 at
/// the first one, the others rely on the operands' range (see chunk_is_safe).
__attribute__((always_inline)) static inline int momentum_loop(
    int64_t *restrict master, int64_t *restrict momentum, int64_t *restrict forward,
    const int64_t *restrict gradient, long n, int64_t lr, const int mode, int64_t momentum_bound,
    int64_t master_bound, int64_t forward_bound, const int checked, cfk_update_counts *counts) {
  int64_t zero = 0, flips = 0, momentum_hits = 0, weight_hits = 0;
  uint64_t momentum_mag = 0, weight_mag = 0;
  for (long i = 0; i < n; i++) {
    int64_t t, step, w;
    if (checked) {
      if (__builtin_add_overflow(momentum[i], gradient[i], &t) ||
          __builtin_mul_overflow(lr, t, &step) || __builtin_sub_overflow(master[i], step, &w)) {
        return -1;
      }
    } else {
      t = momentum[i] + gradient[i];
      w = master[i] - lr * t;
    }
    zero += t == 0;
    w = clamp(w, master_bound, &weight_hits);
    int64_t acc = clamp(round_shift(t, 2, mode), momentum_bound, &momentum_hits);
    int64_t rounded = round_shift(w, 16, mode);
    int64_t q = rounded > forward_bound ? forward_bound
                                        : (rounded < -forward_bound ? -forward_bound : rounded);
    flips += q != forward[i];
    master[i] = w;
    momentum[i] = acc;
    forward[i] = q;
    weight_mag |= (uint64_t)(w ^ (w >> 63));
    momentum_mag |= (uint64_t)(acc ^ (acc >> 63));
  }
  counts->zero_updates += zero;
  counts->flips += flips;
  counts->momentum_saturations += momentum_hits;
  counts->weight_saturations += weight_hits;
  counts->momentum_magnitude |= momentum_mag;
  counts->weight_magnitude |= weight_mag;
  return 0;
}

/// Whether no operation of elements 0..<n can overflow 64 bits: every |momentum|,
/// |gradient| at most 2^40 (so |t| <= 2^41), |lr| at most 2^20 (|lr * t| <= 2^61) and every
/// |master| at most 2^61 (|master - lr * t| <= 2^62).
__attribute__((always_inline)) static inline int chunk_is_safe(
    const int64_t *master, const int64_t *momentum, const int64_t *gradient, long n, int64_t lr) {
  uint64_t small = 0, wide = 0;
  for (long i = 0; i < n; i++) {
    small |= (uint64_t)(momentum[i] ^ (momentum[i] >> 63)) |
             (uint64_t)(gradient[i] ^ (gradient[i] >> 63));
    wide |= (uint64_t)(master[i] ^ (master[i] >> 63));
  }
  uint64_t rate = (uint64_t)(lr ^ (lr >> 63));
  return small < ((uint64_t)1 << 40) && wide < ((uint64_t)1 << 61) && rate < ((uint64_t)1 << 20);
}

enum { CHUNK = 1024 };

/// The update in chunks that stay in the cache between the range test and the loop.
__attribute__((always_inline)) static inline int momentum_chunks(
    int64_t *master, int64_t *momentum, int64_t *forward, const int64_t *gradient, long n,
    int64_t lr, const int mode, int64_t momentum_bound, int64_t master_bound,
    int64_t forward_bound, cfk_update_counts *counts) {
  for (long i = 0; i < n; i += CHUNK) {
    long size = n - i < CHUNK ? n - i : CHUNK;
    int safe = chunk_is_safe(master + i, momentum + i, gradient + i, size, lr);
    int status = safe ? momentum_loop(
                            master + i, momentum + i, forward + i, gradient + i, size, lr, mode,
                            momentum_bound, master_bound, forward_bound, 0, counts)
                      : momentum_loop(
                            master + i, momentum + i, forward + i, gradient + i, size, lr, mode,
                            momentum_bound, master_bound, forward_bound, 1, counts);
    if (status != 0) return status;
  }
  return 0;
}

#define MOMENTUM_DISPATCH(mode_value)                                                        \
  return momentum_chunks(                                                                    \
      master, momentum, forward, gradient, n, lr, mode_value, momentum_bound, master_bound,  \
      forward_bound, counts)

#define MOMENTUM_BODY                                       \
  switch (rounding) {                                       \
    case CFK_TRN: MOMENTUM_DISPATCH(CFK_TRN);         \
    case CFK_TRN_ZERO: MOMENTUM_DISPATCH(CFK_TRN_ZERO); \
    case CFK_RND: MOMENTUM_DISPATCH(CFK_RND);         \
    case CFK_RND_ZERO: MOMENTUM_DISPATCH(CFK_RND_ZERO); \
    case CFK_RND_MIN_INF: MOMENTUM_DISPATCH(CFK_RND_MIN_INF); \
    case CFK_RND_INF: MOMENTUM_DISPATCH(CFK_RND_INF); \
    default: MOMENTUM_DISPATCH(CFK_RND_CONV);         \
  }

static int momentum_portable(
    int64_t *master, int64_t *momentum, int64_t *forward, const int64_t *gradient, long n,
    int64_t lr, int rounding, int64_t momentum_bound, int64_t master_bound,
    int64_t forward_bound, cfk_update_counts *counts) {
  MOMENTUM_BODY
}

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw"))) static int momentum_avx512(
    int64_t *master, int64_t *momentum, int64_t *forward, const int64_t *gradient, long n,
    int64_t lr, int rounding, int64_t momentum_bound, int64_t master_bound,
    int64_t forward_bound, cfk_update_counts *counts) {
  MOMENTUM_BODY
}
#endif

int cfk_momentum(
    int64_t *master, int64_t *momentum, int64_t *forward, const int64_t *gradient, long n,
    int64_t lr, int rounding, int64_t momentum_bound, int64_t master_bound,
    int64_t forward_bound, cfk_update_counts *counts) {
#if defined(__x86_64__)
  if (cfk_path_available(CFK_AVX512)) {
    return momentum_avx512(
        master, momentum, forward, gradient, n, lr, rounding, momentum_bound, master_bound,
        forward_bound, counts);
  }
#endif
  return momentum_portable(
      master, momentum, forward, gradient, n, lr, rounding, momentum_bound, master_bound,
      forward_bound, counts);
}
