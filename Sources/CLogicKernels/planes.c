// Sample-major bytes → a tile's input planes (see CLogicKernels.h).
//
// Eight samples' bytes for the same inputs are merged into one byte per input (sample k of
// the eight in bit k: each byte tested for non-zero, shifted or masked into place and ORed),
// which gives, per group of eight samples, one byte of each input's plane word. An 8 × 8
// byte transpose of eight such groups then yields whole plane words. The portable path
// works on 8 inputs at a time in 64-bit words; AVX2 and AVX-512 on 32 and 64 inputs at a
// time (one load per sample), with the byte transpose done by unpack instructions.
#include <string.h>

#include "kernels.h"

#if defined(CLK_X86)
#include <immintrin.h>
#endif

/// 0x01 in each byte of x that is not zero, 0x00 elsewhere.
CLK_INLINE uint64_t nonzero_bytes(uint64_t x) {
  const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
  return ((((x & low7) + low7) | x) >> 7) & 0x0101010101010101ULL;
}

/// Transposes the 8 × 8 byte matrix t[g] byte i → t[i] byte g.
CLK_INLINE void transpose_bytes(uint64_t t[8]) {
  for (int g = 0; g < 4; g++) {
    uint64_t a = t[g], b = t[g + 4];
    t[g] = (a & 0x00000000FFFFFFFFULL) | (b << 32);
    t[g + 4] = (a >> 32) | (b & 0xFFFFFFFF00000000ULL);
  }
  for (int g = 0; g < 8; g += (g & 1) ? 3 : 1) {
    uint64_t a = t[g], b = t[g + 2];
    t[g] = (a & 0x0000FFFF0000FFFFULL) | ((b & 0x0000FFFF0000FFFFULL) << 16);
    t[g + 2] = ((a >> 16) & 0x0000FFFF0000FFFFULL) | (b & 0xFFFF0000FFFF0000ULL);
  }
  for (int g = 0; g < 8; g += 2) {
    uint64_t a = t[g], b = t[g + 1];
    t[g] = (a & 0x00FF00FF00FF00FFULL) | ((b & 0x00FF00FF00FF00FFULL) << 8);
    t[g + 1] = ((a >> 8) & 0x00FF00FF00FF00FFULL) | (b & 0xFF00FF00FF00FF00ULL);
  }
}

void clk__planes_portable(
    const uint8_t *bytes, long inputs, long input_begin, long count, long group_begin,
    long group_end, uint64_t *planes) {
  for (long w = group_begin; w < group_end; w++) {
    for (long i0 = input_begin; i0 < inputs; i0 += 8) {
      long m = inputs - i0 < 8 ? inputs - i0 : 8;
      uint64_t t[8];
      for (int g = 0; g < 8; g++) {
        uint64_t merged = 0;
        for (int k = 0; k < 8; k++) {
          long s = 64 * w + 8 * g + k;
          if (s >= count) break;
          uint64_t q = 0;
          memcpy(&q, bytes + s * inputs + i0, (size_t)m);
          merged |= nonzero_bytes(q) << k;
        }
        t[g] = merged;
      }
      transpose_bytes(t);
      for (long j = 0; j < m; j++) planes[(i0 + j) * 8 + w] = t[j];
    }
  }
}

#if defined(CLK_X86)

// After three unpack stages (bytes, 16-bit, 32-bit) over eight merged vectors a[0..7] (a[g]
// byte i: samples 8g … 8g+7 of input i), vector r = 2q + h holds in its 128-bit lane L, 64-bit
// element j, the plane word of input 16L + 4q + 2h + j.
#define CLK_PLANE_INPUT(r, L, j) (16 * (L) + 4 * ((r) >> 1) + 2 * ((r) & 1) + (j))

CLK_AVX2_TARGET void clk__planes_avx2(
    const uint8_t *bytes, long inputs, long count, uint64_t *planes) {
  long full = count / 64, vectors = inputs / 32;
  const __m256i zero = _mm256_setzero_si256();
  for (long w = 0; w < full; w++) {
    for (long v = 0; v < vectors; v++) {
      const uint8_t *base = bytes + 64 * w * inputs + 32 * v;
      __m256i a[8];
      for (int g = 0; g < 8; g++) {
        __m256i merged = zero;
        for (int k = 0; k < 8; k++) {
          __m256i x = _mm256_loadu_si256((const __m256i *)(base + (8 * g + k) * inputs));
          __m256i bit = _mm256_set1_epi8((char)(1 << k));
          merged = _mm256_or_si256(merged, _mm256_andnot_si256(_mm256_cmpeq_epi8(x, zero), bit));
        }
        a[g] = merged;
      }
      __m256i b[8], c[8];
      for (int p = 0; p < 4; p++) {
        b[2 * p] = _mm256_unpacklo_epi8(a[2 * p], a[2 * p + 1]);
        b[2 * p + 1] = _mm256_unpackhi_epi8(a[2 * p], a[2 * p + 1]);
      }
      // c[2q + p]: 16-bit stage; q: which quarter of a lane's 16 inputs, p: samples 0-31 / 32-63.
      for (int h = 0; h < 2; h++) {
        for (int p = 0; p < 2; p++) {
          __m256i x = b[4 * p + h], y = b[4 * p + 2 + h];
          c[4 * h + p] = _mm256_unpacklo_epi16(x, y);
          c[4 * h + 2 + p] = _mm256_unpackhi_epi16(x, y);
        }
      }
      uint64_t out[32] __attribute__((aligned(32)));
      for (int q = 0; q < 4; q++) {
        _mm256_store_si256((__m256i *)(out + 8 * q), _mm256_unpacklo_epi32(c[2 * q], c[2 * q + 1]));
        _mm256_store_si256(
            (__m256i *)(out + 8 * q + 4), _mm256_unpackhi_epi32(c[2 * q], c[2 * q + 1]));
      }
      for (int r = 0; r < 8; r++) {
        for (int L = 0; L < 2; L++) {
          for (int j = 0; j < 2; j++) {
            planes[(32 * v + CLK_PLANE_INPUT(r, L, j)) * 8 + w] = out[4 * r + 2 * L + j];
          }
        }
      }
    }
  }
  clk__planes_portable(bytes, inputs, 32 * vectors, count, 0, full, planes);
  clk__planes_portable(bytes, inputs, 0, count, full, (count + 63) / 64, planes);
}

/// Transposes the 8 × 8 matrix of 64-bit words r[row] word c → r[c] word row.
CLK_AVX512_TARGET CLK_INLINE void transpose_words_avx512(__m512i r[8]) {
  __m512i t[8], u[8];
  for (int p = 0; p < 4; p++) {
    t[2 * p] = _mm512_unpacklo_epi64(r[2 * p], r[2 * p + 1]);
    t[2 * p + 1] = _mm512_unpackhi_epi64(r[2 * p], r[2 * p + 1]);
  }
  // u[4h + 2k + odd]: rows 4h … 4h+3 of columns ≡ 2k + odd (mod 4), lanes (c, c+4).
  for (int h = 0; h < 2; h++) {
    for (int odd = 0; odd < 2; odd++) {
      __m512i a = t[4 * h + odd], b = t[4 * h + 2 + odd];
      u[4 * h + odd] = _mm512_shuffle_i64x2(a, b, 0x88);
      u[4 * h + 2 + odd] = _mm512_shuffle_i64x2(a, b, 0xDD);
    }
  }
  for (int k = 0; k < 2; k++) {
    for (int odd = 0; odd < 2; odd++) {
      __m512i a = u[2 * k + odd], b = u[4 + 2 * k + odd];
      r[2 * k + odd] = _mm512_shuffle_i64x2(a, b, 0x88);
      r[4 + 2 * k + odd] = _mm512_shuffle_i64x2(a, b, 0xDD);
    }
  }
}

/// The three unpack stages (bytes, 16-bit, 32-bit) of CLK_PLANE_INPUT on 512-bit vectors.
CLK_AVX512_TARGET CLK_INLINE void unpack_avx512(const __m512i a[8], __m512i out[8]) {
  __m512i b[8], c[8];
  for (int p = 0; p < 4; p++) {
    b[2 * p] = _mm512_unpacklo_epi8(a[2 * p], a[2 * p + 1]);
    b[2 * p + 1] = _mm512_unpackhi_epi8(a[2 * p], a[2 * p + 1]);
  }
  for (int h = 0; h < 2; h++) {
    for (int p = 0; p < 2; p++) {
      __m512i x = b[4 * p + h], y = b[4 * p + 2 + h];
      c[4 * h + p] = _mm512_unpacklo_epi16(x, y);
      c[4 * h + 2 + p] = _mm512_unpackhi_epi16(x, y);
    }
  }
  for (int q = 0; q < 4; q++) {
    out[2 * q] = _mm512_unpacklo_epi32(c[2 * q], c[2 * q + 1]);
    out[2 * q + 1] = _mm512_unpackhi_epi32(c[2 * q], c[2 * q + 1]);
  }
}

/// The same stages on the low 256 bits (a last vector of at most 32 inputs costs half).
CLK_AVX512_TARGET CLK_INLINE void unpack_half_avx512(const __m512i a[8], __m512i out[8]) {
  __m256i b[8], c[8];
  for (int p = 0; p < 4; p++) {
    __m256i x = _mm512_castsi512_si256(a[2 * p]), y = _mm512_castsi512_si256(a[2 * p + 1]);
    b[2 * p] = _mm256_unpacklo_epi8(x, y);
    b[2 * p + 1] = _mm256_unpackhi_epi8(x, y);
  }
  for (int h = 0; h < 2; h++) {
    for (int p = 0; p < 2; p++) {
      __m256i x = b[4 * p + h], y = b[4 * p + 2 + h];
      c[4 * h + p] = _mm256_unpacklo_epi16(x, y);
      c[4 * h + 2 + p] = _mm256_unpackhi_epi16(x, y);
    }
  }
  for (int q = 0; q < 4; q++) {
    out[2 * q] = _mm512_zextsi256_si512(_mm256_unpacklo_epi32(c[2 * q], c[2 * q + 1]));
    out[2 * q + 1] = _mm512_zextsi256_si512(_mm256_unpackhi_epi32(c[2 * q], c[2 * q + 1]));
  }
}

/// Input vectors transposed per pass over a tile's rows: their merged and unpacked vectors
/// (16 KB) stay in L1 beside the rows being read.
enum { CHUNK = 4 };

CLK_AVX512_TARGET void clk__planes_avx512_to(
    const uint8_t *bytes, long inputs, long count, uint8_t *base, const uint32_t *offsets) {
  long full = count / 64, vectors = (inputs + 63) / 64;
  // Opaque to the compiler, so that it keeps the masked byte add (one instruction) rather
  // than turning it into an OR and a blend.
  __m512i bit[8];
  for (int k = 0; k < 8; k++) {
    bit[k] = _mm512_set1_epi8((char)(1 << k));
    __asm__("" : "+v"(bit[k]));
  }
  const __m512i ones = _mm512_set1_epi8(-1);
  // out[c][w][r]: unpack result r of vector v0 + c, sample group w (see CLK_PLANE_INPUT).
  __m512i out[CHUNK][8][8];
  for (long v0 = 0; v0 < vectors; v0 += CHUNK) {
    long chunk = vectors - v0 < CHUNK ? vectors - v0 : CHUNK;
    for (long w = 0; w < 8; w++) {
      if (w >= full) {
        for (long c = 0; c < chunk; c++) {
          for (int r = 0; r < 8; r++) out[c][w][r] = _mm512_setzero_si512();
        }
        continue;
      }
      // a[c][g] byte i: samples 64w + 8g … 64w + 8g + 7 of input 64(v0 + c) + i.
      __m512i a[CHUNK][8];
      for (int g = 0; g < 8; g++) {
        const uint8_t *rows = bytes + (64 * w + 8 * g) * inputs + 64 * v0;
        for (long c = 0; c < chunk; c++) {
          long left = inputs - 64 * (v0 + c);
          __m512i merged = _mm512_setzero_si512();
          if (left >= 64) {
            for (int k = 0; k < 8; k++) {
              __m512i x = _mm512_loadu_si512(rows + 64 * c + k * inputs);
              merged = _mm512_mask_add_epi8(merged, _mm512_test_epi8_mask(ones, x), merged, bit[k]);
            }
          } else {
            __mmask64 valid = ((__mmask64)1 << left) - 1;
            for (int k = 0; k < 8; k++) {
              __m512i x = _mm512_maskz_loadu_epi8(valid, rows + 64 * c + k * inputs);
              merged = _mm512_mask_add_epi8(merged, _mm512_test_epi8_mask(x, x), merged, bit[k]);
            }
          }
          a[c][g] = merged;
        }
      }
      for (long c = 0; c < chunk; c++) {
        if (inputs - 64 * (v0 + c) <= 32) {
          unpack_half_avx512(a[c], out[c][w]);
        } else {
          unpack_avx512(a[c], out[c][w]);
        }
      }
    }
    for (long c = 0; c < chunk; c++) {
      for (int r = 0; r < 8; r++) {
        // The eight groups' words of each input become one 64-byte store.
        __m512i words[8];
        for (int w = 0; w < 8; w++) words[w] = out[c][w][r];
        transpose_words_avx512(words);
        for (int L = 0; L < 4; L++) {
          for (int j = 0; j < 2; j++) {
            long i = 64 * (v0 + c) + CLK_PLANE_INPUT(r, L, j);
            if (i < inputs) {
              _mm512_storeu_si512(base + (offsets ? offsets[i] : 64 * i), words[2 * L + j]);
            }
          }
        }
      }
    }
  }
}

CLK_AVX512_TARGET void clk__planes_avx512(
    const uint8_t *bytes, long inputs, long count, uint64_t *planes) {
  clk__planes_avx512_to(bytes, inputs, count, (uint8_t *)planes, NULL);
  clk__planes_portable(bytes, inputs, 0, count, count / 64, (count + 63) / 64, planes);
}

#endif
