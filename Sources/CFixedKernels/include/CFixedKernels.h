// Declared-width accumulator kernels for FixedPoint's FixedTensor products, in plain C with
// runtime dispatch by CPU feature (AVX-512, AVX2, portable). Every path computes exactly the
// same results and counters; FixedPoint's Swift kernel is the definition they are tested
// against.
#ifndef CFIXEDKERNELS_H
#define CFIXEDKERNELS_H

#include <stdint.h>

/// The implementations; `cfk_best_path` picks the fastest one the CPU supports.
enum {
  CFK_PORTABLE = 1,
  CFK_AVX2 = 2,
  CFK_AVX512 = 3,
};

/// What the checked additions did.
typedef struct {
  /// Additions whose exact sum lay outside the accumulator range.
  int64_t overflows;
  /// A value with the bit length of the OR over every exact sum s of (s XOR (s >> 63)): that
  /// bit length plus one is the widest signed value seen (only the bit length is defined).
  uint64_t magnitude;
} cfk_events;

/// Whether `path` runs on this CPU (the portable path always does).
int cfk_path_available(int path);

/// The fastest available path.
int cfk_best_path(void);

/// out[i*n + j] = sum over k = 0, 1, ..., kk-1 (in that order, starting from 0) of
/// a(i, k) * b[k*n + j], where a(i, k) = a[i*a_row + k*a_col], in a signed accumulator of
/// `width` bits (1..63) checked after every addition: saturate != 0 clamps a sum outside
/// the range to the nearer bound, saturate == 0 keeps its low `width` bits. Every product
/// fits `product_bits` signed bits (at most 63); the AVX-512 path computes in 32-bit lanes
/// when width and products are narrow enough. A block of 4 rows whose partial sums provably
/// stay in range (sum over k of the largest |a(i, k)| of its rows times the largest |b(k, j)|
/// at most the range's maximum) skips the checks, which could change nothing there, and
/// still sees every partial sum for the widest value (32-bit lanes when that bound fits
/// them). Counters are added to `events`. Returns 0, or -1 when out of memory (then nothing
/// was written).
int cfk_matmul(
    int path, const int32_t *a, long a_row, long a_col, const int32_t *b, long m, long kk,
    long n, int width, int saturate, int product_bits, int64_t *out, cfk_events *events);

// ---- WAGEUBN training's elementwise kernels (momentum.c, stochastic.c) ---------------------

/// The deterministic rounding modes of BitCore's RoundingMode, in its order.
enum {
  CFK_TRN = 0,
  CFK_TRN_ZERO = 1,
  CFK_RND = 2,
  CFK_RND_ZERO = 3,
  CFK_RND_MIN_INF = 4,
  CFK_RND_INF = 5,
  CFK_RND_CONV = 6,
};

/// What one quantized Momentum update did (IntegerTraining's UpdateStatistics, with the
/// widest values as ORs of x XOR (x >> 63), whose bit length plus one is the signed width).
typedef struct {
  int64_t zero_updates;
  int64_t flips;
  int64_t momentum_saturations;
  int64_t weight_saturations;
  uint64_t momentum_magnitude;
  uint64_t weight_magnitude;
} cfk_update_counts;

/// IntegerTraining's QuantizedMomentum.apply on elements 0..<n, in place:
///   t = momentum + gradient; w = clamp(master - lr * t, +-master_bound);
///   momentum = clamp(round(t / 4), +-momentum_bound); forward = clamp(round(w / 2^16),
///   +-forward_bound) (round: `rounding`, one of the CFK_TRN... modes).
/// Counters are added to `counts`. Returns 0, or -1 when an operation overflowed 64 bits
/// (then the tensors are partly updated).
int cfk_momentum(
    int64_t *master, int64_t *momentum, int64_t *forward, const int64_t *gradient, long n,
    int64_t lr, int rounding, int64_t momentum_bound, int64_t master_bound,
    int64_t forward_bound, cfk_update_counts *counts);

/// Narrows x[0..<n] to out (keeping the low 32 bits) and returns the OR of every
/// x XOR (x >> 63): its bit length plus one is the widest signed code.
uint64_t cfk_narrow(const int64_t *x, long n, int32_t *out);

/// The largest |x[i]| of x[0..<n] (0 when n is 0).
uint64_t cfk_max_magnitude(const int64_t *x, long n);

/// The four words of Philox4x64-10 block `counter` under key (seed, stream), counter lanes
/// 1-3 zero (BitCore's CounterRNG.block).
void cfk_philox_block(uint64_t seed, uint64_t stream, uint64_t counter, uint64_t out[4]);

/// What one constant quantization did (QuantizationEvents without the count).
typedef struct {
  int64_t rounded;
  int64_t overflowed;
  /// OR of x XOR (x >> 63) over the output codes.
  uint64_t magnitude;
} cfk_quantize_counts;

/// IntegerTraining's constant quantization of elements first..<first+n of `g` (first a
/// multiple of 4), 1 <= s <= 61: element i drops its low s bits with stochastic rounding by
/// word i of the Philox stream (seed, stream) (the word is read only when the dropped bits
/// are not all zero), sign-magnitude (`floor_form` 0: |g| rounded, sign restored) or floor
/// form (two's complement), then clamps to +-bound. Writes out[first..<first+n]; counters
/// are added to `counts`.
void cfk_constant_quantize(
    const int64_t *g, long first, long n, int s, int floor_form, int64_t bound, uint64_t seed,
    uint64_t stream, int64_t *out, cfk_quantize_counts *counts);

/// x[i] shifted right by 1 <= s <= 62 bits, rounded by
/// `rounding` (a CFK_TRN... mode) and clamped to +-bound, into out[i]: the direct and shift
/// quantizers' step. Counts rounded (bits dropped) and clipped elements into `counts`.
void cfk_shift_quantize(
    const int64_t *x, long n, int s, int rounding, int64_t bound, int64_t *out,
    cfk_quantize_counts *counts);

/// E2 in the flag format (k bits, k <= threshold - 1, threshold <= 62): an element with
/// |x[i]| < 2^threshold becomes round(x[i] / 2^(threshold - k + 1)) clamped to +-2^(k-1), any
/// other round(x[i] / 2^threshold) clamped to +-(2^(k-1) - 1), times 2^(k-1). Counts as
/// IntegerTraining's e2: rounded (bits dropped or clipped), clipped.
void cfk_e2_quantize(
    const int64_t *x, long n, int threshold, int k, int rounding, int64_t *out,
    cfk_quantize_counts *counts);

#endif
