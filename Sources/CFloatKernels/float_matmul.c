// Float32 matrix product with a fixed summation order: one driver, three tile kernels
// (portable, AVX2, AVX-512) selected at run time. See include/CFloatKernels.h for the
// contract.
//
// Every path keeps one accumulator per output element and adds the products k = 0, 1, ...
// to it in order; vector lanes run across output columns, never across k, so no sum is ever
// split or reassociated. Products and sums are separate instructions: contraction into
// fused multiply-adds is switched off for the whole file (the pragmas below), and the x86
// paths use explicit mul and add intrinsics. x86-64 evaluates float in float (SSE, no
// excess precision), so the scalar edge loops round exactly like the vector lanes.
#include "CFloatKernels.h"

#ifdef __clang__
#pragma clang fp contract(off)
#endif
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CFLOAT_X86 1
#endif

/// One output element, the definition every tile must match.
static inline float element(
    const float *a, long a_col, const float *b, long ldb, long kk) {
  float acc = 0.0f;
  for (long k = 0; k < kk; k++) {
    float p = a[k * a_col] * b[k * ldb];
    acc = acc + p;
  }
  return acc;
}

/// Rows `rows` × columns `cols` of the output at (a, b, out), element by element.
static void block_scalar(
    const float *a, long a_row, long a_col, const float *b, long ldb, long rows, long kk,
    long cols, float *out, long ldc) {
  for (long i = 0; i < rows; i++) {
    for (long j = 0; j < cols; j++) {
      out[i * ldc + j] = element(a + i * a_row, a_col, b + j, ldb, kk);
    }
  }
}

// ---- portable: 4 rows x 16 columns, plain arrays the compiler may vectorize -------------

enum { PORTABLE_ROWS = 4, PORTABLE_COLS = 16 };

static void tile_portable(
    const float *a, long a_row, long a_col, const float *b, long ldb, long kk, float *out,
    long ldc) {
  float acc[PORTABLE_ROWS][PORTABLE_COLS] = {{0}};
  for (long k = 0; k < kk; k++) {
    const float *bk = b + k * ldb;
    for (int r = 0; r < PORTABLE_ROWS; r++) {
      float x = a[r * a_row + k * a_col];
      for (int j = 0; j < PORTABLE_COLS; j++) {
        float p = x * bk[j];
        acc[r][j] = acc[r][j] + p;
      }
    }
  }
  for (int r = 0; r < PORTABLE_ROWS; r++) {
    for (int j = 0; j < PORTABLE_COLS; j++) out[r * ldc + j] = acc[r][j];
  }
}

static void matmul_portable(
    const float *a, long a_row, long a_col, const float *b, long ldb, long m, long kk, long n,
    float *out, long ldc) {
  long full_cols = n - n % PORTABLE_COLS;
  long full_rows = m - m % PORTABLE_ROWS;
  for (long j = 0; j < full_cols; j += PORTABLE_COLS) {
    for (long i = 0; i < full_rows; i += PORTABLE_ROWS) {
      tile_portable(a + i * a_row, a_row, a_col, b + j, ldb, kk, out + i * ldc + j, ldc);
    }
  }
  block_scalar(
      a + full_rows * a_row, a_row, a_col, b, ldb, m - full_rows, kk, full_cols,
      out + full_rows * ldc, ldc);
  block_scalar(a, a_row, a_col, b + full_cols, ldb, m, kk, n - full_cols, out + full_cols, ldc);
}

#ifdef CFLOAT_X86

// ---- AVX2: up to 6 rows x 16 columns (two 8-lane vectors per row), masked column tail ---

enum { AVX2_ROWS = 6, AVX2_COLS = 16 };

__attribute__((target("avx2"), always_inline)) static inline __m256i avx2_mask(long lanes) {
  const __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(lanes < 0 ? 0 : lanes)), index);
}

__attribute__((target("avx2"), always_inline)) static inline void avx2_tile(
    int rows, const float *a, long a_row, long a_col, const float *b, long ldb, long kk,
    long cols, float *out, long ldc) {
  const __m256i m0 = avx2_mask(cols), m1 = avx2_mask(cols - 8);
  __m256 acc[AVX2_ROWS][2];
  for (int r = 0; r < rows; r++) acc[r][0] = acc[r][1] = _mm256_setzero_ps();
  for (long k = 0; k < kk; k++) {
    const float *bk = b + k * ldb;
    __m256 b0, b1;
    if (cols == AVX2_COLS) {
      b0 = _mm256_loadu_ps(bk);
      b1 = _mm256_loadu_ps(bk + 8);
    } else {
      b0 = _mm256_maskload_ps(bk, m0);
      b1 = _mm256_maskload_ps(bk + 8, m1);
    }
    const float *ak = a + k * a_col;
    for (int r = 0; r < rows; r++) {
      __m256 x = _mm256_broadcast_ss(ak + r * a_row);
      acc[r][0] = _mm256_add_ps(acc[r][0], _mm256_mul_ps(x, b0));
      acc[r][1] = _mm256_add_ps(acc[r][1], _mm256_mul_ps(x, b1));
    }
  }
  for (int r = 0; r < rows; r++) {
    _mm256_maskstore_ps(out + r * ldc, m0, acc[r][0]);
    _mm256_maskstore_ps(out + r * ldc + 8, m1, acc[r][1]);
  }
}

__attribute__((target("avx2"))) static void matmul_avx2(
    const float *a, long a_row, long a_col, const float *b, long ldb, long m, long kk, long n,
    float *out, long ldc) {
  for (long j = 0; j < n; j += AVX2_COLS) {
    long cols = n - j < AVX2_COLS ? n - j : AVX2_COLS;
    for (long i = 0; i < m; i += AVX2_ROWS) {
      const float *ai = a + i * a_row;
      float *o = out + i * ldc + j;
      // Constant row counts, so each call is unrolled with its accumulators in registers.
      switch (m - i < AVX2_ROWS ? m - i : AVX2_ROWS) {
        case 6: avx2_tile(6, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
        case 5: avx2_tile(5, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
        case 4: avx2_tile(4, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
        case 3: avx2_tile(3, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
        case 2: avx2_tile(2, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
        default: avx2_tile(1, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
      }
    }
  }
}

// ---- AVX-512: up to 8 rows x 32 columns (two 16-lane vectors per row), masked tail ------

enum { AVX512_ROWS = 8, AVX512_COLS = 32 };

__attribute__((target("avx512f"), always_inline)) static inline void avx512_tile(
    int rows, const float *a, long a_row, long a_col, const float *b, long ldb, long kk,
    long cols, float *out, long ldc) {
  const __mmask16 m0 = cols >= 16 ? 0xFFFF : (__mmask16)((1u << cols) - 1);
  const __mmask16 m1 = cols >= 32 ? 0xFFFF : (cols <= 16 ? 0 : (__mmask16)((1u << (cols - 16)) - 1));
  __m512 acc[AVX512_ROWS][2];
  for (int r = 0; r < rows; r++) acc[r][0] = acc[r][1] = _mm512_setzero_ps();
  for (long k = 0; k < kk; k++) {
    const float *bk = b + k * ldb;
    __m512 b0 = _mm512_maskz_loadu_ps(m0, bk);
    __m512 b1 = _mm512_maskz_loadu_ps(m1, bk + 16);
    const float *ak = a + k * a_col;
    for (int r = 0; r < rows; r++) {
      __m512 x = _mm512_set1_ps(ak[r * a_row]);
      acc[r][0] = _mm512_add_ps(acc[r][0], _mm512_mul_ps(x, b0));
      acc[r][1] = _mm512_add_ps(acc[r][1], _mm512_mul_ps(x, b1));
    }
  }
  for (int r = 0; r < rows; r++) {
    _mm512_mask_storeu_ps(out + r * ldc, m0, acc[r][0]);
    _mm512_mask_storeu_ps(out + r * ldc + 16, m1, acc[r][1]);
  }
}

__attribute__((target("avx512f"))) static void matmul_avx512(
    const float *a, long a_row, long a_col, const float *b, long ldb, long m, long kk, long n,
    float *out, long ldc) {
  for (long j = 0; j < n; j += AVX512_COLS) {
    long cols = n - j < AVX512_COLS ? n - j : AVX512_COLS;
    for (long i = 0; i < m; i += AVX512_ROWS) {
      const float *ai = a + i * a_row;
      float *o = out + i * ldc + j;
      switch (m - i < AVX512_ROWS ? m - i : AVX512_ROWS) {
        case 8: avx512_tile(8, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
        case 7: avx512_tile(7, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
        case 6: avx512_tile(6, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
        case 5: avx512_tile(5, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
        case 4: avx512_tile(4, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
        case 3: avx512_tile(3, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
        case 2: avx512_tile(2, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
        default: avx512_tile(1, ai, a_row, a_col, b + j, ldb, kk, cols, o, ldc); break;
      }
    }
  }
}

#endif

// ---- dispatch --------------------------------------------------------------------------

int cfloat_path_available(int path) {
  switch (path) {
    case CFLOAT_PORTABLE:
      return 1;
#ifdef CFLOAT_X86
    case CFLOAT_AVX2:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx2");
    case CFLOAT_AVX512:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx512f");
#endif
    default:
      return 0;
  }
}

int cfloat_best_path(void) {
  if (cfloat_path_available(CFLOAT_AVX512)) return CFLOAT_AVX512;
  if (cfloat_path_available(CFLOAT_AVX2)) return CFLOAT_AVX2;
  return CFLOAT_PORTABLE;
}

void cfloat_matmul(
    int path, const float *a, long a_row, long a_col, const float *b, long ldb, long m, long kk,
    long n, float *out, long ldc) {
  if (m <= 0 || n <= 0) return;
#ifdef CFLOAT_X86
  if (path == CFLOAT_AVX512) {
    matmul_avx512(a, a_row, a_col, b, ldb, m, kk, n, out, ldc);
    return;
  }
  if (path == CFLOAT_AVX2) {
    matmul_avx2(a, a_row, a_col, b, ldb, m, kk, n, out, ldc);
    return;
  }
#endif
  (void)path;
  matmul_portable(a, a_row, a_col, b, ldb, m, kk, n, out, ldc);
}
