// XNOR-popcount kernels for BinarizedNets' PackedBinarizedNet, in plain C with runtime
// dispatch by CPU feature (AVX-512 VPOPCNTDQ, scalar POPCNT, portable). Every path computes
// exactly the same integers; BinarizedNet's reference evaluator is the definition they are
// tested against.
//
// Layout. A block of `b` samples of a layer's ±1 inputs is stored word-major: word `w` of
// sample `s` is x[w*b + s] (bit i of word w is input 64*w + i, 1 meaning +1, bits past the
// last input zero). A neuron's weights are two rows of `words` words: p (the +1 weights) and
// m (the non-zero weights, no bit past the last input). A binary layer may pass m = NULL
// (every weight non-zero): then x and p must be zero past the last input, as they are here.
#ifndef CBINARYKERNELS_H
#define CBINARYKERNELS_H

#include <stdint.h>

/// The implementations; `cbk_best_path` picks the fastest one the CPU supports.
enum {
  CBK_PORTABLE = 1,
  CBK_POPCNT = 2,
  CBK_AVX512 = 3,
};

/// Whether `path` runs on this CPU (the portable path always does).
int cbk_path_available(int path);

/// The fastest available path.
int cbk_best_path(void);

/// The mismatch counts of `n` neurons on a block of `b` samples (`b` a multiple of 8):
/// counts[j*b + s] = sum over w < words of popcount((x[w*b + s] ^ p[j*words + w]) &
/// m[j*words + w]). A neuron's dot product is then popcount(m) - 2*counts.
void cbk_mismatches(
    int path, const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m,
    long n, int32_t *counts);

/// The output bits of `n` ≤ 64 neurons on `b` samples: bit j of y[s] is
/// (counts[j*b + s] <= limit[j]) XOR invert[j]; bits n … 63 are zero.
void cbk_activate(
    const int32_t *counts, long b, long n, const int32_t *limit, const uint8_t *invert,
    uint64_t *y);

/// A hidden layer's output word for `n` ≤ 64 neurons on `b` samples (`b` a multiple of 8):
/// bit j of y[s] is (the mismatch count of neuron j on sample s <= limit[j]) XOR invert[j];
/// bits n … 63 are zero. `counts` (n*b) is scratch space; the AVX-512 path fuses the
/// comparison into the count and does not touch it.
void cbk_hidden(
    int path, const uint64_t *x, long b, long words, const uint64_t *p, const uint64_t *m,
    long n, const int32_t *limit, const uint8_t *invert, uint64_t *y, int32_t *counts);

/// One sample's integer dot products: dots[o] = sum over i < inputs of x[i] * w[i*k + o]
/// (weights transposed), for a layer whose every partial sum fits int32.
void cbk_integer_dots(
    int path, const int32_t *x, long inputs, const int32_t *w, long k, int32_t *dots);

#endif
