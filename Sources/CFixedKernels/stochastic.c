// Constant quantization of a weight gradient with stochastic rounding (see CFixedKernels.h):
// the Philox4x64-10 words of BitCore's CounterRNG, computed only for the blocks of four
// elements of which at least one drops nonzero bits, as the Swift quantizer does.
#include "CFixedKernels.h"

void cfk_philox_block(uint64_t seed, uint64_t stream, uint64_t counter, uint64_t out[4]) {
  uint64_t c0 = counter, c1 = 0, c2 = 0, c3 = 0, k0 = seed, k1 = stream;
  for (int round = 0; round < 10; round++) {
    if (round > 0) {
      k0 += 0x9E3779B97F4A7C15ull;
      k1 += 0xBB67AE8584CAA73Bull;
    }
    unsigned __int128 p0 = (unsigned __int128)0xD2E7470EE14C6C93ull * c0;
    unsigned __int128 p1 = (unsigned __int128)0xCA5A826395121157ull * c2;
    uint64_t hi0 = (uint64_t)(p0 >> 64), lo0 = (uint64_t)p0;
    uint64_t hi1 = (uint64_t)(p1 >> 64), lo1 = (uint64_t)p1;
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/// Four consecutive Philox blocks counter, counter + 1, ... at once: independent chains that
/// the CPU overlaps (the same words as four cfk_philox_block calls).
static void philox_blocks4(uint64_t seed, uint64_t stream, uint64_t counter, uint64_t out[16]) {
  uint64_t c0[4], c1[4] = {0}, c2[4] = {0}, c3[4] = {0};
  for (int b = 0; b < 4; b++) c0[b] = counter + (uint64_t)b;
  uint64_t k0 = seed, k1 = stream;
  for (int round = 0; round < 10; round++) {
    if (round > 0) {
      k0 += 0x9E3779B97F4A7C15ull;
      k1 += 0xBB67AE8584CAA73Bull;
    }
    for (int b = 0; b < 4; b++) {
      unsigned __int128 p0 = (unsigned __int128)0xD2E7470EE14C6C93ull * c0[b];
      unsigned __int128 p1 = (unsigned __int128)0xCA5A826395121157ull * c2[b];
      uint64_t hi0 = (uint64_t)(p0 >> 64), lo0 = (uint64_t)p0;
      uint64_t hi1 = (uint64_t)(p1 >> 64), lo1 = (uint64_t)p1;
      c0[b] = hi1 ^ c1[b] ^ k0;
      c1[b] = lo1;
      c2[b] = hi0 ^ c3[b] ^ k1;
      c3[b] = lo0;
    }
  }
  for (int b = 0; b < 4; b++) {
    out[4 * b] = c0[b];
    out[4 * b + 1] = c1[b];
    out[4 * b + 2] = c2[b];
    out[4 * b + 3] = c3[b];
  }
}

#if defined(__x86_64__)
#include <immintrin.h>

/// The high 64 bits of x * m per lane (m split into 32-bit halves): four 32x32 products.
__attribute__((target("avx512f"), always_inline)) static inline __m512i mulhi64(
    __m512i x, __m512i m_low, __m512i m_high) {
  const __m512i mask = _mm512_set1_epi64(0xFFFFFFFF);
  __m512i x_high = _mm512_srli_epi64(x, 32);
  __m512i ll = _mm512_mul_epu32(x, m_low);
  __m512i lh = _mm512_mul_epu32(x, m_high);
  __m512i hl = _mm512_mul_epu32(x_high, m_low);
  __m512i hh = _mm512_mul_epu32(x_high, m_high);
  __m512i t = _mm512_add_epi64(_mm512_srli_epi64(ll, 32), lh);  // below 2^64
  __m512i u = _mm512_add_epi64(_mm512_and_si512(t, mask), hl);  // below 2^64
  return _mm512_add_epi64(
      _mm512_add_epi64(hh, _mm512_srli_epi64(t, 32)), _mm512_srli_epi64(u, 32));
}

/// Eight consecutive Philox blocks counter, counter + 1, ... in the lanes of AVX-512 vectors
/// (the same words as eight cfk_philox_block calls), returned in element order: lane l of
/// out[v] is word (8 * v + l) % 4 of block (8 * v + l) / 4.
__attribute__((target("avx512f,avx512dq"))) static void philox_blocks8(
    uint64_t seed, uint64_t stream, uint64_t counter, __m512i out[4]) {
  const uint64_t m0 = 0xD2E7470EE14C6C93ull, m1 = 0xCA5A826395121157ull;
  const __m512i m0v = _mm512_set1_epi64((long long)m0), m1v = _mm512_set1_epi64((long long)m1);
  const __m512i m0_low = _mm512_set1_epi64(m0 & 0xFFFFFFFF), m0_high = _mm512_set1_epi64(m0 >> 32);
  const __m512i m1_low = _mm512_set1_epi64(m1 & 0xFFFFFFFF), m1_high = _mm512_set1_epi64(m1 >> 32);
  __m512i c0 = _mm512_add_epi64(
      _mm512_set1_epi64((long long)counter), _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0));
  __m512i c1 = _mm512_setzero_si512(), c2 = _mm512_setzero_si512(), c3 = _mm512_setzero_si512();
  uint64_t k0 = seed, k1 = stream;
  for (int round = 0; round < 10; round++) {
    if (round > 0) {
      k0 += 0x9E3779B97F4A7C15ull;
      k1 += 0xBB67AE8584CAA73Bull;
    }
    __m512i hi0 = mulhi64(c0, m0_low, m0_high), lo0 = _mm512_mullo_epi64(c0, m0v);
    __m512i hi1 = mulhi64(c2, m1_low, m1_high), lo1 = _mm512_mullo_epi64(c2, m1v);
    c0 = _mm512_xor_si512(_mm512_xor_si512(hi1, c1), _mm512_set1_epi64((long long)k0));
    c1 = lo1;
    c2 = _mm512_xor_si512(_mm512_xor_si512(hi0, c3), _mm512_set1_epi64((long long)k1));
    c3 = lo0;
  }
  // Transpose in registers: pairs (word 0, 1) and (2, 3) of each block, then 128-bit pieces.
  __m512i even01 = _mm512_unpacklo_epi64(c0, c1), odd01 = _mm512_unpackhi_epi64(c0, c1);
  __m512i even23 = _mm512_unpacklo_epi64(c2, c3), odd23 = _mm512_unpackhi_epi64(c2, c3);
  __m512i low_even = _mm512_shuffle_i64x2(even01, even23, 0x44);
  __m512i low_odd = _mm512_shuffle_i64x2(odd01, odd23, 0x44);
  __m512i high_even = _mm512_shuffle_i64x2(even01, even23, 0xEE);
  __m512i high_odd = _mm512_shuffle_i64x2(odd01, odd23, 0xEE);
  out[0] = _mm512_shuffle_i64x2(low_even, low_odd, 0x88);
  out[1] = _mm512_shuffle_i64x2(low_even, low_odd, 0xDD);
  out[2] = _mm512_shuffle_i64x2(high_even, high_odd, 0x88);
  out[3] = _mm512_shuffle_i64x2(high_even, high_odd, 0xDD);
}
#endif

/// Whether philox_blocks8 and constant_quantize32 run on this CPU.
static int has_blocks8(void) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
#else
  return 0;
#endif
}

#if defined(__x86_64__)
/// Constant quantization of g[base..<base+32*groups] (base a multiple of 4) in AVX-512 lanes:
/// the same codes and counters as the portable loop of cfk_constant_quantize, with the random
/// round-up and the sign applied by lane masks instead of branches.
__attribute__((target("avx512f,avx512dq"))) static void constant_quantize32(
    const int64_t *g, long base, long groups, int s, int floor_form, int64_t bound,
    uint64_t seed, uint64_t stream, int64_t *out, int64_t *rounded, int64_t *overflowed,
    uint64_t *magnitude) {
  const __m128i shift = _mm_cvtsi32_si128(s), word_shift = _mm_cvtsi32_si128(64 - s);
  const __m512i dropped = _mm512_set1_epi64((long long)(((uint64_t)1 << s) - 1));
  const __m512i one = _mm512_set1_epi64(1), zero = _mm512_setzero_si512();
  const __m512i high = _mm512_set1_epi64(bound), low = _mm512_set1_epi64(-bound);
  __m512i magnitudes = zero;
  int64_t rounded_count = 0, overflowed_count = 0;
  for (long group = 0; group < groups; group++, base += 32) {
    __m512i c[4], m[4];
    __mmask8 some[4];
    int needed = 0;
    for (int v = 0; v < 4; v++) {
      c[v] = _mm512_loadu_si512((const void *)(g + base + 8 * v));
      m[v] = floor_form ? c[v] : _mm512_abs_epi64(c[v]);
      some[v] = _mm512_test_epi64_mask(m[v], dropped);
      needed |= some[v];
    }
    __m512i words[4];
    if (needed) philox_blocks8(seed, stream, (uint64_t)base / 4 + 1, words);
    for (int v = 0; v < 4; v++) {
      __m512i rem = _mm512_and_si512(m[v], dropped);
      // Without dropped bits rem is 0 and never above the word's top bits, so the words of a
      // group that needs none are never used.
      __mmask8 up =
          needed ? _mm512_cmplt_epu64_mask(_mm512_srl_epi64(words[v], word_shift), rem) : 0;
      __m512i value;
      if (floor_form) {
        __m512i q = _mm512_sra_epi64(c[v], shift);
        value = _mm512_mask_add_epi64(q, up, q, one);
      } else {
        __m512i q = _mm512_srl_epi64(m[v], shift);
        q = _mm512_mask_add_epi64(q, up, q, one);
        value = _mm512_mask_sub_epi64(q, _mm512_movepi64_mask(c[v]), zero, q);
      }
      __m512i kept = _mm512_min_epi64(_mm512_max_epi64(value, low), high);
      rounded_count += __builtin_popcount(some[v]);
      overflowed_count += __builtin_popcount(_mm512_cmpneq_epi64_mask(kept, value));
      magnitudes = _mm512_or_si512(
          magnitudes, _mm512_xor_si512(kept, _mm512_srai_epi64(kept, 63)));
      _mm512_storeu_si512((void *)(out + base + 8 * v), kept);
    }
  }
  *rounded += rounded_count;
  *overflowed += overflowed_count;
  *magnitude |= (uint64_t)_mm512_reduce_or_epi64(magnitudes);
}
#endif

void cfk_constant_quantize(
    const int64_t *g, long first, long n, int s, int floor_form, int64_t bound, uint64_t seed,
    uint64_t stream, int64_t *out, cfk_quantize_counts *counts) {
  const uint64_t dropped = ((uint64_t)1 << s) - 1;
  int64_t rounded = 0, overflowed = 0;
  uint64_t magnitude = 0;
  long base = first;
#if defined(__x86_64__)
  // Whole groups of 32 elements (eight blocks) in AVX-512 lanes; a block's words depend only
  // on its counter, so the rest continues with the same words below.
  if (has_blocks8() && n >= 32) {
    constant_quantize32(
        g, base, n / 32, s, floor_form, bound, seed, stream, out, &rounded, &overflowed,
        &magnitude);
    base += n / 32 * 32;
  }
#endif
  // Groups of 16 elements (four blocks) while they last, then of 4. A block whose elements
  // drop no bits is never read, so computing it anyway changes nothing.
  while (base < first + n) {
    long size = first + n - base >= 16 ? 16 : 4;
    long end = base + size < first + n ? base + size : first + n;
    int needed = 0;
    for (long i = base; i < end; i++) {
      uint64_t bits = floor_form ? (uint64_t)g[i] : (g[i] < 0 ? -(uint64_t)g[i] : (uint64_t)g[i]);
      needed |= (bits & dropped) != 0;
    }
    uint64_t words[16] = {0};
    if (needed && size == 16) {
      philox_blocks4(seed, stream, (uint64_t)base / 4 + 1, words);
    } else if (needed) {
      cfk_philox_block(seed, stream, (uint64_t)base / 4 + 1, words);
    }
    for (long i = base; i < end; i++) {
      int64_t c = g[i];
      // All ones for a negative element, else 0: the sign is restored without a branch.
      uint64_t negative = floor_form ? 0 : (uint64_t)(c >> 63);
      uint64_t m = floor_form ? (uint64_t)c : ((uint64_t)c ^ negative) - negative;
      uint64_t rem = m & dropped;
      // rem == 0 is never above the word's top bits, so this is the round-up of the stochastic
      // rounding (words of blocks that need none are 0 and unused).
      uint64_t up = (words[i - base] >> (64 - s)) < rem;
      int64_t value = floor_form ? (c >> s) + (int64_t)up
                                 : (int64_t)((((m >> s) + up) ^ negative) - negative);
      rounded += rem != 0;
      int64_t kept = value > bound ? bound : (value < -bound ? -bound : value);
      overflowed += kept != value;
      magnitude |= (uint64_t)(kept ^ (kept >> 63));
      out[i] = kept;
    }
    base = end;
  }
  counts->rounded += rounded;
  counts->overflowed += overflowed;
  counts->magnitude |= magnitude;
}
