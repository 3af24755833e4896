// Packed bits → a tile's input planes, and a tile's evaluation from input planes (see the
// packed-bits block of CLogicKernels.h).
//
// A packed row keeps 64 inputs in each 8-byte word (little-endian, LSB first), so 64 rows'
// words for the same inputs form a 64 × 64 bit matrix whose transpose is the 64 plane words
// of those inputs for one group of 64 samples. The transpose runs on all eight groups of a
// tile at once: row s of the matrix is a 512-bit vector whose lane w is the word of sample
// 64·w + s, so transposed vector i is the whole tile plane of input i, stored as it is. It
// is the classic six-stage block swap (32 × 32 blocks, then 16 × 16, … 1 × 1), written with
// the vector type every path compiles for its own instructions (SSE2 or NEON in the portable
// path, AVX2, AVX-512 with vpternlogq).
#include <string.h>

#include "kernels.h"

#if defined(CLK_X86)
#include <immintrin.h>
#endif

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "packed rows are read as little-endian words"
#endif

/// A tile plane at any 8-byte aligned address (callers' plane buffers need not be 64-byte
/// aligned).
typedef uint64_t clk_lanes_u __attribute__((vector_size(64), aligned(8)));

/// One block-swap stage: for rows k and k + j (k with bit j clear), exchanges the bits of
/// row k above `mask` with the bits of row k + j in `mask`.
#define CLK_SWAP_STAGE(a, j, mask)                                 \
  for (int k = 0; k < 64; k = ((k | (j)) + 1) & ~(j)) {            \
    clk_lanes t = ((a[k] >> (j)) ^ a[k + (j)]) & (uint64_t)(mask); \
    a[k + (j)] ^= t;                                               \
    a[k] ^= t << (j);                                              \
  }

/// Transposes, in each lane, the 64 × 64 bit matrix of words a[0..63] (a[s] bit i → a[i] bit s).
CLK_INLINE void transpose_64(clk_lanes a[64]) {
  CLK_SWAP_STAGE(a, 32, 0x00000000FFFFFFFFULL)
  CLK_SWAP_STAGE(a, 16, 0x0000FFFF0000FFFFULL)
  CLK_SWAP_STAGE(a, 8, 0x00FF00FF00FF00FFULL)
  CLK_SWAP_STAGE(a, 4, 0x0F0F0F0F0F0F0F0FULL)
  CLK_SWAP_STAGE(a, 2, 0x3333333333333333ULL)
  CLK_SWAP_STAGE(a, 1, 0x5555555555555555ULL)
}

/// Bytes `byte` … `byte` + 7 of a packed row of `row_bytes` bytes as a word, zero past the
/// row's end (never reading outside the row).
CLK_INLINE uint64_t row_word(const uint8_t *row, long row_bytes, long byte) {
  uint64_t q = 0;
  long left = row_bytes - byte;
  if (left >= 8) {
    memcpy(&q, row + byte, 8);
  } else if (row_bytes >= 8) {
    memcpy(&q, row + row_bytes - 8, 8);
    q >>= 8 * (8 - left);
  } else {
    memcpy(&q, row + byte, (size_t)left);
  }
  return q;
}

/// The tile planes of inputs 64·c … 64·c + 63 (those below `inputs`): lane w of row s is
/// sample 64·w + s; samples from `count` on are zero.
CLK_INLINE void planes_block(
    const uint8_t *packed, long row_bytes, long inputs, long count, long c, uint64_t *planes) {
  clk_lanes a[64];
  for (int s = 0; s < 64; s++) {
    for (int w = 0; w < 8; w++) {
      long sample = 64 * w + s;
      a[s][w] = sample < count ? row_word(packed + sample * row_bytes, row_bytes, 8 * c) : 0;
    }
  }
  transpose_64(a);
  long m = inputs - 64 * c < 64 ? inputs - 64 * c : 64;
  for (long i = 0; i < m; i++) *(clk_lanes_u *)(planes + (64 * c + i) * 8) = a[i];
}

CLK_INLINE void planes_packed(
    const uint8_t *packed, long row_bytes, long inputs, long count, uint64_t *planes) {
  for (long c = 0; 64 * c < inputs; c++) planes_block(packed, row_bytes, inputs, count, c, planes);
}

static void planes_packed_portable(
    const uint8_t *packed, long row_bytes, long inputs, long count, uint64_t *planes) {
  planes_packed(packed, row_bytes, inputs, count, planes);
}

#if defined(CLK_X86)

CLK_AVX2_TARGET static void planes_packed_avx2(
    const uint8_t *packed, long row_bytes, long inputs, long count, uint64_t *planes) {
  planes_packed(packed, row_bytes, inputs, count, planes);
}

/// A whole tile's block of 64 inputs that lies inside every row: each row of the matrix is
/// one gather of the eight groups' words.
CLK_AVX512_TARGET static void planes_block_gather_avx512(
    const uint8_t *packed, long row_bytes, long inputs, long c, uint64_t *planes) {
  long g = 64 * row_bytes;
  const __m512i offsets = _mm512_setr_epi64(0, g, 2 * g, 3 * g, 4 * g, 5 * g, 6 * g, 7 * g);
  clk_lanes a[64];
  for (int s = 0; s < 64; s++) {
    a[s] = (clk_lanes)_mm512_i64gather_epi64(offsets, packed + s * row_bytes + 8 * c, 1);
  }
  transpose_64(a);
  long m = inputs - 64 * c < 64 ? inputs - 64 * c : 64;
  for (long i = 0; i < m; i++) *(clk_lanes_u *)(planes + (64 * c + i) * 8) = a[i];
}

CLK_AVX512_TARGET static void planes_packed_avx512(
    const uint8_t *packed, long row_bytes, long inputs, long count, uint64_t *planes) {
  for (long c = 0; 64 * c < inputs; c++) {
    if (count == 512 && 8 * c + 8 <= row_bytes) {
      planes_block_gather_avx512(packed, row_bytes, inputs, c, planes);
    } else {
      planes_block(packed, row_bytes, inputs, count, c, planes);
    }
  }
}

#endif

void clk_planes_from_packed(
    int path, const uint8_t *packed, long row_bytes, long inputs, long count, uint64_t *planes) {
#if defined(CLK_X86)
  if (path == CLK_AVX512) return planes_packed_avx512(packed, row_bytes, inputs, count, planes);
  if (path == CLK_AVX2) return planes_packed_avx2(packed, row_bytes, inputs, count, planes);
#endif
  planes_packed_portable(packed, row_bytes, inputs, count, planes);
}

void clk_evaluate_tile_planes(
    int path, const clk_program *program, const uint64_t *planes, long count, uint8_t *slots,
    int32_t *out, long out_stride, int64_t *last) {
  for (long k = 0; k < program->loads; k++) {
    memcpy(slots + program->load_slots[k], planes + 8 * program->load_planes[k], 64);
  }
  // The byte path with nothing to load then runs the program on the slots filled above: it
  // reads no input byte and writes no plane when the program has no inputs.
  clk_program rest = *program;
  rest.loads = 0;
  rest.inputs = 0;
  uint64_t unused[8];
  clk_evaluate_tile(
      path, &rest, (const uint8_t *)planes, count, unused, slots, out, out_stride, last);
}

void clk_evaluate_tile_packed(
    int path, const clk_program *program, const uint8_t *packed, long row_bytes, long count,
    uint64_t *planes, uint8_t *slots, int32_t *out, long out_stride, int64_t *last) {
  clk_planes_from_packed(path, packed, row_bytes, program->inputs, count, planes);
  clk_evaluate_tile_planes(path, program, planes, count, slots, out, out_stride, last);
}
