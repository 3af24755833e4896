// Logic-net inference kernels in plain C with runtime dispatch by CPU feature (AVX-512 F/BW/VL,
// AVX2, portable; on arm64 the portable path's 512-bit vector types compile to NEON).
// Every path computes exactly the same bits; the portable path is the one the others are
// tested against, and NetlistSim's GateEvaluator (Swift) is the definition of the program.
//
// Layout. A *tile* is 512 samples. Input planes of a tile: planes[i*8 + w] holds input bit i
// of samples 64*w … 64*w + 63 (bit j = sample 64*w + j). A *slot* is 64 bytes (512 samples
// of one signal); a program addresses slots by byte offset (64 * slot) from a 64-byte aligned
// base, and slot 0 holds zero.
#ifndef CLOGICKERNELS_H
#define CLOGICKERNELS_H

#include <stdint.h>

/// The implementations; `clk_best_path` picks the fastest one the CPU supports.
enum {
  CLK_PORTABLE = 1,
  CLK_AVX2 = 2,
  CLK_AVX512 = 3,
};

/// Whether `path` runs on this CPU (the portable path always does).
int clk_path_available(int path);

/// The fastest available path.
int clk_best_path(void);

/// A compiled gate program (see NetlistSim's GateProgram) and the output fields to read.
typedef struct {
  /// Input loads: slot byte offset `load_slots[k]` receives input plane `load_planes[k]`.
  const uint32_t *load_slots;
  const int32_t *load_planes;
  long loads;
  /// Instruction runs: `run_counts[r]` instructions of kernel `run_kernels[r]` (NetlistSim's
  /// GateKernel raw values), their slot byte offsets in `operands` (operands, then results).
  const uint8_t *run_kernels;
  const int32_t *run_counts;
  long runs;
  const uint32_t *operands;
  /// Output fields: field f is `field_widths[f]` bits (at most 31), least significant first;
  /// bit b of all fields is read from slot byte offset `read_slots[k]`, complemented when
  /// `read_invert[k]` is non-zero, k running over the fields' bits in order.
  const int32_t *field_widths;
  long fields;
  const uint32_t *read_slots;
  const uint8_t *read_invert;
  /// The number of inputs per sample.
  long inputs;
} clk_program;

/// Input planes of one tile from `count` ≤ 512 samples of sample-major bytes: bit i of sample
/// s is set when bytes[s*inputs + i] is non-zero. Planes of samples count … 511 are zero.
void clk_planes_from_bytes(
    int path, const uint8_t *bytes, long inputs, long count, uint64_t *planes);

/// Runs `program` on `count` ≤ 512 samples of sample-major bytes: writes field f of sample s
/// to out[s*out_stride + f], except that the last field goes to last[s] when `last` is not
/// NULL. `planes` (inputs*8 words) and `slots` (the program's slot count × 64 bytes) are
/// scratch space, both 64-byte aligned (the vector paths use aligned loads and stores).
void clk_evaluate_tile(
    int path, const clk_program *program, const uint8_t *bytes, long count, uint64_t *planes,
    uint8_t *slots, int32_t *out, long out_stride, int64_t *last);

/// Runs `program` on `count` samples (any number) of sample-major bytes tile by tile, as
/// `clk_evaluate_tile` does for each 512 of them; on the AVX-512 path a whole tile's input
/// planes are transposed straight into their slots. `planes` and `slots` as for
/// `clk_evaluate_tile`.
void clk_evaluate_tiles(
    int path, const clk_program *program, const uint8_t *bytes, long count, uint64_t *planes,
    uint8_t *slots, int32_t *out, long out_stride, int64_t *last);

// Packed-bits input (packed.c). A *packed row* is one sample's inputs, one bit each: input i
// in bit i % 8 of byte i / 8 (least significant bit first), the row padded with ignored bits
// to `row_bytes` ≥ ⌈inputs / 8⌉ bytes; rows follow each other (NumPy's
// `np.packbits(x, axis=1, bitorder='little')`). Every path gives the byte path's planes.

/// Input planes of one tile from `count` ≤ 512 packed rows. Planes of samples count … 511 are
/// zero; `planes` (inputs*8 words) needs only 8-byte alignment.
void clk_planes_from_packed(
    int path, const uint8_t *packed, long row_bytes, long inputs, long count, uint64_t *planes);

/// `clk_evaluate_tile` from a tile's input planes (the layout above, 8-byte aligned) instead
/// of bytes; samples count … 511 of the planes may hold anything.
void clk_evaluate_tile_planes(
    int path, const clk_program *program, const uint64_t *planes, long count, uint8_t *slots,
    int32_t *out, long out_stride, int64_t *last);

/// `clk_evaluate_tile` from `count` ≤ 512 packed rows; `planes` is scratch space.
void clk_evaluate_tile_packed(
    int path, const clk_program *program, const uint8_t *packed, long row_bytes, long count,
    uint64_t *planes, uint8_t *slots, int32_t *out, long out_stride, int64_t *last);

#endif
