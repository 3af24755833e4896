// Differential check of the CLogicKernels C target against a scalar reference written here:
// input planes from bytes and from packed rows, and whole tiles (gate program plus output
// fields, from bytes and from packed rows), on random programs, inputs and sample counts,
// for every kernel path the CPU runs. Built natively and for aarch64 (where the portable
// path's vector code is NEON) by run.sh; exits non-zero at the first disagreement.
//
// Usage: check [trials [seed]]
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "CLogicKernels.h"

/// SplitMix64: a counter hashed, so every trial's data follows from the seed alone.
static uint64_t rng_state;
static uint64_t next_random(void) {
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
static long below(long n) { return (long)(next_random() % (uint64_t)n); }

enum { MAX_INPUTS = 300, MAX_SLOTS = 700, MAX_OPERANDS = 5 * 600, MAX_READS = 200 };

/// A random program over `inputs` inputs, with its arrays.
typedef struct {
  clk_program p;
  uint32_t load_slots[MAX_INPUTS];
  int32_t load_planes[MAX_INPUTS];
  uint8_t run_kernels[600];
  int32_t run_counts[600];
  uint32_t operands[MAX_OPERANDS];
  int32_t field_widths[32];
  uint32_t read_slots[MAX_READS];
  uint8_t read_invert[MAX_READS];
  long slot_count;
} program;

/// Operands read and results written by kernel k (NetlistSim's GateKernel raw values).
static int reads_of(int k) { return k >= 7 ? 3 : 2; }
static int writes_of(int k) { return k >= 4 ? 2 : 1; }

static void random_program(program *g, long inputs) {
  memset(g, 0, sizeof *g);
  long slots = 1 + inputs + 1 + below(200);
  long loads = 0, operands = 0, runs = 0, reads = 0;
  // Programs read only slot 0 and slots written before (by a load or an instruction).
  static long defined[MAX_SLOTS];
  static uint8_t is_defined[MAX_SLOTS];
  long defined_count = 1;
  memset(is_defined, 0, sizeof is_defined);
  defined[0] = 0;
  is_defined[0] = 1;
  for (long i = 0; i < inputs; i++) {
    if (below(8) == 0) continue;  // an unused input
    g->load_slots[loads] = (uint32_t)(64 * (1 + i));
    g->load_planes[loads++] = (int32_t)i;
    defined[defined_count++] = 1 + i;
    is_defined[1 + i] = 1;
  }
  long instructions = below(500);
  while (instructions > 0 && runs < 600) {
    int kernel = (int)below(11);
    long n = 1 + below(6);
    if (n > instructions) n = instructions;
    g->run_kernels[runs] = (uint8_t)kernel;
    g->run_counts[runs++] = (int32_t)n;
    instructions -= n;
    for (long q = 0; q < n; q++) {
      for (int r = 0; r < reads_of(kernel); r++) {
        g->operands[operands++] = (uint32_t)(64 * defined[below(defined_count)]);
      }
      // Results anywhere but slot 0 (possibly an operand's slot), two results apart.
      long result[2] = {1 + below(slots - 1), 1 + below(slots - 2)};
      if (result[1] >= result[0]) result[1]++;
      for (int w = 0; w < writes_of(kernel); w++) {
        g->operands[operands++] = (uint32_t)(64 * result[w]);
        if (!is_defined[result[w]]) defined[defined_count++] = result[w];
        is_defined[result[w]] = 1;
      }
    }
  }
  long fields = 1 + below(12);
  for (long f = 0; f < fields; f++) {
    int32_t width = (int32_t)(1 + below(31));
    if (reads + width > MAX_READS) width = 1;
    g->field_widths[f] = width;
    for (int32_t b = 0; b < width; b++) {
      g->read_slots[reads] = (uint32_t)(64 * defined[below(defined_count)]);
      g->read_invert[reads++] = (uint8_t)below(2);
    }
  }
  g->slot_count = slots;
  g->p = (clk_program){
      .load_slots = g->load_slots, .load_planes = g->load_planes, .loads = loads,
      .run_kernels = g->run_kernels, .run_counts = g->run_counts, .runs = runs,
      .operands = g->operands, .field_widths = g->field_widths, .fields = fields,
      .read_slots = g->read_slots, .read_invert = g->read_invert, .inputs = inputs};
}

/// The fields of one sample by the definition of each kernel, one bit at a time.
static void reference_sample(const program *g, const uint8_t *row, int32_t *fields) {
  static uint8_t v[MAX_SLOTS];
  memset(v, 0, sizeof v);
  for (long k = 0; k < g->p.loads; k++) v[g->load_slots[k] / 64] = row[g->load_planes[k]] != 0;
  const uint32_t *o = g->operands;
  for (long r = 0; r < g->p.runs; r++) {
    int kernel = g->run_kernels[r];
    for (long n = 0; n < g->run_counts[r]; n++) {
      int a = v[o[0] / 64], b = v[o[1] / 64], c = reads_of(kernel) == 3 ? v[o[2] / 64] : 0;
      int x = 0, y = 0;
      switch (kernel) {
        case 0: x = a & b; break;
        case 1: x = a & !b; break;
        case 2: x = !(a | b); break;
        case 3: x = a ^ b; break;
        case 4: x = a ^ b, y = a & b; break;
        case 5: x = a ^ b, y = a & !b; break;
        case 6: x = a ^ b, y = !(a | b); break;
        case 7: x = a ^ b ^ c, y = a + b + c >= 2; break;
        case 8: x = a ^ b ^ c, y = a + b + !c >= 2; break;
        case 9: x = a ^ b ^ c, y = !a + !b + c >= 2; break;
        default: x = a ^ b ^ c, y = a + b + c < 2; break;
      }
      int r0 = reads_of(kernel);
      v[o[r0] / 64] = (uint8_t)x;
      if (writes_of(kernel) == 2) v[o[r0 + 1] / 64] = (uint8_t)y;
      o += r0 + writes_of(kernel);
    }
  }
  long k = 0;
  for (long f = 0; f < g->p.fields; f++) {
    int32_t value = 0;
    for (int32_t b = 0; b < g->field_widths[f]; b++, k++) {
      value |= (int32_t)((v[g->read_slots[k] / 64] ^ g->read_invert[k]) & 1) << b;
    }
    fields[f] = value;
  }
}

static int failures = 0;
static void fail(const char *what, int path, long trial, long inputs, long count, long at) {
  fprintf(stderr, "MISMATCH %s: path %d trial %ld inputs %ld count %ld at %ld\n", what, path, trial,
          inputs, count, at);
  failures++;
}

int main(int argc, char **argv) {
  long trials = argc > 1 ? atol(argv[1]) : 200;
  rng_state = argc > 2 ? strtoull(argv[2], NULL, 10) : 15;
  static uint8_t bytes[512 * MAX_INPUTS], packed[512 * (MAX_INPUTS / 8 + 9)];
  static uint64_t expected[MAX_INPUTS * 8], planes[MAX_INPUTS * 8] __attribute__((aligned(64)));
  static program g;
  static int32_t want[512 * 32], out[512 * 32];
  static int64_t last[512];
  uint8_t *slots = aligned_alloc(64, MAX_SLOTS * 64);
  long checked_paths = 0;
  for (long trial = 0; trial < trials && failures == 0; trial++) {
    long inputs = 1 + below(trial % 4 == 0 ? 70 : MAX_INPUTS);
    long count = trial % 3 == 0 ? 512 : 1 + below(512);
    long row_bytes = (inputs + 7) / 8 + (trial % 5 == 0 ? below(9) : 0);
    for (long i = 0; i < count * inputs; i++) {
      uint64_t r = next_random();
      bytes[i] = (r & 1) ? (uint8_t)(1 + (r >> 1) % 255) : 0;
    }
    // Packed rows; the padding bits past the inputs are random (they must be ignored).
    for (long i = 0; i < count * row_bytes; i++) packed[i] = (uint8_t)next_random();
    for (long s = 0; s < count; s++) {
      for (long i = 0; i < inputs; i++) {
        uint8_t *byte = packed + s * row_bytes + i / 8;
        *byte = (uint8_t)((*byte & ~(1u << (i % 8))) | ((bytes[s * inputs + i] != 0) << (i % 8)));
      }
    }
    memset(expected, 0, sizeof expected);
    for (long s = 0; s < count; s++) {
      for (long i = 0; i < inputs; i++) {
        if (bytes[s * inputs + i]) expected[i * 8 + s / 64] |= 1ULL << (s % 64);
      }
    }
    random_program(&g, inputs);
    long fields = g.p.fields;
    for (long s = 0; s < count; s++) reference_sample(&g, bytes + s * inputs, want + s * fields);
    for (int path = 1; path <= 8; path++) {
      if (!clk_path_available(path)) continue;
      if (trial == 0) checked_paths |= 1L << path;
      memset(planes, 0xA5, sizeof planes);
      clk_planes_from_bytes(path, bytes, inputs, count, planes);
      long at = 0;
      while (at < inputs * 8 && planes[at] == expected[at]) at++;
      if (at < inputs * 8) fail("planes from bytes", path, trial, inputs, count, at);
      memset(planes, 0xA5, sizeof planes);
      clk_planes_from_packed(path, packed, row_bytes, inputs, count, planes);
      at = 0;
      while (at < inputs * 8 && planes[at] == expected[at]) at++;
      if (at < inputs * 8) fail("planes from packed rows", path, trial, inputs, count, at);
      for (int packed_input = 0; packed_input < 2; packed_input++) {
        int split = (trial + packed_input) % 2;  // the last field in `last` or in `out`
        memset(out, 0xA5, sizeof out);
        memset(last, 0xA5, sizeof last);
        if (packed_input) {
          clk_evaluate_tile_packed(path, &g.p, packed, row_bytes, count, planes, slots, out,
                                   fields, split ? last : NULL);
        } else {
          clk_evaluate_tile(path, &g.p, bytes, count, planes, slots, out, fields,
                            split ? last : NULL);
        }
        for (long s = 0; s < count; s++) {
          for (long f = 0; f < fields; f++) {
            int32_t got = split && f == fields - 1 ? (int32_t)last[s] : out[s * fields + f];
            if (got != want[s * fields + f]) {
              fail(packed_input ? "tile from packed rows" : "tile from bytes", path, trial,
                   inputs, count, s * fields + f);
              s = count;
              break;
            }
          }
        }
      }
    }
  }
  free(slots);
  if (failures) return 1;
  printf("ok: %ld trials, paths", trials);
  for (int path = 1; path <= 8; path++) {
    if (checked_paths & (1L << path)) printf(" %d", path);
  }
  printf("\n");
  return 0;
}
