// The one rounded right shift of the training kernels (momentum.c, quantize.c).
#ifndef CFK_ROUNDED_SHIFT_H
#define CFK_ROUNDED_SHIFT_H

#include "CFixedKernels.h"

/// x / 2^s (1 <= s <= 62) rounded by `mode` (BitCore's RoundingMode.roundsUp rule on the
/// floor quotient: the remainder against the half, and the sign), setting `*inexact` when
/// bits were dropped. Inlined into loops whose `mode` is a constant, so the switch folds away.
__attribute__((always_inline)) static inline int64_t cfk_rounded_shift(
    int64_t x, int s, int mode, int *inexact) {
  int64_t q = x >> s;
  int64_t rem = x & (((int64_t)1 << s) - 1);
  int64_t half = (int64_t)1 << (s - 1);
  int above = rem > half, tie = rem == half, negative = x < 0;
  int up;
  switch (mode) {
    case CFK_TRN: up = 0; break;
    case CFK_TRN_ZERO: up = negative; break;
    case CFK_RND: up = above | tie; break;
    case CFK_RND_ZERO: up = above | (tie & negative); break;
    case CFK_RND_MIN_INF: up = above; break;
    case CFK_RND_INF: up = above | (tie & !negative); break;
    default: up = above | (tie & (int)(q & 1)); break;
  }
  *inexact = rem != 0;
  return q + (rem != 0 && up);
}

#endif
