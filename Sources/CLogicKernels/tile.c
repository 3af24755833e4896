// One tile of inference: input planes, the gate program over 512-sample slots, the output
// fields as integers; one instantiation per path, chosen at run time (see CLogicKernels.h).
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

/// The output fields of 16 samples at a time: each bit plane's 16 bits are a mask that ORs
/// the bit's value into 16 32-bit lanes.
CLK_AVX512_TARGET static void read_fields_avx512(
    const uint8_t *slots, const clk_program *p, long count, int32_t *out, long stride,
    int64_t *last) {
  for (long q = 0; 16 * q < count; q++) {
    long n = count - 16 * q < 16 ? count - 16 * q : 16;
    const uint32_t *read = p->read_slots;
    const uint8_t *invert = p->read_invert;
    for (long f = 0; f < p->fields; f++) {
      __m512i acc = _mm512_setzero_si512();
      for (int32_t b = 0; b < p->field_widths[f]; b++, read++, invert++) {
        __mmask16 bits = ((const uint16_t *)(slots + *read))[q] ^ (*invert ? 0xFFFF : 0);
        acc = _mm512_mask_or_epi32(acc, bits, acc, _mm512_set1_epi32(1 << b));
      }
      int32_t values[16] __attribute__((aligned(64)));
      _mm512_store_si512(values, acc);
      if (last && f == p->fields - 1) {
        for (long s = 0; s < n; s++) last[16 * q + s] = values[s];
      } else {
        for (long s = 0; s < n; s++) out[(16 * q + s) * stride + f] = values[s];
      }
    }
  }
}

CLK_AVX512_TARGET static void evaluate_avx512(
    const clk_program *p, const uint8_t *bytes, long count, uint64_t *planes, uint8_t *slots,
    int32_t *out, long stride, int64_t *last) {
  tile(clk__planes_avx512, slots, p, bytes, count, planes);
  read_fields_avx512(slots, p, count, out, stride, last);
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
