// One tile of inference: input planes, the gate program over 512-sample slots, the output
// fields as integers; one instantiation per path, chosen at run time (see CLogicKernels.h).
#include <stdlib.h>
#include <string.h>

#include "kernels.h"

#if defined(CLK_X86)
#include <immintrin.h>
#endif

#define SLOT(o) (*(clk_lanes *)(slots + (o)))

/// Runs every instruction of `p` on the slots. Each instruction reads all its operands before
/// it writes a result (a result may reuse an operand's slot). The kernels are NetlistSim's
/// GateKernel, in its raw-value order, with the same formulas.
CLK_INLINE void run_program(uint8_t *slots, const clk_program *p) {
  const uint32_t *o = p->operands;
  for (long r = 0; r < p->runs; r++) {
    long n = p->run_counts[r];
    switch (p->run_kernels[r]) {
      case 0:
        for (; n > 0; n--, o += 3) SLOT(o[2]) = SLOT(o[0]) & SLOT(o[1]);
        break;
      case 1:
        for (; n > 0; n--, o += 3) SLOT(o[2]) = SLOT(o[0]) & ~SLOT(o[1]);
        break;
      case 2:
        for (; n > 0; n--, o += 3) SLOT(o[2]) = ~(SLOT(o[0]) | SLOT(o[1]));
        break;
      case 3:
        for (; n > 0; n--, o += 3) SLOT(o[2]) = SLOT(o[0]) ^ SLOT(o[1]);
        break;
      case 4:
        for (; n > 0; n--, o += 4) {
          clk_lanes a = SLOT(o[0]), b = SLOT(o[1]);
          SLOT(o[2]) = a ^ b;
          SLOT(o[3]) = a & b;
        }
        break;
      case 5:
        for (; n > 0; n--, o += 4) {
          clk_lanes a = SLOT(o[0]), b = SLOT(o[1]);
          SLOT(o[2]) = a ^ b;
          SLOT(o[3]) = a & ~b;
        }
        break;
      case 6:
        for (; n > 0; n--, o += 4) {
          clk_lanes a = SLOT(o[0]), b = SLOT(o[1]);
          SLOT(o[2]) = a ^ b;
          SLOT(o[3]) = ~(a | b);
        }
        break;
      // Full adders: sum a ^ b ^ c; carry maj(a', b', c') = a' ^ ((a' ^ c') & (a ^ b)).
      case 7:
        for (; n > 0; n--, o += 5) {
          clk_lanes a = SLOT(o[0]), b = SLOT(o[1]), c = SLOT(o[2]), x = a ^ b;
          SLOT(o[3]) = x ^ c;
          SLOT(o[4]) = a ^ ((a ^ c) & x);
        }
        break;
      case 8:
        for (; n > 0; n--, o += 5) {
          clk_lanes a = SLOT(o[0]), b = SLOT(o[1]), c = SLOT(o[2]), x = a ^ b;
          SLOT(o[3]) = x ^ c;
          SLOT(o[4]) = a ^ (~(a ^ c) & x);
        }
        break;
      case 9:
        for (; n > 0; n--, o += 5) {
          clk_lanes a = SLOT(o[0]), b = SLOT(o[1]), c = SLOT(o[2]), x = a ^ b;
          SLOT(o[3]) = x ^ c;
          SLOT(o[4]) = ~a ^ (~(a ^ c) & x);
        }
        break;
      default:
        for (; n > 0; n--, o += 5) {
          clk_lanes a = SLOT(o[0]), b = SLOT(o[1]), c = SLOT(o[2]), x = a ^ b;
          SLOT(o[3]) = x ^ c;
          SLOT(o[4]) = ~(a ^ ((a ^ c) & x));
        }
        break;
    }
  }
}

/// Copies the loaded input planes into their slots and zeroes slot 0.
CLK_INLINE void load_inputs(uint8_t *slots, const clk_program *p, const uint64_t *planes) {
  memset(slots, 0, 64);
  for (long k = 0; k < p->loads; k++) {
    SLOT(p->load_slots[k]) = *(const clk_lanes *)(planes + 8 * p->load_planes[k]);
  }
}

/// The output fields of 64 samples at a time, bit by bit (portable and AVX2).
CLK_INLINE void read_fields_words(
    const uint8_t *slots, const clk_program *p, long count, int32_t *out, long stride,
    int64_t *last) {
  for (long w = 0; 64 * w < count; w++) {
    long n = count - 64 * w < 64 ? count - 64 * w : 64;
    const uint32_t *read = p->read_slots;
    const uint8_t *invert = p->read_invert;
    for (long f = 0; f < p->fields; f++) {
      int32_t values[64] = {0};
      for (int32_t b = 0; b < p->field_widths[f]; b++, read++, invert++) {
        uint64_t x = ((const uint64_t *)(slots + *read))[w] ^ (*invert ? ~0ULL : 0);
        for (int s = 0; s < 64; s++) values[s] |= (int32_t)(((x >> s) & 1) << b);
      }
      if (last && f == p->fields - 1) {
        for (long s = 0; s < n; s++) last[64 * w + s] = values[s];
      } else {
        for (long s = 0; s < n; s++) out[(64 * w + s) * stride + f] = values[s];
      }
    }
  }
}

CLK_INLINE void tile(
    void (*planes_of)(const uint8_t *, long, long, uint64_t *), uint8_t *slots,
    const clk_program *p, const uint8_t *bytes, long count, uint64_t *planes) {
  if (count < 512) memset(planes, 0, (size_t)p->inputs * 64);
  planes_of(bytes, p->inputs, count, planes);
  load_inputs(slots, p, planes);
  run_program(slots, p);
}

static void planes_portable(const uint8_t *bytes, long inputs, long count, uint64_t *planes) {
  clk__planes_portable(bytes, inputs, 0, count, 0, (count + 63) / 64, planes);
}

void clk_planes_from_bytes(
    int path, const uint8_t *bytes, long inputs, long count, uint64_t *planes) {
  memset(planes, 0, (size_t)inputs * 64);
#if defined(CLK_X86)
  if (path == CLK_AVX512) return clk__planes_avx512(bytes, inputs, count, planes);
  if (path == CLK_AVX2) return clk__planes_avx2(bytes, inputs, count, planes);
#endif
  planes_portable(bytes, inputs, count, planes);
}

static void evaluate_portable(
    const clk_program *p, const uint8_t *bytes, long count, uint64_t *planes, uint8_t *slots,
    int32_t *out, long stride, int64_t *last) {
  tile(planes_portable, slots, p, bytes, count, planes);
  read_fields_words(slots, p, count, out, stride, last);
}

#if defined(CLK_X86)

CLK_AVX2_TARGET static void evaluate_avx2(
    const clk_program *p, const uint8_t *bytes, long count, uint64_t *planes, uint8_t *slots,
    int32_t *out, long stride, int64_t *last) {
  tile(clk__planes_avx2, slots, p, bytes, count, planes);
  read_fields_words(slots, p, count, out, stride, last);
}

/// Indices that interleave two vectors' 32-bit lanes: a0 b0 a1 b1 … a15 b15.
static const int32_t interleave[32] __attribute__((aligned(64))) = {
    0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23,
    8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31};

/// Field f of the first `n` of 16 samples (values in 32-bit lanes) to the outputs; `pair`
/// holds the field before (f - 1). Two fields besides `last` at stride 2 (the GroupSum counts
/// of a two-class net) go out interleaved when f is the second: two stores for 16 samples.
CLK_AVX512_TARGET CLK_INLINE void store_field_avx512(
    const clk_program *p, long f, __m512i values, __m512i pair, long n, int32_t *out,
    long stride, int64_t *last) {
  if (last && f == p->fields - 1) {
    if (n == 16) {
      _mm512_storeu_si512(last, _mm512_cvtepi32_epi64(_mm512_castsi512_si256(values)));
      _mm512_storeu_si512(last + 8, _mm512_cvtepi32_epi64(_mm512_extracti64x4_epi64(values, 1)));
      return;
    }
    int32_t words[16] __attribute__((aligned(64)));
    _mm512_store_si512(words, values);
    for (long s = 0; s < n; s++) last[s] = words[s];
    return;
  }
  int paired = n == 16 && stride == 2 && p->fields - (last != NULL) == 2;
  if (paired && f == 1) {
    __m512i low = _mm512_load_si512(interleave), high = _mm512_load_si512(interleave + 16);
    _mm512_storeu_si512(out, _mm512_permutex2var_epi32(pair, low, values));
    _mm512_storeu_si512(out + 16, _mm512_permutex2var_epi32(pair, high, values));
  } else if (!paired) {
    int32_t words[16] __attribute__((aligned(64)));
    _mm512_store_si512(words, values);
    for (long s = 0; s < n; s++) out[s * stride + f] = words[s];
  }
}

/// The output fields of 16 samples at a time: each bit plane's 16 bits are a mask that ORs
/// the bit's value into 16 32-bit lanes.
CLK_AVX512_TARGET static void read_fields_avx512(
    const uint8_t *slots, const clk_program *p, long count, int32_t *out, long stride,
    int64_t *last) {
  for (long q = 0; 16 * q < count; q++) {
    long n = count - 16 * q < 16 ? count - 16 * q : 16;
    const uint32_t *read = p->read_slots;
    const uint8_t *invert = p->read_invert;
    __m512i pair = _mm512_setzero_si512();
    for (long f = 0; f < p->fields; f++) {
      __m512i acc = _mm512_setzero_si512();
      for (int32_t b = 0; b < p->field_widths[f]; b++, read++, invert++) {
        __mmask16 bits = ((const uint16_t *)(slots + *read))[q] ^ (*invert ? 0xFFFF : 0);
        acc = _mm512_mask_or_epi32(acc, bits, acc, _mm512_set1_epi32(1 << b));
      }
      store_field_avx512(
          p, f, acc, pair, n, out + 16 * q * stride, stride, last ? last + 16 * q : NULL);
      pair = acc;
    }
  }
}

/// The same for fields of at most 16 bits, 32 samples at a time in 16-bit lanes: one mask
/// load and one masked add per output bit per 32 samples, the inverted bits flipped once per
/// field.
CLK_AVX512_TARGET static void read_narrow_fields_avx512(
    const uint8_t *slots, const clk_program *p, long count, int32_t *out, long stride,
    int64_t *last) {
  // Opaque to the compiler, so that the masked add stays one instruction (the bits are
  // disjoint, so it is an OR).
  __m512i bit[16];
  for (int b = 0; b < 16; b++) {
    bit[b] = _mm512_set1_epi16((short)(1 << b));
    __asm__("" : "+v"(bit[b]));
  }
  for (long q = 0; 32 * q < count; q++) {
    long n = count - 32 * q < 32 ? count - 32 * q : 32;
    const uint32_t *read = p->read_slots;
    const uint8_t *invert = p->read_invert;
    __m512i pair[2] = {_mm512_setzero_si512(), _mm512_setzero_si512()};
    for (long f = 0; f < p->fields; f++) {
      __m512i acc = _mm512_setzero_si512();
      int flip = 0;
      for (int32_t b = 0; b < p->field_widths[f]; b++, read++, invert++) {
        __mmask32 bits = _load_mask32((__mmask32 *)(slots + *read + 4 * q));
        acc = _mm512_mask_add_epi16(acc, bits, acc, bit[b]);
        flip |= (*invert != 0) << b;
      }
      acc = _mm512_xor_si512(acc, _mm512_set1_epi16((short)flip));
      __m512i half[2] = {
          _mm512_cvtepu16_epi32(_mm512_castsi512_si256(acc)),
          _mm512_cvtepu16_epi32(_mm512_extracti64x4_epi64(acc, 1))};
      for (int h = 0; h < 2 && 16 * h < n; h++) {
        long first = 32 * q + 16 * h;
        store_field_avx512(
            p, f, half[h], pair[h], n - 16 * h < 16 ? n - 16 * h : 16, out + first * stride,
            stride, last ? last + first : NULL);
        pair[h] = half[h];
      }
    }
  }
}

/// The output fields by the narrow reader when every field fits it.
CLK_AVX512_TARGET static void read_any_fields_avx512(
    const uint8_t *slots, const clk_program *p, long count, int32_t *out, long stride,
    int64_t *last) {
  for (long f = 0; f < p->fields; f++) {
    if (p->field_widths[f] > 16) return read_fields_avx512(slots, p, count, out, stride, last);
  }
  read_narrow_fields_avx512(slots, p, count, out, stride, last);
}

CLK_AVX512_TARGET static void evaluate_avx512(
    const clk_program *p, const uint8_t *bytes, long count, uint64_t *planes, uint8_t *slots,
    int32_t *out, long stride, int64_t *last) {
  tile(clk__planes_avx512, slots, p, bytes, count, planes);
  read_any_fields_avx512(slots, p, count, out, stride, last);
}

/// A whole tile with each input plane transposed straight into its slot (`offsets`, see
/// direct_offsets): no plane buffer, no copy, except for an input loaded into two slots.
CLK_AVX512_TARGET static void evaluate_avx512_direct(
    const clk_program *p, const uint8_t *bytes, const uint32_t *offsets, uint8_t *slots,
    int32_t *out, long stride, int64_t *last) {
  clk__planes_avx512_to(bytes, p->inputs, 512, slots, offsets);
  memset(slots, 0, 64);
  for (long k = 0; k < p->loads; k++) {
    uint32_t to = p->load_slots[k], from = offsets[p->load_planes[k]];
    if (to != from) SLOT(to) = SLOT(from);
  }
  run_program(slots, p);
  read_any_fields_avx512(slots, p, 512, out, stride, last);
}

#endif

void clk_evaluate_tile(
    int path, const clk_program *program, const uint8_t *bytes, long count, uint64_t *planes,
    uint8_t *slots, int32_t *out, long out_stride, int64_t *last) {
#if defined(CLK_X86)
  if (path == CLK_AVX512) {
    return evaluate_avx512(program, bytes, count, planes, slots, out, out_stride, last);
  }
  if (path == CLK_AVX2) {
    return evaluate_avx2(program, bytes, count, planes, slots, out, out_stride, last);
  }
#endif
  evaluate_portable(program, bytes, count, planes, slots, out, out_stride, last);
}

#if defined(CLK_X86)
/// The slot byte offset each input plane is transposed into on the direct path: its first
/// load's slot, or slot 0 (cleared afterwards) for an input no instruction reads. False when
/// the program does not fit that scheme (a load into slot 0 or of a plane out of range).
static int direct_offsets(const clk_program *p, uint32_t *offsets) {
  for (long i = 0; i < p->inputs; i++) offsets[i] = UINT32_MAX;
  for (long k = 0; k < p->loads; k++) {
    uint32_t slot = p->load_slots[k];
    int32_t i = p->load_planes[k];
    if (slot == 0 || slot == UINT32_MAX || i < 0 || i >= p->inputs) return 0;
    if (offsets[i] == UINT32_MAX) offsets[i] = slot;
  }
  for (long i = 0; i < p->inputs; i++) {
    if (offsets[i] == UINT32_MAX) offsets[i] = 0;
  }
  return 1;
}
#endif

void clk_evaluate_tiles(
    int path, const clk_program *program, const uint8_t *bytes, long count, uint64_t *planes,
    uint8_t *slots, int32_t *out, long out_stride, int64_t *last) {
  uint32_t *offsets = NULL;
#if defined(CLK_X86)
  if (path == CLK_AVX512 && count >= 512 && program->inputs > 0) {
    offsets = malloc(sizeof(uint32_t) * (size_t)program->inputs);
    if (offsets && !direct_offsets(program, offsets)) {
      free(offsets);
      offsets = NULL;
    }
  }
#endif
  for (long first = 0; first < count; first += 512) {
    long n = count - first < 512 ? count - first : 512;
    const uint8_t *tile_bytes = bytes + first * program->inputs;
    int32_t *tile_out = out + first * out_stride;
    int64_t *tile_last = last ? last + first : NULL;
#if defined(CLK_X86)
    if (offsets && n == 512) {
      evaluate_avx512_direct(program, tile_bytes, offsets, slots, tile_out, out_stride, tile_last);
      continue;
    }
#endif
    clk_evaluate_tile(path, program, tile_bytes, n, planes, slots, tile_out, out_stride, tile_last);
  }
  free(offsets);
}

int clk_path_available(int path) {
  switch (path) {
    case CLK_PORTABLE:
      return 1;
#if defined(CLK_X86)
    case CLK_AVX2:
      return __builtin_cpu_supports("avx2");
    case CLK_AVX512:
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512vl");
#endif
    default:
      return 0;
  }
}

int clk_best_path(void) {
  if (clk_path_available(CLK_AVX512)) return CLK_AVX512;
  if (clk_path_available(CLK_AVX2)) return CLK_AVX2;
  return CLK_PORTABLE;
}
