// XNOR-popcount kernels: one tile routine written once over compile-time tile sizes, compiled
// for three targets (portable, POPCNT, AVX-512 VPOPCNTDQ) and selected at run time. See
// include/CBinaryKernels.h for the layout and the contract.
//
// A tile is NJ neurons × NS sample groups. Each word of the samples is loaded once per tile
// and used for NJ neurons; each weight word once per tile and used for every sample group, so
// the inner loop is XOR, AND, popcount and add with few loads. The AVX-512 path does the XOR
// and AND in one vpternlogq and counts 8 samples per vpopcntq.
#include "CBinaryKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#define CBK_X86 1
#endif

enum { TILE_NEURONS = 4, TILE_SAMPLES = 4 };

// ---- scalar (portable and POPCNT) --------------------------------------------------------

/// counts for NJ neurons × NS samples starting at sample s0.
__attribute__((always_inline)) static inline void scalar_tile(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long s0,
    int nj, int ns, int32_t *counts) {
  uint64_t acc[TILE_NEURONS][TILE_SAMPLES] = {{0}};
  for (long w = 0; w < words; w++) {
    const uint64_t *xw = x + w * b + s0;
    for (int j = 0; j < nj; j++) {
      uint64_t pj = p[j * words + w], mj = m[j * words + w];
      for (int k = 0; k < ns; k++) {
        acc[j][k] += (uint64_t)__builtin_popcountll((xw[k] ^ pj) & mj);
      }
    }
  }
  for (int j = 0; j < nj; j++) {
    for (int k = 0; k < ns; k++) counts[j * b + s0 + k] = (int32_t)acc[j][k];
  }
}

__attribute__((always_inline)) static inline void scalar_all(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long n,
    int32_t *counts) {
  long j = 0;
  for (; j + TILE_NEURONS <= n; j += TILE_NEURONS) {
    long s = 0;
    for (; s + TILE_SAMPLES <= b; s += TILE_SAMPLES) {
      scalar_tile(x, b, words, p + j * words, m + j * words, s, TILE_NEURONS, TILE_SAMPLES,
                  counts + j * b);
    }
    for (; s < b; s++) {
      scalar_tile(x, b, words, p + j * words, m + j * words, s, TILE_NEURONS, 1, counts + j * b);
    }
  }
  for (; j < n; j++) {
    long s = 0;
    for (; s + TILE_SAMPLES <= b; s += TILE_SAMPLES) {
      scalar_tile(x, b, words, p + j * words, m + j * words, s, 1, TILE_SAMPLES, counts + j * b);
    }
    for (; s < b; s++) {
      scalar_tile(x, b, words, p + j * words, m + j * words, s, 1, 1, counts + j * b);
    }
  }
}

static void mismatches_portable(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long n,
    int32_t *counts) {
  scalar_all(x, b, words, p, m, n, counts);
}

#ifdef CBK_X86

__attribute__((target("popcnt"))) static void mismatches_popcnt(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long n,
    int32_t *counts) {
  scalar_all(x, b, words, p, m, n, counts);
}

// ---- AVX-512 ------------------------------------------------------------------------------

/// (x ^ p) & m as a vpternlogq truth table (operand order x, p, m).
enum { XOR_AND = 0x28 };

/// counts for NJ neurons × NS groups of 8 samples starting at sample s0.
__attribute__((target("avx512f,avx512vpopcntdq"), always_inline)) static inline void avx512_tile(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long s0,
    int nj, int ns, int32_t *counts) {
  __m512i acc[TILE_NEURONS][TILE_SAMPLES];
  for (int j = 0; j < nj; j++) {
    for (int k = 0; k < ns; k++) acc[j][k] = _mm512_setzero_si512();
  }
  for (long w = 0; w < words; w++) {
    __m512i xv[TILE_SAMPLES];
    for (int k = 0; k < ns; k++) xv[k] = _mm512_loadu_si512(x + w * b + s0 + 8 * k);
    for (int j = 0; j < nj; j++) {
      __m512i pj = _mm512_set1_epi64((long long)p[j * words + w]);
      __m512i mj = _mm512_set1_epi64((long long)m[j * words + w]);
      for (int k = 0; k < ns; k++) {
        __m512i bits = _mm512_ternarylogic_epi64(xv[k], pj, mj, XOR_AND);
        acc[j][k] = _mm512_add_epi64(acc[j][k], _mm512_popcnt_epi64(bits));
      }
    }
  }
  for (int j = 0; j < nj; j++) {
    for (int k = 0; k < ns; k++) {
      _mm256_storeu_si256(
          (__m256i *)(counts + j * b + s0 + 8 * k), _mm512_cvtepi64_epi32(acc[j][k]));
    }
  }
}

__attribute__((target("avx512f,avx512vpopcntdq"))) static void mismatches_avx512(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long n,
    int32_t *counts) {
  const long group = 8 * TILE_SAMPLES;
  long j = 0;
  for (; j + TILE_NEURONS <= n; j += TILE_NEURONS) {
    long s = 0;
    for (; s + group <= b; s += group) {
      avx512_tile(x, b, words, p + j * words, m + j * words, s, TILE_NEURONS, TILE_SAMPLES,
                  counts + j * b);
    }
    for (; s < b; s += 8) {
      avx512_tile(x, b, words, p + j * words, m + j * words, s, TILE_NEURONS, 1, counts + j * b);
    }
  }
  for (; j < n; j++) {
    long s = 0;
    for (; s + group <= b; s += group) {
      avx512_tile(x, b, words, p + j * words, m + j * words, s, 1, TILE_SAMPLES, counts + j * b);
    }
    for (; s < b; s += 8) {
      avx512_tile(x, b, words, p + j * words, m + j * words, s, 1, 1, counts + j * b);
    }
  }
}

#endif

// ---- dispatch -----------------------------------------------------------------------------

int cbk_path_available(int path) {
  switch (path) {
    case CBK_PORTABLE:
      return 1;
#ifdef CBK_X86
    case CBK_POPCNT:
      __builtin_cpu_init();
      return __builtin_cpu_supports("popcnt");
    case CBK_AVX512:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq");
#endif
    default:
      return 0;
  }
}

int cbk_best_path(void) {
  if (cbk_path_available(CBK_AVX512)) return CBK_AVX512;
  if (cbk_path_available(CBK_POPCNT)) return CBK_POPCNT;
  return CBK_PORTABLE;
}

void cbk_mismatches(
    int path, const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m,
    long n, int32_t *counts) {
#ifdef CBK_X86
  if (path == CBK_AVX512) {
    mismatches_avx512(x, b, words, p, m, n, counts);
    return;
  }
  if (path == CBK_POPCNT) {
    mismatches_popcnt(x, b, words, p, m, n, counts);
    return;
  }
#else
  (void)path;
#endif
  mismatches_portable(x, b, words, p, m, n, counts);
}

void cbk_activate(
    const int32_t *counts, long b, long n, const int32_t *limit, const uint8_t *invert,
    uint64_t *y) {
  for (long s = 0; s < b; s++) y[s] = 0;
  for (long j = 0; j < n; j++) {
    const int32_t *c = counts + j * b;
    int32_t bound = limit[j];
    uint64_t flip = invert[j] ? 1 : 0;
    for (long s = 0; s < b; s++) y[s] |= (((uint64_t)(c[s] <= bound)) ^ flip) << j;
  }
}
