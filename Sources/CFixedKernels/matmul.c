// Declared-width accumulator matrix product: one driver, three tile kernels (portable,
// AVX2, AVX-512) selected at run time. See include/CFixedKernels.h for the contract.
//
// The driver packs 4 rows of A into a panel (zero rows past the end) and walks the columns in
// chunks of the tile width (a zero-padded copy for the last partial chunk), so every tile
// kernel works on full tiles. Zero rows and columns add 0 to an accumulator at 0: they cannot
// overflow and leave the counters unchanged. Each tile keeps its accumulators in registers
// and adds the terms k = 0, 1, ... in order, checking every addition, unless the panel's
// bound proves no addition can leave the range (the unchecked tiles below).
//
// No VNNI: vpdpbusd adds four products to a lane in one step, so the sums after the first,
// second and third of them (which the contract checks, and which a saturating accumulator
// or the widest-value counter can see) never exist. The lanes here are int64 so that the
// exact sum of an in-range accumulator and a product always fits before the check.
#include "CFixedKernels.h"

#include <stdlib.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CFK_X86 1
#endif

enum { ROWS = 4, MAX_COLS = 32 };

/// The accumulator range and the constants of its overflow rules.
typedef struct {
  int64_t low, high, low_bits, sign_bit;
} rule;

static rule make_rule(int width) {
  rule r;
  r.high = (int64_t)(((uint64_t)1 << (width - 1)) - 1);
  r.low = -r.high - 1;
  r.low_bits = (int64_t)(((uint64_t)1 << width) - 1);
  r.sign_bit = (int64_t)((uint64_t)1 << (width - 1));
  return r;
}

typedef void (*tile_fn)(
    const int32_t *panel, const int32_t *b, long b_stride, long kk, const rule *r, int saturate,
    int64_t tile[ROWS][MAX_COLS], int64_t *overflows, uint64_t *magnitude);

// ---- portable ---------------------------------------------------------------------------

enum { PORTABLE_COLS = 8 };

static inline int64_t checked_add(
    int64_t acc, int64_t p, const rule *r, int saturate, int64_t *overflows,
    uint64_t *magnitude) {
  int64_t s = acc + p;
  *magnitude |= (uint64_t)(s ^ (s >> 63));
  int64_t t;
  if (saturate) {
    t = s < r->low ? r->low : (s > r->high ? r->high : s);
  } else {
    t = ((s & r->low_bits) ^ r->sign_bit) - r->sign_bit;
  }
  *overflows += t != s;
  return t;
}

static void tile_portable(
    const int32_t *panel, const int32_t *b, long b_stride, long kk, const rule *r, int saturate,
    int64_t tile[ROWS][MAX_COLS], int64_t *overflows, uint64_t *magnitude) {
  int64_t acc[ROWS][PORTABLE_COLS] = {{0}};
  int64_t ov = 0;
  uint64_t mag = 0;
  for (long k = 0; k < kk; k++) {
    const int32_t *brow = b + k * b_stride;
    for (int i = 0; i < ROWS; i++) {
      int64_t a = panel[k * ROWS + i];
      for (int j = 0; j < PORTABLE_COLS; j++) {
        acc[i][j] = checked_add(acc[i][j], a * (int64_t)brow[j], r, saturate, &ov, &mag);
      }
    }
  }
  for (int i = 0; i < ROWS; i++) {
    for (int j = 0; j < PORTABLE_COLS; j++) tile[i][j] = acc[i][j];
  }
  *overflows += ov;
  *magnitude |= mag;
}

#ifdef CFK_X86

// ---- AVX2: 4 rows x 8 columns, two 4-lane int64 vectors per row ----------------------------

enum { AVX2_COLS = 8 };

__attribute__((target("avx2"), always_inline)) static inline __m256i avx2_step(
    __m256i acc, __m256i p, int saturate, __m256i lo, __m256i hi, __m256i low_bits,
    __m256i sign_bit, __m256i *count, __m256i *mag) {
  const __m256i zero = _mm256_setzero_si256();
  __m256i s = _mm256_add_epi64(acc, p);
  *mag = _mm256_or_si256(*mag, _mm256_xor_si256(s, _mm256_cmpgt_epi64(zero, s)));
  __m256i t;
  if (saturate) {
    t = _mm256_blendv_epi8(s, lo, _mm256_cmpgt_epi64(lo, s));
    t = _mm256_blendv_epi8(t, hi, _mm256_cmpgt_epi64(t, hi));
  } else {
    t = _mm256_sub_epi64(_mm256_xor_si256(_mm256_and_si256(s, low_bits), sign_bit), sign_bit);
  }
  // cmpeq is -1 where unchanged: count + 1 - (unchanged ? 1 : 0) per lane, folded below.
  *count = _mm256_add_epi64(*count, _mm256_cmpeq_epi64(t, s));
  return t;
}

__attribute__((target("avx2"), always_inline)) static inline void avx2_tile_body(
    const int32_t *panel, const int32_t *b, long b_stride, long kk, const rule *r, int saturate,
    int64_t tile[ROWS][MAX_COLS], int64_t *overflows, uint64_t *magnitude) {
  const __m256i lo = _mm256_set1_epi64x(r->low), hi = _mm256_set1_epi64x(r->high);
  const __m256i low_bits = _mm256_set1_epi64x(r->low_bits);
  const __m256i sign_bit = _mm256_set1_epi64x(r->sign_bit);
  __m256i acc[ROWS][2];
  for (int i = 0; i < ROWS; i++) acc[i][0] = acc[i][1] = _mm256_setzero_si256();
  __m256i count = _mm256_setzero_si256(), mag = _mm256_setzero_si256();
  for (long k = 0; k < kk; k++) {
    const int32_t *brow = b + k * b_stride;
    __m256i b0 = _mm256_cvtepi32_epi64(_mm_loadu_si128((const __m128i *)brow));
    __m256i b1 = _mm256_cvtepi32_epi64(_mm_loadu_si128((const __m128i *)(brow + 4)));
    for (int i = 0; i < ROWS; i++) {
      __m256i a = _mm256_set1_epi64x(panel[k * ROWS + i]);
      acc[i][0] = avx2_step(
          acc[i][0], _mm256_mul_epi32(a, b0), saturate, lo, hi, low_bits, sign_bit, &count,
          &mag);
      acc[i][1] = avx2_step(
          acc[i][1], _mm256_mul_epi32(a, b1), saturate, lo, hi, low_bits, sign_bit, &count,
          &mag);
    }
  }
  for (int i = 0; i < ROWS; i++) {
    _mm256_storeu_si256((__m256i *)&tile[i][0], acc[i][0]);
    _mm256_storeu_si256((__m256i *)&tile[i][4], acc[i][1]);
  }
  int64_t c[4], m[4];
  _mm256_storeu_si256((__m256i *)c, count);
  _mm256_storeu_si256((__m256i *)m, mag);
  // Each lane counted -1 per unchanged sum over kk * ROWS * 2 additions.
  *overflows += (int64_t)kk * ROWS * 2 * 4 + c[0] + c[1] + c[2] + c[3];
  *magnitude |= (uint64_t)(m[0] | m[1] | m[2] | m[3]);
}

__attribute__((target("avx2"))) static void tile_avx2(
    const int32_t *panel, const int32_t *b, long b_stride, long kk, const rule *r, int saturate,
    int64_t tile[ROWS][MAX_COLS], int64_t *overflows, uint64_t *magnitude) {
  if (saturate) {
    avx2_tile_body(panel, b, b_stride, kk, r, 1, tile, overflows, magnitude);
  } else {
    avx2_tile_body(panel, b, b_stride, kk, r, 0, tile, overflows, magnitude);
  }
}

// ---- AVX-512 on int32 lanes: 4 rows x 32 columns, two 16-lane vectors per row --------------
//
// Taken when every sum fits the word or is detected: a range of at most 31 bits with products
// of at most 31 bits (the exact sum of an in-range accumulator and a product then fits 32
// bits), or a 32-bit range with products of at most 32 bits, where a sum outside the range is
// exactly a signed word overflow (operands of one sign, result of the other). Such a sum
// needs 33 bits: bit 31 of the magnitude records it.

enum { AVX512_I32_COLS = 32 };

__attribute__((target("avx512f"), always_inline)) static inline __m512i avx512_i32_step(
    __m512i acc, __m512i p, int saturate, int full_word, __m512i lo, __m512i hi, __m128i shift,
    __m512i *count, __m512i *mag, __m512i *word) {
  __m512i s = _mm512_add_epi32(acc, p);
  *mag = _mm512_or_si512(*mag, _mm512_xor_si512(s, _mm512_srai_epi32(s, 31)));
  __m512i t;
  __mmask16 changed;
  if (full_word) {
    __m512i carry = _mm512_and_si512(_mm512_xor_si512(acc, s), _mm512_xor_si512(p, s));
    changed = _mm512_cmplt_epi32_mask(carry, _mm512_setzero_si512());
    *word = _mm512_or_si512(*word, carry);
    t = s;
    if (saturate) {
      // Beyond the range on the side of p's sign: INT32_MIN for p < 0, INT32_MAX otherwise.
      __m512i bound = _mm512_xor_si512(_mm512_srai_epi32(p, 31), _mm512_set1_epi32(INT32_MAX));
      t = _mm512_mask_mov_epi32(s, changed, bound);
    }
  } else {
    if (saturate) {
      t = _mm512_min_epi32(_mm512_max_epi32(s, lo), hi);
    } else {
      t = _mm512_sra_epi32(_mm512_sll_epi32(s, shift), shift);
    }
    changed = _mm512_cmpneq_epi32_mask(t, s);
  }
  *count = _mm512_mask_add_epi32(*count, changed, *count, _mm512_set1_epi32(1));
  return t;
}

__attribute__((target("avx512f"), always_inline)) static inline void avx512_i32_tile_body(
    const int32_t *panel, const int32_t *b, long b_stride, long kk, const rule *r, int saturate,
    int full_word, int width, int64_t tile[ROWS][MAX_COLS], int64_t *overflows,
    uint64_t *magnitude) {
  const __m512i lo = _mm512_set1_epi32((int32_t)r->low), hi = _mm512_set1_epi32((int32_t)r->high);
  const __m128i shift = _mm_cvtsi32_si128(32 - width);
  __m512i acc[ROWS][2];
  for (int i = 0; i < ROWS; i++) acc[i][0] = acc[i][1] = _mm512_setzero_si512();
  __m512i count = _mm512_setzero_si512(), mag = _mm512_setzero_si512();
  __m512i word = _mm512_setzero_si512();
  for (long k = 0; k < kk; k++) {
    const int32_t *brow = b + k * b_stride;
    __m512i b0 = _mm512_loadu_si512((const void *)brow);
    __m512i b1 = _mm512_loadu_si512((const void *)(brow + 16));
    for (int i = 0; i < ROWS; i++) {
      __m512i a = _mm512_set1_epi32(panel[k * ROWS + i]);
      acc[i][0] = avx512_i32_step(
          acc[i][0], _mm512_mullo_epi32(a, b0), saturate, full_word, lo, hi, shift, &count,
          &mag, &word);
      acc[i][1] = avx512_i32_step(
          acc[i][1], _mm512_mullo_epi32(a, b1), saturate, full_word, lo, hi, shift, &count,
          &mag, &word);
    }
  }
  int32_t lanes[32], counts[16], bits[16], words[16];
  for (int i = 0; i < ROWS; i++) {
    _mm512_storeu_si512((void *)lanes, acc[i][0]);
    _mm512_storeu_si512((void *)(lanes + 16), acc[i][1]);
    for (int j = 0; j < 32; j++) tile[i][j] = lanes[j];
  }
  _mm512_storeu_si512((void *)counts, count);
  _mm512_storeu_si512((void *)bits, mag);
  _mm512_storeu_si512((void *)words, word);
  uint64_t m = 0;
  for (int j = 0; j < 16; j++) {
    *overflows += counts[j];
    m |= (uint32_t)bits[j] & 0x7FFFFFFFu;
    if (words[j] < 0) m |= 0x80000000u;
  }
  *magnitude |= m;
}

__attribute__((target("avx512f"))) static void tile_avx512_i32(
    const int32_t *panel, const int32_t *b, long b_stride, long kk, const rule *r, int saturate,
    int full_word, int width, int64_t tile[ROWS][MAX_COLS], int64_t *overflows,
    uint64_t *magnitude) {
  if (full_word) {
    if (saturate) {
      avx512_i32_tile_body(panel, b, b_stride, kk, r, 1, 1, width, tile, overflows, magnitude);
    } else {
      avx512_i32_tile_body(panel, b, b_stride, kk, r, 0, 1, width, tile, overflows, magnitude);
    }
  } else if (saturate) {
    avx512_i32_tile_body(panel, b, b_stride, kk, r, 1, 0, width, tile, overflows, magnitude);
  } else {
    avx512_i32_tile_body(panel, b, b_stride, kk, r, 0, 0, width, tile, overflows, magnitude);
  }
}

// ---- AVX-512: 4 rows x 16 columns, two 8-lane int64 vectors per row ------------------------

enum { AVX512_COLS = 16 };

__attribute__((target("avx512f"), always_inline)) static inline __m512i avx512_step(
    __m512i acc, __m512i p, int saturate, __m512i lo, __m512i hi, __m512i low_bits,
    __m512i sign_bit, __m512i *count, __m512i *mag) {
  __m512i s = _mm512_add_epi64(acc, p);
  *mag = _mm512_or_si512(*mag, _mm512_xor_si512(s, _mm512_srai_epi64(s, 63)));
  __m512i t;
  if (saturate) {
    t = _mm512_min_epi64(_mm512_max_epi64(s, lo), hi);
  } else {
    t = _mm512_sub_epi64(_mm512_xor_si512(_mm512_and_si512(s, low_bits), sign_bit), sign_bit);
  }
  __mmask8 changed = _mm512_cmpneq_epi64_mask(t, s);
  *count = _mm512_mask_add_epi64(*count, changed, *count, _mm512_set1_epi64(1));
  return t;
}

__attribute__((target("avx512f"), always_inline)) static inline void avx512_tile_body(
    const int32_t *panel, const int32_t *b, long b_stride, long kk, const rule *r, int saturate,
    int64_t tile[ROWS][MAX_COLS], int64_t *overflows, uint64_t *magnitude) {
  const __m512i lo = _mm512_set1_epi64(r->low), hi = _mm512_set1_epi64(r->high);
  const __m512i low_bits = _mm512_set1_epi64(r->low_bits);
  const __m512i sign_bit = _mm512_set1_epi64(r->sign_bit);
  __m512i acc[ROWS][2];
  for (int i = 0; i < ROWS; i++) acc[i][0] = acc[i][1] = _mm512_setzero_si512();
  __m512i count = _mm512_setzero_si512(), mag = _mm512_setzero_si512();
  for (long k = 0; k < kk; k++) {
    const int32_t *brow = b + k * b_stride;
    __m512i b0 = _mm512_cvtepi32_epi64(_mm256_loadu_si256((const __m256i *)brow));
    __m512i b1 = _mm512_cvtepi32_epi64(_mm256_loadu_si256((const __m256i *)(brow + 8)));
    for (int i = 0; i < ROWS; i++) {
      __m512i a = _mm512_set1_epi64(panel[k * ROWS + i]);
      acc[i][0] = avx512_step(
          acc[i][0], _mm512_mul_epi32(a, b0), saturate, lo, hi, low_bits, sign_bit, &count,
          &mag);
      acc[i][1] = avx512_step(
          acc[i][1], _mm512_mul_epi32(a, b1), saturate, lo, hi, low_bits, sign_bit, &count,
          &mag);
    }
  }
  for (int i = 0; i < ROWS; i++) {
    _mm512_storeu_si512((void *)&tile[i][0], acc[i][0]);
    _mm512_storeu_si512((void *)&tile[i][8], acc[i][1]);
  }
  *overflows += _mm512_reduce_add_epi64(count);
  *magnitude |= (uint64_t)_mm512_reduce_or_epi64(mag);
}

__attribute__((target("avx512f"))) static void tile_avx512(
    const int32_t *panel, const int32_t *b, long b_stride, long kk, const rule *r, int saturate,
    int64_t tile[ROWS][MAX_COLS], int64_t *overflows, uint64_t *magnitude) {
  if (saturate) {
    avx512_tile_body(panel, b, b_stride, kk, r, 1, tile, overflows, magnitude);
  } else {
    avx512_tile_body(panel, b, b_stride, kk, r, 0, tile, overflows, magnitude);
  }
}

#endif

// ---- unchecked tiles -------------------------------------------------------------------
//
// The driver takes these for a panel whose sums provably stay in the accumulator range: with
// amax[k] the largest |a(i, k)| of the panel's rows and bmax[k] the largest |b(k, j)|, every
// partial sum has magnitude at most sum_k amax[k] * bmax[k]; when that bound is within the
// range no addition can overflow, wrap or saturate, so the checks would change nothing. They
// still see every partial sum: each lane keeps the largest and the smallest, which give the
// widest value exactly (see widest_of).

/// A value whose bit length is that of the OR over s of (s XOR (s >> 63)) for every s in
/// [lo, hi] that occurred, given the largest hi >= 0 and the smallest lo <= 0 (the mapping is
/// s for s >= 0 and -s-1 below, monotone on each side, so its maximum is at hi or at lo).
static uint64_t widest_of(int64_t hi, int64_t lo) {
  return (uint64_t)(hi > 0 ? hi : 0) | (lo < 0 ? (uint64_t)~lo : 0);
}

typedef void (*fast_fn)(
    const int32_t *panel, const int32_t *b, long b_stride, long kk,
    int64_t tile[ROWS][MAX_COLS], uint64_t *magnitude);

static void fast_portable(
    const int32_t *panel, const int32_t *b, long b_stride, long kk,
    int64_t tile[ROWS][MAX_COLS], uint64_t *magnitude) {
  int64_t acc[ROWS][PORTABLE_COLS] = {{0}};
  int64_t hi = 0, lo = 0;
  for (long k = 0; k < kk; k++) {
    const int32_t *brow = b + k * b_stride;
    for (int i = 0; i < ROWS; i++) {
      int64_t a = panel[k * ROWS + i];
      for (int j = 0; j < PORTABLE_COLS; j++) {
        int64_t s = acc[i][j] + a * (int64_t)brow[j];
        acc[i][j] = s;
        hi = s > hi ? s : hi;
        lo = s < lo ? s : lo;
      }
    }
  }
  for (int i = 0; i < ROWS; i++) {
    for (int j = 0; j < PORTABLE_COLS; j++) tile[i][j] = acc[i][j];
  }
  *magnitude |= widest_of(hi, lo);
}

#ifdef CFK_X86

/// Folds per-lane int32 extremes into the magnitude.
static void fold32(const int32_t *his, const int32_t *los, int lanes, uint64_t *magnitude) {
  int64_t hi = 0, lo = 0;
  for (int j = 0; j < lanes; j++) {
    hi = his[j] > hi ? his[j] : hi;
    lo = los[j] < lo ? los[j] : lo;
  }
  *magnitude |= widest_of(hi, lo);
}

// AVX2, 32-bit lanes (bound <= INT32_MAX): 4 rows x 16 columns, two 8-lane vectors per row.
enum { AVX2_FAST_COLS = 16 };

__attribute__((target("avx2"))) static void fast_avx2_i32(
    const int32_t *panel, const int32_t *b, long b_stride, long kk,
    int64_t tile[ROWS][MAX_COLS], uint64_t *magnitude) {
  __m256i acc[ROWS][2];
  for (int i = 0; i < ROWS; i++) acc[i][0] = acc[i][1] = _mm256_setzero_si256();
  __m256i hi = _mm256_setzero_si256(), lo = _mm256_setzero_si256();
  for (long k = 0; k < kk; k++) {
    const int32_t *brow = b + k * b_stride;
    __m256i b0 = _mm256_loadu_si256((const __m256i *)brow);
    __m256i b1 = _mm256_loadu_si256((const __m256i *)(brow + 8));
    for (int i = 0; i < ROWS; i++) {
      __m256i a = _mm256_set1_epi32(panel[k * ROWS + i]);
      __m256i s0 = _mm256_add_epi32(acc[i][0], _mm256_mullo_epi32(a, b0));
      __m256i s1 = _mm256_add_epi32(acc[i][1], _mm256_mullo_epi32(a, b1));
      hi = _mm256_max_epi32(hi, _mm256_max_epi32(s0, s1));
      lo = _mm256_min_epi32(lo, _mm256_min_epi32(s0, s1));
      acc[i][0] = s0;
      acc[i][1] = s1;
    }
  }
  int32_t lanes[16], his[8], los[8];
  for (int i = 0; i < ROWS; i++) {
    _mm256_storeu_si256((__m256i *)lanes, acc[i][0]);
    _mm256_storeu_si256((__m256i *)(lanes + 8), acc[i][1]);
    for (int j = 0; j < 16; j++) tile[i][j] = lanes[j];
  }
  _mm256_storeu_si256((__m256i *)his, hi);
  _mm256_storeu_si256((__m256i *)los, lo);
  fold32(his, los, 8, magnitude);
}

// AVX-512, 32-bit lanes (bound <= INT32_MAX): 4 rows x 32 columns.
__attribute__((target("avx512f"))) static void fast_avx512_i32(
    const int32_t *panel, const int32_t *b, long b_stride, long kk,
    int64_t tile[ROWS][MAX_COLS], uint64_t *magnitude) {
  __m512i acc[ROWS][2];
  for (int i = 0; i < ROWS; i++) acc[i][0] = acc[i][1] = _mm512_setzero_si512();
  __m512i hi = _mm512_setzero_si512(), lo = _mm512_setzero_si512();
  for (long k = 0; k < kk; k++) {
    const int32_t *brow = b + k * b_stride;
    __m512i b0 = _mm512_loadu_si512((const void *)brow);
    __m512i b1 = _mm512_loadu_si512((const void *)(brow + 16));
    for (int i = 0; i < ROWS; i++) {
      __m512i a = _mm512_set1_epi32(panel[k * ROWS + i]);
      __m512i s0 = _mm512_add_epi32(acc[i][0], _mm512_mullo_epi32(a, b0));
      __m512i s1 = _mm512_add_epi32(acc[i][1], _mm512_mullo_epi32(a, b1));
      hi = _mm512_max_epi32(hi, _mm512_max_epi32(s0, s1));
      lo = _mm512_min_epi32(lo, _mm512_min_epi32(s0, s1));
      acc[i][0] = s0;
      acc[i][1] = s1;
    }
  }
  int32_t lanes[32], his[16], los[16];
  for (int i = 0; i < ROWS; i++) {
    _mm512_storeu_si512((void *)lanes, acc[i][0]);
    _mm512_storeu_si512((void *)(lanes + 16), acc[i][1]);
    for (int j = 0; j < 32; j++) tile[i][j] = lanes[j];
  }
  _mm512_storeu_si512((void *)his, hi);
  _mm512_storeu_si512((void *)los, lo);
  fold32(his, los, 16, magnitude);
}

// AVX-512, 64-bit lanes (bound within the range, above INT32_MAX): 4 rows x 16 columns.
__attribute__((target("avx512f"))) static void fast_avx512_i64(
    const int32_t *panel, const int32_t *b, long b_stride, long kk,
    int64_t tile[ROWS][MAX_COLS], uint64_t *magnitude) {
  __m512i acc[ROWS][2];
  for (int i = 0; i < ROWS; i++) acc[i][0] = acc[i][1] = _mm512_setzero_si512();
  __m512i hi = _mm512_setzero_si512(), lo = _mm512_setzero_si512();
  for (long k = 0; k < kk; k++) {
    const int32_t *brow = b + k * b_stride;
    __m512i b0 = _mm512_cvtepi32_epi64(_mm256_loadu_si256((const __m256i *)brow));
    __m512i b1 = _mm512_cvtepi32_epi64(_mm256_loadu_si256((const __m256i *)(brow + 8)));
    for (int i = 0; i < ROWS; i++) {
      __m512i a = _mm512_set1_epi64(panel[k * ROWS + i]);
      __m512i s0 = _mm512_add_epi64(acc[i][0], _mm512_mul_epi32(a, b0));
      __m512i s1 = _mm512_add_epi64(acc[i][1], _mm512_mul_epi32(a, b1));
      hi = _mm512_max_epi64(hi, _mm512_max_epi64(s0, s1));
      lo = _mm512_min_epi64(lo, _mm512_min_epi64(s0, s1));
      acc[i][0] = s0;
      acc[i][1] = s1;
    }
  }
  for (int i = 0; i < ROWS; i++) {
    _mm512_storeu_si512((void *)&tile[i][0], acc[i][0]);
    _mm512_storeu_si512((void *)&tile[i][8], acc[i][1]);
  }
  *magnitude |= widest_of(_mm512_reduce_max_epi64(hi), _mm512_reduce_min_epi64(lo));
}

#endif

// ---- dispatch and driver ----------------------------------------------------------------

int cfk_path_available(int path) {
  switch (path) {
    case CFK_PORTABLE:
      return 1;
#ifdef CFK_X86
    case CFK_AVX2:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx2");
    case CFK_AVX512:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx512f");
#endif
    default:
      return 0;
  }
}

int cfk_best_path(void) {
  if (cfk_path_available(CFK_AVX512)) return CFK_AVX512;
  if (cfk_path_available(CFK_AVX2)) return CFK_AVX2;
  return CFK_PORTABLE;
}

/// The largest |x| of n values (as int64: |INT32_MIN| fits).
static int64_t largest(const int32_t *x, long n, long stride) {
  int64_t m = 0;
  for (long j = 0; j < n; j++) {
    int64_t v = x[j * stride];
    v = v < 0 ? -v : v;
    m = v > m ? v : m;
  }
  return m;
}

/// sum_k amax[k] * bmax[k] over the packed panel, or limit + 1 as soon as it exceeds limit
/// (limit < 2^63; each term is below 2^62, so the running sum never wraps).
static uint64_t panel_bound(
    const int32_t *panel, const int64_t *bmax, long kk, uint64_t limit) {
  uint64_t bound = 0;
  for (long k = 0; k < kk; k++) {
    int64_t amax = largest(panel + k * ROWS, ROWS, 1);
    bound += (uint64_t)amax * (uint64_t)bmax[k];
    if (bound > limit) return limit + 1;
  }
  return bound;
}

int cfk_matmul(
    int path, const int32_t *a, long a_row, long a_col, const int32_t *b, long m, long kk,
    long n, int width, int saturate, int product_bits, int64_t *out, cfk_events *events) {
  tile_fn tile_kernel = tile_portable;
  long checked_cols = PORTABLE_COLS;
  // The unchecked tiles: 32-bit lanes when the bound fits them, else 64-bit ones.
  fast_fn fast32 = fast_portable, fast64 = fast_portable;
  long fast32_cols = PORTABLE_COLS, fast64_cols = PORTABLE_COLS;
#ifdef CFK_X86
  int lanes32 = 0, full_word = 0;
  if (path == CFK_AVX512 && ((width <= 31 && product_bits <= 31) ||
                             (width == 32 && product_bits <= 32))) {
    lanes32 = 1;
    full_word = width == 32;
    checked_cols = AVX512_I32_COLS;
  } else if (path == CFK_AVX2) {
    tile_kernel = tile_avx2;
    checked_cols = AVX2_COLS;
  } else if (path == CFK_AVX512) {
    tile_kernel = tile_avx512;
    checked_cols = AVX512_COLS;
  }
  if (path == CFK_AVX2) {
    fast32 = fast_avx2_i32;
    fast32_cols = AVX2_FAST_COLS;
  } else if (path == CFK_AVX512) {
    fast32 = fast_avx512_i32;
    fast32_cols = AVX512_I32_COLS;
    fast64 = fast_avx512_i64;
    fast64_cols = AVX512_COLS;
  }
#else
  (void)path;
  (void)product_bits;
#endif
  long depth = kk > 0 ? kk : 1;
  int32_t *panel = malloc(sizeof(int32_t) * (size_t)(depth * ROWS));
  int32_t *pad = malloc(sizeof(int32_t) * (size_t)(depth * MAX_COLS));
  int64_t *bmax = malloc(sizeof(int64_t) * (size_t)depth);
  if (panel == NULL || pad == NULL || bmax == NULL) {
    free(panel);
    free(pad);
    free(bmax);
    return -1;
  }
  for (long k = 0; k < kk; k++) bmax[k] = largest(b + k * n, n, 1);
  rule r = make_rule(width);
  int64_t overflows = 0;
  uint64_t magnitude = 0;
  int64_t tile[ROWS][MAX_COLS];
  for (long i0 = 0; i0 < m; i0 += ROWS) {
    long rows = m - i0 < ROWS ? m - i0 : ROWS;
    for (long k = 0; k < kk; k++) {
      for (long i = 0; i < ROWS; i++) {
        panel[k * ROWS + i] = i < rows ? a[(i0 + i) * a_row + k * a_col] : 0;
      }
    }
    uint64_t bound = panel_bound(panel, bmax, kk, (uint64_t)r.high);
    fast_fn fast = NULL;
    long cols = checked_cols;
    if (bound <= (uint64_t)r.high) {
      fast = bound <= (uint64_t)INT32_MAX ? fast32 : fast64;
      cols = bound <= (uint64_t)INT32_MAX ? fast32_cols : fast64_cols;
    }
    for (long j0 = 0; j0 < n; j0 += cols) {
      long width_here = n - j0 < cols ? n - j0 : cols;
      const int32_t *bp = b + j0;
      long stride = n;
      if (width_here < cols) {
        for (long k = 0; k < kk; k++) {
          for (long j = 0; j < cols; j++) pad[k * cols + j] = j < width_here ? b[k * n + j0 + j] : 0;
        }
        bp = pad;
        stride = cols;
      }
      if (fast != NULL) {
        fast(panel, bp, stride, kk, tile, &magnitude);
      } else {
#ifdef CFK_X86
        if (lanes32) {
          tile_avx512_i32(
              panel, bp, stride, kk, &r, saturate, full_word, width, tile, &overflows,
              &magnitude);
        } else {
          tile_kernel(panel, bp, stride, kk, &r, saturate, tile, &overflows, &magnitude);
        }
#else
        tile_kernel(panel, bp, stride, kk, &r, saturate, tile, &overflows, &magnitude);
#endif
      }
      for (long i = 0; i < rows; i++) {
        for (long j = 0; j < width_here; j++) out[(i0 + i) * n + j0 + j] = tile[i][j];
      }
    }
  }
  free(panel);
  free(pad);
  free(bmax);
  events->overflows += overflows;
  events->magnitude |= magnitude;
  return 0;
}
