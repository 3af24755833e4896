// Internal declarations shared by the kernel files: one function per path for each step, and
// the vector type the gate program runs on.
#ifndef CLOGICKERNELS_INTERNAL_H
#define CLOGICKERNELS_INTERNAL_H

#include "CLogicKernels.h"

#if defined(__x86_64__)
#define CLK_X86 1
#define CLK_AVX2_TARGET __attribute__((target("avx2")))
#define CLK_AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vl")))
#endif

#define CLK_INLINE __attribute__((always_inline)) static inline

/// 512 samples of one signal: what one slot holds and one instruction computes. Plain
/// vector-extension operators, so each path's compiler target picks the instructions
/// (4 SSE2 or NEON, 2 AVX2, 1 AVX-512 operation, vpternlogq where it fuses).
typedef uint64_t clk_lanes __attribute__((vector_size(64), aligned(64)));

/// Input planes `input_begin` … `inputs`-1 of a tile's 64-sample groups `group_begin` …
/// `group_end`-1, samples from `count` on zero (portable code; the vector paths use it for a
/// partial last group and for the inputs past their last full vector).
void clk__planes_portable(
    const uint8_t *bytes, long inputs, long input_begin, long count, long group_begin,
    long group_end, uint64_t *planes);

#ifdef CLK_X86
void clk__planes_avx2(const uint8_t *bytes, long inputs, long count, uint64_t *planes);
void clk__planes_avx512(const uint8_t *bytes, long inputs, long count, uint64_t *planes);
/// The planes of a tile's full 64-sample groups (words of the later groups zero), input i's
/// to `base + offsets[i]` (64-byte aligned), or to `base + 64 * i` when `offsets` is NULL.
void clk__planes_avx512_to(
    const uint8_t *bytes, long inputs, long count, uint8_t *base, const uint32_t *offsets);
#endif

#endif
