// Whole-tensor passes over Int64 codes for WAGEUBN training: the widest code and the
// narrowing to the int32 operands of cfk_matmul (see CFixedKernels.h), with an AVX-512 build
// chosen at run time.
#include "CFixedKernels.h"

__attribute__((always_inline)) static inline uint64_t narrow_body(
    const int64_t *restrict x, long n, int32_t *restrict out) {
  uint64_t magnitude = 0;
  for (long i = 0; i < n; i++) {
    magnitude |= (uint64_t)(x[i] ^ (x[i] >> 63));
    out[i] = (int32_t)x[i];
  }
  return magnitude;
}

__attribute__((always_inline)) static inline uint64_t largest_body(const int64_t *x, long n) {
  uint64_t m = 0;
  for (long i = 0; i < n; i++) {
    uint64_t v = x[i] < 0 ? -(uint64_t)x[i] : (uint64_t)x[i];
    m = v > m ? v : m;
  }
  return m;
}

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw"))) static uint64_t narrow_avx512(
    const int64_t *x, long n, int32_t *out) {
  return narrow_body(x, n, out);
}

__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw"))) static uint64_t largest_avx512(
    const int64_t *x, long n) {
  return largest_body(x, n);
}
#endif

uint64_t cfk_narrow(const int64_t *x, long n, int32_t *out) {
#if defined(__x86_64__)
  if (cfk_path_available(CFK_AVX512)) return narrow_avx512(x, n, out);
#endif
  return narrow_body(x, n, out);
}

uint64_t cfk_max_magnitude(const int64_t *x, long n) {
#if defined(__x86_64__)
  if (cfk_path_available(CFK_AVX512)) return largest_avx512(x, n);
#endif
  return largest_body(x, n);
}
