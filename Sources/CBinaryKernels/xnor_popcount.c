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

/// The mask rows from neuron offset `at`, or NULL for a binary layer (no mask).
#define M_AT(m, at) ((m) ? (m) + (at) : NULL)

// The tile loops run over compile-time bounds: unrolled, their accumulators stay in registers.
#if defined(__clang__)
#define UNROLL _Pragma("clang loop unroll(full)")
#else
#define UNROLL
#endif

// ---- scalar (portable and POPCNT) --------------------------------------------------------

/// counts for NJ neurons × NS samples starting at sample s0.
__attribute__((always_inline)) static inline void scalar_tile(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long s0,
    int nj, int ns, int32_t *counts) {
  uint64_t acc[TILE_NEURONS][TILE_SAMPLES] = {{0}};
  for (long w = 0; w < words; w++) {
    const uint64_t *xw = x + w * b + s0;
    UNROLL
    for (int j = 0; j < nj; j++) {
      uint64_t pj = p[j * words + w], mj = m ? m[j * words + w] : ~(uint64_t)0;
      UNROLL
      for (int k = 0; k < ns; k++) {
        acc[j][k] += (uint64_t)__builtin_popcountll((xw[k] ^ pj) & mj);
      }
    }
  }
  UNROLL
  for (int j = 0; j < nj; j++) {
    UNROLL
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
      scalar_tile(x, b, words, p + j * words, M_AT(m, j * words), s, TILE_NEURONS, TILE_SAMPLES,
                  counts + j * b);
    }
    for (; s < b; s++) {
      scalar_tile(x, b, words, p + j * words, M_AT(m, j * words), s, TILE_NEURONS, 1, counts + j * b);
    }
  }
  for (; j < n; j++) {
    long s = 0;
    for (; s + TILE_SAMPLES <= b; s += TILE_SAMPLES) {
      scalar_tile(x, b, words, p + j * words, M_AT(m, j * words), s, 1, TILE_SAMPLES, counts + j * b);
    }
    for (; s < b; s++) {
      scalar_tile(x, b, words, p + j * words, M_AT(m, j * words), s, 1, 1, counts + j * b);
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

#define AVX512 __attribute__((target("avx512f,avx512vpopcntdq")))

/// The mismatch counts of nj neurons × ns groups of 8 samples starting at sample s0, into
/// acc (64-bit lanes).
AVX512 __attribute__((always_inline)) static inline void avx512_count(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long s0,
    int nj, int ns, __m512i acc[TILE_NEURONS][TILE_SAMPLES]) {
  if (m == NULL) {
    // A binary layer: no mask (x and p are zero past the last input), one XOR per word.
    UNROLL
    for (int j = 0; j < nj; j++) {
      UNROLL
      for (int k = 0; k < ns; k++) acc[j][k] = _mm512_setzero_si512();
    }
    for (long w = 0; w < words; w++) {
      __m512i xv[TILE_SAMPLES];
      UNROLL
      for (int k = 0; k < ns; k++) xv[k] = _mm512_loadu_si512(x + w * b + s0 + 8 * k);
      UNROLL
      for (int j = 0; j < nj; j++) {
        __m512i pj = _mm512_set1_epi64((long long)p[j * words + w]);
        UNROLL
        for (int k = 0; k < ns; k++) {
          acc[j][k] = _mm512_add_epi64(acc[j][k], _mm512_popcnt_epi64(_mm512_xor_si512(xv[k], pj)));
        }
      }
    }
    return;
  }
  UNROLL
  for (int j = 0; j < nj; j++) {
    UNROLL
    for (int k = 0; k < ns; k++) acc[j][k] = _mm512_setzero_si512();
  }
  for (long w = 0; w < words; w++) {
    __m512i xv[TILE_SAMPLES];
    UNROLL
    for (int k = 0; k < ns; k++) xv[k] = _mm512_loadu_si512(x + w * b + s0 + 8 * k);
    UNROLL
    for (int j = 0; j < nj; j++) {
      __m512i pj = _mm512_set1_epi64((long long)p[j * words + w]);
      __m512i mj = _mm512_set1_epi64((long long)m[j * words + w]);
      UNROLL
      for (int k = 0; k < ns; k++) {
        __m512i bits = _mm512_ternarylogic_epi64(xv[k], pj, mj, XOR_AND);
        acc[j][k] = _mm512_add_epi64(acc[j][k], _mm512_popcnt_epi64(bits));
      }
    }
  }
}

/// The counts of nj neurons from j0 on ns groups of 8 samples at s0, stored.
AVX512 __attribute__((always_inline)) static inline void avx512_counts_tile(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long j0,
    int nj, long s0, int ns, int32_t *counts) {
  __m512i acc[TILE_NEURONS][TILE_SAMPLES];
  avx512_count(x, b, words, p + j0 * words, M_AT(m, j0 * words), s0, nj, ns, acc);
  UNROLL
  for (int j = 0; j < nj; j++) {
    UNROLL
    for (int k = 0; k < ns; k++) {
      _mm256_storeu_si256(
          (__m256i *)(counts + (j0 + j) * b + s0 + 8 * k), _mm512_cvtepi64_epi32(acc[j][k]));
    }
  }
}

/// Every neuron's counts on ns groups of 8 samples at s0, stored.
AVX512 __attribute__((always_inline)) static inline void avx512_counts_group(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long n,
    long s0, int ns, int32_t *counts) {
  long j0 = 0;
  for (; j0 + TILE_NEURONS <= n; j0 += TILE_NEURONS) {
    avx512_counts_tile(x, b, words, p, m, j0, TILE_NEURONS, s0, ns, counts);
  }
  for (; j0 < n; j0++) avx512_counts_tile(x, b, words, p, m, j0, 1, s0, ns, counts);
}

/// The bits (count <= limit) of nj neurons from j0 on ns groups of 8 samples at s0, ORed
/// into out (the caller applies `invert`).
AVX512 __attribute__((always_inline)) static inline void avx512_hidden_tile(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long j0,
    int nj, const int32_t *limit, long s0, int ns, __m512i out[TILE_SAMPLES]) {
  __m512i acc[TILE_NEURONS][TILE_SAMPLES];
  avx512_count(x, b, words, p + j0 * words, M_AT(m, j0 * words), s0, nj, ns, acc);
  UNROLL
  for (int j = 0; j < nj; j++) {
    __m512i bound = _mm512_set1_epi64(limit[j0 + j]);
    __m512i bit = _mm512_set1_epi64((long long)(1ULL << (j0 + j)));
    UNROLL
    for (int k = 0; k < ns; k++) {
      __mmask8 below = _mm512_cmple_epi64_mask(acc[j][k], bound);
      out[k] = _mm512_mask_or_epi64(out[k], below, out[k], bit);
    }
  }
}

/// Every neuron's output bit on ns groups of 8 samples at s0: the bits of a group gather
/// in registers and are stored once.
AVX512 __attribute__((always_inline)) static inline void avx512_hidden_group(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long n,
    const int32_t *limit, const uint8_t *invert, long s0, int ns, uint64_t *y) {
  __m512i out[TILE_SAMPLES];
  UNROLL
  for (int k = 0; k < ns; k++) out[k] = _mm512_setzero_si512();
  long j0 = 0;
  for (; j0 + TILE_NEURONS <= n; j0 += TILE_NEURONS) {
    avx512_hidden_tile(x, b, words, p, m, j0, TILE_NEURONS, limit, s0, ns, out);
  }
  for (; j0 < n; j0++) avx512_hidden_tile(x, b, words, p, m, j0, 1, limit, s0, ns, out);
  // The negated neurons, once per word rather than once per neuron.
  uint64_t flips = 0;
  for (long j = 0; j < n; j++) flips |= (uint64_t)(invert[j] != 0) << j;
  __m512i flip = _mm512_set1_epi64((long long)flips);
  UNROLL
  for (int k = 0; k < ns; k++) _mm512_storeu_si512(y + s0 + 8 * k, _mm512_xor_si512(out[k], flip));
}

AVX512 __attribute__((always_inline)) static inline void mismatches_avx512_loop(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long n,
    int32_t *counts) {
  const long group = 8 * TILE_SAMPLES;
  long s = 0;
  for (; s + group <= b; s += group) {
    avx512_counts_group(x, b, words, p, m, n, s, TILE_SAMPLES, counts);
  }
  for (; s < b; s += 8) avx512_counts_group(x, b, words, p, m, n, s, 1, counts);
}

AVX512 static void mismatches_avx512(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long n,
    int32_t *counts) {
  // Two instances: with the mask, and without it (binary layers) decided at compile time.
  if (m == NULL) {
    mismatches_avx512_loop(x, b, words, p, NULL, n, counts);
  } else {
    mismatches_avx512_loop(x, b, words, p, m, n, counts);
  }
}

AVX512 __attribute__((always_inline)) static inline void hidden_avx512_loop(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long n,
    const int32_t *limit, const uint8_t *invert, uint64_t *y) {
  const long group = 8 * TILE_SAMPLES;
  long s = 0;
  for (; s + group <= b; s += group) {
    avx512_hidden_group(x, b, words, p, m, n, limit, invert, s, TILE_SAMPLES, y);
  }
  for (; s < b; s += 8) avx512_hidden_group(x, b, words, p, m, n, limit, invert, s, 1, y);
}

AVX512 static void hidden_avx512(
    const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m, long n,
    const int32_t *limit, const uint8_t *invert, uint64_t *y) {
  if (m == NULL) {
    hidden_avx512_loop(x, b, words, p, NULL, n, limit, invert, y);
  } else {
    hidden_avx512_loop(x, b, words, p, m, n, limit, invert, y);
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

void cbk_hidden(
    int path, const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m,
    long n, const int32_t *limit, const uint8_t *invert, uint64_t *y, int32_t *counts) {
#ifdef CBK_X86
  if (path == CBK_AVX512) {
    hidden_avx512(x, b, words, p, m, n, limit, invert, y);
    return;
  }
#endif
  cbk_mismatches(path, x, b, words, p, m, n, counts);
  cbk_activate(counts, b, n, limit, invert, y);
}

// ---- integer first layer ------------------------------------------------------------------

/// Unsigned (wrapping) arithmetic: the caller guarantees the int32 results, and a wrap on
/// bad input is then defined behaviour, never a trap.
__attribute__((always_inline)) static inline void integer_body(
    const int32_t *restrict x, long inputs, const int32_t *restrict w, long k,
    int32_t *restrict dots) {
  uint32_t *restrict d = (uint32_t *)dots;
  for (long o = 0; o < k; o++) d[o] = 0;
  for (long i = 0; i < inputs; i++) {
    uint32_t v = (uint32_t)x[i];
    if (v == 0) continue;
    const uint32_t *restrict row = (const uint32_t *)(w + i * k);
    for (long o = 0; o < k; o++) d[o] += row[o] * v;
  }
}

static void integer_portable(
    const int32_t *x, long inputs, const int32_t *w, long k, int32_t *dots) {
  integer_body(x, inputs, w, k, dots);
}

#ifdef CBK_X86
__attribute__((target("avx512f"))) static void integer_avx512(
    const int32_t *x, long inputs, const int32_t *w, long k, int32_t *dots) {
  integer_body(x, inputs, w, k, dots);
}
#endif

void cbk_integer_dots(
    int path, const int32_t *x, long inputs, const int32_t *w, long k, int32_t *dots) {
#ifdef CBK_X86
  if (path == CBK_AVX512) {
    integer_avx512(x, inputs, w, k, dots);
    return;
  }
#else
  (void)path;
#endif
  integer_portable(x, inputs, w, k, dots);
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
